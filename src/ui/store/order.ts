// Sorting and filtering the list. Pure: the verdict of an exchange comes from a `classify` function
// the panel backs with the (memoized) engine, so these rules are tested without it.

import type { Verdict } from '../../cors/index.ts';
import type { ExchangeEntry } from './entry.ts';

/** What the list needs to know of one exchange's diagnosis. `engine-error`: diagnose() threw. */
export interface RowClass {
  verdict: Verdict | 'pending' | 'engine-error';
  /** A preflight was sent for it, or served from the preflight cache. */
  preflighted: boolean;
}

export type Classify = (entry: ExchangeEntry) => RowClass;

export type SortOrder = 'failures-first' | 'time';

export interface Filters {
  /** Only exchanges the browser refused for a CORS reason (`verdict: "blocked"`). */
  blockedOnly: boolean;
  preflightedOnly: boolean;
  /** Free text; every whitespace-separated word must occur in the exchange's search key. */
  text: string;
}

export const NO_FILTERS: Filters = { blockedOnly: false, preflightedOnly: false, text: '' };

/**
 * Failures first: CORS blocks, then network errors, then what the engine could not tell or
 * failed on, then requests still in flight, then everything that worked.
 */
const FAILURE_RANK: Record<RowClass['verdict'], number> = {
  blocked: 0,
  'network-error': 1,
  uncertain: 2,
  'engine-error': 2,
  pending: 3,
  allowed: 4,
  'not-cors': 4,
};

export function failureRank(verdict: RowClass['verdict']): number {
  return FAILURE_RANK[verdict];
}

function byTime(a: ExchangeEntry, b: ExchangeEntry): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.seq - b.seq;
}

/** A new array; `entries` is left as it is. Stable, and time order within each failure rank. */
export function sortEntries(entries: readonly ExchangeEntry[], order: SortOrder, classify: Classify): ExchangeEntry[] {
  if (order === 'time') return [...entries].sort(byTime);
  // Rank each entry once rather than inside the comparator (n log n classify calls otherwise).
  const ranked = entries.map((entry) => ({ entry, rank: failureRank(classify(entry).verdict) }));
  ranked.sort((a, b) => a.rank - b.rank || byTime(a.entry, b.entry));
  return ranked.map((r) => r.entry);
}

export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

export function hasFilters(filters: Filters): boolean {
  return filters.blockedOnly || filters.preflightedOnly || searchWords(filters.text).length > 0;
}

export function filterEntries(sorted: readonly ExchangeEntry[], filters: Filters, classify: Classify): readonly ExchangeEntry[] {
  const words = searchWords(filters.text);
  if (!filters.blockedOnly && !filters.preflightedOnly && words.length === 0) return sorted;
  return sorted.filter((entry) => {
    // Text first: it is the cheap test and the one that changes on every keystroke.
    for (const word of words) if (!entry.searchKey.includes(word)) return false;
    if (!filters.blockedOnly && !filters.preflightedOnly) return true;
    const row = classify(entry);
    if (filters.blockedOnly && row.verdict !== 'blocked') return false;
    if (filters.preflightedOnly && !row.preflighted) return false;
    return true;
  });
}
