// Firefox's console line for its CORS reason, as Firefox words it: the English strings of
// dom/locales/en-US/chrome/security/security.properties (mozilla/gecko-dev), filled as
// netwerk/protocol/http/nsCORSListenerProxy.cpp fills them (LogBlockedRequest: %1$S is the URL of
// the channel that failed; %2$S the one parameter it passes, or nothing, which Firefox prints as
// "(null)"). Copied verbatim, typographic quotes included: people paste these lines into searches.
// https://searchfox.org/mozilla-central/source/dom/locales/en-US/chrome/security/security.properties
// https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp

import type { FirefoxReason } from '../cors-errors/facts.ts';

const BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';

/**
 * The security.properties string for each reason (the key's current name in brackets where it
 * carries a number), `%1$S` and `%2$S` left in.
 */
const TEMPLATES: Record<FirefoxReason, string> = {
  CORSDisabled: `${BLOCKED} %1$S. (Reason: CORS disabled).`,
  // CORSDidNotSucceed2; nsCORSListenerProxy passes no status code.
  CORSDidNotSucceed: `${BLOCKED} %1$S. (Reason: CORS request did not succeed). Status code: %2$S.`,
  CORSOriginHeaderNotAdded: `${BLOCKED} %1$S. (Reason: CORS header ‘Origin’ cannot be added).`,
  CORSExternalRedirectNotAllowed: `${BLOCKED} %1$S. (Reason: CORS request external redirect not allowed).`,
  CORSRequestNotHttp: `${BLOCKED} %1$S. (Reason: CORS request not http).`,
  // CORSMissingAllowOrigin2: %2$S the failing response's status code.
  CORSMissingAllowOrigin: `${BLOCKED} %1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %2$S.`,
  CORSMultipleAllowOriginNotAllowed: `${BLOCKED} %1$S. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
  // %2$S: the Access-Control-Allow-Origin value the server sent.
  CORSAllowOriginNotMatchingOrigin: `${BLOCKED} %1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2$S’).`,
  CORSNotSupportingCredentials: `${BLOCKED} ‘%1$S’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
  CORSMethodNotFound: `${BLOCKED} %1$S. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
  CORSMissingAllowCredentials: `${BLOCKED} %1$S. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
  // CORSPreflightDidNotSucceed3: %2$S the preflight's status code.
  CORSPreflightDidNotSucceed: `${BLOCKED} %1$S. (Reason: CORS preflight response did not succeed). Status code: %2$S.`,
  // %2$S: the first list item that is not an HTTP token.
  CORSInvalidAllowMethod: `${BLOCKED} %1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Methods’).`,
  CORSInvalidAllowHeader: `${BLOCKED} %1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’).`,
  // CORSMissingAllowHeaderFromPreflight2: %2$S the request header's name, lower-cased.
  CORSMissingAllowHeaderFromPreflight: `${BLOCKED} %1$S. (Reason: header ‘%2$S’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
};

/** What a template is filled with: the URL Firefox names, and its one parameter when it passes one. */
export interface FirefoxConsoleWords {
  url: string;
  /** null where Firefox passes none (it then prints "(null)"). */
  param: string | null;
}

/** Firefox's console line for `reason`, filled with `words`. */
export function firefoxConsoleText(reason: FirefoxReason, words: FirefoxConsoleWords): string {
  // One pass, so a URL holding "%2$S" is printed as it is.
  return TEMPLATES[reason].replace(/%([12])\$S/g, (_all, n: string) => (n === '1' ? words.url : (words.param ?? '(null)')));
}
