// An XML body (SOAP, XML-RPC, SAML): the text inside an element whose local name is sensitive
// (`<password>`, `<wsse:Password>`, `<BinarySecurityToken>`) goes, and so does everything inside its
// children; so do sensitive attributes (`<user password="...">`), and the `value` attribute or text
// of an element named by a sensitive `name`/`key` attribute (`<field name="pin">1234</field>`), and
// a `<value>` named by a sibling (`<member><name>password</name><value>...</value></member>`, as
// XML-RPC writes a struct). The rest is scanned as text, and once more decoded when it escapes
// markup or JSON (`&lt;password&gt;`, `&quot;token&quot;`); markup inside CDATA is scanned as XML. A tolerant tokenizer rather than a parser: a body that is not well formed
// is still cleaned, and nothing but the redacted values changes.

import { redactText } from './redact-text.ts';
import { isPlaceholder, placeholder, record, within, type Redaction, type SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

interface Open {
  name: string;
  kind: SecretKind | null;
  where: string;
  /** A child `<name>password</name>` names the next `<value>` child (XML-RPC, key/value lists). */
  namesValue?: { kind: SecretKind; name: string } | undefined;
}

const NAME_ATTRIBUTES = new Set(['name', 'key', 'id', 'field']);
const NAME_ELEMENTS = new Set(['name', 'key', 'field']);
const VALUE_ELEMENTS = new Set(['value', 'val']);
// Inside a sensitive element every attribute's value goes (`<Secret attr="...">`, `<password hint="...">`)
// but these, which say how to read the element (WS-Security's `Type`, `EncodingType`, `ValueType`,
// `wsu:Id`) or declare a namespace, and hold no secret: they are scanned as text, as elsewhere.
const FORM_ATTRIBUTES = new Set(['type', 'encodingtype', 'valuetype', 'id']);
const FORM_PREFIXES = ['xmlns', 'xml:', 'xsi:'];

function describesForm(qualified: string): boolean {
  const lower = qualified.toLowerCase();
  return FORM_ATTRIBUTES.has(localName(lower)) || FORM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
const MAX_SEARCH = 64;
// Markup inside CDATA or escaped in text inside markup...: one level is scanned as XML, deeper as text.
const MAX_NESTED = 2;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references decoded; anything else as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g, (match, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return ENTITIES[name]!;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** Text escaped again as the original was: `&` and `<` always, `>`, `"` and `'` if it escaped them. */
function escapeLike(text: string, original: string): string {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (original.includes('&gt;')) out = out.replace(/>/g, '&gt;');
  if (original.includes('&quot;')) out = out.replace(/"/g, '&quot;');
  if (original.includes('&apos;')) out = out.replace(/'/g, '&apos;');
  return out;
}

function localName(qualified: string): string {
  const colon = qualified.lastIndexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

interface Attribute {
  name: string;
  /** The value without its quotes, and where that is in the tag. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** `a="1" b='2' c=3 d` after a tag's name: the attributes with a value. Linear, no backtracking. */
function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    const nameStart = i;
    while (i < text.length && !isSpace(text[i]!) && !'=>/"\''.includes(text[i]!)) i++;
    if (i === nameStart) {
      i++;
      continue;
    }
    const name = text.slice(nameStart, i);
    let j = i;
    while (j < text.length && isSpace(text[j]!)) j++;
    if (text[j] !== '=') continue;
    j++;
    while (j < text.length && isSpace(text[j]!)) j++;
    const quote = text[j] === '"' || text[j] === "'" ? text[j]! : '';
    const valueStart = quote === '' ? j : j + 1;
    let valueEnd: number;
    if (quote !== '') {
      const close = text.indexOf(quote, valueStart);
      valueEnd = close === -1 ? text.length : close;
    } else {
      valueEnd = valueStart;
      while (valueEnd < text.length && !isSpace(text[valueEnd]!) && text[valueEnd] !== '>') valueEnd++;
    }
    out.push({ name, value: text.slice(valueStart, valueEnd), valueStart, valueEnd });
    i = quote === '' ? valueEnd : valueEnd + 1;
  }
  return out;
}

/** The index after the `>` that closes the tag at `open`, skipping quoted attribute values. */
function tagEnd(text: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return text.length;
}

class XmlRedaction {
  readonly stack: Open[] = [];
  constructor(
    readonly found: Redaction[],
    readonly where: string,
    readonly depth: number,
  ) {}

  /**
   * Text outside any sensitive element: scanned as text, and, when it escapes characters, decoded
   * and scanned again (`&lt;password&gt;...` is markup, `{&quot;token&quot;: ...}` JSON); written
   * back escaped only if a secret came out.
   */
  neutralText(text: string): string {
    const direct = redactText(text, this.found, this.where);
    if (!direct.includes('&')) return direct;
    const decoded = decodeEntities(direct);
    if (decoded === direct) return direct;
    const inner = this.nested(decoded);
    return inner === decoded ? direct : escapeLike(inner, direct);
  }

  /** Text that may be markup (CDATA's, or decoded): as XML one level down, else as text. */
  nested(text: string): string {
    if (text.trimStart().startsWith('<') && this.depth < MAX_NESTED) return redactXmlAt(text, this.found, this.where, this.depth + 1);
    return redactText(text, this.found, this.where);
  }

  cdata(content: string): string {
    const top = this.stack[this.stack.length - 1];
    return top?.kind == null ? this.nested(content) : this.textNode(content);
  }

  textNode(text: string): string {
    const top = this.stack[this.stack.length - 1];
    // `<key>api_key</key>`: a name (of the next `<value>`), not a key, though `key` is a sensitive name.
    if (this.noteName(top, text) || top?.kind == null) return this.neutralText(text);
    const trimmed = text.trim();
    if (trimmed === '' || isPlaceholder(trimmed)) return text;
    record(this.found, top.kind, top.where);
    const lead = text.slice(0, text.length - text.trimStart().length);
    const trail = text.slice(text.trimEnd().length);
    return `${lead}${placeholder(top.kind)}${trail}`;
  }

  /** `<name>password</name>`: the parent's next `<value>` holds a password. Whether the text names a secret. */
  noteName(top: Open | undefined, text: string): boolean {
    if (top === undefined || !NAME_ELEMENTS.has(localName(top.name).toLowerCase())) return false;
    const parent = this.stack[this.stack.length - 2];
    if (parent === undefined) return false;
    const name = decodeEntities(text).trim();
    const kind = sensitiveNameKind(name);
    parent.namesValue = kind === null ? undefined : { kind, name };
    return kind !== null;
  }

  startTag(tag: string): string {
    const head = /^<\s*([^\s/>]*)/.exec(tag)![0];
    const qualified = head.slice(1).trim();
    const rest = tag.slice(head.length);
    const name = localName(qualified);
    const attributes = parseAttributes(rest);
    let namedKind: SecretKind | null = null;
    for (const { name: attribute, value } of attributes) {
      if (NAME_ATTRIBUTES.has(localName(attribute).toLowerCase())) namedKind ??= sensitiveNameKind(value);
    }
    const parent = this.stack[this.stack.length - 1];
    const inherited = parent?.kind ?? null;
    const sibling = VALUE_ELEMENTS.has(name.toLowerCase()) ? parent?.namesValue : undefined;
    this.push(qualified, sensitiveNameKind(name) ?? namedKind ?? sibling?.kind ?? inherited, sibling?.name ?? name, tag);
    // Not one named by its `name` attribute (`<field name="pin" type="text">`): its name stays, its `value` goes.
    const elementKind = sensitiveNameKind(name) ?? inherited;
    let out = head;
    let last = 0;
    for (const attribute of attributes) {
      const attributeName = localName(attribute.name);
      const attributeKind =
        sensitiveNameKind(attributeName) ??
        (namedKind !== null && attributeName.toLowerCase() === 'value' ? namedKind : null) ??
        (elementKind !== null && !describesForm(attribute.name) ? elementKind : null);
      const attributeWhere = within(this.where, `${name}@${attributeName}`);
      let value = attribute.value;
      if (attributeKind === null) {
        value = redactText(value, this.found, attributeWhere);
      } else if (value.trim() !== '' && !isPlaceholder(value)) {
        record(this.found, attributeKind, attributeWhere);
        value = placeholder(attributeKind);
      }
      out += rest.slice(last, attribute.valueStart) + value;
      last = attribute.valueEnd;
    }
    return out + rest.slice(last);
  }

  push(qualified: string, kind: SecretKind | null, name: string, tag: string): void {
    if (/\/\s*>$/.test(tag)) return;
    const sensitiveHere = kind !== null && this.stack[this.stack.length - 1]?.kind !== kind;
    this.stack.push({ name: qualified, kind, where: sensitiveHere ? within(this.where, name) : (this.stack[this.stack.length - 1]?.where ?? this.where) });
  }

  endTag(tag: string): void {
    const qualified = /^<\/\s*([^\s>]+)/.exec(tag)?.[1] ?? '';
    // Only the innermost few are searched: a stray end tag in hostile nesting costs no more than that.
    for (let i = this.stack.length - 1; i >= Math.max(0, this.stack.length - MAX_SEARCH); i--) {
      if (this.stack[i]!.name !== qualified) continue;
      this.stack.length = i;
      return;
    }
  }
}

/** Whether a string is XML markup (starts with a tag, ends with one): `<a>...</a>`, `<a/>`. */
export function looksLikeXml(text: string): boolean {
  const trimmed = text.trim();
  return /^<[A-Za-z?!_]/.test(trimmed) && trimmed.endsWith('>') && (trimmed.includes('</') || trimmed.includes('/>'));
}

/** The XML body with its secrets replaced. */
export function redactXml(text: string, found: Redaction[], where: string): string {
  return redactXmlAt(text, found, where, 0);
}

function redactXmlAt(text: string, found: Redaction[], where: string, depth: number): string {
  const redaction = new XmlRedaction(found, where, depth);
  let out = '';
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const textEnd = open === -1 ? text.length : open;
    if (textEnd > position) out += redaction.textNode(text.slice(position, textEnd));
    if (open === -1) break;
    let end: number;
    const close = text.startsWith('<![CDATA[', open) ? text.indexOf(']]>', open) : -1;
    if (text.startsWith('<![CDATA[', open) && close === -1) {
      // A CDATA section never closed is no section: what follows is read as markup, so an element
      // after it is still found (and CDATA openings in a row cost one step each).
      end = open + 9;
      out += '<![CDATA[';
    } else if (close !== -1) {
      end = close + 3;
      out += `<![CDATA[${redaction.cdata(text.slice(open + 9, close))}]]>`;
    } else if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      end = close === -1 ? text.length : close + 3;
      out += redactText(text.slice(open, end), found, where);
    } else if (text.startsWith('<?', open) || text.startsWith('<!', open)) {
      // `<?xml-stylesheet href="...">`, `<!DOCTYPE a SYSTEM "...">`: URLs, scanned as text.
      end = tagEnd(text, open);
      out += redactText(text.slice(open, end), found, where);
    } else if (text.startsWith('</', open)) {
      end = tagEnd(text, open);
      redaction.endTag(text.slice(open, end));
      out += text.slice(open, end);
    } else {
      end = tagEnd(text, open);
      out += redaction.startTag(text.slice(open, end));
    }
    position = end;
  }
  return out;
}
