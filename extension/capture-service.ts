// What the service worker does, without touching chrome.*: webRequest details in, exchanges out to
// the panels that subscribed, every change written to the encrypted capture log, and the capture
// read back when MV3 starts the worker again. Everything it talks to is passed in
// (`CaptureServiceDeps`), so the unit tests run it with a memory transport, a memory record store
// and a clock they move by hand; service-worker.ts passes the chrome.* versions.
//
// A tab is captured from the moment DevTools opens on it (its devtools page's port, which connects
// before any panel is shown), or from the first message a panel sends about it, for as long as
// something holds it: a panel connected about it, or the DevTools window of that tab. When the
// last holder goes (DevTools closed), the capture stops and its log is deleted, unless the user
// turned on "Keep capturing"; closing the tab always ends it. While a tab is captured, the count
// of its blocked exchanges is on the extension's badge for that tab.

import {
  CaptureStore,
  type CaptureDelta,
  type PreciseAvailability,
  type TabChange,
  eventFromDetails,
  forgetHopOrigins,
  forgetRequestedHeaderLists,
  startsNavigation,
  type WebRequestDetails,
  type WebRequestEventName,
} from '../src/capture/index.ts';
import type { CaptureMessage, CapturedExchange, CaptureTransport, PanelMessage } from '../src/ui/protocol.ts';
import { BlockedCounts } from './blocked-count.ts';
import type { CaptureLog } from './capture-log.ts';
import type { PreciseControl, PreciseModeHooks } from './precise-mode.ts';
import { Throttle, type Clock } from './throttle.ts';

export type { Clock } from './throttle.ts';

export interface CaptureServiceDeps {
  /** Adds or removes the webRequest listeners (they cost every page while registered). */
  webRequest: { setListening(on: boolean): void };
  /** The capture log, once its key is loaded; a rejection means the capture stays in memory only. */
  log: Promise<CaptureLog>;
  precise(hooks: PreciseModeHooks): PreciseControl;
  /** Whether webRequest sees the tabs' traffic (host permission); else the panel falls back. */
  hostAccess(): Promise<boolean>;
  clock: Clock;
  maxExchangesPerTab?: number;
  /** Shows a tab's count of blocked exchanges (the extension's action badge); 0 clears it. */
  showBlocked?(tabId: number, blocked: number): void;
}

/** A connection the service was handed; `disconnect` when its port closes. */
export interface Connection {
  /**
   * `closedHere`: the worker closed the port itself (a message could not be posted), and the panel
   * connects again at once to ask for a fresh snapshot. What the port held stays held for
   * HOLDER_GRACE_MS meanwhile: were the panel its only holder (no DevTools, "Keep capturing" off),
   * releasing it at once would stop the capture and delete its log before the panel is back.
   */
  disconnect(closedHere?: boolean): void;
}

/**
 * Events come one task each; waiting gathers a burst into one batch. Each batch maps again every
 * request it touched, so a request whose events span fewer batches is mapped fewer times: at
 * 20 ms a busy page's 2,000 fetches made ~1,200 batches (bench/capture-cost.ts). Far below what
 * a panel or the log waits anyway (`PANEL_DELAY_MS`, `PERSIST_DELAY_MS`).
 */
export const BATCH_DELAY_MS = 100;
/**
 * The log is written once the capture has not changed for this long (the page's burst quieted),
 * or `PERSIST_MAX_DELAY_MS` after its first unwritten change, whichever comes first. Far below
 * the 30 s after which MV3 stops an idle worker: events of a captured tab keep the worker alive,
 * and the last of them is written within this long of it.
 */
export const PERSIST_DELAY_MS = 1_000;
/**
 * However busy the page, a change is written within this long. Each write seals and stores
 * everything that changed since the last: fewer writes during a burst mean fewer requests written
 * twice (in flight, then done) and fewer IndexedDB transactions, the worker's and the browser
 * process's largest cost under a busy page (bench/capture-cost.ts).
 */
export const PERSIST_MAX_DELAY_MS = 5_000;
/**
 * Upserts reach the panels at most this often: a busy page's batches go as one message, an
 * exchange that changed twice meanwhile (in flight, then done) is cloned once, and the panel
 * re-sorts its list once per message rather than once per batch. The first after a quiet spell
 * goes at once.
 */
export const PANEL_DELAY_MS = 250;
/**
 * Once a burst has lasted this long (upserts waiting for the delay without a quiet spell), the
 * panels are sent its upserts at most every `PANEL_BURST_DELAY_MS` until it quiets: the panel's
 * page runs in the extension's process, on the cores of the page it watches, and each message is
 * a re-sort and a redraw of its list (bench/capture-cost.ts). A short burst is still shown at
 * `PANEL_DELAY_MS`. A new page (its capture cleared) is a long burst from its first delivery: its
 * load's first second is when the page, DevTools and the worker are busiest, and the panel's
 * list, just emptied, was rebuilt five times in it (at 0, 250, 500, 750 and 1,000 ms) (bench/capture-cost.ts, session 23).
 */
export const PANEL_BURST_AFTER_MS = 1_000;
export const PANEL_BURST_DELAY_MS = 1_000;
/**
 * While the panels' deliveries are paced as a long burst's, a batch waits for the next delivery
 * (which maps what is queued before it sends), up to this long: a request's events fall in fewer
 * batches, so it is mapped, stored, compared and counted for the badge fewer times (a busy page's
 * request was mapped 2.4 times at `BATCH_DELAY_MS`, 1.4-1.5 times so; 1.6 with batches of 500 ms;
 * bench/capture-cost.ts, session 25). No row reaches a panel later: each delivery maps what came
 * before it, and a batch no delivery waits for yet asks for the next one in time for it to go when
 * it may, as a batch of `BATCH_DELAY_MS` would. The log's write maps what is queued too, and counts
 * a queued event as a change (its deadline and its wait for quiet). The badge follows the batches:
 * the pace is the panels' deliveries', shared by every tab, so during one tab's long burst another
 * captured tab's badge (a tab no panel shows) can come up to a second later. A new page's first
 * event never waits (see `queueWebRequest`).
 */
const BATCH_BURST_DELAY_MS = PANEL_BURST_DELAY_MS;
/**
 * After a restart, how long a restored tab waits for its DevTools (or panel) to connect again
 * before its capture stops; and how long a panel's port the worker closed itself keeps holding its
 * tabs while the panel connects again. The pages reconnect within ~50 ms of the worker stopping;
 * this is generous for a machine under load.
 */
export const HOLDER_GRACE_MS = 10_000;
/** Exchanges per message of a snapshot: 20,000 in one message would be ~30 MB to clone at once. */
export const SNAPSHOT_CHUNK = 2_000;
/**
 * The longest panels wait for the answer to whether this build can do precise mode before they
 * are told it can (ticking the box then gets the attach's own answer): the question is a browser
 * call that has no reason to hang, but a hang must not keep the panels empty.
 */
export const PRECISE_QUESTION_MS = 1_000;
/**
 * The badge's count is shown at most this often: each showing is two `chrome.action` calls, and a
 * busy page changed its count in nearly every batch (about 90 ms of the worker's CPU per 2,000
 * fetches, bench/capture-cost.ts). The first after a quiet spell goes at once; the latest count
 * always ends up shown.
 */
export const BADGE_DELAY_MS = 250;
/** Past this many exchanges changed while a panel was hidden, it gets a fresh snapshot when shown. */
export const MISSED_LIMIT = 2_000;
/** A tab's log is rewritten whole once its records outweigh its capture twice plus this. */
export const COMPACT_SLACK_BYTES = 4 * 1024 * 1024;

const SAVE_PROBLEM = 'Could not save the capture';
const SOURCE = 'cors-inspector-capture' as const;

export class CaptureService {
  /**
   * Counters for tests, debugging and the benchmark (`self.corsInspectorStats`). `heard`: every
   * event a listener handed over, a captured tab's or not; `events`: those kept and mapped;
   * `mapped`: exchanges the mapping made for them, `stored` those that differed from what was stored
   * (an exchange mapped in several batches counts in each).
   */
  readonly stats = { heard: 0, events: 0, batches: 0, mapped: 0, stored: 0, ingestMs: 0, writes: 0, persistMs: 0, persistBytes: 0, compactions: 0, upserts: 0, upsertedExchanges: 0 };
  /** Resolves when what the log held has been read back. */
  readonly restored: Promise<void>;

  readonly #deps: CaptureServiceDeps;
  readonly #store: CaptureStore;
  readonly #precise: PreciseControl;
  /** Whether this build can do precise mode, for every snapshot: learnt before the first one. */
  #preciseAvailability: PreciseAvailability = 'available';
  /** Resolves once `#preciseAvailability` is known (or given up on after PRECISE_QUESTION_MS). */
  readonly #preciseKnown: Promise<void>;
  #log: CaptureLog | null = null;
  #storageProblem: string | null = null;
  #ready = false;
  #listening = false;
  #queue: [WebRequestEventName, WebRequestDetails][] = [];
  #flushScheduled = false;
  /** Counts the batches mapped: a batch's timer finds its batch mapped already (by a delivery) when it changed. */
  #batchCount = 0;
  /** The batch under way waits for the panels' next delivery (see `BATCH_BURST_DELAY_MS`). */
  #batchStretched = false;
  /** A delivery is mapping what is queued: the upserts it makes go with it, not with another delivery. */
  #delivering = false;
  #flushing: Promise<void> = Promise.resolve();
  /** When the unwritten changes must be written at the latest; null when nothing waits. */
  #persistDeadline: number | null = null;
  /** The latest unwritten change (the write waits for `PERSIST_DELAY_MS` of quiet after it). */
  #lastChange = 0;
  /** Counts the writes made: a timer set before the last one has nothing left to do. */
  #persistTimer = 0;
  /** Every log operation, in order: a tab's removal never overtakes a write of it. */
  #persisting: Promise<void> = Promise.resolve();
  /** Bytes appended to each tab's log since it was last written whole. */
  readonly #logBytes = new Map<number, number>();
  /** Tabs whose log missed a delta (a write failed): the next write is a whole one. */
  readonly #needsFull = new Set<number>();
  readonly #subscribers = new Map<number, Set<CaptureTransport>>();
  /** Exchanges changed since the panels' last delivery, by tab, the latest of each id. */
  readonly #outbox = new Map<number, Map<string, CapturedExchange>>();
  /**
   * Panels DevTools has hidden, per tab they subscribed to: what changed meanwhile, the latest of
   * each id, sent as one upsert when they are shown again (a hidden panel is sent no upserts); null
   * once more than MISSED_LIMIT changed, when a fresh snapshot is sent instead.
   */
  readonly #withheld = new Map<CaptureTransport, Map<number, Map<string, CapturedExchange> | null>>();
  /** Panels gone: a message of theirs still waiting for the restore is dropped. */
  readonly #closed = new WeakSet<CaptureTransport>();
  /** Each tab's last settings change still being applied (see `#handle`). */
  readonly #settingsApplied = new Map<number, Promise<void>>();
  readonly #delivery: Throttle;
  /** Tabs whose badge count changed since it was last shown (see `BADGE_DELAY_MS`). */
  readonly #badgesDue = new Set<number>();
  readonly #badges: Throttle;
  readonly #holders = new Map<number, Set<object>>();
  readonly #blocked = new BlockedCounts();

  constructor(deps: CaptureServiceDeps) {
    this.#deps = deps;
    this.#delivery = new Throttle(deps.clock, PANEL_DELAY_MS, () => this.#deliver(), { afterMs: PANEL_BURST_AFTER_MS, delayMs: PANEL_BURST_DELAY_MS });
    this.#badges = new Throttle(deps.clock, BADGE_DELAY_MS, () => this.#showBadges());
    this.#store = new CaptureStore(deps.maxExchangesPerTab === undefined ? {} : { maxExchangesPerTab: deps.maxExchangesPerTab });
    this.#precise = deps.precise({
      onVerdicts: (tabId, reports) => {
        if (!this.#store.has(tabId)) return;
        const changed = this.#store.addBrowserVerdicts(tabId, reports);
        if (changed.length === 0) return;
        this.#countBlocked(tabId, false, changed);
        this.#queueUpserts(tabId, changed);
        this.#schedulePersist();
      },
      onDetached: (tabId, reason) => {
        if (!this.#store.has(tabId)) return;
        this.#store.setSettings(tabId, { preciseMode: false });
        this.#store.setStatus(tabId, { problem: `Precise mode ended: ${reason}.` });
        this.#sendStatus(tabId);
        this.#schedulePersist();
      },
    });
    // At once, before anything is awaited: an event that woke a stopped worker must find its listener.
    this.#setListening(true);
    this.restored = this.#restore();
    // Only the panels' messages wait for it (at most PRECISE_QUESTION_MS): the capture does not.
    this.#preciseKnown = this.#learnPreciseAvailability();
  }

  tabIds(): number[] {
    return this.#store.tabIds();
  }

  /** A webRequest listener's details. Only queued: a listener must return at once. */
  queueWebRequest(name: WebRequestEventName, details: WebRequestDetails): void {
    this.stats.heard++;
    // Until the capture is read back, which tabs are captured is unknown: keep everything.
    if (details.tabId < 0 || (this.#ready && !this.#store.has(details.tabId))) return;
    this.#queue.push([name, details]);
    // A change to come: the log's write waits for the page to quiet as it would once it is mapped.
    if (this.#batchStretched) this.#lastChange = this.#deps.clock.now();
    // A new document in the tab: its mapping clears the list and announces the page's burst, whose
    // first delivery goes as soon as any first delivery would. A batch waiting for the old burst's
    // next delivery would hold that back (up to a second): the batch goes after BATCH_DELAY_MS.
    const navigation = startsNavigation(name, (details as { type?: unknown }).type);
    if (this.#flushScheduled && !(navigation && this.#batchStretched)) return;
    this.#flushScheduled = true;
    this.#scheduleBatch(navigation ? this.#unstretched() : this.#batchDelay());
  }

  /** Maps the batch under way after `delay`, unless something has mapped it before. */
  #scheduleBatch(delay: number): void {
    const batch = this.#batchCount;
    this.#deps.clock.later(delay, () => {
      // A delivery (or a shorter timer) mapped this batch meanwhile: a later event has set a timer of its own.
      if (batch !== this.#batchCount) return;
      this.#flushing = this.#flushing.then(() => this.#flush());
    });
  }

  #unstretched(): number {
    this.#batchStretched = false;
    return BATCH_DELAY_MS;
  }

  /** How long the batch just started waits (see `BATCH_DELAY_MS`, `BATCH_BURST_DELAY_MS`). */
  #batchDelay(): number {
    const next = this.#delivery.longBurstNext();
    this.#batchStretched = next !== null;
    if (next === null) return BATCH_DELAY_MS;
    // A change to come: the write's deadline counts from the first event waiting, and the write
    // waits for the page to quiet, as they would from a shorter batch's changes.
    this.#schedulePersist();
    // A delivery scheduled maps the batch itself; else the batch asks for the next delivery in time
    // for it to go when it may, as a batch of BATCH_DELAY_MS would (a request after that time would
    // go at once and start a new burst, at the short pace).
    const until = next.at - this.#deps.clock.now() - (next.scheduled ? 0 : BATCH_DELAY_MS);
    return Math.min(BATCH_BURST_DELAY_MS, Math.max(BATCH_DELAY_MS, until));
  }

  /** A panel's port: its messages start and steer the capture of the tabs they name. */
  connectPanel(transport: CaptureTransport): Connection {
    const tabs = new Set<number>();
    const holder = {};
    const stop = transport.listen((message) => {
      tabs.add(message.tabId);
      this.#hold(message.tabId, holder);
      void this.#handle(transport, message);
    });
    return {
      disconnect: (closedHere = false) => {
        stop();
        this.#closed.add(transport);
        this.#withheld.delete(transport);
        for (const tabId of tabs) {
          this.#subscribers.get(tabId)?.delete(transport);
          if (closedHere) this.#deps.clock.later(HOLDER_GRACE_MS, () => this.#release(tabId, holder));
          else this.#release(tabId, holder);
        }
      },
    };
  }

  /**
   * The devtools page of a DevTools window inspecting `tabId`: DevTools opened on the tab, so its
   * capture starts now, CORS panel shown or not; it holds the capture while open.
   */
  connectDevtools(tabId: number): Connection {
    const holder = {};
    this.#hold(tabId, holder);
    void this.restored.then(() => {
      // Closed again before the capture was read back: nothing to start.
      if (this.#holders.get(tabId)?.has(holder) !== true) return;
      this.#startCapture(tabId);
      this.#schedulePersist();
    });
    return { disconnect: () => this.#release(tabId, holder) };
  }

  async tabClosed(tabId: number): Promise<void> {
    await this.restored;
    if (this.#store.has(tabId)) this.#stop(tabId);
  }

  /**
   * Everything queued so far has been ingested, and every write started so far is done (tests, and
   * the worker's console). A write still waiting for its delay (`PERSIST_DELAY_MS`) is not waited
   * for: the tests move the clock that fires it themselves.
   */
  async settled(): Promise<void> {
    await this.restored;
    await this.#flushing;
    await this.#persisting;
  }

  /**
   * As `settled`, and a write waiting for its delay is made now: the log holds everything ingested
   * (`npm start`'s HAR of the demo, read from the log right after the traffic).
   */
  async written(): Promise<void> {
    await this.restored;
    await this.#flushing;
    // A batch still waiting for its timer is written too.
    if (this.#persistDeadline !== null || this.#queue.length > 0) this.#writePending();
    await this.#persisting;
  }

  /** What the log holds for a tab, read back from storage: proof that it survives a restart. */
  async readStored(tabId: number): Promise<ReturnType<CaptureStore['snapshot']> | null> {
    await this.restored;
    if (!this.#log) return null;
    const deltas = (await this.#log.readAll()).tabs.get(tabId);
    if (!deltas) return null;
    const scratch = new CaptureStore();
    scratch.restore(tabId, deltas);
    return scratch.has(tabId) ? scratch.snapshot(tabId) : null;
  }

  // ---- Panels -------------------------------------------------------------------------------

  async #handle(transport: CaptureTransport, message: PanelMessage): Promise<void> {
    await this.restored;
    // Every snapshot says whether the box can be ticked: the panel shows it disabled until then.
    await this.#preciseKnown;
    // The panel closed while the capture was read back: it would be subscribed, and sent to, for ever.
    if (this.#closed.has(transport)) return;
    const { tabId } = message;
    // A message about a tab starts its capture (the panel is open on it), if DevTools did not.
    this.#startCapture(tabId);
    switch (message.type) {
      case 'subscribe':
        await this.#subscribe(transport, tabId);
        break;
      case 'clear':
        this.#store.clear(tabId);
        this.#countBlocked(tabId, true, []);
        this.#sendCleared(tabId);
        this.#sendStatus(tabId);
        break;
      case 'set-settings': {
        // One tab's settings changes apply in the order they came: a precise mode turned on, then
        // off while the debugger was still attaching, must end off (its attach awaited first).
        const before = this.#settingsApplied.get(tabId) ?? Promise.resolve();
        const applied = before.catch(() => undefined).then(() => this.#setSettings(tabId, message.settings));
        this.#settingsApplied.set(tabId, applied);
        await applied;
        if (this.#settingsApplied.get(tabId) === applied) this.#settingsApplied.delete(tabId);
        break;
      }
      case 'visibility':
        this.#setShown(transport, tabId, message.shown);
        return;
      default:
        assertNever(message);
    }
    this.#schedulePersist();
  }

  async #subscribe(transport: CaptureTransport, tabId: number): Promise<void> {
    let set = this.#subscribers.get(tabId);
    if (!set) this.#subscribers.set(tabId, (set = new Set()));
    set.add(transport);
    // The snapshot below has everything: nothing to catch up on later.
    const withheld = this.#withheld.get(transport);
    if (withheld?.has(tabId) === true) withheld.set(tabId, new Map());
    const fallback = (await this.#deps.hostAccess()) ? 'none' : 'devtools-network';
    // The panel may have gone, and the capture with it, while the permission was looked up.
    if (!this.#store.has(tabId) || !set.has(transport)) return;
    if (this.#store.status(tabId).fallback !== fallback) this.#store.setStatus(tabId, { fallback });
    if (this.#storageProblem !== null && this.#store.status(tabId).problem === undefined) this.#store.setStatus(tabId, { problem: this.#storageProblem });
    this.#sendSnapshot(transport, tabId);
  }

  /** Everything the tab's capture holds, replacing what the panel had. */
  #sendSnapshot(transport: CaptureTransport, tabId: number): void {
    const { exchanges, settings, status } = this.#store.snapshot(tabId);
    const more = exchanges.length > SNAPSHOT_CHUNK;
    const preciseAvailability = this.#preciseAvailability;
    transport.send({ source: SOURCE, type: 'snapshot', tabId, exchanges: exchanges.slice(0, SNAPSHOT_CHUNK), settings, status, preciseAvailability, ...(more ? { more } : {}) });
    // The rest as upserts, every one but the last marked `more`: the panel applies them as one snapshot.
    if (more) this.#sendUpserts([transport], tabId, exchanges.slice(SNAPSHOT_CHUNK), true);
  }

  async #setSettings(tabId: number, settings: Extract<PanelMessage, { type: 'set-settings' }>['settings']): Promise<void> {
    const { preserveLog, preciseMode, keepCapturing } = settings;
    if (preserveLog !== undefined) this.#store.setSettings(tabId, { preserveLog });
    if (keepCapturing !== undefined) this.#store.setSettings(tabId, { keepCapturing });
    if (preciseMode !== undefined) {
      // An attach that throws (its permission question failing) is a problem to show, not a lost message.
      const problem = preciseMode ? await this.#attachPrecise(tabId) : await this.#precise.detach(tabId).then(() => null);
      if (!this.#store.has(tabId)) return;
      this.#store.setSettings(tabId, { preciseMode: preciseMode && problem === null });
      this.#store.setStatus(tabId, { problem: problem ?? undefined });
    }
    this.#sendStatus(tabId);
  }

  /** DevTools showed or hid a panel: hidden, it is sent no upserts; shown, what it missed. */
  #setShown(transport: CaptureTransport, tabId: number, shown: boolean): void {
    let tabs = this.#withheld.get(transport);
    if (!shown) {
      if (!tabs) this.#withheld.set(transport, (tabs = new Map()));
      if (!tabs.has(tabId)) tabs.set(tabId, new Map());
      return;
    }
    const missed = tabs?.get(tabId);
    if (!tabs || missed === undefined) return;
    tabs.delete(tabId);
    if (tabs.size === 0) this.#withheld.delete(transport);
    if (this.#subscribers.get(tabId)?.has(transport) !== true || !this.#store.has(tabId)) return;
    // Older than anything still in the outbox, which goes to this panel too with the next delivery.
    if (missed === null) this.#sendSnapshot(transport, tabId);
    else if (missed.size > 0) this.#sendUpserts([transport], tabId, [...missed.values()]);
  }

  #sendUpserts(transports: readonly CaptureTransport[], tabId: number, exchanges: readonly CapturedExchange[], endSnapshot = false): void {
    for (let i = 0; i < exchanges.length; i += SNAPSHOT_CHUNK) {
      const more = endSnapshot && i + SNAPSHOT_CHUNK < exchanges.length;
      const message: CaptureMessage = { source: SOURCE, type: 'upsert', tabId, exchanges: exchanges.slice(i, i + SNAPSHOT_CHUNK), ...(more ? { more } : {}) };
      for (const transport of transports) transport.send(message);
      this.stats.upserts += transports.length;
      this.stats.upsertedExchanges += transports.length * message.exchanges.length;
    }
  }

  #sendTo(tabId: number, message: CaptureMessage): void {
    for (const transport of this.#subscribers.get(tabId) ?? []) transport.send(message);
  }

  /** The tab's capture starts over: what was waiting for the panels is obsolete. */
  #sendCleared(tabId: number): void {
    this.#outbox.delete(tabId);
    for (const tabs of this.#withheld.values()) tabs.get(tabId)?.clear(); // a snapshot due stays due
    this.#sendTo(tabId, { source: SOURCE, type: 'cleared', tabId });
  }

  /** Changed exchanges for the tab's panels, delivered by `#deliver` (see `PANEL_DELAY_MS`). */
  #queueUpserts(tabId: number, exchanges: readonly CapturedExchange[]): void {
    // No panel: nothing to tell (a panel that subscribes later gets a snapshot).
    if ((this.#subscribers.get(tabId)?.size ?? 0) === 0) return;
    let box = this.#outbox.get(tabId);
    if (!box) this.#outbox.set(tabId, (box = new Map()));
    for (const captured of exchanges) box.set(captured.id, captured);
    if (!this.#delivering) this.#delivery.request();
  }

  #deliver(): void {
    // What came since the last batch goes now too (see BATCH_BURST_DELAY_MS); before the capture
    // is read back, the batch's own timer maps it.
    if (this.#ready && this.#queue.length > 0) {
      this.#delivering = true;
      try {
        this.#ingestQueued();
      } finally {
        this.#delivering = false;
      }
    }
    for (const [tabId, box] of this.#outbox) {
      const shown: CaptureTransport[] = [];
      for (const transport of this.#subscribers.get(tabId) ?? []) {
        const withheld = this.#withheld.get(transport);
        const missed = withheld?.get(tabId);
        if (missed === undefined) shown.push(transport);
        else if (missed !== null) {
          for (const [id, captured] of box) missed.set(id, captured);
          // A panel hidden for long behind a busy page: not an ever-growing copy of the capture.
          if (missed.size > MISSED_LIMIT) withheld!.set(tabId, null);
        }
      }
      if (shown.length > 0) this.#sendUpserts(shown, tabId, [...box.values()]);
    }
    this.#outbox.clear();
  }

  #sendStatus(tabId: number): void {
    this.#sendTo(tabId, { source: SOURCE, type: 'status', tabId, settings: this.#store.settings(tabId), status: this.#store.status(tabId) });
  }

  #publish(changes: readonly TabChange[]): void {
    for (const { tabId, cleared, upserted, statusChanged } of changes) {
      this.#countBlocked(tabId, cleared, upserted);
      if (cleared) {
        this.#sendCleared(tabId);
        // A new page: its load is the burst. The panel's list was just emptied and refills from
        // the first delivery (as soon as any first delivery goes: at once, or PANEL_DELAY_MS after
        // the last); the rest at the burst's pace (PANEL_BURST_DELAY_MS). The delivery serves every
        // tab: a tab no panel shows (Keep capturing) announces nothing, so as not to slow the
        // panels of the others.
        if ((this.#subscribers.get(tabId)?.size ?? 0) > 0) this.#delivery.longBurst();
      }
      if (upserted.length > 0) this.#queueUpserts(tabId, upserted);
      if (statusChanged) this.#sendStatus(tabId);
    }
    if (changes.length > 0) this.#schedulePersist();
  }

  // ---- Who holds a tab's capture ------------------------------------------------------------

  #hold(tabId: number, holder: object): void {
    let set = this.#holders.get(tabId);
    if (!set) this.#holders.set(tabId, (set = new Set()));
    set.add(holder);
  }

  #release(tabId: number, holder: object): void {
    this.#holders.get(tabId)?.delete(holder);
    void this.restored.then(() => this.#stopIfUnheld(tabId));
  }

  #stopIfUnheld(tabId: number): void {
    if (!this.#store.has(tabId) || (this.#holders.get(tabId)?.size ?? 0) > 0) return;
    if (this.#store.settings(tabId).keepCapturing === true) return;
    this.#stop(tabId);
  }

  /** The capture of the tab starts, unless it runs already: webRequest sees its traffic from now on. */
  #startCapture(tabId: number): void {
    if (!this.#store.has(tabId)) {
      this.#store.ensureTab(tabId);
      this.#store.setStatus(tabId, { capturingSince: this.#deps.clock.now() });
    }
    this.#setListening(true);
  }

  /**
   * Keeps the tab's badge count: the tab's exchanges were cleared (then `upserted` came), or
   * `upserted` were added or replaced. Only the changed exchanges' verdicts are worked out. An
   * exchange the tab's bound later drops stays counted: the page's request was blocked all the same.
   */
  #countBlocked(tabId: number, cleared: boolean, upserted: readonly CapturedExchange[]): void {
    let changed = cleared && this.#blocked.forget(tabId);
    if (upserted.length > 0) changed = this.#blocked.update(tabId, upserted) || changed;
    if (!changed || !this.#deps.showBlocked) return;
    this.#badgesDue.add(tabId);
    this.#badges.request();
  }

  /** Shows the latest count of each tab whose count changed (a tab no longer captured was cleared by `#stop`). */
  #showBadges(): void {
    for (const tabId of this.#badgesDue) if (this.#store.has(tabId)) this.#deps.showBlocked?.(tabId, this.#blocked.count(tabId));
    this.#badgesDue.clear();
  }

  /** The capture of the tab ends: forgotten in memory and in the log. */
  #stop(tabId: number): void {
    this.#store.removeTab(tabId);
    this.#badgesDue.delete(tabId);
    if (this.#blocked.forget(tabId)) this.#deps.showBlocked?.(tabId, 0);
    this.#subscribers.delete(tabId);
    this.#outbox.delete(tabId);
    for (const tabs of this.#withheld.values()) tabs.delete(tabId);
    this.#holders.delete(tabId);
    this.#logBytes.delete(tabId);
    this.#needsFull.delete(tabId);
    if (this.#store.tabIds().length === 0) {
      this.#setListening(false);
      forgetHopOrigins();
      forgetRequestedHeaderLists();
    }
    void this.#precise.detach(tabId);
    const log = this.#log;
    if (log) this.#persisting = this.#persisting.then(() => log.remove(tabId)).catch(() => undefined);
  }

  #setListening(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    this.#deps.webRequest.setListening(on);
  }

  // ---- Capture ------------------------------------------------------------------------------

  async #flush(): Promise<void> {
    await this.restored;
    this.#ingestQueued();
  }

  /** Maps what is queued, and tells the panels, the badge and the log. Only once the capture is read back. */
  #ingestQueued(): void {
    this.#flushScheduled = false;
    this.#batchStretched = false;
    this.#batchCount++;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const started = this.#deps.clock.now();
    const changes = this.#store.ingest(
      batch.map(([name, details]) => eventFromDetails(name, details)),
      started,
    );
    this.stats.events += batch.length;
    this.stats.batches++;
    this.stats.mapped = this.#store.counts.mapped;
    this.stats.stored = this.#store.counts.stored;
    this.stats.ingestMs += this.#deps.clock.now() - started;
    this.#publish(changes);
  }

  // ---- The log ------------------------------------------------------------------------------

  #schedulePersist(): void {
    const now = this.#deps.clock.now();
    this.#lastChange = now;
    // A timer is set already: when it fires it looks at the latest change.
    if (this.#persistDeadline !== null) return;
    this.#persistDeadline = now + PERSIST_MAX_DELAY_MS;
    this.#persistAfter(PERSIST_DELAY_MS);
  }

  /** Writes after `ms`, unless the capture changed meanwhile and the deadline is not yet reached. */
  #persistAfter(ms: number): void {
    const timer = this.#persistTimer;
    this.#deps.clock.later(ms, () => {
      // Written early (`written`) meanwhile: a later change has set a timer of its own.
      if (timer !== this.#persistTimer) return;
      const due = Math.min(this.#lastChange + PERSIST_DELAY_MS, this.#persistDeadline ?? Infinity);
      const wait = due - this.#deps.clock.now();
      // The clock is the wall clock (timers are not): a wait longer than any this timer sets means
      // it stepped back meanwhile, and waiting for it would leave the capture unwritten that long.
      if (wait > 0 && wait <= PERSIST_MAX_DELAY_MS) {
        this.#persistAfter(wait);
        return;
      }
      this.#writePending();
    });
  }

  #writePending(): void {
    // What is queued is written too (a batch may wait up to BATCH_BURST_DELAY_MS).
    if (this.#ready && this.#queue.length > 0) this.#ingestQueued();
    this.#persistTimer++;
    this.#persistDeadline = null;
    this.#persisting = this.#persisting.then(() => this.#persist());
  }

  async #persist(): Promise<void> {
    const log = this.#log;
    if (!log) return;
    // What to write is decided now, in one go; the writes then run in order.
    const writes: { tabId: number; whole: boolean; records: CaptureDelta[] }[] = [];
    for (const [tabId, delta] of this.#store.takeDeltas()) {
      const whole = this.#needsFull.has(tabId) || (this.#logBytes.get(tabId) ?? 0) > 2 * this.#store.jsonBytes(tabId) + COMPACT_SLACK_BYTES;
      writes.push({ tabId, whole, records: whole ? this.#store.fullDeltas(tabId) : [delta] });
    }
    if (writes.length === 0) return;
    const started = this.#deps.clock.now();
    this.stats.writes++;
    for (const { tabId, whole, records } of writes) {
      try {
        const bytes = whole ? await log.replace(tabId, records) : await log.append(tabId, records[0]!);
        this.stats.persistBytes += bytes;
        if (whole) this.stats.compactions++;
        this.#logBytes.set(tabId, (whole ? 0 : (this.#logBytes.get(tabId) ?? 0)) + bytes);
        this.#needsFull.delete(tabId);
        if (this.#store.has(tabId) && this.#store.status(tabId).problem?.startsWith(SAVE_PROBLEM)) {
          this.#store.setStatus(tabId, { problem: undefined });
          this.#sendStatus(tabId);
        }
      } catch (error) {
        // The log now lacks this delta: the next write of the tab rewrites it whole.
        this.#needsFull.add(tabId);
        if (!this.#store.has(tabId)) continue;
        this.#store.setStatus(tabId, { problem: `${SAVE_PROBLEM} (${String(error)}); it is kept in memory only.` });
        this.#sendStatus(tabId);
      }
    }
    this.stats.persistMs += this.#deps.clock.now() - started;
  }

  async #restore(): Promise<void> {
    try {
      const log = await this.#deps.log;
      const { tabs, bytes } = await log.readAll();
      this.#log = log;
      for (const [tabId, deltas] of tabs) {
        this.#store.restore(tabId, deltas);
        if (!this.#store.has(tabId)) continue;
        // The badge kept its count through the restart; the count is rebuilt to go on from it.
        this.#blocked.update(tabId, this.#store.snapshot(tabId).exchanges);
        this.#logBytes.set(tabId, bytes.get(tabId) ?? 0);
        const settings = this.#store.settings(tabId);
        // The debugger attachment may outlive the worker, its event listener does not: attach again.
        if (settings.preciseMode) void this.#reattach(tabId);
        // Its DevTools reconnects at once if it is still open; if not, the capture ends.
        if (settings.keepCapturing !== true) this.#deps.clock.later(HOLDER_GRACE_MS, () => this.#stopIfUnheld(tabId));
      }
    } catch (error) {
      this.#storageProblem = `Could not open the capture storage (${String(error)}); the capture is kept in memory only.`;
    } finally {
      this.#ready = true;
      if (this.#store.tabIds().length === 0) this.#setListening(false);
    }
  }

  /**
   * Asked once: the permission behind it is granted at install, for the worker's life. Should the
   * question fail, or go unanswered for PRECISE_QUESTION_MS, the box is offered, and ticking it
   * gets the attach's own answer.
   */
  async #learnPreciseAvailability(): Promise<void> {
    const unanswered = new Promise<PreciseAvailability>((resolve) => this.#deps.clock.later(PRECISE_QUESTION_MS, () => resolve('available')));
    const answered = this.#precise.availability().catch((): PreciseAvailability => 'available');
    this.#preciseAvailability = await Promise.race([answered, unanswered]);
    // An answer after the bound still counts, for the snapshots sent from then on.
    void answered.then((availability) => (this.#preciseAvailability = availability));
  }

  /** Attach precise mode to the tab: null, or the problem, also when the attach throws. */
  #attachPrecise(tabId: number): Promise<string | null> {
    return this.#precise.attach(tabId).catch((error: unknown) => `Could not turn precise mode on: ${error instanceof Error ? error.message : String(error)}`);
  }

  async #reattach(tabId: number): Promise<void> {
    const problem = await this.#attachPrecise(tabId);
    if (problem === null || !this.#store.has(tabId)) return;
    this.#store.setSettings(tabId, { preciseMode: false });
    this.#store.setStatus(tabId, { problem });
    this.#sendStatus(tabId);
  }
}

function assertNever(message: never): never {
  throw new Error(`unhandled panel message ${JSON.stringify(message)}`);
}
