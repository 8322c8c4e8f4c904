// What Firefox reports for the same failure: its console reason code (the name of the MDN page).
// Checked against Firefox 153's reasons for the public scenarios
// (test/fixtures/public.observed-firefox.json; its message ids carry a version suffix, e.g.
// CORSMissingAllowOrigin2, which is the same reason as the MDN page without the digit).

import type { CorsError } from '../cors-error.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLines } from '../header-list.ts';
import { explainFacts } from './facts.ts';

export type FirefoxReason =
  | 'CORSDisabled'
  | 'CORSDidNotSucceed'
  | 'CORSOriginHeaderNotAdded'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSRequestNotHttp'
  | 'CORSMissingAllowOrigin'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSMethodNotFound'
  | 'CORSMissingAllowCredentials'
  | 'CORSPreflightDidNotSucceed'
  | 'CORSInvalidAllowMethod'
  | 'CORSInvalidAllowHeader'
  | 'CORSMissingAllowHeaderFromPreflight';

export const MDN_CORS_ERRORS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/';

/** Chromium's error → Firefox's reason. `null`: Firefox has no CORS reason for it. */
const BY_ERROR: Record<CorsError, FirefoxReason | null> = {
  DisallowedByMode: null, // a TypeError from fetch(), no CORS console reason
  InvalidResponse: 'CORSDidNotSucceed',
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  // Firefox says "multiple" only for several header lines; one line "a, b" does not match.
  MultipleAllowOriginValues: 'CORSAllowOriginNotMatchingOrigin',
  PreflightMultipleAllowOriginValues: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowCredentials: 'CORSMissingAllowCredentials',
  PreflightInvalidAllowCredentials: 'CORSMissingAllowCredentials',
  CorsDisabledScheme: 'CORSRequestNotHttp',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  PreflightMissingAllowExternal: null,
  PreflightInvalidAllowExternal: null,
  PreflightMissingAllowPrivateNetwork: null,
  PreflightInvalidAllowPrivateNetwork: null,
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
  RedirectContainsCredentials: 'CORSDidNotSucceed',
  InsecurePrivateNetwork: null,
  InvalidPrivateNetworkAccess: null,
  InvalidLocalNetworkAccess: null,
  UnexpectedPrivateNetworkAccess: null,
  NoCorsRedirectModeNotFollow: null,
  PreflightMissingPrivateNetworkAccessId: null,
  PreflightMissingPrivateNetworkAccessName: null,
  PrivateNetworkAccessPermissionUnavailable: null,
  PrivateNetworkAccessPermissionDenied: null,
  LocalNetworkAccessPermissionDenied: null,
  InsecureLocalNetwork: null,
};

export function firefoxReasonFor(error: CorsError): FirefoxReason | null {
  return BY_ERROR[error];
}

/** Firefox's reason for this Diagnosis, with its MDN page; null when Firefox would report none. */
export function firefoxReason(diagnosis: Diagnosis, exchange: ObservedExchange): { reason: string; mdn: string } | null {
  let reason: FirefoxReason | null = null;
  if (diagnosis.verdict === 'network-error') reason = 'CORSDidNotSucceed';
  else if (diagnosis.verdict === 'blocked' && diagnosis.corsError !== null) {
    reason = BY_ERROR[diagnosis.corsError];
    if (diagnosis.corsError === 'MultipleAllowOriginValues' || diagnosis.corsError === 'PreflightMultipleAllowOriginValues') {
      const facts = explainFacts(diagnosis, exchange);
      const headers = diagnosis.corsError === 'MultipleAllowOriginValues' ? facts.hopData?.response?.headers : facts.hopData?.preflight?.response?.headers;
      if (headerLines(headers, 'access-control-allow-origin').length > 1) reason = 'CORSMultipleAllowOriginNotAllowed';
    }
  }
  return reason === null ? null : { reason, mdn: MDN_CORS_ERRORS + reason };
}
