// What the curl pair sends at the hop where the browser stopped, beyond what curl.exec.test.ts runs
// with the real curl: the headers a browser recomputes or keeps to itself.

import { describe, expect, it } from 'vitest';
import { diagnose, explain, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { curlPair } from './curl-requests.ts';

const PAGE = 'https://app.example';

/** A POST from PAGE to `first`, redirected (307) to `second`, which answers without CORS headers. */
function redirected(first: string, second: string, headers: HeaderLine[]): ObservedExchange {
  return {
    request: { method: 'POST', headers: [['Origin', PAGE], ['Content-Type', 'text/plain'], ...headers], body: 'b' },
    hops: [
      { url: first, response: { status: 307, headers: [['Location', second], ['Access-Control-Allow-Origin', PAGE]] } },
      { url: second, response: { status: 200, headers: [] } },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

function sentAtFailingHop(observed: ObservedExchange): HeaderLine[] {
  const diagnosis = diagnose(observed);
  return curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true }).request.headers;
}

const referer = (headers: HeaderLine[]) => headers.find(([name]) => name.toLowerCase() === 'referer')?.[1] ?? null;

describe('the Referer at a later hop (determined again for each redirect, default policy)', () => {
  it.each<[string, string, string, string, string | null]>([
    ['the page origin, then another: the origin alone', `${PAGE}/api/save`, 'https://other.example/save', `${PAGE}/account/12345?tab=billing`, `${PAGE}/`],
    ['https to http: none', `${PAGE}/api/save`, 'http://other.example/save', `${PAGE}/account/12345`, null],
    ['back to the page origin: the full URL still', 'https://api.example/a', `${PAGE}/b`, `${PAGE}/account/12345`, `${PAGE}/account/12345`],
    ['a first URL of another origin: already what the page sends across origins, kept', 'https://api.example/a', 'https://other.example/b', `${PAGE}/`, `${PAGE}/`],
    ['a full URL to another origin at the first hop (a permissive page policy): kept', 'https://api.example/a', 'https://other.example/b', `${PAGE}/account/1`, `${PAGE}/account/1`],
  ])('%s', (_about, first, second, captured, sent) => {
    expect(referer(sentAtFailingHop(redirected(first, second, [['Referer', captured]])))).toBe(sent);
  });
});

describe('headers for a proxy', () => {
  it('Proxy-Authorization is never sent to the server, at the first hop or after a redirect', () => {
    const observed = redirected(`${PAGE}/api/save`, 'https://other.example/save', [['Proxy-Authorization', 'Basic cHJveHk6c2VjcmV0']]);
    expect(sentAtFailingHop(observed).map(([name]) => name)).not.toContain('Proxy-Authorization');
    const direct: ObservedExchange = { ...observed, hops: [{ url: 'https://api.example/x', response: { status: 200, headers: [] } }] };
    expect(sentAtFailingHop(direct).map(([name]) => name)).not.toContain('Proxy-Authorization');
  });
});
