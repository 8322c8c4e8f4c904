// Walks a big JSON document an element at a time, without parsing it whole: the CLI reads HAR files
// of hundreds of megabytes, and `JSON.parse` of the whole text holds the text and every object of it
// at once (the issue measured 7–8 times the file). Only the object members and array elements on
// the path asked for are walked here; every value is still read by `JSON.parse`, on its own bytes,
// so what is accepted and what each value is stays JSON.parse's decision.
//
// Anything unusual (a syntax error, a repeated key, a value of an unexpected kind on the path) ends
// the walk with `undefined`: the caller then parses the whole text the ordinary way, which gives the
// exact message for a broken file and the exact semantics for an odd one.

import { isAscii } from 'node:buffer';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The most bytes an element found by its indentation may span (bigger ones are walked). */
const GUESS_LIMIT = 16 * 2 ** 20;

/** Signals a document this walker leaves to JSON.parse. */
export class NotWalkable extends Error {}

export class JsonBytes {
  constructor(readonly bytes: Buffer) {}

  /** The index of the first byte after JSON whitespace from `at`. */
  skipSpace(at: number): number {
    const bytes = this.bytes;
    let i = at;
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
      i++;
    }
    return i;
  }

  expect(at: number, byte: number): number {
    if (this.bytes[at] !== byte) throw new NotWalkable();
    return at + 1;
  }

  /** The end (exclusive) of the string starting at the quote at `at`. */
  stringEnd(at: number): number {
    const bytes = this.bytes;
    let from = at + 1;
    for (;;) {
      const quote = bytes.indexOf(QUOTE, from);
      if (quote === -1) throw new NotWalkable();
      // Escaped when preceded by an odd number of backslashes.
      let backslashes = 0;
      while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      from = quote + 1;
    }
  }

  /** The end (exclusive) of the value starting at `at` (not validated: JSON.parse does that). */
  valueEnd(at: number): number {
    const bytes = this.bytes;
    const first = bytes[at];
    if (first === undefined) throw new NotWalkable();
    if (first === QUOTE) return this.stringEnd(at);
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      let depth = 0;
      let i = at;
      while (i < bytes.length) {
        const b = bytes[i]!;
        if (b === QUOTE) {
          i = this.stringEnd(i);
          continue;
        }
        if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
        else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
      throw new NotWalkable();
    }
    // A number or a literal: up to the next delimiter.
    let i = at;
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
      i++;
    }
    return i;
  }

  /** JSON.parse of the bytes from `start` to `end`; a syntax error ends the walk. */
  parse(start: number, end: number): unknown {
    try {
      return JSON.parse(this.bytes.toString('utf8', start, end));
    } catch {
      throw new NotWalkable();
    }
  }

  /**
   * Calls `onMember(key, valueStart)` for each member of the object at `at`; `onMember` returns
   * where the value ends. Returns the end of the object. A key seen twice ends the walk (JSON.parse
   * keeps the last; walking has already used the first).
   */
  members(at: number, onMember: (key: string, valueStart: number) => number): number {
    let i = this.skipSpace(this.expect(at, OPEN_OBJECT));
    if (this.bytes[i] === CLOSE_OBJECT) return i + 1;
    const seen = new Set<string>();
    for (;;) {
      if (this.bytes[i] !== QUOTE) throw new NotWalkable();
      const keyEnd = this.stringEnd(i);
      const key = this.parse(i, keyEnd) as string;
      if (seen.has(key)) throw new NotWalkable();
      seen.add(key);
      i = this.skipSpace(this.expect(this.skipSpace(keyEnd), COLON));
      i = this.skipSpace(onMember(key, i));
      if (this.bytes[i] === CLOSE_OBJECT) return i + 1;
      i = this.skipSpace(this.expect(i, COMMA));
    }
  }

  /**
   * Calls `onElement(value, start)` for each element of the array at `at`, `value` being
   * JSON.parse of its bytes. Returns the array's end.
   */
  elements(at: number, onElement: (value: unknown, start: number) => void): number {
    let i = this.skipSpace(this.expect(at, OPEN_ARRAY));
    if (this.bytes[i] === CLOSE_ARRAY) return i + 1;
    for (;;) {
      const end = this.parseElement(i);
      onElement(this.element, i);
      i = this.skipSpace(end);
      if (this.bytes[i] === CLOSE_ARRAY) return i + 1;
      i = this.skipSpace(this.expect(i, COMMA));
    }
  }

  /** The value `parseElement` read last. */
  private element: unknown;
  /** Whether every byte is ASCII, when first asked: then each byte is its character, read as such faster than as UTF-8. */
  private ascii: boolean | undefined;
  /** Off once an indented object did not end at its closing line: the file is not indented as most are. */
  private byIndentation = true;

  /**
   * JSON.parse of the value at `at` (into `element`); returns its end. An indented file's object
   * (DevTools writes them so) ends at the first line holding its indentation and `}`: found by
   * looking at the `}`s alone rather than walking every byte. That is only a guess until JSON.parse
   * of the bytes up to there succeeds, and then it is exact: those bytes start with `{` and end
   * with `}`, and JSON.parse accepts them only as one object spanning them all, the value at `at`.
   * (A line break cannot be inside a JSON string, so the guess never cuts one.) A guess JSON.parse
   * refuses, or no closing line found, is left to the walk over the bytes, and so is every object
   * after it.
   */
  private parseElement(at: number): number {
    const close = this.byIndentation ? this.closingLine(at) : -1;
    // No closing line where the indentation says: the file is not indented as the guess needs, and
    // looking again for each later object would scan up to GUESS_LIMIT bytes each time.
    if (close === -1) this.byIndentation = false;
    if (close !== -1) {
      const end = close + 1;
      try {
        this.element = JSON.parse(this.bytes.toString((this.ascii ??= isAscii(this.bytes)) ? 'latin1' : 'utf8', at, end));
        return end;
      } catch {
        this.byIndentation = false;
      }
    }
    const end = this.valueEnd(at);
    this.element = this.parse(at, end);
    return end;
  }

  /**
   * Where the object opening at `at` would close if the file is indented: the first `}` after it
   * that starts a line indented as the object's own first line. -1 when `at` opens no object, does
   * not start its line, or no such `}` is near.
   */
  private closingLine(at: number): number {
    const bytes = this.bytes;
    if (bytes[at] !== OPEN_OBJECT) return -1;
    let lineStart = at;
    while (lineStart > 0 && (bytes[lineStart - 1] === 0x20 || bytes[lineStart - 1] === 0x09)) lineStart--;
    if (lineStart === 0 || bytes[lineStart - 1] !== 0x0a) return -1;
    const indentation = at - lineStart;
    // A guess far away (a file whose objects close otherwise) is not parsed: the walk is cheaper.
    const limit = Math.min(bytes.length, at + GUESS_LIMIT);
    let close = at;
    for (;;) {
      close = bytes.indexOf(CLOSE_OBJECT, close + 1);
      if (close === -1 || close >= limit) return -1;
      const from = close - indentation;
      if (bytes[from - 1] !== 0x0a) continue;
      let same = true;
      for (let k = 0; k < indentation; k++) {
        if (bytes[from + k] !== bytes[lineStart + k]) {
          same = false;
          break;
        }
      }
      if (same) return close;
    }
  }
}
