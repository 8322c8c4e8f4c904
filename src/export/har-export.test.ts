import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, explain, type ObservedExchange } from '../cors/index.ts';
import { harFromExchanges, serializeHar, type ExportedHar } from './har-export.ts';
import { redactExchange } from './redact-exchange.ts';
import { allowedExchange, canaryExchange, recordedExchanges, unsentExchange } from './testing-exchanges.ts';
import { VALUES_NOT_CAPTURED } from './unsent-values.ts';

const exchanges = recordedExchanges();

/** The page POSTs JSON to its own origin, which answers 303 to api; the browser goes on with a GET, which api allows. */
const PAGE = 'http://127.0.0.1:1111';
const REDIRECTED_POST: ObservedExchange = {
  request: {
    method: 'POST',
    headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE], ['Content-Type', 'application/json']],
    initiatorOrigin: PAGE,
    mode: 'cors',
    body: '{}',
    bodySize: 2,
  },
  hops: [
    { url: `${PAGE}/s/0`, response: { status: 303, headers: [['Location', 'http://127.0.0.1:2222/s/1']] } },
    { url: 'http://127.0.0.1:2222/s/1', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
  ],
  startedAt: 1,
};

/**
 * The page GETs api, which answers 302 to another origin: the redirect taints the request's origin
 * (https://fetch.spec.whatwg.org/#http-redirect-fetch step 14), so the second hop goes with
 * `Origin: null`, which its `Access-Control-Allow-Origin: null` allows (conformance scenario
 * `redirect-cross-origin-acao-null`). No preflight shows that `null`.
 */
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';
const TAINTED_GET: ObservedExchange = {
  request: { method: 'GET', headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [
    { url: `${API}/s/0`, response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', `${OTHER}/s/1`]] } },
    { url: `${OTHER}/s/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'null']] } },
  ],
  startedAt: 1,
};

/**
 * The page PUTs `x` to api, which answers 307 to another origin: method and body go on, the origin
 * tainted (conformance scenario `redirect-preflighted-put-307-cross-origin-star`).
 */
const TAINTED_PUT: ObservedExchange = {
  request: {
    method: 'PUT',
    headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['Origin', PAGE]],
    initiatorOrigin: PAGE,
    mode: 'cors',
    body: 'x',
    bodySize: 1,
  },
  hops: [
    {
      url: `${API}/s/0`,
      preflight: {
        url: `${API}/s/0`,
        requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']] },
      },
      response: { status: 307, headers: [['Access-Control-Allow-Origin', '*'], ['Location', `${OTHER}/s/1`]] },
    },
    {
      url: `${OTHER}/s/1`,
      preflight: {
        url: `${OTHER}/s/1`,
        requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', 'null']],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']] },
      },
      response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] },
    },
  ],
  startedAt: 1,
};

function originsSent(har: ReturnType<typeof harFromExchanges>): (string | undefined)[] {
  return har.log.entries
    .filter((entry) => entry._resourceType === 'fetch')
    .map((entry) => entry.request.headers.find((header) => header.name.toLowerCase() === 'origin')?.value);
}

/**
 * `exchange` without the age of each preflight cache entry that answered (`preflightCacheEntry.ageMs`):
 * the HAR holds no preflight's own timing beyond the times the writer gives its entries, so the
 * reader finds the same hit, of the same Max-Age, some milliseconds older or younger.
 */
function withoutCacheAges(exchange: ObservedExchange): ObservedExchange {
  return { ...exchange, hops: exchange.hops.map((hop) => (hop.preflightCacheEntry === undefined ? hop : { ...hop, preflightCacheEntry: { ...hop.preflightCacheEntry, ageMs: 0 } })) };
}

describe('harFromExchanges', () => {
  // A 3xx whose target the capture recorded apart from its headers (a HAR's `redirectURL`, no
  // Location line), not followed: its CORS check failed. The export writes the target as the
  // entry's `redirectURL`, and the reader carries it back as the response's location URL.
  it("round-trips a redirect's location URL recorded apart from its headers", () => {
    const refused: ObservedExchange = {
      request: { method: 'GET', headers: [['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [{ url: `${API}/s/0`, response: { status: 302, headers: [], locationUrl: `${OTHER}/s/1?token=tok_querysecret1` } }],
      errorText: 'net::ERR_FAILED',
      startedAt: 1,
    };
    const har = harFromExchanges([refused]);
    expect(har.log.entries.map((entry) => entry.response.redirectURL)).toEqual([`${OTHER}/s/1?token=REDACTED-QUERY-SECRET`]);
    const back = exchangesFromHar(JSON.parse(serializeHar(har)));
    expect(back).toEqual([redactExchange(refused)]);
    expect(back[0]!.hops[0]!.response!.locationUrl).toBe(`${OTHER}/s/1?token=REDACTED-QUERY-SECRET`);
    expect(diagnose(back[0]!).checks.find((check) => check.outcome === 'failed')).toMatchObject({ name: 'allow-origin', hop: 0 });
  });

  // A response the browser's HTTP cache gave (`fromCache`, a DevTools HAR's `_fromCache`) may be a
  // copy stored for another origin: the fix then keeps no origin from it. Written back as DevTools
  // writes it (on the entry, `disk` or `memory`), a re-imported file reads the same verdict and words.
  it("round-trips a response from the browser's cache as DevTools' _fromCache, with the same verdict and words", () => {
    const cached: ObservedExchange = {
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://admin.example.com']], fromCache: true } }],
      errorText: 'net::ERR_FAILED',
      startedAt: 1,
    };
    const words = (exchange: ObservedExchange) => JSON.stringify(explain(diagnose(exchange), exchange));
    for (const includeSecrets of [false, true]) {
      const har = harFromExchanges([cached], { includeSecrets });
      expect(har.log.entries.map((entry) => entry._fromCache)).toEqual(['disk']);
      const back = exchangesFromHar(JSON.parse(serializeHar(har)));
      expect(back).toEqual([includeSecrets ? cached : redactExchange(cached)]);
      expect(diagnose(back[0]!).verdict).toBe(diagnose(cached).verdict);
      expect(words(back[0]!)).toBe(words(cached));
    }
    // From the network: no `_fromCache`, as DevTools deletes it.
    const fresh = harFromExchanges([{ ...cached, hops: [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://admin.example.com']] } }] }]);
    expect(fresh.log.entries.map((entry) => '_fromCache' in entry)).toEqual([false]);
  });

  it('round-trips the recorded exchanges through exchangesFromHar (redacted, nothing else changed)', () => {
    const back = exchangesFromHar(JSON.parse(serializeHar(harFromExchanges(exchanges))));
    expect(back.map(withoutCacheAges)).toEqual(exchanges.map((exchange) => withoutCacheAges(redactExchange(exchange))));
    expect(back.map((exchange) => diagnose(exchange).verdict)).toEqual(exchanges.map((exchange) => diagnose(exchange).verdict));
  });

  it('says on the request its failed preflight kept off the wire that its values were not captured, and reads back the same', () => {
    for (const includeSecrets of [false, true]) {
      const har = harFromExchanges([unsentExchange()], { includeSecrets });
      const [request, preflight] = har.log.entries;
      expect(request!.request.comment).toBe(VALUES_NOT_CAPTURED);
      expect(preflight!.request.comment).toBeUndefined();
      // The HAR reader takes no comment for a header or a value: the exchange comes back as written.
      const back = exchangesFromHar(JSON.parse(serializeHar(har)));
      const written = includeSecrets ? unsentExchange() : redactExchange(unsentExchange());
      expect(back.map((exchange) => [exchange.request.headers, exchange.request.body, exchange.hops])).toEqual([[written.request.headers, written.request.body, written.hops]]);
    }
    // Answered: the values were captured, no comment.
    const answered = unsentExchange();
    answered.hops[0]!.preflight!.response = { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'authorization, content-type']] };
    answered.hops[0]!.response = { status: 200, headers: [] };
    expect(harFromExchanges([answered]).log.entries[0]!.request.comment).toBeUndefined();
  });

  it('the comment holds no header name: hostile names stay in their own JSON strings', () => {
    const names = ['X-Evil"</script><script>alert(1)</script>', 'X-Line\r\nInjected: 1', 'x-\u202eemanrev'];
    const text = serializeHar(harFromExchanges([unsentExchange(names)]));
    const har = JSON.parse(text) as ExportedHar;
    expect(har.log.entries[0]!.request.comment).toBe(VALUES_NOT_CAPTURED);
    expect(text).not.toContain('</script>');
  });

  it('says the sanitized file has secrets replaced only when it has', () => {
    expect(harFromExchanges([canaryExchange()]).log.comment).toMatch(/secrets were replaced by REDACTED-\.\.\. placeholders/);
    const clean = harFromExchanges([allowedExchange()]);
    expect(clean.log._redactions).toEqual([]);
    expect(clean.log.comment).not.toMatch(/replaced/);
    expect(clean.log.comment).toMatch(/found no secret to replace/);
  });

  it('round-trips them as captured with includeSecrets', () => {
    expect(exchangesFromHar(harFromExchanges(exchanges, { includeSecrets: true })).map(withoutCacheAges)).toEqual(exchanges.map(withoutCacheAges));
  });

  it('writes each preflight as an entry of its own, as Chrome does', () => {
    const har = harFromExchanges([canaryExchange()]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.map((entry) => [entry.request.method, entry._resourceType])).toEqual([
      ['PUT', 'fetch'],
      ['OPTIONS', 'preflight'],
    ]);
    const [request, preflight] = har.log.entries;
    expect(preflight!._initiator).toEqual({ type: 'preflight', url: request!.request.url, requestId: request!._requestId });
    // The request never went out: status 0, and the browser's error.
    expect(request!.response).toMatchObject({ status: 0, _error: 'net::ERR_FAILED' });
  });

  it('writes a redirect as one entry per hop, the 3xx naming the next URL', () => {
    const redirected = exchanges.find((exchange) => exchange.hops.length === 2)!;
    const entries = harFromExchanges([redirected]).log.entries;
    expect(entries.map((entry) => entry.request.url)).toEqual(redirected.hops.map((hop) => hop.url));
    expect(entries[0]!.response.redirectURL).toBe(redirected.hops[1]!.url);
  });

  it('writes each hop with the method and headers the redirect left it, so a POST answered 303 reads back as one exchange', () => {
    // The page POSTs JSON to its own origin, which answers 303 to api: Chromium logs the second hop
    // as a GET without body or Content-Type, and the HAR reader chains the hops by that method.
    const har = harFromExchanges([REDIRECTED_POST], { includeSecrets: true });
    expect(har.log.entries.map((entry) => [entry.request.method, entry.request.url, entry.request.bodySize, entry.request.postData?.text])).toEqual([
      ['POST', REDIRECTED_POST.hops[0]!.url, 2, '{}'],
      ['GET', REDIRECTED_POST.hops[1]!.url, 0, undefined],
    ]);
    expect(har.log.entries[1]!.request.headers.map((header) => header.name)).toEqual(['Accept', 'Sec-Fetch-Mode', 'Origin']);
    // Read back: one exchange, both hops, the page's 303 first.
    const back = exchangesFromHar(serializeHar(har));
    expect(back).toEqual([REDIRECTED_POST]);
    expect(diagnose(back[0]!).verdict).toBe('allowed');
  });

  it('writes Origin: null on the hops after a redirect that tainted the origin, as Chromium logs them', () => {
    // Recorded in Chromium (`npm run conformance -- ... --har`): hop 0 `Origin: <page>`, hop 1 `Origin: null`.
    const har = harFromExchanges([TAINTED_GET], { includeSecrets: true });
    expect(originsSent(har)).toEqual([PAGE, 'null']);
    const back = exchangesFromHar(serializeHar(har));
    expect(back).toEqual([TAINTED_GET]);
    expect(diagnose(back[0]!).verdict).toBe('allowed');
  });

  it('adds the Origin Chromium sends once a request captured without one (a GET at the page’s own origin) goes to another origin', () => {
    // Seen in real Chromium (test/conformance/har-export-origin.test.ts): none at the page's origin,
    // `Origin: <page>` at api, `Origin: null` at other, where the second redirect tainted the origin.
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Referer', `${PAGE}/`], ['Sec-Fetch-Mode', 'cors']], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [
        { url: `${PAGE}/s/0`, response: { status: 302, headers: [['Location', `${API}/s/1`]] } },
        { url: `${API}/s/1`, response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', `${OTHER}/s/2`]] } },
        { url: `${OTHER}/s/2`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
      ],
      startedAt: 1,
    };
    for (const includeSecrets of [false, true]) {
      const har = harFromExchanges([exchange], { includeSecrets });
      expect(har.log.entries.map((entry) => entry.request.headers.filter((h) => h.name === 'Origin').map((h) => h.value))).toEqual([[], [PAGE], ['null']]);
      // Where DevTools lists it, among names in alphabetical order.
      expect(har.log.entries[1]!.request.headers.map((header) => header.name)).toEqual(['Accept', 'Origin', 'Referer', 'Sec-Fetch-Mode']);
      const back = exchangesFromHar(serializeHar(har));
      expect(back.map((x) => x.hops.map((hop) => hop.url))).toEqual([exchange.hops.map((hop) => hop.url)]);
      expect(diagnose(back[0]!).verdict).toBe(diagnose(exchange).verdict);
    }
    // A request whose mode the capture does not know (an <img> sends none either way): nothing added.
    const unknown = harFromExchanges([{ ...exchange, request: { ...exchange.request, mode: undefined } }]);
    expect(unknown.log.entries.flatMap((entry) => entry.request.headers.filter((h) => h.name === 'Origin'))).toEqual([]);
  });

  it('writes Cookie on a later hop only where the browser sent it again, and says where the capture cannot tell', () => {
    // The page GETs its own URL with its cookie, redirected to api (the same host): Chromium 156 sends
    // no Cookie there under `same-origin`, the same one under `include` (test/conformance/har-export-cookie.test.ts).
    const cookied: ObservedExchange = {
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Cookie', 'sid=1']], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [
        { url: `${PAGE}/s/0`, response: { status: 302, headers: [['Location', `${API}/s/1`]] } },
        { url: `${API}/s/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
      ],
      startedAt: 1,
    };
    const sent = (exchange: ObservedExchange, includeSecrets: boolean) =>
      harFromExchanges([exchange], { includeSecrets }).log.entries.map((entry) => [
        entry.request.headers.filter((h) => h.name === 'Cookie').map((h) => (includeSecrets ? h.value : 'redacted')),
        entry.request.comment !== undefined,
      ]);
    for (const includeSecrets of [true, false]) {
      const first = [includeSecrets ? 'sid=1' : 'redacted'];
      expect(sent({ ...cookied, request: { ...cookied.request, credentialsMode: 'same-origin' } }, includeSecrets)).toEqual([[first, false], [[], false]]);
      expect(sent({ ...cookied, request: { ...cookied.request, credentialsMode: 'include' } }, includeSecrets)).toEqual([[first, false], [first, false]]);
      // A HAR does not say the mode: no Cookie line, and a comment.
      expect(sent(cookied, includeSecrets)).toEqual([[first, false], [[], true]]);
    }
    expect(harFromExchanges([cookied]).log.entries[1]!.request.comment).toMatch(/^Cookie: not known\./);
  });

  it('writes the body again on the hop after a 307, which keeps method and body, as Chromium logs it', () => {
    const har = harFromExchanges([TAINTED_PUT], { includeSecrets: true });
    const fetches = har.log.entries.filter((entry) => entry._resourceType === 'fetch');
    expect(fetches.map((entry) => [entry.request.method, entry.request.url, entry.request.bodySize, entry.request.postData])).toEqual([
      ['PUT', `${API}/s/0`, 1, { mimeType: 'text/plain;charset=UTF-8', text: 'x' }],
      ['PUT', `${OTHER}/s/1`, 1, { mimeType: 'text/plain;charset=UTF-8', text: 'x' }],
    ]);
    expect(originsSent(har)).toEqual([PAGE, 'null']);
    const back = exchangesFromHar(serializeHar(har));
    expect(back).toEqual([TAINTED_PUT]);
    expect(diagnose(back[0]!).verdict).toBe(diagnose(TAINTED_PUT).verdict);
    expect(diagnose(back[0]!).verdict).toBe('allowed');
  });

  it("writes each exchange's later hops by the rules of the browser that sent it (Firefox ESR 153: cross-site after a redirect on an http page)", () => {
    // The page GETs its own origin, which answers 302 to api (another port of 127.0.0.1); the same
    // exchange twice, the first sent by Firefox, the second by Chromium.
    const chain: ObservedExchange = {
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Sec-Fetch-Site', 'same-origin']], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [
        { url: `${PAGE}/s/0`, response: { status: 302, headers: [['Location', `${API}/s/1`]] } },
        { url: `${API}/s/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
      ],
      startedAt: 1,
    };
    const har = harFromExchanges([chain, chain], { browsers: ['firefox'] });
    const sites = har.log.entries.map((entry) => entry.request.headers.find((header) => header.name === 'Sec-Fetch-Site')?.value);
    expect(sites).toEqual(['same-origin', 'cross-site', 'same-origin', 'same-site']);
  });

  it('writes Sec-Fetch-Storage-Access at each hop: a grant for the first hop’s site is none on yet another site; left out, with a comment, where only the Public Suffix List tells the site', () => {
    const chain = (page: string, urls: string[], value: string): ObservedExchange => ({
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Sec-Fetch-Storage-Access', value]], initiatorOrigin: page, credentialsMode: 'include', mode: 'cors' },
      hops: urls.map((url, i) => ({ url, response: { status: i === urls.length - 1 ? 200 : 302, headers: i === urls.length - 1 ? [['Access-Control-Allow-Origin', page]] : [['Location', urls[i + 1]!]] } })),
      startedAt: 1,
    });
    const lines = (exchange: ObservedExchange) =>
      harFromExchanges([exchange], { includeSecrets: true }).log.entries.map((entry) => [entry.request.headers.find((header) => header.name === 'Sec-Fetch-Storage-Access')?.value ?? null, /Sec-Fetch-Storage-Access: not written\..*$/.exec(entry.request.comment ?? '')?.[0] ?? null]);
    expect(lines(chain(PAGE, [`${OTHER}/a`, 'http://third.test:4444/b'], 'active'))).toEqual([
      ['active', null],
      ['none', null],
    ]);
    expect(lines(chain('https://app.example.com', ['https://cdn.other.net/a', 'https://api.example.com/b'], 'inactive'))).toEqual([
      ['inactive', null],
      [null, "Sec-Fetch-Storage-Access: not written. The browser sent it here only if this URL is on another site than the page's, which the Public Suffix List tells and CORS Inspector does not read."],
    ]);
  });

  it('is sanitized by default: no cookie, Set-Cookie or Authorization value, and empty cookie lists', () => {
    const har = harFromExchanges([canaryExchange()]);
    const headers = har.log.entries.flatMap((entry) => [...entry.request.headers, ...entry.response.headers]);
    const byName = (name: string) => headers.filter((header) => header.name.toLowerCase() === name).map((header) => header.value);
    expect(byName('cookie')).toEqual(['session=REDACTED-COOKIE; theme=REDACTED-COOKIE']);
    expect(byName('set-cookie')).toEqual(['pre=REDACTED-SET-COOKIE; Path=/; HttpOnly']);
    expect(byName('authorization')).toEqual(['Bearer REDACTED-AUTHORIZATION']);
    expect(har.log.entries.every((entry) => entry.request.cookies.length === 0 && entry.response.cookies.length === 0)).toBe(true);
    expect(har.log.entries[0]!.request.queryString).toEqual([
      { name: 'api_key', value: 'REDACTED-QUERY-SECRET' },
      { name: 'page', value: '2' },
    ]);
  });
});
