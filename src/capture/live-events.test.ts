import { describe, expect, it } from 'vitest';
import { LiveEvents } from './live-events.ts';
import type { WebRequestEvent, WebRequestEventName } from './web-request.ts';

const API = 'http://127.0.0.1:6000';

function ev(event: WebRequestEventName, requestId: string, timeStamp: number, extra: Partial<WebRequestEvent> = {}): WebRequestEvent {
  return { event, requestId, tabId: 1, url: `${API}/r/${requestId}`, method: 'GET', type: 'xmlhttprequest', timeStamp, ...extra };
}

const ids = (events: readonly WebRequestEvent[]): string[] => [...new Set(events.map((e) => e.requestId))];

describe('LiveEvents', () => {
  it('gives a batch only the groups it touched, in the order the groups came', () => {
    const live = new LiveEvents();
    for (const id of ['a', 'b', 'c']) live.add(ev('onBeforeRequest', id, 100));
    live.add(ev('onSendHeaders', 'a', 101));
    expect(ids(live.relevant(['c', 'a'], 0))).toEqual(['a', 'c']);
    expect(live.relevant(['a'], 0).map((e) => e.event)).toEqual(['onBeforeRequest', 'onSendHeaders']);
    expect(live.relevant(['gone'], 0)).toEqual([]);
  });

  it('brings along the groups joined to a touched one through a URL with an OPTIONS event', () => {
    const live = new LiveEvents();
    const url = `${API}/shared`;
    live.add(ev('onBeforeRequest', 'request', 100, { url }));
    live.add(ev('onBeforeRequest', 'preflight', 101, { url, method: 'OPTIONS' }));
    live.add(ev('onBeforeRequest', 'same-url', 102, { url }));
    live.add(ev('onBeforeRequest', 'elsewhere', 103));
    expect(ids(live.relevant(['request'], 0))).toEqual(['request', 'preflight', 'same-url']);
    // Without an OPTIONS event at the URL nothing can pair through it.
    live.delete('preflight');
    expect(ids(live.relevant(['request'], 0))).toEqual(['request']);
  });

  it('follows a chain of URLs: a redirected request joins the preflights of each of its hops', () => {
    const live = new LiveEvents();
    const first = `${API}/first`;
    const second = `${API}/second`;
    live.add(ev('onBeforeRequest', 'request', 100, { url: first }));
    live.add(ev('onBeforeRequest', 'request', 105, { url: second }));
    live.add(ev('onBeforeRequest', 'p1', 101, { url: first, method: 'OPTIONS' }));
    live.add(ev('onBeforeRequest', 'p2', 106, { url: second, method: 'OPTIONS' }));
    live.add(ev('onBeforeRequest', 'other', 107, { url: second }));
    expect(ids(live.relevant(['p1'], 0))).toEqual(['request', 'p1', 'p2', 'other']);
  });

  it('brings along the groups whose newest event is older than the given time', () => {
    const live = new LiveEvents();
    live.add(ev('onBeforeRequest', 'old', 100));
    live.add(ev('onBeforeRequest', 'older-start', 50));
    live.add(ev('onSendHeaders', 'older-start', 300));
    live.add(ev('onBeforeRequest', 'new', 400));
    expect(ids(live.relevant([], 200))).toEqual(['old']);
    expect(ids(live.relevant(['new'], 200))).toEqual(['old', 'new']);
    // A stale group that hears again is fresh again; later batches find the groups gone stale since.
    live.add(ev('onCompleted', 'old', 500));
    expect(ids(live.relevant([], 200))).toEqual([]);
    expect(ids(live.relevant([], 450))).toEqual(['older-start', 'new']);
    live.add(ev('onBeforeRequest', 'late-comer', 100));
    expect(ids(live.relevant([], 450))).toEqual(['older-start', 'new', 'late-comer']);
    live.delete('new');
    expect(ids(live.relevant([], 450))).toEqual(['older-start', 'late-comer']);
    expect(live.newest('older-start')).toBe(300);
    expect(live.newest('gone')).toBeUndefined();
  });

  it('forgets a group and its index; a group that comes again comes last', () => {
    const live = new LiveEvents();
    live.add(ev('onBeforeRequest', 'a', 100));
    live.add(ev('onBeforeRequest', 'b', 100));
    expect(live.delete('a')).toBe(true);
    expect(live.delete('a')).toBe(false);
    expect(live.size).toBe(1);
    live.add(ev('onBeforeRequest', 'a', 200));
    expect([...live.groups()].map((g) => g[0]!.requestId)).toEqual(['b', 'a']);
    expect(ids(live.relevant(['a', 'b'], 0))).toEqual(['b', 'a']);
    live.clear();
    expect(live.size).toBe(0);
    expect(live.relevant(['a', 'b'], 1_000)).toEqual([]);
  });
});
