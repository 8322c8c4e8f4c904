// The probe the panel offers for an exchange targets the URL whose answer decides, with the origin
// the browser sent there: after a redirect, its target and (across origins) `null`, since the probe
// follows no redirect and refuses a URL that redirects.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../exchange.ts';
import { probeTargetOf } from './probe-target.ts';
import { API, PAGE, diagnosed, exchangeOf } from './test-diagnosis.ts';

const ACAO: [string, string] = ['Access-Control-Allow-Origin', PAGE];
const through = (location: string, final: [string, string][] | null, redirectMode?: 'follow'): ObservedExchange =>
  exchangeOf({
    ...(redirectMode ? { redirectMode } : {}),
    hops: [
      { url: `${API}/a`, response: { status: 302, headers: [ACAO, ['Location', location]] } },
      ...(final === null ? [] : [{ url: new URL(location, `${API}/a`).href, response: { status: 200, headers: final } }]),
    ],
    errorText: 'net::ERR_FAILED',
  });

describe('probeTargetOf, by default', () => {
  it.each<[string, ObservedExchange, { url: string; origin: string }]>([
    ['one hop: its URL and the page origin', exchangeOf({ errorText: 'net::ERR_FAILED' }), { url: `${API}/items`, origin: PAGE }],
    ['blocked after a cross-origin redirect: the target, Origin null', through('http://localhost:9/b', [ACAO]), { url: 'http://localhost:9/b', origin: 'null' }],
    ['allowed after a cross-origin redirect: the target, Origin null', through('http://localhost:9/b', [['Access-Control-Allow-Origin', '*']]), { url: 'http://localhost:9/b', origin: 'null' }],
    ['blocked after a same-origin redirect: the target, the page origin', through('/b', []), { url: `${API}/b`, origin: PAGE }],
    ['a redirect that passes where the capture ends: its Location, Origin null', through('http://localhost:9/b', null, 'follow'), { url: 'http://localhost:9/b', origin: 'null' }],
    ['the same within the API origin: its Location, the page origin', through('/b', null, 'follow'), { url: `${API}/b`, origin: PAGE }],
  ])('%s', (_n, x, expected) => {
    const { diagnosis } = diagnosed(x);
    expect(probeTargetOf(diagnosis, x)).toMatchObject(expected);
  });

  it('an advisory names its own hop', () => {
    const x = through('http://localhost:9/b', [ACAO]);
    expect(probeTargetOf(diagnosed(x).diagnosis, x, 0)).toMatchObject({ url: `${API}/a`, origin: PAGE });
  });
});

describe('probeTargetOf asks with the request the browser sent to the probed URL', () => {
  const redirected = (method: string, headers: [string, string][], status: number, to: string, final: boolean): ObservedExchange =>
    exchangeOf({
      method,
      headers: [['Origin', PAGE], ...headers],
      ...(final ? {} : { redirectMode: 'follow' as const }),
      hops: [
        { url: `${API}/r`, response: { status, headers: [ACAO, ['Location', to]] } },
        ...(final ? [{ url: to, response: { status: 200, headers: [] } }] : []),
      ],
      errorText: 'net::ERR_FAILED',
    });
  it.each<[string, ObservedExchange, { method: string; headers: string[] }]>([
    ['POST with Authorization, 302 across origins: GET without it', redirected('POST', [['Authorization', 'Bearer x']], 302, 'http://localhost:9/final', true), { method: 'GET', headers: [] }],
    ['PUT with X-Trace and a JSON body, 303: GET with X-Trace', redirected('PUT', [['X-Trace', '1'], ['Content-Type', 'application/json']], 303, 'http://localhost:9/final', true), { method: 'GET', headers: ['x-trace'] }],
    ['PUT with Authorization, 307 across origins: PUT without it', redirected('PUT', [['Authorization', 'Bearer x']], 307, 'http://localhost:9/final', true), { method: 'PUT', headers: [] }],
    ['PUT with Authorization, 307 within the origin: PUT with it', redirected('PUT', [['Authorization', 'Bearer x']], 307, `${API}/final`, true), { method: 'PUT', headers: ['authorization'] }],
    ['a 302 past the capture: the Location, asked with GET without Authorization', redirected('POST', [['Authorization', 'Bearer x']], 302, 'http://localhost:9/final', false), { method: 'GET', headers: [] }],
  ])('%s', (_n, x, expected) => {
    expect(probeTargetOf(diagnosed(x).diagnosis, x)).toMatchObject(expected);
  });

  it('an advisory about the first hop asks with the first request', () => {
    const x = redirected('POST', [['Authorization', 'Bearer x']], 302, 'http://localhost:9/final', true);
    expect(probeTargetOf(diagnosed(x).diagnosis, x, 0)).toMatchObject({ method: 'POST', headers: ['authorization'] });
  });
});
