// The panel's row filter: "Blocked only", "Preflighted" and the search box. Pure, like the
// ordering (order.ts): whether a row was blocked or preflighted comes from the same `classify`
// function, asked only when a flag needs it, so typing in the search box never runs the engine.

import type { ExchangeEntry } from './entry.ts';
import type { Classify } from './order.ts';

export interface Filters {
  /** Only exchanges the browser refused for a CORS reason (`verdict: "blocked"`). */
  blockedOnly: boolean;
  preflightedOnly: boolean;
  /** Free text; every whitespace-separated word must occur in the exchange's search key. */
  text: string;
}

export const NO_FILTERS: Filters = { blockedOnly: false, preflightedOnly: false, text: '' };

function searchWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

/** The rows of `sorted` that pass `filters`, in the same order; `sorted` itself when none is set. */
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
