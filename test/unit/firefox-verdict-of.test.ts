// firefoxVerdictOf() (the `firefox` field of `explain --json`) takes a shortcut: on an exchange
// without a preflight it asks only for Firefox's verdict, and builds the full Firefox diagnosis
// only when that verdict is blocked or a network error. The reference is the long way, the full
// diagnosis under Firefox's rules read by firefoxVerdict(); both must give the same verdict,
// reason, logged errors and warnings on the recorded captures of both browsers, the generated
// HAR, Firefox's departures from Chromium, and arbitrary exchanges (seeded).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { diagnoseInFirefox, firefoxVerdict, firefoxVerdictOf, type HeaderLine, type HeaderList, type ObservedExchange } from '../../src/cors/index.ts';
import { arbitraryExchange } from './arbitrary-exchange.ts';

function longWay(exchange: ObservedExchange) {
  return firefoxVerdict(diagnoseInFirefox(exchange), exchange);
}

/** Whether the shortcut answers alone: no preflight, and the long way finds nothing to log. */
function shortcutAnswers(exchange: ObservedExchange): boolean {
  const outcome = longWay(exchange).outcome;
  return exchange.hops.every((hop) => hop.preflight === undefined) && (outcome === 'allowed' || outcome === 'uncertain');
}

function expectSame(exchanges: readonly ObservedExchange[]): void {
  for (const exchange of exchanges) expect(firefoxVerdictOf(exchange)).toEqual(longWay(exchange));
}

const fixture = (path: string) => exchangesFromHar(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const BROWSER: HeaderList = [['Accept', '*/*'], ['Origin', PAGE], ['Sec-Fetch-Mode', 'cors']];

function exchange(method: string, hops: ObservedExchange['hops'], extra: Partial<ObservedExchange['request']> = {}, errorText?: string): ObservedExchange {
  const x: ObservedExchange = { request: { method, headers: BROWSER, initiatorOrigin: PAGE, ...extra }, hops };
  if (errorText !== undefined) x.errorText = errorText;
  return x;
}

describe('firefoxVerdictOf: the shortcut gives what the full Firefox diagnosis gives', () => {
  it('on the recorded Chromium and Firefox HARs and the generated one', () => {
    const exchanges = [...fixture('public.devtools.har'), ...fixture('firefox-devtools/public.har'), ...exchangesFromHar(generateHar(3000, 3))];
    // Enough of them take the shortcut for the comparison to mean something.
    expect(exchanges.filter(shortcutAnswers).length).toBeGreaterThan(500);
    expectSame(exchanges);
  });

  it("where Firefox's rules depart from Chromium's, without a preflight", () => {
    const acao = (value: string): HeaderList => [['Access-Control-Allow-Origin', value]];
    const cases: ObservedExchange[] = [
      // A "no-cors" redirect to a URL with credentials: Chromium refuses it, Firefox follows it.
      exchange('GET', [{ url: `${API}/r`, response: { status: 302, headers: [['Location', 'http://u:p@127.0.0.1:2222/x']] } }, { url: 'http://u:p@127.0.0.1:2222/x', response: { status: 200, headers: [] } }], { mode: 'no-cors' }),
      // A 3xx where the capture stops, no error text: Firefox's HAR cannot tell "manual" from "error".
      exchange('GET', [{ url: `${API}/r`, response: { status: 302, headers: [['Location', `${API}/next`], ...acao('*')] } }]),
      exchange('GET', [{ url: `${API}/r`, response: { status: 302, headers: [['Location', `${API}/next`], ...acao('*')] } }], { redirectMode: 'error' }),
      // A client hint Chromium safelists and Firefox preflights; the preflight missing, from the cache or not.
      exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: acao('*') } }], { headers: [...BROWSER, ['Save-Data', 'on']] as HeaderList }),
      exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: acao('*') }, preflightFromCache: true }], { headers: [...BROWSER, ['DPR', '2']] as HeaderList }),
      exchange('GET', [{ url: `${API}/a`, response: null, preflightFromCache: true }], { headers: [...BROWSER, ['X-A', '1']] as HeaderList }, 'NS_ERROR_DOM_BAD_URI'),
      // Each browser's own sign of a CORS failure, and a refused connection.
      exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: [] } }], {}, 'NS_ERROR_DOM_BAD_URI'),
      exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: acao(PAGE) } }], { credentialsMode: 'include' }, 'net::ERR_FAILED'),
      exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: acao('*') } }], {}, 'NS_ERROR_DOM_BAD_URI'),
      exchange('GET', [{ url: `${API}/a`, response: null }], {}, 'NS_ERROR_CONNECTION_REFUSED'),
      // Local Network Access: Chromium refuses a public page reaching loopback; Firefox asks the user.
      exchange('GET', [{ url: `${API}/a`, response: null }], { initiatorOrigin: 'https://public.example', headers: [['Origin', 'https://public.example']] as HeaderList }, 'net::ERR_FAILED'),
    ];
    expectSame(cases);
    expect(cases.filter(shortcutAnswers).length).toBeGreaterThan(2);
  });

  it('on arbitrary exchanges, most without a preflight, with either browser’s error texts and client hints', () => {
    const clientHint = fc.tuple(fc.constantFrom('Save-Data', 'DPR', 'Device-Memory', 'Viewport-Width', 'Width', 'sec-ch-ua'), fc.constantFrom('on', '2', '8', '1280', '?0')).map((line) => line as unknown as HeaderLine);
    const errorText = fc.constantFrom(undefined, 'net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', 'NS_ERROR_CONNECTION_REFUSED', 'NS_BINDING_ABORTED', 'NS_ERROR_REDIRECT_LOOP', '');
    const varied = fc.tuple(arbitraryExchange, fc.boolean(), fc.option(clientHint, { nil: undefined }), errorText).map(([x, dropPreflights, hint, text]) => {
      const hops = dropPreflights ? x.hops.map(({ preflight: _preflight, ...hop }) => hop) : x.hops;
      const headers = hint === undefined ? x.request.headers : [...x.request.headers, hint];
      const varied: ObservedExchange = { ...x, request: { ...x.request, headers }, hops };
      if (text === undefined) delete varied.errorText;
      else varied.errorText = text;
      return varied;
    });
    let shortcuts = 0;
    fc.assert(
      fc.property(varied, (x) => {
        if (shortcutAnswers(x)) shortcuts++;
        expect(firefoxVerdictOf(x)).toEqual(longWay(x));
      }),
      { numRuns: 3000, seed: 1414 },
    );
    expect(shortcuts).toBeGreaterThan(300);
  });
});
