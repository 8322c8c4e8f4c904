// The response's CORS check (https://fetch.spec.whatwg.org/#concept-cors-check): the codes Chromium
// gives when the actual response (or a redirect) fails it. The preflight's twins reuse these words.

import type { CorsError } from '../cors-error.ts';
import { type ConsoleWords, type CorsErrorFacts, type HeadlineWords, inFirefox } from './facts.ts';

type Words = Pick<CorsErrorFacts, 'console' | 'headline' | 'trap'>;

export const MISSING_ALLOW_ORIGIN = (): string => "No 'Access-Control-Allow-Origin' header is present on the requested resource.";

export const WILDCARD_WORDS: Words = {
  console: (w: ConsoleWords) =>
    "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + w.xhrSuffix,
  headline: () => 'Wildcard origin with credentials',
  trap: "With credentials, '*' never works: name the origin, and allow credentials.",
};

export const MULTIPLE_VALUES_WORDS: Words = {
  console: (w) => `The 'Access-Control-Allow-Origin' header contains multiple values '${w.hint}', but only one is allowed.` + w.fetchSuffix,
  headline: () => 'Several origins in Access-Control-Allow-Origin',
  // One header line "a, b" is a list the server wrote; two lines are usually two layers: both happen.
  trap: "Access-Control-Allow-Origin holds one origin (or *): to allow several, send back only the request's Origin when it is on your list; and if two layers (say a proxy and the app) each add the header, configure CORS in one of them only.",
};

export const INVALID_VALUE_WORDS: Words = {
  console: (w) => `The 'Access-Control-Allow-Origin' header contains the invalid value '${w.hint}'.` + w.fetchSuffix,
  headline: () => 'Invalid Access-Control-Allow-Origin',
};

/**
 * The words of an Access-Control-Allow-Origin that is not the request's Origin: the value it holds,
 * and, where a cross-origin redirect tainted the request's origin (https://fetch.spec.whatwg.org/#http-redirect-fetch
 * step 14), that the Origin it was compared with is `null`, not the page's, which the value often is.
 */
export function mismatchHeadline(w: HeadlineWords, onPreflight: boolean): string {
  const header = onPreflight ? "the preflight's Access-Control-Allow-Origin" : 'Access-Control-Allow-Origin';
  if (w.originTainted) return w.hint === '' ? `Origin became null after a cross-origin redirect${onPreflight ? ' (on the preflight)' : ''}` : `Origin became null after a cross-origin redirect, but ${header} is ${w.hint}`;
  if (w.hint === '') return `Origin not allowed${onPreflight ? ' on the preflight' : ''}`;
  return `Access-Control-Allow-Origin${onPreflight ? ' on the preflight' : ''} is ${w.hint}, not the request's Origin`;
}

export const MISMATCH_WORDS: Words = {
  console: (w) => `The 'Access-Control-Allow-Origin' header has a value '${w.hint}' that is not equal to the supplied origin.` + w.fetchSuffix,
  headline: (w: HeadlineWords) => mismatchHeadline(w, false),
};

export const ALLOW_CREDENTIALS_WORDS: Words = {
  console: (w) =>
    `The value of the 'Access-Control-Allow-Credentials' header in the response is '${w.hint}' which must be 'true' when the request's credentials mode is 'include'.` + w.xhrSuffix,
  // Chromium's hint is '' both for no header and for an empty one: the check's reason tells them
  // apart. Without one (an older bundle that does not hold the response) the words say either.
  headline: (w) =>
    w.hint !== ''
      ? `Access-Control-Allow-Credentials is ${w.hint}, must be exactly true`
      : w.reason === 'allow-credentials-not-true'
        ? 'Empty Access-Control-Allow-Credentials, must be exactly true'
        : w.reason === 'no-allow-credentials'
          ? 'Missing Access-Control-Allow-Credentials'
          : 'Access-Control-Allow-Credentials missing or empty, must be exactly true',
};

const base = { group: 'response', consolePreflightPrefix: false } as const;

export const RESPONSE_ERRORS = {
  MissingAllowOriginHeader: {
    ...base,
    decidedByEngine: true,
    reasons: ['no-allow-origin'],
    console: MISSING_ALLOW_ORIGIN,
    headline: (w) => {
      if (w.errorStatus !== null && w.errorStatus >= 500) return `Server error ${w.errorStatus} without CORS headers`;
      if (w.errorStatus !== null && w.errorStatus >= 400) return `Error ${w.errorStatus} without CORS headers`;
      if (w.status !== undefined && w.redirect === true) return `Redirect ${w.status} without Access-Control-Allow-Origin`;
      return 'No Access-Control-Allow-Origin';
    },
    mustSend: 'actual-response',
    ...inFirefox('CORSMissingAllowOrigin'),
  },
  WildcardOriginNotAllowed: {
    ...base, ...WILDCARD_WORDS, decidedByEngine: true, reasons: ['wildcard-with-credentials'], mustSend: 'actual-response', ...inFirefox('CORSNotSupportingCredentials'),
  },
  // Firefox says "multiple" only for several header lines; one line "a, b" does not match (`firefox.ts`).
  MultipleAllowOriginValues: {
    ...base, ...MULTIPLE_VALUES_WORDS, decidedByEngine: true, reasons: ['multiple-values'], mustSend: 'actual-response', ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  InvalidAllowOriginValue: {
    ...base, ...INVALID_VALUE_WORDS, decidedByEngine: true, reasons: ['not-an-origin'], mustSend: 'actual-response', ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  AllowOriginMismatch: {
    ...base, ...MISMATCH_WORDS, decidedByEngine: true, reasons: ['origin-mismatch'], mustSend: 'actual-response', ...inFirefox('CORSAllowOriginNotMatchingOrigin'),
  },
  InvalidAllowCredentials: {
    ...base,
    ...ALLOW_CREDENTIALS_WORDS,
    decidedByEngine: true,
    reasons: ['no-allow-credentials', 'allow-credentials-not-true'],
    mustSend: 'allow-credentials',
    ...inFirefox('CORSMissingAllowCredentials'),
  },
  // Not given by the engine: Chromium's own verdict on a response it could not read.
  InvalidResponse: {
    ...base, decidedByEngine: false, reasons: [], console: () => 'The response is invalid.', headline: () => 'Invalid response', mustSend: 'nothing', ...inFirefox('CORSDidNotSucceed'),
  },
} satisfies Partial<Record<CorsError, CorsErrorFacts>>;
