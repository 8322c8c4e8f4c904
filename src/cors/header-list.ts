// Reading headers the way Chromium's network service does.
//
// https://fetch.spec.whatwg.org/#concept-header-list-get: "get" a header returns all values of
// that name, in order, joined with 0x2C 0x20 (", "). Chromium's
// `net::HttpResponseHeaders::GetNormalizedHeader` does the same, after trimming each value of
// leading and trailing HTTP whitespace, and the CORS checks read exactly that string.

import type { HeaderList } from './exchange.ts';
import { memoized } from './memo.ts';

/** https://fetch.spec.whatwg.org/#http-whitespace-byte (tab, LF, CR, space). */
export function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** https://fetch.spec.whatwg.org/#concept-header-value-normalize */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * ASCII case-insensitive comparison of a header name with a lower-case name, without allocating
 * (this runs for every header of every exchange).
 */
export function nameIs(name: string, lowerName: string): boolean {
  const length = lowerName.length;
  if (name.length !== length) return false;
  for (let i = 0; i < length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * `nameIs`, for a name usually written as `usualName` (Title-Case on HTTP/1.1) or `lowerName`
 * (HTTP/2): whole-string equality, which the engine does natively, settles those two spellings
 * before the character loop runs.
 */
export function nameIsUsually(name: string, lowerName: string, usualName: string): boolean {
  return name === usualName || name === lowerName || nameIs(name, lowerName);
}

/** `Content-Type` for `content-type`: how HTTP/1.1 clients and servers usually write a name. */
export function titleCase(lowerName: string): string {
  return lowerName.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-list-get
 * The combined value of every line named `lowerName` (ASCII case-insensitive), each trimmed and
 * joined with ", "; null when no line has that name.
 */
export function getHeader(headers: HeaderList, lowerName: string): string | null {
  let found: string | null = null;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    if (!nameIs(line[0], lowerName)) continue;
    const value = trimHttpWhitespace(line[1]);
    found = found === null ? value : found + ', ' + value;
  }
  return found;
}

/**
 * The values of every line named `name` (ASCII case-insensitive), as written (not trimmed), in
 * order: what the wording shows of a header. The checks read `getHeader`, the normalized value.
 */
export function headerLines(headers: HeaderList | undefined, name: string): string[] {
  const lines: string[] = [];
  if (headers === undefined) return lines;
  const lowerName = toAsciiLowerCase(name);
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    if (nameIs(line[0], lowerName)) lines.push(line[1]);
  }
  return lines;
}

/** `headerLines` joined as HTTP folds repeated lines (`a, b`), or null when absent. */
export function headerLinesJoined(headers: HeaderList | undefined, name: string): string | null {
  const lines = headerLines(headers, name);
  return lines.length === 0 ? null : lines.join(', ');
}

/** https://fetch.spec.whatwg.org/#header-list-contains */
/** The lower-case names of `headers`, read once (for many look-ups in one list). */
export function headerNameSet(headers: HeaderList): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < headers.length; i++) names.add(toAsciiLowerCase(headers[i]![0]));
  return names;
}

export function hasHeader(headers: HeaderList, lowerName: string): boolean {
  for (let i = 0; i < headers.length; i++) {
    if (nameIs(headers[i]![0], lowerName)) return true;
  }
  return false;
}

/** ASCII lower-case, only allocating when needed. */
export function toAsciiLowerCase(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) return value.toLowerCase();
  }
  return value;
}

// Header names repeat across exchanges (the browser sends the same dozen on every request), so
// their lower-case forms are memoized: one map lookup instead of one allocation per header per call.
/** `toAsciiLowerCase(name)`, memoized for header names. */
export const lowerHeaderName: (name: string) => string = memoized(2048, toAsciiLowerCase);

/**
 * The sum of the header names' lengths: a loop that reads every line and branches on none, which
 * the processor runs ahead on, fetching the lines from memory side by side. A verdict calls it
 * before the checks that branch on each name (which would otherwise wait for each line in turn).
 */
export function touchHeaderNames(headers: HeaderList): number {
  let sum = 0;
  for (let i = 0; i < headers.length; i++) sum += headers[i]![0].length;
  return sum;
}
