// Which disallowed request header Chromium names, as the engine replays it: the first CORS-unsafe
// name in the order the capture lists the request's headers (Blink's own order, which DevTools and
// its HAR keep), not the first in alphabetical order. test/scenarios/preflight-header-order.json
// records the runs in Chromium 156 these cases restate.

import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import type { CredentialsMode, HeaderList, ObservedExchange } from './exchange.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';

function put(headers: HeaderList, allowHeaders: string | null, credentialsMode: CredentialsMode = 'same-origin'): ObservedExchange {
  const preflight: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']];
  if (credentialsMode === 'include') preflight.push(['Access-Control-Allow-Credentials', 'true']);
  if (allowHeaders !== null) preflight.push(['Access-Control-Allow-Headers', allowHeaders]);
  const url = `${API}/x`;
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ...headers], initiatorOrigin: PAGE, credentialsMode, mode: 'cors' },
    hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: preflight } }, response: null }],
    errorText: 'net::ERR_FAILED',
  };
}

describe('failedParameter among several disallowed request headers', () => {
  it.each<[string, ObservedExchange, string]>([
    // As the provisional headers of a blocked request list them (`order-sentry-trace-then-baggage`).
    ['sentry-trace before baggage', put([['sentry-trace', '1'], ['sec-ch-ua-platform', '"Linux"'], ['Referer', `${PAGE}/`], ['baggage', 'b']], null), 'sentry-trace'],
    ['baggage listed first', put([['baggage', 'b'], ['sentry-trace', '1']], null), 'baggage'],
    ['one of them allowed', put([['sentry-trace', '1'], ['baggage', 'b']], 'sentry-trace'), 'baggage'],
    ['a safelisted name with an unsafe value keeps its place', put([['X-Trace', '1'], ['Content-Type', 'application/json']], null), 'x-trace'],
    ["credentials and '*': the first name, whichever it is", put([['X-Trace', '1'], ['Authorization', 'Bearer t']], '*', 'include'), 'x-trace'],
  ])('%s', (_d, exchange, name) => {
    const d = diagnose(exchange);
    expect([d.corsError, d.failedParameter]).toEqual(['HeaderDisallowedByPreflightResponse', name]);
    // The verdict-only path names the same header.
    expect(diagnoseVerdict(exchange).failedParameter).toBe(name);
  });

  it('still lists every name to allow, sorted, as Access-Control-Request-Headers does', () => {
    const d = diagnose(put([['sentry-trace', '1'], ['baggage', 'b']], null));
    expect(d.checks.find((c) => c.name === 'preflight-headers')).toMatchObject({ outcome: 'failed', expected: 'baggage, sentry-trace', reason: 'no-allow-headers' });
  });
});
