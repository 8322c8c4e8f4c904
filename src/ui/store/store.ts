// The panel's state: the exchanges of one tab as the capture side reports them, the settings and
// status it reports, and what the person chose (order, filters, selection). Pure: no DOM, no
// transport. The panel feeds it `CaptureMessage`s and reads `visible()`.

import type { CaptureMessage, CaptureSettings, CaptureStatus, CapturedExchange } from '../protocol.ts';
import { makeEntry, type ExchangeEntry } from './entry.ts';
import { filterEntries, NO_FILTERS, sortEntries, type Classify, type Filters, type SortOrder } from './order.ts';

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
}

export type SelectionMove = 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up';

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
  /** Tells the store that `classify` would now answer differently (e.g. the engine changed). */
  invalidateClassification(): void;
}

export interface PanelStoreOptions {
  tabId: number;
  classify: Classify;
  order?: SortOrder;
}

const DEFAULT_SETTINGS: CaptureSettings = { preserveLog: false, preciseMode: false };
const DEFAULT_STATUS: CaptureStatus = { fallback: 'none', dropped: 0 };

export function createPanelStore(options: PanelStoreOptions): PanelStore {
  const { classify } = options;
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
  };
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
      entries.set(captured.id, makeEntry(captured, (previous?.version ?? 0) + 1, previous?.seq ?? nextSeq++));
    }
  }

  function sorted(): ExchangeEntry[] {
    const key = `${state.exchangesRevision}/${state.order}/${classificationRevision}`;
    if (sortedMemo?.key !== key) sortedMemo = { key, value: sortEntries([...entries.values()], state.order, classify) };
    return sortedMemo.value;
  }

  function visible(): readonly ExchangeEntry[] {
    const all = sorted();
    if (visibleMemo?.sorted !== all || visibleMemo.filters !== state.filters) {
      visibleMemo = { sorted: all, filters: state.filters, value: filterEntries(all, state.filters, classify) };
    }
    return visibleMemo.value;
  }

  function indexOf(id: string): number {
    const list = visible();
    if (indexMemo?.list !== list) indexMemo = { list, index: new Map(list.map((entry, i) => [entry.id, i])) };
    return indexMemo.index.get(id) ?? -1;
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(message) {
      if (message.source !== 'cors-inspector-capture' || message.tabId !== state.tabId) return;
      switch (message.type) {
        case 'snapshot': {
          entries.clear();
          nextSeq = 0;
          upsert(message.exchanges);
          const keep = state.selectedId !== null && entries.has(state.selectedId);
          set({
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
        case 'cleared':
          if (entries.size === 0 && state.selectedId === null) return;
          entries.clear();
          set({ total: 0, exchangesRevision: state.exchangesRevision + 1, selectedId: null, detailOpen: false });
          return;
        case 'status':
          set({ settings: message.settings, status: message.status });
          return;
      }
    },
    visible,
    get: (id) => entries.get(id),
    indexOf,
    setOrder(order) {
      if (order !== state.order) set({ order });
    },
    setFilters(filters) {
      const next = { ...state.filters, ...filters };
      const same =
        next.blockedOnly === state.filters.blockedOnly && next.preflightedOnly === state.filters.preflightedOnly && next.text === state.filters.text;
      if (!same) set({ filters: next });
    },
    setSettings(settings) {
      set({ settings: { ...state.settings, ...settings } });
    },
    clear() {
      entries.clear();
      set({ total: 0, exchangesRevision: state.exchangesRevision + 1, selectedId: null, detailOpen: false });
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
      set({});
    },
  };
}
