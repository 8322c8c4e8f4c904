// A few words for a list row. Built from the reason (data) and, where it helps, the one value
// that names the problem (the header, the method, the status); a blocked row's words are its
// CorsError's headline in the table (src/cors/cors-errors/).

import type { CorsError } from '../cors-error.ts';
import { CORS_ERROR_TABLE, corsErrorFacts } from '../cors-errors/index.ts';
import type { HeadlineWords } from '../cors-errors/facts.ts';
import type { Check, Diagnosis, NetworkFailure, NotCorsReason } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import type { FailureReason } from '../failure-reason.ts';
import { classifyNetworkError } from '../network-failure.ts';
import { isRedirectHop } from '../redirect.ts';
import { escapeControls } from './escape.ts';
import { explainFacts } from './facts.ts';
import { failureReason } from './reason-words.ts';

const NETWORK_HEADLINES: Record<NetworkFailure['kind'], string> = {
  'connection-refused': 'Connection refused',
  dns: 'Host not found (DNS)',
  tls: 'TLS/certificate error',
  timeout: 'Timed out',
  reset: 'Connection reset',
  aborted: 'Request aborted',
  'blocked-by-client': 'Blocked by an extension',
  other: 'Network error',
};

const NOT_CORS_HEADLINES: Record<NotCorsReason, string> = {
  'same-origin': 'Same-origin',
  'data-url': 'data: URL, no CORS',
  'no-cors': 'Opaque (no-cors)',
  navigate: 'Navigation, no CORS',
  'opaque-redirect': "Redirect handed to the page (redirect: 'manual')",
};

/**
 * The capture stops at a redirect that passed every check and that the browser follows (redirect
 * mode "follow"): the next URL's answer, where the verdict would be made, was not captured.
 * https://fetch.spec.whatwg.org/#http-redirect-fetch
 */
export function followedPastCapture(diagnosis: Pick<Diagnosis, 'verdict' | 'failedAt' | 'checks' | 'urlProblem' | 'redirectModeUnknown'>): boolean {
  const at = diagnosis.failedAt;
  if (diagnosis.verdict !== 'uncertain' || at === null || at.phase !== 'redirect' || diagnosis.urlProblem || diagnosis.redirectModeUnknown === true) return false;
  return diagnosis.checks.some((c) => c.name === 'redirect-location' && c.hop === at.hop && c.outcome === 'passed');
}

/** A redirect the browser got and refused to follow, by the rule that refused it (the failed redirect check). */
const REFUSED_REDIRECT_HEADLINES: Partial<Record<Check['name'], string>> = {
  'redirect-mode': "Redirect refused (redirect: 'error')",
  'request-mode': "Redirect to another origin in mode 'same-origin'",
  'redirect-location': 'Redirect the browser will not follow',
  'cors-enabled-scheme': 'Redirect to a URL that is not http(s)',
};

function refusedRedirectHeadline(diagnosis: Diagnosis): string | null {
  const check = diagnosis.checks.find((c) => c.outcome === 'failed' && c.phase === 'redirect');
  return check === undefined ? null : REFUSED_REDIRECT_HEADLINES[check.name] ?? null;
}

const HEADER_NAMES = { 'access-control-allow-origin': 'Access-Control-Allow-Origin', 'access-control-allow-credentials': 'Access-Control-Allow-Credentials' } as const;

/**
 * The row's words. A blocked row's quote the failing value (a method, a header name, an
 * Access-Control-Allow-Credentials value), which a hand-made HAR or a probed server can fill with
 * line breaks and escape sequences: each control is shown as an escape (`\u000A`), as in the
 * explanation, so the headline stays one line wherever it is printed (`explain --json` read by `jq -r`).
 */
export function headline(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  return escapeControls(headlineWords(diagnosis, exchange));
}

function headlineWords(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const facts = explainFacts(diagnosis, exchange);
  const p = diagnosis.failedParameter ?? '';
  switch (diagnosis.verdict) {
    case 'allowed':
      return 'Allowed';
    case 'not-cors':
      if (diagnosis.mode === 'no-cors') return 'Opaque (no-cors)';
      // Only a request to the page's own origin is called same-origin: a cross-origin one is not
      // CORS for another reason (https://fetch.spec.whatwg.org/#main-fetch, #http-fetch).
      return NOT_CORS_HEADLINES[diagnosis.notCors ?? 'same-origin'];
    case 'uncertain':
      if (diagnosis.urlProblem?.kind === 'invalid') return 'Invalid URL in the capture';
      if (diagnosis.urlProblem?.kind === 'opaque-blob') return 'blob: URL of an opaque origin';
      if (followedPastCapture(diagnosis)) return 'Redirect passes; next URL not captured';
      if (diagnosis.preflightUnanswered === true) return 'Preflight after the redirect not in the capture';
      return 'Cannot tell from what was captured';
    case 'network-error':
      return refusedRedirectHeadline(diagnosis) ?? NETWORK_HEADLINES[diagnosis.networkFailure?.kind ?? 'other'];
    case 'blocked':
      break;
  }
  if (diagnosis.corsError === null) return 'Blocked';
  const cached = diagnosis.cachedCopyBlocked;
  // The 304 as it came, or the cached copy it updated: the capture cannot tell which the browser checked.
  if (cached?.revalidationUnknown === true) return `Refused after a 304 without ${HEADER_NAMES[cached.header]}`;
  if (cached?.oneOf !== undefined) return 'Cached copy refused after a 304';
  const status = facts.onPreflight ? facts.hopData?.preflight?.response?.status : facts.hopData?.response?.status;
  return corsErrorWords(diagnosis.corsError, {
    hint: p,
    status,
    redirect: !facts.onPreflight && isRedirectHop(exchange, facts.hop),
    errorStatus: diagnosis.errorResponse?.status ?? null,
    originTainted: failedOnTaintedOrigin(diagnosis),
    reason: failureReason(diagnosis),
  });
}

/**
 * Whether the Access-Control-Allow-Origin check that failed compared the value with a `null` Origin
 * that a cross-origin redirect made (the tainted origin flag:
 * https://fetch.spec.whatwg.org/#concept-request-tainted-origin), not with the page's: not an opaque
 * page's, whose Origin is `null` from the start, and not Firefox's preflight, which sends the page's
 * origin after such a redirect (`BrowserRules.preflightSendsTaintedOrigin`).
 */
export function failedOnTaintedOrigin(diagnosis: Pick<Diagnosis, 'failedAt' | 'originComparison' | 'requestOrigins'>): boolean {
  const hop = diagnosis.failedAt?.hop ?? 0;
  return hop > 0 && diagnosis.originComparison?.requestOrigin === 'null' && (diagnosis.requestOrigins[0] ?? 'null') !== 'null';
}

/**
 * A Chromium error's words, for a row and a cause's title alike: its headline in the table, and
 * where a preflight's twin of a response error reads as that error does, "on the preflight", so
 * the two never read alike.
 */
function corsErrorWords(corsError: CorsError, w: HeadlineWords): string {
  const words = corsErrorFacts(corsError).headline(w);
  const twin = corsError.startsWith('Preflight') ? corsError.slice('Preflight'.length) : '';
  return Object.hasOwn(CORS_ERROR_TABLE, twin) && corsErrorFacts(twin as CorsError).headline(w) === words ? `${words} on the preflight` : words;
}

/** What a cause's words read beside its verdict, error and value, where its key holds them (`causeHeadline`). */
export interface CauseWords {
  /** The failed check's reason (`Cause.reason`). */
  reason?: FailureReason | null;
  /** The not-ok status of the preflight that refused it (`Cause.refused`). */
  refusedStatus?: number | null;
  /** A cross-origin redirect made the request's Origin `null` where the check failed (`Cause.originTainted`). */
  originTainted?: boolean;
}

/**
 * A cause's words, from what every failure of the cause shares, as its key holds it: its verdict,
 * Chromium's error and the failing value (`failedParameter`, or a network error's text), and where
 * the key holds them, the check's reason (an empty Access-Control-Allow-Credentials is not a missing
 * one, though Chromium names '' for both), the status of a preflight that refused it, and whether a
 * redirect made the request's Origin `null`. Nothing else is read from one request (no error
 * response's status), so the words are true of every request grouped under them, and are a row's
 * words (`headline`) wherever the key holds what the row reads. Null for a code this engine does
 * not know (a bundle's, unchecked).
 */
export function causeHeadline(verdict: string, corsError: string | null, value: string, words: CauseWords = {}): string | null {
  if (corsError === null) {
    if (verdict === 'network-error') return NETWORK_HEADLINES[classifyNetworkError(value) ?? 'other'];
    return verdict === 'uncertain' ? 'Cannot tell from what was captured' : 'Blocked';
  }
  if (!Object.hasOwn(CORS_ERROR_TABLE, corsError)) return null;
  // The value is quoted as the row's headline quotes it: controls as escapes.
  return corsErrorWords(corsError as CorsError, {
    hint: escapeControls(value),
    status: words.refusedStatus ?? undefined,
    errorStatus: null,
    originTainted: words.originTainted ?? false,
    reason: words.reason ?? null,
  });
}
