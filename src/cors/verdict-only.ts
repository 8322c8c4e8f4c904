// The verdict alone, as `diagnoseVerdict` returns it: what `diagnose` decides, without the account of
// how. Shared by the replaying verdict path (diagnose.ts) and the one-pass one (common-verdict.ts).

import type { CorsError } from './cors-error.ts';
import type { Verdict } from './diagnosis.ts';
import type { FailureReason } from './failure-reason.ts';

/** The verdict alone: what `diagnose` decides, without the account of how. */
export interface VerdictOnly {
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  /** Why the failed check failed, where its rule has several ways to fail (`Diagnosis.failureReason`); null otherwise. */
  failureReason: FailureReason | null;
  /** A preflight was seen for the first hop (`Diagnosis.preflight.observed === 'sent'`). */
  preflightSent: boolean;
  /**
   * The hop whose check failed when blocked (`Diagnosis.failedAt.hop`: after a redirect, the server
   * whose answer the browser refused, where the fix goes), null for the other verdicts.
   */
  failedHop: number | null;
  /**
   * Uncertain because the browser's rules send a preflight the capture holds no answer to
   * (`Diagnosis.preflightUnanswered`: Firefox's after a redirect); false otherwise.
   */
  preflightUnanswered: boolean;
}

// The verdicts without a CORS error, one frozen object each (with and without a preflight seen):
// none allocated per call.
const ALLOWED = withAndWithoutPreflight('allowed');
const NOT_CORS = withAndWithoutPreflight('not-cors');
const NETWORK_ERROR = withAndWithoutPreflight('network-error');
const UNCERTAIN = withAndWithoutPreflight('uncertain');
const PREFLIGHT_UNANSWERED = withAndWithoutPreflight('uncertain', true);

function withAndWithoutPreflight(verdict: Exclude<Verdict, 'blocked'>, preflightUnanswered = false): readonly [VerdictOnly, VerdictOnly] {
  return [
    Object.freeze({ verdict, corsError: null, failedParameter: null, failureReason: null, preflightSent: false, failedHop: null, preflightUnanswered }),
    Object.freeze({ verdict, corsError: null, failedParameter: null, failureReason: null, preflightSent: true, failedHop: null, preflightUnanswered }),
  ];
}

/** Uncertain: the browser's rules send a preflight the capture holds no answer to (`VerdictOnly.preflightUnanswered`). */
export function preflightUnansweredVerdict(preflightSent: boolean): VerdictOnly {
  return PREFLIGHT_UNANSWERED[preflightSent ? 1 : 0];
}

export function verdictWithoutError(verdict: Exclude<Verdict, 'blocked'>, preflightSent: boolean): VerdictOnly {
  // Picked by a switch, not looked up by name in a record: most verdicts end here, and a property
  // read by a name known only at run time was ~2% of decide()'s time (bench/verdict.ts).
  let pair: readonly [VerdictOnly, VerdictOnly];
  switch (verdict) {
    case 'allowed':
      pair = ALLOWED;
      break;
    case 'not-cors':
      pair = NOT_CORS;
      break;
    case 'network-error':
      pair = NETWORK_ERROR;
      break;
    case 'uncertain':
      pair = UNCERTAIN;
      break;
  }
  return pair[preflightSent ? 1 : 0];
}
