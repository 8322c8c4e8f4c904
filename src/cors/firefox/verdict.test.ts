// The engine's Firefox profile where Firefox departs from Chromium, each seen in Firefox ESR 153
// (test/conformance/firefox-conformance.test.ts replays them all in Firefox).

import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose } from '../diagnose.ts';
import { explain } from '../explain/explain.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from '../exchange.ts';
import { browserDifference } from './difference.ts';
import { FIREFOX_NOT_SENT } from './error-texts.ts';
import { firefoxVerdict } from './verdict.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';
const BROWSER: HeaderList = [['Accept', '*/*'], ['Origin', PAGE], ['Sec-Fetch-Mode', 'cors']];
const acao = (value: string): HeaderList => [['Access-Control-Allow-Origin', value]];

function exchange(method: string, hops: ObservedHop[], extra: Partial<ObservedExchange['request']> = {}, errorText?: string): ObservedExchange {
  const ex: ObservedExchange = { request: { method, headers: BROWSER, initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors', ...extra }, hops };
  if (errorText !== undefined) ex.errorText = errorText;
  return ex;
}

function inFirefox(x: ObservedExchange) {
  return firefoxVerdict(diagnose(x, FIREFOX_RULES), x);
}

describe('firefoxVerdict', () => {
  it('two Access-Control-Allow-Origin lines: CORSMultipleAllowOriginNotAllowed; one line holding a list: not matching', () => {
    const twoLines = exchange('GET', [{ url: `${API}/x`, response: { status: 200, headers: [...acao(PAGE), ...acao(PAGE)] } }]);
    const oneLine = exchange('GET', [{ url: `${API}/x`, response: { status: 200, headers: acao(`${PAGE}, ${PAGE}`) } }]);
    expect(inFirefox(twoLines)).toMatchObject({ outcome: 'blocked', reason: 'CORSMultipleAllowOriginNotAllowed', logged: ['CORSMultipleAllowOriginNotAllowed'] });
    expect(inFirefox(oneLine)).toMatchObject({ outcome: 'blocked', reason: 'CORSAllowOriginNotMatchingOrigin' });
  });

  it('a failed preflight is followed by CORSDidNotSucceed; a redirected one by CORSPreflightDidNotSucceed first', () => {
    const denied = exchange('PUT', [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 204, headers: acao(PAGE) } }, response: null }]);
    expect(inFirefox(denied)).toEqual({ outcome: 'blocked', reason: 'CORSMethodNotFound', logged: ['CORSMethodNotFound', 'CORSDidNotSucceed'], warnings: [], preflightUnanswered: false });
    const redirected = exchange('PUT', [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 307, headers: [...acao(PAGE), ['Location', `${API}/y`]] } }, response: null }]);
    expect(inFirefox(redirected).logged).toEqual(['CORSExternalRedirectNotAllowed', 'CORSPreflightDidNotSucceed', 'CORSDidNotSucceed']);
  });

  it('a redirected preflight without Access-Control-Allow-Origin fails on the header in Firefox, on the redirect in Chromium', () => {
    const x = exchange('PUT', [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 307, headers: [['Location', `${API}/y`]] } }, response: null }]);
    expect(diagnose(x, CHROMIUM_RULES).corsError).toBe('PreflightDisallowedRedirect');
    expect(diagnose(x, FIREFOX_RULES).corsError).toBe('PreflightMissingAllowOriginHeader');
    expect(inFirefox(x).logged).toEqual(['CORSMissingAllowOrigin', 'CORSDidNotSucceed', 'CORSDidNotSucceed']);
  });

  it('a refused connection is no CORS block: CORSDidNotSucceed alone, twice for a preflight, nothing in "no-cors" mode', () => {
    const refused = (method: string, mode: 'cors' | 'no-cors', preflight: boolean) =>
      exchange(method, [{ url: `${API}/x`, response: null, ...(preflight ? { preflight: { url: `${API}/x`, requestHeaders: [], response: null, networkError: 'NS_ERROR_CONNECTION_REFUSED' } } : {}) }], { mode }, 'NS_ERROR_CONNECTION_REFUSED');
    expect(inFirefox(refused('GET', 'cors', false))).toMatchObject({ outcome: 'network-error', reason: 'CORSDidNotSucceed', logged: ['CORSDidNotSucceed'] });
    expect(inFirefox(refused('PUT', 'cors', true)).logged).toEqual(['CORSDidNotSucceed', 'CORSDidNotSucceed']);
    expect(inFirefox(refused('GET', 'no-cors', false))).toMatchObject({ outcome: 'network-error', reason: null, logged: [] });
    const notSent = exchange('GET', [{ url: `${API}/x`, response: null }], {}, FIREFOX_NOT_SENT);
    expect(inFirefox(notSent)).toMatchObject({ outcome: 'network-error', logged: [] });
  });

  it('Allow-Headers: * letting Authorization through logs CORSAllowHeaderFromPreflightDeprecation', () => {
    const x = exchange('GET', [
      {
        url: `${API}/x`,
        preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Headers', '*']] } },
        response: { status: 200, headers: acao(PAGE) },
      },
    ], { headers: [...BROWSER, ['Authorization', 'Bearer x']] });
    expect(inFirefox(x)).toEqual({ outcome: 'allowed', reason: null, logged: [], warnings: ['CORSAllowHeaderFromPreflightDeprecation'], preflightUnanswered: false });
  });
});

describe('FIREFOX_RULES in the replay', () => {
  it('Save-Data and the other client hints are not safelisted: the request needs a preflight', () => {
    const x = exchange('GET', [{ url: `${API}/x`, response: { status: 200, headers: acao('*') } }], { headers: [...BROWSER, ['Save-Data', 'on']] });
    expect(diagnose(x, CHROMIUM_RULES).preflight.required).toBe(false);
    expect(diagnose(x, FIREFOX_RULES).preflight.required).toBe(true);
  });

  it("after a cross-origin redirect Firefox's preflight keeps the page's origin; the request sends null", () => {
    const preflight = (url: string) => ({ url, requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT']] as HeaderList } });
    const x = exchange('PUT', [
      { url: `${API}/0`, preflight: preflight(`${API}/0`), response: { status: 307, headers: [...acao(PAGE), ['Location', `${OTHER}/1`]] } },
      { url: `${OTHER}/1`, preflight: preflight(`${OTHER}/1`), response: { status: 200, headers: acao(PAGE) } },
    ]);
    const firefox = diagnose(x, FIREFOX_RULES);
    expect([firefox.verdict, firefox.corsError, firefox.failedAt]).toEqual(['blocked', 'AllowOriginMismatch', { hop: 1, phase: 'response' }]);
    // Chromium checks the second preflight against null already: the captured response contradicts that.
    expect(diagnose(x, CHROMIUM_RULES).failedAt).toEqual({ hop: 1, phase: 'preflight' });
  });

  it('a "no-cors" redirect to a URL with credentials is followed', () => {
    const x = exchange('GET', [
      { url: `${API}/0`, response: { status: 302, headers: [['Location', 'http://u:p@localhost:3333/1']] } },
      { url: 'http://u:p@localhost:3333/1', response: { status: 200, headers: [] } },
    ], { mode: 'no-cors', headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'no-cors']] });
    expect(diagnose(x, CHROMIUM_RULES).verdict).toBe('network-error');
    expect(diagnose(x, FIREFOX_RULES).verdict).toBe('not-cors');
  });
});

describe('a capture that stops at a redirect, its redirect mode unknown', () => {
  const stopsAt302 = (headers: HeaderList, redirectMode?: 'manual' | 'error') =>
    exchange('GET', [{ url: `${API}/0`, response: { status: 302, headers: [...headers, ['Location', `${API}/1`]] } }], redirectMode === undefined ? {} : { redirectMode });

  it('is "manual" in Chromium (its capture marks "error" with net::ERR_FAILED), cannot be told in Firefox (its HAR lists both alike)', () => {
    const x = stopsAt302(acao(PAGE));
    expect(diagnose(x, CHROMIUM_RULES).verdict).toBe('not-cors');
    expect(diagnose(x, FIREFOX_RULES)).toMatchObject({ verdict: 'uncertain', failedAt: { hop: 0, phase: 'redirect' } });
    expect(inFirefox(x)).toMatchObject({ outcome: 'uncertain', reason: null, logged: [] });
    expect(browserDifference(x)).toBe(null);
    expect(explain(diagnose(x, FIREFOX_RULES), x).explanation).toMatch(/^The capture ends at the redirect from .*redirect: 'manual'.*redirect: 'error'/);
  });

  it('is judged when the mode is known, and a failed CORS check on the 3xx blocks in either mode', () => {
    expect(inFirefox(stopsAt302(acao(PAGE), 'manual')).outcome).toBe('allowed');
    expect(inFirefox(stopsAt302(acao(PAGE), 'error')).outcome).toBe('network-error');
    expect(inFirefox(stopsAt302([]))).toMatchObject({ outcome: 'blocked', reason: 'CORSMissingAllowOrigin' });
  });

  it('only that case gets those words: a Chromium capture left uncertain at a redirect for another reason does not', () => {
    // A Location Chromium cannot parse, no error recorded: uncertain under Chromium's rules, for
    // a reason that is not the redirect mode.
    const badLocation = exchange('GET', [{ url: `${API}/0`, response: { status: 302, headers: [...acao(PAGE), ['Location', 'http://[bad/']] } }]);
    const d = diagnose(badLocation, CHROMIUM_RULES);
    expect(d).toMatchObject({ verdict: 'uncertain', failedAt: { phase: 'redirect' } });
    expect(d.redirectModeUnknown).toBeUndefined();
    expect(explain(d, badLocation).explanation).not.toMatch(/Firefox|redirect: 'manual'/);
    expect(diagnose(stopsAt302(acao(PAGE)), FIREFOX_RULES).redirectModeUnknown).toBe(true);
  });
});

describe('browserDifference', () => {
  it('says which browser blocks and why when they disagree, nothing when they agree', () => {
    const saveData = exchange('GET', [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 204, headers: [] } }, response: null }], { headers: [...BROWSER, ['Save-Data', 'on']] }, 'NS_ERROR_DOM_BAD_URI');
    expect(browserDifference(saveData)).toBe(null); // Chromium would not have preflighted: it cannot tell.
    const twoLines = exchange('PUT', [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status: 307, headers: [['Location', `${API}/y`]] } }, response: null }]);
    expect(browserDifference(twoLines)).toBe(null); // both block, for other reasons
    const noCors = exchange('GET', [
      { url: `${API}/0`, response: { status: 302, headers: [['Location', 'http://u:p@localhost:3333/1']] } },
      { url: 'http://u:p@localhost:3333/1', response: { status: 200, headers: [] } },
    ], { mode: 'no-cors', headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'no-cors']] });
    expect(browserDifference(noCors)).toMatch(/^fails in Chromium \(.*\), works in Firefox$/);
  });
});

describe('browserDifference on a Chromium capture', () => {
  it("reads Chromium's net::ERR_FAILED as the browser's failure too: a credentialed wildcard blocks in both", () => {
    const x = exchange('GET', [{ url: `${API}/x`, response: { status: 200, headers: acao('*') } }], { credentialsMode: undefined, headers: [...BROWSER, ['Cookie', 'a=1']] }, 'net::ERR_FAILED');
    expect(diagnose(x, CHROMIUM_RULES).corsError).toBe('WildcardOriginNotAllowed');
    expect(browserDifference(x)).toBe(null);
  });
});

describe('the preflight cache in Firefox', () => {
  it('answers for an IP-literal host as for a name: a needed preflight missing there is explained by it', () => {
    const at = (host: string) =>
      exchange('PUT', [{ url: `http://${host}/x`, preflightFromCache: true, response: null }], { initiatorOrigin: PAGE });
    const check = (x: ObservedExchange, rules: typeof FIREFOX_RULES) => diagnose(x, rules).checks.find((c) => c.name === 'preflight-cache')?.outcome;
    for (const host of ['127.0.0.1:2222', '[::1]:2222', 'localhost:2222']) {
      expect(check(at(host), CHROMIUM_RULES)).toBe('passed');
      expect(check(at(host), FIREFOX_RULES)).toBe('passed');
    }
  });
});
