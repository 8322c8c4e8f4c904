// The parts of a `Diagnosis` built from a replay's outcome: the preflight facts, the origin
// comparison, and the verdicts of the alternative readings.

import type { CorsError } from './cors-error.ts';
import { corsErrorFacts } from './cors-errors/index.ts';
import type { Alternative, OriginComparison, PreflightFacts, PreflightReason, Verdict } from './diagnosis.ts';
import type { CredentialsMode, ObservedExchange } from './exchange.ts';
import type { FetchDetails, HopHeaders } from './fetch/fetch-context.ts';
import type { FetchOutcome } from './fetch/fetch-outcome.ts';
import { maxAgeOf } from './max-age.ts';
import { isSameOrigin, originDifferences } from './origin.ts';

/**
 * The hop whose CORS-preflight `Diagnosis.preflight` describes: the first hop whose URL is not same
 * origin with the request's origin, else 0. https://fetch.spec.whatwg.org/#main-fetch step 12 sets
 * the CORS flag there: at hop 0 for a cross-origin request, and for a same-origin request at the
 * first redirect to another origin (HTTP-redirect fetch's last step runs main fetch again, with
 * recursive set; Chromium's `CorsURLLoader::FollowRedirect` restarts the request with a preflight,
 * conformance redirects-from-page.json). Before it no preflight is ever sent.
 */
export function preflightHop(hopHeaders: readonly HopHeaders[], initiator: string): number {
  for (let i = 0; i < hopHeaders.length; i++) if (!isSameOrigin(initiator, hopHeaders[i]!.origin)) return i;
  return 0;
}

/**
 * `Diagnosis.preflight`: whether the request needed a preflight at `preflightHop`, why, and whether
 * one was seen there. The replay's first CORS-preflight fetch ran at that hop (`details.preflightHop`);
 * when none ran (not CORS, or refused before), `hop` says where one would have.
 */
export function preflightFacts(exchange: ObservedExchange, hopHeaders: readonly HopHeaders[], details: FetchDetails, reasons: PreflightReason[], hop: number): PreflightFacts {
  const at = exchange.hops[hop];
  const required = details.preflightRequired;
  const preflight: PreflightFacts = {
    hop,
    required,
    reasons: required ? reasons : [],
    observed:
      at !== undefined && at.preflight !== undefined
        ? 'sent'
        : required
          ? at !== undefined && at.preflightFromCache === true
            ? 'cached'
            : 'missing'
          : 'not-needed',
  };
  const preflightHeaders = hopHeaders[hop]?.preflight;
  if (preflightHeaders) preflight.maxAge = maxAgeOf(preflightHeaders.maxAge);
  const cached = at?.preflightCacheEntry;
  if (preflight.observed === 'cached' && cached !== undefined) preflight.cacheEntry = { maxAge: maxAgeOf(cached.maxAge), ageMs: cached.ageMs };
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
