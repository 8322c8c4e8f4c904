// The engine's door: the Fetch Standard's CORS rules as Chromium applies them, for every other layer.

export type {
  CredentialsMode,
  HeaderLine,
  HeaderList,
  ObservedExchange,
  ObservedHop,
  ObservedPreflight,
  ObservedResponse,
  PreflightCacheAnswer,
  RedirectMode,
  RequestMode,
} from './exchange.ts';
export type { Advisory, Check, CheckName, CheckOutcome, CheckPhase, Diagnosis, OriginDifference, PreflightReason, Verdict } from './diagnosis.ts';
export { adviseText } from './explain/advisory-text.ts';
export { otherBrowsersCachedPreflight, preflightCacheMiss, preflightCacheMissWords, type PreflightCacheMiss } from './explain/cached-preflight-words.ts';
export { diagnose, diagnoseCause, diagnoseVerdict } from './diagnose.ts';
export type { CauseDiagnosis, VerdictOnly } from './diagnose.ts';
export { explain, stacksOf } from './explain/explain.ts';
export { stackReadingOf } from './explain/layers/exchange-reading.ts';
export { awsEntryOf, type AwsEntry, corsMaybeSentByOf, corsSentByOf } from './explain/fixes/context.ts';
export { cookiesWords } from './explain/assumptions.ts';
export { causeHeadline, failedOnTaintedOrigin, headline } from './explain/headline.ts';
export { escapeControls, UNPRINTABLE } from './explain/escape.ts';
export { afterRedirect, afterRedirectSuffix } from './explain/hop-words.ts';
export { classifyNetworkError } from './network-failure.ts';
export type { Explanation, Fix, LayerName, PassThroughLayer, ServerMustSend, ServerShouldSend, ServerStack, StackReading } from './explain/explanation.ts';
export { keptFromServerNote, leftOutFromServerNote, shouldSendWords } from './explain/must-send.ts';
export { probeTargetOf } from './explain/probe-target.ts';
export type { ProbeTarget } from './explain/probe-target.ts';
export { detectStack } from './explain/detect-stack.ts';
export { refusedPreflightAt } from './explain/refused-preflight.ts';
export { revalidationRefusedAt } from './stored-response.ts';
export type { RefusedPreflight } from './explain/refused-preflight.ts';
export { stackNames } from './explain/layers/stack-reading.ts';
export { valueIsRead } from './explain/layers/header-view.ts';
export { fixTrapBesideTraps, trapsBesideExplanation } from './explain/layers/traps.ts';
// explain()'s caches bypassed, for the tests that hold the output unchanged by them.
export { withoutMemo } from './explain/memo.ts';
export { memoized } from './memo.ts';
// One exchange explained and grouped under one memo (`explain --json`).
export { withExplainScope } from './explain/facts.ts';
export { nameIs } from './header-list.ts';
export type { FailureReason } from './failure-reason.ts';
export { isCorsSafelistedMethod, normalizeMethod } from './methods.ts';
export { isForbiddenRequestHeader, METHOD_OVERRIDE_NAMES } from './forbidden-request-header.ts';
export { pageSetHeaders, withPageSetHeaders } from './browser-added-headers.ts';
export { corsSafelistVerdict, corsUnsafeRequestHeaderNames, isSafelistedHeaderName } from './safelisted-request-header.ts';
export { readCorsResponseHeaders } from './response-headers.ts';
export { checkPreflightResponse } from './preflight-check.ts';
export { preflightCacheAnswer, preflightCacheCovers } from './preflight-cache.ts';
export { preflightPassed } from './preflight-passed.ts';
export type { PreflightCacheEntry, PreflightCacheRules } from './preflight-cache.ts';
export { isRedirectHop, isRedirectResponse, isRedirectStatus, methodAfterRedirect, requestAfterRedirect, requestAtHop, responseLocation, taintsOrigin } from './redirect.ts';
export { isRequestMode } from './request-mode.ts';
export { hasIpLiteralHost, isSameOrigin, recentHttpOrigin, serializeOrigin, urlOrigin } from './origin.ts';
export { leftOutNames } from './explain/snippet-values.ts';
export { addToNeed, answersNullApart, emptyNeed, keptFromServerWords, localNetworkNeedWords, mergedFix, nullOriginAnyStacks, nullOriginAnyStackWords, onlyTaintedWithCredentials, servesNullOriginAny } from './explain/fixes/merged.ts';
export type { MergedNeed } from './explain/fixes/merged.ts';
export { addressSpaceOfUrl } from './local-network-access.ts';
export { FIREFOX_RULES, browserRules } from './browser-rules.ts';
export type { BrowserRules } from './browser-rules.ts';
export { FIREFOX_NO_RESPONSE, FIREFOX_NOT_SENT } from './firefox/error-texts.ts';
export { firefoxVerdict } from './firefox/verdict.ts';
export { firefoxReasonOfStored } from './firefox/reason.ts';
export { firefoxConsoleLine } from './firefox/console-message.ts';
export { browserDifference, diagnoseInFirefox, diagnoseVerdictInFirefox, firefoxVerdictOf, rulesAgreeOn } from './firefox/difference.ts';
export { MDN_CORS_ERRORS } from './cors-errors/facts.ts';
export type { FirefoxVerdict } from './firefox/verdict.ts';
// The probe's pure part: what `cors-inspector probe` sends, and what the answers prove.
export { parseNamedOrigin } from './probe/crafted-origins.ts';
export { MAX_PROBE_REQUESTS, plannedRequestCount, probePlan } from './probe/plan.ts';
export type { PlannedProbe, PlannedRequest } from './probe/plan.ts';
export { probeOutcome } from './probe/outcome.ts';
export type { ProbeAnswers, ProbeOutcome } from './probe/outcome.ts';
export { probeFindings } from './probe/findings.ts';
export type { ProbeFinding } from './probe/findings.ts';
export { findingText } from './probe/finding-text.ts';
export { probeFixes } from './probe/fix.ts';
