// firefoxVerdictOf() (the `firefox` field of `explain --json`) takes shortcuts: given the Chromium
// diagnosis, where the two browsers' rules cannot part (rulesAgreeOn) it reads that one; else, on
// an exchange without a `*` in a preflight's response, it asks only for Firefox's verdict, and
// builds the full Firefox diagnosis only when that verdict is blocked or a network error. Where the
// rules agree, the two diagnoses must be equal field for field. The reference is the long way, the full
// diagnosis under Firefox's rules read by firefoxVerdict(); both must give the same verdict,
// reason, logged errors and warnings on the recorded captures of both browsers, the generated
// HAR, Firefox's departures from Chromium, and arbitrary exchanges (seeded).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { browserRules, diagnose, diagnoseInFirefox, firefoxVerdict, firefoxVerdictOf, type HeaderLine, type HeaderList, type ObservedExchange } from '../../src/cors/index.ts';
import { rulesAgreeOn } from '../../src/cors/firefox/difference.ts';
import { agreementOf } from '../../src/cors/firefox/rules-agree.ts';
import { firefoxErrorText } from '../../src/cors/firefox/error-texts.ts';
import type { BrowserRules } from '../../src/cors/browser-rules.ts';
import { arbitraryExchange } from './arbitrary-exchange.ts';

function longWay(exchange: ObservedExchange) {
  return firefoxVerdict(diagnoseInFirefox(exchange), exchange);
}

/** Whether the shortcut answers alone: no preflight, and the long way finds nothing to log. */
function shortcutAnswers(exchange: ObservedExchange): boolean {
  const outcome = longWay(exchange).outcome;
  return exchange.hops.every((hop) => hop.preflight === undefined) && (outcome === 'allowed' || outcome === 'uncertain');
}

/** Both shortcuts give the long way's verdict; where the rules agree, Chromium's diagnosis is Firefox's. Returns how many agreed. */
function expectSame(exchanges: readonly ObservedExchange[]): number {
  let agreed = 0;
  for (const exchange of exchanges) {
    const long = longWay(exchange);
    expect(firefoxVerdictOf(exchange)).toEqual(long);
    const chromium = diagnose(exchange, browserRules('chromium'));
    expect(firefoxVerdictOf(exchange, chromium)).toEqual(long);
    if (rulesAgreeOn(exchange)) {
      agreed++;
      expect(diagnoseInFirefox(exchange)).toEqual(chromium);
    }
  }
  return agreed;
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
    expect(expectSame(exchanges)).toBeGreaterThan(1000);
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

  it("where Firefox's rules depart from Chromium's, with a preflight", () => {
    const allowAll = (extra: HeaderList = []): HeaderList => [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ...extra];
    const put = (hop: Partial<ObservedExchange['hops'][number]>, extra: Partial<ObservedExchange['request']> = {}, errorText?: string): ObservedExchange =>
      exchange('PUT', [{ url: `${API}/a`, response: { status: 200, headers: allowAll() }, ...hop }], extra, errorText);
    const preflight = (status: number, headers: HeaderList) => ({ url: `${API}/a`, requestHeaders: [['Access-Control-Request-Method', 'PUT']] as HeaderList, response: { status, headers } });
    const cases: ObservedExchange[] = [
      // Firefox's one warning: `*` letting Authorization through (Chromium's advisory too).
      put({ preflight: preflight(204, allowAll([['Access-Control-Allow-Headers', '*']])) }, { headers: [...BROWSER, ['Authorization', 'Bearer x']] as HeaderList }),
      // A client hint Firefox preflights and Chromium does not, the preflight allowing other names.
      put({ preflight: preflight(204, allowAll([['Access-Control-Allow-Headers', 'x-a']])) }, { headers: [...BROWSER, ['Save-Data', 'on']] as HeaderList }),
      // A redirected preflight: Firefox checks its CORS headers first.
      put({ preflight: preflight(307, [['Location', `${API}/b`]]), response: null }, {}, 'net::ERR_FAILED'),
      // From the preflight cache, to an IP literal (both browsers' caches answer there).
      put({ preflightFromCache: true, response: null }, {}, 'NS_ERROR_DOM_BAD_URI'),
      put({ preflightFromCache: true }),
      // Firefox's sign of a CORS failure, after a passing preflight.
      put({ preflight: preflight(204, allowAll()), response: null }, {}, 'NS_ERROR_DOM_BAD_URI'),
      // Local Network Access: a public page, its preflight to loopback never answered, or answered
      // but with a mismatched targetAddressSpace.
      put({ preflight: { url: `${API}/a`, requestHeaders: [], response: null }, response: null }, { initiatorOrigin: 'https://public.example', headers: [['Origin', 'https://public.example']] as HeaderList }, 'net::ERR_FAILED'),
      put({ preflight: preflight(204, allowAll()), response: null }, { targetAddressSpaceMismatch: true }, 'net::ERR_FAILED'),
      // Access-Control-Max-Age above Chromium's cap (7200 s) or Firefox's (86400 s): advice under
      // one browser's rules or with its own cap; at Chromium's cap, none under either.
      put({ preflight: preflight(204, allowAll([['Access-Control-Max-Age', '86400']])) }),
      put({ preflight: preflight(204, allowAll([['access-control-max-age', '100000']])) }),
      put({ preflight: preflight(204, allowAll([['Access-Control-Max-Age', '7200']])) }),
      // Where they agree: a passing preflight, and one refusing the method.
      put({ preflight: preflight(204, allowAll()) }),
      put({ preflight: preflight(204, [['Access-Control-Allow-Origin', PAGE]]), response: null }, {}, 'net::ERR_FAILED'),
    ];
    expect(expectSame(cases)).toBeGreaterThan(3);
    expect(cases.filter(rulesAgreeOn).length).toBeLessThan(cases.length - 6);
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
    let agreed = 0;
    fc.assert(
      fc.property(varied, (x) => {
        if (shortcutAnswers(x)) shortcuts++;
        if (expectSame([x]) === 1) agreed++;
      }),
      { numRuns: 3000, seed: 1414 },
    );
    expect(shortcuts).toBeGreaterThan(300);
    expect(agreed).toBeGreaterThan(20);
  });

  it('on arbitrary one-hop exchanges, most of them where the rules agree', () => {
    const notRedirected = <R extends { status: number } | null>(r: R): R => (r !== null && r.status >= 300 && r.status < 400 ? { ...r, status: r.status + 100 } : r);
    const errorText = fc.constantFrom(undefined, 'net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', 'net::ERR_CONNECTION_REFUSED', '');
    const oneHop = fc.tuple(arbitraryExchange, fc.boolean(), errorText).map(([x, keep3xx, text]) => {
      const first = x.hops[0];
      if (first === undefined) return x;
      const hop = keep3xx
        ? first
        : { ...first, response: notRedirected(first.response), ...(first.preflight ? { preflight: { ...first.preflight, response: notRedirected(first.preflight.response) } } : {}) };
      const varied: ObservedExchange = { ...x, hops: [hop] };
      if (text === undefined) delete varied.errorText;
      else varied.errorText = text;
      return varied;
    });
    let agreed = 0;
    fc.assert(
      fc.property(oneHop, (x) => {
        agreed += expectSame([x]);
      }),
      { numRuns: 3000, seed: 2424 },
    );
    expect(agreed).toBeGreaterThan(600);
  });
});

describe('firefoxVerdictOf: redirected exchanges and requests that got no response', () => {
  // Exchanges shaped like real captures, where rulesAgreeOn's argument has most to weigh: redirects
  // followed (or not) to other origins, with or without credentials in the URL, preflights at any
  // hop, preflights from the cache for IP and named hosts, either browser's error texts and the LNA
  // check's own, a public page reaching a loopback or a private server, and the capture stopping
  // anywhere. Each side of every condition is generated often enough to be seen both ways.
  const PUBLIC_PAGE = 'https://app.example';
  const origins = fc.constantFrom(PAGE, PUBLIC_PAGE, 'https://api.example', 'http://127.0.0.1:2222', 'http://192.168.1.5', 'http://localhost:3333', 'http://[::1]:4444', 'http://u:p@api.example');
  const path = fc.constantFrom('/a', '/b?x=1', '/c/d');
  const hopUrl = fc.oneof({ weight: 19, arbitrary: fc.tuple(origins, path).map(([o, p]) => o + p) }, { weight: 1, arbitrary: fc.constantFrom('data:,x', 'ftp://a/b', 'HTTPS://API.example/a') });
  const corsLines = fc.subarray([
    ['Access-Control-Allow-Origin', PAGE],
    ['Access-Control-Allow-Origin', '*'],
    ['Access-Control-Allow-Origin', 'null'],
    ['Access-Control-Allow-Origin', PUBLIC_PAGE],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Allow-Methods', 'PUT, DELETE'],
    ['Access-Control-Allow-Headers', 'x-a, authorization'],
    ['Access-Control-Allow-Headers', '*'],
  ] as HeaderLine[]);
  const status = (redirect: boolean) =>
    redirect ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(301, 302, 303, 307, 308) }, { weight: 1, arbitrary: fc.constantFrom(300, 304, 200) }) : fc.constantFrom(200, 204, 404, 500, 302, 0);
  const response = (redirect: boolean, to: string) =>
    fc.option(fc.tuple(status(redirect), corsLines, fc.nat(4)).map(([code, lines, location]) => ({ status: code, headers: location > 0 ? [['Location', to] as HeaderLine, ...lines] : lines })), { nil: null, freq: redirect ? 8 : 3 });
  const preflight = (url: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc
          .record({
            url: fc.constant(url),
            requestHeaders: fc.constantFrom<HeaderList>([['Access-Control-Request-Method', 'PUT']], [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-a']]),
            response: fc.option(fc.tuple(fc.constantFrom(200, 204, 307, 403), corsLines).map(([code, lines]) => ({ status: code, headers: code === 307 ? [['Location', `${url}/next`] as HeaderLine, ...lines] : lines })), { nil: null, freq: 5 }),
            networkError: fc.constantFrom(undefined, 'net::ERR_CONNECTION_REFUSED', 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS'),
          })
          .map((p) => {
            if (p.networkError === undefined) delete (p as { networkError?: string }).networkError;
            return p as NonNullable<ObservedExchange['hops'][number]['preflight']>;
          }),
      },
    );
  const redirected = fc
    .tuple(fc.array(hopUrl, { minLength: 1, maxLength: 4 }), fc.nat(21), fc.boolean())
    .map(([urls, extra, long]) => (long && extra > 17 ? [...urls, ...Array.from({ length: extra }, (_, i) => `https://api.example/r${i}`)] : urls))
    .chain((urls) =>
      fc.tuple(
        ...urls.map((url, i) =>
          fc.record({ url: fc.constant(url), response: response(i < urls.length - 1, urls[i + 1] ?? `${url}/next`), preflight: preflight(url), preflightFromCache: fc.boolean() }).map((hop) => {
            if (hop.preflight === undefined) delete (hop as { preflight?: unknown }).preflight;
            return hop as ObservedExchange['hops'][number];
          }),
        ),
      ),
    );
  const request = fc.record(
    {
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      // A client hint (Chromium's safelisted, Firefox's not) in one request of five.
      headers: fc
        .tuple(fc.subarray([['Accept', '*/*'], ['Origin', PAGE], ['Cookie', 'a=1'], ['Authorization', 'Bearer x'], ['X-A', '1'], ['Content-Type', 'application/json']] as HeaderLine[]), fc.nat(4))
        .map(([lines, hint]) => (hint === 0 ? [...lines, ['Save-Data', 'on'] as HeaderLine] : lines)),
      initiatorOrigin: fc.constantFrom(PAGE, PUBLIC_PAGE),
      credentialsMode: fc.constantFrom('omit' as const, 'same-origin' as const, 'include' as const),
      mode: fc.constantFrom('cors' as const, 'no-cors' as const),
      redirectMode: fc.constantFrom('follow' as const, 'manual' as const, 'error' as const),
      targetAddressSpaceMismatch: fc.boolean(),
    },
    { requiredKeys: ['method', 'headers', 'initiatorOrigin'] },
  );
  const errorText = fc.constantFrom(undefined, '', 'net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS');
  const exchanges = fc.tuple(request, redirected, errorText).map(([req, hops, text]) => {
    const x: ObservedExchange = { request: req, hops };
    if (text !== undefined) x.errorText = text;
    return x;
  });

  it('give the long way\'s verdict, and where the rules agree, the same diagnosis', () => {
    let agreedRedirected = 0;
    let agreedWithoutResponse = 0;
    let redirectedSeen = 0;
    fc.assert(
      fc.property(exchanges, (x) => {
        if (x.hops.length > 1) redirectedSeen++;
        if (expectSame([x]) === 1) {
          if (x.hops.length > 1) agreedRedirected++;
          if (x.hops[x.hops.length - 1]!.response === null) agreedWithoutResponse++;
        }
      }),
      { numRuns: 8000, seed: 2626 },
    );
    // The comparison means something only if the shortcut is taken often, on both shapes. (Redirected
    // requests with a method that is not safelisted, or only redirect-removable unsafe headers, are
    // left to the Firefox replay since preflightCarriedAcrossRedirects, and those failing with a
    // network error Firefox names otherwise, as the name differs: 57 redirected and 93 unanswered remain.)
    expect(redirectedSeen).toBeGreaterThan(4000);
    expect(agreedRedirected).toBeGreaterThan(45);
    expect(agreedWithoutResponse).toBeGreaterThan(80);
  });

  it('on the exchanges each condition guards, where the two diagnoses differ', () => {
    const to = (url: string, extra: HeaderList = [['Access-Control-Allow-Origin', '*']]) => ({ status: 302, headers: [['Location', url] as HeaderLine, ...extra] });
    const ok = { status: 200, headers: [['Access-Control-Allow-Origin', '*']] as HeaderList };
    const chain = Array.from({ length: 21 }, (_, i) => ({ url: `${API}/r${i}`, response: to(`${API}/r${i + 1}`) }));
    const guarded: ObservedExchange[] = [
      // A preflight after a cross-origin redirect tainted the origin: Chromium's sends `null`.
      exchange('PUT', [
        { url: `${API}/a`, response: { status: 307, headers: [['Location', 'https://other.example/b'], ['Access-Control-Allow-Origin', PAGE]] } },
        {
          url: 'https://other.example/b',
          preflight: { url: 'https://other.example/b', requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']] } },
          response: ok,
        },
      ], { mode: 'cors' }),
      // One redirect too many: each browser's own error text.
      exchange('GET', [...chain, { url: `${API}/r21`, response: ok }], { mode: 'cors' }),
      // The capture stops at the next URL, unanswered, no error text: Chromium's page took the
      // redirect itself ("manual"); Firefox's HAR cannot tell "manual" from "error".
      exchange('GET', [{ url: `${API}/a`, response: to(`${API}/b`) }, { url: `${API}/b`, response: null }], { mode: 'cors' }),
      // Redirect mode "error", no error text: each browser's CORS failure text.
      exchange('GET', [{ url: `${API}/a`, response: to(`${API}/b`) }, { url: `${API}/b`, response: ok }], { mode: 'cors', redirectMode: 'error' }, ''),
      // A "no-cors" redirect to a scheme that is not HTTP(S), no error text: each browser's CORS failure text.
      exchange('GET', [{ url: `${API}/a`, response: to('ftp://127.0.0.1/b') }, { url: 'ftp://127.0.0.1/b', response: ok }], { mode: 'no-cors' }, ''),
      // A "no-cors" redirect to a URL with credentials: Chromium refuses it.
      exchange('GET', [{ url: `${API}/a`, response: to('http://u:p@127.0.0.1:2222/b') }, { url: 'http://u:p@127.0.0.1:2222/b', response: ok }], { mode: 'no-cors' }),
      // A same-origin GET with Authorization redirected to api, which dropped it: Firefox preflights
      // api anyway, and the capture has no answer to that preflight.
      exchange('GET', [{ url: `${PAGE}/a`, response: to(`${API}/b`) }, { url: `${API}/b`, response: ok }], { mode: 'cors', headers: [...BROWSER, ['Authorization', 'Bearer x']] }),
    ];
    // A network failure Firefox names otherwise: its diagnosis says Firefox's name (NS_ERROR_…).
    guarded.push(exchange('GET', [{ url: `${API}/a`, response: null }], { mode: 'cors' }, 'net::ERR_CONNECTION_REFUSED'));
    guarded.push(exchange('PUT', [{ url: `${API}/a`, preflight: { url: `${API}/a`, requestHeaders: [], response: null, networkError: 'net::ERR_CONNECTION_RESET' }, response: null }], { mode: 'cors' }, 'net::ERR_FAILED'));
    for (const x of guarded) {
      expect(rulesAgreeOn(x)).toBe(false);
      expect(diagnoseInFirefox(x)).not.toEqual(diagnose(x, browserRules('chromium')));
    }
    expectSame(guarded);
  });

  it('hold the generated HAR\'s redirected and unanswered exchanges to the same diagnosis', () => {
    const exchanges = exchangesFromHar(generateHar(3000, 5)).filter((x) => x.hops.length > 1 || x.hops[0]?.response === null || x.hops[0]?.preflightFromCache === true);
    expect(exchanges.length).toBeGreaterThan(200);
    // All but the network failures Firefox names otherwise (its diagnosis says NS_ERROR_…).
    const renamed = exchanges.filter((x) => x.errorText !== undefined && firefoxErrorText(x.errorText) !== x.errorText);
    expect(renamed.length).toBeGreaterThan(0);
    expect(expectSame(exchanges)).toBe(exchanges.length - renamed.length);
  });
});

// rulesAgreeOn is read off the rules' data (src/cors/firefox/rules-agree.ts): each rule on which the
// two browsers differ is weighed by the shapes of an exchange that can lead a replay to read it. A
// rule that comes to differ, or a new one, with no such argument must make the shortcut step aside.
describe('rulesAgreeOn follows the rules on which the browsers differ', () => {
  const chromium = browserRules('chromium');
  const firefox = browserRules('firefox');
  const plain = exchange('GET', [{ url: `${API}/a`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }], { mode: 'cors' });

  it('every rule on which Chromium and Firefox differ today has its argument: the shortcut is taken', () => {
    expect(agreementOf(chromium, firefox)).not.toBeNull();
    expect(rulesAgreeOn(plain)).toBe(true);
  });

  it('a rule that comes to differ with no argument made for it: the shortcut steps aside for every exchange', () => {
    const departed: BrowserRules = { ...firefox, redirectModeErrorAfterLocationChecks: !chromium.redirectModeErrorAfterLocationChecks };
    expect(agreementOf(chromium, departed)).toBeNull();
  });

  it('a new rule, unknown to the argument, that differs: the shortcut steps aside', () => {
    const withNewRule = { ...firefox, sendsSomethingNew: true } as unknown as BrowserRules;
    expect(agreementOf(chromium, withNewRule)).toBeNull();
    // The same new rule with the same value in both is no difference.
    expect(agreementOf({ ...chromium, sendsSomethingNew: true } as unknown as BrowserRules, withNewRule)).not.toBeNull();
  });

  it('a difference with an argument keeps the shortcut off exactly where its exchanges lead', () => {
    // Identical rules: every exchange agrees. One difference (client hints): only a request with one leaves the shortcut.
    const same = agreementOf(chromium, { ...chromium });
    const hints = agreementOf(chromium, { ...chromium, safelistsClientHints: false });
    const withHint = exchange('GET', plain.hops, { mode: 'cors', headers: [...BROWSER, ['Save-Data', 'on']] });
    expect(same?.(withHint)).toBe(true);
    expect(hints?.(plain)).toBe(true);
    expect(hints?.(withHint)).toBe(false);
    expect(diagnose(withHint, { ...chromium, safelistsClientHints: false })).not.toEqual(diagnose(withHint, chromium));
  });
});
