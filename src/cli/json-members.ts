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

/** The bytes a file is read in at first: a window that grows only for a value bigger than half of it. */
const WINDOW_BYTES = 2 ** 20;

/**
 * Reads the document's bytes from `position` into `into` at `offset`, at most `length`; returns
 * how many, 0 at its end.
 */
export type ReadBytes = (into: Buffer, offset: number, length: number, position: number) => number;

/** Signals a document this walker leaves to JSON.parse. */
export class NotWalkable extends Error {}

/**
 * A JSON document's bytes: all of them in one buffer, or a file read through a window (reading a
 * 33 MB HAR whole touched 33 MB of fresh memory: ~8,000 page faults, 80-90 ms of CPU, for bytes each
 * read once). Positions are the document's byte offsets either way; a window keeps the bytes from
 * the earliest one still needed (the value being scanned, the separator before an element, whose
 * indentation `closingLine` reads back) and reads on from where it ends.
 */
export class JsonBytes {
  /** The bytes held: the document's from `base` on. */
  private bytes: Buffer;
  private base = 0;
  /** The window's storage (`bytes` is its filled part); undefined when the document is held whole. */
  private storage: Buffer | undefined;
  private readonly read: ReadBytes | undefined;
  private ended: boolean;
  /** The earliest byte an enclosing scan still needs (Infinity: none). */
  private hold = Number.POSITIVE_INFINITY;

  constructor(source: Buffer | ReadBytes, windowBytes = WINDOW_BYTES) {
    if (typeof source === 'function') {
      this.read = source;
      this.storage = Buffer.allocUnsafe(windowBytes);
      this.bytes = this.storage.subarray(0, 0);
      this.ended = false;
    } else {
      this.read = undefined;
      this.bytes = source;
      this.ended = true;
    }
  }

  /**
   * Reads on past the bytes held, keeping those from `keep` (and from any earlier one an
   * enclosing scan holds). False at the document's end.
   */
  private more(keep: number): boolean {
    if (this.ended) return false;
    const from = Math.min(keep, this.hold);
    const heldEnd = this.base + this.bytes.length;
    const kept = heldEnd - from;
    let storage = this.storage!;
    if (kept > storage.length / 2) {
      const grown = Buffer.allocUnsafe(storage.length * 2);
      storage.copy(grown, 0, from - this.base, this.bytes.length);
      storage = grown;
      this.storage = grown;
    } else {
      storage.copyWithin(0, from - this.base, this.bytes.length);
    }
    const count = this.read!(storage, kept, storage.length - kept, heldEnd);
    this.base = from;
    this.bytes = storage.subarray(0, kept + count);
    this.ascii = undefined;
    if (count === 0) this.ended = true;
    return count > 0;
  }

  /** The byte at `at`, read on to it if need be (keeping the bytes from `keep`); undefined past the end. */
  private byteAt(at: number, keep: number): number | undefined {
    while (at - this.base >= this.bytes.length) if (!this.more(keep)) return undefined;
    return this.bytes[at - this.base];
  }

  /** Whether the document starts with UTF-8's byte-order mark. */
  startsWithByteOrderMark(): boolean {
    return this.byteAt(0, 0) === 0xef && this.byteAt(1, 0) === 0xbb && this.byteAt(2, 0) === 0xbf;
  }

  /** Whether `at` is the document's end. */
  isEnd(at: number): boolean {
    return this.byteAt(at, at) === undefined;
  }

  /** The index of the first byte after JSON whitespace from `at`. */
  skipSpace(at: number): number {
    let i = at;
    for (;;) {
      const b = i - this.base < this.bytes.length ? this.bytes[i - this.base]! : this.byteAt(i, i);
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return i;
      i++;
    }
  }

  expect(at: number, byte: number): number {
    if (this.byteAt(at, at) !== byte) throw new NotWalkable();
    return at + 1;
  }

  /** The end (exclusive) of the string starting at the quote at `at`. */
  stringEnd(at: number): number {
    let from = at + 1;
    for (;;) {
      const found = this.bytes.indexOf(QUOTE, from - this.base);
      if (found === -1) {
        from = Math.max(from, this.base + this.bytes.length);
        if (!this.more(at)) throw new NotWalkable();
        continue;
      }
      // Escaped when preceded by an odd number of backslashes (the string's own quote, held, stops the count).
      let backslashes = 0;
      while (this.bytes[found - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return this.base + found + 1;
      from = this.base + found + 1;
    }
  }

  /** The end (exclusive) of the value starting at `at` (not validated: JSON.parse does that). */
  valueEnd(at: number): number {
    const first = this.byteAt(at, at);
    if (first === undefined) throw new NotWalkable();
    if (first === QUOTE) return this.stringEnd(at);
    const held = this.hold;
    this.hold = Math.min(held, at);
    let i = at;
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      let depth = 0;
      for (;;) {
        if (i - this.base >= this.bytes.length && !this.more(at)) throw new NotWalkable();
        const b = this.bytes[i - this.base]!;
        if (b === QUOTE) {
          i = this.stringEnd(i);
          continue;
        }
        if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
        else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) {
            this.hold = held;
            return i + 1;
          }
        }
        i++;
      }
    }
    // A number or a literal: up to the next delimiter.
    for (;;) {
      if (i - this.base >= this.bytes.length && !this.more(at)) break;
      const b = this.bytes[i - this.base]!;
      if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
      i++;
    }
    this.hold = held;
    return i;
  }

  /** JSON.parse of the bytes from `start` to `end`; a syntax error ends the walk. */
  parse(start: number, end: number): unknown {
    try {
      return JSON.parse(this.bytes.toString('utf8', start - this.base, end - this.base));
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
    if (this.byteAt(i, i) === CLOSE_OBJECT) return i + 1;
    const seen = new Set<string>();
    for (;;) {
      if (this.byteAt(i, i) !== QUOTE) throw new NotWalkable();
      const keyEnd = this.stringEnd(i);
      const key = this.parse(i, keyEnd) as string;
      if (seen.has(key)) throw new NotWalkable();
      seen.add(key);
      i = this.skipSpace(this.expect(this.skipSpace(keyEnd), COLON));
      i = this.skipSpace(onMember(key, i));
      if (this.byteAt(i, i) === CLOSE_OBJECT) return i + 1;
      i = this.skipSpace(this.expect(i, COMMA));
    }
  }

  /**
   * Calls `onElement(value, start)` for each element of the array at `at`, `value` being
   * JSON.parse of its bytes. Returns the array's end.
   */
  elements(at: number, onElement: (value: unknown, start: number) => void): number {
    // Each element's indentation is read back from it (closingLine): held from the separator before it.
    const held = this.hold;
    this.hold = Math.min(held, at);
    let i = this.skipSpace(this.expect(at, OPEN_ARRAY));
    if (this.byteAt(i, i) === CLOSE_ARRAY) {
      this.hold = held;
      return i + 1;
    }
    for (;;) {
      const end = this.parseElement(i);
      onElement(this.element, i);
      i = this.skipSpace(end);
      if (this.byteAt(i, i) === CLOSE_ARRAY) break;
      this.hold = Math.min(held, i);
      i = this.skipSpace(this.expect(i, COMMA));
    }
    this.hold = held;
    return i + 1;
  }

  /** The value `parseElement` read last. */
  private element: unknown;
  /** Whether every byte held is ASCII, when first asked: then each byte is its character, read as such faster than as UTF-8. */
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
        // Each window asks once: an ASCII window's bytes read the same as latin1 or as UTF-8.
        this.element = JSON.parse(this.bytes.toString((this.ascii ??= isAscii(this.bytes)) ? 'latin1' : 'utf8', at - this.base, end - this.base));
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
    if (this.byteAt(at, at) !== OPEN_OBJECT) return -1;
    // The line's start, read back over the bytes held (from the separator before `at`, at least).
    let lineStart = at;
    while (lineStart > 0 && (this.bytes[lineStart - 1 - this.base] === 0x20 || this.bytes[lineStart - 1 - this.base] === 0x09)) lineStart--;
    if (lineStart === 0 || this.bytes[lineStart - 1 - this.base] !== 0x0a) return -1;
    const indentation = at - lineStart;
    // A guess far away (a file whose objects close otherwise) is not parsed: the walk is cheaper.
    const limit = at + GUESS_LIMIT;
    let close = at;
    let from = at + 1;
    for (;;) {
      const found = this.bytes.indexOf(CLOSE_OBJECT, from - this.base);
      if (found === -1) {
        from = this.base + this.bytes.length;
        if (from >= limit || !this.more(lineStart)) return -1;
        continue;
      }
      close = this.base + found;
      if (close >= limit) return -1;
      from = close + 1;
      const closeLine = found - indentation;
      if (this.bytes[closeLine - 1] !== 0x0a) continue;
      const first = lineStart - this.base;
      let same = true;
      for (let k = 0; k < indentation; k++) {
        if (this.bytes[closeLine + k] !== this.bytes[first + k]) {
          same = false;
          break;
        }
      }
      if (same) return close;
    }
  }
}
