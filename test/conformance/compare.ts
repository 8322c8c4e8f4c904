// Comparing one run three ways: the browser with the scenario file's `expect` (the file's record),
// and the engine with the browser on each input the engine was given (HAR, DevTools protocol).

import type { Diagnosis, VerdictOnly } from '../../src/cors/index.ts';
import type { BrowserRun } from './browser-verdict.ts';
import type { Outcome, ScenarioExpect } from './scenario-file.ts';

export type DisagreementKind = 'browser≠expect' | 'engine≠browser (HAR)' | 'engine≠browser (CDP)' | 'diagnoseVerdict≠diagnose';

export interface Disagreement {
  kind: DisagreementKind;
  field: 'outcome' | 'corsError' | 'failedParameter' | 'failureReason' | 'preflight' | 'preflightUnanswered' | 'exchange';
  browser: unknown;
  other: unknown;
}

/** The four facts every side is compared on. */
export interface Facts {
  outcome: Outcome | 'uncertain';
  corsError: string | null;
  failedParameter: string | null;
  preflight: boolean;
}

/** What the engine says, in the terms the browser is judged in. */
export function engineFacts(d: Diagnosis): Facts {
  let outcome: Facts['outcome'];
  switch (d.verdict) {
    // Same-origin and no-cors requests have nothing to check: the page got its response.
    case 'not-cors':
    case 'allowed':
      outcome = 'allowed';
      break;
    case 'blocked':
      outcome = 'blocked';
      break;
    case 'network-error':
      outcome = 'network-error';
      break;
    default:
      outcome = 'uncertain';
  }
  return {
    outcome,
    corsError: d.corsError,
    failedParameter: d.failedParameter,
    preflight: d.preflight.observed === 'sent',
  };
}

export function browserFacts(b: BrowserRun): Facts {
  return { outcome: b.outcome, corsError: b.corsError, failedParameter: b.failedParameter, preflight: b.preflight };
}

export function expectFacts(e: ScenarioExpect): Facts {
  return {
    outcome: e.outcome,
    corsError: e.corsError ?? null,
    failedParameter: e.failedParameter ?? null,
    preflight: e.preflight ?? false,
  };
}

const FIELDS = ['outcome', 'corsError', 'failedParameter', 'preflight'] as const;

export function compareFacts(kind: DisagreementKind, browser: Facts, other: Facts): Disagreement[] {
  const out: Disagreement[] = [];
  for (const field of FIELDS) {
    if (browser[field] !== other[field]) out.push({ kind, field, browser: browser[field], other: other[field] });
  }
  return out;
}

/**
 * The verdict-only path (`diagnoseVerdict`, the panel's and `decide()`'s) against the full account
 * it must equal, on the same exchange: the verdict itself (not only the browser's outcome it maps
 * to), the CORS error, failedParameter and whether a preflight was seen.
 */
export function compareVerdictOnly(diagnosis: Diagnosis, verdict: VerdictOnly): Disagreement[] {
  const kind = 'diagnoseVerdict≠diagnose';
  const out: Disagreement[] = [];
  if (verdict.verdict !== diagnosis.verdict) out.push({ kind, field: 'outcome', browser: diagnosis.verdict, other: verdict.verdict });
  if (verdict.corsError !== diagnosis.corsError) out.push({ kind, field: 'corsError', browser: diagnosis.corsError, other: verdict.corsError });
  if (verdict.failedParameter !== diagnosis.failedParameter) out.push({ kind, field: 'failedParameter', browser: diagnosis.failedParameter, other: verdict.failedParameter });
  if (verdict.failureReason !== diagnosis.failureReason) out.push({ kind, field: 'failureReason', browser: diagnosis.failureReason, other: verdict.failureReason });
  const preflightSent = diagnosis.preflight.observed === 'sent';
  if (verdict.preflightSent !== preflightSent) out.push({ kind, field: 'preflight', browser: preflightSent, other: verdict.preflightSent });
  const preflightUnanswered = diagnosis.preflightUnanswered === true;
  if (verdict.preflightUnanswered !== preflightUnanswered) out.push({ kind, field: 'preflightUnanswered', browser: preflightUnanswered, other: verdict.preflightUnanswered });
  return out;
}

export function describe(d: Disagreement): string {
  if (d.kind === 'diagnoseVerdict≠diagnose') return `${d.kind}: ${d.field} diagnose=${JSON.stringify(d.browser)} diagnoseVerdict=${JSON.stringify(d.other)}`;
  const other = d.kind === 'browser≠expect' ? 'expect' : 'engine';
  if (d.field === 'exchange') return `${d.kind}: ${String(d.other)}`;
  return `${d.kind}: ${d.field} browser=${JSON.stringify(d.browser)} ${other}=${JSON.stringify(d.other)}`;
}
