import { describe, expect, it } from 'vitest';
import type { Check } from './diagnosis.ts';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { checkPreflightResponse } from './preflight-check.ts';
import { readCorsResponseHeaders } from './response-headers.ts';

const O = 'http://127.0.0.1:1111';

describe('checkPreflightResponse: Chromium order', () => {
  it.each<[string, number, HeaderList, string, string[], CredentialsMode, string | null, string]>([
    ['redirect first, even with ACAO', 302, [['Access-Control-Allow-Origin', O], ['Location', '/x']], 'PUT', [], 'omit', 'PreflightDisallowedRedirect', ''],
    ['404 without headers: the CORS check fails first', 404, [], 'DELETE', [], 'omit', 'PreflightMissingAllowOriginHeader', ''],
    ['404 with ACAO: the status fails', 404, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'DELETE']], 'DELETE', [], 'omit', 'PreflightInvalidStatus', ''],
    ['* with credentials', 204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']], 'PUT', [], 'include', 'PreflightWildcardOriginNotAllowed', ''],
    ['mismatch', 204, [['Access-Control-Allow-Origin', 'http://x.example']], 'PUT', [], 'omit', 'PreflightAllowOriginMismatch', 'http://x.example'],
    ['credentials without ACAC', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT']], 'PUT', [], 'include', 'PreflightInvalidAllowCredentials', ''],
    ['invalid methods syntax before the method check', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'GET PUT']], 'PUT', [], 'omit', 'InvalidAllowMethodsPreflightResponse', ''],
    ['invalid headers syntax before the method check', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Headers', 'x a']], 'PUT', [], 'omit', 'InvalidAllowHeadersPreflightResponse', ''],
    ['method not listed', 204, [['Access-Control-Allow-Origin', O]], 'PUT', [], 'omit', 'MethodDisallowedByPreflightResponse', 'PUT'],
    ['method compared byte for byte', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PATCH']], 'patch', [], 'omit', 'MethodDisallowedByPreflightResponse', 'patch'],
    ['method * without credentials', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', '*']], 'PATCH', [], 'omit', null, ''],
    ['method * with credentials is literal', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', '*']], 'PATCH', [], 'include', 'MethodDisallowedByPreflightResponse', 'PATCH'],
    ['safelisted method needs no listing', 200, [['Access-Control-Allow-Origin', O]], 'POST', ['x-trace'], 'omit', 'HeaderDisallowedByPreflightResponse', 'x-trace'],
    ['headers listed in any case', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Headers', 'X-A, x-b']], 'GET', ['x-a', 'x-b'], 'omit', null, ''],
    ['all good', 204, [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'GET, PUT']], 'PUT', [], 'omit', null, ''],
  ])('%s', (_d, status, headers, method, unsafe, credentials, error, param) => {
    const result = checkPreflightResponse(status, readCorsResponseHeaders(headers), method, unsafe, credentials, O, 0, null);
    expect([result.corsError, result.failedParameter]).toEqual([error, param]);
  });

  it('records the checks it ran, in order, and stops at the failure', () => {
    const log: Check[] = [];
    checkPreflightResponse(404, readCorsResponseHeaders([['Access-Control-Allow-Origin', O]]), 'PUT', [], 'omit', O, 0, log);
    expect(log.map((c) => `${c.name}:${c.outcome}`)).toEqual([
      'preflight-redirect:passed',
      'preflight-allow-origin:passed',
      'preflight-allow-credentials:skipped',
      'preflight-ok-status:failed',
    ]);
  });
});
