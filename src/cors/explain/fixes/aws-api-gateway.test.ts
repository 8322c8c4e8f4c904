import { describe, expect, it } from 'vitest';
import { apiGatewayStatic, awsApiGatewayFixes } from './aws-api-gateway.ts';
import { contextFor } from './test-context.ts';

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

describe('apiGatewayStatic', () => {
  it.each([
    ['http://a.example', "'http://a.example'"],
    ["x'y", null],
    ['a\nb', null],
  ])('%j', (v, out) => expect(apiGatewayStatic(v)).toBe(out));
});
