// One header line per distinct (name, value) read from a log. A capture repeats the same few
// thousand lines (User-Agent, Accept, the server's CORS headers) over all its entries: the 151 MB
// generated HAR of `npm run bench` has 816,413 lines and 7,603 distinct ones. Each kept as its own
// array with its own value string, they were over half of what reading that HAR held, and the
// garbage collector copied every one of them as it went. A line is readonly (HeaderLine), so
// entries can share one.

import type { HeaderLine } from '../cors/index.ts';

/**
 * What one reader keeps, at most: a hostile log may hold millions of distinct lines, each up to
 * MAX_HEADER_LINE_LENGTH. Past either limit, lines are made as before, one per entry.
 */
const MAX_LINES = 1 << 15;
const MAX_CHARACTERS = 1 << 22;

export class HeaderLines {
  private readonly byName = new Map<string, Map<string, HeaderLine>>();
  private lines = 0;
  private characters = 0;

  /** The line `name: value`, the same array as before when it was seen before. */
  line(name: string, value: string): HeaderLine {
    let values = this.byName.get(name);
    const known = values?.get(value);
    if (known !== undefined) return known;
    const line: HeaderLine = [name, value];
    const size = name.length + value.length;
    if (this.lines >= MAX_LINES || this.characters + size > MAX_CHARACTERS) return line;
    if (values === undefined) {
      values = new Map();
      this.byName.set(name, values);
    }
    values.set(value, line);
    this.lines++;
    this.characters += size;
    return line;
  }
}
