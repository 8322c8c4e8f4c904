// Firefox's console lines, as Firefox prints them: the expected texts are the en-US strings of
// dom/locales/en-US/chrome/security/security.properties (mozilla/gecko-dev) filled by hand with what
// nsCORSListenerProxy.cpp passes for each case.

import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES } from '../browser-rules.ts';
import type { FirefoxReason } from '../cors-errors/facts.ts';
import { diagnose } from '../diagnose.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from '../exchange.ts';
import { firefoxConsoleMessage, firefoxVerdict } from './verdict.ts';

const PAGE = 'http://127.0.0.1:1111';
const URL_ = 'http://127.0.0.1:2222/items';
const BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';

function exchange(method: string, hops: ObservedHop[], over: { headers?: HeaderList; credentials?: boolean; errorText?: string } = {}): ObservedExchange {
  const x: ObservedExchange = {
    request: { method, headers: [['Origin', PAGE], ...(over.headers ?? [])], initiatorOrigin: PAGE, credentialsMode: over.credentials ? 'include' : 'same-origin', mode: 'cors' },
    hops,
  };
  if (over.errorText !== undefined) x.errorText = over.errorText;
  return x;
}
const preflighted = (preflight: HeaderList, status = 204): ObservedHop => ({
  url: URL_,
  preflight: { url: URL_, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace']], response: { status, headers: preflight } },
  response: null,
});
const PUT = { headers: [['X-Trace', '1']] as HeaderList };

describe('firefoxConsoleMessage', () => {
  it.each<[string, ObservedExchange, FirefoxReason, string]>([
    ['no Access-Control-Allow-Origin', exchange('GET', [{ url: URL_, response: { status: 200, headers: [] } }]), 'CORSMissingAllowOrigin', `${BLOCKED} ${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`],
    ['another origin allowed', exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'http://example.com']] } }]), 'CORSAllowOriginNotMatchingOrigin', `${BLOCKED} ${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://example.com’).`],
    ['* with credentials', exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }], { credentials: true }), 'CORSNotSupportingCredentials', `${BLOCKED} ‘${URL_}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`],
    ['no Access-Control-Allow-Credentials', exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }], { credentials: true }), 'CORSMissingAllowCredentials', `${BLOCKED} ${URL_}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`],
    ['a preflight answered 404', exchange('PUT', [preflighted([['Access-Control-Allow-Origin', PAGE]], 404)], PUT), 'CORSPreflightDidNotSucceed', `${BLOCKED} ${URL_}. (Reason: CORS preflight response did not succeed). Status code: 404.`],
    ['a preflight without the method', exchange('PUT', [preflighted([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', 'x-trace']])], PUT), 'CORSMethodNotFound', `${BLOCKED} ${URL_}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`],
    ['a preflight without the header', exchange('PUT', [preflighted([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']])], PUT), 'CORSMissingAllowHeaderFromPreflight', `${BLOCKED} ${URL_}. (Reason: header ‘x-trace’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`],
    ['a method list that is no list of tokens', exchange('PUT', [preflighted([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, PUT DELETE']])], PUT), 'CORSInvalidAllowMethod', `${BLOCKED} ${URL_}. (Reason: invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’).`],
    ['a preflight without Access-Control-Allow-Origin', exchange('PUT', [preflighted([], 204)], PUT), 'CORSMissingAllowOrigin', `${BLOCKED} ${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.`],
    ['two Access-Control-Allow-Origin lines', exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', PAGE]] } }]), 'CORSMultipleAllowOriginNotAllowed', `${BLOCKED} ${URL_}. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`],
  ])('%s', (_about, x, reason, text) => {
    const diagnosis = diagnose(x, FIREFOX_RULES);
    expect(firefoxVerdict(diagnosis, x).reason).toBe(reason);
    expect(firefoxConsoleMessage(diagnosis, x)).toBe(text);
  });

  it('a refused connection: CORS request did not succeed, with the status code Firefox does not pass', () => {
    const x = exchange('GET', [{ url: URL_, response: null }], { errorText: 'NS_ERROR_CONNECTION_REFUSED' });
    const diagnosis = diagnose(x, FIREFOX_RULES);
    expect(firefoxConsoleMessage(diagnosis, x)).toBe(`${BLOCKED} ${URL_}. (Reason: CORS request did not succeed). Status code: (null).`);
  });

  it('nothing when Firefox logs no CORS error', () => {
    const x = exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }]);
    expect(firefoxConsoleMessage(diagnose(x, FIREFOX_RULES), x)).toBeNull();
  });
});

// Session 30's hostile review: a line break in a hand-made HAR's header value or URL, printed as is,
// started a line of its own in `explain`'s text (`ALLOWED  all good`); Chromium's line showed
// `\u000A` there. Firefox's line is one line too, the other characters as captured.
describe('firefoxConsoleMessage on a hand-made capture', () => {
  it.each<[string, ObservedExchange, string]>([
    ['a line break in Access-Control-Allow-Origin', exchange('GET', [{ url: URL_, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'http://e.example\n\nALLOWED  all good\u2028\u001b[2J é']] } }]), `${BLOCKED} ${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://e.example\\u000A\\u000AALLOWED  all good\\u2028\\u001B[2J é’).`],
    ['a line break in the URL', exchange('GET', [{ url: `${URL_}\r\nBLOCKED`, response: { status: 200, headers: [] } }]), `${BLOCKED} ${URL_}\\u000D\\u000ABLOCKED. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`],
    ['a line break in an invalid token', exchange('PUT', [preflighted([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, P\u0007UT']])], PUT), `${BLOCKED} ${URL_}. (Reason: invalid token ‘P\\u0007UT’ in CORS header ‘Access-Control-Allow-Methods’).`],
  ])('%s', (_about, x, text) => {
    const line = firefoxConsoleMessage(diagnose(x, FIREFOX_RULES), x);
    expect(line).toBe(text);
    expect(line).not.toMatch(/[\u0000-\u001f\u2028]/);
  });
});
