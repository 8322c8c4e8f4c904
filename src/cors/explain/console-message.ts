// Chromium's console message for a blocked response, worded as Chromium 156 prints it. The
// templates (one per CorsError, in src/cors/cors-errors/) follow
// third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
// (GetErrorStringForConsoleMessage); each one was checked against Chromium 156.0.8078.79's real
// console output (fetch and XMLHttpRequest) where the error can be produced on loopback.

import type { CorsError } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLinesJoined } from '../header-list.ts';
import { escapeControls } from './escape.ts';
import { explainFacts } from './facts.ts';

/** Chromium's `initiator_name`: it changes the resource kind and some suffixes. */
export type ConsoleInitiator = 'fetch' | 'xmlhttprequest';

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

/** The reason part, after "has been blocked by CORS policy: ": the table's template, filled in. */
export function corsReasonText(
  error: CorsError,
  hint: string,
  initiator: ConsoleInitiator,
  targetSpace: string,
): string {
  const facts = corsErrorFacts(error);
  const words = {
    hint: encodeHint(hint),
    fetchSuffix: initiator === 'fetch' ? NO_CORS_INFORMATION : '',
    xhrSuffix: initiator === 'xmlhttprequest' ? XHR_CREDENTIALS : '',
    targetSpace,
  };
  return (facts.consolePreflightPrefix ? "Response to preflight request doesn't pass access control check: " : '') + facts.console(words);
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
    return text ? `Failed to load resource: ${escapeControls(text)}` : null;
  }
  const error = diagnosis.corsError;
  if (error === null) return null;
  // Blocked on the browser's cached copy, and Chromium's reason not recorded: it printed one of
  // several messages, and the capture does not tell which (`cachedCopyBlocked.oneOf`).
  if (diagnosis.cachedCopyBlocked?.oneOf !== undefined) return null;
  // Chromium prints URLs as serialized, which holds no control; a hand-made HAR's URL may (a line
  // break in it started a line of its own in `explain`'s text): shown as escapes, on the one line.
  const url = escapeControls(facts.url);
  const firstUrl = escapeControls(facts.firstUrl);
  const pageOrigin = escapeControls(facts.pageOrigin);

  // These two are refused by the Fetch API in the renderer before any CORS check; Chromium 156
  // prints its own "Fetch API cannot load" line for fetch() (seen on a real run).
  if (initiator === 'fetch' && error === 'DisallowedByMode') {
    return `Fetch API cannot load ${url}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${pageOrigin}.`;
  }
  if (initiator === 'fetch' && error === 'NoCorsRedirectModeNotFollow') {
    return `Fetch API cannot load ${firstUrl}. Request mode is "no-cors" but the redirect mode is not "follow".`;
  }

  let hint = diagnosis.failedParameter ?? '';
  // The DevTools protocol drops a failedParameter that is not valid UTF-8 (e.g. a Latin-1 byte in
  // Access-Control-Allow-Origin) while the console still shows the value: use the header then.
  const table = corsErrorFacts(error);
  if (hint === '' && table.reasons.includes('not-an-origin')) {
    const headers = table.group === 'preflight' ? facts.hopData?.preflight?.response?.headers : facts.hopData?.response?.headers;
    hint = headerLinesJoined(headers, 'access-control-allow-origin') ?? '';
  }
  const kind = initiator === 'fetch' ? 'fetch' : 'XMLHttpRequest';
  // Chromium compares the first and the last URL, not the hops: a redirect back to the same URL reads as none.
  const redirected = facts.urlChanged ? `(redirected from '${firstUrl}') ` : '';
  const reason = corsReasonText(error, hint, initiator, diagnosis.localNetworkAccess?.targetAddressSpace ?? addressSpaceOf(facts.url));
  return `Access to ${kind} at '${url}' ${redirected}from origin '${pageOrigin}' has been blocked by CORS policy: ${reason}`;
}
