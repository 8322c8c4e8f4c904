// After the replay: what the capture says about its outcome. Shared by the full diagnosis and the
// verdict-only fast path, so both reach the same verdict by the same rules:
// - a guessed credentials mode: the "include" reading replaces the default one when only it explains
//   the browser's CORS failure;
// - the browser failed, yet the replay lets the response through: not enough data (uncertain);
// - the replay blocks at a preflight, yet the capture shows the actual response: it contradicts the
//   capture (uncertain).

import type { BrowserRules } from './browser-rules.ts';
import type { ObservedExchange } from './exchange.ts';
import { type Blocked, type FetchOutcome, uncertain } from './fetch/fetch-outcome.ts';

/** The browser reported the request failed for a CORS reason (Chromium: `net::ERR_FAILED`). */
export function browserReportedCorsFailure(exchange: ObservedExchange, rules: BrowserRules): boolean {
  return exchange.errorText === rules.corsFailureErrorText;
}

/**
 * Whether the "include" reading may replace `outcome`: the browser failed, and `outcome` does not
 * explain why (it lets the response through, or cannot tell). The verdict-only path replays
 * "include" only then.
 */
export function includeMayExplainFailure(outcome: FetchOutcome, browserFailed: boolean): boolean {
  return browserFailed && (outcome.kind === 'allowed' || outcome.kind === 'uncertain');
}

/** Whether the "include" reading `include` replaces `outcome`: only it explains the browser's failure. */
export function includeExplainsFailure(outcome: FetchOutcome, include: FetchOutcome, browserFailed: boolean): boolean {
  return includeMayExplainFailure(outcome, browserFailed) && include.kind === 'blocked';
}

/**
 * A replay that blocks at a preflight while the capture shows the actual request's response at that
 * hop contradicts the capture: Chromium sends the actual request only after its preflight passed. The
 * capture paired the wrong preflight, or was incomplete; the replay cannot be trusted.
 * (Hypothetical readings, such as the "include" alternative, are what-ifs and are not checked.)
 */
export function contradictsCapture(outcome: FetchOutcome, exchange: ObservedExchange): outcome is Blocked {
  if (outcome.kind !== 'blocked' || outcome.phase !== 'preflight') return false;
  return (exchange.hops[outcome.hop]?.response ?? null) !== null;
}

/** The outcome the diagnosis reports: `outcome`, or `uncertain` where the capture does not bear it out. */
export function settleOutcome(outcome: FetchOutcome, exchange: ObservedExchange, browserFailed: boolean): FetchOutcome {
  // The browser said it failed, yet every reading lets the response through: not enough data.
  if (outcome.kind === 'allowed' && browserFailed) return uncertain(outcome.hop, 'response');
  if (contradictsCapture(outcome, exchange)) return uncertain(outcome.hop, 'preflight');
  return outcome;
}
