// DevTools-protocol `Network.*` events → Chromium's own verdict per request, to be attached to the
// webRequest exchanges (precise mode). Pure.
//
// A request ends with `Network.loadingFinished` (allowed, or not a CORS matter) or
// `Network.loadingFailed`, whose `corsErrorStatus` is the browser's reason when it blocked the
// response. Preflights are requests of their own (`initiator.type === 'preflight'`); their
// verdict is carried by the request they were sent for, so they are skipped.

import type { BrowserVerdictReport } from './capture-store.ts';

export interface CdpNetworkEvent {
  method: string;
  params: Record<string, unknown>;
}

interface Started {
  url: string;
  method: string;
  startedAt: number;
}

/** Verdicts of the requests that ended in `events`; `started` carries requests across batches. */
export function browserVerdictsFromCdp(events: readonly CdpNetworkEvent[], started: Map<string, Started> = new Map()): BrowserVerdictReport[] {
  const reports: BrowserVerdictReport[] = [];
  for (const { method, params } of events) {
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
      if (!start) continue;
      started.delete(requestId);
      const status = params['corsErrorStatus'] as { corsError?: unknown; failedParameter?: unknown } | undefined;
      const verdict =
        method === 'Network.loadingFailed' && status && typeof status.corsError === 'string'
          ? { corsError: status.corsError, failedParameter: typeof status.failedParameter === 'string' ? status.failedParameter : '' }
          : null;
      reports.push({ ...start, verdict });
    }
  }
  return reports;
}
