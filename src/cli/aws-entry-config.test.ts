// SERVER CONFIGURATION names the AWS entry point the headers showed, as the request's own fix does:
// a REST API's x-amz-apigw-id puts the REST API configuration first, x-amzn-RequestId alone the
// Lambda function URL's (it was the HTTP API's whatever the headers said).

import { describe, expect, it } from 'vitest';
import type { HeaderList, ObservedExchange } from '../cors/index.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';

const PAGE = 'https://app.example.com';
const blocked = (headers: HeaderList): ObservedExchange => ({
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin' },
  hops: [{ url: 'https://api.example.com/items', response: { status: 200, headers: [['Content-Type', 'application/json'], ...headers] } }],
  errorText: 'net::ERR_FAILED',
});
const configOf = (text: string): string => text.slice(text.indexOf('SERVER CONFIGURATION'));

describe('SERVER CONFIGURATION for API Gateway and Lambda function URLs', () => {
  it.each<[string, HeaderList, string]>([
    ['a REST API', [['x-amzn-RequestId', 'a1'], ['x-amz-apigw-id', 'b2']], 'API Gateway REST API: an OPTIONS method (mock integration)'],
    ['an HTTP API', [['apigw-requestid', 'a1']], 'API Gateway HTTP API: corsConfiguration'],
    ['a Lambda function URL (or a gateway)', [['x-amzn-RequestId', 'a1']], 'Lambda function URL or API Gateway'],
  ])('%s: the configuration is the one the request\'s fix leads with', (_name, headers, title) => {
    const text = formatText(buildReport([blocked(headers)]), { color: false, width: 100 });
    expect(text).toContain(`Fix (aws-api-gateway): ${title}`);
    expect(configOf(text)).toMatch(new RegExp(`^  ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });
});
