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
    headline: (w) => (w.status !== undefined && (w.status < 200 || w.status > 299) ? `Preflight got ${w.status}` : 'Preflight lacks Access-Control-Allow-Origin'),
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
    headline: (w) => (w.status !== undefined ? `Preflight got ${w.status}` : 'Preflight status not 2xx'),
    trap: 'The preflight carries no cookies and no Authorization: authentication must let OPTIONS through.',
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
