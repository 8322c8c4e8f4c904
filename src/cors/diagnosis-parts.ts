// The parts of a `Diagnosis` built from a replay's outcome: the preflight facts, the origin
// comparison, and the verdicts of the alternative readings.

import type { CorsError } from './cors-error.ts';
import { corsErrorFacts } from './cors-errors/index.ts';
import type { Alternative, OriginComparison, PreflightFacts, PreflightReason, Verdict } from './diagnosis.ts';
import type { CredentialsMode, ObservedExchange } from './exchange.ts';
import type { FetchDetails, HopHeaders } from './fetch/fetch-context.ts';
import type { FetchOutcome } from './fetch/fetch-outcome.ts';
import { maxAgeOf } from './max-age.ts';
import { originDifferences } from './origin.ts';

/** `Diagnosis.preflight`: whether hop 0 needed a preflight, why, and whether one was seen. */
export function preflightFacts(exchange: ObservedExchange, hopHeaders: readonly HopHeaders[], details: FetchDetails, reasons: PreflightReason[]): PreflightFacts {
  const hop0 = exchange.hops[0];
  const required = details.preflightRequired;
  const preflight: PreflightFacts = {
    required,
    reasons: required ? reasons : [],
    observed:
      hop0 !== undefined && hop0.preflight !== undefined
        ? 'sent'
        : required
          ? hop0 !== undefined && hop0.preflightFromCache === true
            ? 'cached'
            : 'missing'
          : 'not-needed',
  };
  const preflightHeaders = hopHeaders[0]?.preflight;
  if (preflightHeaders) preflight.maxAge = maxAgeOf(preflightHeaders.maxAge);
  return preflight;
}

/** The codes whose reason is a value of `Access-Control-Allow-Origin` compared with the request's origin. */
function comparesOrigin(error: CorsError): boolean {
  return corsErrorFacts(error).reasons.some((r) => r === 'origin-mismatch' || r === 'multiple-values' || r === 'not-an-origin');
}

/** How the `Access-Control-Allow-Origin` value differs from the request's origin, when that blocked it. */
export function originComparison(outcome: FetchOutcome, initiator: string): OriginComparison | null {
  if (outcome.kind !== 'blocked' || !comparesOrigin(outcome.corsError) || outcome.comparedAllowOrigin === null) return null;
  const requestOrigin = outcome.comparedRequestOrigin ?? initiator;
  return { allowOrigin: outcome.comparedAllowOrigin, requestOrigin, differences: originDifferences(outcome.comparedAllowOrigin, requestOrigin) };
}

function verdictOf(outcome: FetchOutcome): { verdict: Verdict; corsError: CorsError | null; failedParameter: string | null } {
  return outcome.kind === 'blocked'
    ? { verdict: 'blocked', corsError: outcome.corsError, failedParameter: outcome.failedParameter }
    : { verdict: outcome.kind, corsError: null, failedParameter: null };
}

export function sameOutcome(a: FetchOutcome, b: FetchOutcome): boolean {
  const x = verdictOf(a);
  const y = verdictOf(b);
  return x.verdict === y.verdict && x.corsError === y.corsError && x.failedParameter === y.failedParameter;
}

export function alternativeOf(outcome: FetchOutcome, credentialsMode: CredentialsMode): Alternative {
  return { assume: { credentialsMode }, ...verdictOf(outcome) };
}
