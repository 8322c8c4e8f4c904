import { describe, expect, it } from 'vitest';
import { apiGatewayStatic, awsApiGatewayFixes } from './aws-api-gateway.ts';
import { contextFor } from './test-context.ts';
import { explain } from '../explain.ts';
import { API, diagnosed, exchangeOf } from '../test-diagnosis.ts';

describe('awsApiGatewayFixes', () => {
  it('HTTP API corsConfiguration and REST gateway responses for 4XX and 5XX', () => {
    const [http, rest] = awsApiGatewayFixes(contextFor({ credentials: true }));
    expect(JSON.parse(http?.snippet ?? '')).toEqual({
      AllowOrigins: ['http://127.0.0.1:5173'], AllowMethods: ['GET', 'HEAD', 'POST', 'PUT'], AllowHeaders: ['content-type', 'x-trace'],
      ExposeHeaders: [], AllowCredentials: true, MaxAge: 600,
    });
    const r = JSON.parse(rest?.snippet ?? '')['x-amazon-apigateway-gateway-responses'];
    for (const kind of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(r[kind].responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe("'http://127.0.0.1:5173'");
      expect(r[kind].responseParameters['gatewayresponse.header.Access-Control-Allow-Credentials']).toBe("'true'");
    }
  });
});

// Review R, finding 3: the gateway responses alone leave the preflight a 403 (the failure moves to
// PreflightInvalidStatus): the REST fix's snippet answers OPTIONS with a 2xx first.
describe('the REST API fix answers the preflight first', () => {
  it('an OPTIONS method with a mock integration, no authorization, and the headers, before the gateway responses', () => {
    const [, rest] = awsApiGatewayFixes(contextFor({ credentials: true }));
    const options = JSON.parse(rest!.snippet).paths['/{proxy+}'].options;
    expect(options.security).toEqual([]);
    const integration = options['x-amazon-apigateway-integration'];
    expect(integration.type).toBe('mock');
    expect(integration.requestTemplates['application/json']).toBe('{"statusCode": 200}');
    expect(integration.responses.default.statusCode).toBe('200');
    expect(integration.responses.default.responseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'http://127.0.0.1:5173'");
    expect(integration.responses.default.responseParameters['method.response.header.Access-Control-Allow-Credentials']).toBe("'true'");
    expect(Object.keys(options.responses['200'].headers)).toContain('Access-Control-Allow-Origin');
    expect(rest!.trap).toContain('First the preflight must get a 2xx');
  });
});

describe('apiGatewayStatic', () => {
  it.each([
    ['http://a.example', "'http://a.example'"],
    ["x'y", null],
    ['a\nb', null],
  ])('%j', (v, out) => expect(apiGatewayStatic(v)).toBe(out));
});

// Which API Gateway the headers show orders the tabs: x-amz-apigw-id is a REST API's alone, and
// x-amzn-RequestId without either gateway id is what a Lambda function URL sends too.
describe('the tab the headers point at comes first', () => {
  const firstOf = (headers: [string, string][]) => {
    const { diagnosis, exchange } = diagnosed(exchangeOf({ hops: [{ url: `${API}/items`, response: { status: 200, headers: [['Content-Type', 'application/json'], ...headers] } }] }));
    return explain(diagnosis, exchange).fixes.filter((f) => f.target === 'aws-api-gateway').map((f) => f.tab);
  };
  it.each<[string, [string, string][], string[]]>([
    ['REST API (x-amz-apigw-id)', [['x-amzn-RequestId', 'r'], ['x-amz-apigw-id', 'g']], ['API Gateway REST API', 'API Gateway HTTP API']],
    ['HTTP API (apigw-requestid)', [['apigw-requestid', 'r']], ['API Gateway HTTP API', 'API Gateway REST API']],
    ['a request id alone: a function URL, or a gateway', [['x-amzn-RequestId', 'r'], ['X-Amzn-Trace-Id', 'Root=1-abc']], ['Lambda function URL', 'API Gateway HTTP API', 'API Gateway REST API']],
  ])('%s', (_name, headers, tabs) => expect(firstOf(headers)).toEqual(tabs));

  it('a REST API: the Lambda behind a proxy integration must return the headers, said first', () => {
    const [rest] = awsApiGatewayFixes({ ...contextFor({}), awsEntry: 'rest-api' });
    expect(rest?.trap).toMatch(/^x-amz-apigw-id says this is a REST API\. With a Lambda proxy integration/);
  });

  it('a request id alone: the function URL fix says a gateway fits too, and how to set it', () => {
    const [url] = awsApiGatewayFixes({ ...contextFor({ credentials: true }), awsEntry: 'request-id-only' });
    expect(url?.title).toContain('Lambda function URL or API Gateway');
    expect(url?.trap).toContain('aws lambda update-function-url-config --function-name NAME --cors file://cors.json');
    expect(JSON.parse(url?.snippet ?? '')).toMatchObject({ AllowOrigins: ['http://127.0.0.1:5173'], AllowCredentials: true });
  });
});

// Review s38 R (ht-apigwrest.har): one kept token with a quote dropped the whole Allow-Headers and
// Allow-Methods lines of the REST tab; the HTTP API tab kept non-method tokens (PU$T) in AllowMethods.
describe('kept server tokens the gateways cannot take', () => {
  const base = contextFor({ credentials: true });
  const policy = { ...base.policy, headers: ['content-type', "x-'q", 'x-trace'], keptMethods: ['GET', "PO'ST", 'PU$T', 'PUT'] };
  const [http, rest] = awsApiGatewayFixes({ ...base, policy });
  it('REST: drops the token, not the line, and names it', () => {
    const params = JSON.parse(rest!.snippet)['x-amazon-apigateway-gateway-responses'].DEFAULT_4XX.responseParameters;
    expect(params['gatewayresponse.header.Access-Control-Allow-Headers']).toBe("'content-type, x-trace'");
    expect(params['gatewayresponse.header.Access-Control-Allow-Methods']).toBe("'GET, PU$T, PUT'");
    expect(rest!.trap).toContain("Left out (a quote cannot be written in a static gateway value): x-'q from Access-Control-Allow-Headers, PO'ST from Access-Control-Allow-Methods; set them in the console.");
  });
  it('HTTP API: AllowMethods only standard methods, the others named', () => {
    expect(JSON.parse(http!.snippet).AllowMethods).toEqual(['GET', 'PUT']);
    expect(http!.trap).toContain("Left out of AllowMethods, which takes only standard methods: PO'ST, PU$T.");
  });
});
