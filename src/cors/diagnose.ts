// The orchestrator: replays, on one observed exchange, the fetch Chromium ran (`fetch/`, one file per
// Fetch Standard algorithm), settles the outcome against the capture (`settle-outcome.ts`), and
// reports it. https://fetch.spec.whatwg.org/#main-fetch
//
// What the wire does not say (credentials mode, request mode, the page's origin) is resolved first
// (`resolve-request.ts`) and recorded as an assumption; when another reading of the credentials mode
// gives another verdict, that verdict is reported as an alternative.

import { withPageSetHeaders } from './browser-added-headers.ts';
import { type BrowserRules, CHROMIUM_RULES } from './browser-rules.ts';
import { commonShapeVerdict } from './common-verdict.ts';
import type { Alternative, Assumption, Diagnosis, PreflightFacts, PreflightReason } from './diagnosis.ts';
import { alternativeOf, originComparison, preflightFacts, preflightHop, sameOutcome } from './diagnosis-parts.ts';
import type { CredentialsMode, ObservedExchange, RequestMode } from './exchange.ts';
import { exposure } from './expose-headers.ts';
import { fetchContext, type FetchDetails, type HopHeaders, invalidUrlOf, newFetchDetails, readHopHeaders, type ReplayInput } from './fetch/fetch-context.ts';
import { failedAt, type FetchOutcome, uncertain } from './fetch/fetch-outcome.ts';
import { replayFetch } from './fetch/main-fetch.ts';
import { normalizeMethod } from './methods.ts';
import { preflightNeeds } from './needs-preflight.ts';
import { credentialsMatter, hasCookie, replayable, resolveRequest } from './resolve-request.ts';
import { corsUnsafeNames, type RequestHeaderFacts } from './safelisted-request-header.ts';
import { browserReportedCorsFailure, includeExplainsFailure, includeMayExplainFailure, settleOutcome } from './settle-outcome.ts';
import { preflightUnansweredVerdict, type VerdictOnly, verdictWithoutError } from './verdict-only.ts';

export type { VerdictOnly } from './verdict-only.ts';

/**
 * The verdict-only fast path: `diagnose(exchange)`'s verdict, corsError and failedParameter, by the
 * same replays and the same settling, without what only the full account needs. It skips the check
 * log, the request origins, the advisories, the preflight reasons, the assumptions and the
 * alternatives; it finds the CORS-unsafe header names only when a preflight is there to check them
 * against; and where `diagnose` always replays the exchange a second time under credentials
 * "include" (for its alternatives), this does only when that replay could replace the first: the
 * browser failed, and the default replay does not explain why.
 * https://fetch.spec.whatwg.org/#main-fetch
 */
export function diagnoseVerdict(observed: ObservedExchange, rules: BrowserRules = CHROMIUM_RULES): VerdictOnly {
  // The common shapes (one hop, no redirect, the usual URL...) in one pass, without the replay.
  if (rules === CHROMIUM_RULES) {
    const common = commonShapeVerdict(observed);
    if (common !== null) return common;
  }
  // The request headers are read only for what the capture left unsaid: often (a HAR, the
  // DevTools protocol) only whether a `Cookie` went out.
  const observedRequest = observed.request;
  const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
  let unsafeNames: readonly string[] | null = null;
  let exchange = observed;
  if (observedRequest.initiatorOrigin === undefined || observedRequest.mode === undefined || observed.hops[0]?.preflight !== undefined) {
    // One pass for both when both are wanted (a preflight at hop 0 needs the names).
    exchange = withPageSetHeaders(observed);
    unsafeNames = corsUnsafeNames(exchange.request.headers, null, facts, rules.safelistsClientHints);
  } else {
    // What the browser added to the request only ever changes its CORS-unsafe names, which this
    // path reads only to check them against an observed preflight: without one there is nothing
    // to remove (and `Cookie`, the one fact read here, is never among what is removed).
    if (observed.hops.some(hasPreflight)) exchange = withPageSetHeaders(observed);
    if (observedRequest.credentialsMode === undefined) facts.cookie = hasCookie(observedRequest.headers);
  }
  const hopHeaders = readHopHeaders(exchange, true);
  const resolved = resolveRequest(exchange, facts, null, hopHeaders[0]?.origin);
  // `Diagnosis.preflight.observed === 'sent'`, at the hop it describes (`preflightHop`).
  const preflightSent = exchange.hops[preflightHop(hopHeaders, resolved.initiator)]?.preflight !== undefined;
  if (!replayable(resolved, exchange) || invalidUrlOf(exchange, hopHeaders) !== null) return verdictWithoutError('uncertain', preflightSent);
  const input: ReplayInput = { exchange, hopHeaders, initiator: resolved.initiator, mode: resolved.mode, rules, firstHopUnsafeNames: unsafeNames, observed };
  let outcome = replayFetch(fetchContext(input, resolved.credentialsMode, null, null));
  const browserFailed = browserReportedCorsFailure(exchange, rules);
  if (credentialsMatter(resolved) && includeMayExplainFailure(outcome, browserFailed)) {
    const include = replayFetch(fetchContext(input, 'include', null, null));
    if (include.kind === 'blocked') outcome = include;
  }
  outcome = settleOutcome(outcome, exchange, browserFailed);
  if (outcome.kind === 'blocked') {
    return { verdict: 'blocked', corsError: outcome.corsError, failedParameter: outcome.failedParameter, failureReason: outcome.reason, preflightSent, failedHop: outcome.hop, preflightUnanswered: false };
  }
  if (outcome.kind === 'uncertain' && outcome.preflightUnanswered) return preflightUnansweredVerdict(preflightSent);
  return verdictWithoutError(outcome.kind, preflightSent);
}

function hasPreflight(hop: ObservedExchange['hops'][number]): boolean {
  return hop.preflight !== undefined;
}

/**
 * What the browser (Chromium unless `rules` says Firefox) decided about `exchange`, and why.
 * https://fetch.spec.whatwg.org/#main-fetch
 */
export function diagnose(observed: ObservedExchange, rules: BrowserRules = CHROMIUM_RULES): Diagnosis {
  const replayed = replayObserved(observed, rules, true);
  const { exchange, outcome, credentialsMode, details, hopHeaders, initiator, assumptions } = replayed;
  const blocked = outcome.kind === 'blocked' ? outcome : null;
  const localNetworkAccess = blocked === null ? null : details.localNetworkAccess;
  if (localNetworkAccess !== null) {
    // What the capture did not say about the page, read from its origin instead.
    const facts = localNetworkAccess.facts;
    if (localNetworkAccess.spaceInferred) assumptions.push({ about: 'initiator-address-space', assumed: facts.initiatorAddressSpace, because: 'origin-host' });
    if (localNetworkAccess.secureContextInferred) {
      assumptions.push({ about: 'initiator-secure-context', assumed: facts.initiatorSecureContext ? 'secure' : 'insecure', because: 'origin-host' });
    }
    if (localNetworkAccess.targetInferred) assumptions.push({ about: 'target-address-space', assumed: facts.targetAddressSpace, because: 'url-host' });
    // A HAR does not record fetch()'s targetAddressSpace: one that named another space would make it InvalidLocalNetworkAccess.
    if (localNetworkAccess.optionUnknown) assumptions.push({ about: 'target-address-space-option', assumed: 'none', because: 'default' });
  }
  const finalResponse = outcome.kind === 'allowed' ? exchange.hops[outcome.hop]!.response : null;
  return {
    verdict: outcome.kind,
    corsError: blocked?.corsError ?? null,
    failedParameter: blocked?.failedParameter ?? null,
    failureReason: blocked?.reason ?? null,
    failedAt: failedAt(outcome),
    requestOrigins: details.requestOrigins,
    credentialsMode,
    mode: replayed.mode,
    checks: replayed.checks,
    preflight: preflightFacts(exchange, hopHeaders, details, replayed.reasons, preflightHop(hopHeaders, initiator)),
    originComparison: originComparison(outcome, initiator),
    networkFailure: outcome.kind === 'network-error' ? outcome.failure : null,
    errorResponse: blocked?.errorResponse ?? null,
    exposure:
      outcome.kind === 'allowed' && finalResponse
        ? exposure(finalResponse.headers, hopHeaders[outcome.hop]!.response!.exposeHeaders, credentialsMode)
        : null,
    advisories: details.advisories,
    assumptions,
    alternatives: replayed.alternatives,
    ...(outcome.kind === 'not-cors' ? { notCors: outcome.why } : {}),
    ...(outcome.kind === 'uncertain' && outcome.urlProblem !== null ? { urlProblem: outcome.urlProblem } : {}),
    ...(outcome.kind === 'uncertain' && outcome.redirectModeUnknown ? { redirectModeUnknown: true as const } : {}),
    ...(outcome.kind === 'uncertain' && outcome.preflightUnanswered ? { preflightUnanswered: true as const } : {}),
    ...(blocked?.preflightUnansweredAt !== undefined ? { preflightUnansweredAt: blocked.preflightUnansweredAt } : {}),
    ...(localNetworkAccess !== null ? { localNetworkAccess: localNetworkAccess.facts } : {}),
    ...(blocked?.cachedCopyBlocked !== undefined ? { cachedCopyBlocked: blocked.cachedCopyBlocked } : {}),
  };
}

/**
 * What a log's grouping reads of a diagnosis (`CauseGroups`: the cause, and what the request needs
 * of its server, `requestNeeds`), each field as `diagnose` gives it.
 */
export type CauseDiagnosis = Pick<Diagnosis, 'verdict' | 'corsError' | 'failedParameter' | 'failureReason' | 'failedAt' | 'requestOrigins' | 'credentialsMode' | 'networkFailure' | 'advisories'> & {
  preflight: Pick<PreflightFacts, 'reasons'>;
};

/**
 * `diagnose(observed, rules)`'s fields that a cause and a merged server configuration read, by the
 * same replays, without the rest of the account: no check log, no assumptions or alternatives (so
 * the "include" reading is replayed only where it could replace the first, as `diagnoseVerdict`
 * does), no origin comparison or exposure. `explain` over a whole log groups every exchange and words only a
 * few (each group's first is diagnosed in full).
 * https://fetch.spec.whatwg.org/#main-fetch
 */
export function diagnoseCause(observed: ObservedExchange, rules: BrowserRules = CHROMIUM_RULES): CauseDiagnosis {
  const { outcome, credentialsMode, details, reasons } = replayObserved(observed, rules, false);
  const blocked = outcome.kind === 'blocked' ? outcome : null;
  // diagnose's first seven fields, written out again on purpose: a shared helper spread into the
  // literals (`...outcomeFields(...)`) made diagnose() 5x slower (bench/verdict.ts; d2c111b).
  return {
    verdict: outcome.kind,
    corsError: blocked?.corsError ?? null,
    failedParameter: blocked?.failedParameter ?? null,
    failureReason: blocked?.reason ?? null,
    failedAt: failedAt(outcome),
    requestOrigins: details.requestOrigins,
    credentialsMode,
    networkFailure: outcome.kind === 'network-error' ? outcome.failure : null,
    // The same replay's, as diagnose gives them: the PASSED advice of a whole log reads them.
    advisories: details.advisories,
    // preflightFacts's reasons, without its observed preflight and max-age read.
    preflight: { reasons: details.preflightRequired ? reasons : [] },
  };
}

/** The replays `diagnose` settles on, and what they found; `account`: with the check log, assumptions and alternatives. */
interface Replayed {
  exchange: ObservedExchange;
  outcome: FetchOutcome;
  credentialsMode: CredentialsMode;
  mode: RequestMode;
  initiator: string;
  hopHeaders: HopHeaders[];
  details: FetchDetails;
  checks: Diagnosis['checks'];
  reasons: PreflightReason[];
  assumptions: Assumption[];
  alternatives: Alternative[];
}

function replayObserved(observed: ObservedExchange, rules: BrowserRules, account: boolean): Replayed {
  const exchange = withPageSetHeaders(observed);
  const request = exchange.request;
  const assumptions: Assumption[] = [];
  // Why a preflight is needed at hop 0 does not depend on the replay: found once, in the same pass
  // over the request headers that reads what they say about the request.
  const reasons: PreflightReason[] = [];
  const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
  const unsafeNames = preflightNeeds(normalizeMethod(request.method), request.headers, reasons, facts, rules.safelistsClientHints);
  const hopHeaders = readHopHeaders(exchange);
  const resolved = resolveRequest(exchange, facts, account ? assumptions : null, hopHeaders[0]?.origin);
  const { initiator, mode } = resolved;
  let credentialsMode = resolved.credentialsMode;

  const input: ReplayInput = { exchange, hopHeaders, initiator, mode, rules, firstHopUnsafeNames: unsafeNames, observed };
  // Without the account, no check log: the replays go the same way, recording nothing.
  let checks: Diagnosis['checks'] | null = account ? [] : null;
  let details = newFetchDetails();
  let outcome: FetchOutcome;
  const alternatives: Alternative[] = [];
  const invalidUrl = invalidUrlOf(exchange, hopHeaders);
  if (invalidUrl !== null) {
    // A URL no browser could have fetched: no replay of it means anything.
    outcome = uncertain(invalidUrl.hop, 'request', invalidUrl);
  } else if (!replayable(resolved, exchange)) {
    // Without the page's origin the CORS check cannot be replayed.
    outcome = uncertain(0, 'request');
  } else {
    outcome = replayFetch(fetchContext(input, credentialsMode, checks, details));
  }

  const browserFailed = browserReportedCorsFailure(exchange, rules);
  if (invalidUrl === null && credentialsMatter(resolved)) {
    // Without the account there is no alternative to report: the "include" reading is replayed only
    // where it could replace the first (the browser failed, and the first does not say why).
    const include = account || includeMayExplainFailure(outcome, browserFailed) ? replayFetch(fetchContext(input, 'include', null, null)) : null;
    if (include !== null && includeExplainsFailure(outcome, include, browserFailed)) {
      // Only the credentialed reading explains the browser's failure: prefer it, in full.
      if (account) alternatives.push(alternativeOf(outcome, credentialsMode));
      credentialsMode = 'include';
      checks = account ? [] : null;
      details = newFetchDetails();
      outcome = replayFetch(fetchContext(input, 'include', checks, details));
      if (account) assumptions.push({ about: 'credentials-mode', assumed: 'include', because: 'browser-error' });
    } else if (include !== null && account) {
      assumptions.push({ about: 'credentials-mode', assumed: credentialsMode, because: 'default' });
      if (!sameOutcome(outcome, include)) alternatives.push(alternativeOf(include, 'include'));
    }
  } else if (resolved.credentialsGuessed && account) {
    assumptions.push({ about: 'credentials-mode', assumed: credentialsMode, because: 'default' });
  }
  outcome = settleOutcome(outcome, exchange, browserFailed);
  return { exchange, outcome, credentialsMode, mode, initiator, hopHeaders, details, checks: checks ?? [], reasons: reasonsAtPreflightHop(details, reasons, rules), assumptions, alternatives };
}

/**
 * Why the request needed its preflight, at the hop of the first one (`FetchDetails.preflightHop`):
 * hop 0's `reasons`, found with the request's other facts, or for a same-origin request redirected
 * to another origin, those of the request as sent there (https://fetch.spec.whatwg.org/#main-fetch
 * step 12 on the redirected request: a 303 made it a `GET` without its body headers, a redirect to
 * another origin removed `Authorization`, https://fetch.spec.whatwg.org/#http-redirect-fetch steps 12-13).
 */
function reasonsAtPreflightHop(details: FetchDetails, reasons: PreflightReason[], rules: BrowserRules): PreflightReason[] {
  const headerList = details.preflightHeaderList;
  if (details.preflightHop <= 0 || !details.preflightRequired || headerList === null) return reasons;
  const atHop: PreflightReason[] = [];
  preflightNeeds(details.preflightMethod, headerList, atHop, { origin: null, cookie: false, secFetchMode: null }, rules.safelistsClientHints);
  // Nothing sent there calls for it: Firefox preflights on the headers the page set, which the
  // redirect removed (BrowserRules.preflightCarriedAcrossRedirects).
  if (atHop.length === 0 && rules.preflightCarriedAcrossRedirects) for (const reason of reasons) if (reason.kind === 'header') atHop.push(reason);
  return atHop;
}
