// DevTools-protocol `Network.*` events → Chromium's own verdict per request, to be attached to the
// webRequest exchanges (precise mode). Pure.
//
// A request ends with `Network.loadingFinished` (allowed, or not a CORS matter) or
// `Network.loadingFailed`, whose `corsErrorStatus` is the browser's reason when it blocked the
// response. Preflights are requests of their own (`initiator.type === 'preflight'`); their
// verdict is carried by the request they were sent for, so they are skipped.

import type { BrowserVerdictReport } from './capture-store.ts';
import { addLocalNetworkFacts, type LocalNetworkFacts } from './local-network-issues.ts';

export interface CdpNetworkEvent {
  method: string;
  params: Record<string, unknown>;
}

/** Requests whose Local Network Access facts are kept while they have not ended. */
const MAX_PENDING_FACTS = 1000;

interface Started {
  url: string;
  method: string;
  startedAt: number;
}

/**
 * Verdicts of the requests that ended in `events`; `started` carries requests across batches, and
 * `localNetwork` what the protocol said of their Local Network Access (`Audits.issueAdded` CORS
 * issues, `requestWillBeSentExtraInfo`; an issue may come before its request starts).
 */
export function browserVerdictsFromCdp(
  events: readonly CdpNetworkEvent[],
  started: Map<string, Started> = new Map(),
  localNetwork: Map<string, LocalNetworkFacts> = new Map(),
): BrowserVerdictReport[] {
  const reports: BrowserVerdictReport[] = [];
  for (const event of events) {
    if (addLocalNetworkFacts(localNetwork, event)) {
      // Facts of requests that never end here (preflights, late extra info) must not pile up.
      for (const id of localNetwork.keys()) {
        if (localNetwork.size <= MAX_PENDING_FACTS) break;
        localNetwork.delete(id);
      }
      continue;
    }
    const { method, params } = event;
    const requestId = typeof params['requestId'] === 'string' ? params['requestId'] : null;
    if (requestId === null) continue;
    if (method === 'Network.requestWillBeSent') {
      const initiator = params['initiator'] as { type?: string } | undefined;
      const request = params['request'] as { url?: string; method?: string } | undefined;
      const wallTime = params['wallTime'];
      // A redirect repeats requestWillBeSent under the same id: the first URL is the one asked for.
      if (initiator?.type === 'preflight' || started.has(requestId) || !request?.url || !request.method || typeof wallTime !== 'number') continue;
      started.set(requestId, { url: request.url, method: request.method, startedAt: wallTime * 1000 });
    } else if (method === 'Network.loadingFinished' || method === 'Network.loadingFailed') {
      const start = started.get(requestId);
      const facts = localNetwork.get(requestId);
      localNetwork.delete(requestId);
      if (!start) continue;
      started.delete(requestId);
      const status = params['corsErrorStatus'] as { corsError?: unknown; failedParameter?: unknown } | undefined;
      const verdict =
        method === 'Network.loadingFailed' && status && typeof status.corsError === 'string'
          ? { corsError: status.corsError, failedParameter: typeof status.failedParameter === 'string' ? status.failedParameter : '' }
          : null;
      reports.push({ ...start, verdict, ...(facts === undefined ? {} : { localNetwork: facts }) });
    }
  }
  return reports;
}
