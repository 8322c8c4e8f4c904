// A strict JSON parser (https://www.rfc-editor.org/rfc/rfc8259) that keeps where each value is in
// the text, so a redaction can replace one value and leave every other byte as it was (re-serialising
// would change spacing, escapes and large numbers). Null when the text is not JSON or nests deeper
// than `MAX_DEPTH`; the caller then falls back to a tolerant scan.

export type JsonNode =
  | { type: 'object'; start: number; end: number; members: JsonMember[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string' | 'number' | 'literal'; start: number; end: number };

interface JsonMember {
  key: string;
  /** The key's string as written, quotes included: `text.slice(keyStart, keyEnd)`. */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

const MAX_DEPTH = 200;

class NotJson {}

class Parser {
  position = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new NotJson();
  }

  space(): void {
    const { text } = this;
    while (this.position < text.length) {
      const c = text.charCodeAt(this.position);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.position++;
    }
  }

  /** The index after the string that starts at `position` (a `"`). */
  stringEnd(): number {
    const { text } = this;
    for (let i = this.position + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c < 0x20) this.fail();
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) this.fail();
          i += 5;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i++;
        } else {
          this.fail();
        }
      }
    }
    return this.fail();
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail();
    this.space();
    const { text } = this;
    const start = this.position;
    const c = text[start];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') {
      this.position = this.stringEnd();
      return { type: 'string', start, end: this.position };
    }
    const literal = /^(?:true|false|null)/.exec(text.slice(start, start + 5));
    if (literal !== null) {
      this.position += literal[0].length;
      return { type: 'literal', start, end: this.position };
    }
    const number = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 400));
    if (number === null) this.fail();
    this.position += number[0].length;
    return { type: 'number', start, end: this.position };
  }

  object(depth: number): JsonNode {
    const start = this.position++;
    const members: JsonMember[] = [];
    this.space();
    if (this.text[this.position] === '}') {
      this.position++;
      return { type: 'object', start, end: this.position, members };
    }
    for (;;) {
      this.space();
      if (this.text[this.position] !== '"') this.fail();
      const keyStart = this.position;
      this.position = this.stringEnd();
      const keyEnd = this.position;
      const key = JSON.parse(this.text.slice(keyStart, keyEnd)) as string;
      this.space();
      if (this.text[this.position] !== ':') this.fail();
      this.position++;
      members.push({ key, keyStart, keyEnd, value: this.value(depth + 1) });
      this.space();
      const next = this.text[this.position++];
      if (next === '}') return { type: 'object', start, end: this.position, members };
      if (next !== ',') this.fail();
    }
  }

  array(depth: number): JsonNode {
    const start = this.position++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.position] === ']') {
      this.position++;
      return { type: 'array', start, end: this.position, items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.position++];
      if (next === ']') return { type: 'array', start, end: this.position, items };
      if (next !== ',') this.fail();
    }
  }
}

/** The document's top value with the span of every value in it, or null when it is not JSON. */
export function parseJsonSpans(text: string): JsonNode | null {
  const parser = new Parser(text);
  try {
    const root = parser.value(0);
    parser.space();
    return parser.position === text.length ? root : null;
  } catch (error) {
    if (error instanceof NotJson) return null;
    throw error;
  }
}
