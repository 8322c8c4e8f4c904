// The verdict alone, as `diagnoseVerdict` returns it: what `diagnose` decides, without the account of
// how. Shared by the replaying verdict path (diagnose.ts) and the one-pass one (common-verdict.ts).

import type { CorsError } from './cors-error.ts';
import type { Verdict } from './diagnosis.ts';

/** The verdict alone: what `diagnose` decides, without the account of how. */
export interface VerdictOnly {
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  /** A preflight was seen for the first hop (`Diagnosis.preflight.observed === 'sent'`). */
  preflightSent: boolean;
}

/** The verdicts without a CORS error, one frozen object each (with and without a preflight seen): none allocated per call. */
const VERDICTS_WITHOUT_ERROR: Readonly<Record<Exclude<Verdict, 'blocked'>, readonly [VerdictOnly, VerdictOnly]>> = {
  allowed: withAndWithoutPreflight('allowed'),
  'not-cors': withAndWithoutPreflight('not-cors'),
  'network-error': withAndWithoutPreflight('network-error'),
  uncertain: withAndWithoutPreflight('uncertain'),
};

function withAndWithoutPreflight(verdict: Exclude<Verdict, 'blocked'>): readonly [VerdictOnly, VerdictOnly] {
  return [Object.freeze({ verdict, corsError: null, failedParameter: null, preflightSent: false }), Object.freeze({ verdict, corsError: null, failedParameter: null, preflightSent: true })];
}

export function verdictWithoutError(verdict: Exclude<Verdict, 'blocked'>, preflightSent: boolean): VerdictOnly {
  return VERDICTS_WITHOUT_ERROR[verdict][preflightSent ? 1 : 0];
}
