// One header line per distinct (name, value) read from a log, and one header list per distinct
// list of them. A capture repeats the same few thousand lines (User-Agent, Accept, the server's
// CORS headers) over all its entries: the 151 MB generated HAR of `npm run bench` has 816,413 lines
// and 7,603 distinct ones. Each kept as its own array with its own value string, they were over
// half of what reading that HAR held, and the garbage collector copied every one of them as it
// went. Whole lists repeat too (the same request to the same endpoint, the same preflight answer):
// the bench's 10,000-entry HAR has 1,587 distinct request lists and 750 response lists; kept once
// each, the entries that survive the walk hold ~40% less, so V8's young generation, which grows
// with what survives it, stays smaller. Lines and lists are readonly (HeaderLine, HeaderList), so
// entries can share them.

import type { HeaderLine, HeaderList } from '../cors/index.ts';

/**
 * What one reader keeps, at most: a hostile log may hold millions of distinct lines, each up to
 * MAX_HEADER_LINE_LENGTH. Past either limit, lines are made as before, one per entry.
 */
const MAX_LINES = 1 << 15;
const MAX_CHARACTERS = 1 << 22;
/** The most lists one reader keeps; past it, lists are made as before, one per entry. */
const MAX_LISTS = 1 << 15;

export class HeaderLines {
  /** Each kept line's number: its index in `kept`. */
  private readonly byName = new Map<string, Map<string, number>>();
  private readonly kept: HeaderLine[] = [];
  private characters = 0;
  /** A kept list per hash of its lines' numbers (listHash); a second list of the same hash is not kept. */
  private readonly lists = new Map<number, HeaderList>();

  /** The line `name: value`, the same array as before when it was seen before. */
  line(name: string, value: string): HeaderLine {
    const id = this.id(name, value);
    return id === -1 ? [name, value] : this.kept[id]!;
  }

  /** The number of the line `name: value` (kept now if new), or -1 past the limits: then it is not kept. */
  id(name: string, value: string): number {
    let values = this.byName.get(name);
    const known = values?.get(value);
    if (known !== undefined) return known;
    const size = name.length + value.length;
    if (this.kept.length >= MAX_LINES || this.characters + size > MAX_CHARACTERS) return -1;
    if (values === undefined) {
      values = new Map();
      this.byName.set(name, values);
    }
    const id = this.kept.length;
    this.kept.push([name, value]);
    values.set(value, id);
    this.characters += size;
    return id;
  }

  /** The line numbered `id` (from `id`). */
  lineOf(id: number): HeaderLine {
    return this.kept[id]!;
  }

  /**
   * `list`, made of kept lines (`lineOf`) hashing to `hash` (listHash over their numbers, in
   * order), or the same lines' list kept before. A list is only ever compared line by line, so a
   * hash shared by two lists makes the second one its own, never the first.
   */
  list(list: HeaderLine[], hash: number): HeaderList {
    const known = this.lists.get(hash);
    if (known === undefined) {
      if (this.lists.size < MAX_LISTS) this.lists.set(hash, list);
      return list;
    }
    if (known.length !== list.length) return list;
    for (let i = 0; i < list.length; i++) if (known[i] !== list[i]) return list;
    return known;
  }
}

/** A list's hash, line by line: listHash(listHash(0, id0), id1)... */
export function listHash(hash: number, id: number): number {
  return (Math.imul(hash, 31) + id + 1) | 0;
}
