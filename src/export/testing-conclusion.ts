// For tests: what the engine concludes about an exchange, by either browser's rules (verdicts,
// checks, reason codes), to compare a redacted exchange's with the captured one's.

import { diagnose, diagnoseInFirefox, firefoxVerdictOf, type ObservedExchange } from '../cors/index.ts';

/** What the engine concludes, by either browser's rules: verdicts, checks, reason codes. */
export function conclusion(exchange: ObservedExchange, firefox: boolean): unknown {
  const diagnosis = firefox ? diagnoseInFirefox(exchange) : diagnose(exchange);
  const inFirefox = firefoxVerdictOf(exchange);
  return {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt,
    failureReason: diagnosis.failureReason,
    checks: diagnosis.checks.map((check) => [check.name, check.phase, check.hop, check.outcome, check.reason ?? null]),
    preflight: diagnosis.preflight,
    credentialsMode: diagnosis.credentialsMode,
    mode: diagnosis.mode,
    requestOrigins: diagnosis.requestOrigins,
    advisories: diagnosis.advisories.map((advisory) => advisory.kind),
    assumptions: diagnosis.assumptions.map((assumption) => [assumption.about, assumption.assumed, assumption.because]),
    firefox: [inFirefox.outcome, inFirefox.reason, inFirefox.logged, inFirefox.warnings],
  };
}

/** `value` with `f` applied to every string inside it. */
export function eachString(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((item) => eachString(item, f));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, eachString(item, f)]));
  return value;
}
