// Per-tab capture state of the extension's service worker, without chrome.*: raw webRequest
// events in, exchanges out, bounded, and written out as a log of deltas (what changed since the
// last write) that is read back after the MV3 service worker was stopped.

import type { CaptureSettings, CaptureStatus, CapturedExchange } from './captured-exchange.ts';
import { type LocalNetworkFacts, localNetworkFactsOf, withLocalNetworkFacts } from './local-network-issues.ts';
import { LiveEvents } from './live-events.ts';
import { sameJsonValue } from './same-json-value.ts';
import { exchangesFromWebRequestEvents, type WebRequestEvent, type WebRequestEventName } from './web-request.ts';

/**
 * Past this many exchanges in one tab the oldest are dropped and counted (`CaptureStatus.dropped`).
 * 20,000 must survive a worker restart; the worker holds each exchange twice (object and JSON),
 * about 5 KB with real headers, so 25,000 is about 125 MB at most.
 */
const DEFAULT_MAX_EXCHANGES_PER_TAB = 25_000;
/** Exchanges per record when a tab's whole capture is written out (a compaction). */
const EXCHANGES_PER_FULL_RECORD = 1_000;
/** A preflight whose request never showed up is given up on after this long (ms). */
const ORPHAN_AFTER_MS = 10_000;
/** Events of requests that never end (a long poll, a tab closed mid-request) are kept this long (ms). */
const LIVE_EVENTS_TTL_MS = 10 * 60_000;

export const DEFAULT_SETTINGS: CaptureSettings = { preserveLog: false, preciseMode: false, keepCapturing: false };

interface StoredExchange {
  seq: number;
  captured: CapturedExchange;
  /** The length of `captured`'s JSON as counted in the tab's `jsonBytes`; null until counted. */
  counted: number | null;
}

/** Chromium's own verdict for a request (precise mode), waiting for its webRequest exchange. */
export interface BrowserVerdictReport {
  url: string;
  method: string;
  /** When the browser says the request started, ms since the epoch. */
  startedAt: number;
  verdict: { corsError: string; failedParameter: string } | null;
  /** What the protocol said about the request's Local Network Access (precise mode with Audits). */
  localNetwork?: LocalNetworkFacts;
}
/** How long before a verdict's request webRequest may have seen the same request start (ms). */
const VERDICT_MATCH_WINDOW_MS = 2_000;
/**
 * How much later than the debugger webRequest may see one request start (ms): the two clocks are
 * read in different processes at different steps (the renderer stamps the fetch, the browser
 * stamps `onBeforeRequest` once the request reached it). An exchange that started later than this
 * after a verdict's request is taken only when none started earlier (`VERDICT_LATE_SKEW_MS`).
 */
const VERDICT_CLOCK_SKEW_MS = 50;
/**
 * How much later webRequest may see a request start on a loaded machine (ms). The gap is the
 * renderer-to-browser hop: 0-31 ms in test/browser/extension-precise-mode.test.ts on a machine at
 * load 10, 52 ms once, which left the verdict unmatched for good when 50 ms was the only bound.
 * An exchange that started later still is another request (the next identical call).
 */
const VERDICT_LATE_SKEW_MS = 150;

interface TabCapture {
  settings: CaptureSettings;
  /** Verdicts by exchange id, kept apart so that later webRequest updates keep them. */
  verdicts: Map<string, BrowserVerdictReport['verdict']>;
  /** Local Network Access facts by exchange id, kept apart for the same reason. */
  localNetwork: Map<string, LocalNetworkFacts>;
  /** Verdicts whose exchange has not been seen yet. */
  unmatchedVerdicts: BrowserVerdictReport[];
  status: CaptureStatus;
  /** By exchange id, in the order first seen (oldest first). */
  exchanges: Map<string, StoredExchange>;
  /** Events of requests not final yet, by request id. */
  live: LiveEvents;
  nextSeq: number;
  /** Sum of the counted exchanges' JSON lengths (with `uncounted`: what a full write of the tab costs). */
  jsonBytes: number;
  /** Exchanges whose JSON is not counted in `jsonBytes` yet: it is made only when needed (`jsonOf`). */
  uncounted: Set<string>;
  /** What changed since the last `takeDeltas`, to be written as the next delta. */
  pending: PendingDelta;
}

interface PendingDelta {
  changed: boolean;
  /** Ids of exchanges added or changed. */
  exchanges: Set<string>;
  liveCleared: boolean;
  liveRemoved: Set<string>;
  liveAdded: Map<string, WebRequestEvent[]>;
}

function emptyPending(changed: boolean): PendingDelta {
  return { changed, exchanges: new Set(), liveCleared: false, liveRemoved: new Set(), liveAdded: new Map() };
}

/** What changed for one tab in one call; the service worker turns it into protocol messages. */
export interface TabChange {
  tabId: number;
  /** The capture was cleared (navigation without "Preserve log") before `upserted` happened. */
  cleared: boolean;
  upserted: CapturedExchange[];
  statusChanged: boolean;
}

/**
 * One record of a tab's capture log: what changed since the record before it. A tab is read back
 * by replaying its records in order (`CaptureStore.restore`). Appending only what changed keeps a
 * write proportional to the traffic, not to the capture's size; a record with `reset` starts the
 * tab over, so the log can be compacted by rewriting it whole now and then.
 */
export interface CaptureDelta {
  /** Forget everything read before this record (it begins a full copy of the tab). */
  reset?: true;
  settings: CaptureSettings;
  status: CaptureStatus;
  nextSeq: number;
  /**
   * Exchanges with a lower position are gone. Exchanges only ever leave from the oldest end (the
   * bound) or all at once (clear, navigation), so one number says which.
   */
  floor: number;
  /** Exchanges added or changed, with their position (order of first sight). */
  exchanges: [seq: number, captured: CapturedExchange][];
  /** Forget every in-flight event read before (applied first). */
  liveCleared?: true;
  /** Requests whose in-flight events are forgotten (they became final, or were given up on). */
  liveRemoved: string[];
  /** In-flight events added (applied last). */
  liveAdded: WebRequestEvent[];
}

const NAVIGATION_TYPES = new Set(['main_frame', 'outermost_frame']);

/** Whether an event (its name, its details' `type`) starts a new document in its tab (which clears its capture without "Preserve log"). */
export function startsNavigation(name: WebRequestEventName, type: unknown): boolean {
  return name === 'onBeforeRequest' && typeof type === 'string' && NAVIGATION_TYPES.has(type);
}

/**
 * The JSON of each exchange the store keeps, made the first time something needs it (a write of
 * the log, a message to the panels, the size of a full write), then shared by all of them; null
 * until then. An in-flight exchange replaced before anything read it is never serialised (a busy
 * page's requests are mapped in two or three batches each, the panels are sent what changed every
 * second and the log written once the burst quiets). Stored exchanges are never changed in place,
 * only replaced, so the text stays true.
 */
const jsonOfStored = new WeakMap<CapturedExchange, string | null>();

/** `JSON.stringify(captured)`, made once for an exchange the store keeps. */
function jsonOf(captured: CapturedExchange): string {
  const known = jsonOfStored.get(captured);
  if (known !== undefined && known !== null) return known;
  const json = JSON.stringify(captured);
  if (known === null) jsonOfStored.set(captured, json);
  return json;
}

/** Marks an exchange as kept by the store (its JSON is then made once, when needed). */
function keep(captured: CapturedExchange): void {
  if (!jsonOfStored.has(captured)) jsonOfStored.set(captured, null);
}

/**
 * `JSON.stringify(delta)`, but each exchange's JSON is the one the store already made of it: the
 * storage side of the worker serialised every written exchange twice. `JSON.parse` gives the same
 * delta back (the keys' order aside).
 */
export function captureDeltaJson(delta: CaptureDelta): string {
  const { exchanges, ...rest } = delta;
  return withExchanges(
    JSON.stringify(rest),
    exchanges.map(([seq, captured]) => `[${seq},${jsonOf(captured)}]`),
  );
}

/**
 * `JSON.stringify(captured)`, the store's own text when it keeps the exchange: a message to the
 * panels is built from it rather than serialised again (extension/port-transport.ts).
 */
export function capturedJson(captured: CapturedExchange): string {
  return jsonOf(captured);
}

/**
 * `JSON.stringify({ ...rest, exchanges })` (the keys' order aside), given each exchange's JSON
 * (`capturedJson`). `parts` is used up: its first and last items are changed.
 */
export function jsonWithExchangeTexts(rest: object, parts: string[]): string {
  return withExchanges(JSON.stringify(rest), parts);
}

/**
 * `head`, an object's JSON, with the member `"exchanges": [parts]`, made by one join: a template
 * around the joined parts is a rope, copied whole once more when it is posted or encoded (a
 * message's and a record's text are ~3 MB each a load of a busy page; bench/capture-cost.ts,
 * session 26).
 */
function withExchanges(head: string, parts: string[]): string {
  const open = `${head.slice(0, -1)},"exchanges":[`;
  if (parts.length === 0) return `${open}]}`;
  parts[0] = open + parts[0]!;
  parts[parts.length - 1] += ']}';
  return parts.join(',');
}

export class CaptureStore {
  readonly #tabs = new Map<number, TabCapture>();
  readonly #max: number;
  /**
   * How much work the webRequest mapping did (tests, the benchmark): `mapped`, exchanges the
   * mapper made for a batch's requests; `stored`, those that differed from what was stored.
   */
  readonly counts = { mapped: 0, stored: 0 };

  constructor(options: { maxExchangesPerTab?: number } = {}) {
    this.#max = options.maxExchangesPerTab ?? DEFAULT_MAX_EXCHANGES_PER_TAB;
  }

  has(tabId: number): boolean {
    return this.#tabs.has(tabId);
  }

  tabIds(): number[] {
    return [...this.#tabs.keys()];
  }

  /** Start capturing a tab (its panel subscribed). Idempotent. */
  ensureTab(tabId: number): void {
    if (this.#tabs.has(tabId)) return;
    this.#tabs.set(tabId, {
      settings: { ...DEFAULT_SETTINGS },
      verdicts: new Map(),
      localNetwork: new Map(),
      unmatchedVerdicts: [],
      status: { fallback: 'none', dropped: 0 },
      exchanges: new Map(),
      live: new LiveEvents(),
      nextSeq: 0,
      jsonBytes: 0,
      uncounted: new Set(),
      pending: emptyPending(true),
    });
  }

  removeTab(tabId: number): void {
    this.#tabs.delete(tabId);
  }

  snapshot(tabId: number): { exchanges: CapturedExchange[]; settings: CaptureSettings; status: CaptureStatus } {
    const tab = this.#tab(tabId);
    return {
      exchanges: [...tab.exchanges.values()].map((stored) => stored.captured),
      settings: { ...tab.settings },
      status: { ...tab.status },
    };
  }

  /** How many bytes of JSON a full write of the tab's exchanges takes (for deciding to compact). */
  jsonBytes(tabId: number): number {
    const tab = this.#tabs.get(tabId);
    if (!tab) return 0;
    // Asked before a write, which needs the same JSON of what changed: nothing is serialised twice.
    for (const id of tab.uncounted) {
      const stored = tab.exchanges.get(id);
      if (!stored) continue;
      stored.counted = jsonOf(stored.captured).length;
      tab.jsonBytes += stored.counted;
    }
    tab.uncounted.clear();
    return tab.jsonBytes;
  }

  settings(tabId: number): CaptureSettings {
    return { ...this.#tab(tabId).settings };
  }

  status(tabId: number): CaptureStatus {
    return { ...this.#tab(tabId).status };
  }

  setSettings(tabId: number, settings: Partial<CaptureSettings>): void {
    const tab = this.#tab(tabId);
    tab.settings = { ...tab.settings, ...settings };
    tab.pending.changed = true;
  }

  setStatus(tabId: number, status: Partial<CaptureStatus>): void {
    const tab = this.#tab(tabId);
    const next: CaptureStatus = { ...tab.status, ...status };
    if ('problem' in status && status.problem === undefined) delete next.problem;
    tab.status = next;
    tab.pending.changed = true;
  }

  clear(tabId: number): void {
    const tab = this.#tab(tabId);
    this.#clearTab(tab);
  }

  /**
   * Feed raw events (any order, any tabs). Events of tabs not being captured are ignored.
   * `now` is the current time in ms since the epoch (for giving up on stale events).
   */
  ingest(events: readonly WebRequestEvent[], now: number): TabChange[] {
    const byTab = new Map<number, WebRequestEvent[]>();
    for (const event of events) {
      if (!this.#tabs.has(event.tabId)) continue;
      const list = byTab.get(event.tabId);
      if (list) list.push(event);
      else byTab.set(event.tabId, [event]);
    }
    const changes: TabChange[] = [];
    for (const [tabId, tabEvents] of byTab) {
      const tab = this.#tabs.get(tabId)!;
      const change: TabChange = { tabId, cleared: false, upserted: [], statusChanged: false };
      tabEvents.sort((a, b) => a.timeStamp - b.timeStamp);
      const touched = new Set<string>();
      const droppedBefore = tab.status.dropped;
      for (const event of tabEvents) {
        // A new document in the tab: without "Preserve log", what came before is gone, as in
        // DevTools' Network panel.
        if (startsNavigation(event.event, event.type) && !tab.settings.preserveLog) {
          this.#clearTab(tab);
          touched.clear();
          change.cleared = true;
          change.upserted = [];
        }
        const list = tab.live.get(event.requestId);
        addLive(tab, list ? withoutRepeatedHeaders(event, list) : event);
        touched.add(event.requestId);
      }
      change.upserted = this.#remap(tab, touched, now);
      change.statusChanged = tab.status.dropped !== droppedBefore;
      if (change.cleared || change.upserted.length > 0 || change.statusChanged) changes.push(change);
    }
    return changes;
  }

  /**
   * Exchanges from another capture source (DevTools' network log, the debugger): replace the one
   * with the same id, else add.
   */
  upsert(tabId: number, exchanges: readonly CapturedExchange[]): CapturedExchange[] {
    const tab = this.#tab(tabId);
    const changed: CapturedExchange[] = [];
    for (const captured of exchanges) if (this.#put(tab, captured)) changed.push(captured);
    this.#bound(tab);
    return changed;
  }

  /**
   * Chromium's own verdicts (from the debugger): each is attached to a webRequest exchange with the
   * same URL and method (see `#matchVerdicts`), now or when that exchange shows up.
   */
  addBrowserVerdicts(tabId: number, reports: readonly BrowserVerdictReport[]): CapturedExchange[] {
    const tab = this.#tab(tabId);
    tab.unmatchedVerdicts.push(...reports);
    const changed = this.#matchVerdicts(tab);
    return changed;
  }

  /**
   * Attaches waiting verdicts to exchanges with the same URL and method. Verdicts are taken in the
   * order their requests started, each to an exchange without one that started no later than it
   * (give or take `VERDICT_CLOCK_SKEW_MS`; failing that, up to `VERDICT_LATE_SKEW_MS` later, as
   * webRequest sees a request late on a loaded machine): first one whose fate fits the verdict (a
   * CORS error to a request that failed; no error to one that did not fail with `net::ERR_FAILED`,
   * the error a CORS block gives), then the nearest in time. Two identical calls, one blocked and
   * one allowed, thus each get their own verdict whichever report arrives first.
   */
  #matchVerdicts(tab: TabCapture): CapturedExchange[] {
    const changed: CapturedExchange[] = [];
    const still: BrowserVerdictReport[] = [];
    const reports = [...tab.unmatchedVerdicts].sort((a, b) => a.startedAt - b.startedAt);
    for (const report of reports) {
      let best: { stored: StoredExchange; late: boolean; rank: number; distance: number } | null = null;
      for (const stored of tab.exchanges.values()) {
        const exchange = stored.captured.exchange;
        if (tab.verdicts.has(stored.captured.id) || exchange.request.method !== report.method || exchange.hops[0]?.url !== report.url) continue;
        const startedAt = exchange.startedAt ?? 0;
        if (startedAt > report.startedAt + VERDICT_LATE_SKEW_MS || startedAt < report.startedAt - VERDICT_MATCH_WINDOW_MS) continue;
        const late = startedAt > report.startedAt + VERDICT_CLOCK_SKEW_MS;
        const rank = verdictFitRank(report.verdict, stored.captured);
        const distance = Math.abs(startedAt - report.startedAt);
        if (!best || isBetterFit({ late, rank, distance }, best)) best = { stored, late, rank, distance };
      }
      if (!best) {
        // Kept a while: the webRequest side of the same request may come in a later batch.
        still.push(report);
        continue;
      }
      tab.verdicts.set(best.stored.captured.id, report.verdict);
      if (report.localNetwork !== undefined) tab.localNetwork.set(best.stored.captured.id, report.localNetwork);
      if (this.#put(tab, best.stored.captured)) changed.push(best.stored.captured);
    }
    tab.unmatchedVerdicts = still.slice(-1000);
    return changed;
  }

  /** What changed in each tab since the last call (or `fullDeltas`), as one delta per tab. */
  takeDeltas(): Map<number, CaptureDelta> {
    const deltas = new Map<number, CaptureDelta>();
    for (const [tabId, tab] of this.#tabs) {
      const pending = tab.pending;
      if (!pending.changed) continue;
      const exchanges: CaptureDelta['exchanges'] = [];
      for (const id of pending.exchanges) {
        const stored = tab.exchanges.get(id);
        // Changed, then dropped or cleared: the floor says it is gone.
        if (stored) exchanges.push([stored.seq, stored.captured]);
      }
      const delta: CaptureDelta = {
        ...this.#meta(tab),
        exchanges,
        liveRemoved: [...pending.liveRemoved],
        liveAdded: [...pending.liveAdded.values()].flat(),
      };
      if (pending.liveCleared) delta.liveCleared = true;
      deltas.set(tabId, delta);
      tab.pending = emptyPending(false);
    }
    return deltas;
  }

  /**
   * The tab's whole capture as records that replace its log (`reset` on the first), at most
   * `perRecord` exchanges each. What was pending is in them: the next `takeDeltas` starts after.
   */
  fullDeltas(tabId: number, perRecord = EXCHANGES_PER_FULL_RECORD): CaptureDelta[] {
    const tab = this.#tab(tabId);
    const meta = this.#meta(tab);
    const all: CaptureDelta['exchanges'] = [...tab.exchanges.values()].map((stored) => [stored.seq, stored.captured]);
    const records: CaptureDelta[] = [{ reset: true, ...meta, exchanges: all.slice(0, perRecord), liveRemoved: [], liveAdded: [...tab.live.groups()].flat() }];
    for (let i = perRecord; i < all.length; i += perRecord) records.push({ ...meta, exchanges: all.slice(i, i + perRecord), liveRemoved: [], liveAdded: [] });
    tab.pending = emptyPending(false);
    return records;
  }

  /** Rebuild a tab by replaying the records `takeDeltas` and `fullDeltas` gave, in order. */
  restore(tabId: number, deltas: readonly CaptureDelta[]): void {
    const bySeq = new Map<number, CapturedExchange>();
    const live = new LiveEvents();
    let last: CaptureDelta | undefined;
    for (const delta of deltas) {
      if (delta.reset) {
        bySeq.clear();
        live.clear();
      }
      for (const [seq, captured] of delta.exchanges) bySeq.set(seq, captured);
      if (delta.liveCleared) live.clear();
      for (const id of delta.liveRemoved) live.delete(id);
      for (const event of delta.liveAdded) live.add(event);
      last = delta;
    }
    if (!last) return;
    // Exchanges leave only from the oldest end or all at once: the last floor says which are gone.
    const floor = last.floor;
    const stored: StoredExchange[] = [...bySeq]
      .filter(([seq]) => seq >= floor)
      .sort(([a], [b]) => a - b)
      .map(([seq, captured]) => {
        keep(captured);
        return { seq, captured, counted: null };
      });
    this.#tabs.set(tabId, {
      settings: { ...DEFAULT_SETTINGS, ...last.settings },
      verdicts: new Map(
        stored.flatMap((s) => (s.captured.exchange.browserVerdict !== undefined ? [[s.captured.id, s.captured.exchange.browserVerdict] as const] : [])),
      ),
      // Only precise mode sets these fields: what it said is kept for the exchanges' later updates.
      localNetwork: new Map(stored.flatMap((s) => {
        const facts = localNetworkFactsOf(s.captured.exchange);
        return facts === undefined ? [] : [[s.captured.id, facts] as const];
      })),
      unmatchedVerdicts: [],
      status: { ...last.status },
      exchanges: new Map(stored.map((s) => [s.captured.id, s])),
      live,
      nextSeq: Math.max(last.nextSeq, (stored.at(-1)?.seq ?? -1) + 1),
      jsonBytes: 0,
      uncounted: new Set(stored.map((s) => s.captured.id)),
      pending: emptyPending(false),
    });
  }

  #meta(tab: TabCapture): Pick<CaptureDelta, 'settings' | 'status' | 'nextSeq' | 'floor'> {
    const oldest = tab.exchanges.values().next();
    return { settings: { ...tab.settings }, status: { ...tab.status }, nextSeq: tab.nextSeq, floor: oldest.done ? tab.nextSeq : oldest.value.seq };
  }

  #tab(tabId: number): TabCapture {
    this.ensureTab(tabId);
    return this.#tabs.get(tabId)!;
  }

  #clearTab(tab: TabCapture): void {
    tab.exchanges.clear();
    tab.jsonBytes = 0;
    tab.uncounted.clear();
    tab.live.clear();
    tab.verdicts.clear();
    tab.localNetwork.clear();
    tab.unmatchedVerdicts = [];
    tab.status = { ...tab.status, dropped: 0 };
    tab.pending = { ...emptyPending(true), liveCleared: true };
  }

  /** Re-run the mapper on the tab's live events; return the exchanges touched (or completed) that changed. */
  #remap(tab: TabCapture, touched: Set<string>, now: number): CapturedExchange[] {
    const mapping = exchangesFromWebRequestEvents(tab.live.relevant(touched, now - ORPHAN_AFTER_MS));
    const changed: CapturedExchange[] = [];
    for (const mapped of mapping.exchanges) {
      // A final mapping is stored even when none of its events came in this batch: the batch can
      // complete it by pairing alone (a preflight's failure moving another preflight to it), and
      // its events leave the live set now, so no later batch would map it again.
      const isTouched = mapped.final || mapped.requestIds.some((id) => touched.has(id));
      if (isTouched) {
        this.counts.mapped++;
        if (this.#put(tab, mapped.captured)) {
          this.counts.stored++;
          changed.push(mapped.captured);
        }
      }
      if (mapped.final) for (const id of mapped.requestIds) removeLive(tab, id);
    }
    for (const id of mapping.ignored) removeLive(tab, id);
    // Give up on what will never complete an exchange: stale events, and preflights whose request
    // was never seen (those become exchanges of their own: what the preflight shows is still true).
    for (const id of mapping.unused) {
      const events = tab.live.get(id);
      const last = tab.live.newest(id) ?? now;
      const ended = events?.some((e) => e.event === 'onCompleted' || e.event === 'onErrorOccurred') ?? false;
      if (events && ((ended && now - last > ORPHAN_AFTER_MS) || now - last > LIVE_EVENTS_TTL_MS)) {
        const orphan = exchangesFromWebRequestEvents(events, { orphanPreflights: true });
        for (const mapped of orphan.exchanges) if (this.#put(tab, mapped.captured)) changed.push(mapped.captured);
        removeLive(tab, id);
      }
    }
    if (tab.unmatchedVerdicts.length > 0) changed.push(...this.#matchVerdicts(tab));
    this.#bound(tab);
    return [...new Map(changed.map((c) => [c.id, tab.exchanges.get(c.id)?.captured ?? c])).values()].filter((captured) => tab.exchanges.has(captured.id));
  }

  /** Store one exchange; false when it is exactly what was stored already. */
  #put(tab: TabCapture, incoming: CapturedExchange): boolean {
    let captured = incoming;
    const verdict = tab.verdicts.get(captured.id);
    if (verdict !== undefined && captured.exchange.browserVerdict === undefined) {
      captured = { ...captured, exchange: { ...captured.exchange, browserVerdict: verdict } };
    }
    const facts = tab.localNetwork.get(captured.id);
    if (facts !== undefined) captured = { ...captured, exchange: withLocalNetworkFacts(captured.exchange, facts) };
    const existing = tab.exchanges.get(captured.id);
    if (existing && sameJsonValue(existing.captured, captured)) return false;
    keep(captured);
    tab.pending.changed = true;
    tab.pending.exchanges.add(captured.id);
    tab.uncounted.add(captured.id);
    if (existing) {
      tab.jsonBytes -= existing.counted ?? 0;
      existing.captured = captured;
      existing.counted = null;
      return true;
    }
    const seq = tab.nextSeq++;
    tab.exchanges.set(captured.id, { seq, captured, counted: null });
    return true;
  }

  /** Keep the newest `max` exchanges; count the ones dropped. */
  #bound(tab: TabCapture): void {
    let excess = tab.exchanges.size - this.#max;
    if (excess <= 0) return;
    for (const [id, stored] of tab.exchanges) {
      if (excess-- <= 0) break;
      tab.exchanges.delete(id);
      tab.verdicts.delete(id);
      tab.localNetwork.delete(id);
      tab.jsonBytes -= stored.counted ?? 0;
      tab.uncounted.delete(id);
      tab.status = { ...tab.status, dropped: tab.status.dropped + 1 };
    }
    tab.pending.changed = true;
  }
}

/** Keep an in-flight event, and note it for the next delta. */
function addLive(tab: TabCapture, event: WebRequestEvent): void {
  tab.live.add(event);
  const added = tab.pending.liveAdded.get(event.requestId);
  if (added) added.push(event);
  else tab.pending.liveAdded.set(event.requestId, [event]);
  tab.pending.changed = true;
}

/** Forget a request's in-flight events; the next delta says so (and drops what it had added). */
function removeLive(tab: TabCapture, requestId: string): void {
  if (!tab.live.delete(requestId)) return;
  tab.pending.liveAdded.delete(requestId);
  tab.pending.liveRemoved.add(requestId);
  tab.pending.changed = true;
}

/**
 * Order of candidates for a verdict: any whose fate does not contradict it before one whose fate
 * does (a verdict must never explain a request it cannot be about, however well timed), then on
 * time before late, then by fate (`verdictFitRank`), then nearest.
 */
function isBetterFit(a: { late: boolean; rank: number; distance: number }, b: { late: boolean; rank: number; distance: number }): boolean {
  const aContradicts = a.rank === CONTRADICTS;
  if (aContradicts !== (b.rank === CONTRADICTS)) return !aContradicts;
  if (a.late !== b.late) return !a.late;
  return a.rank < b.rank || (a.rank === b.rank && a.distance < b.distance);
}

/**
 * How well an exchange's fate fits a verdict of the browser: 0 fits, 1 cannot tell yet (still in
 * flight), 2 contradicts. A CORS block fails the request with `net::ERR_FAILED`
 * (https://fetch.spec.whatwg.org/#concept-network-error; Chromium's error for it); a verdict
 * without a CORS error belongs to a request that completed or failed on the network.
 */
/** `verdictFitRank` of an exchange whose fate rules the verdict out. */
const CONTRADICTS = 2;

function verdictFitRank(verdict: BrowserVerdictReport['verdict'], captured: CapturedExchange): number {
  const errorText = captured.exchange.errorText;
  if (verdict !== null) {
    if (errorText !== undefined) return 0;
    return captured.pending === true ? 1 : CONTRADICTS;
  }
  if (errorText === 'net::ERR_FAILED') return CONTRADICTS;
  return captured.pending === true ? 1 : 0;
}

const RESPONSE_REPEATS = new Set(['onCompleted', 'onBeforeRedirect']);

/**
 * The same response headers come with several events of one request (`onHeadersReceived`, then
 * `onBeforeRedirect` or `onCompleted`). Keep them once: the mapper reads the first, and the store
 * keeps fewer bytes in memory and in storage.
 */
function withoutRepeatedHeaders(event: WebRequestEvent, earlier: readonly WebRequestEvent[]): WebRequestEvent {
  const headers = event.responseHeaders;
  if (headers && RESPONSE_REPEATS.has(event.event)) {
    const same = earlier.some(
      (e) => e.event === 'onHeadersReceived' && e.url === event.url && e.statusCode === event.statusCode && e.responseHeaders !== undefined && sameHeaders(e.responseHeaders, headers),
    );
    if (same) {
      const { responseHeaders: _dropped, ...rest } = event;
      return rest;
    }
  }
  return event;
}

/** The same lines in the same order (compared field by field: serialising both cost more). */
function sameHeaders(a: NonNullable<WebRequestEvent['responseHeaders']>, b: NonNullable<WebRequestEvent['responseHeaders']>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.name !== b[i]!.name || a[i]!.value !== b[i]!.value) return false;
  return true;
}
