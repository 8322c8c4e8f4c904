// A capture sanitized before (a sanitized HAR or a bundle opened again) holds `REDACTED-...`
// placeholders where the browser sent secrets, and a command rebuilt from it sends them as they are:
// `Cookie: session=REDACTED-COOKIE` reaches the server, which answers a request without the page's
// session (a 401 where the browser got its CORS failure), and whoever ran it thinks the bug is gone.
// The curl and fetch() exports say where such placeholders are, and what to put there. Only
// placeholders the capture itself holds count here: what an export replaces on its own is listed by
// its redaction note (`redactionNote`), with `--include-secrets` as the way to keep it.

import type { HeaderLine } from '../cors/index.ts';
import { SECRET_KINDS, placeholder } from './redaction.ts';
import { CUT_NAME_MARKER } from './redact-header.ts';
import { STILL_NO_TOKEN } from './secret-methods.ts';

// Every placeholder an export writes, whole: a kind (`REDACTED-TOKEN`), numbered or not
// (`REDACTED-TOKEN-1`), or a cut's marker, in the capitals the exports write, with no letter or digit
// on either side. A hyphen or any other character may border it: a name's secret part is replaced in
// place (`x-REDACTED-JWT-1`, `REDACTED-API-KEY-x`). An ordinary word that only looks like one
// (`X-Redacted-Cookie`, `REDACTED-TOKENX`, `REDACTED-SECRETS`) holds none.
const PLACEHOLDERS = [...SECRET_KINDS.map(placeholder), CUT_NAME_MARKER, STILL_NO_TOKEN.trim()].sort((a, b) => b.length - a.length);
const PLACEHOLDER = new RegExp(`(?<![A-Za-z0-9])(?:${PLACEHOLDERS.join('|')})(?:-[0-9]+)?(?![A-Za-z0-9])`);

/** Whether `text` holds one of the placeholders an export writes. */
function holdsPlaceholder(text: string): boolean {
  return text.includes('REDACTED-') && PLACEHOLDER.test(text);
}

/**
 * Whether a list of header names (`Access-Control-Request-Headers`) holds one. The list may be
 * lower-cased (Chromium lower-cases it, and so does the engine rebuilding a preflight), so an item
 * counts when it holds one as written, or when it is, in any case, the name of a header line of
 * these requests that holds one (`placeholderNames`): a lower-cased `x-redacted-cookie` is then the
 * page's own header name, not a placeholder.
 */
function listHoldsPlaceholder(list: string, placeholderNames: ReadonlySet<string>): boolean {
  return list.split(',').some((item) => holdsPlaceholder(item) || placeholderNames.has(item.trim().toLowerCase()));
}

/** A request as an export writes it: the fields a command sends. */
export interface WrittenRequest {
  method: string;
  url: string;
  headers: readonly HeaderLine[];
  body: string | null;
}

/**
 * Where the placeholders of a capture are in what a command sends, each part named as the command
 * writes it (captured text: the caller shows it safely for where it goes).
 */
export interface PlaceholderPlaces {
  /** Names of the headers whose value holds one (each once, in order). */
  headerValues: string[];
  /** Header names that are themselves one (a name shaped like a secret, numbered). */
  headerNames: string[];
  /** Names of the URL's query parameters whose name or value holds one. */
  query: string[];
  /** Anywhere else in the URL (a path segment). */
  url: boolean;
  method: boolean;
  body: boolean;
}

/** The URL as a command sends it: neither curl nor fetch() sends the fragment. */
function sentUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** The raw `name=value` parts of a sent URL's query, as written (no decoding), and the rest of the URL. */
function urlParts(url: string): { rest: string; query: string[] } {
  const question = url.indexOf('?');
  if (question === -1) return { rest: url, query: [] };
  return { rest: url.slice(0, question), query: url.slice(question + 1).split('&') };
}

function addOnce(list: string[], name: string): void {
  if (!list.some((seen) => seen.toLowerCase() === name.toLowerCase())) list.push(name);
}

/**
 * Where `captured` (the requests as the capture holds them, secrets and all) carries placeholders,
 * named as `written` (the same requests as the export writes them, redacted or not) writes each part:
 * a name the export replaced shows as replaced. The two lists are the same requests in the same
 * order, header by header (redaction keeps every line); where they are not, the places are named
 * from what is written. Null when there is none.
 */
export function heldPlaceholders(captured: readonly WrittenRequest[], written: readonly WrittenRequest[]): PlaceholderPlaces | null {
  const places: PlaceholderPlaces = { headerValues: [], headerNames: [], query: [], url: false, method: false, body: false };
  let any = false;
  const placeholderNames = new Set(captured.flatMap((request) => request.headers.flatMap(([name]) => (holdsPlaceholder(name) ? [name.toLowerCase()] : []))));
  captured.forEach((request, r) => {
    const out = written[r];
    if (out === undefined) return;
    // Line by line where they line up; else what is written, found and named alike.
    (out.headers.length === request.headers.length ? request.headers : out.headers).forEach(([name, value], i) => {
      const as = out.headers[i]![0];
      if (holdsPlaceholder(name)) addOnce(places.headerNames, as);
      else if (name.toLowerCase() === 'access-control-request-headers' ? listHoldsPlaceholder(value, placeholderNames) : holdsPlaceholder(value)) addOnce(places.headerValues, as);
      else return;
      any = true;
    });
    if (holdsPlaceholder(request.method)) places.method = any = true;
    if (request.body !== null && holdsPlaceholder(request.body)) places.body = any = true;
    const url = sentUrl(request.url);
    if (holdsPlaceholder(url)) {
      any = true;
      const { rest, query } = urlParts(url);
      const shownQuery = urlParts(sentUrl(out.url)).query;
      const at = query.flatMap((part, i) => (holdsPlaceholder(part) ? [i] : []));
      // Named as written where the export wrote as many parameters; else only "the URL".
      if (shownQuery.length === query.length) for (const i of at) addOnce(places.query, shownQuery[i]!.split('=')[0]!);
      else if (at.length > 0) places.url = true;
      if (holdsPlaceholder(rest)) places.url = true;
    }
  });
  return any ? places : null;
}

// A place names at most this many characters of captured text, and a list at most this many names:
// the line stays readable whatever the capture holds.
const MAX_NAME = 60;
const MAX_NAMES = 6;

/** At most `MAX_NAME` characters of `name`, whole code points, `...` where cut. */
function cut(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_NAME ? name : `${chars.slice(0, MAX_NAME).join('')}...`;
}

/** `a`, `a and b`, `a, b and c`; past `MAX_NAMES`, `a, b, ... and 3 more`. */
function listed(items: readonly string[]): string {
  const shown = items.length > MAX_NAMES ? [...items.slice(0, MAX_NAMES - 1), `${items.length - MAX_NAMES + 1} more`] : items;
  return shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * The note for a command's reader: where the placeholders are and what to put there. `show` writes
 * a captured name for where the note goes (as is in a shell comment, whose writer makes any text
 * inert there; as a string literal in JavaScript); it gets at most `MAX_NAME` characters of it.
 */
export function placeholdersNote(places: PlaceholderPlaces, what: 'this command' | 'these commands' | 'this call', show: (name: string) => string = (name) => name): string {
  const name = (text: string) => show(cut(text));
  const cookie = places.headerValues.some((header) => header.toLowerCase() === 'cookie');
  const parts: string[] = [];
  const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);
  if (places.headerValues.length > 0) parts.push(`${plural(places.headerValues.length, 'the header', 'the headers')} ${listed(places.headerValues.map(name))}`);
  if (places.headerNames.length > 0) parts.push(`${plural(places.headerNames.length, 'the header name', 'the header names')} ${listed(places.headerNames.map(name))} (for the names the page sent)`);
  if (places.query.length > 0) parts.push(`the query ${plural(places.query.length, 'parameter', 'parameters')} ${listed(places.query.map(name))}`);
  if (places.url) parts.push(places.query.length > 0 ? 'elsewhere in the URL' : 'the URL');
  if (places.method) parts.push('the method');
  if (places.body) parts.push('the body');
  return (
    `This capture was sanitized before: ${what} ${what === 'these commands' ? 'send' : 'sends'} its REDACTED-... placeholders, not what the browser sent, in ${parts.join('; ')}. ` +
    `Put the real values there first (from a session of your own: ${cookie ? 'its cookies, ' : ''}a token or key the server accepts); ` +
    'sent as they are, the server may answer otherwise than it answered the browser (a 401 or 403 for a placeholder credential), and the CORS failure may not show.'
  );
}
