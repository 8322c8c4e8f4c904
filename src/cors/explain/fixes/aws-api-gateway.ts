// API Gateway: HTTP API `corsConfiguration`, REST API CORS and gateway responses.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, NULL_ORIGIN_TRAP, OPAQUE_PAGE_NULL_TRAP, replacedNote } from './context.ts';
import { fixMethods, listsMethods } from '../policy.ts';

/**
 * A REST gateway-response header value is a static string in single quotes inside JSON; there is
 * no escape for a quote in it, so a value holding one is left out.
 */
export function apiGatewayStatic(value: string): string | null {
  return /['\u0000-\u001f\u007f]/.test(value) ? null : `'${value}'`;
}

export function awsApiGatewayFixes(ctx: FixContext): Fix[] {
  const p = ctx.policy;
  const note = replacedNote(p);
  const httpApi = {
    AllowOrigins: [p.origin],
    AllowMethods: [...new Set(fixMethods(p))],
    AllowHeaders: p.headers,
    ExposeHeaders: p.expose,
    AllowCredentials: p.credentials,
    MaxAge: 600,
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
  if (p.headers.length > 0) put('Access-Control-Allow-Headers', p.headers.join(', '));
  if (listsMethods(p)) put('Access-Control-Allow-Methods', fixMethods(p).join(', '));
  const rest = {
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: { responseParameters: params },
      DEFAULT_5XX: { responseParameters: params },
    },
  };
  const restTrap = [
    'In the console: Resources > Enable CORS on the resource (it creates the OPTIONS method), then Deploy API; merge this into the OpenAPI definition so 4xx/5xx answered by the gateway itself (auth failures, throttling, timeouts) carry the headers too. With Lambda proxy integration the Lambda must return the CORS headers on its own responses.',
    note,
    left.length > 0 ? `Left out (a quote cannot be written in a static gateway value): ${left.join(', ')}; set them in the console.` : null,
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return [
    {
      target: 'aws-api-gateway',
      // Two fixes for one target: each tab says which kind of API it is for.
      tab: 'API Gateway HTTP API',
      title: 'API Gateway HTTP API: corsConfiguration',
      language: 'json',
      snippet: JSON.stringify(httpApi, null, 2),
      trap: `aws apigatewayv2 update-api --api-id ID --cors-configuration file://cors.json. The gateway then answers OPTIONS itself; the integration's own CORS headers are ignored.${note ? ' ' + note : ''}${ctx.policy.originTainted ? ' ' + NULL_ORIGIN_TRAP : ctx.policy.originOpaque ? ' ' + OPAQUE_PAGE_NULL_TRAP : ''}`,
    },
    {
      target: 'aws-api-gateway',
      tab: 'API Gateway REST API',
      title: 'API Gateway REST API: enable CORS, and CORS on gateway error responses',
      language: 'json',
      snippet: JSON.stringify(rest, null, 2),
      trap: restTrap.join(' '),
    },
  ];
}
