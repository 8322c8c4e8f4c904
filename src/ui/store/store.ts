// The panel's state: the exchanges of one tab as the capture side reports them, the settings and
// status it reports, and what the person chose (order, filters, selection). Pure: no DOM, no
// transport. The panel feeds it `CaptureMessage`s and reads `visible()`.

import { DEFAULT_SETTINGS } from '../../capture/index.ts';
import type { Cause, VerdictChange, BundleDiagnosis } from '../../export/index.ts';
import type { CaptureMessage, CaptureSettings, CaptureStatus, CapturedExchange } from '../protocol.ts';
import { headerBlocks, makeEntry, type ExchangeEntry } from './entry.ts';
import type { NoteTarget, PanelNote } from './notes.ts';
import { sortEntries, type Classify, type SortOrder } from './order.ts';
import { filterEntries, NO_FILTERS, reasonKeys, type CauseKey, type Filters } from './row-filter.ts';

/** Where an imported exchange came from, and what the exporter's engine said about it. */
interface ImportOrigin {
  fileName: string;
  kind: 'bundle' | 'har';
  /** The exporter's verdict (bundles only; a HAR carries none). */
  exported: BundleDiagnosis | null;
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
}

/** Failures of one cause (`causeOf`): the panel's group summary. */
export interface PanelCauseGroup {
  cause: Cause<string | null>;
  count: number;
  /** Its first exchange in arrival order, which the group's title is worded from. */
  first: ExchangeEntry;
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
  let groupsMemo: { key: string; value: PanelCauseGroup[] } | null = null;
  let blocks = headerBlocks();
  /** Entries whose reason the search has not asked for yet (`warmSearch`). */
  let unwarmed: ExchangeEntry[] = [];
  const entries = new Map<string, ExchangeEntry>();
  let nextSeq = 0;
  let state: PanelState = {
    tabId: options.tabId,
    connected: false,
    settings: DEFAULT_SETTINGS,
    status: DEFAULT_STATUS,
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
  };
  const notes = new Map<string, PanelNote[]>();
  const origins = new Map<string, ImportOrigin>();
  let noteCounter = 0;
  let importCounter = 0;
  let classificationRevision = 0;
  const listeners = new Set<() => void>();

  // Two memo levels: sorting is redone only when the exchanges or the order change; a keystroke
  // in the search box only re-filters the sorted list.
  let sortedMemo: { key: string; value: ExchangeEntry[] } | null = null;
  let visibleMemo: { sorted: ExchangeEntry[]; filters: Filters; value: readonly ExchangeEntry[] } | null = null;
  let indexMemo: { list: readonly ExchangeEntry[]; index: Map<string, number> } | null = null;

  function set(patch: Partial<PanelState>): void {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  }

  function upsert(list: readonly CapturedExchange[]): void {
    for (const captured of list) {
      const previous = entries.get(captured.id);
      const entry = makeEntry(captured, (previous?.version ?? 0) + 1, previous?.seq ?? nextSeq++, blocks);
      entries.set(captured.id, entry);
      if (reasonKey && !captured.pending) unwarmed.push(entry);
    }
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

  /** Removes the captured exchanges; imported ones stay unless `all`. */
  function dropCaptured(all: boolean): void {
    // Header blocks shared with the exchanges dropped are shared no more.
    blocks = headerBlocks();
    if (all) {
      entries.clear();
      unwarmed = [];
      return;
    }
    for (const [id, entry] of entries) if (entry.captured.source !== 'import' || !origins.has(id)) entries.delete(id);
    unwarmed = unwarmed.filter((entry) => entries.get(entry.id) === entry);
  }

  function sorted(): ExchangeEntry[] {
    const key = `${state.exchangesRevision}/${state.order}/${classificationRevision}`;
    if (sortedMemo?.key !== key) sortedMemo = { key, value: sortEntries([...entries.values()], state.order, classify) };
    return sortedMemo.value;
  }

  // Results of the text filter for the current list and flags, by text. Typing narrows: a text that
  // extends one already filtered can only remove rows from that result (every search word of the
  // shorter text is a substring of a word of the longer), so it filters that result, not the whole
  // list; deleting a letter finds its result here.
  let textResults: { sorted: ExchangeEntry[]; blockedOnly: boolean; preflightedOnly: boolean; cause: string | null; byText: Map<string, readonly ExchangeEntry[]> } | null = null;
  const TEXT_RESULTS_KEPT = 64;

  function filtered(all: ExchangeEntry[], filters: Filters): readonly ExchangeEntry[] {
    if (
      textResults?.sorted !== all ||
      textResults.blockedOnly !== filters.blockedOnly ||
      textResults.preflightedOnly !== filters.preflightedOnly ||
      textResults.cause !== filters.cause
    ) {
      textResults = { sorted: all, blockedOnly: filters.blockedOnly, preflightedOnly: filters.preflightedOnly, cause: filters.cause, byText: new Map() };
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

  function causeGroups(): PanelCauseGroup[] {
    const key = `${state.exchangesRevision}/${classificationRevision}`;
    if (groupsMemo?.key === key) return groupsMemo.value;
    const byKey = new Map<string, PanelCauseGroup>();
    for (const entry of entries.values()) {
      const cause = causeOfEntry(entry);
      if (cause === null) continue;
      const group = byKey.get(cause.key);
      if (group === undefined) byKey.set(cause.key, { cause, count: 1, first: entry });
      else {
        group.count++;
        if (entry.seq < group.first.seq) group.first = entry;
      }
    }
    const value = [...byKey.values()].sort((a, b) => b.count - a.count || a.first.seq - b.first.seq);
    groupsMemo = { key, value };
    return value;
  }

  function indexOf(id: string): number {
    const list = visible();
    if (indexMemo?.list !== list) indexMemo = { list, index: new Map(list.map((entry, i) => [entry.id, i])) };
    return indexMemo.index.get(id) ?? -1;
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
      switch (message.type) {
        case 'snapshot': {
          dropCaptured(false);
          if (entries.size === 0) nextSeq = 0;
          upsert(message.exchanges);
          const keep = state.selectedId !== null && entries.has(state.selectedId);
          set({
            ...forgetMissing(),
            connected: true,
            settings: message.settings,
            status: message.status,
            total: entries.size,
            exchangesRevision: state.exchangesRevision + 1,
            selectedId: keep ? state.selectedId : null,
            detailOpen: keep && state.detailOpen,
          });
          return;
        }
        case 'upsert':
          if (message.exchanges.length === 0) return;
          upsert(message.exchanges);
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
      set({ ...forgetMissing(), total: 0, exchangesRevision: state.exchangesRevision + 1, selectedId: null, detailOpen: false });
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
      // Ids of each import get a prefix of their own: a file's ids may repeat the capture's, or
      // another file's (the same bundle opened twice).
      const prefix = `import-${++importCounter}:`;
      const list: CapturedExchange[] = [];
      for (const item of batch.exchanges) {
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
        importStatus: { kind: 'done', message: batch.summary },
      });
    },
    setImportStatus(status) {
      set({ importStatus: status });
    },
    importOrigin: (id) => origins.get(id),
  };
}
