// The panel's row filter: "Blocked only", "Preflighted", the search box and a cause group. Pure, like the
// ordering (order.ts): whether a row was blocked or preflighted comes from the same `classify`
// function, asked only when a flag needs it. A search word is looked for in the entry's search key
// and header lines (computed when the exchange arrives) and then in the row's reason, which comes
// from the engine: asked once per exchange (`reasonKeys` keeps it; the panel works them out ahead,
// `PanelStore.warmSearch`), and only for an exchange the rest did not match.

import type { ExchangeEntry } from './entry.ts';
import type { Classify } from './order.ts';

export interface Filters {
  /** Only exchanges the browser refused for a CORS reason (`verdict: "blocked"`). */
  blockedOnly: boolean;
  preflightedOnly: boolean;
  /** Free text; every whitespace-separated word must occur in the exchange's search key. */
  text: string;
  /** Only the exchanges of one cause group: its key (`causeOf`), null for all. */
  cause: string | null;
}

export const NO_FILTERS: Filters = { blockedOnly: false, preflightedOnly: false, text: '', cause: null };

/** The key of an exchange's cause group, null when it has none (it passed, or is in flight). */
export type CauseKey = (entry: ExchangeEntry) => string | null;

const NO_CAUSE: CauseKey = () => null;

function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

/** The row's reason as the search matches it: lower-cased. */
export type ReasonKey = (entry: ExchangeEntry) => string;

/**
 * `reason` lower-cased and kept per entry (an entry is one version of an exchange). Reasons repeat
 * (a few dozen distinct ones among 50,000 rows): each distinct text is held once.
 */
export function reasonKeys(reason: (entry: ExchangeEntry) => string): ReasonKey {
  const memo = new WeakMap<ExchangeEntry, string>();
  const distinct = new Map<string, string>();
  return (entry) => {
    let key = memo.get(entry);
    if (key === undefined) {
      const text = reason(entry);
      key = distinct.get(text);
      if (key === undefined) distinct.set(text, (key = text.toLowerCase()));
      memo.set(entry, key);
    }
    return key;
  };
}

const NO_REASON: ReasonKey = () => '';

function matches(entry: ExchangeEntry, word: string, reasonKey: ReasonKey): boolean {
  if (entry.searchKey.includes(word)) return true;
  for (const key of entry.headerKeys) if (key.includes(word)) return true;
  return reasonKey(entry).includes(word);
}

/** Whether `filters` leave out any row at all. */
export function filtersActive(filters: Filters): boolean {
  return filters.blockedOnly || filters.preflightedOnly || filters.cause !== null || searchWords(filters.text).length > 0;
}

/** The rows of `sorted` that pass `filters`, in the same order; `sorted` itself when none is set. */
export function filterEntries(
  sorted: readonly ExchangeEntry[],
  filters: Filters,
  classify: Classify,
  reasonKey: ReasonKey = NO_REASON,
  causeKey: CauseKey = NO_CAUSE,
): readonly ExchangeEntry[] {
  const words = searchWords(filters.text);
  if (!filtersActive(filters)) return sorted;
  return sorted.filter((entry) => {
    if (filters.cause !== null && causeKey(entry) !== filters.cause) return false;
    // Text first: it is the cheap test and the one that changes on every keystroke.
    for (const word of words) if (!matches(entry, word, reasonKey)) return false;
    if (!filters.blockedOnly && !filters.preflightedOnly) return true;
    const row = classify(entry);
    if (filters.blockedOnly && row.verdict !== 'blocked') return false;
    if (filters.preflightedOnly && !row.preflighted) return false;
    return true;
  });
}
