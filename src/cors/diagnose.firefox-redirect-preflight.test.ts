// Firefox preflights a redirected request's new origin on the CORS-unsafe headers the page set,
// even where the redirect removed them (a 301/302/303 that made a JSON POST a GET, a redirect to
// another origin that dropped Authorization), and after any hop that needed a preflight (a PUT a
// 303 made a GET): FIREFOX_RULES.preflightCarriedAcrossRedirects, seen in Firefox ESR 153
// (test/scenarios/redirects-from-page.json, redirects.json). On a Chromium capture of such a request
// (no preflight there: Chromium decides on the request as sent) the Firefox profile cannot say
// "allowed": it says the capture holds no answer to Firefox's preflight. On Firefox's own capture
// (the preflight is there) it judges that preflight. Chromium's verdicts do not move.

import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES, FIREFOX_RULES } from './browser-rules.ts';
import { diagnose, diagnoseCause, diagnoseVerdict } from './diagnose.ts';
import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop, ObservedPreflight } from './exchange.ts';
import { firefoxVerdictOf, rulesAgreeOn } from './firefox/difference.ts';
import { ACAO, API, BROWSER, fromPage, PAGE } from './testing-redirect-from-page.ts';

const OTHER = 'http://localhost:3333';
const JSON_TYPE: HeaderList = [['Content-Type', 'application/json']];
const AUTHORIZATION: HeaderList = [['Authorization', 'Bearer abc']];

/** Firefox's preflight at api after the redirect: the method sent there, no Access-Control-Request-Headers. */
function firefoxPreflight(url: string, headers: HeaderList, status = 204): ObservedPreflight {
  return { url, requestHeaders: [['Access-Control-Request-Method', 'GET']], response: { status, headers } };
}

const API_OK = { status: 200, headers: ACAO };
const API_NO_CORS = { status: 200, headers: [] };

interface Case {
  about: string;
  exchange: ObservedExchange;
  /** Chromium's verdict (unchanged by the rule). */
  chromium: string;
  /** The Firefox profile's verdict, and whether it says the capture has no answer to its preflight. */
  firefox: string;
  firefoxCorsError?: string;
  unanswered: boolean;
  /** `Diagnosis.preflight` under FIREFOX_RULES. */
  required: boolean;
  reasons: PreflightReason[];
}

const JSON_REASON: PreflightReason = { kind: 'header', name: 'content-type', why: 'value', value: 'application/json' };
const AUTHORIZATION_REASON: PreflightReason = { kind: 'header', name: 'authorization', why: 'name', value: 'Bearer abc' };

const CASES: Case[] = [
  ...[303, 302, 301].map((status): Case => ({
    about: `Chromium capture: POST application/json ${status} to api, a GET without Content-Type there, allowed`,
    exchange: fromPage('POST', status, JSON_TYPE, { response: API_OK }),
    chromium: 'allowed',
    firefox: 'uncertain',
    unanswered: true,
    required: true,
    reasons: [JSON_REASON],
  })),
  {
    // Firefox's preflight there is not in the capture, but the GET's response fails the CORS check
    // whatever it answered: blocked (main-fetch.ts, replayFetch).
    about: 'Chromium capture: POST application/json 303 to api without CORS, blocked on the GET in Chromium: blocked in Firefox too, whatever its preflight answered',
    exchange: fromPage('POST', 303, JSON_TYPE, { response: API_NO_CORS }, 'net::ERR_FAILED'),
    chromium: 'blocked',
    firefox: 'blocked',
    firefoxCorsError: 'MissingAllowOriginHeader',
    unanswered: false,
    required: true,
    reasons: [JSON_REASON],
  },
  {
    about: 'Chromium capture: GET with Authorization 302 to api, which dropped it, allowed',
    exchange: fromPage('GET', 302, AUTHORIZATION, { response: API_OK }),
    chromium: 'allowed',
    firefox: 'uncertain',
    unanswered: true,
    required: true,
    reasons: [AUTHORIZATION_REASON],
  },
  {
    about: "Firefox capture: POST application/json 303 to api, whose OPTIONS is a 405 without CORS: blocked at Firefox's preflight",
    exchange: fromPage('POST', 303, JSON_TYPE, { preflight: firefoxPreflight(`${API}/s/1`, [], 405), response: null }, 'NS_ERROR_DOM_BAD_URI'),
    chromium: 'blocked',
    firefox: 'blocked',
    firefoxCorsError: 'PreflightMissingAllowOriginHeader',
    unanswered: false,
    required: true,
    reasons: [JSON_REASON],
  },
  {
    about: "Firefox capture: GET with Authorization 302 to api, whose preflight allows the origin: allowed",
    exchange: fromPage('GET', 302, AUTHORIZATION, { preflight: firefoxPreflight(`${API}/s/1`, ACAO), response: API_OK }),
    chromium: 'allowed',
    firefox: 'allowed',
    unanswered: false,
    required: true,
    reasons: [AUTHORIZATION_REASON],
  },
  {
    about: 'Chromium capture: PUT 303 to api, a GET with no unsafe header: Firefox sends no preflight either',
    exchange: fromPage('PUT', 303, [], { response: API_OK }),
    chromium: 'allowed',
    firefox: 'allowed',
    unanswered: false,
    required: false,
    reasons: [],
  },
  {
    about: 'Chromium capture: GET without unsafe headers 302 to api: nothing to preflight',
    exchange: fromPage('GET', 302, [], { response: API_OK }),
    chromium: 'allowed',
    firefox: 'allowed',
    unanswered: false,
    required: false,
    reasons: [],
  },
  {
    about: 'Chromium capture: a preflighted GET with Authorization at api, 307 to other, which dropped it (redirects.json)',
    exchange: {
      request: { method: 'GET', headers: [...BROWSER, ...AUTHORIZATION], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        {
          url: `${API}/s/0`,
          preflight: { url: `${API}/s/0`, requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'authorization']], response: { status: 204, headers: [...ACAO, ['Access-Control-Allow-Headers', 'authorization']] } },
          response: { status: 307, headers: [...ACAO, ['Location', `${OTHER}/s/1`]] },
        },
        { url: `${OTHER}/s/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
      ],
    },
    chromium: 'allowed',
    firefox: 'uncertain',
    unanswered: true,
    // Diagnosis.preflight is hop 0's, where both browsers preflight for Authorization.
    required: true,
    reasons: [AUTHORIZATION_REASON],
  },
  ...[
    { about: "Chromium capture: api's preflighted PUT 303 to api, a GET there (redirects.json)", next: { response: API_OK }, chromium: 'allowed', firefox: 'uncertain', unanswered: true },
    {
      about: "Firefox capture: api's preflighted PUT 303 to api, whose OPTIONS for the GET is a 405: blocked there",
      next: { preflight: firefoxPreflight(`${API}/s/1`, [], 405), response: null },
      chromium: 'blocked',
      firefox: 'blocked',
      firefoxCorsError: 'PreflightMissingAllowOriginHeader',
      unanswered: false,
      errorText: 'NS_ERROR_DOM_BAD_URI',
    },
  ].map((c): Case => {
    const exchange: ObservedExchange = {
      request: { method: 'PUT', headers: BROWSER, initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        {
          url: `${API}/s/0`,
          preflight: { url: `${API}/s/0`, requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [...ACAO, ['Access-Control-Allow-Methods', 'PUT']] } },
          response: { status: 303, headers: [...ACAO, ['Location', `${API}/s/1`]] },
        },
        { url: `${API}/s/1`, ...c.next },
      ],
    };
    if (c.errorText !== undefined) exchange.errorText = c.errorText;
    const out: Case = { about: c.about, exchange, chromium: c.chromium, firefox: c.firefox, unanswered: c.unanswered, required: true, reasons: [{ kind: 'method', method: 'PUT' }] };
    if (c.firefoxCorsError !== undefined) out.firefoxCorsError = c.firefoxCorsError;
    return out;
  }),
];

describe("Firefox's preflight after a redirect that removed the page's CORS-unsafe headers", () => {
  for (const c of CASES) {
    it(c.about, () => {
      const chromium = diagnose(c.exchange, CHROMIUM_RULES);
      expect(chromium.verdict).toBe(c.chromium);
      expect(chromium.preflightUnanswered).toBeUndefined();

      const firefox = diagnose(c.exchange, FIREFOX_RULES);
      expect(firefox.verdict).toBe(c.firefox);
      if (c.firefoxCorsError !== undefined) expect(firefox.corsError).toBe(c.firefoxCorsError);
      expect(firefox.preflightUnanswered === true).toBe(c.unanswered);
      if (c.unanswered) expect(firefox.failedAt).toEqual({ hop: 1, phase: 'preflight' });
      expect(firefox.preflight.required).toBe(c.required);
      expect(firefox.preflight.reasons).toEqual(c.reasons);

      // The verdict-only path, the cause path and Firefox's verdict from a Chromium diagnosis agree.
      expect(diagnoseVerdict(c.exchange, FIREFOX_RULES).verdict).toBe(c.firefox);
      expect(diagnoseCause(c.exchange, FIREFOX_RULES).verdict).toBe(c.firefox);
      expect(firefoxVerdictOf(c.exchange, chromium).outcome).toBe(c.firefox === 'not-cors' ? 'allowed' : c.firefox);
      // And each says why it is uncertain, as the full Firefox diagnosis does (`explain --json`'s
      // firefox.preflightUnanswered is read from the verdict: no second replay).
      expect(diagnoseVerdict(c.exchange, FIREFOX_RULES).preflightUnanswered).toBe(c.unanswered);
      expect(firefoxVerdictOf(c.exchange, chromium).preflightUnanswered).toBe(c.unanswered);
      expect(firefoxVerdictOf(c.exchange).preflightUnanswered).toBe(c.unanswered);
      if (c.firefox !== c.chromium) expect(rulesAgreeOn(c.exchange)).toBe(false);
    });
  }
});

// Where Firefox sends a preflight the capture holds no answer to, a failure after it that the
// preflight has no part in is Firefox's verdict anyway: a failed preflight blocks, a passing one
// lets the request reach the same failure (src/cors/fetch/main-fetch.ts, replayFetch). Anything
// else stays uncertain, since the preflight's own failure may be what Firefox meets first.
describe('an unanswered Firefox preflight, and a failure after it that no answer could undo', () => {
  const CREDENTIALED = (x: ObservedExchange): ObservedExchange => ({ ...x, request: { ...x.request, credentialsMode: 'include' } });
  const OTHER_ORIGIN_ACAO: HeaderList = [['Access-Control-Allow-Origin', 'https://elsewhere.example']];
  it.each<[string, ObservedExchange, string, string | null]>([
    ["the GET's response has no Access-Control-Allow-Origin", fromPage('POST', 303, JSON_TYPE, { response: API_NO_CORS }, 'net::ERR_FAILED'), 'blocked', 'MissingAllowOriginHeader'],
    ["the GET's response allows another origin", fromPage('GET', 302, AUTHORIZATION, { response: { status: 200, headers: OTHER_ORIGIN_ACAO } }, 'net::ERR_FAILED'), 'blocked', 'AllowOriginMismatch'],
    ["a credentialed GET's response allows *", CREDENTIALED(fromPage('POST', 303, JSON_TYPE, { response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }, 'net::ERR_FAILED')), 'blocked', 'WildcardOriginNotAllowed'],
    ["the GET's response passes: what Firefox's preflight answered decides", fromPage('POST', 303, JSON_TYPE, { response: API_OK }), 'uncertain', null],
    [
      'a network error at the next hop: the preflight may have failed first',
      {
        ...fromPage('POST', 303, JSON_TYPE, { response: { status: 302, headers: [...ACAO, ['Location', `${API}/s/2`]] } }, 'net::ERR_CONNECTION_RESET'),
        hops: [
          { url: `${PAGE}/s/0`, response: { status: 303, headers: [['Location', `${API}/s/1`]] } },
          { url: `${API}/s/1`, response: { status: 302, headers: [...ACAO, ['Location', `${API}/s/2`]] } },
          { url: `${API}/s/2`, response: null },
        ],
      },
      'uncertain',
      null,
    ],
  ])('%s', (_about, exchange, verdict, corsError) => {
    const firefox = diagnose(exchange, FIREFOX_RULES);
    expect([firefox.verdict, firefox.corsError]).toEqual([verdict, corsError]);
    expect(firefox.preflightUnanswered === true).toBe(verdict === 'uncertain');
    expect(diagnoseVerdict(exchange, FIREFOX_RULES).verdict).toBe(verdict);
    expect(firefoxVerdictOf(exchange, diagnose(exchange, CHROMIUM_RULES)).outcome).toBe(verdict);
    if (verdict === 'blocked') expect(firefox.failedAt).toEqual({ hop: 1, phase: 'response' });
    // A block says which preflight the capture lacks, for the explanation; Chromium's sends none there.
    expect(firefox.preflightUnansweredAt).toBe(verdict === 'blocked' ? 1 : undefined);
    expect(diagnose(exchange, CHROMIUM_RULES).preflightUnansweredAt).toBeUndefined();
  });

  it('a redirect after the unanswered preflight whose target fails the CORS check: blocked there', () => {
    const exchange: ObservedExchange = {
      request: { method: 'POST', headers: [...BROWSER, ...JSON_TYPE], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        { url: `${PAGE}/s/0`, response: { status: 303, headers: [['Location', `${API}/s/1`]] } },
        { url: `${API}/s/1`, response: { status: 302, headers: [...ACAO, ['Location', `${API}/s/2`]] } },
        { url: `${API}/s/2`, response: { status: 200, headers: [] } },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const firefox = diagnose(exchange, FIREFOX_RULES);
    expect([firefox.verdict, firefox.corsError, firefox.failedAt]).toEqual(['blocked', 'MissingAllowOriginHeader', { hop: 2, phase: 'response' }]);
    expect(firefox.preflightUnansweredAt).toBe(1);
  });

  it('uncertain: the account stops at the unanswered preflight (no check of the response after it)', () => {
    const firefox = diagnose(fromPage('POST', 303, JSON_TYPE, { response: API_OK }), FIREFOX_RULES);
    expect(firefox.failedAt).toEqual({ hop: 1, phase: 'preflight' });
    expect(firefox.checks.filter((c) => c.hop === 1 && c.phase === 'response')).toEqual([]);
    expect(firefox.requestOrigins).toHaveLength(2);
  });
});
