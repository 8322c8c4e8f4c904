import { describe, expect, it } from 'vitest';
import type { HeaderLine, ObservedExchange, RequestMode } from './exchange.ts';
import { checkRedirectLocation, isRedirectHop, isRedirectResponse, isRedirectStatus, isSafeRedirectTarget, methodAfterRedirect, requestAfterRedirect, requestAtHop, responseLocation, taintsOrigin } from './redirect.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';

describe('redirect rules', () => {
  it.each([
    [301, true],
    [302, true],
    [303, true],
    [307, true],
    [308, true],
    [300, false],
    [304, false],
    [200, false],
  ])('isRedirectStatus(%i) = %s', (status, expected) => {
    expect(isRedirectStatus(status)).toBe(expected);
  });

  // https://fetch.spec.whatwg.org/#redirect-status: 300, 304 and 305 are no redirect, whatever they
  // carry; a redirect status is one only with a Location to follow (or a next hop that followed it).
  const LOCATION: HeaderLine[] = [['Location', `${API}/next`]];
  it.each([300, 301, 302, 303, 304, 305, 307, 308])('isRedirectResponse / isRedirectHop for %i', (status) => {
    const redirect = isRedirectStatus(status);
    expect([
      isRedirectResponse({ status, headers: [] }, false),
      isRedirectResponse({ status, headers: LOCATION }, false),
      isRedirectResponse({ status, headers: [] }, true),
      isRedirectResponse({ status, headers: LOCATION }, true),
    ]).toEqual([false, redirect, redirect, redirect]);
    const hop = (headers: HeaderLine[]) => ({ url: `${API}/a`, response: { status, headers } });
    const exchange = (hops: ObservedExchange['hops']): ObservedExchange => ({ request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE }, hops });
    const next = { url: `${API}/next`, response: { status: 200, headers: [] } };
    expect([
      isRedirectHop(exchange([hop([])]), 0),
      isRedirectHop(exchange([hop(LOCATION)]), 0),
      isRedirectHop(exchange([hop([]), next]), 0),
      isRedirectHop(exchange([hop(LOCATION), next]), 1),
    ]).toEqual([false, redirect, redirect, false]);
  });
  it('no response is no redirect', () => {
    expect(isRedirectResponse(null, true)).toBe(false);
  });

  // A HAR may record where a 3xx pointed (`redirectURL`) with no Location line: the capture carries it
  // as the response's location URL, and a redirect the browser did not follow (its CORS check
  // failed, so no next hop) is still a redirect, not "the response".
  it.each([300, 301, 302, 303, 304, 305, 307, 308])('a location URL recorded apart from the headers makes %i a redirect as a Location does', (status) => {
    const response = { status, headers: [], locationUrl: `${API}/next` };
    expect(isRedirectResponse(response, false)).toBe(isRedirectStatus(status));
    const exchange: ObservedExchange = { request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE }, hops: [{ url: `${API}/a`, response }] };
    expect(isRedirectHop(exchange, 0)).toBe(isRedirectStatus(status));
  });

  it('responseLocation: the Location lines as the browser reads them, else the location URL recorded apart', () => {
    expect(responseLocation({ status: 302, headers: [['Location', '/a'], ['location', '/b']], locationUrl: `${API}/c` })).toBe('/a, /b');
    expect(responseLocation({ status: 302, headers: [], locationUrl: `${API}/c` })).toBe(`${API}/c`);
    expect(responseLocation({ status: 302, headers: [] })).toBeNull();
    expect(responseLocation(null)).toBeNull();
  });

  it.each<[string, string, RequestMode, boolean, string | null]>([
    ['plain cross-origin location', OTHER + '/x', 'cors', true, null],
    ['credentials in location with the CORS flag', 'http://u:p@localhost:3333/x', 'cors', true, 'RedirectContainsCredentials'],
    ['credentials in a cross-origin location, no CORS flag yet', 'http://u:p@localhost:3333/x', 'cors', false, 'RedirectContainsCredentials'],
    ['credentials in a same-origin location, no CORS flag', 'http://u:p@127.0.0.1:1111/x', 'cors', false, null],
    ['no-cors ignores credentials', 'http://u:p@localhost:3333/x', 'no-cors', false, null],
  ])('checkRedirectLocation: %s', (_d, location, mode, corsFlag, expected) => {
    expect(checkRedirectLocation(location, mode, PAGE, corsFlag)).toBe(expected);
  });

  it.each([
    ['http(s) location', 'https://a.example/x', true],
    ['data: location (net::ERR_UNSAFE_REDIRECT)', 'data:text/plain,hi', false],
    ['ftp: location reaches the CORS code', 'ftp://a.example/', true],
    ['file: location', 'file:///etc/passwd', false],
  ])('isSafeRedirectTarget: %s', (_d, location, expected) => {
    expect(isSafeRedirectTarget(location)).toBe(expected);
  });

  it.each([
    ['api → other from page: tainted', API, OTHER, true],
    ['api → api: not tainted', API, API, false],
    ['page → other (request was same-origin): not tainted', PAGE, OTHER, false],
    ['api → page: tainted (origin differs from current URL)', API, PAGE, true],
  ])('taintsOrigin: %s', (_d, current, location, expected) => {
    expect(taintsOrigin(current, location, PAGE)).toBe(expected);
  });

  it.each([
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [302, 'PUT', 'PUT'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [307, 'POST', 'POST'],
    [308, 'DELETE', 'DELETE'],
  ])('methodAfterRedirect(%i, %s) = %s', (status, method, expected) => {
    expect(methodAfterRedirect(status, method)).toBe(expected);
  });
});

describe('the request after a redirect (HTTP-redirect fetch steps 12-13)', () => {
  const headers: HeaderLine[] = [
    ['Origin', PAGE],
    ['Authorization', 'Bearer t'],
    ['Content-Type', 'application/json'],
    ['Content-Language', 'en'],
    ['X-Trace', '1'],
  ];
  const names = (list: readonly HeaderLine[]) => list.map(([name]) => name);
  it.each<[string, number, string, string, string, string[]]>([
    ['307 to the same origin: everything kept', 307, 'PUT', API, 'PUT', ['Origin', 'Authorization', 'Content-Type', 'Content-Language', 'X-Trace']],
    ['307 to another origin: Authorization dropped', 307, 'PUT', OTHER, 'PUT', ['Origin', 'Content-Type', 'Content-Language', 'X-Trace']],
    ['302 of a POST, same origin: GET without the request-body headers', 302, 'POST', API, 'GET', ['Origin', 'Authorization', 'X-Trace']],
    ['303 of a PUT to another origin: GET, neither body headers nor Authorization', 303, 'PUT', OTHER, 'GET', ['Origin', 'X-Trace']],
    ['301 of a PUT: kept (only POST turns into GET)', 301, 'PUT', API, 'PUT', ['Origin', 'Authorization', 'Content-Type', 'Content-Language', 'X-Trace']],
  ])('%s', (_about, status, method, location, nextMethod, kept) => {
    const next = requestAfterRedirect(status, method, headers, API, location);
    expect(next.method).toBe(nextMethod);
    expect(names(next.headers)).toEqual(kept);
  });

  it('requestAtHop follows every redirect before the hop, and no further than the capture', () => {
    const exchange: ObservedExchange = {
      request: { method: 'POST', headers, body: '{}' },
      hops: [
        { url: `${API}/a`, response: { status: 307, headers: [['Location', `${API}/b`]] } },
        { url: `${API}/b`, response: { status: 302, headers: [['Location', `${OTHER}/c`]] } },
        { url: `${OTHER}/c`, response: null },
      ],
      errorText: 'net::ERR_FAILED',
    };
    expect(requestAtHop(exchange, 0)).toEqual({ method: 'POST', headers, bodyDropped: false });
    expect(requestAtHop(exchange, 1)).toEqual({ method: 'POST', headers, bodyDropped: false });
    const last = requestAtHop(exchange, 2);
    expect([last.method, names(last.headers), last.bodyDropped]).toEqual(['GET', ['Origin', 'X-Trace'], true]);
    // A hop past the capture's: the redirects it holds, no more.
    expect(requestAtHop(exchange, 9)).toEqual(last);
  });
});
