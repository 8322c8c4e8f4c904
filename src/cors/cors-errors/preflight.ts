// The preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch), in the order Chromium checks
// it: redirect, CORS check, ok status, the two lists' syntax, the method, the headers.

import type { CorsError } from '../cors-error.ts';
import { type CorsErrorFacts, type FirefoxReason, inFirefox } from './facts.ts';
import { ALLOW_CREDENTIALS_WORDS, INVALID_VALUE_WORDS, MISMATCH_WORDS, MISSING_ALLOW_ORIGIN, mismatchHeadline, MULTIPLE_VALUES_WORDS, WILDCARD_WORDS } from './response.ts';

const base = { group: 'preflight', mustSend: 'preflight' } as const;
/** The preflight's CORS check: Chromium prefixes its words with "Response to preflight request ...". */
const corsCheck = { ...base, consolePreflightPrefix: true } as const;

/** A list Chromium cannot parse (its console words carry no prefix). */
function unparsable(header: string, firefox: FirefoxReason): CorsErrorFacts {
  return {
    ...base,
    consolePreflightPrefix: false,
    decidedByEngine: true,
    reasons: [],
    console: () => `Cannot parse ${header} response header field in preflight response.`,
    headline: () => `Unparsable ${header}`,
    ...inFirefox(firefox),
  };
}

/**
 * A preflight answered with an error status (4xx, 5xx), by whether its Access-Control-Allow-Origin
 * passed: Chromium and Firefox run the CORS check before the status check, so the same 404 is
 * `PreflightMissingAllowOriginHeader` (`CORSMissingAllowOrigin`) without the header, and
 * `PreflightInvalidStatus` (`CORSPreflightDidNotSucceed`) with it; the server must change the status
 * and the headers in the first case, the status in the second. A 3xx keeps the status alone (a
 * preflight's redirect is refused whatever its headers).
 */
function refusedHeadline(status: number, allowOrigin: 'with' | 'without'): string {
  return status >= 400 ? `Preflight got ${status} ${allowOrigin} Access-Control-Allow-Origin` : `Preflight got ${status}`;
}

export const PREFLIGHT_ERRORS = {
  PreflightDisallowedRedirect: {
    ...corsCheck,
    decidedByEngine: true,
    reasons: [],
    console: () => 'Redirect is not allowed for a preflight request.',
    headline: () => 'Preflight redirected',
    trap: 'A preflight cannot follow a redirect: call the final URL (check the trailing slash and http vs https).',
    ...inFirefox('CORSExternalRedirectNotAllowed'),
  },
  PreflightMissingAllowOriginHeader: {
    ...corsCheck,
    decidedByEngine: true,
    reasons: ['no-allow-origin'],
    console: MISSING_ALLOW_ORIGIN,
    headline: (w) => (w.status !== undefined && (w.status < 200 || w.status > 299) ? refusedHeadline(w.status, 'without') : 'Preflight lacks Access-Control-Allow-Origin'),
    ...inFirefox('CORSMissingAllowOrigin'),
  },
  PreflightWildcardOriginNotAllowed: {
    ...corsCheck, ...WILDCARD_WORDS, decidedByEngine: true, reasons: ['wildcard-with-credentials'], ...inFirefox('CORSNotSupportingCredentials'),
  },
  PreflightMultipleAllowOriginValues: {
    ...corsCheck, ...MULTIPLE_VALUES_WORDS, decidedByEngine: true, reasons: ['multiple-values'], ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  PreflightInvalidAllowOriginValue: {
    ...corsCheck, ...INVALID_VALUE_WORDS, decidedByEngine: true, reasons: ['not-an-origin'], ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  PreflightAllowOriginMismatch: {
    ...corsCheck, ...MISMATCH_WORDS, headline: (w) => mismatchHeadline(w, true), decidedByEngine: true, reasons: ['origin-mismatch'], ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  PreflightInvalidAllowCredentials: {
    ...corsCheck,
    ...ALLOW_CREDENTIALS_WORDS,
    decidedByEngine: true,
    reasons: ['no-allow-credentials', 'allow-credentials-not-true'],
    ...inFirefox('CORSMissingAllowCredentials'),
  },
  PreflightInvalidStatus: {
    ...corsCheck,
    decidedByEngine: true,
    reasons: [],
    console: () => 'It does not have HTTP ok status.',
    headline: (w) => (w.status !== undefined ? refusedHeadline(w.status, 'with') : 'Preflight status not 2xx'),
    ...inFirefox('CORSPreflightDidNotSucceed'),
  },
  InvalidAllowMethodsPreflightResponse: unparsable('Access-Control-Allow-Methods', 'CORSInvalidAllowMethod'),
  InvalidAllowHeadersPreflightResponse: unparsable('Access-Control-Allow-Headers', 'CORSInvalidAllowHeader'),
  MethodDisallowedByPreflightResponse: {
    ...base,
    consolePreflightPrefix: false,
    decidedByEngine: true,
    reasons: ['no-allow-methods', 'not-listed', 'wildcard-is-literal-with-credentials'],
    console: (w) => `Method ${w.hint} is not allowed by Access-Control-Allow-Methods in preflight response.`,
    headline: (w) => `${w.hint === '' ? 'The method' : w.hint} not in Access-Control-Allow-Methods`,
    ...inFirefox('CORSMethodNotFound'),
  },
  HeaderDisallowedByPreflightResponse: {
    ...base,
    consolePreflightPrefix: false,
    decidedByEngine: true,
    reasons: ['no-allow-headers', 'not-listed', 'wildcard-is-literal-with-credentials'],
    console: (w) => `Request header field ${w.hint} is not allowed by Access-Control-Allow-Headers in preflight response.`,
    headline: (w) => `${w.hint === '' ? 'A request header' : w.hint} not in Access-Control-Allow-Headers`,
    ...inFirefox('CORSMissingAllowHeaderFromPreflight'),
  },
} satisfies Partial<Record<CorsError, CorsErrorFacts>>;
