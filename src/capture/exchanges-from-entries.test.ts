import { describe, expect, it } from 'vitest';
import type { HeaderLine, ObservedExchange } from '../cors/index.ts';
import { exchangesFromEntries, serializedOriginOf } from './exchanges-from-entries.ts';
import { API, PAGE, preflight, request } from './testing-entries.ts';

describe('serializedOriginOf', () => {
  it.each([
    ['https://app.test/page?q=1', 'https://app.test'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    [`https://app.test/${'a'.repeat(3000)}`, 'https://app.test'],
    [`https://app.test/${'a'.repeat(3000)}`, 'https://app.test'],
    ['data:text/plain,hi', undefined],
    ['not a url', undefined],
    [`${'x'.repeat(3000)}`, undefined],
  ])('%s', (url, origin) => {
    // The long URLs are not memoized; asked twice, they give the same origin.
    expect(serializedOriginOf(url)).toBe(origin);
  });
});

describe('a preflight at a later hop of a redirect, whose request entry lists provisional headers only', () => {
  // A same-origin request redirected to api: Chromium preflights api before the redirected request
  // (test/scenarios/redirects-from-page.json). When that preflight fails, the hop's entry never went
  // out and DevTools lists only User-Agent and Referer for it; its preflight asks for the page's headers.
  const PROVISIONAL: HeaderLine[] = [['User-Agent', 'x'], ['Referer', `${PAGE}/`]];
  function chain(method: string, status: number, headers: HeaderLine[], next: string, asks: [string, string | undefined]): ObservedExchange[] {
    const unsent = request(next, `${API}/1`, 106, { status: 0, error: 'net::ERR_FAILED' });
    unsent.requestHeaders = PROVISIONAL;
    return exchangesFromEntries([
      request(method, `${PAGE}/0`, 100, { status, redirectTo: `${API}/1`, headers }),
      unsent,
      preflight(`${API}/1`, 107, asks[0], asks[1], { status: 405, responseHeaders: [] }),
    ]);
  }
  it.each<{ about: string; exchanges: ObservedExchange[]; paired: boolean }>([
    { about: 'GET with X-Custom, 302', exchanges: chain('GET', 302, [['X-Custom', '1']], 'GET', ['GET', 'x-custom']), paired: true },
    { about: 'PUT with X-Custom, 303: the preflight is for a GET with x-custom', exchanges: chain('PUT', 303, [['X-Custom', '1']], 'GET', ['GET', 'x-custom']), paired: true },
    { about: 'POST application/json, 307: Content-Type kept', exchanges: chain('POST', 307, [['Content-Type', 'application/json']], 'POST', ['POST', 'content-type']), paired: true },
    { about: 'a preflight asking for a header the page did not set is another request\'s', exchanges: chain('GET', 302, [['X-Custom', '1']], 'GET', ['GET', 'x-other']), paired: false },
    { about: 'Authorization is removed at another origin: a preflight asking for it is not this request\'s', exchanges: chain('GET', 302, [['Authorization', 'Bearer a']], 'GET', ['GET', 'authorization']), paired: false },
  ])('$about', ({ exchanges, paired }) => {
    const redirected = exchanges.find((x) => x.hops.length === 2);
    expect(redirected?.hops[1]?.preflight !== undefined).toBe(paired);
  });
});
