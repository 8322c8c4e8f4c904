// The engine's door: the Fetch Standard's CORS rules as Chromium applies them, for every other layer.

export type {
  CredentialsMode,
  HeaderLine,
  HeaderList,
  ObservedExchange,
  ObservedHop,
  ObservedPreflight,
  ObservedResponse,
  RedirectMode,
  RequestMode,
} from './exchange.ts';
export type { Check, CheckName, CheckOutcome, CheckPhase, Diagnosis, OriginDifference, PreflightReason, Verdict } from './diagnosis.ts';
export { diagnose, diagnoseVerdict } from './diagnose.ts';
export type { VerdictOnly } from './diagnose.ts';
export { explain } from './explain/explain.ts';
export { cookiesWords } from './explain/assumptions.ts';
export { headline } from './explain/headline.ts';
export type { Explanation, Fix, ServerMustSend, ServerStack } from './explain/explanation.ts';
export { detectStack } from './explain/detect-stack.ts';
export { nameIs } from './header-list.ts';
export { isCorsSafelistedMethod, normalizeMethod } from './methods.ts';
export { isForbiddenRequestHeader, METHOD_OVERRIDE_NAMES } from './forbidden-request-header.ts';
export { withPageSetHeaders } from './browser-added-headers.ts';
export { corsUnsafeRequestHeaderNames, isSafelistedHeaderName } from './safelisted-request-header.ts';
export { readCorsResponseHeaders } from './response-headers.ts';
export { checkPreflightResponse } from './preflight-check.ts';
export { preflightCacheCovers } from './preflight-cache.ts';
export type { PreflightCacheEntry } from './preflight-cache.ts';
export { isRedirectStatus, methodAfterRedirect } from './redirect.ts';
export { isRequestMode } from './request-mode.ts';
export { serializeOrigin } from './origin.ts';
export { addToNeed, emptyNeed, mergedFix } from './explain/fixes/merged.ts';
export type { MergedNeed } from './explain/fixes/merged.ts';
export {
  ARBITRARY_ORIGIN,
  findingText,
  MAX_PROBE_REQUESTS,
  parseNamedOrigin,
  plannedRequestCount,
  probeFindings,
  probeFixes,
  probeOutcome,
  probePlan,
} from './probe/index.ts';
export type { PlannedProbe, PlannedRequest, ProbeAnswers, ProbeFinding, ProbeFindingKind, ProbeOutcome } from './probe/index.ts';
