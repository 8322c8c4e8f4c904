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
