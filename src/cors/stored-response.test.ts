// A 304 to the browser's own revalidation is checked on its cached copy, updated with the 304's
// headers; a 304 to a request the page made conditional, or to no conditional request, as it came.
// The verdicts are what real Chromium did (test/fix-proof/not-modified.test.ts), and the full
// diagnosis and the verdict-only path give the same.

import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES } from './browser-rules.ts';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import { consoleMessage } from './explain/console-message.ts';
import { explain } from './explain/explain.ts';
import { headline } from './explain/headline.ts';
import { explanationText } from './explain/reason-text.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from './exchange.ts';
import { revalidationRefusedAt, whoMadeConditional } from './stored-response.ts';

const PAGE = 'http://127.0.0.1:5173';
const URL_ = 'http://127.0.0.1:8080/api/items';
const ACAO: [string, string] = ['Access-Control-Allow-Origin', PAGE];

function conditionalGet(over: { request?: HeaderList; response?: HeaderList; status?: number; errorText?: string; preflightNames?: string; credentials?: 'include' }): ObservedExchange {
  const hop: ObservedHop = { url: URL_, response: { status: over.status ?? 304, headers: over.response ?? [['ETag', '"v1"']] } };
  if (over.preflightNames !== undefined) {
    hop.preflight = {
      url: URL_,
      requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', over.preflightNames]],
      response: { status: 204, headers: [ACAO, ['Access-Control-Allow-Headers', over.preflightNames]] },
    };
  }
  return {
    request: { method: 'GET', headers: [['Origin', PAGE], ...(over.request ?? [['If-None-Match', '"v1"']])], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: over.credentials ?? 'same-origin' },
    hops: [hop],
    ...(over.errorText === undefined ? {} : { errorText: over.errorText }),
  };
}

// [name, exchange, verdict, corsError]
const cases: [string, ObservedExchange, string, string | null][] = [
  // Chromium: allowed, the page got the cached 200.
  ['revalidation, 304 without Allow-Origin', conditionalGet({}), 'allowed', null],
  ['revalidation by If-Modified-Since', conditionalGet({ request: [['If-Modified-Since', 'Sun, 06 Dec 2026 19:00:00 GMT']] }), 'allowed', null],
  // The 304's value replaces the cached one (Chromium: AllowOriginMismatch).
  ['revalidation, 304 with another origin', conditionalGet({ response: [['Access-Control-Allow-Origin', 'http://example.com']] }), 'blocked', 'AllowOriginMismatch'],
  ['revalidation, 304 with the origin', conditionalGet({ response: [ACAO] }), 'allowed', null],
  // The cached Allow-Credentials stands in for the one the 304 left out.
  ['revalidation with credentials, 304 with the origin only', conditionalGet({ response: [ACAO], credentials: 'include' }), 'allowed', null],
  ['revalidation with credentials, 304 with Allow-Credentials: false', conditionalGet({ response: [ACAO, ['Access-Control-Allow-Credentials', 'false']], credentials: 'include' }), 'blocked', 'InvalidAllowCredentials'],
  // The browser failed on its cached copy, whose headers the capture does not hold: blocked (so
  // --fail-on-blocked still fails), the code one of two (`cachedCopyBlocked.oneOf`, tested below).
  ['revalidation, the browser reported a CORS failure', conditionalGet({ errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
  // A header of the page's that needs a preflight, and none recorded: the preflight came from its
  // cache, and If-None-Match may be the page's (then blocked) or the browser's (then the cached
  // copy's header decides). A Firefox HAR records no CORS failure, so nothing says which: uncertain.
  ['If-None-Match beside a header of the page, no preflight recorded, nothing reported', conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']] }), 'uncertain', null],
  ['the same, the browser reported a CORS failure', conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
  ['the same with its preflight recorded, not naming If-None-Match', conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], preflightNames: 'x-custom' }), 'allowed', null],
  // The page set If-None-Match (its preflight names it): no cached copy, the 304 as it came (Chromium: MissingAllowOriginHeader).
  ['If-None-Match set by the page', conditionalGet({ preflightNames: 'if-none-match', errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
  ['If-Match set by the page, If-None-Match by the browser', conditionalGet({ request: [['If-None-Match', '"v1"'], ['If-Match', '"v0"']], preflightNames: 'if-match', errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
  // A 304 nobody asked for: no cached copy it could update.
  ['304 to a request with no conditional header', conditionalGet({ request: [], errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
  // Any other status is checked as it came.
  ['200 without Allow-Origin to a revalidation', conditionalGet({ status: 200, errorText: 'net::ERR_FAILED' }), 'blocked', 'MissingAllowOriginHeader'],
];

describe('a 304 to a revalidation is checked on the cached copy', () => {
  it.each(cases)('%s', (_name, exchange, verdict, corsError) => {
    const diagnosis = diagnose(exchange);
    expect({ verdict: diagnosis.verdict, corsError: diagnosis.corsError }).toEqual({ verdict, corsError });
    expect(diagnoseVerdict(exchange)).toMatchObject({ verdict, corsError });
  });

  it('records the check the cached copy decided as skipped, and gives no advice read from the 304', () => {
    const diagnosis = diagnose(conditionalGet({}));
    expect(diagnosis.checks.find((c) => c.name === 'allow-origin')).toMatchObject({ outcome: 'skipped', found: null });
    expect(diagnosis.advisories ?? []).toEqual([]);
  });

  it("words what the browser read: the cached copy's header, not the 304's", () => {
    const allowed = conditionalGet({});
    const text = explanationText(diagnose(allowed), allowed);
    expect(text).toContain("answered 304 Not Modified to the browser's revalidation of its cached copy, without Access-Control-Allow-Origin");
    expect(text).toContain(`It let ${PAGE} read the response.`);
    expect(text).not.toContain('The server answered with CORS headers');
    const unknown = conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']] });
    expect(explanationText(diagnose(unknown), unknown)).toContain('The capture cannot tell which: the request needed a preflight and none was recorded');
    const credentials = conditionalGet({ response: [ACAO], credentials: 'include' });
    expect(explanationText(diagnose(credentials), credentials)).toContain('without Access-Control-Allow-Credentials: the browser checked the Access-Control-Allow-Credentials of its cached response');
  });

  it('a blocked revalidation: the cached copy failed, and without Chromium\'s own reason the capture does not tell how', () => {
    const failed = conditionalGet({ errorText: 'net::ERR_FAILED' });
    const diagnosis = diagnose(failed);
    expect(diagnosis).toMatchObject({ verdict: 'blocked', failedParameter: '', cachedCopyBlocked: { header: 'access-control-allow-origin', oneOf: ['MissingAllowOriginHeader', 'AllowOriginMismatch'] } });
    // Not read from the 304: the check is recorded failed, with nothing found on the capture.
    const check = diagnosis.checks.find((c) => c.name === 'allow-origin');
    expect(check).toMatchObject({ outcome: 'failed', expected: PAGE });
    expect(check).not.toHaveProperty('found');
    const text = explanationText(diagnosis, failed);
    expect(text).not.toContain('(status 304) had no Access-Control-Allow-Origin');
    expect(text).toContain("the browser checked its cached copy after the 304 (the stored response, updated with the 304's headers: https://fetch.spec.whatwg.org/#http-network-or-cache-fetch); the capture does not show that copy's headers.");
    expect(text).toContain("one of MissingAllowOriginHeader (the cached copy had no Access-Control-Allow-Origin either), or AllowOriginMismatch (the cached copy had another origin's Access-Control-Allow-Origin");
    expect(text).toContain(`send Access-Control-Allow-Origin: ${PAGE} and Vary: Origin on both the 200 and the 304 answers`);
    expect(text).toContain('A 304 replaces each stored header field it carries and leaves the others as stored (RFC 9111 section 4.3.4)');
    // Chromium printed one of two console messages: none is made up.
    expect(consoleMessage(diagnosis, failed)).toBeNull();
    expect(headline(diagnosis, failed)).toBe('Cached copy refused after a 304');
    // With credentials, a cached * is a third reading.
    expect(diagnose(conditionalGet({ errorText: 'net::ERR_FAILED', credentials: 'include' })).cachedCopyBlocked?.oneOf).toEqual(['MissingAllowOriginHeader', 'AllowOriginMismatch', 'WildcardOriginNotAllowed']);
  });

  it("a blocked revalidation with Chromium's own reason recorded: the engine gives that reason", () => {
    const reported = { ...conditionalGet({ errorText: 'net::ERR_FAILED' }), browserVerdict: { corsError: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:5174' } };
    const diagnosis = diagnose(reported);
    expect(diagnosis).toMatchObject({ verdict: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:5174', cachedCopyBlocked: { header: 'access-control-allow-origin' } });
    expect(diagnosis.cachedCopyBlocked).not.toHaveProperty('oneOf');
    expect(diagnoseVerdict(reported)).toMatchObject({ verdict: 'blocked', corsError: 'AllowOriginMismatch' });
    const text = explanationText(diagnosis, reported);
    expect(text).toContain("Chromium reported AllowOriginMismatch (the cached copy had another origin's Access-Control-Allow-Origin");
    expect(consoleMessage(diagnosis, reported)).toContain("The 'Access-Control-Allow-Origin' header has a value 'http://127.0.0.1:5174'");
    // Recorded as missing: the same.
    const missing = { ...conditionalGet({ errorText: 'net::ERR_FAILED' }), browserVerdict: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } };
    expect(diagnose(missing)).toMatchObject({ corsError: 'MissingAllowOriginHeader', cachedCopyBlocked: { header: 'access-control-allow-origin' } });
    expect(explanationText(diagnose(missing), missing)).toContain('Chromium reported MissingAllowOriginHeader (the cached copy had no Access-Control-Allow-Origin either)');
  });

  it('reads who set the conditional header from the request as captured', () => {
    expect(whoMadeConditional(conditionalGet({}))).toBe('browser');
    expect(whoMadeConditional(conditionalGet({ preflightNames: 'if-none-match' }))).toBe('page');
    expect(whoMadeConditional(conditionalGet({ request: [] }))).toBe('page');
    expect(whoMadeConditional(conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']] }))).toBe('unknown');
  });
});

describe('a blocked 304 the capture cannot place: the 304 as it came, or the cached copy', () => {
  const unknown = conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], errorText: 'net::ERR_FAILED' });

  it('is blocked with both readings kept, not blamed on the 304 alone', () => {
    const diagnosis = diagnose(unknown);
    expect(diagnosis).toMatchObject({
      verdict: 'blocked',
      corsError: 'MissingAllowOriginHeader',
      cachedCopyBlocked: { header: 'access-control-allow-origin', oneOf: ['MissingAllowOriginHeader', 'AllowOriginMismatch'], revalidationUnknown: true },
    });
    const text = explanationText(diagnosis, unknown);
    // What is known, then what is not.
    expect(text).toContain('The server answered 304 Not Modified without Access-Control-Allow-Origin, and the browser blocked the response. The capture cannot tell which request the 304 answered');
    expect(text).toContain('If the page set If-None-Match itself, the browser checked the 304 as it came, which has no Access-Control-Allow-Origin.');
    expect(text).toContain('If the browser sent If-None-Match to revalidate its cached copy, it checked that copy after the 304');
    expect(text).toContain("Chromium's reason is MissingAllowOriginHeader for the 304 as it came; for the cached copy, one of MissingAllowOriginHeader");
    expect(text).toContain(`The fix covers every reading: send Access-Control-Allow-Origin: ${PAGE} and Vary: Origin on both the 200 and the 304 answers.`);
    expect(text).not.toContain('(status 304) had no Access-Control-Allow-Origin');
    expect(headline(diagnosis, unknown)).toBe('Refused after a 304 without Access-Control-Allow-Origin');
    expect(consoleMessage(diagnosis, unknown)).toBeNull();
  });

  it("with credentials and the 304 naming the origin: Allow-Credentials, either way", () => {
    const credentials = conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], errorText: 'net::ERR_FAILED', response: [ACAO], credentials: 'include' });
    const diagnosis = diagnose(credentials);
    expect(diagnosis).toMatchObject({ verdict: 'blocked', corsError: 'InvalidAllowCredentials', cachedCopyBlocked: { header: 'access-control-allow-credentials', revalidationUnknown: true } });
    const text = explanationText(diagnosis, credentials);
    expect(text).toContain('Either way the Access-Control-Allow-Credentials the browser checked was absent or not true (InvalidAllowCredentials)');
    expect(text).toContain('Send Access-Control-Allow-Credentials: true on both the 200 and the 304 answers, which covers both.');
  });

  it("Chromium's recorded reason: the one either reading gives keeps both; another says it was the cached copy", () => {
    const missing = { ...unknown, browserVerdict: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } };
    expect(diagnose(missing).cachedCopyBlocked).toEqual({ header: 'access-control-allow-origin', revalidationUnknown: true });
    expect(explanationText(diagnose(missing), missing)).toContain('Chromium reported MissingAllowOriginHeader, which either reading gives');
    const mismatch = { ...unknown, browserVerdict: { corsError: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:5174' } };
    expect(diagnose(mismatch).cachedCopyBlocked).toEqual({ header: 'access-control-allow-origin' });
  });
});

describe("the cached copy refused, judged under Firefox's rules: Firefox's reasons, none said to be Chromium's", () => {
  // What webRequest gives a request Firefox refused for a CORS reason (the panel in Firefox).
  const FAILED = FIREFOX_RULES.corsFailureErrorText;
  const firefoxWords = (exchange: ObservedExchange): string => explain(diagnose(exchange, FIREFOX_RULES), exchange, { browser: 'firefox' }).explanation;

  it("names the cached copy's possible reasons as Firefox's console logs them", () => {
    const text = firefoxWords(conditionalGet({ errorText: FAILED, credentials: 'include' }));
    expect(text).toContain(
      "So Firefox's reason is one of CORSMissingAllowOrigin (the cached copy had no Access-Control-Allow-Origin either), or CORSAllowOriginNotMatchingOrigin (the cached copy had another origin's Access-Control-Allow-Origin",
    );
    expect(text).toContain('or CORSNotSupportingCredentials (the cached copy had Access-Control-Allow-Origin: *');
    expect(text).not.toContain('Chromium');
  });

  it('names the 304 as it came and the cached copy alike, where the capture cannot place the 304', () => {
    const text = firefoxWords(conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], errorText: FAILED }));
    expect(text).toContain("Firefox's reason is CORSMissingAllowOrigin for the 304 as it came; for the cached copy, one of CORSMissingAllowOrigin");
    expect(text).not.toContain('Chromium');
  });

  it('names a missing Access-Control-Allow-Credentials as Firefox does', () => {
    const text = firefoxWords(conditionalGet({ response: [ACAO], credentials: 'include', errorText: FAILED }));
    expect(text).toContain('absent or not true (CORSMissingAllowCredentials)');
    expect(text).not.toContain('InvalidAllowCredentials');
  });

  it("a Chromium capture's recorded reason stays Chromium's, with Firefox's name beside it", () => {
    const reported = { ...conditionalGet({ errorText: 'net::ERR_FAILED' }), browserVerdict: { corsError: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:5174' } };
    const diagnosis = diagnose(reported, { ...FIREFOX_RULES, corsFailureErrorText: 'net::ERR_FAILED' });
    expect(explain(diagnosis, reported, { browser: 'firefox' }).explanation).toContain(
      "Chromium, which made the capture, reported AllowOriginMismatch, CORSAllowOriginNotMatchingOrigin in Firefox (the cached copy had another origin's Access-Control-Allow-Origin",
    );
  });
});

describe('revalidationRefusedAt reads from the capture what diagnose decided', () => {
  const blockedCases: [string, ObservedExchange][] = [
    ...cases.map(([name, exchange]): [string, ObservedExchange] => [name, exchange]),
    ['revalidation with credentials, 304 without Allow-Credentials, reported', conditionalGet({ response: [ACAO], credentials: 'include', errorText: 'net::ERR_FAILED' })],
    ['unknown, with credentials, reported', conditionalGet({ request: [['If-None-Match', '"v1"'], ['X-Custom', '1']], response: [ACAO], credentials: 'include', errorText: 'net::ERR_FAILED' })],
    ['revalidation, Chromium recorded AllowOriginMismatch', { ...conditionalGet({ errorText: 'net::ERR_FAILED' }), browserVerdict: { corsError: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:5174' } }],
  ];
  it.each(blockedCases)('%s', (_name, exchange) => {
    const d = diagnose(exchange);
    const expected = d.cachedCopyBlocked === undefined ? null : d.cachedCopyBlocked.revalidationUnknown === true ? 'unknown' : 'browser';
    expect(revalidationRefusedAt(exchange, d.verdict === 'blocked' ? d.corsError : null, d.failedAt?.hop ?? 0)).toBe(expected);
    const v = diagnoseVerdict(exchange);
    expect(revalidationRefusedAt(exchange, v.verdict === 'blocked' ? v.corsError : null, v.failedHop ?? 0)).toBe(expected);
  });
});
