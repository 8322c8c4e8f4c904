import { describe, expect, it } from 'vitest';
import { CaptureStore, captureDeltaJson, type CaptureDelta } from './capture-store.ts';
import type { WebRequestEvent, WebRequestEventName } from './web-request.ts';

const PAGE = 'http://127.0.0.1:5000';
const API = 'http://127.0.0.1:6000';
const TAB = 3;

function ev(event: WebRequestEventName, requestId: string, timeStamp: number, extra: Partial<WebRequestEvent> = {}): WebRequestEvent {
  return { event, requestId, tabId: TAB, url: `${API}/r/${requestId}`, method: 'GET', type: 'xmlhttprequest', timeStamp, initiator: PAGE, ...extra };
}

/** A finished cross-origin GET. */
function request(id: string, t: number, extra: Partial<WebRequestEvent> = {}): WebRequestEvent[] {
  return [
    ev('onBeforeRequest', id, t, extra),
    ev('onSendHeaders', id, t + 1, { requestHeaders: [{ name: 'Origin', value: PAGE }], ...extra }),
    ev('onHeadersReceived', id, t + 2, { statusCode: 200, responseHeaders: [{ name: 'access-control-allow-origin', value: PAGE }], ...extra }),
    ev('onCompleted', id, t + 3, { statusCode: 200, ...extra }),
  ];
}

function navigation(id: string, t: number): WebRequestEvent {
  return ev('onBeforeRequest', id, t, { type: 'main_frame', url: `${PAGE}/`, initiator: undefined });
}

/** A tab's log as storage would hold it: the records appended, each a copy (as if serialised). */
type Log = CaptureDelta[];

function append(log: Log, store: CaptureStore, tabId = TAB): void {
  const delta = store.takeDeltas().get(tabId);
  if (delta) log.push(structuredClone(delta));
}

function restoreFrom(log: Log, tabId = TAB, store = new CaptureStore()): CaptureStore {
  store.restore(tabId, structuredClone(log));
  return store;
}

describe('CaptureStore', () => {
  it('ignores tabs nobody subscribed to', () => {
    const store = new CaptureStore();
    expect(store.ingest(request('1', 1000), 2000)).toEqual([]);
    expect(store.has(TAB)).toBe(false);
  });

  it('turns events into exchanges and reports only real changes', () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    const events = request('1', 1000);
    const first = store.ingest(events.slice(0, 2), 2000);
    expect(first).toHaveLength(1);
    expect(first[0]!.upserted.map((c) => [c.id, c.pending])).toEqual([['1', true]]);
    const second = store.ingest(events.slice(2), 2000);
    expect(second[0]!.upserted.map((c) => [c.id, c.pending])).toEqual([['1', undefined]]);
    // The same events again change nothing (they are a new request as far as live events go,
    // but the exchange they build is identical).
    expect(store.ingest(events, 2000)).toEqual([]);
    expect(store.snapshot(TAB).exchanges).toHaveLength(1);
  });

  const navCases = [
    { preserveLog: false, expected: ['after'], cleared: true },
    { preserveLog: true, expected: ['before', 'after'], cleared: false },
  ];
  for (const c of navCases) {
    it(`a navigation ${c.cleared ? 'clears' : 'keeps'} the capture when preserveLog is ${c.preserveLog}`, () => {
      const store = new CaptureStore();
      store.ensureTab(TAB);
      store.setSettings(TAB, { preserveLog: c.preserveLog });
      store.ingest(request('before', 1000), 2000);
      const changes = store.ingest([navigation('nav', 1100), ...request('after', 1200)], 2000);
      expect(changes[0]!.cleared).toBe(c.cleared);
      expect(store.snapshot(TAB).exchanges.map((x) => x.id)).toEqual(c.expected);
    });
  }

  it('keeps the newest exchanges up to the bound and counts the dropped ones', () => {
    const store = new CaptureStore({ maxExchangesPerTab: 5 });
    store.ensureTab(TAB);
    const events = Array.from({ length: 8 }, (_, i) => request(String(i), 1000 + i * 10)).flat();
    const changes = store.ingest(events, 5000);
    expect(store.snapshot(TAB).exchanges.map((x) => x.id)).toEqual(['3', '4', '5', '6', '7']);
    expect(store.status(TAB).dropped).toBe(3);
    expect(changes[0]!.statusChanged).toBe(true);
  });

  it("knows what a full write of the tab weighs: its exchanges' JSON, through replacements, the bound, a clear and a restart", () => {
    const store = new CaptureStore({ maxExchangesPerTab: 3 });
    store.ensureTab(TAB);
    const weight = (s: CaptureStore) => s.snapshot(TAB).exchanges.reduce((sum, x) => sum + JSON.stringify(x).length, 0);
    const log: Log = [];
    // In flight, then done (replaced), then dropped by the bound; asked between each step or not.
    store.ingest(request('1', 1000).slice(0, 2), 2000);
    expect(store.jsonBytes(TAB)).toBe(weight(store));
    store.ingest([...request('1', 1000).slice(2), ...request('2', 1010).slice(0, 2)], 2000);
    store.ingest([...request('2', 1010).slice(2), ...request('3', 1020)], 2000);
    expect(store.jsonBytes(TAB)).toBe(weight(store));
    append(log, store);
    store.ingest([...request('4', 1030), ...request('5', 1040).slice(0, 3)], 2000);
    expect(store.snapshot(TAB).exchanges.map((x) => x.id)).toEqual(['3', '4', '5']);
    expect(store.jsonBytes(TAB)).toBe(weight(store));
    append(log, store);
    expect(restoreFrom(log).jsonBytes(TAB)).toBe(weight(store));
    store.clear(TAB);
    expect(store.jsonBytes(TAB)).toBe(0);
  });

  it('survives being written out and read back (the service worker restarting)', () => {
    const log: Log = [];
    const store = new CaptureStore();
    store.ensureTab(TAB);
    store.setSettings(TAB, { preserveLog: true });
    const n = 260;
    for (let i = 0; i < n; i++) {
      store.ingest(request(String(i), 1000 + i * 10), 100_000);
      if (i % 50 === 0) append(log, store);
    }
    // One request still in flight when the worker stops: its events must survive too.
    const inflight = request('inflight', 90_000);
    store.ingest(inflight.slice(0, 2), 100_000);
    append(log, store);
    expect(store.takeDeltas().size).toBe(0);

    const restored = restoreFrom(log);
    expect(restored.snapshot(TAB)).toEqual(store.snapshot(TAB));
    expect(restored.settings(TAB).preserveLog).toBe(true);
    // The rest of the in-flight request completes it after the restart.
    const changes = restored.ingest(inflight.slice(2), 100_000);
    expect(changes[0]!.upserted.map((c) => [c.id, c.pending])).toEqual([['inflight', undefined]]);
    expect(restored.snapshot(TAB).exchanges).toHaveLength(n + 1);
    append(log, restored);
    expect(restoreFrom(log).snapshot(TAB)).toEqual(restored.snapshot(TAB));

    // Clearing is one more record, after which nothing is read back.
    restored.clear(TAB);
    append(log, restored);
    expect(restoreFrom(log).snapshot(TAB).exchanges).toEqual([]);
  });

  it('appends only what changed since the last record', () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    for (let i = 0; i < 500; i++) store.ingest(request(String(i), 1000 + i * 10), 100_000);
    store.takeDeltas();
    store.ingest(request('new', 99_000), 100_000);
    const delta = store.takeDeltas().get(TAB)!;
    expect(delta.exchanges.map(([seq, x]) => [seq, x.id])).toEqual([[500, 'new']]);
    // A finished request leaves nothing in flight behind it.
    expect(delta.liveAdded).toEqual([]);
    expect(store.takeDeltas().size).toBe(0);
  });

  it('reads back the same capture from any split of its history into records, a compaction included', () => {
    // Requests that start, end, are dropped by the bound, a navigation that clears, in flight at the end.
    const events = [
      ...Array.from({ length: 12 }, (_, i) => request(`a${i}`, 1000 + i * 10)).flat(),
      navigation('nav', 1500),
      ...Array.from({ length: 9 }, (_, i) => request(`b${i}`, 1600 + i * 10)).flat(),
      ...request('late', 1900).slice(0, 2),
    ].sort((a, b) => a.timeStamp - b.timeStamp);
    for (const every of [1, 3, 7, events.length]) {
      for (const compactAt of [null, Math.floor(events.length / 2)]) {
        const log: Log = [];
        const store = new CaptureStore({ maxExchangesPerTab: 6 });
        store.ensureTab(TAB);
        events.forEach((event, i) => {
          store.ingest([event], 100_000);
          if (i === compactAt) log.splice(0, log.length, ...structuredClone(store.fullDeltas(TAB, 2)));
          else if (i % every === 0) append(log, store);
        });
        append(log, store);
        const label = `a record every ${every} events, compacted at ${String(compactAt)}`;
        expect(restoreFrom(log).snapshot(TAB), label).toEqual(store.snapshot(TAB));
        // The same requests in flight, no more (a finished one left behind would be mapped again).
        const inFlight = (s: CaptureStore) => s.fullDeltas(TAB)[0]!.liveAdded.map((e) => `${e.requestId} ${e.event}`).sort();
        expect(inFlight(restoreFrom(log)), label).toEqual(inFlight(store));
        // The request in flight is read back too: its end completes it.
        const restored = restoreFrom(log);
        const changes = restored.ingest(request('late', 1900).slice(2), 100_000);
        expect(changes[0]?.upserted.map((c) => [c.id, c.pending]), label).toEqual([['late', undefined]]);
      }
    }
  });

  it('gives up on a preflight whose request never showed up, and shows it alone', () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    const url = `${API}/lonely`;
    const req = [{ name: 'Access-Control-Request-Method', value: 'PUT' }, { name: 'Origin', value: PAGE }];
    const events = [
      ev('onBeforeRequest', 'p', 1000, { method: 'OPTIONS', url }),
      ev('onSendHeaders', 'p', 1001, { method: 'OPTIONS', url, requestHeaders: req }),
      ev('onCompleted', 'p', 1002, { method: 'OPTIONS', url, statusCode: 204 }),
    ];
    expect(store.ingest(events, 1003)).toEqual([]);
    const later = store.ingest([ev('onBeforeRequest', 'other', 60_000, { type: 'image' })], 60_000);
    expect(later[0]!.upserted.map((c) => c.exchange.request.method)).toEqual(['PUT']);
  });
});

describe('CaptureStore: browser verdicts (precise mode)', () => {
  const verdict = { corsError: 'MissingAllowOriginHeader', failedParameter: '' };
  const cases = [
    { name: 'arriving after the exchange', verdictFirst: false },
    { name: 'arriving before the exchange', verdictFirst: true },
  ];
  for (const c of cases) {
    it(`attaches a verdict ${c.name}, and later webRequest updates keep it`, () => {
      const store = new CaptureStore();
      store.ensureTab(TAB);
      const events = request('1', 1000);
      const report = { url: `${API}/r/1`, method: 'GET', startedAt: 1000.4, verdict };
      if (c.verdictFirst) expect(store.addBrowserVerdicts(TAB, [report])).toEqual([]);
      store.ingest(events.slice(0, 2), 2000);
      if (!c.verdictFirst) expect(store.addBrowserVerdicts(TAB, [report]).map((x) => x.id)).toEqual(['1']);
      store.ingest(events.slice(2), 2000);
      expect(store.snapshot(TAB).exchanges[0]!.exchange.browserVerdict).toEqual(verdict);
    });
  }

  it("puts precise mode's Local Network Access facts into the exchange; later webRequest updates and a restart keep them", () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    const events = request('1', 1000);
    const url = `${API}/r/1`;
    const localNetwork = { initiatorAddressSpace: 'public' as const, initiatorSecureContext: false, targetAddressSpace: { url, space: 'local' as const } };
    store.ingest(events.slice(0, 2), 2000);
    store.addBrowserVerdicts(TAB, [{ url, method: 'GET', startedAt: 1000, verdict: null, localNetwork }]);
    store.ingest(events.slice(2), 2000);
    const facts = (s: CaptureStore) => {
      const x = s.snapshot(TAB).exchanges[0]!.exchange;
      return [x.request.initiatorAddressSpace, x.request.initiatorSecureContext, x.hops[0]!.targetAddressSpace];
    };
    expect(facts(store)).toEqual(['public', false, 'local']);
    const log: Log = [];
    append(log, store);
    const restored = restoreFrom(log);
    restored.ingest([ev('onCompleted', '1', 1010, { statusCode: 200 })], 3000);
    expect(facts(restored)).toEqual(['public', false, 'local']);
  });

  it('goes to the request with the same URL and method that started closest in time', () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    const url = `${API}/same`;
    store.ingest([...request('a', 1000, { url }), ...request('b', 1500, { url }), ...request('c', 1500, { url, method: 'POST' })], 3000);
    store.addBrowserVerdicts(TAB, [{ url, method: 'GET', startedAt: 1490, verdict: null }]);
    const byId = new Map(store.snapshot(TAB).exchanges.map((x) => [x.id, x.exchange.browserVerdict]));
    expect(byId.get('b')).toBeNull();
    expect(byId.get('a')).toBeUndefined();
    expect(byId.get('c')).toBeUndefined();
  });
});

describe('CaptureStore: browser verdicts for identical requests', () => {
  const blocked = { corsError: 'MissingAllowOriginHeader', failedParameter: '' };
  const url = `${API}/same`;
  /** A cross-origin GET to `url` that completed, or that the browser failed (a CORS block). */
  function call(id: string, t: number, fate: 'completed' | 'failed'): WebRequestEvent[] {
    const events = request(id, t, { url });
    if (fate === 'completed') return events;
    return [...events.slice(0, 3), ev('onErrorOccurred', id, t + 3, { url, error: 'net::ERR_FAILED' })];
  }
  type Report = { startedAt: number; verdict: typeof blocked | null };
  it.each<{ about: string; calls: WebRequestEvent[]; batches: Report[][]; verdicts: Record<string, typeof blocked | null | undefined> }>([
    {
      about: 'concurrent, blocked one first: each verdict to the call whose fate it explains',
      calls: [...call('A', 1000, 'failed'), ...call('B', 1001, 'completed')],
      batches: [[{ startedAt: 1000.5, verdict: null }, { startedAt: 999.9, verdict: blocked }]],
      verdicts: { A: blocked, B: null },
    },
    {
      about: 'concurrent, allowed one first, reports in separate batches, the allowed one first',
      calls: [...call('A', 1000, 'completed'), ...call('B', 1001, 'failed')],
      batches: [[{ startedAt: 1000.2, verdict: blocked }], [{ startedAt: 999.8, verdict: null }]],
      verdicts: { A: null, B: blocked },
    },
    {
      about: 'never to a call that started well after the report, even the nearest',
      calls: [...call('A', 900, 'failed'), ...call('B', 1080, 'failed')],
      batches: [[{ startedAt: 1000, verdict: blocked }]],
      verdicts: { A: blocked, B: undefined },
    },
    {
      about: 'a call that webRequest saw start a little late (a loaded machine) when none started before the report',
      calls: [...call('A', 1052, 'failed'), ...call('B', 1240, 'failed')],
      batches: [[{ startedAt: 1000, verdict: blocked }]],
      verdicts: { A: blocked, B: undefined },
    },
    {
      about: 'a late call whose fate fits before an on-time one whose fate contradicts (two identical calls, the blocked one seen late)',
      calls: [...call('A', 1060, 'failed'), ...call('B', 1035, 'completed')],
      batches: [[{ startedAt: 1000, verdict: blocked }, { startedAt: 1030, verdict: null }]],
      verdicts: { A: blocked, B: null },
    },
    {
      about: 'a report with no call started before it waits',
      calls: [...call('A', 1200, 'failed')],
      batches: [[{ startedAt: 1000, verdict: blocked }]],
      verdicts: { A: undefined },
    },
    {
      about: 'same fate: in start order, each report to the call nearest in time',
      calls: [...call('A', 1000, 'failed'), ...call('B', 1030, 'failed')],
      batches: [[{ startedAt: 1029, verdict: { corsError: 'AllowOriginMismatch', failedParameter: 'x' } }, { startedAt: 999, verdict: blocked }]],
      verdicts: { A: blocked, B: { corsError: 'AllowOriginMismatch', failedParameter: 'x' } },
    },
  ])('$about', ({ calls, batches, verdicts }) => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    store.ingest(calls, 5000);
    for (const batch of batches) store.addBrowserVerdicts(TAB, batch.map((r) => ({ url, method: 'GET', ...r })));
    const byId = Object.fromEntries(store.snapshot(TAB).exchanges.map((x) => [x.id, x.exchange.browserVerdict]));
    expect(byId).toEqual(verdicts);
  });
});

describe('captureDeltaJson', () => {
  it('reads back as the delta, for appended deltas and whole rewrites, verdicts and headers included', () => {
    const store = new CaptureStore();
    store.ensureTab(TAB);
    store.ingest([...request('1', 1000), ...request('2', 1010).slice(0, 2)], 2000);
    store.addBrowserVerdicts(TAB, [{ url: `${API}/r/1`, method: 'GET', startedAt: 999, verdict: { corsError: 'AllowOriginMismatch', failedParameter: 'x' } }]);
    store.setStatus(TAB, { problem: 'a "quoted" problem' });
    const deltas = [...store.takeDeltas().values(), ...store.fullDeltas(TAB, 1)];
    expect(deltas.length).toBe(3);
    expect(deltas.some((d) => d.exchanges.length > 0 && d.liveAdded.length > 0)).toBe(true);
    for (const delta of deltas) expect(JSON.parse(captureDeltaJson(delta))).toEqual(JSON.parse(JSON.stringify(delta)));
    // An exchange the store never kept is serialised as it is.
    const foreign: CaptureDelta = { ...deltas[0]!, exchanges: [[7, { ...deltas[0]!.exchanges[0]![1], id: 'x' }]] };
    expect(JSON.parse(captureDeltaJson(foreign))).toEqual(JSON.parse(JSON.stringify(foreign)));
  });
});

describe('CaptureStore: repeated headers', () => {
  it('keeps a response header list once, and builds the same exchange as the mapper alone', async () => {
    const { exchangesFromWebRequestEvents } = await import('./web-request.ts');
    const req = [{ name: 'Origin', value: PAGE }, { name: 'X-Big', value: 'x'.repeat(100) }];
    const res = [{ name: 'access-control-allow-origin', value: PAGE }, { name: 'location', value: `${API}/next` }];
    const first = `${API}/r/r`;
    // A redirect: `onBeforeRedirect` repeats what `onHeadersReceived` said, and the request goes on.
    const events = [
      ev('onBeforeRequest', 'r', 1000),
      ev('onSendHeaders', 'r', 1001, { requestHeaders: req }),
      ev('onHeadersReceived', 'r', 1002, { statusCode: 307, responseHeaders: res }),
      ev('onBeforeRedirect', 'r', 1003, { statusCode: 307, responseHeaders: res, redirectUrl: `${API}/next` }),
    ];
    const store = new CaptureStore();
    store.ensureTab(TAB);
    store.ingest(events, 2000);
    const live = store.takeDeltas().get(TAB)!.liveAdded;
    expect(live.filter((e) => e.url === first && e.requestHeaders).length).toBe(1);
    expect(live.filter((e) => e.url === first && e.responseHeaders).length).toBe(1);
    const done = request('r', 1004, { url: `${API}/next` });
    store.ingest(done, 2000);
    const direct = exchangesFromWebRequestEvents([...events, ...done]).exchanges[0]!.captured;
    expect(store.snapshot(TAB).exchanges).toEqual([direct]);
  });
});

describe('CaptureStore: mapping only what a batch touched', () => {
  /** A cross-origin PUT at `url`: its preflight (allowed or not), then the request or its failure. */
  function preflighted(id: string, url: string, t: number, allowed: boolean): WebRequestEvent[] {
    const options = { method: 'OPTIONS', url };
    const put = { method: 'PUT', url };
    const preflightHeaders = [{ name: 'Access-Control-Request-Method', value: 'PUT' }, { name: 'Origin', value: PAGE }];
    const preflightResponse = [{ name: 'access-control-allow-origin', value: PAGE }, { name: 'access-control-allow-methods', value: allowed ? 'PUT' : 'GET' }];
    return [
      ev('onBeforeRequest', id, t, put),
      ev('onSendHeaders', `${id}-p`, t + 1, { ...options, requestHeaders: preflightHeaders }),
      ev('onHeadersReceived', `${id}-p`, t + 2, { ...options, statusCode: 204, responseHeaders: preflightResponse }),
      ev('onCompleted', `${id}-p`, t + 3, { ...options, statusCode: 204 }),
      ...(allowed
        ? [
            ev('onSendHeaders', id, t + 4, { ...put, requestHeaders: [{ name: 'Origin', value: PAGE }] }),
            ev('onHeadersReceived', id, t + 5, { ...put, statusCode: 200, responseHeaders: [{ name: 'access-control-allow-origin', value: PAGE }] }),
            ev('onCompleted', id, t + 6, { ...put, statusCode: 200 }),
          ]
        : [ev('onErrorOccurred', id, t + 4, { ...put, error: 'net::ERR_FAILED' })]),
    ];
  }

  it('builds the same exchanges as the mapper given everything at once, however the events are split into batches', async () => {
    const { exchangesFromWebRequestEvents } = await import('./web-request.ts');
    const fc = (await import('fast-check')).default;
    const request = fc.record({ url: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 0, max: 40 }), preflight: fc.boolean(), allowed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 10 }), (requests, cuts) => {
        // One request at a time per URL (overlapping ones at one URL are a guess either way);
        // requests at different URLs overlap freely.
        const nextFree = new Map<number, number>();
        const events = requests.flatMap((r, i) => {
          const t = Math.max(1000 + r.start, nextFree.get(r.url) ?? 0);
          nextFree.set(r.url, t + 10);
          const url = `${API}/shared/${r.url}`;
          const id = `q${i}`;
          return r.preflight ? preflighted(id, url, t, r.allowed) : getAt(id, url, t);
        });
        events.sort((a, b) => a.timeStamp - b.timeStamp);
        const store = new CaptureStore();
        store.ensureTab(TAB);
        let from = 0;
        for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
          store.ingest(events.filter((e) => e.timeStamp >= 1000 + from && e.timeStamp < 1000 + cut), 2000);
          from = cut;
        }
        store.ingest(events.filter((e) => e.timeStamp >= 1000 + from), 2000);
        const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
        const whole = exchangesFromWebRequestEvents(events).exchanges.map((m) => m.captured);
        expect(byId(store.snapshot(TAB).exchanges)).toEqual(byId(whole));
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('stores an exchange a later batch completes by pairing alone, though none of its own events came in it', () => {
    // Two PUTs to one URL and two preflights. Batch 1: preflight P is in flight, P2 passed, R went
    // out and completed: the mapper gives R the older P, still open (R cannot be final). Batch 2:
    // only P's 403. A request that went out cannot follow a failed preflight: R now has P2 and is
    // complete, though nothing of R came in batch 2; its events leave the live set then, so that
    // mapping is the last R gets and must be stored (it was dropped: R stayed pending for good,
    // shown with R2's failed preflight).
    const url = `${API}/swap`;
    const put = { method: 'PUT', url };
    const options = { method: 'OPTIONS', url };
    const asked = [{ name: 'Origin', value: PAGE }, { name: 'Access-Control-Request-Method', value: 'PUT' }];
    const store = new CaptureStore();
    store.ensureTab(TAB);
    store.ingest(
      [
        ev('onBeforeRequest', 'r', 1100, put),
        ev('onBeforeRequest', 'r2', 1101, put),
        ev('onBeforeRequest', 'p', 1102, options),
        ev('onSendHeaders', 'p', 1102, { ...options, requestHeaders: asked }),
        ev('onBeforeRequest', 'p2', 1103, options),
        ev('onSendHeaders', 'p2', 1103, { ...options, requestHeaders: asked }),
        ev('onHeadersReceived', 'p2', 1104, { ...options, statusCode: 204, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }] }),
        ev('onCompleted', 'p2', 1105, { ...options, statusCode: 204 }),
        ev('onSendHeaders', 'r', 1106, { ...put, requestHeaders: [{ name: 'Origin', value: PAGE }] }),
        ev('onHeadersReceived', 'r', 1107, { ...put, statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }),
        ev('onCompleted', 'r', 1108, { ...put, statusCode: 200 }),
      ],
      1200,
    );
    store.ingest([ev('onHeadersReceived', 'p', 1109, { ...options, statusCode: 403, responseHeaders: [] }), ev('onCompleted', 'p', 1110, { ...options, statusCode: 403 })], 1300);
    store.ingest([ev('onErrorOccurred', 'r2', 1111, { ...put, error: 'net::ERR_FAILED' })], 1400);
    store.ingest([], 61_000);
    const r = store.snapshot(TAB).exchanges.find((c) => c.id === 'r');
    expect(r?.pending ?? false).toBe(false);
    expect(r?.exchange.hops[0]?.preflight?.response?.status).toBe(204);
    expect(r?.exchange.hops[0]?.response?.status).toBe(200);
  });
});

/** A finished cross-origin GET (`request` above) at `url`. */
function getAt(id: string, url: string, t: number): WebRequestEvent[] {
  return request(id, t, { url });
}
