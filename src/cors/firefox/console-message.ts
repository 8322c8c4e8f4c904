// Firefox's console line for an exchange judged under Firefox's rules: its reason (verdict.ts) in
// Firefox's own words (console-text.ts), filled with what nsCORSListenerProxy.cpp passes: the URL of
// the failing hop, and the status code, header value or list item of the response that failed.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLinesJoined } from '../header-list.ts';
import { isToken } from '../safelisted-request-header.ts';
import type { FirefoxReason } from '../cors-errors/facts.ts';
import { escapeControls } from '../explain/escape.ts';
import { firefoxConsoleText, type FirefoxConsoleWords } from './console-text.ts';

/**
 * The first item of a comma-separated list that is not an HTTP token, as Firefox's preflight check
 * reads it (nsCCharSeparatedTokenizer: items trimmed of whitespace, empty ones skipped).
 */
function firstInvalidToken(list: string | null): string | null {
  for (const item of (list ?? '').split(',')) {
    const trimmed = item.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (trimmed !== '' && !isToken(trimmed)) return trimmed;
  }
  return null;
}

/**
 * Firefox's console line for the exchange (`diagnosis` made with Firefox's rules), for the reason its
 * verdict gave (`FirefoxVerdict.reason`): `firefoxConsoleMessage` (verdict.ts) when the caller has none.
 */
export function firefoxConsoleLine(reason: FirefoxReason, diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const words = consoleWords(reason, diagnosis, exchange);
  // One line, whatever the capture holds: a line break in a hand-made HAR's header value or URL
  // printed as is started a line of its own in `explain`'s text (`ALLOWED  all good`), where
  // Chromium's line (EncodeHint) shows `\u000A`.
  return firefoxConsoleText(reason, { url: escapeControls(words.url), param: words.param === null ? null : escapeControls(words.param) });
}

/** What nsCORSListenerProxy passes for `reason`, as captured. */
function consoleWords(reason: FirefoxReason, diagnosis: Diagnosis, exchange: ObservedExchange): FirefoxConsoleWords {
  const at = diagnosis.failedAt ?? diagnosis.networkFailure;
  const hop = exchange.hops[at?.hop ?? 0];
  const url = hop?.url ?? '';
  const preflight = hop?.preflight?.response ?? null;
  // The channel that failed: the preflight's when the failure was there.
  const response = at?.phase === 'preflight' ? preflight : (hop?.response ?? null);
  const status = response === null ? '' : String(response.status);
  switch (reason) {
    case 'CORSMissingAllowOrigin':
      return { url, param: status };
    case 'CORSPreflightDidNotSucceed':
      return { url, param: preflight === null ? '' : String(preflight.status) };
    case 'CORSAllowOriginNotMatchingOrigin':
      return { url, param: headerLinesJoined(response?.headers, 'access-control-allow-origin') ?? '' };
    case 'CORSInvalidAllowMethod':
      return { url, param: firstInvalidToken(headerLinesJoined(preflight?.headers, 'access-control-allow-methods')) ?? diagnosis.failedParameter ?? '' };
    case 'CORSInvalidAllowHeader':
      return { url, param: firstInvalidToken(headerLinesJoined(preflight?.headers, 'access-control-allow-headers')) ?? diagnosis.failedParameter ?? '' };
    case 'CORSMissingAllowHeaderFromPreflight':
      // Firefox lower-cases the request's header names (and checks them sorted, as the engine does).
      return { url, param: (diagnosis.failedParameter ?? '').toLowerCase() };
    default:
      return { url, param: null };
  }
}
