// What Chromium decided for one run, read from the DevTools protocol events of that run.
//
// The page cannot tell a CORS block from a network error (both reject with "Failed to fetch"), so the
// verdict comes from `Network.loadingFailed`: `corsErrorStatus` present means blocked, a failure
// without it is a network error, and a resolved promise means allowed.

import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
import type { Outcome } from './scenario-file.ts';

/** What the page's script saw. */
export type PageResult =
  | { settled: 'resolved'; type: string; status: number; body: string | null }
  | { settled: 'rejected'; message: string };

/** Whether any request of the scenario reached the network layer (a `requestWillBeSent` for it). */
export function reachedNetwork(events: readonly CdpEvent[], scenarioPath: string): boolean {
  return events.some((e) => e.method === 'Network.requestWillBeSent' && (params(e).request?.url ?? '').includes(scenarioPath));
}

/** One run as Chromium reported it: the `public.observed.json` run shape. */
export interface BrowserRun {
  outcome: Outcome;
  corsError: string | null;
  failedParameter: string | null;
  preflight: boolean;
  errorText: string | null;
  status: number | null;
  pageError: string | null;
}

interface Params {
  requestId?: string;
  request?: { url?: string; method?: string };
  initiator?: { type?: string; requestId?: string };
  type?: string;
  errorText?: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

function params(e: CdpEvent): Params {
  return e.params as Params;
}

export function isPreflightEvent(e: CdpEvent): boolean {
  const p = params(e);
  return p.initiator?.type === 'preflight' || p.type === 'Preflight';
}

/**
 * The request id of the page's `fetch()` for `hop0Url` among `events` (one run's events): the
 * non-preflight `requestWillBeSent` for that URL that carries no `redirectResponse`.
 */
export function mainRequestId(events: readonly CdpEvent[], hop0Url: string): string | undefined {
  for (const e of events) {
    if (e.method !== 'Network.requestWillBeSent' || isPreflightEvent(e)) continue;
    const p = e.params as Params & { redirectResponse?: unknown };
    if (p.request?.url === hop0Url && p.redirectResponse === undefined) return p.requestId;
  }
  return undefined;
}

export function browserRun(events: readonly CdpEvent[], hop0Url: string, page: PageResult): BrowserRun {
  const id = mainRequestId(events, hop0Url);
  const failed = events.find((e) => e.method === 'Network.loadingFailed' && params(e).requestId === id);
  const cors = failed ? params(failed).corsErrorStatus : undefined;
  // A preflight names the request it is for in `initiator.requestId`.
  const preflight = events.some(
    (e) => e.method === 'Network.requestWillBeSent' && isPreflightEvent(e) && params(e).initiator?.requestId === id,
  );
  let outcome: Outcome;
  if (cors !== undefined) outcome = 'blocked';
  // The promise resolved: allowed, even when the protocol also reports a failure (`redirect:
  // "manual"` resolves with an opaque-redirect response while the request ends in ERR_ABORTED).
  else if (page.settled === 'resolved') outcome = 'allowed';
  // A failure without a CORS error, or one the protocol never saw (rejected in the renderer).
  else outcome = 'network-error';
  return {
    outcome,
    corsError: cors?.corsError ?? null,
    failedParameter: cors ? cors.failedParameter : null,
    preflight,
    errorText: failed ? (params(failed).errorText ?? null) : null,
    status: page.settled === 'resolved' ? page.status : null,
    pageError: page.settled === 'rejected' ? page.message : null,
  };
}
