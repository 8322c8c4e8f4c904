// DevTools' network log (`devtools.network.getHAR()` and `onRequestFinished` entries) as exchanges,
// read by the rules of the browser whose DevTools wrote it: this build's. The entries come without
// a HAR's `log.creator`, which is what tells the HAR mapper whose they are (Firefox's entries are
// written otherwise, and a missing preflight is a hit in that browser's preflight cache, by its
// rules: Firefox keeps a preflight up to 24 hours, Chromium 2).

import { exchangesFromHar, FIREFOX_REQUESTS_FIELD } from '../src/capture/index.ts';
import type { CapturedExchange } from '../src/ui/protocol.ts';

/**
 * The entries of DevTools' network log as exchanges, or null when they cannot be read as a HAR
 * (`debug.error` then says why). `browser` is the browser whose DevTools gave them. Each gets an id
 * that stays the same as more entries arrive: when, what and where it started.
 */
export function exchangesFromDevtoolsLog(entries: HARFormatEntry[], browser: 'chromium' | 'firefox', debug: { error: string | null }): CapturedExchange[] | null {
  const creator = { name: 'DevTools', version: '', ...(browser === 'firefox' ? { [FIREFOX_REQUESTS_FIELD]: 'firefox' } : {}) };
  let exchanges: ReturnType<typeof exchangesFromHar>;
  try {
    exchanges = exchangesFromHar({ log: { version: '1.2', creator, entries } });
  } catch (error) {
    debug.error = String(error);
    return null;
  }
  const seen = new Map<string, number>();
  return exchanges.map((exchange) => {
    const key = `devtools-network:${exchange.startedAt ?? 0}:${exchange.request.method}:${exchange.hops[0]?.url ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { id: n === 1 ? key : `${key}#${n}`, source: 'devtools-network' as const, exchange };
  });
}
