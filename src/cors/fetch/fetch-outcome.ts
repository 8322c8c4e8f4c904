// What one replay of a fetch ends with, and what each step of it returns. The kinds are the
// verdicts (`Verdict`), so a replay's outcome reads as the verdict it gives; `continue` is the one
// step result that is not an outcome: a redirect was followed and main fetch runs again.

import type { CorsError } from '../cors-error.ts';
import type { CachedCopyBlocked, CheckPhase, ErrorResponseHint, NetworkFailure, NotCorsReason, UrlProblem } from '../diagnosis.ts';
import type { FailureReason } from '../failure-reason.ts';

/** The response at `hop` reached the page. */
export interface Allowed {
  kind: 'allowed';
  hop: number;
}

/** The browser refused the response (or refused to send) for a CORS reason. */
export interface Blocked {
  kind: 'blocked';
  corsError: CorsError;
  /** Chromium's failedParameter ("" when it gives none). */
  failedParameter: string;
  /**
   * Why the failed check failed, as it decided (`Check.reason`), when its rule has several ways to
   * fail; null otherwise. Chromium's failedParameter does not always tell: '' both for a missing
   * Access-Control-Allow-Credentials and for an empty one.
   */
  reason: FailureReason | null;
  hop: number;
  phase: CheckPhase;
  /** The `Access-Control-Allow-Origin` value and the request's origin the CORS check compared, when it failed on them. */
  comparedAllowOrigin: string | null;
  comparedRequestOrigin: string | null;
  /** An error status on the refused response: it usually explains the missing headers. */
  errorResponse: ErrorResponseHint | null;
  /**
   * Optional, added: the hop before which the browser's rules send a preflight the capture holds no
   * answer to (`ReplayedRequest.unansweredPreflightHop`), where the block stands whatever it
   * answered (main-fetch.ts, `replayFetch`).
   */
  preflightUnansweredAt?: number;
  /** Optional, added: the check failed on the browser's cached copy after a 304 to its revalidation (`Diagnosis.cachedCopyBlocked`). */
  cachedCopyBlocked?: CachedCopyBlocked;
}

/** https://fetch.spec.whatwg.org/#concept-network-error, not a CORS error. */
export interface NetworkErrorOutcome {
  kind: 'network-error';
  failure: NetworkFailure;
}

/** What was captured does not tell. */
export interface Uncertain {
  kind: 'uncertain';
  hop: number;
  phase: CheckPhase;
  /** The URL that left it uncertain, when one did. */
  urlProblem: UrlProblem | null;
  /** The capture stops at a redirect and cannot tell "manual" from "error" (a Firefox HAR). */
  redirectModeUnknown: boolean;
  /**
   * The browser's rules send a preflight at `hop` that the capture holds no answer to: Firefox's
   * after a redirect changed the method or dropped the page's CORS-unsafe headers
   * (`BrowserRules.preflightCarriedAcrossRedirects`), read from a capture whose browser sent none.
   */
  preflightUnanswered: boolean;
}

/** CORS did not apply. */
export interface NotCors {
  kind: 'not-cors';
  why: NotCorsReason;
}

export type FetchOutcome = Allowed | Blocked | NetworkErrorOutcome | Uncertain | NotCors;

/** A redirect was followed: the request (its method, headers, tainted origin) is updated for the next hop. */
export interface Continue {
  kind: 'continue';
}

export type FetchStep = FetchOutcome | Continue;

/** The one `continue`: following a redirect allocates nothing. */
export const CONTINUE: Continue = { kind: 'continue' };

export function allowed(hop: number): Allowed {
  return { kind: 'allowed', hop };
}

export function blocked(corsError: CorsError, failedParameter: string, hop: number, phase: CheckPhase, reason: FailureReason | null = null): Blocked {
  return { kind: 'blocked', corsError, failedParameter, reason, hop, phase, comparedAllowOrigin: null, comparedRequestOrigin: null, errorResponse: null };
}

export function networkError(errorText: string, kind: NetworkFailure['kind'], phase: NetworkFailure['phase'], hop: number): NetworkErrorOutcome {
  return { kind: 'network-error', failure: { errorText, kind, phase, hop } };
}

export function uncertain(hop: number, phase: CheckPhase, urlProblem: UrlProblem | null = null, redirectModeUnknown = false): Uncertain {
  return { kind: 'uncertain', hop, phase, urlProblem, redirectModeUnknown, preflightUnanswered: false };
}

/** The preflight at `hop` is one the capture holds no answer to (`Uncertain.preflightUnanswered`). */
export function preflightUnanswered(hop: number): Uncertain {
  return { kind: 'uncertain', hop, phase: 'preflight', urlProblem: null, redirectModeUnknown: false, preflightUnanswered: true };
}

export function notCors(why: NotCorsReason): NotCors {
  return { kind: 'not-cors', why };
}

/** Where the browser stopped: `Diagnosis.failedAt`. */
export function failedAt(outcome: FetchOutcome): { hop: number; phase: CheckPhase } | null {
  switch (outcome.kind) {
    case 'blocked':
    case 'uncertain':
      return { hop: outcome.hop, phase: outcome.phase };
    case 'network-error':
      return { hop: outcome.failure.hop, phase: outcome.failure.phase };
    case 'allowed':
    case 'not-cors':
      return null;
  }
}
