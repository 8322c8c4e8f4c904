// Main fetch, replayed on one observed exchange: the request mode and scheme checks before anything
// is sent, then each hop in turn; a followed redirect re-enters main fetch with the new URL.
// https://fetch.spec.whatwg.org/#main-fetch, as Chromium's `CorsURLLoader::StartRequest` and
// `FollowRedirect` run it.

import { record } from '../checks.ts';
import { isHttpSchemeName, isSameOrigin, OPAQUE_ORIGIN } from '../origin.ts';
import { bypassesCors, decideMode } from '../request-mode.ts';
import { SPEC } from '../spec.ts';
import type { FetchContext } from './fetch-context.ts';
import { blocked, type FetchOutcome, preflightUnanswered, uncertain } from './fetch-outcome.ts';
import { httpFetch } from './http-fetch.ts';
import { localNetworkAccessCheck } from './local-network-access-check.ts';

/**
 * https://fetch.spec.whatwg.org/#main-fetch
 * Replays the fetch of `ctx.exchange` under the context's request, and returns how it ended.
 *
 * Where the browser's rules send a preflight the capture holds no answer to
 * (`ReplayedRequest.unansweredPreflightHop`: Firefox's after a redirect, read from Chromium's
 * capture), the replay went on as if it passed. An unseen preflight only decides whether the
 * actual request is sent (https://fetch.spec.whatwg.org/#cors-preflight-fetch: on failure a network
 * error, else the request goes on); it has no part in the CORS checks after it, which read the
 * actual response's headers, the request's origin and credentials mode alone
 * (https://fetch.spec.whatwg.org/#concept-cors-check; Firefox's nsCORSListenerProxy
 * `CheckRequestApproved` reads no preflight result either, and a failed preflight fails the request
 * it guards). So whatever it answered, a block after it stands: the failed preflight blocks, a
 * passing one lets the request reach the same block. Any other ending (allowed, a network error,
 * uncertain) could be the preflight's failure instead: uncertain.
 */
export function replayFetch(ctx: FetchContext): FetchOutcome {
  const outcome = replayHops(ctx);
  const unanswered = ctx.request.unansweredPreflightHop;
  if (unanswered === -1) return outcome;
  // The block stands; which preflight the capture lacks is kept, for the explanation to say so.
  if (outcome.kind === 'blocked') return { ...outcome, preflightUnansweredAt: unanswered };
  // Uncertain at that preflight: the checks and facts of what came after it are not the browser's.
  const mark = ctx.request.unansweredMark;
  if (ctx.log !== null) ctx.log.length = mark.checks;
  if (ctx.details !== null) {
    ctx.details.requestOrigins.length = mark.requestOrigins;
    ctx.details.advisories.length = mark.advisories;
  }
  return preflightUnanswered(unanswered);
}

function replayHops(ctx: FetchContext): FetchOutcome {
  const hops = ctx.exchange.hops;
  const { initiator, mode, log, details, request } = ctx;
  if (hops.length === 0) return uncertain(0, 'request');
  const firstUrl = hops[0]!.url;
  const corsBypassed = bypassesCors(mode);

  // https://url.spec.whatwg.org/#concept-url-origin: a blob: URL made by a page of an opaque origin
  // has that page's opaque origin, which only the browser's blob URL store knows.
  const first = ctx.hopHeaders[0]!;
  if (initiator === OPAQUE_ORIGIN && !corsBypassed && first.origin === OPAQUE_ORIGIN && first.scheme === 'blob') {
    return uncertain(0, 'request', { hop: 0, url: firstUrl, kind: 'opaque-blob' });
  }

  // 12. The request mode, before anything is sent: same origin, data:, "same-origin", "no-cors",
  //     a non-HTTP(S) scheme, or CORS.
  const decision = decideMode(mode, firstUrl, initiator, first.origin, first.scheme);
  if (decision.kind === 'blocked') {
    const scheme = decision.corsError === 'CorsDisabledScheme';
    if (log !== null) {
      record(log, scheme
        ? { name: 'cors-enabled-scheme', phase: 'request', hop: 0, outcome: 'failed', spec: SPEC.schemeFetch }
        : { name: 'request-mode', phase: 'request', hop: 0, outcome: 'failed', spec: SPEC.requestMode });
    }
    details?.requestOrigins.push(initiator);
    return blocked(decision.corsError, '', 0, 'request');
  }
  if (log !== null) record(log, { name: 'request-mode', phase: 'request', hop: 0, outcome: 'passed', spec: SPEC.requestMode });
  if (decision.kind === 'not-cors' && decision.why === 'no-cors' && ctx.redirectMode !== 'follow') {
    // 12, "no-cors": "If request's redirect mode is not "follow", then return a network error."
    // (Chromium: NoCorsRedirectModeNotFollow.)
    if (log !== null) {
      record(log, { name: 'redirect-mode', phase: 'request', hop: 0, outcome: 'failed', spec: SPEC.mainFetch, expected: 'follow', found: ctx.redirectMode });
    }
    details?.requestOrigins.push(initiator);
    return blocked('NoCorsRedirectModeNotFollow', '', 0, 'request');
  }
  request.corsFlag = decision.kind === 'cors';
  if (decision.kind === 'not-cors') request.notCorsWhy = decision.why;

  for (let i = 0; i < hops.length; i++) {
    details?.requestOrigins.push(request.taintedOrigin ? OPAQUE_ORIGIN : initiator);
    // A followed redirect re-enters main fetch with the new URL (the last step of
    // https://fetch.spec.whatwg.org/#http-redirect-fetch): a cross-origin URL sets the CORS flag for good.
    if (i > 0 && !corsBypassed) {
      const refused = reenterMainFetch(ctx, i);
      if (refused !== null) return refused;
    }
    // Local Network Access, before the preflight and the request: Chromium refuses a request into a
    // less public address space when its connection is made, before sending anything.
    const local = localNetworkAccessCheck(ctx, i);
    if (local !== null) return local;
    const step = httpFetch(ctx, i);
    if (step.kind !== 'continue') return step;
  }
  return uncertain(hops.length - 1, 'response');
}

/** Main fetch again, for hop `i` after a redirect: the mode and scheme checks, now with the CORS flag. */
function reenterMainFetch(ctx: FetchContext, i: number): FetchOutcome | null {
  const request = ctx.request;
  const log = ctx.log;
  if (!request.corsFlag && !isSameOrigin(ctx.initiator, ctx.hopHeaders[i]!.origin)) {
    request.corsFlag = true;
    // 12, "same-origin": a network error (Chromium: DisallowedByMode).
    if (ctx.mode === 'same-origin') {
      if (log !== null) record(log, { name: 'request-mode', phase: 'request', hop: i, outcome: 'failed', spec: SPEC.requestMode });
      return blocked('DisallowedByMode', '', i, 'request');
    }
  }
  // 12, otherwise: "If request's current URL's scheme is not an HTTP(S) scheme, then return a network
  // error." (Chromium: CorsDisabledScheme.)
  if (request.corsFlag && !isHttpSchemeName(ctx.hopHeaders[i]!.scheme)) {
    if (log !== null) record(log, { name: 'cors-enabled-scheme', phase: 'request', hop: i, outcome: 'failed', spec: SPEC.schemeFetch });
    return blocked('CorsDisabledScheme', '', i, 'request');
  }
  return null;
}
