// DevTools' network log is read by the rules of the browser whose DevTools gave it: a Firefox
// build's log as Firefox's (its preflight cache keeps a result up to 24 hours, Chromium's 2).

import { describe, expect, it } from 'vitest';
import { exchangesFromDevtoolsLog } from './devtools-log-exchanges.ts';

const APP = 'http://app.localhost:8080';
const API = 'http://api.localhost:9090/put';

function entry(method: string, at: string, requestHeaders: [string, string][], responseHeaders: [string, string][]): HARFormatEntry {
  const lines = (list: [string, string][]) => list.map(([name, value]) => ({ name, value }));
  return {
    startedDateTime: at,
    time: 5,
    request: { method, url: API, httpVersion: 'HTTP/1.1', cookies: [], headers: lines(requestHeaders), queryString: [], headersSize: -1, bodySize: 0 },
    response: { status: method === 'OPTIONS' ? 204 : 200, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: lines(responseHeaders), redirectURL: '', headersSize: -1, bodySize: 0, content: { size: 0, mimeType: 'text/plain' } },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  } as HARFormatEntry;
}

// A PUT with its preflight (kept 86,000 s), then the same PUT 2 h 13 min later with none in the log.
const allowed: [string, string][] = [['Access-Control-Allow-Origin', APP]];
const log = [
  entry('PUT', '2026-11-21T10:00:00.000Z', [['Origin', APP], ['X-A', '1']], allowed),
  entry('OPTIONS', '2026-11-21T10:00:00.001Z', [['Origin', APP], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-a']], [...allowed, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a'], ['Access-Control-Max-Age', '86000']]),
  entry('PUT', '2026-11-21T12:13:20.000Z', [['Origin', APP], ['X-A', '1']], allowed),
];

describe('exchangesFromDevtoolsLog', () => {
  it("reads a Firefox build's log by Firefox's preflight cache, a Chromium build's by Chromium's", () => {
    const later = (browser: 'chromium' | 'firefox') => exchangesFromDevtoolsLog(log, browser, { error: null })?.[1]?.exchange.hops[0]?.preflightFromCache;
    // Firefox still held the preflight: the later PUT needed none.
    expect(later('firefox')).toBe(true);
    // Chromium had dropped it after 2 hours: its missing preflight is no cache hit.
    expect(later('chromium')).not.toBe(true);
  });

  it('gives each exchange an id that stays as entries arrive, and null with the reason for a log it cannot read', () => {
    const ids = exchangesFromDevtoolsLog(log, 'firefox', { error: null })?.map((captured) => captured.id);
    expect(ids).toEqual([`devtools-network:${Date.parse('2026-11-21T10:00:00.000Z')}:PUT:${API}`, `devtools-network:${Date.parse('2026-11-21T12:13:20.000Z')}:PUT:${API}`]);
    const debug = { error: null as string | null };
    expect(exchangesFromDevtoolsLog('no entries' as unknown as HARFormatEntry[], 'chromium', debug)).toBeNull();
    expect(debug.error).toMatch(/entries/);
  });
});
