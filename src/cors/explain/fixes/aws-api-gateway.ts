// API Gateway: HTTP API `corsConfiguration`, REST API CORS and gateway responses.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, NULL_ORIGIN_TRAP, OPAQUE_PAGE_NULL_TRAP, privateNetworkWords, replacedNote } from './context.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';

/**
 * A REST gateway-response header value is a static string in single quotes inside JSON; there is
 * no escape for a quote in it, so a value holding one is left out.
 */
export function apiGatewayStatic(value: string): string | null {
  return /['\u0000-\u001f\u007f]/.test(value) ? null : `'${value}'`;
}

/**
 * The methods an HTTP API's AllowMethods takes (its API reference lists these and `*`); any other
 * token, a server's kept `PU$T` for instance, would make update-api fail, so it is left out.
 */
const HTTP_API_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', '*']);

export function awsApiGatewayFixes(ctx: FixContext): Fix[] {
  const p = ctx.policy;
  const note = replacedNote(p);
  const methods = [...new Set(fixMethods(p))];
  const otherMethods = methods.filter((m) => !HTTP_API_METHODS.has(m));
  const httpApi = {
    AllowOrigins: allowedOrigins(p),
    AllowMethods: methods.filter((m) => HTTP_API_METHODS.has(m)),
    AllowHeaders: p.headers,
    ExposeHeaders: p.expose,
    AllowCredentials: p.credentials,
    MaxAge: Math.min(p.maxAge ?? 600, 86400),
  };
  const params: Record<string, string> = {};
  const left: string[] = [];
  const put = (name: string, value: string): void => {
    const v = apiGatewayStatic(value);
    if (v !== null) params[`gatewayresponse.header.${name}`] = v;
    else left.push(name);
  };
  put('Access-Control-Allow-Origin', p.origin);
  if (p.credentials) put('Access-Control-Allow-Credentials', 'true');
  // A list loses only its items holding a quote (a kept server token may), not the whole line.
  const putList = (name: string, items: readonly string[]): void => {
    const quoted = items.filter((item) => apiGatewayStatic(item) === null);
    const rest = items.filter((item) => apiGatewayStatic(item) !== null);
    if (rest.length > 0) put(name, rest.join(', '));
    if (quoted.length > 0) left.push(`${quoted.join(', ')} from ${name}`);
  };
  if (p.headers.length > 0) putList('Access-Control-Allow-Headers', p.headers);
  if (listsMethods(p)) putList('Access-Control-Allow-Methods', fixMethods(p));
  // The preflight needs an ok status first (https://fetch.spec.whatwg.org/#cors-preflight-fetch):
  // an OPTIONS method answered by a mock integration, as the console's "Enable CORS" creates it
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/enable-cors-for-resource-using-swagger-importer-tool.html);
  // the gateway responses only add the headers to the errors the gateway answers itself.
  const methodParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) methodParams[name.replace(/^gatewayresponse\./, 'method.response.')] = value;
  // The server's own preflight max-age, on the preflight's answer alone (a number: no quote to escape).
  if (p.maxAge !== undefined) methodParams['method.response.header.Access-Control-Max-Age'] = `'${p.maxAge}'`;
  // Several page origins: a static value names one, so the OPTIONS answer picks the request's
  // Origin in a mapping template, only when it is one of them; the gateway responses cannot.
  const picked = p.origins === undefined ? null : originTemplate(p);
  if (picked !== null) {
    delete methodParams['method.response.header.Access-Control-Allow-Origin'];
    methodParams['method.response.header.Vary'] = "'Origin'";
  }
  const declared = [...new Set([...Object.keys(methodParams), ...(picked !== null ? ['method.response.header.Access-Control-Allow-Origin'] : [])])];
  const restResponses = {
    paths: {
      '/{proxy+}': {
        options: {
          security: [],
          responses: { '200': { description: 'CORS preflight', headers: Object.fromEntries(declared.map((name) => [name.slice('method.response.header.'.length), { schema: { type: 'string' } }])) } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            passthroughBehavior: 'never',
            responses: { default: { statusCode: '200', responseParameters: methodParams, ...(picked !== null ? { responseTemplates: { 'application/json': picked } } : {}) } },
          },
        },
      },
    },
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: { responseParameters: params },
      DEFAULT_5XX: { responseParameters: params },
    },
  };
  const restTrap = [
    // x-amz-apigw-id is a REST API's alone: the Lambda behind a proxy integration first.
    ...(ctx.awsEntry === 'rest-api' ? [LAMBDA_PROXY] : []),
    'First the preflight must get a 2xx: the OPTIONS method above answers it with a mock integration and no authorization (in the console: Resources > the resource > Enable CORS creates it), on each resource the page calls (/{proxy+} stands for them). The gateway responses then put the headers on the 4xx/5xx the gateway answers itself (auth failures, throttling, timeouts). Merge this into the OpenAPI definition, then Deploy API.',
    ...(ctx.awsEntry === 'rest-api' ? [] : ['With Lambda proxy integration the Lambda must return the CORS headers on its own responses.']),
    ...(p.origins !== undefined
      ? [
          `A static header value names one origin, so the OPTIONS answer above picks the request's Origin in its mapping template, only when it is one of the page origins ($context.responseOverride). Gateway responses take only static values (or the request's Origin unchecked, which would allow every site): they name the first, ${p.origins[0]!}; for the other page origins the errors the gateway answers itself (401, 403, 429, 5xx) reach the page as CORS errors. The Lambda or backend behind must check the Origin against the same list on its own responses.`,
        ]
      : []),
    note,
    privateNetworkWords(ctx, 'This configuration', false),
    left.length > 0 ? `Left out (a quote cannot be written in a static gateway value): ${left.join(', ')}; set them in the console.` : null,
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  const http: Fix = {
    target: 'aws-api-gateway',
    // Two fixes for one target: each tab says which kind of API it is for.
    tab: 'API Gateway HTTP API',
    title: 'API Gateway HTTP API: corsConfiguration',
    language: 'json',
    snippet: JSON.stringify(httpApi, null, 2),
    trap: `aws apigatewayv2 update-api --api-id ID --cors-configuration file://cors.json. The gateway then answers OPTIONS itself; the integration's own CORS headers are ignored.${otherMethods.length > 0 ? ` Left out of AllowMethods, which takes only standard methods: ${otherMethods.join(', ')}.` : ''}${nullTrap(ctx, note)}${pnaWords(ctx)}`,
  };
  const rest: Fix = {
    target: 'aws-api-gateway',
    tab: 'API Gateway REST API',
    title: 'API Gateway REST API: an OPTIONS method (mock integration), and CORS on gateway error responses',
    language: 'json',
    snippet: JSON.stringify(restResponses, null, 2),
    trap: restTrap.join(' '),
  };
  // x-amz-apigw-id is a REST API's alone: its tab first.
  if (ctx.awsEntry === 'rest-api') return [rest, http];
  // x-amzn-RequestId alone: a Lambda function URL sends it too (and neither gateway id).
  if (ctx.awsEntry === 'request-id-only') return [functionUrlFix(ctx, httpApi, note), http, rest];
  return [http, rest];
}

/**
 * The mock integration's response template choosing Access-Control-Allow-Origin for several page
 * origins: the request's Origin header, set as the answer's only when it equals one of them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html).
 * The header name is looked up as the browser sent it (HTTP/2 sends it lower-case). Each origin is
 * a single-quoted VTL string; one that cannot be written so (a quote) is left out.
 */
function originTemplate(p: NeededPolicy): string | null {
  const listed = allowedOrigins(p).map(apiGatewayStatic).filter((o): o is string => o !== null);
  if (listed.length === 0) return null;
  return [
    "#set($origin = $input.params().header.get('Origin'))",
    "#if(\"$!origin\" == \"\")#set($origin = $input.params().header.get('origin'))#end",
    `#if(${listed.map((o) => `$origin == ${o}`).join(' || ')})`,
    '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    '#end',
  ].join('\n');
}

/** The private-network words of a tab whose configuration cannot send the line, with a leading space. */
function pnaWords(ctx: FixContext): string {
  const words = privateNetworkWords(ctx, 'This configuration', false);
  return words === null ? '' : ` ${words}`;
}

const LAMBDA_PROXY = 'x-amz-apigw-id says this is a REST API. With a Lambda proxy integration the gateway only passes the Lambda\'s response on: the Lambda must return the CORS headers itself (on errors too).';

function nullTrap(ctx: FixContext, note: string | null): string {
  return `${note ? ' ' + note : ''}${ctx.policy.originTainted ? ' ' + NULL_ORIGIN_TRAP : ctx.policy.originOpaque ? ' ' + OPAQUE_PAGE_NULL_TRAP : ''}`;
}

/** A Lambda function URL's own CORS (the same fields as an HTTP API's). https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors */
function functionUrlFix(ctx: FixContext, cors: Record<string, unknown>, note: string | null): Fix {
  return {
    target: 'aws-api-gateway',
    tab: 'Lambda function URL',
    title: 'Lambda function URL or API Gateway: the headers fit both; CORS on the function URL',
    language: 'json',
    snippet: JSON.stringify(cors, null, 2),
    trap: `x-amzn-RequestId and X-Amzn-Trace-Id without an API Gateway id are what a Lambda function URL sends, and an API Gateway may too: if the URL is a function URL (<url-id>.lambda-url.<region>.on.aws), aws lambda update-function-url-config --function-name NAME --cors file://cors.json (the URL then answers OPTIONS itself; the function's own CORS headers are replaced). Otherwise see the API Gateway tabs.${nullTrap(ctx, note)}${pnaWords(ctx)}`,
  };
}
