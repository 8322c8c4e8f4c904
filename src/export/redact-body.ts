// A request body, whatever its format: multipart/form-data (each part by its field name, then by
// its own content type), JSON (`redact-json.ts`), XML (`redact-xml.ts`), URL-encoded or text/plain
// forms, and anything else as free text. The format comes from the Content-Type when there is one
// and from the body's first characters when not; JWTs, and multipart fields under a boundary other
// than the declared one, are looked for once more at the end, wherever they hide.

import { FIELD_NAME } from './form-data-parts.ts';
import { isMultipartType, redactBoundary, redactEngineValue } from './redact-engine-values.ts';
import { redactHeader } from './redact-header.ts';
import { redactFormDataParts, redactJwts } from './redact-shapes.ts';
import { redactJson } from './redact-json.ts';
import { redactParameters, redactText } from './redact-text.ts';
import { redactXml } from './redact-xml.ts';
import { isPlaceholder, placeholder, record, within, type Redaction } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

// Multipart inside multipart inside...: past this the body is scanned as text.
const MAX_NESTING = 3;

/** `a=1&b=2`, or one `name=value` a line (text/plain forms): the first field has a plain name. */
function looksLikeForm(body: string): boolean {
  const first = body.split(/[&\r\n]/, 1)[0]!;
  const equals = first.indexOf('=');
  return equals > 0 && equals <= 128 && !/[\s{}[\]<>":]/.test(first.slice(0, equals));
}

function redactForm(body: string, found: Redaction[], where: string): string {
  return body
    .split(/(\r?\n)/)
    .map((line, i) => (i % 2 === 1 ? line : redactParameters(line, found, where)))
    .join('');
}

/**
 * The boundary from `...; boundary=...` when the body holds it (`at`: where it stands in
 * `contentType`), else from a body that opens with `--boundary` (`at` -1; a declared boundary the
 * body does not use is not trusted; parts missed either way are found by their headers,
 * `form-data-parts.ts`).
 */
function multipartBoundary(contentType: string, body: string): { boundary: string; at: number } | null {
  const declared = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = declared === null ? null : (declared[1] ?? declared[2]!);
  if (boundary !== null && body.includes(`--${boundary}`)) return { boundary, at: declared!.index + declared![0].lastIndexOf(boundary) };
  const firstLine = /^--([^\r\n]{1,70})\r?\n/.exec(body);
  return firstLine !== null && /\r?\nContent-Disposition:/i.test(body) ? { boundary: firstLine[1]!.trimEnd(), at: -1 } : null;
}

/**
 * The boundary as the body's delimiters write it: as the Content-Type writes it. A multipart type's
 * (or a body's own, undeclared) by `redactBoundary`; one a type that is no multipart declared
 * (`text/plain; boundary=...`) is a parameter like any other there (`redact-engine-values.ts`), so
 * the body's delimiters take the text the Content-Type's redaction wrote in its place.
 */
function shownBoundary(contentType: string, { boundary, at }: { boundary: string; at: number }, found: Redaction[], where: string): string {
  if (at === -1 || isMultipartType('content-type', contentType)) return redactBoundary(boundary, found, where);
  const shown = redactEngineValue('content-type', contentType, []).slice(at, at + boundary.length);
  // Recorded under the body's own name, as the multipart one is.
  if (shown !== boundary) redactText(boundary, found, where);
  return shown;
}

/**
 * A part's own header lines, each redacted as a request's header line is (`X-Api-Key: ...`, a
 * `Content-Type` parameter), the `Content-Disposition` as text (a secret's shape in its `filename`);
 * the field's `name` stays, and `where` names the part first (`body:file:x-api-key`).
 */
function redactPartHeaders(headers: string, found: Redaction[], where: string): string {
  return headers
    .split(/(\r?\n)/)
    .map((line, i) => {
      const header = i % 2 === 1 ? null : /^([^:\s]+):([ \t]*)(.*)$/.exec(line);
      if (header === null) return line;
      const [, name, space, value] = header as unknown as [string, string, string, string];
      if (name.toLowerCase() === 'content-disposition') return `${name}:${space}${redactText(value, found, where)}`;
      const taken: Redaction[] = [];
      const [shownName, shownValue] = redactHeader([name, value], taken);
      for (const redaction of taken) record(found, redaction.kind, within(where, redaction.where));
      return `${shownName}:${space}${shownValue}`;
    })
    .join('');
}

/** One part, from just after its delimiter line's `--boundary` to just before the next one's CRLF. */
function redactPart(part: string, found: Redaction[], where: string, nesting: number): string {
  const blank = /\r?\n\r?\n/.exec(part);
  if (blank === null) return redactText(part, found, where);
  const headers = part.slice(0, blank.index + blank[0].length);
  const content = part.slice(headers.length);
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
  const field = FIELD_NAME.exec(disposition);
  const name = field === null ? '' : (field[1] ?? field[2]!);
  const fieldWhere = within(where, name === '' ? 'part' : name);
  const kind = name === '' ? null : sensitiveNameKind(name);
  const shownHeaders = redactPartHeaders(headers, found, fieldWhere);
  if (kind !== null) {
    if (content.trim() === '' || isPlaceholder(content.trim())) return shownHeaders + content;
    record(found, kind, fieldWhere);
    return shownHeaders + placeholder(kind);
  }
  const contentType = /^content-type:(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  return shownHeaders + redactBodyAs(content, found, contentType, fieldWhere, nesting + 1);
}

function redactMultipart(body: string, contentType: string, found: Redaction[], where: string, nesting: number): string | null {
  const declared = multipartBoundary(contentType, body);
  if (declared === null) return null;
  const delimiter = `--${declared.boundary}`;
  let at = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`) + 1;
  if (at <= 0 && !body.startsWith(delimiter)) return null;
  // A secret in the boundary goes as it goes in the Content-Type: the same text in both.
  const shown = `--${shownBoundary(contentType, declared, found, within(where, 'boundary'))}`;
  let out = redactText(body.slice(0, at), found, where);
  for (;;) {
    out += shown;
    const partStart = at + delimiter.length;
    if (body.startsWith('--', partStart)) return out + redactText(body.slice(partStart), found, where);
    const next = body.indexOf(`\n${delimiter}`, partStart);
    if (next === -1) return out + redactPart(body.slice(partStart), found, where, nesting);
    const partEnd = body[next - 1] === '\r' ? next - 1 : next;
    out += redactPart(body.slice(partStart, partEnd), found, where, nesting) + body.slice(partEnd, next + 1);
    at = next + 1;
  }
}

function redactBodyAs(body: string, found: Redaction[], contentType: string, where: string, nesting: number): string {
  if (body === '') return body;
  if (nesting > MAX_NESTING) return redactText(body, found, where);
  const type = contentType.toLowerCase();
  const start = body.trimStart()[0] ?? '';
  let out = redactMultipart(body, contentType, found, where, nesting);
  if (out === null && (type.includes('json') || start === '{' || start === '[')) out = redactJson(body, found, where);
  if (out === null && (type.includes('xml') || start === '<')) out = redactXml(body, found, where);
  if (out === null && (type.includes('x-www-form-urlencoded') || looksLikeForm(body.trimStart()))) out = redactForm(body, found, where);
  // `application/graphql` is a bare GraphQL document (`application/graphql+json` would be JSON).
  out ??= redactText(body, found, where, { graphql: type.includes('graphql') && !type.includes('json') });
  return redactJwts(redactFormDataParts(out, found, where), found, where);
}

/**
 * A request body with its secrets replaced. `contentType` is the request's Content-Type when known.
 * `where` records say `body:<field path>` (`body:user.password`, `body:variables.input.pin`).
 */
export function redactBody(body: string, found: Redaction[], contentType = ''): string {
  return redactBodyAs(body, found, contentType, 'body', 0);
}
