// Parsing `Access-Control-Allow-Methods` and `Access-Control-Allow-Headers`.
// https://fetch.spec.whatwg.org/#http-new-header-syntax: `#method` and `#field-name`, i.e. a
// comma-separated list of tokens. Chromium (`ParseAccessControlAllowList` in
// services/network/cors/preflight_result.cc) splits on ',', trims spaces and tabs, skips empty
// items, and rejects the whole header when one item is not a token: so `GET PUT` is invalid, not
// a list of two.

import { toAsciiLowerCase } from './header-list.ts';
import { isToken } from './safelisted-request-header.ts';

// Servers send the same few lists over and over: results are kept by value (the function is pure),
// in a bounded map that is simply emptied when full. The lists are frozen: callers share them.
const cache = [new Map<string, readonly string[] | null>(), new Map<string, readonly string[] | null>()] as const;
const CACHE_LIMIT = 512;
const NO_ITEMS: readonly string[] = Object.freeze([]);

/** The items, as written (or lower-cased); null when the header is not a valid list. */
export function parseAllowList(value: string | null, lowerCase: boolean): readonly string[] | null {
  if (value === null) return NO_ITEMS;
  const byValue = cache[lowerCase ? 1 : 0];
  const known = byValue.get(value);
  if (known !== undefined) return known;
  const parsed = parse(value, lowerCase);
  if (byValue.size >= CACHE_LIMIT) byValue.clear();
  byValue.set(value, parsed);
  return parsed;
}

function parse(value: string, lowerCase: boolean): readonly string[] | null {
  const items: string[] = [];
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    let a = start;
    let b = end;
    while (a < b && (value.charCodeAt(a) === 0x20 || value.charCodeAt(a) === 0x09)) a++;
    while (b > a && (value.charCodeAt(b - 1) === 0x20 || value.charCodeAt(b - 1) === 0x09)) b--;
    if (b > a) {
      const item = value.slice(a, b);
      if (!isToken(item)) return null;
      items.push(lowerCase ? toAsciiLowerCase(item) : item);
    }
    start = end + 1;
  }
  return Object.freeze(items);
}

// A list up to this long is scanned; a longer one gets a Set, built once per list: checking n
// names against a list of m costs O(n + m), not O(n·m), however many names a capture holds.
const SCAN_LIMIT = 16;
const setsOfLists = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Whether `list` holds `item` (exact string comparison, as `Array.prototype.includes`). */
export function listHas(list: readonly string[], item: string): boolean {
  if (list.length <= SCAN_LIMIT) return list.includes(item);
  let set = setsOfLists.get(list);
  if (set === undefined) {
    set = new Set(list);
    setsOfLists.set(list, set);
  }
  return set.has(item);
}
