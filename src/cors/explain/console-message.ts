// Chromium's console message for a blocked response, worded as Chromium 156 prints it.
// Templates follow third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
// (GetErrorStringForConsoleMessage); each one was checked against Chromium 156.0.8078.79's real
// console output (fetch and XMLHttpRequest) where the error can be produced on loopback.

import type { CorsError } from '../cors-error.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLinesJoined } from '../header-list.ts';
import { explainFacts } from './facts.ts';

/** Chromium's `initiator_name`: it changes the resource kind and some suffixes. */
export type ConsoleInitiator = 'fetch' | 'xmlhttprequest';

/** `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Chromium 156 prints it. */
const CORS_ENABLED_SCHEMES =
  'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

// Errors Chromium prefixes with "Response to preflight request doesn't pass access control check: ".
const PREFLIGHT_ERRORS: ReadonlySet<CorsError> = new Set<CorsError>([
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightMissingAllowPrivateNetwork',
  'PreflightInvalidAllowPrivateNetwork',
  // No longer produced by Chromium 156; kept with the prefix the older code gave them.
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
]);

const NO_CORS_INFORMATION = ' Have the server send the header with a valid value.';
const XHR_CREDENTIALS =
  ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';

/** Chromium's EncodeHint: printable ASCII as is, anything else as `\uXXXX`. */
export function encodeHint(hint: string): string {
  let out = '';
  for (let i = 0; i < hint.length; i++) {
    const code = hint.charCodeAt(i);
    out += code >= 0x20 && code < 0x7f ? hint[i] : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/**
 * Chromium's `ShortAddressSpace` for a URL's host, guessed from the host alone (the Diagnosis
 * does not carry address spaces): loopback, private (RFC 1918, link-local, ULA) or public.
 */
export function addressSpaceOf(url: string): 'loopback' | 'private' | 'public' {
  const host = (/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1] ?? '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]') return 'loopback';
  if (/^(10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || /^\[f[cd]/.test(host) || /^\[fe80:/.test(host)) {
    return 'private';
  }
  return 'public';
}

/** The reason part, after "has been blocked by CORS policy: ". */
export function corsReasonText(
  error: CorsError,
  hint: string,
  initiator: ConsoleInitiator,
  targetSpace: string,
): string {
  const h = encodeHint(hint);
  const fetchSuffix = initiator === 'fetch' ? NO_CORS_INFORMATION : '';
  const xhrSuffix = initiator === 'xmlhttprequest' ? XHR_CREDENTIALS : '';
  const prefix = PREFLIGHT_ERRORS.has(error) ? "Response to preflight request doesn't pass access control check: " : '';
  const body = ((): string => {
    switch (error) {
      case 'DisallowedByMode':
        return 'Cross origin requests are not allowed by request mode.';
      case 'NoCorsRedirectModeNotFollow':
        return ''; // Chromium's CORS template has no words for it.
      case 'InvalidResponse':
        return 'The response is invalid.';
      case 'InsecurePrivateNetwork':
      case 'InsecureLocalNetwork':
        return `The request client is not a secure context and the resource is in more-private address space \`${targetSpace}\`.`;
      case 'WildcardOriginNotAllowed':
      case 'PreflightWildcardOriginNotAllowed':
        return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + xhrSuffix;
      case 'MissingAllowOriginHeader':
      case 'PreflightMissingAllowOriginHeader':
        return "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
      case 'MultipleAllowOriginValues':
      case 'PreflightMultipleAllowOriginValues':
        return `The 'Access-Control-Allow-Origin' header contains multiple values '${h}', but only one is allowed.` + fetchSuffix;
      case 'InvalidAllowOriginValue':
      case 'PreflightInvalidAllowOriginValue':
        return `The 'Access-Control-Allow-Origin' header contains the invalid value '${h}'.` + fetchSuffix;
      case 'AllowOriginMismatch':
      case 'PreflightAllowOriginMismatch':
        return `The 'Access-Control-Allow-Origin' header has a value '${h}' that is not equal to the supplied origin.` + fetchSuffix;
      case 'InvalidAllowCredentials':
      case 'PreflightInvalidAllowCredentials':
        return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${h}' which must be 'true' when the request's credentials mode is 'include'.` + xhrSuffix;
      case 'CorsDisabledScheme':
        return `Cross origin requests are only supported for protocol schemes: ${CORS_ENABLED_SCHEMES}.`;
      case 'PreflightInvalidStatus':
        return 'It does not have HTTP ok status.';
      case 'PreflightDisallowedRedirect':
        return 'Redirect is not allowed for a preflight request.';
      case 'PreflightMissingAllowExternal':
        return "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').";
      case 'PreflightInvalidAllowExternal':
        return `The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${h}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').`;
      case 'PreflightMissingAllowPrivateNetwork':
        return `No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the \`${targetSpace}\` address space.`;
      case 'PreflightInvalidAllowPrivateNetwork':
        return `The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the \`${targetSpace}\` address space had a value of '${h}',  not 'true'.`;
      case 'InvalidAllowMethodsPreflightResponse':
        return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.';
      case 'InvalidAllowHeadersPreflightResponse':
        return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.';
      case 'MethodDisallowedByPreflightResponse':
        return `Method ${h} is not allowed by Access-Control-Allow-Methods in preflight response.`;
      case 'HeaderDisallowedByPreflightResponse':
        return `Request header field ${h} is not allowed by Access-Control-Allow-Headers in preflight response.`;
      case 'RedirectContainsCredentials':
        return `Redirect location '${h}' contains a username and password, which is disallowed for cross-origin requests.`;
      case 'InvalidPrivateNetworkAccess':
      case 'InvalidLocalNetworkAccess':
        // Chromium names the space the fetch() declared first; no capture records it.
        return `Request had a target IP address space of \`${targetSpace}\` yet the resource is in address space \`${targetSpace}\`.`;
      case 'UnexpectedPrivateNetworkAccess':
        return `Request had no target IP address space, yet the resource is in address space \`${targetSpace}\`.`;
      case 'PreflightMissingPrivateNetworkAccessId':
        return `No 'Private-Network-Access-Id' header was present in the preflight response for this private network request targeting the \`${targetSpace}\` address space.`;
      case 'PreflightMissingPrivateNetworkAccessName':
        return `No 'Private-Network-Access-Name' header was present in the preflight response for this private network request targeting the \`${targetSpace}\` address space.`;
      case 'PrivateNetworkAccessPermissionUnavailable':
        return `Unable to ask for permission to access the \`${targetSpace}\` IP address space.`;
      case 'PrivateNetworkAccessPermissionDenied':
      case 'LocalNetworkAccessPermissionDenied':
        return `Permission was denied for this request to access the \`${targetSpace}\` address space.`;
    }
  })();
  return prefix + body;
}

export interface ConsoleMessageOptions {
  /** How the page made the request; Chromium words fetch() and XMLHttpRequest differently. */
  initiator?: ConsoleInitiator;
}

/**
 * The console message Chromium prints for this Diagnosis, or null when it prints none (allowed,
 * same-origin, no-cors). Network failures print Chromium's "Failed to load resource" line.
 */
export function consoleMessage(
  diagnosis: Diagnosis,
  exchange: ObservedExchange,
  options: ConsoleMessageOptions = {},
): string | null {
  const initiator = options.initiator ?? 'fetch';
  const facts = explainFacts(diagnosis, exchange);
  if (diagnosis.verdict === 'network-error') {
    const text = diagnosis.networkFailure?.errorText ?? exchange.errorText;
    return text ? `Failed to load resource: ${text}` : null;
  }
  const error = diagnosis.corsError;
  if (error === null) return null;

  // These two are refused by the Fetch API in the renderer before any CORS check; Chromium 156
  // prints its own "Fetch API cannot load" line for fetch() (seen on a real run).
  if (initiator === 'fetch' && error === 'DisallowedByMode') {
    return `Fetch API cannot load ${facts.url}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${facts.pageOrigin}.`;
  }
  if (initiator === 'fetch' && error === 'NoCorsRedirectModeNotFollow') {
    return `Fetch API cannot load ${facts.firstUrl}. Request mode is "no-cors" but the redirect mode is not "follow".`;
  }

  let hint = diagnosis.failedParameter ?? '';
  // The DevTools protocol drops a failedParameter that is not valid UTF-8 (e.g. a Latin-1 byte in
  // Access-Control-Allow-Origin) while the console still shows the value: use the header then.
  if (hint === '' && (error === 'InvalidAllowOriginValue' || error === 'PreflightInvalidAllowOriginValue')) {
    const headers = error === 'InvalidAllowOriginValue' ? facts.hopData?.response?.headers : facts.hopData?.preflight?.response?.headers;
    hint = headerLinesJoined(headers, 'access-control-allow-origin') ?? '';
  }
  const kind = initiator === 'fetch' ? 'fetch' : 'XMLHttpRequest';
  const redirected = facts.url !== facts.firstUrl ? `(redirected from '${facts.firstUrl}') ` : '';
  const reason = corsReasonText(error, hint, initiator, diagnosis.localNetworkAccess?.targetAddressSpace ?? addressSpaceOf(facts.url));
  return `Access to ${kind} at '${facts.url}' ${redirected}from origin '${facts.pageOrigin}' has been blocked by CORS policy: ${reason}`;
}
