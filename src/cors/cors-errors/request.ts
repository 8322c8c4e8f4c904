// The request itself: its mode, its URL's scheme, a redirect's Location. No response header of the
// server decides these (except a redirect's Location).

import type { CorsError } from '../cors-error.ts';
import { type CorsErrorFacts, inFirefox } from './facts.ts';

/** `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Chromium 156 prints it. */
const CORS_ENABLED_SCHEMES =
  'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

const base = { group: 'request', consolePreflightPrefix: false, decidedByEngine: true, reasons: [] } as const;

export const REQUEST_ERRORS = {
  DisallowedByMode: {
    ...base,
    console: () => 'Cross origin requests are not allowed by request mode.',
    headline: () => "Cross-origin request in mode 'same-origin'",
    mustSend: 'nothing',
    ...inFirefox(null), // a TypeError from fetch(), no CORS console reason
  },
  CorsDisabledScheme: {
    ...base,
    console: () => `Cross origin requests are only supported for protocol schemes: ${CORS_ENABLED_SCHEMES}.`,
    headline: () => 'Scheme does not support CORS',
    mustSend: 'http-location',
    ...inFirefox('CORSRequestNotHttp'),
  },
  RedirectContainsCredentials: {
    ...base,
    console: (w) => `Redirect location '${w.hint}' contains a username and password, which is disallowed for cross-origin requests.`,
    headline: () => 'Redirect to a URL with user:password',
    mustSend: 'location-without-credentials',
    ...inFirefox('CORSDidNotSucceed'),
  },
  NoCorsRedirectModeNotFollow: {
    ...base,
    console: () => '', // Chromium's CORS template has no words for it.
    headline: () => "no-cors request with redirect not 'follow'",
    mustSend: 'nothing',
    ...inFirefox(null),
  },
} satisfies Partial<Record<CorsError, CorsErrorFacts>>;
