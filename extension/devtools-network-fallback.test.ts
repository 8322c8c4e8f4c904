// The fallback's list starts over at a new page as the capture's does: at the new document's own
// request, whether DevTools told of that request before or after it told of the navigation.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CapturedExchange } from '../src/ui/protocol.ts';

/** DevTools' network API, faked: the log `getHAR` gives, and the `onRequestFinished` listeners. */
const devtoolsLog = vi.hoisted(() => ({ entries: [] as HARFormatEntry[], finished: [] as ((entry: HARFormatEntry) => void)[] }));
vi.mock('webextension-polyfill', () => ({
  default: {
    devtools: {
      network: {
        getHAR: async () => ({ entries: devtoolsLog.entries }),
        onRequestFinished: {
          addListener: (listener: (entry: HARFormatEntry) => void) => devtoolsLog.finished.push(listener),
          removeListener: () => undefined,
        },
      },
    },
  },
}));
const { followDevtoolsNetwork } = await import('./devtools-network-fallback.ts');

const PAGE = 'http://127.0.0.1:8080/';
const API = 'http://127.0.0.1:9090/data';
/** When the new page's navigation started (its `performance.timeOrigin`). */
const newPageStart = Date.parse('2026-12-07T14:00:10.000Z') + 0.4;

function entry(url: string, at: string, type: string): HARFormatEntry {
  return {
    startedDateTime: at,
    time: 5,
    _resourceType: type,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Origin', value: 'http://127.0.0.1:8080' }], queryString: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], redirectURL: '', headersSize: -1, bodySize: 0, content: { size: 0, mimeType: 'text/plain' } },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  } as unknown as HARFormatEntry;
}
const oldPage = [entry(`${API}?1`, '2026-12-07T14:00:01.000Z', 'fetch'), entry(`${API}?2`, '2026-12-07T14:00:09.000Z', 'fetch')];
const newDocument = entry(`${PAGE}?manual`, '2026-12-07T14:00:10.003Z', 'document');
const lateOldRequest = entry(`${API}?3`, '2026-12-07T14:00:09.990Z', 'fetch');
const newPageRequest = entry(`${API}?4`, '2026-12-07T14:00:11.000Z', 'fetch');

describe('followDevtoolsNetwork: a new page starts the list over', () => {
  let published: CapturedExchange[][];
  beforeEach(() => {
    vi.useFakeTimers();
    devtoolsLog.entries = [];
    devtoolsLog.finished = [];
    published = [];
  });
  afterEach(() => vi.useRealTimers());

  async function follow(): Promise<ReturnType<typeof followDevtoolsNetwork>> {
    const follower = followDevtoolsNetwork((exchanges) => published.push(exchanges));
    await vi.runAllTimersAsync();
    return follower;
  }
  const finish = (finished: HARFormatEntry): void => devtoolsLog.finished.forEach((listener) => listener(finished));
  async function listed(): Promise<string[]> {
    await vi.advanceTimersByTimeAsync(60);
    return (published.at(-1) ?? []).map((x) => x.exchange.hops[0]!.url);
  }

  it('the new document’s request told before the navigation: kept; the old page’s requests go', async () => {
    const follower = await follow();
    oldPage.forEach(finish);
    finish(newDocument);
    expect(await listed()).toHaveLength(3);
    follower.startOver(newPageStart);
    follower.republish();
    expect(await listed()).toEqual([`${PAGE}?manual`]);
    follower.stop();
  });

  it('the new document’s request told after the navigation: kept; an old request finishing late is not taken', async () => {
    const follower = await follow();
    oldPage.forEach(finish);
    follower.startOver(newPageStart);
    finish(lateOldRequest);
    finish(newDocument);
    finish(newPageRequest);
    expect(await listed()).toEqual([`${PAGE}?manual`, `${API}?4`]);
    follower.stop();
  });

  it('the log read when the fallback starts, after a navigation: only the new page’s', async () => {
    devtoolsLog.entries = [...oldPage, newDocument];
    const follower = followDevtoolsNetwork((exchanges) => published.push(exchanges));
    follower.startOver(newPageStart);
    await vi.runAllTimersAsync();
    expect(await listed()).toEqual([`${PAGE}?manual`]);
    follower.stop();
  });

  it('a page that gave no start: everything read so far goes, what comes next is taken', async () => {
    const follower = await follow();
    oldPage.forEach(finish);
    finish(newDocument);
    follower.startOver(null);
    follower.republish();
    expect(await listed()).toEqual([]);
    finish(newPageRequest);
    expect(await listed()).toEqual([`${API}?4`]);
    follower.stop();
  });
});
