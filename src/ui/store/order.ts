// The order of the panel's list. Pure: the verdict of an exchange comes from a `classify` function
// the panel backs with the (memoized) engine, so these rules are tested without it. Which rows are
// shown at all is the row filter's (row-filter.ts).

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

function byTime(a: ExchangeEntry, b: ExchangeEntry): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.seq - b.seq;
}

/** A new array; `entries` is left as it is. Stable, and time order within each failure rank. */
export function sortEntries(entries: readonly ExchangeEntry[], order: SortOrder, classify: Classify): ExchangeEntry[] {
  if (order === 'time') return [...entries].sort(byTime);
  // Rank each entry once rather than inside the comparator (n log n classify calls otherwise).
  const ranked = entries.map((entry) => ({ entry, rank: FAILURE_RANK[classify(entry).verdict] }));
  ranked.sort((a, b) => a.rank - b.rank || byTime(a.entry, b.entry));
  return ranked.map((r) => r.entry);
}

/** The order `sortEntries` gives, as a comparison of two entries (a total order: `seq` is unique). */
export function compareEntries(order: SortOrder, classify: Classify): (a: ExchangeEntry, b: ExchangeEntry) => number {
  if (order === 'time') return byTime;
  return (a, b) => FAILURE_RANK[classify(a).verdict] - FAILURE_RANK[classify(b).verdict] || byTime(a, b);
}
