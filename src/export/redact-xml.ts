// An XML body (SOAP, XML-RPC, SAML): the text inside an element whose local name is sensitive
// (`<password>`, `<wsse:Password>`, `<BinarySecurityToken>`) goes, and so does everything inside its
// children; so do sensitive attributes (`<user password="...">`), and the `value` attribute or text
// of an element named by a sensitive `name`/`key` attribute (`<field name="pin">1234</field>`). The
// rest is scanned as text. A tolerant tokenizer rather than a parser: a body that is not well formed
// is still cleaned, and nothing but the redacted values changes.

import { redactText } from './redact-text.ts';
import { isPlaceholder, placeholder, record, within, type Redaction, type SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

interface Open {
  name: string;
  kind: SecretKind | null;
  where: string;
}

const NAME_ATTRIBUTES = new Set(['name', 'key', 'id', 'field']);
// Tags longer than this are scanned as text: the attribute pattern is then not worth its cost.
const MAX_TAG = 10_000;
const MAX_OPEN = 256;
const ATTRIBUTE = /([^\s=<>/"']+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)/g;

function localName(qualified: string): string {
  const colon = qualified.lastIndexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
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
  ) {}

  textNode(text: string): string {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind == null) return redactText(text, this.found, this.where);
    const trimmed = text.trim();
    if (trimmed === '' || isPlaceholder(trimmed)) return text;
    record(this.found, top.kind, top.where);
    const lead = /^\s*/.exec(text)![0];
    const trail = /\s*$/.exec(text)![0];
    return `${lead}${placeholder(top.kind)}${trail}`;
  }

  startTag(tag: string): string {
    const head = /^<\s*([^\s/>]*)/.exec(tag)![0];
    const qualified = head.slice(1).trim();
    const rest = tag.slice(head.length);
    const name = localName(qualified);
    if (tag.length > MAX_TAG) {
      this.push(qualified, sensitiveNameKind(name), name, tag);
      return redactText(tag, this.found, this.where);
    }
    const attributes = [...rest.matchAll(ATTRIBUTE)];
    let namedKind: SecretKind | null = null;
    for (const [, attribute, , raw] of attributes) {
      if (NAME_ATTRIBUTES.has(localName(attribute!).toLowerCase())) namedKind ??= sensitiveNameKind(raw!.replace(/^["']|["']$/g, ''));
    }
    const inherited = this.stack[this.stack.length - 1]?.kind ?? null;
    const kind = sensitiveNameKind(name) ?? namedKind ?? inherited;
    const out = `${head}${rest.replace(ATTRIBUTE, (all, attribute: string, equals: string, raw: string) => {
      const attributeName = localName(attribute);
      const attributeKind = sensitiveNameKind(attributeName) ?? (namedKind !== null && attributeName.toLowerCase() === 'value' ? namedKind : null);
      const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
      const value = quote === '' ? raw : raw.slice(1, -1);
      const attributeWhere = within(this.where, `${name}@${attributeName}`);
      if (attributeKind === null) return `${attribute}${equals}${quote}${redactText(value, this.found, attributeWhere)}${quote}`;
      if (value.trim() === '' || isPlaceholder(value)) return all;
      record(this.found, attributeKind, attributeWhere);
      return `${attribute}${equals}${quote}${placeholder(attributeKind)}${quote}`;
    })}`;
    this.push(qualified, kind, name, tag);
    return out;
  }

  push(qualified: string, kind: SecretKind | null, name: string, tag: string): void {
    // Past MAX_OPEN the innermost element stands for the deeper ones: hostile nesting stays linear.
    if (/\/\s*>$/.test(tag) || this.stack.length >= MAX_OPEN) return;
    const sensitiveHere = kind !== null && this.stack[this.stack.length - 1]?.kind !== kind;
    this.stack.push({ name: qualified, kind, where: sensitiveHere ? within(this.where, name) : (this.stack[this.stack.length - 1]?.where ?? this.where) });
  }

  endTag(tag: string): void {
    const qualified = /^<\/\s*([^\s>]+)/.exec(tag)?.[1] ?? '';
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.name !== qualified) continue;
      this.stack.length = i;
      return;
    }
  }
}

/** The XML body with its secrets replaced. */
export function redactXml(text: string, found: Redaction[], where: string): string {
  const redaction = new XmlRedaction(found, where);
  let out = '';
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const textEnd = open === -1 ? text.length : open;
    if (textEnd > position) out += redaction.textNode(text.slice(position, textEnd));
    if (open === -1) break;
    let end: number;
    if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open);
      end = close === -1 ? text.length : close + 3;
      const content = text.slice(open + 9, close === -1 ? text.length : close);
      out += `<![CDATA[${redaction.textNode(content)}${close === -1 ? '' : ']]>'}`;
    } else if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      end = close === -1 ? text.length : close + 3;
      out += redactText(text.slice(open, end), found, where);
    } else if (text.startsWith('<?', open) || text.startsWith('<!', open)) {
      end = tagEnd(text, open);
      out += text.slice(open, end);
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
