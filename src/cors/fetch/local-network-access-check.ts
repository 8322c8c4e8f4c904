// The Local Network Access check at one hop, before its preflight and its request: a page may reach
// a less public address space than its own only from a secure context, and only with the user's
// permission. https://wicg.github.io/local-network-access/#integration-fetch, as Chromium's
// `LocalNetworkAccessChecker` runs it when the connection is made (for a preflight too), so a
// refused request never reaches the server.
//
// A capture cannot show the check passing or failing directly, only its traces: any response at the
// hop (to the request or its preflight) means it passed (the same or a more public space, or the
// permission granted), and changes nothing. Only a hop that reached no server, where the browser
// reported a refusal (`net::ERR_FAILED`, or the preflight's own LNA error text), is decided here.

import { record } from '../checks.ts';
import type { LocalNetworkAccessFacts } from '../diagnosis.ts';
import { addressSpaceOfUrl, isLessPublic, isPotentiallyTrustworthyOrigin } from '../local-network-access.ts';
import { OPAQUE_ORIGIN } from '../origin.ts';
import { SPEC } from '../spec.ts';
import type { FetchContext } from './fetch-context.ts';
import { type Blocked, blocked } from './fetch-outcome.ts';

/** The LNA refusal at hop `i`, or null when the check passed or the capture cannot tell. */
export function localNetworkAccessCheck(ctx: FetchContext, i: number): Blocked | null {
  const lna = ctx.rules.localNetworkAccess;
  // Navigations are out of the engine's scope (no CORS verdict).
  if (lna === null || ctx.mode === 'navigate') return null;
  const hop = ctx.exchange.hops[i]!;
  const preflight = hop.preflight;
  if (hop.response !== null) return null;
  const mismatch = ctx.exchange.request.targetAddressSpaceMismatch === true;
  // An answered preflight passed the check; only a fetch() whose targetAddressSpace named another
  // space is still refused, at its actual request (Chromium 156, the permission granted:
  // local-network-target-option.json).
  const preflightAnswered = preflight !== undefined && preflight.response !== null;
  if (preflightAnswered && !mismatch) return null;
  // The refusal's traces: the preflight failed with the check's own error, or the request failed as
  // a CORS failure with nothing received. Another network error (refused, DNS) happened first.
  const preflightText = preflightAnswered ? undefined : preflight?.networkError;
  if (preflightText !== undefined && preflightText !== lna.preflightErrorText) return null;
  if (preflightText === undefined && ctx.errorText !== ctx.rules.corsFailureErrorText && ctx.errorText !== lna.preflightErrorText) return null;

  const request = ctx.exchange.request;
  // The server's space as the browser judged it when the capture has it, else the URL's host's.
  const target = hop.targetAddressSpace !== undefined ? { space: hop.targetAddressSpace } : addressSpaceOfUrl(hop.url);
  if (target === null) return null;
  let initiatorSpace = request.initiatorAddressSpace;
  const spaceInferred = initiatorSpace === undefined;
  if (initiatorSpace === undefined) {
    if (ctx.initiator === OPAQUE_ORIGIN) return null;
    const fromOrigin = addressSpaceOfUrl(ctx.initiator);
    if (fromOrigin === null) return null;
    initiatorSpace = fromOrigin.space;
  }
  // A fetch() whose targetAddressSpace named another space is refused whatever the spaces are; else
  // only a request into a less public space, from a space the browser refuses it from.
  if (!mismatch && (!isLessPublic(target.space, initiatorSpace) || !lna.refusedFrom.includes(initiatorSpace))) return null;
  const secureContext = request.initiatorSecureContext ?? isPotentiallyTrustworthyOrigin(ctx.initiator);

  const phase = preflight === undefined || preflightAnswered ? 'request' : 'preflight';
  const log = ctx.log;
  if (log !== null) {
    // `expected`: the page's space, which the server's would have had to match (a mismatched
    // targetAddressSpace names a space no capture records: none then).
    record(log, { name: 'local-network-access', phase, hop: i, outcome: 'failed', spec: SPEC.localNetworkAccess, ...(mismatch ? {} : { expected: initiatorSpace }), found: target.space });
  }
  if (ctx.details !== null) {
    const facts: LocalNetworkAccessFacts = {
      hop: i,
      initiatorAddressSpace: initiatorSpace,
      targetAddressSpace: target.space,
      initiatorSecureContext: secureContext,
      permission: target.space === 'loopback' ? 'loopback-network' : 'local-network',
    };
    ctx.details.localNetworkAccess = {
      facts,
      spaceInferred,
      secureContextInferred: request.initiatorSecureContext === undefined,
      targetInferred: hop.targetAddressSpace === undefined,
      optionUnknown: request.targetAddressSpaceMismatch === undefined,
    };
  }
  return blocked(mismatch ? lna.targetMismatchError : lna.corsError(secureContext), '', i, phase);
}
