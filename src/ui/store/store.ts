// The panel's state: the exchanges of one tab as the capture side reports them, the settings and
// status it reports, and what the person chose (order, filters, selection). Pure: no DOM, no
// transport. The panel feeds it `CaptureMessage`s and reads `visible()`.

import { DEFAULT_SETTINGS } from '../../capture/index.ts';
import type { Cause, VerdictChange, BundleDiagnosis } from '../../export/index.ts';
import type { PanelBrowser } from '../engine.ts';
import type { CaptureMessage, CaptureSettings, CaptureStatus, CapturedExchange, PreciseAvailability } from '../protocol.ts';
import { headerBlocks, makeEntry, type ExchangeEntry } from './entry.ts';
import type { NoteTarget, PanelNote } from './notes.ts';
import { mergeSorted } from './merge-sorted.ts';
import { compareEntries, sortEntries, type Classify, type SortOrder } from './order.ts';
import { filterEntries, filtersActive, NO_FILTERS, reasonKeys, type CauseKey, type Filters } from './row-filter.ts';
import { sameJson } from './same-json.ts';
import { plural } from '../format.ts';

/** Where an imported exchange came from, and what the exporter's engine said about it. */
interface ImportOrigin {
  fileName: string;
  kind: 'bundle' | 'har';
  /** The exporter's verdict (bundles only; a HAR carries none). */
  exported: BundleDiagnosis | null;
  /** The rules this panel judges and words it by (`share/import-rules.ts`). */
  rules: PanelBrowser;
  /** The rules the exporter judged `exported` by; null for a HAR. */
  exporterRules: PanelBrowser | null;
  /** The browser that sent it, as the file says (`share/import-rules.ts` `importSender`), whatever rules judge it here. */
  sentBy: PanelBrowser;
  /** Set when this engine reaches another verdict than the exporter's. */
  verdictChange: VerdictChange | null;
  /** This engine could not diagnose the exchange. */
  engineError?: string;
}

/** One file's worth of exchanges, read and checked (see `share/read-import.ts`). */
export interface ImportBatch {
  fileName: string;
  kind: 'bundle' | 'har';
  exchanges: { captured: CapturedExchange; notes: PanelNote[]; origin: ImportOrigin }[];
  /** One line for the person: "3 exchanges from team.json (1 verdict differs)". */
  summary: string;
}

/**
 * What makes two imported exchanges the same request: the id the file gave it (the capture's, or
 * a HAR entry's place), when it started, its method and URL. `fileId` is the id without the
 * prefix this store gave it.
 */
function importKey(captured: CapturedExchange, fileId: string): string {
  const { exchange } = captured;
  return JSON.stringify([fileId, exchange.startedAt ?? null, exchange.request.method, exchange.hops[0]?.url ?? null]);
}

/** The import area's state: nothing, reading a file, the last import's outcome. */
type ImportStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; fileName: string; loadedBytes: number; totalBytes: number }
  | { kind: 'done'; message: string }
  | { kind: 'error'; fileName: string; message: string };

interface NoteInit {
  text: string;
  target: NoteTarget;
  author?: { name: string };
}

/** What "Select all failures" picks: the CORS blocks and the network errors. */
const FAILURES: ReadonlySet<string> = new Set(['blocked', 'network-error']);

export interface PanelState {
  tabId: number;
  /** A snapshot has arrived: before it, the panel does not know what was captured. */
  connected: boolean;
  settings: CaptureSettings;
  status: CaptureStatus;
  /**
   * Whether the capture side's build can do precise mode, from its snapshot. Until one came
   * (`connected` false) this is only a default: the box is shown disabled then.
   */
  preciseAvailability: PreciseAvailability;
  order: SortOrder;
  filters: Filters;
  selectedId: string | null;
  /** The detail pane shows the selected exchange. */
  detailOpen: boolean;
  /** Number of exchanges held (not only the visible ones). */
  total: number;
  /** Changes whenever any exchange is added, updated or removed. */
  exchangesRevision: number;
  /** Exchanges picked for export (checkboxes, Ctrl/Shift-click), independent of `selectedId`. */
  checkedIds: ReadonlySet<string>;
  /** Where the last plain toggle happened: a Shift-click checks the range from here. */
  checkAnchor: string | null;
  /** Changes whenever a note is added or removed. */
  notesRevision: number;
  importStatus: ImportStatus;
  /**
   * The page in the tab started loading before the capture began (its first requests were not
   * seen), or after; null until the capture side says.
   */
  pageLoadedBeforeCapture: boolean | null;
  /**
   * Since when the list holds what the capture saw, which the empty list says: the panel's opening
   * ('opened'), the user's Clear ('cleared'), or a new page's load that started the capture over
   * ('page-loaded', Preserve log off).
   */
  listSince: ListSince;
}

export type ListSince = 'opened' | 'cleared' | 'page-loaded';

/** Failures of one cause (`causeOf`): the panel's group summary. */
export interface PanelCauseGroup {
  cause: Cause<string | null>;
  count: number;
  /** Its first exchange in arrival order: the groups are sorted by it (the title is worded from the key). */
  first: ExchangeEntry;
  /**
   * Where its fixes go, server by server with how many requests each, first seen first: the cause's
   * API origin, or a redirect's target whose answer was refused (`PanelStoreOptions.fixOrigin`).
   */
  fixOn: ReadonlyMap<string, number>;
}

/** A group as the store keeps it up to date (a copy is handed out). */
type LiveCauseGroup = PanelCauseGroup & { fixOn: Map<string, number> };

/** Under which cause, and for which server's fix, an entry is counted. */
interface CountedAs {
  key: string;
  fixOrigin: string;
}

type SelectionMove = 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up';

export interface PanelStore {
  getState(): PanelState;
  /** Returns a function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** Applies a message from the capture side; messages about another tab are ignored. */
  apply(message: CaptureMessage): void;
  /** The exchanges to list, sorted and filtered. The same array until something it depends on changes. */
  visible(): readonly ExchangeEntry[];
  get(id: string): ExchangeEntry | undefined;
  /** Position of an exchange in `visible()`, or -1 when filtered out or unknown. */
  indexOf(id: string): number;
  setOrder(order: SortOrder): void;
  setFilters(filters: Partial<Filters>): void;
  /** The person changed a setting; shown at once, until the capture side reports otherwise. */
  setSettings(settings: Partial<CaptureSettings>): void;
  /** Empties the list now, without waiting for the capture side's `cleared`. */
  clear(): void;
  select(id: string | null): void;
  /** Moves the selection within the visible list; `pageSize` rows for page moves. */
  moveSelection(move: SelectionMove, pageSize?: number): void;
  openDetail(): void;
  closeDetail(): void;
  /**
   * Works out ahead of the search the reasons of up to `budget` exchanges it has not asked for yet
   * (the engine's work a first search would otherwise do between two keystrokes); returns whether
   * some remain.
   */
  warmSearch(budget: number): boolean;
  /** Tells the store that `classify` would now answer differently (e.g. the engine changed). */
  invalidateClassification(): void;
  /**
   * Every held failure grouped by cause, most requests first, then the first seen first. The same
   * array until the exchanges or the classification change; empty without a `cause` option.
   */
  causeGroups(): readonly PanelCauseGroup[];

  /** Checks or unchecks one exchange for export; it becomes the anchor of a later range. */
  toggleChecked(id: string): void;
  /** Checks every visible exchange from the anchor (or the selected one) to `id`, inclusive. */
  checkRange(id: string): void;
  /** Checks every visible exchange that failed (blocked or network error), keeping other checks. */
  checkFailures(): void;
  uncheckAll(): void;
  /** The exchanges an export is about: the checked ones, in time order. */
  checkedEntries(): ExchangeEntry[];

  notesOf(id: string): readonly PanelNote[];
  /** Adds a note; returns it, or null when the exchange is unknown or the text blank. */
  addNote(exchangeId: string, note: NoteInit, createdAt?: Date): PanelNote | null;
  removeNote(exchangeId: string, noteId: string): void;

  /** Adds the exchanges of an imported file, kept apart from the capture (a snapshot keeps them). */
  addImport(batch: ImportBatch): void;
  /** Progress and failures of an import; a failure changes nothing else. */
  setImportStatus(status: ImportStatus): void;
  importOrigin(id: string): ImportOrigin | undefined;
}

export interface PanelStoreOptions {
  tabId: number;
  classify: Classify;
  /** The reason a row shows (its headline), for the search box to match; none when absent. */
  reason?: (entry: ExchangeEntry) => string;
  /** The cause of a failed exchange, for the group summary and its filter; asked once per entry. */
  cause?: (entry: ExchangeEntry) => Cause<string | null> | null;
  /** Where a failed exchange's fix goes, when not its cause's API origin (null: that origin). */
  fixOrigin?: (entry: ExchangeEntry) => string | null;
  order?: SortOrder;
}

const DEFAULT_STATUS: CaptureStatus = { fallback: 'none', dropped: 0 };

export function createPanelStore(options: PanelStoreOptions): PanelStore {
  const { classify } = options;
  const reasonKey = options.reason ? reasonKeys(options.reason) : undefined;
  let causeMemo = new WeakMap<ExchangeEntry, Cause<string | null> | null>();
  const causeOfEntry = (entry: ExchangeEntry): Cause<string | null> | null => {
    if (!options.cause) return null;
    let cause = causeMemo.get(entry);
    if (cause === undefined) causeMemo.set(entry, (cause = options.cause(entry)));
    return cause;
  };
  const causeKey: CauseKey = (entry) => causeOfEntry(entry)?.key ?? null;
  /**
   * The failures grouped by cause, kept up to date with the change log: `counted` says under which
   * cause an entry is counted; `groups` are the live counts, `value` the sorted copy handed out.
   */
  let groupsMemo: {
    classification: number;
    generation: number;
    position: number;
    groups: Map<string, LiveCauseGroup>;
    counted: WeakMap<ExchangeEntry, CountedAs>;
    value: PanelCauseGroup[];
  } | null = null;
  let blocks = headerBlocks();
  /** Entries whose reason the search has not asked for yet (`warmSearch`). */
  let unwarmed: ExchangeEntry[] = [];
  const entries = new Map<string, ExchangeEntry>();
  let nextSeq = 0;
  // What changed among the held entries, for the sorted list and the cause groups to catch up on
  // rather than start afresh: every entry added, replaced (the old one) or dropped since the log
  // began. A new generation (a snapshot, a clear, a log as long as the list) makes them start afresh.
  const changeLog: ExchangeEntry[] = [];
  let generation = 0;
  const touch = (entry: ExchangeEntry): void => {
    changeLog.push(entry);
  };
  const touchAll = (): void => {
    generation++;
    changeLog.length = 0;
  };
  let state: PanelState = {
    tabId: options.tabId,
    connected: false,
    settings: DEFAULT_SETTINGS,
    status: DEFAULT_STATUS,
    preciseAvailability: 'available',
    order: options.order ?? 'failures-first',
    filters: NO_FILTERS,
    selectedId: null,
    detailOpen: false,
    total: 0,
    exchangesRevision: 0,
    checkedIds: new Set(),
    checkAnchor: null,
    notesRevision: 0,
    importStatus: { kind: 'idle' },
    pageLoadedBeforeCapture: null,
    listSince: 'opened',
  };
  const notes = new Map<string, PanelNote[]>();
  const origins = new Map<string, ImportOrigin>();
  let noteCounter = 0;
  let importCounter = 0;
  let classificationRevision = 0;
  const listeners = new Set<() => void>();
  /** A snapshot whose parts are still coming (`more`): applied whole when its last part arrives. */
  let pendingSnapshot: Extract<CaptureMessage, { type: 'snapshot' }> | null = null;
  const sortedGroups = (groups: Map<string, LiveCauseGroup>): PanelCauseGroup[] =>
    [...groups.values()].map((group) => ({ ...group, fixOn: new Map(group.fixOn) })).sort((a, b) => b.count - a.count || a.first.seq - b.first.seq);

  // Two memo levels: sorting is redone only when the exchanges or the order change (and then only
  // for the entries that changed); a keystroke in the search box only re-filters the sorted list.
  let sortedMemo: { key: string; generation: number; position: number; value: ExchangeEntry[] } | null = null;
  /** The last step of the sorted list that merged changes in: how the filtered lists follow it. */
  let sortStep: { from: ExchangeEntry[]; to: ExchangeEntry[]; dropped: ReadonlySet<ExchangeEntry>; added: readonly ExchangeEntry[] } | null = null;
  let visibleMemo: { sorted: ExchangeEntry[]; filters: Filters; value: readonly ExchangeEntry[] } | null = null;
  let indexMemo: { list: readonly ExchangeEntry[]; entry: ExchangeEntry; index: number } | null = null;

  function set(patch: Partial<PanelState>): void {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  }

  /**
   * Adds or replaces exchanges; returns how many changed. One sent again unchanged keeps its entry
   * (a snapshot after the worker restarted: `dropped` holds the entries it replaces), so nothing
   * worked out for it is worked out again.
   */
  function upsert(list: readonly CapturedExchange[], dropped?: ReadonlyMap<string, ExchangeEntry>): number {
    let changed = 0;
    for (const captured of list) {
      const previous = entries.get(captured.id);
      const earlier = dropped?.get(captured.id);
      if (previous === undefined && earlier !== undefined && earlier.seq === nextSeq && sameJson(earlier.captured, captured)) {
        nextSeq++;
        entries.set(captured.id, earlier);
        touch(earlier);
        changed++;
        // Still to be warmed if it was not yet (a reason worked out already is not worked out again).
        if (reasonKey && !captured.pending) unwarmed.push(earlier);
        continue;
      }
      if (previous !== undefined && sameJson(previous.captured, captured)) continue;
      const entry = makeEntry(captured, (previous?.version ?? 0) + 1, previous?.seq ?? nextSeq++, blocks);
      entries.set(captured.id, entry);
      if (previous) touch(previous);
      touch(entry);
      changed++;
      if (reasonKey && !captured.pending) unwarmed.push(entry);
    }
    if (changeLog.length > Math.max(1024, entries.size)) touchAll();
    return changed;
  }

  /** Checks, notes and import origins of exchanges no longer held go with them. */
  function forgetMissing(): Pick<PanelState, 'checkedIds' | 'checkAnchor' | 'notesRevision'> {
    let notesChanged = false;
    for (const id of [...notes.keys()]) {
      if (!entries.has(id)) {
        notes.delete(id);
        notesChanged = true;
      }
    }
    for (const id of [...origins.keys()]) if (!entries.has(id)) origins.delete(id);
    const checked = [...state.checkedIds].filter((id) => entries.has(id));
    return {
      checkedIds: checked.length === state.checkedIds.size ? state.checkedIds : new Set(checked),
      checkAnchor: state.checkAnchor !== null && entries.has(state.checkAnchor) ? state.checkAnchor : null,
      notesRevision: state.notesRevision + (notesChanged ? 1 : 0),
    };
  }

  /** Removes the captured exchanges; imported ones stay unless `all`. Returns those removed, by id. */
  function dropCaptured(all: boolean): Map<string, ExchangeEntry> {
    // Header blocks shared with the exchanges dropped are shared no more.
    blocks = headerBlocks();
    touchAll();
    const dropped = new Map<string, ExchangeEntry>();
    if (all) {
      entries.clear();
      unwarmed = [];
      return dropped;
    }
    for (const [id, entry] of entries) {
      if (entry.captured.source !== 'import' || !origins.has(id)) {
        entries.delete(id);
        dropped.set(id, entry);
      }
    }
    unwarmed = unwarmed.filter((entry) => entries.get(entry.id) === entry);
    return dropped;
  }

  /** The entries of the change log from `position` on: dropped (no longer held) and added (held). */
  function changesSince(position: number): { dropped: Set<ExchangeEntry>; added: ExchangeEntry[] } {
    const dropped = new Set<ExchangeEntry>();
    const added = new Set<ExchangeEntry>();
    for (let i = position; i < changeLog.length; i++) {
      const entry = changeLog[i]!;
      // Either way it leaves its old place; if still held, it comes back in its new one.
      dropped.add(entry);
      if (entries.get(entry.id) === entry) added.add(entry);
    }
    return { dropped, added: [...added] };
  }

  function sorted(): ExchangeEntry[] {
    const key = `${state.order}/${classificationRevision}`;
    if (sortedMemo?.key === key && sortedMemo.generation === generation) {
      if (sortedMemo.position === changeLog.length) return sortedMemo.value;
      const { dropped, added } = changesSince(sortedMemo.position);
      // Many at once (a file opened, a first snapshot): one sort of everything is cheaper.
      if (added.length > 1024 && added.length * 8 > sortedMemo.value.length) return sortAfresh(key);
      const value = mergeSorted(sortedMemo.value, dropped, added, compareEntries(state.order, classify));
      sortStep = { from: sortedMemo.value, to: value, dropped, added };
      sortedMemo = { key, generation, position: changeLog.length, value };
      return value;
    }
    return sortAfresh(key);
  }

  function sortAfresh(key: string): ExchangeEntry[] {
    sortStep = null;
    sortedMemo = { key, generation, position: changeLog.length, value: sortEntries([...entries.values()], state.order, classify) };
    return sortedMemo.value;
  }

  // Results of the text filter for the current list and flags, by text. Typing narrows: a text that
  // extends one already filtered can only remove rows from that result (every search word of the
  // shorter text is a substring of a word of the longer), so it filters that result, not the whole
  // list; deleting a letter finds its result here.
  let textResults: { sorted: ExchangeEntry[]; blockedOnly: boolean; preflightedOnly: boolean; cause: string | null; byText: Map<string, readonly ExchangeEntry[]> } | null = null;
  const TEXT_RESULTS_KEPT = 64;

  function filtered(all: ExchangeEntry[], filters: Filters): readonly ExchangeEntry[] {
    const sameFlags =
      textResults !== null &&
      textResults.blockedOnly === filters.blockedOnly &&
      textResults.preflightedOnly === filters.preflightedOnly &&
      textResults.cause === filters.cause;
    // The list changed by a few entries since this filter's result: that result, with those
    // entries taken out and the ones that pass put in, rather than the whole list filtered again.
    const previous = sameFlags && sortStep !== null && textResults?.sorted === sortStep.from && sortStep.to === all ? textResults.byText.get(filters.text) : undefined;
    if (textResults?.sorted !== all || !sameFlags) {
      textResults = { sorted: all, blockedOnly: filters.blockedOnly, preflightedOnly: filters.preflightedOnly, cause: filters.cause, byText: new Map() };
    }
    if (previous !== undefined && sortStep !== null && filtersActive(filters)) {
      const passing = filterEntries(sortStep.added, filters, classify, reasonKey, causeKey);
      const value = mergeSorted(previous, sortStep.dropped, passing, compareEntries(state.order, classify));
      textResults.byText.set(filters.text, value);
      return value;
    }
    const known = textResults.byText.get(filters.text);
    if (known) return known;
    let base: readonly ExchangeEntry[] = all;
    for (let length = filters.text.length - 1; length > 0; length--) {
      const shorter = textResults.byText.get(filters.text.slice(0, length));
      if (shorter) {
        base = shorter;
        break;
      }
    }
    const value = filterEntries(base, filters, classify, reasonKey, causeKey);
    if (textResults.byText.size >= TEXT_RESULTS_KEPT) textResults.byText.clear();
    textResults.byText.set(filters.text, value);
    return value;
  }

  function visible(): readonly ExchangeEntry[] {
    const all = sorted();
    if (visibleMemo?.sorted !== all || visibleMemo.filters !== state.filters) {
      visibleMemo = { sorted: all, filters: state.filters, value: filtered(all, state.filters) };
    }
    return visibleMemo.value;
  }

  /** Counts `entry` in its cause's group, if it has a cause. */
  function countCause(groups: Map<string, LiveCauseGroup>, counted: WeakMap<ExchangeEntry, CountedAs>, entry: ExchangeEntry): void {
    const cause = causeOfEntry(entry);
    if (cause === null) return;
    const fixOrigin = options.fixOrigin?.(entry) ?? cause.apiOrigin;
    counted.set(entry, { key: cause.key, fixOrigin });
    const group = groups.get(cause.key);
    if (group === undefined) groups.set(cause.key, { cause, count: 1, first: entry, fixOn: new Map([[fixOrigin, 1]]) });
    else {
      group.count++;
      group.fixOn.set(fixOrigin, (group.fixOn.get(fixOrigin) ?? 0) + 1);
      if (entry.seq < group.first.seq) group.first = entry;
    }
  }

  /** Takes the changes of the log into the groups; false when a group's first entry left (start afresh). */
  function catchUpGroups(memo: NonNullable<typeof groupsMemo>): boolean {
    const { dropped, added } = changesSince(memo.position);
    for (const entry of dropped) {
      const counted = memo.counted.get(entry);
      if (counted === undefined) continue;
      memo.counted.delete(entry);
      const group = memo.groups.get(counted.key)!;
      if (group.first === entry) return false;
      if (--group.count === 0) memo.groups.delete(counted.key);
      const left = group.fixOn.get(counted.fixOrigin)! - 1;
      if (left === 0) group.fixOn.delete(counted.fixOrigin);
      else group.fixOn.set(counted.fixOrigin, left);
    }
    for (const entry of added) countCause(memo.groups, memo.counted, entry);
    return true;
  }

  function causeGroups(): PanelCauseGroup[] {
    const memo = groupsMemo;
    if (memo?.classification === classificationRevision && memo.generation === generation) {
      if (memo.position === changeLog.length) return memo.value;
      if (catchUpGroups(memo)) {
        memo.position = changeLog.length;
        memo.value = sortedGroups(memo.groups);
        return memo.value;
      }
    }
    const groups = new Map<string, LiveCauseGroup>();
    const counted = new WeakMap<ExchangeEntry, CountedAs>();
    for (const entry of entries.values()) countCause(groups, counted, entry);
    groupsMemo = { classification: classificationRevision, generation, position: changeLog.length, groups, counted, value: sortedGroups(groups) };
    return groupsMemo.value;
  }

  function indexOf(id: string): number {
    const entry = entries.get(id);
    if (entry === undefined) return -1;
    const list = visible();
    // A scan, once per list and selection: cheaper than a map of 50,000 ids rebuilt for each new list.
    if (indexMemo?.list !== list || indexMemo.entry !== entry) indexMemo = { list, entry, index: list.indexOf(entry) };
    return indexMemo.index;
  }

  return {
    getState: () => state,
    warmSearch(budget) {
      if (!reasonKey) return false;
      for (let done = 0; done < budget && unwarmed.length > 0; ) {
        const entry = unwarmed.pop()!;
        // An exchange updated since, or dropped, is not searched in this version.
        if (entries.get(entry.id) !== entry) continue;
        reasonKey(entry);
        done++;
      }
      return unwarmed.length > 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(message) {
      if (message.source !== 'cors-inspector-capture' || message.tabId !== state.tabId) return;
      // A fact about the page, not about the exchanges: it may come between a snapshot's parts.
      if (message.type === 'page') {
        const listSince = message.startedOver ? 'page-loaded' : state.listSince;
        if (state.pageLoadedBeforeCapture !== message.loadedBeforeCapture || state.listSince !== listSince) {
          set({ pageLoadedBeforeCapture: message.loadedBeforeCapture, listSince });
        }
        return;
      }
      // A snapshot in parts is gathered, then applied as one (protocol.ts): any other message
      // between its parts means the parts were cut short, and what came of them is dropped.
      if (pendingSnapshot !== null) {
        const gathered = pendingSnapshot;
        pendingSnapshot = null;
        if (message.type === 'upsert') {
          // Its exchanges are the store's own copy (below): the parts are appended to it.
          for (const exchange of message.exchanges) gathered.exchanges.push(exchange);
          if (message.more) {
            pendingSnapshot = gathered;
            return;
          }
          const { more: _gathering, ...whole } = gathered;
          message = whole;
        }
      }
      if (message.type === 'snapshot' && message.more) {
        pendingSnapshot = { ...message, exchanges: [...message.exchanges] };
        return;
      }
      switch (message.type) {
        case 'snapshot': {
          const dropped = dropCaptured(false);
          if (entries.size === 0) nextSeq = 0;
          upsert(message.exchanges, dropped);
          const keep = state.selectedId !== null && entries.has(state.selectedId);
          set({
            ...forgetMissing(),
            connected: true,
            settings: message.settings,
            status: message.status,
            preciseAvailability: message.preciseAvailability,
            total: entries.size,
            exchangesRevision: state.exchangesRevision + 1,
            selectedId: keep ? state.selectedId : null,
            detailOpen: keep && state.detailOpen,
          });
          return;
        }
        case 'upsert':
          // Nothing new (exchanges sent again unchanged): no change, no render.
          if (upsert(message.exchanges) === 0) return;
          set({ total: entries.size, exchangesRevision: state.exchangesRevision + 1 });
          return;
        case 'cleared': {
          // The capture side started over (a new page): what was imported is not its to clear.
          if (entries.size === 0 && state.selectedId === null) return;
          dropCaptured(false);
          const keep = state.selectedId !== null && entries.has(state.selectedId);
          set({
            ...forgetMissing(),
            total: entries.size,
            exchangesRevision: state.exchangesRevision + 1,
            selectedId: keep ? state.selectedId : null,
            detailOpen: keep && state.detailOpen,
          });
          return;
        }
        case 'status':
          set({ settings: message.settings, status: message.status });
          return;
        default: {
          // Every kind of CaptureMessage has its case: a new kind fails to compile here.
          const unhandled: never = message;
          return unhandled;
        }
      }
    },
    visible,
    causeGroups,
    get: (id) => entries.get(id),
    indexOf,
    setOrder(order) {
      if (order !== state.order) set({ order });
    },
    setFilters(filters) {
      const next = { ...state.filters, ...filters };
      const same =
        next.blockedOnly === state.filters.blockedOnly &&
        next.preflightedOnly === state.filters.preflightedOnly &&
        next.text === state.filters.text &&
        next.cause === state.filters.cause;
      if (!same) set({ filters: next });
    },
    setSettings(settings) {
      set({ settings: { ...state.settings, ...settings } });
    },
    clear() {
      dropCaptured(true);
      set({ ...forgetMissing(), total: 0, exchangesRevision: state.exchangesRevision + 1, selectedId: null, detailOpen: false, listSince: 'cleared' });
    },
    select(id) {
      if (id !== null && !entries.has(id)) return;
      if (id !== state.selectedId) set({ selectedId: id, detailOpen: id === null ? false : state.detailOpen });
    },
    moveSelection(move, pageSize = 10) {
      const list = visible();
      if (list.length === 0) return;
      const current = state.selectedId === null ? -1 : indexOf(state.selectedId);
      const last = list.length - 1;
      let target: number;
      switch (move) {
        case 'first':
          target = 0;
          break;
        case 'last':
          target = last;
          break;
        case 'next':
          target = current < 0 ? 0 : Math.min(current + 1, last);
          break;
        case 'previous':
          target = current < 0 ? last : Math.max(current - 1, 0);
          break;
        case 'page-down':
          target = current < 0 ? 0 : Math.min(current + pageSize, last);
          break;
        case 'page-up':
          target = current < 0 ? 0 : Math.max(current - pageSize, 0);
          break;
      }
      const entry = list[target];
      if (entry && entry.id !== state.selectedId) set({ selectedId: entry.id });
    },
    openDetail() {
      if (state.selectedId !== null && !state.detailOpen) set({ detailOpen: true });
    },
    closeDetail() {
      if (state.detailOpen) set({ detailOpen: false });
    },
    invalidateClassification() {
      classificationRevision++;
      touchAll();
      causeMemo = new WeakMap();
      set({});
    },

    toggleChecked(id) {
      if (!entries.has(id)) return;
      const next = new Set(state.checkedIds);
      if (!next.delete(id)) next.add(id);
      set({ checkedIds: next, checkAnchor: id });
    },
    checkRange(id) {
      if (!entries.has(id)) return;
      const from = state.checkAnchor ?? state.selectedId;
      const a = from === null ? -1 : indexOf(from);
      const b = indexOf(id);
      if (b < 0) return;
      const [lo, hi] = a < 0 ? [b, b] : a < b ? [a, b] : [b, a];
      const next = new Set(state.checkedIds);
      for (const entry of visible().slice(lo, hi + 1)) next.add(entry.id);
      // The anchor stays: Shift-clicking again re-extends from the same row, as in file managers.
      set({ checkedIds: next, checkAnchor: state.checkAnchor ?? id });
    },
    checkFailures() {
      const next = new Set(state.checkedIds);
      for (const entry of visible()) if (FAILURES.has(classify(entry).verdict)) next.add(entry.id);
      if (next.size !== state.checkedIds.size) set({ checkedIds: next });
    },
    uncheckAll() {
      if (state.checkedIds.size > 0) set({ checkedIds: new Set(), checkAnchor: null });
    },
    checkedEntries() {
      const list = [...state.checkedIds].map((id) => entries.get(id)).filter((e): e is ExchangeEntry => e !== undefined);
      return sortEntries(list, 'time', classify);
    },

    notesOf: (id) => notes.get(id) ?? [],
    addNote(exchangeId, init, createdAt = new Date()) {
      if (!entries.has(exchangeId) || init.text.trim() === '') return null;
      const note: PanelNote = { id: `note-${++noteCounter}`, text: init.text, target: init.target, createdAt: createdAt.toISOString() };
      if (init.author !== undefined && init.author.name.trim() !== '') note.author = { name: init.author.name };
      notes.set(exchangeId, [...(notes.get(exchangeId) ?? []), note]);
      set({ notesRevision: state.notesRevision + 1 });
      return note;
    },
    removeNote(exchangeId, noteId) {
      const list = notes.get(exchangeId);
      if (!list?.some((n) => n.id === noteId)) return;
      const rest = list.filter((n) => n.id !== noteId);
      if (rest.length === 0) notes.delete(exchangeId);
      else notes.set(exchangeId, rest);
      set({ notesRevision: state.notesRevision + 1 });
    },

    addImport(batch) {
      // The same file opened twice (or two files holding the same requests): an exchange already
      // listed from an earlier import is not listed a second time, where it would count twice in
      // every cause group.
      const open = new Set<string>();
      for (const entry of entries.values()) if (entry.captured.source === 'import') open.add(importKey(entry.captured, entry.id.slice(entry.id.indexOf(':') + 1)));
      const fresh = batch.exchanges.filter((item) => !open.has(importKey(item.captured, item.captured.id)));
      const again = batch.exchanges.length - fresh.length;
      if (batch.exchanges.length > 0 && fresh.length === 0) {
        set({ importStatus: { kind: 'done', message: `${batch.fileName} is already open: its ${plural(again, 'request')} ${again === 1 ? 'is' : 'are'} listed, none added again.` } });
        return;
      }
      // Ids of each import get a prefix of their own: a file's ids may repeat the capture's, or
      // another file's.
      const prefix = `import-${++importCounter}:`;
      const list: CapturedExchange[] = [];
      for (const item of fresh) {
        const id = `${prefix}${item.captured.id}`;
        list.push({ ...item.captured, id, source: 'import' });
        origins.set(id, item.origin);
        if (item.notes.length > 0) notes.set(id, item.notes.map((n) => ({ ...n, id: `${prefix}${n.id}` })));
      }
      upsert(list);
      set({
        total: entries.size,
        exchangesRevision: state.exchangesRevision + 1,
        notesRevision: state.notesRevision + 1,
        importStatus: { kind: 'done', message: again > 0 ? `${batch.summary} ${again.toLocaleString('en-US')} of them ${again === 1 ? 'was' : 'were'} listed already (an earlier import): not added again.` : batch.summary },
      });
    },
    setImportStatus(status) {
      set({ importStatus: status });
    },
    importOrigin: (id) => origins.get(id),
  };
}
