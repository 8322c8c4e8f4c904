import { describe, expect, it } from 'vitest';
import { refreshHeld } from './devtools-log-refresh.ts';

const URL = 'http://127.0.0.1:9/api';

/** A HAR entry as DevTools gives it, with only what the refresh reads. */
function entry(o: { at: string; method?: string; url?: string; requestHeaders?: [string, string][]; status?: number; time?: number; error?: string }): HARFormatEntry {
  return {
    startedDateTime: `2026-12-04T10:00:00.${o.at}Z`,
    time: o.time ?? 10,
    request: { method: o.method ?? 'GET', url: o.url ?? URL, httpVersion: '', cookies: [], headers: (o.requestHeaders ?? []).map(([name, value]) => ({ name, value })), queryString: [], headersSize: -1, bodySize: 0 },
    response: {
      status: o.status ?? 200, statusText: '', httpVersion: '', cookies: [], headers: [], redirectURL: '', headersSize: -1, bodySize: 0, content: { size: 0, mimeType: '' },
      ...(o.error === undefined ? {} : { _error: o.error }),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  } as HARFormatEntry;
}

describe('refreshHeld', () => {
  it('takes the fresh read of an entry DevTools completed after it finished (the headers as sent, with the Cookie)', () => {
    const held = [entry({ at: '001', requestHeaders: [['Accept', '*/*']] })];
    const fresh = [entry({ at: '001', requestHeaders: [['Accept', '*/*'], ['Cookie', 'a=1']] })];
    expect(refreshHeld(held, fresh)).toBe(1);
    expect(held[0]!.request.headers.map((h) => h.name)).toEqual(['Accept', 'Cookie']);
  });

  it('keeps an entry whose fresh read says the same, and adds none the panel did not hold (a log kept across a navigation)', () => {
    const same = entry({ at: '001' });
    const held = [same];
    expect(refreshHeld(held, [entry({ at: '000', url: 'http://127.0.0.1:9/before' }), entry({ at: '001' }), entry({ at: '002' })])).toBe(0);
    expect(held).toEqual([same]);
    expect(held[0]).toBe(same);
  });

  it('leaves alone identical calls started in the same millisecond whose fresh reads differ: which is whose cannot be told', () => {
    const held = [entry({ at: '001', status: 0 }), entry({ at: '001', status: 204 })];
    const fresh = [entry({ at: '001', status: 204 }), entry({ at: '001', status: 0, error: 'net::ERR_FAILED' })];
    expect(refreshHeld(held, fresh)).toBe(0);
    expect(held.map((e) => e.response.status)).toEqual([0, 204]);
    // Told apart when every fresh read of the key says the same.
    const same = [entry({ at: '001', status: 0 }), entry({ at: '001', status: 0 })];
    expect(refreshHeld(same, [entry({ at: '001', status: 500 }), entry({ at: '001', status: 500 })])).toBe(2);
  });

  it.each([
    ['the status', { status: 500 }],
    ['the time', { time: 99 }],
    ['the error', { error: 'net::ERR_FAILED' }],
    ['a request header value', { requestHeaders: [['Accept', 'text/plain']] as [string, string][] }],
  ])('sees a change of %s', (_what, change) => {
    const held = [entry({ at: '001', requestHeaders: [['Accept', '*/*']] })];
    expect(refreshHeld(held, [entry({ at: '001', requestHeaders: [['Accept', '*/*']], ...change })])).toBe(1);
  });
});
