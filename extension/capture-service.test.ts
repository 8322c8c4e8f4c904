// The service worker's logic with its browser APIs replaced: panels on memory transports, the
// capture log on a memory record store (really encrypted), a clock moved by hand, webRequest
// details fed in as Chromium hands them over.

import { describe, expect, it } from 'vitest';
import type { PreciseAvailability, WebRequestDetails, WebRequestEventName } from '../src/capture/index.ts';
import { createMemoryTransport } from '../src/ui/memory-transport.ts';
import type { CaptureMessage, CapturedExchange, CaptureSettings, CaptureStatus, PanelMessage, PanelTransport } from '../src/ui/protocol.ts';
import { badgeText } from './blocked-count.ts';
import { loadCaptureKey, type SessionArea } from './capture-key.ts';
import { createEncryptedLog, createMemoryRecordStore, type CaptureLog, type RecordStore } from './capture-log.ts';
import { BADGE_DELAY_MS, BATCH_DELAY_MS, CaptureService, COMPACT_SLACK_BYTES, HOLDER_GRACE_MS, MISSED_LIMIT, PANEL_BURST_AFTER_MS, PANEL_BURST_DELAY_MS, PANEL_DELAY_MS, PERSIST_DELAY_MS, PERSIST_MAX_DELAY_MS, PRECISE_QUESTION_MS, SNAPSHOT_CHUNK, type Clock } from './capture-service.ts';
import { NEEDS_PRECISE_BUILD, type PreciseControl, type PreciseModeHooks } from './precise-mode.ts';

const TAB = 7;
const PAGE = 'http://127.0.0.1:5000';
const API = 'http://127.0.0.1:6000';
const CANARY = 'canary-0b7e5d21';

class ManualClock implements Clock {
  /** Timers run by this one (monotonic, as setTimeout's are); `now()` is the wall clock, which can step. */
  #elapsed = 0;
  #wall = 1_700_000_000_000;
  #timers: { at: number; run: () => void }[] = [];
  now(): number {
    return this.#wall + this.#elapsed;
  }
  later(ms: number, run: () => void): void {
    this.#timers.push({ at: this.#elapsed + ms, run });
  }
  /** The wall clock set back (or on) by `ms`, as a user or NTP does; timers are not moved. */
  stepWall(ms: number): void {
    this.#wall += ms;
  }
  /**
   * Move time on by `ms`: run each timer as it falls due, in time order, letting everything it
   * started settle (`settle`) before looking for the next one.
   */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const until = this.#elapsed + ms;
    for (;;) {
      await settle();
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      this.#elapsed = Math.max(this.#elapsed, next.at);
      next.run();
    }
    this.#elapsed = until;
  }
}

/** What a panel shows: the protocol's messages applied, as the UI's store does. */
class PanelView {
  exchanges = new Map<string, CapturedExchange>();
  settings: CaptureSettings | null = null;
  status: CaptureStatus | null = null;
  preciseAvailability: PreciseAvailability | null = null;
  messages: CaptureMessage[] = [];
  constructor(readonly transport: PanelTransport) {
    transport.listen((message) => {
      this.messages.push(message);
      if (message.type === 'snapshot') this.exchanges = new Map();
      if (message.type === 'cleared') this.exchanges.clear();
      if (message.type === 'snapshot' || message.type === 'upsert') for (const x of message.exchanges) this.exchanges.set(x.id, x);
      if (message.type === 'snapshot' || message.type === 'status') [this.settings, this.status] = [message.settings, message.status];
      if (message.type === 'snapshot') this.preciseAvailability = message.preciseAvailability;
    });
  }
  send(message: { type: 'subscribe' | 'clear' } | { type: 'set-settings'; settings: Partial<CaptureSettings> } | { type: 'visibility'; shown: boolean }): void {
    this.transport.send({ source: 'cors-inspector-panel', tabId: TAB, ...message } satisfies PanelMessage);
  }
}

function memorySession(): SessionArea {
  const items: Record<string, unknown> = {};
  return { get: async (key) => (key in items ? { [key]: items[key] } : {}), set: async (more) => void Object.assign(items, more) };
}

class FakePrecise implements PreciseControl {
  attached = new Set<number>();
  problem: string | null = null;
  hooks: PreciseModeHooks | null = null;
  /** What the build says of precise mode; an Error: the question fails; a promise: the answer, when it comes. */
  answer: PreciseAvailability | Error | Promise<PreciseAvailability> = 'available';
  asked = 0;
  /** Thrown by attach (as PreciseMode's permission question can throw). */
  attachError: Error | null = null;
  async availability(): Promise<PreciseAvailability> {
    this.asked++;
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  async attach(tabId: number): Promise<string | null> {
    if (this.attachError !== null) throw this.attachError;
    if (this.problem === null) this.attached.add(tabId);
    return this.problem;
  }
  async detach(tabId: number): Promise<null> {
    this.attached.delete(tabId);
    return null;
  }
}

/** One service worker's life over storage that outlives it (the records, the session's key). */
class World {
  readonly records: RecordStore & { raw(): Map<number, Map<number, { data: ArrayBuffer }>> } = createMemoryRecordStore();
  readonly session = memorySession();
  failWrites = false;
  /** Chromium's request ids are unique for the browser's life, across worker restarts. */
  lastRequestId = 0;
}

class Worker {
  readonly clock = new ManualClock();
  readonly listening: boolean[] = [];
  readonly precise = new FakePrecise();
  /** What the extension's badge shows, by tab ('' for nothing), as `chrome.action` would keep it. */
  readonly badge = new Map<number, string>();
  /** Every text the badge was given, in order. */
  readonly badgeShown: string[] = [];
  readonly service: CaptureService;
  readonly #world: World;

  constructor(world: World, options: { log?: Promise<CaptureLog>; maxExchangesPerTab?: number; precise?: PreciseAvailability | Error | Promise<PreciseAvailability> } = {}) {
    this.#world = world;
    if (options.precise !== undefined) this.precise.answer = options.precise;
    const log =
      options.log ??
      loadCaptureKey(world.session).then(({ key }) => {
        const log = createEncryptedLog(key, world.records);
        // A store whose writes can be made to fail (a quota error).
        const guard = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => (...args: A): Promise<R> =>
          world.failWrites ? Promise.reject(new Error('QuotaExceededError')) : write(...args);
        return { ...log, append: guard(log.append), replace: guard(log.replace) };
      });
    this.service = new CaptureService({
      webRequest: { setListening: (on) => void this.listening.push(on) },
      log,
      precise: (hooks) => {
        this.precise.hooks = hooks;
        return this.precise;
      },
      hostAccess: async () => true,
      clock: this.clock,
      showBlocked: (tabId, blocked) => {
        this.badge.set(tabId, badgeText(blocked));
        this.badgeShown.push(badgeText(blocked));
      },
      ...(options.maxExchangesPerTab !== undefined ? { maxExchangesPerTab: options.maxExchangesPerTab } : {}),
    });
  }

  panel(): { view: PanelView; disconnect(closedHere?: boolean): void } {
    const { panel, capture } = createMemoryTransport();
    const connection = this.service.connectPanel(capture);
    return { view: new PanelView(panel), disconnect: (closedHere) => connection.disconnect(closedHere) };
  }

  /** Feed webRequest details of one finished cross-origin request (as Chromium's listeners get them). */
  request(options: { tabId?: number; path?: string; body?: string; authorization?: string; blocked?: boolean } = {}): void {
    const requestId = String(++this.#world.lastRequestId);
    const url = `${API}${options.path ?? `/items/${requestId}`}`;
    const t = this.clock.now();
    const base = { requestId, tabId: options.tabId ?? TAB, url, method: options.body ? 'POST' : 'GET', type: 'xmlhttprequest', initiator: PAGE, frameId: 0 };
    const requestHeaders = [{ name: 'Origin', value: PAGE }, ...(options.authorization ? [{ name: 'Authorization', value: options.authorization }] : [])];
    const events: [WebRequestEventName, WebRequestDetails & Record<string, unknown>][] = [
      ['onBeforeRequest', { ...base, timeStamp: t, ...(options.body ? { requestBody: { raw: [{ bytes: new TextEncoder().encode(options.body).buffer }] } } : {}) }],
      ['onSendHeaders', { ...base, timeStamp: t + 1, requestHeaders }],
      // Blocked: the server sent no Access-Control-Allow-Origin, and the fetch failed as Chromium fails it.
      ['onHeadersReceived', { ...base, timeStamp: t + 2, statusCode: 200, responseHeaders: options.blocked ? [] : [{ name: 'Access-Control-Allow-Origin', value: PAGE }] }],
      options.blocked ? ['onErrorOccurred', { ...base, timeStamp: t + 3, error: 'net::ERR_FAILED' }] : ['onCompleted', { ...base, timeStamp: t + 3, statusCode: 200 }],
    ];
    for (const [name, details] of events) this.service.queueWebRequest(name, details);
  }

  /**
   * One cross-origin request whose response comes later: its first events now, the rest when
   * `finish` is called (as a request in flight while the page is busy).
   */
  startRequest(): { id: string; finish(): void } {
    const requestId = String(++this.#world.lastRequestId);
    const base: WebRequestDetails & Record<string, unknown> = { requestId, tabId: TAB, url: `${API}/items/${requestId}`, method: 'GET', type: 'xmlhttprequest', initiator: PAGE, frameId: 0 };
    const t = this.clock.now();
    const send = (name: WebRequestEventName, details: WebRequestDetails & Record<string, unknown>): void => this.service.queueWebRequest(name, details);
    send('onBeforeRequest', { ...base, timeStamp: t });
    send('onSendHeaders', { ...base, timeStamp: t, requestHeaders: [{ name: 'Origin', value: PAGE }] });
    return {
      id: requestId,
      finish: () => {
        const at = this.clock.now();
        send('onHeadersReceived', { ...base, timeStamp: at, statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] });
        send('onCompleted', { ...base, timeStamp: at, statusCode: 200 });
      },
    };
  }

  /** The tab loads a new page: the webRequest event of its document's request. */
  navigate(tabId = TAB): void {
    const requestId = String(++this.#world.lastRequestId);
    const details: WebRequestDetails & Record<string, unknown> = { requestId, tabId, url: `${PAGE}/`, method: 'GET', type: 'main_frame', frameId: 0, timeStamp: this.clock.now() };
    this.service.queueWebRequest('onBeforeRequest', details);
  }

  /** How many exchanges of the tab the log holds (read back, not from memory). */
  async storedCount(tabId = TAB): Promise<number> {
    return (await this.service.readStored(tabId))?.exchanges.length ?? 0;
  }

  /** Let batches, writes and the panels' deliveries happen (`ms` of the worker's time). */
  async run(ms = PERSIST_DELAY_MS + BATCH_DELAY_MS): Promise<void> {
    const settle = async (): Promise<void> => {
      // Messages in flight on the memory transports, then what the service chained on them.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.service.settled();
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    await this.clock.advance(ms, settle);
    await settle();
  }
}

const rawBytes = (world: World): Buffer[] => [...world.records.raw().values()].flatMap((byN) => [...byN.values()].map((r) => Buffer.from(r.data)));

/** A worker with one panel subscribed to the tab, and a count of the upserts the panel got. */
async function workerWithPanel(): Promise<{ worker: Worker; view: PanelView; upserts: () => number }> {
  const worker = new Worker(new World());
  const { view } = worker.panel();
  view.send({ type: 'subscribe' });
  await worker.run();
  return { worker, view, upserts: () => view.messages.filter((m) => m.type === 'upsert').length };
}

describe('CaptureService', () => {
  it('captures a subscribed tab, tells its panel, and survives a worker restart with the log encrypted', async () => {
    const world = new World();
    const first = new Worker(world);
    const { view } = first.panel();
    view.send({ type: 'subscribe' });
    await first.run();
    expect(view.settings).toEqual({ preserveLog: false, preciseMode: false, keepCapturing: false });
    first.request({ authorization: `Bearer ${CANARY}`, body: `{"password":"${CANARY}"}` });
    first.request({ tabId: TAB + 1 }); // a tab nobody subscribed to
    await first.run();
    expect([...view.exchanges.values()].map((x) => x.exchange.request.body)).toEqual([`{"password":"${CANARY}"}`]);
    // Both requests' events reached the service; only the captured tab's were kept.
    expect(first.service.stats.heard).toBe(8);
    expect(first.service.stats.events).toBe(4);

    // On "disk": only ciphertext.
    expect(rawBytes(world).length).toBeGreaterThan(0);
    expect(rawBytes(world).some((bytes) => bytes.includes(CANARY))).toBe(false);

    // The worker stops; a new one reads the log back, and the panel's new port gets it all.
    const second = new Worker(world);
    await second.service.restored;
    expect(second.service.tabIds()).toEqual([TAB]);
    const again = second.panel();
    again.view.send({ type: 'subscribe' });
    await second.run();
    const [exchange] = [...again.view.exchanges.values()];
    expect(exchange?.exchange.request.headers).toContainEqual(['Authorization', `Bearer ${CANARY}`]);
    expect(again.view.exchanges.size).toBe(1);
    second.request();
    await second.run();
    expect(again.view.exchanges.size).toBe(2);
    expect((await second.service.readStored(TAB))?.exchanges).toHaveLength(2);
  });

  it('listens to webRequest only while some tab is captured', async () => {
    const worker = new Worker(new World());
    // On at once (an event may be what woke the worker), off once the log says no tab is captured.
    expect(worker.listening[0]).toBe(true);
    await worker.run();
    expect(worker.listening.at(-1)).toBe(false);
    const panel = worker.panel();
    panel.view.send({ type: 'subscribe' });
    await worker.run();
    expect(worker.listening.at(-1)).toBe(true);
    panel.disconnect();
    await worker.run();
    expect(worker.listening.at(-1)).toBe(false);
  });

  describe('when DevTools opens', () => {
    it('starts capturing the tab before any panel is shown, and says since when', async () => {
      const world = new World();
      const worker = new Worker(world);
      await worker.run();
      expect(worker.listening.at(-1)).toBe(false);
      const openedAt = worker.clock.now();
      worker.service.connectDevtools(TAB);
      await worker.run();
      expect(worker.listening.at(-1)).toBe(true);
      worker.request({ path: '/while-elements-shown' });
      await worker.run();
      // Stored before any panel subscribed: the panel shown later gets it in its snapshot.
      expect((await worker.service.readStored(TAB))?.exchanges.map((x) => x.exchange.hops[0]?.url)).toEqual([`${API}/while-elements-shown`]);
      const { view } = worker.panel();
      view.send({ type: 'subscribe' });
      await worker.run();
      expect([...view.exchanges.values()].map((x) => x.source)).toEqual(['webRequest']);
      expect(view.status?.capturingSince).toBe(openedAt);
    });

    it('does not start a capture for a DevTools window closed before the log was read back', async () => {
      const worker = new Worker(new World());
      worker.service.connectDevtools(TAB).disconnect();
      await worker.run();
      expect(worker.service.tabIds()).toEqual([]);
      expect(worker.listening.at(-1)).toBe(false);
    });
  });

  describe('the badge', () => {
    it('counts the blocked exchanges of a tab as they come, and clears with the capture', async () => {
      const world = new World();
      const worker = new Worker(world);
      worker.service.connectDevtools(TAB);
      worker.service.connectDevtools(TAB + 1);
      await worker.run();
      worker.request({ blocked: true });
      worker.request();
      worker.request({ blocked: true, tabId: TAB + 1 });
      await worker.run();
      expect(worker.badge.get(TAB)).toBe('1');
      expect(worker.badge.get(TAB + 1)).toBe('1');
      worker.request({ blocked: true });
      await worker.run();
      expect(worker.badge.get(TAB)).toBe('2');

      // A worker restart goes on from the count read back.
      const second = new Worker(world);
      const devtools = second.service.connectDevtools(TAB);
      await second.run();
      second.request({ blocked: true });
      await second.run();
      expect(second.badge.get(TAB)).toBe('3');

      // Clear empties it.
      const panel = second.panel();
      panel.view.send({ type: 'clear' });
      await second.run();
      expect(second.badge.get(TAB)).toBe('');
      second.request({ blocked: true });
      await second.run();
      expect(second.badge.get(TAB)).toBe('1');

      // DevTools closed: the capture is deleted and the badge cleared with it.
      panel.disconnect();
      devtools.disconnect();
      await second.run();
      // (The other tab's DevTools has not reconnected to this worker yet: its grace period runs.)
      expect(second.service.tabIds()).toEqual([TAB + 1]);
      expect(second.badge.get(TAB)).toBe('');
    });

    it('shows a burst of changes at most once per BADGE_DELAY_MS, the latest count last', async () => {
      const worker = new Worker(new World());
      worker.service.connectDevtools(TAB);
      await worker.run();
      // Three batches within BADGE_DELAY_MS, each with one more blocked request.
      for (let i = 0; i < 3; i++) {
        worker.request({ blocked: true });
        await worker.run(BATCH_DELAY_MS);
      }
      expect(3 * BATCH_DELAY_MS).toBeLessThan(BATCH_DELAY_MS + BADGE_DELAY_MS);
      await worker.run();
      // The first at once (after a quiet spell), then the latest: not '2'.
      expect(worker.badgeShown).toEqual(['1', '3']);
      expect(worker.badge.get(TAB)).toBe('3');
    });
  });

  describe('when DevTools closes', () => {
    it('stops the capture and deletes its log, unless "Keep capturing" is on', async () => {
      for (const keepCapturing of [false, true]) {
        const world = new World();
        const worker = new Worker(world);
        const devtools = worker.service.connectDevtools(TAB);
        const panel = worker.panel();
        panel.view.send({ type: 'subscribe' });
        if (keepCapturing) panel.view.send({ type: 'set-settings', settings: { keepCapturing } });
        worker.request();
        await worker.run();
        expect(world.records.raw().has(TAB)).toBe(true);

        // The panel goes first (it lives inside DevTools): the devtools page still holds the tab.
        panel.disconnect();
        await worker.run();
        expect(worker.service.tabIds()).toEqual([TAB]);
        devtools.disconnect();
        await worker.run();
        worker.request();
        await worker.run();
        const label = `keepCapturing ${keepCapturing}`;
        expect(worker.service.tabIds(), label).toEqual(keepCapturing ? [TAB] : []);
        expect(world.records.raw().has(TAB), label).toBe(keepCapturing);
        expect((await worker.service.readStored(TAB))?.exchanges.length ?? 0, label).toBe(keepCapturing ? 2 : 0);
      }
    });

    it('after a restart, gives its DevTools a grace period to reconnect, then stops', async () => {
      for (const reconnects of [true, false]) {
        const world = new World();
        const first = new Worker(world);
        first.panel().view.send({ type: 'subscribe' });
        first.request();
        await first.run();

        const second = new Worker(world);
        await second.service.restored;
        if (reconnects) second.service.connectDevtools(TAB);
        await second.run(HOLDER_GRACE_MS - 1);
        expect(second.service.tabIds()).toEqual([TAB]);
        await second.run(2);
        expect(second.service.tabIds(), `reconnects ${reconnects}`).toEqual(reconnects ? [TAB] : []);
        expect(world.records.raw().has(TAB)).toBe(reconnects);
      }
    });

    it("keeps holding a panel's tab for a grace period when the worker closed its port, so the panel can come back", async () => {
      // The panel is the tab's only holder (a panel tab, no DevTools, "Keep capturing" off), and a
      // message to it could not be posted: the worker closed the port, and the panel connects again.
      for (const comesBack of [true, false]) {
        const world = new World();
        const worker = new Worker(world);
        const panel = worker.panel();
        panel.view.send({ type: 'subscribe' });
        worker.request();
        await worker.run();
        expect(await worker.storedCount()).toBe(1);

        panel.disconnect(true);
        await worker.run(HOLDER_GRACE_MS - 1);
        const label = `comes back ${comesBack}`;
        expect(worker.service.tabIds(), label).toEqual([TAB]);
        if (comesBack) worker.panel().view.send({ type: 'subscribe' });
        worker.request();
        await worker.run(2);
        expect(worker.service.tabIds(), label).toEqual(comesBack ? [TAB] : []);
        await worker.run();
        expect(world.records.raw().has(TAB), label).toBe(comesBack);
        expect(await worker.storedCount(), label).toBe(comesBack ? 2 : 0);
      }
    });

    it('a panel that closed its port lets go at once', async () => {
      const worker = new Worker(new World());
      const panel = worker.panel();
      panel.view.send({ type: 'subscribe' });
      worker.request();
      await worker.run();
      panel.disconnect();
      await worker.run(1);
      expect(worker.service.tabIds()).toEqual([]);
    });

    it('turning "Keep capturing" off with nothing holding the tab stops it when the last panel goes', async () => {
      const worker = new Worker(new World());
      const panel = worker.panel();
      panel.view.send({ type: 'subscribe' });
      panel.view.send({ type: 'set-settings', settings: { keepCapturing: true } });
      await worker.run();
      panel.disconnect();
      await worker.run();
      expect(worker.service.tabIds()).toEqual([TAB]);
      const other = worker.panel();
      other.view.send({ type: 'subscribe' });
      other.view.send({ type: 'set-settings', settings: { keepCapturing: false } });
      await worker.run();
      expect(other.view.settings?.keepCapturing).toBe(false);
      other.disconnect();
      await worker.run();
      expect(worker.service.tabIds()).toEqual([]);
    });
  });

  it('forgets a closed tab, in memory and in the log', async () => {
    const world = new World();
    const worker = new Worker(world);
    worker.panel().view.send({ type: 'subscribe' });
    worker.request();
    await worker.run();
    await worker.service.tabClosed(TAB);
    await worker.run();
    expect(worker.service.tabIds()).toEqual([]);
    expect(world.records.raw().has(TAB)).toBe(false);
  });

  it('keeps the log small: appends deltas, rewrites it whole once it outweighs the capture', async () => {
    const world = new World();
    const worker = new Worker(world, { maxExchangesPerTab: 10 });
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    // Exchanges with 100 kB of headers each: the bound drops old ones, the log would grow forever.
    for (let i = 0; i < 120; i++) {
      worker.request({ authorization: 'x'.repeat(100_000) });
      await worker.run();
    }
    expect(worker.service.stats.compactions).toBeGreaterThan(0);
    const logBytes = rawBytes(world).reduce((sum, b) => sum + b.byteLength, 0);
    // 10 exchanges of ~100 kB: at most twice that plus the slack and one more record, not the 12 MB written.
    expect(worker.service.stats.persistBytes).toBeGreaterThan(12_000_000);
    expect(logBytes).toBeLessThan(2 * 10 * 101_000 + COMPACT_SLACK_BYTES + 101_000);
    const stored = await worker.service.readStored(TAB);
    expect(stored?.exchanges.map((x) => x.id)).toEqual([...view.exchanges.keys()].slice(-10));
    expect(stored?.status.dropped).toBe(110);
  });

  it("writes a busy page's burst once it quiets, and at least every PERSIST_MAX_DELAY_MS while it lasts", async () => {
    const world = new World();
    const worker = new Worker(world);
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    const before = worker.service.stats.writes;
    // A request every 200 ms: the capture never stays unchanged for PERSIST_DELAY_MS.
    const step = 200;
    let sent = 0;
    let storedAtDeadline = -1;
    for (let elapsed = 0; elapsed < 3 * PERSIST_MAX_DELAY_MS; elapsed += step) {
      worker.request();
      sent++;
      await worker.run(step);
      // Just past the first deadline (the first change, the first batch, came BATCH_DELAY_MS in):
      // what came before it is in the log.
      if (storedAtDeadline < 0 && elapsed + step >= PERSIST_MAX_DELAY_MS + BATCH_DELAY_MS) storedAtDeadline = await worker.storedCount();
    }
    expect(storedAtDeadline).toBeGreaterThanOrEqual((PERSIST_MAX_DELAY_MS - BATCH_DELAY_MS) / step);
    // Two deadlines passed in the 15 s (one write each), not one write per PERSIST_DELAY_MS.
    expect(worker.service.stats.writes - before).toBe(2);
    expect(await worker.storedCount()).toBeLessThan(sent);
    // The burst quiets: the rest is written, once.
    await worker.run();
    expect(worker.service.stats.writes - before).toBe(3);
    expect(await worker.storedCount()).toBe(sent);
  });

  it('writes the log, shows the badge and tells the panel on time when the wall clock steps back', async () => {
    const world = new World();
    const worker = new Worker(world);
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    worker.request({ blocked: true });
    await worker.run(BATCH_DELAY_MS);
    expect(worker.badge.get(TAB)).toBe('1');
    // An hour back, with the write pending and the badge and the panel just told.
    worker.clock.stepWall(-3_600_000);
    await worker.run(PERSIST_DELAY_MS + BATCH_DELAY_MS);
    expect(await worker.storedCount()).toBe(1);
    worker.request({ blocked: true });
    await worker.run(BATCH_DELAY_MS + Math.max(BADGE_DELAY_MS, PANEL_DELAY_MS));
    expect(worker.badge.get(TAB)).toBe('2');
    expect(view.exchanges.size).toBe(2);
    await worker.run();
    expect(await worker.storedCount()).toBe(2);
  });

  it('writes at once when asked (written), and the delayed write it replaced does not come again', async () => {
    const world = new World();
    const worker = new Worker(world);
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    const before = worker.service.stats.writes;
    // Ingested, its write waiting for PERSIST_DELAY_MS: settled() leaves it waiting, written() does not.
    await worker.service.settled();
    expect(await worker.storedCount()).toBe(0);
    await worker.service.written();
    expect(await worker.storedCount()).toBe(1);
    expect(worker.service.stats.writes - before).toBe(1);
    await worker.run();
    expect(worker.service.stats.writes - before).toBe(1);
    // Later changes are written on the usual schedule.
    worker.request();
    await worker.run();
    expect(await worker.storedCount()).toBe(2);
    expect(worker.service.stats.writes - before).toBe(2);
  });

  it('says so when a write fails, and writes the tab whole when it can again', async () => {
    const world = new World();
    const worker = new Worker(world);
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    worker.request();
    await worker.run();
    world.failWrites = true;
    worker.request();
    await worker.run();
    expect(view.status?.problem).toMatch(/^Could not save the capture \(Error: QuotaExceededError\); it is kept in memory only\.$/);
    world.failWrites = false;
    worker.request();
    await worker.run();
    expect(view.status?.problem).toBeUndefined();
    // Nothing missing from the log, the request whose write failed included.
    expect((await new Worker(world).service.readStored(TAB))?.exchanges).toHaveLength(3);
  });

  it('captures in memory, and says so, when the storage cannot be opened', async () => {
    const worker = new Worker(new World(), { log: Promise.reject(new Error('no IndexedDB')) });
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    worker.request();
    await worker.run();
    expect(view.exchanges.size).toBe(1);
    expect(view.status?.problem).toBe('Could not open the capture storage (Error: no IndexedDB); the capture is kept in memory only.');
  });

  it('sends a large capture as a snapshot and upserts of bounded size', async () => {
    const world = new World();
    const first = new Worker(world);
    first.panel().view.send({ type: 'subscribe' });
    const count = SNAPSHOT_CHUNK * 2 + 10;
    for (let i = 0; i < count; i++) first.request();
    await first.run();
    const { view } = first.panel();
    view.send({ type: 'subscribe' });
    await first.run();
    // Every part but the last says `more`: the panel applies them as one snapshot.
    expect(view.messages.map((m) => [m.type, 'exchanges' in m ? m.exchanges.length : 0, 'more' in m ? m.more : undefined])).toEqual([
      ['snapshot', SNAPSHOT_CHUNK, true],
      ['upsert', SNAPSHOT_CHUNK, true],
      ['upsert', 10, undefined],
    ]);
    expect(view.exchanges.size).toBe(count);
  });

  it('handles clear, Preserve log and precise mode (with the problem when it cannot attach)', async () => {
    const worker = new Worker(new World());
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    worker.request();
    await worker.run();
    view.send({ type: 'clear' });
    await worker.run();
    expect(view.exchanges.size).toBe(0);
    expect((await worker.service.readStored(TAB))?.exchanges).toEqual([]);

    view.send({ type: 'set-settings', settings: { preserveLog: true, preciseMode: true } });
    await worker.run();
    expect(view.settings).toMatchObject({ preserveLog: true, preciseMode: true });
    expect(worker.precise.attached.has(TAB)).toBe(true);

    worker.precise.hooks!.onDetached(TAB, 'the debugging bar was cancelled');
    await worker.run();
    expect(view.settings?.preciseMode).toBe(false);
    expect(view.status?.problem).toBe('Precise mode ended: the debugging bar was cancelled.');

    worker.precise.problem = NEEDS_PRECISE_BUILD;
    view.send({ type: 'set-settings', settings: { preciseMode: true } });
    await worker.run();
    expect(view.settings?.preciseMode).toBe(false);
    expect(view.status?.problem).toBe(worker.precise.problem);
  });

  it('tells every panel in its snapshot whether this build can do precise mode, asking the browser once', async () => {
    for (const answer of ['available', 'needs-precise-build', 'chromium-only'] as const) {
      const worker = new Worker(new World(), { precise: answer });
      const first = worker.panel().view;
      first.send({ type: 'subscribe' });
      await worker.run();
      const second = worker.panel().view;
      second.send({ type: 'subscribe' });
      await worker.run();
      expect([first.preciseAvailability, second.preciseAvailability], answer).toEqual([answer, answer]);
      expect(worker.precise.asked).toBe(1);
    }
  });

  it('offers precise mode when the question fails: ticking it gets the attach’s own answer', async () => {
    const worker = new Worker(new World(), { precise: new Error('permissions.contains failed') });
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    expect(view.preciseAvailability).toBe('available');
    worker.precise.problem = NEEDS_PRECISE_BUILD;
    view.send({ type: 'set-settings', settings: { preciseMode: true } });
    await worker.run();
    expect(view.settings?.preciseMode).toBe(false);
    expect(view.status?.problem).toBe(NEEDS_PRECISE_BUILD);
  });

  it('sends no snapshot before it knows whether this build can do precise mode, however late the answer comes after the log is read', async () => {
    let answer!: (availability: PreciseAvailability) => void;
    const worker = new Worker(new World(), { precise: new Promise<PreciseAvailability>((resolve) => (answer = resolve)) });
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.service.restored;
    await worker.run(PRECISE_QUESTION_MS / 2);
    expect(view.messages.filter((message) => message.type === 'snapshot')).toEqual([]);
    answer('needs-precise-build');
    await worker.run(1);
    expect(view.messages.filter((message) => message.type === 'snapshot').map((message) => message.preciseAvailability)).toEqual(['needs-precise-build']);
  });

  it('an unanswered question keeps neither the capture nor the panel waiting: after PRECISE_QUESTION_MS the box is offered', async () => {
    const worker = new Worker(new World(), { precise: new Promise<PreciseAvailability>(() => {}) });
    const devtools = worker.service.connectDevtools(TAB);
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    worker.request();
    await worker.run(PRECISE_QUESTION_MS / 2);
    // The capture went on meanwhile: the request is in the log.
    await worker.service.written();
    expect((await worker.service.readStored(TAB))?.exchanges).toHaveLength(1);
    expect(view.messages.filter((message) => message.type === 'snapshot')).toEqual([]);
    await worker.run(PRECISE_QUESTION_MS);
    const snapshots = view.messages.filter((message) => message.type === 'snapshot');
    expect(snapshots.map((message) => [message.preciseAvailability, message.exchanges.length])).toEqual([['available', 1]]);
    devtools.disconnect();
  });

  it('an attach that throws is shown as a problem, and precise mode stays off', async () => {
    const worker = new Worker(new World());
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    worker.precise.attachError = new Error('permissions.contains failed');
    view.send({ type: 'set-settings', settings: { preciseMode: true } });
    await worker.run();
    expect(view.settings?.preciseMode).toBe(false);
    expect(view.status?.problem).toBe('Could not turn precise mode on: permissions.contains failed');
  });

  it('answers a tick where the panel was told precise mode is unavailable (an older panel, or a crafted message) with the attach’s refusal', async () => {
    const worker = new Worker(new World(), { precise: 'needs-precise-build' });
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    worker.precise.problem = NEEDS_PRECISE_BUILD;
    view.send({ type: 'set-settings', settings: { preciseMode: true } });
    await worker.run();
    expect(view.preciseAvailability).toBe('needs-precise-build');
    expect(view.settings?.preciseMode).toBe(false);
    expect(view.status?.problem).toBe(NEEDS_PRECISE_BUILD);
    expect(worker.precise.attached.size).toBe(0);
  });

  /** A worker that turned precise mode on for TAB, and the world it left for the next one. */
  async function preciseModeOnBeforeARestart(): Promise<World> {
    const world = new World();
    const first = new Worker(world);
    const { view } = first.panel();
    view.send({ type: 'subscribe' });
    view.send({ type: 'set-settings', settings: { preciseMode: true } });
    await first.run();
    return world;
  }

  it('an attach that throws after a restart is shown as a problem, and precise mode is off', async () => {
    const second = new Worker(await preciseModeOnBeforeARestart());
    second.precise.attachError = new Error('permissions.contains failed');
    await second.run(1);
    const { view: again } = second.panel();
    again.send({ type: 'subscribe' });
    await second.run(1);
    expect(again.settings?.preciseMode).toBe(false);
    expect(again.status?.problem).toBe('Could not turn precise mode on: permissions.contains failed');
  });

  it('takes an availability answer that came after PRECISE_QUESTION_MS for the snapshots sent after it', async () => {
    let answer!: (availability: PreciseAvailability) => void;
    const worker = new Worker(new World(), { precise: new Promise<PreciseAvailability>((resolve) => (answer = resolve)) });
    const first = worker.panel().view;
    first.send({ type: 'subscribe' });
    await worker.run(PRECISE_QUESTION_MS);
    expect(first.preciseAvailability).toBe('available');
    answer('needs-precise-build');
    await worker.run(1);
    const second = worker.panel().view;
    second.send({ type: 'subscribe' });
    await worker.run(1);
    expect(second.preciseAvailability).toBe('needs-precise-build');
  });

  it('attaches precise mode again after a restart', async () => {
    const second = new Worker(await preciseModeOnBeforeARestart());
    await second.run(1);
    expect(second.precise.attached.has(TAB)).toBe(true);
  });

  it('sends the panel one upsert per PANEL_DELAY_MS however many batches came, and none of what a clear made obsolete', async () => {
    const worker = new Worker(new World());
    const { view } = worker.panel();
    view.send({ type: 'subscribe' });
    await worker.run();
    const upserts = () => view.messages.filter((m) => m.type === 'upsert').map((m) => (m.type === 'upsert' ? m.exchanges.map((x) => x.id) : []));

    // After a quiet spell the first batch goes at once.
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    expect(upserts()).toEqual([['1']]);
    // Two more batches within the delay: one message with both, once the delay is over.
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    expect(upserts()).toHaveLength(1);
    await worker.run(PANEL_DELAY_MS);
    expect(upserts()).toEqual([['1'], ['2', '3']]);
    expect(view.exchanges.size).toBe(3);

    // Captured, then cleared before the delivery: the panel is told of the clear, not of the request.
    await worker.run(PANEL_DELAY_MS);
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    view.send({ type: 'clear' });
    await worker.run();
    expect(upserts()).toEqual([['1'], ['2', '3'], ['4']]);
    expect(view.messages.at(-1)?.type).not.toBe('upsert');
    expect(view.exchanges.size).toBe(0);
  });

  it('sends a long burst at most every PANEL_BURST_DELAY_MS once it lasted PANEL_BURST_AFTER_MS, every request in the end', async () => {
    const { worker, view, upserts } = await workerWithPanel();
    const burstMs = PANEL_BURST_AFTER_MS + 3 * PANEL_BURST_DELAY_MS;
    let requests = 0;
    for (let elapsed = 0; elapsed < burstMs; elapsed += BATCH_DELAY_MS) {
      worker.request();
      requests++;
      await worker.run(BATCH_DELAY_MS);
    }
    await worker.run(PANEL_BURST_DELAY_MS + BATCH_DELAY_MS);
    // At PANEL_DELAY_MS throughout it would be one more per PANEL_DELAY_MS of the burst.
    expect(upserts()).toBeLessThanOrEqual(1 + PANEL_BURST_AFTER_MS / PANEL_DELAY_MS + (burstMs - PANEL_BURST_AFTER_MS) / PANEL_BURST_DELAY_MS + 1);
    expect(upserts()).toBeLessThan(burstMs / PANEL_DELAY_MS);
    expect(view.exchanges.size).toBe(requests);

    // Quiet, then one request: it goes at once again.
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    expect(view.exchanges.size).toBe(requests + 1);
  });

  it("maps a long burst's requests in fewer batches, each row shown no later than after a batch of BATCH_DELAY_MS", async () => {
    const { worker, view } = await workerWithPanel();
    // When the panel was sent each exchange first, and first as done; when each delivery went.
    const [shownAt, doneAt, deliveries] = [new Map<string, number>(), new Map<string, number>(), [] as number[]];
    view.transport.listen((message) => {
      if (message.type !== 'upsert') return;
      deliveries.push(worker.clock.now());
      for (const { id, pending } of message.exchanges) {
        if (!shownAt.has(id)) shownAt.set(id, worker.clock.now());
        if (pending !== true && !doneAt.has(id)) doneAt.set(id, worker.clock.now());
      }
    });
    // A request every 50 ms, each in flight for 150 ms: at BATCH_DELAY_MS its start and its end
    // always fall in different batches (mapped twice).
    const [every, lasting, burstMs] = [50, 150, PANEL_BURST_AFTER_MS + 4 * PANEL_BURST_DELAY_MS];
    const [startedAt, finishedAt, inFlight] = [new Map<string, number>(), new Map<string, number>(), [] as { id: string; finish(): void; at: number }[]];
    const mappedBefore = worker.service.stats.mapped;
    for (let elapsed = 0; elapsed < burstMs + lasting; elapsed += every) {
      while (inFlight.length > 0 && inFlight[0]!.at + lasting <= elapsed) {
        const request = inFlight.shift()!;
        request.finish();
        finishedAt.set(request.id, worker.clock.now());
      }
      if (elapsed < burstMs) {
        const request = worker.startRequest();
        inFlight.push({ ...request, at: elapsed });
        startedAt.set(request.id, worker.clock.now());
      }
      await worker.run(every);
    }
    await worker.run();
    const requests = startedAt.size;
    expect(view.exchanges.size).toBe(requests);
    expect([...view.exchanges.values()].every((x) => x.pending !== true)).toBe(true);
    // Each request mapped about once while the deliveries are paced, not twice (once in flight).
    expect(worker.service.stats.mapped - mappedBefore).toBeLessThan(1.6 * requests);
    // The burst's pace unchanged: once it has lasted PANEL_BURST_AFTER_MS, a delivery a second.
    const paced = deliveries.filter((at) => at - deliveries[0]! > PANEL_BURST_AFTER_MS + PANEL_DELAY_MS);
    expect(paced.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < paced.length; i++) expect(paced[i]! - paced[i - 1]!).toBe(PANEL_BURST_DELAY_MS);
    // No row later than a batch of BATCH_DELAY_MS would have made it: in the first delivery after
    // its events' batch was due (a batch due with a delivery went after it), or earlier.
    const deliveryAfter = (at: number): number => deliveries.find((d) => d > at + BATCH_DELAY_MS)!;
    for (const [id, at] of startedAt) expect(shownAt.get(id)).toBeLessThanOrEqual(deliveryAfter(at));
    for (const [id, at] of finishedAt) expect(doneAt.get(id)).toBeLessThanOrEqual(deliveryAfter(at));
  });

  it("writes a long burst's requests no later than PERSIST_MAX_DELAY_MS after a batch of BATCH_DELAY_MS would have mapped them", async () => {
    const { worker } = await workerWithPanel();
    const writesBefore = worker.service.stats.writes;
    // As above: a request every 50 ms, each in flight for 150 ms, for three deadlines.
    const [every, lasting, burstMs, checkEvery] = [50, 150, 2 * PERSIST_MAX_DELAY_MS + 1000, 1000];
    const [startedAt, finishedAt, inFlight] = [new Map<string, number>(), new Map<string, number>(), [] as { id: string; finish(): void; at: number }[]];
    const late = PERSIST_MAX_DELAY_MS + BATCH_DELAY_MS;
    for (let elapsed = 0; elapsed < burstMs; elapsed += every) {
      while (inFlight.length > 0 && inFlight[0]!.at + lasting <= elapsed) {
        const request = inFlight.shift()!;
        request.finish();
        finishedAt.set(request.id, worker.clock.now());
      }
      const request = worker.startRequest();
      inFlight.push({ ...request, at: elapsed });
      startedAt.set(request.id, worker.clock.now());
      await worker.run(every);
      if ((elapsed + every) % checkEvery !== 0) continue;
      const stored = new Map(((await worker.service.readStored(TAB))?.exchanges ?? []).map((x) => [x.id, x]));
      const now = worker.clock.now();
      for (const [id, at] of startedAt) if (now - at > late) expect(stored.has(id)).toBe(true);
      for (const [id, at] of finishedAt) if (now - at > late) expect(stored.get(id)?.pending).not.toBe(true);
    }
    // Written at the deadlines, not every PERSIST_DELAY_MS: the page never quieted.
    expect(worker.service.stats.writes - writesBefore).toBeLessThanOrEqual(burstMs / PERSIST_MAX_DELAY_MS);
    // Asked to write now (`npm start`'s HAR, read from the log right after the traffic): the batch
    // still waiting (for its delay, or the next delivery) is written too.
    const request = worker.startRequest();
    request.finish();
    await worker.run(every);
    await worker.service.written();
    expect(await worker.storedCount()).toBe(startedAt.size + 1);
  });

  it('clears and refills the list of a page loaded just after a long-paced delivery as soon as before (its batch does not wait for the old burst)', async () => {
    const { worker, view } = await workerWithPanel();
    // A page whose load the panel's deliveries pace at one a second.
    worker.navigate();
    worker.request();
    for (let elapsed = 0; elapsed < 1200; elapsed += 100) {
      worker.request();
      await worker.run(100);
    }
    const sent: { type: string; at: number }[] = [];
    view.transport.listen((message) => sent.push({ type: message.type, at: worker.clock.now() }));
    // The burst's next delivery, then quiet: a reload 50 ms later.
    for (let waited = 0; waited < 1500 && !sent.some((m) => m.type === 'upsert'); waited += 50) await worker.run(50);
    const delivered = sent.filter((m) => m.type === 'upsert').at(-1)!.at;
    await worker.run(50);
    const reloaded = worker.clock.now();
    worker.navigate();
    worker.request();
    await worker.run(1000);
    // As before the batches waited for deliveries: mapped after BATCH_DELAY_MS, the new page's
    // first delivery at once (cleared, and its first row), PANEL_DELAY_MS after the last at most.
    const cleared = sent.find((m) => m.type === 'cleared' && m.at > reloaded)!.at;
    const firstRow = sent.find((m) => m.type === 'upsert' && m.at > reloaded)!.at;
    expect(cleared - reloaded).toBeLessThanOrEqual(BATCH_DELAY_MS);
    expect(firstRow - delivered).toBeLessThanOrEqual(PANEL_DELAY_MS);
  });

  it('written() writes a batch still waiting for its timer, outside a burst too', async () => {
    const { worker } = await workerWithPanel();
    worker.request();
    await worker.run();
    await worker.service.written();
    worker.request();
    await worker.run(50);
    await worker.service.written();
    expect(await worker.storedCount()).toBe(2);
  });

  it("paces a new page's load as a long burst from its first delivery, which goes at once", async () => {
    const { worker, view, upserts } = await workerWithPanel();
    worker.request();
    await worker.run();
    expect(upserts()).toBe(1);

    worker.navigate();
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    // The list was emptied and its first row shown at once.
    expect(view.messages.at(-2)?.type).toBe('cleared');
    expect(upserts()).toBe(2);
    expect(view.exchanges.size).toBe(1);
    // The rest of the first second at the burst's pace: nothing more before PANEL_BURST_DELAY_MS.
    for (let elapsed = BATCH_DELAY_MS; elapsed < PANEL_BURST_DELAY_MS; elapsed += BATCH_DELAY_MS) {
      worker.request();
      await worker.run(BATCH_DELAY_MS);
    }
    expect(PANEL_BURST_DELAY_MS).toBeGreaterThan(PANEL_DELAY_MS);
    expect(upserts()).toBe(2);
    await worker.run(BATCH_DELAY_MS);
    expect(upserts()).toBe(3);
    expect(view.exchanges.size).toBe(PANEL_BURST_DELAY_MS / BATCH_DELAY_MS);

    // Quiet, then a short burst on the same page: the first at once, the next after PANEL_DELAY_MS.
    await worker.run();
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    worker.request();
    await worker.run(PANEL_DELAY_MS);
    expect(upserts()).toBe(5);
  });

  it("shows a new page's first rows no later than PANEL_DELAY_MS after the last delivery, however recent", async () => {
    const { worker, view, upserts } = await workerWithPanel();
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    expect(upserts()).toBe(1);
    // A reload right after a delivery: the new page's first row is not held for the burst's pace.
    worker.navigate();
    worker.request();
    await worker.run(BATCH_DELAY_MS + PANEL_DELAY_MS);
    expect(view.messages.some((m) => m.type === 'cleared')).toBe(true);
    expect(upserts()).toBe(2);
    expect(view.exchanges.size).toBe(1);
  });

  it("does not slow a panel for another tab's new page that no panel shows", async () => {
    const { worker, upserts } = await workerWithPanel();
    worker.service.connectDevtools(TAB + 1); // DevTools open there, on another panel
    await worker.run();
    worker.navigate(TAB + 1);
    worker.request({ tabId: TAB + 1 });
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    worker.request();
    await worker.run(PANEL_DELAY_MS);
    worker.request();
    await worker.run(PANEL_DELAY_MS);
    // A short burst's pace for this panel: at once, then every PANEL_DELAY_MS.
    expect(upserts()).toBe(3);
  });

  it('sends a hidden panel no upserts, and what it missed in one upsert when it is shown again', async () => {
    const worker = new Worker(new World());
    const hidden = worker.panel();
    const shown = worker.panel();
    for (const { view } of [hidden, shown]) view.send({ type: 'subscribe' });
    await worker.run();
    worker.request();
    await worker.run();
    const upserts = (view: PanelView) => view.messages.filter((m) => m.type === 'upsert').map((m) => (m.type === 'upsert' ? m.exchanges.map((x) => x.id).sort() : []));
    expect(upserts(hidden.view)).toEqual([['1']]);

    // Hidden: requests, one of them twice (in flight, then done), and nothing reaches it; the other panel gets them all.
    hidden.view.send({ type: 'visibility', shown: false });
    await worker.run();
    worker.request();
    await worker.run(BATCH_DELAY_MS);
    worker.request();
    worker.request({ blocked: true });
    await worker.run();
    expect(upserts(hidden.view)).toEqual([['1']]);
    expect(upserts(shown.view).length).toBeGreaterThan(1);
    expect(shown.view.exchanges.size).toBe(4);

    // Shown again: one upsert with each missed exchange once, as the other panel has it.
    hidden.view.send({ type: 'visibility', shown: true });
    await worker.run();
    expect(upserts(hidden.view)).toEqual([['1'], ['2', '3', '4']]);
    expect([...hidden.view.exchanges.values()]).toEqual([...shown.view.exchanges.values()]);

    // What a clear made obsolete while hidden is not sent on being shown; what came after is.
    hidden.view.send({ type: 'visibility', shown: false });
    worker.request();
    await worker.run();
    shown.view.send({ type: 'clear' });
    await worker.run();
    worker.request();
    await worker.run();
    hidden.view.send({ type: 'visibility', shown: true });
    await worker.run();
    expect(upserts(hidden.view)).toEqual([['1'], ['2', '3', '4'], ['6']]);
    expect([...hidden.view.exchanges.keys()]).toEqual(['6']);
    expect([...hidden.view.exchanges.values()]).toEqual([...shown.view.exchanges.values()]);
  });

  it('keeps no growing copy for a panel hidden behind a busy page: past MISSED_LIMIT it gets a fresh snapshot when shown', async () => {
    const worker = new Worker(new World());
    const hidden = worker.panel();
    const shown = worker.panel();
    for (const { view } of [hidden, shown]) view.send({ type: 'subscribe' });
    hidden.view.send({ type: 'visibility', shown: false });
    await worker.run();
    const before = hidden.view.messages.length;
    for (let i = 0; i < MISSED_LIMIT + 5; i++) worker.request();
    await worker.run();
    expect(hidden.view.messages.length).toBe(before);

    hidden.view.send({ type: 'visibility', shown: true });
    await worker.run();
    const sent = hidden.view.messages.slice(before).map((m) => [m.type, 'exchanges' in m ? m.exchanges.length : 0]);
    expect(sent[0]).toEqual(['snapshot', SNAPSHOT_CHUNK]);
    expect(hidden.view.exchanges.size).toBe(MISSED_LIMIT + 5);
    expect([...hidden.view.exchanges.values()]).toEqual([...shown.view.exchanges.values()]);
  });

  it('forgets a panel that closed while the capture was being read back: nothing is kept or sent for it', async () => {
    const world = new World();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worker = new Worker(world, { log: gate.then(() => loadCaptureKey(world.session)).then(({ key }) => createEncryptedLog(key, world.records)) });
    const gone = worker.panel();
    const staying = worker.panel();
    gone.view.send({ type: 'subscribe' });
    gone.view.send({ type: 'visibility', shown: false });
    staying.view.send({ type: 'subscribe' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    gone.disconnect();
    release();
    await worker.run();
    worker.request();
    await worker.run();
    expect(staying.view.exchanges.size).toBe(1);
    expect(gone.view.messages).toEqual([]);
  });
});
