// The parts of a multipart/form-data body found by their own headers, whatever boundary the body
// uses: the part parser (`redact-body.ts`) reads the boundary the Content-Type declares, but a
// capture may declare another one, none, or another type (a hand-built request, a logged body, a
// multipart body inside a JSON string), and a sensitive field must not escape because of it. Each
// `Content-Disposition: form-data; name="password"` header line starts a part whose content, after
// the blank line that ends its headers, runs to the next line holding its delimiter (`--boundary`,
// the line above its headers) or, with none found, to the next line that starts with `--`.
// https://www.rfc-editor.org/rfc/rfc7578#section-4.1

import { isPlaceholder, type SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

/** `name="password"`, `name=pin`, `name*=...` in a Content-Disposition value. */
export const FIELD_NAME = /\bname\*?=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i;

// A part's disposition header, at a line's start: `form-data` (or a field's `name`) after it.
const DISPOSITION = /(?<=^|\n)[ \t]*content-disposition:[ \t]*(?:form-data|attachment|inline)?[^\r\n]*/gi;
const HEADER_LINE = /^[!#-'*+.0-9A-Z^-z|~-]+:/i;
// Headers of a part are few: the walk back to its delimiter stays short.
const MAX_HEADER_LINES = 8;

/** The delimiter line (`--boundary`) above the part whose header line starts at `at`, or null. */
function delimiterAbove(text: string, at: number): string | null {
  let end = at;
  for (let lines = 0; lines < MAX_HEADER_LINES && end > 0; lines++) {
    const lineEnd = text[end - 2] === '\r' ? end - 2 : end - 1;
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(start, lineEnd);
    if (line.startsWith('--')) return line.trimEnd();
    if (!HEADER_LINE.test(line)) return null;
    end = start;
  }
  return null;
}

// A part's headers are short: the blank line that ends them is looked for this far, no further (so
// many header lines with no blank line after them cost no more than this each).
const MAX_HEADERS = 4096;

/** The end of the blank line after the headers that start at `from`, or -1. */
function afterHeaders(text: string, from: number): number {
  const found = /\r?\n\r?\n/.exec(text.slice(from, from + MAX_HEADERS));
  if (found === null) return -1;
  found.index += from;
  // Every line in between must be a header: otherwise this was prose.
  const lines = text.slice(from, found.index).split(/\r?\n/).slice(1);
  return lines.every((line) => HEADER_LINE.test(line)) ? found.index + found[0].length : -1;
}

/**
 * `text` with the content of each part whose field name is sensitive replaced by
 * `replacement(kind, name)`; headers, delimiters and every other byte as written.
 */
export function replaceFormDataParts(text: string, replacement: (kind: SecretKind, name: string) => string): string {
  if (!/content-disposition/i.test(text)) return text;
  let out = '';
  let last = 0;
  for (const header of text.matchAll(DISPOSITION)) {
    if (header.index < last) continue;
    const field = FIELD_NAME.exec(header[0]);
    const name = field === null ? '' : (field[1] ?? field[2]!);
    const kind = name === '' ? null : sensitiveNameKind(name);
    if (kind === null) continue;
    const contentStart = afterHeaders(text, header.index);
    if (contentStart === -1) continue;
    const delimiter = delimiterAbove(text, header.index);
    const next = text.indexOf(`\n${delimiter ?? '--'}`, contentStart);
    let contentEnd = next < 0 ? text.length : next;
    if (next >= 0 && text[contentEnd - 1] === '\r' && contentEnd > contentStart) contentEnd--;
    const content = text.slice(contentStart, contentEnd);
    if (content.trim() === '' || isPlaceholder(content.trim())) continue;
    out += text.slice(last, contentStart) + replacement(kind, name);
    last = contentEnd;
  }
  return last === 0 ? text : out + text.slice(last);
}
