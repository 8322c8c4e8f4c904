// https://fetch.spec.whatwg.org/#cors-safelisted-request-header, as Chromium applies it
// (`IsCorsSafelistedHeader` and `CorsUnsafeNotForbiddenRequestHeaderNames` in
// services/network/public/cpp/cors/cors.cc and services/network/cors/cors_util.cc).

import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList } from './exchange.ts';
import { forbiddenDependsOnValue, isForbiddenRequestHeaderLower, isForbiddenRequestHeaderName } from './forbidden-request-header.ts';
import { allIn, CORS_UNSAFE_REQUEST_HEADER_BYTE, LANGUAGE_VALUE, someIn, TOKEN } from './byte-classes.ts';
import { isHttpWhitespace, lowerHeaderName, toAsciiLowerCase } from './header-list.ts';

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
  return code <= 0xff && CORS_UNSAFE_REQUEST_HEADER_BYTE[code] === 1;
}

function hasCorsUnsafeRequestHeaderByte(value: string): boolean {
  return someIn(CORS_UNSAFE_REQUEST_HEADER_BYTE, value);
}

/** https://fetch.spec.whatwg.org/#token (RFC 9110 `token`). */
export function isToken(value: string): boolean {
  return value.length > 0 && allIn(TOKEN, value);
}

/**
 * The essence (`type/subtype`, lower-case) of a MIME type, or null when it does not parse.
 * https://mimesniff.spec.whatwg.org/#parse-a-mime-type steps 1-8; parameters are ignored, and a
 * comma is not a separator (Chromium's `ExtractMimeTypeFromMediaType(..., accept_comma_separated
 * = false)`), so `text/plain, application/json` is not a MIME type.
 */
export function parseMimeEssence(value: string): string | null {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  const semicolon = value.indexOf(';', start);
  if (semicolon !== -1) end = semicolon;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  const slash = value.indexOf('/', start);
  if (slash === -1 || slash >= end) return null;
  const type = value.slice(start, slash);
  const subtype = value.slice(slash + 1, end);
  if (!isToken(type) || !isToken(subtype)) return null;
  return (type + '/' + subtype).toLowerCase();
}

const MAX_INT64 = '9223372036854775807';

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * https://fetch.spec.whatwg.org/#simple-range-header-value: `bytes=N-` or `bytes=N-M` with N <= M,
 * case-sensitive `bytes=`, no whitespace, no suffix range (`bytes=-500`). Chromium also refuses
 * positions that saturate an int64.
 */
export function isSimpleRangeHeaderValue(value: string): boolean {
  if (!value.startsWith('bytes=')) return false;
  const dash = value.indexOf('-', 6);
  if (dash === -1) return false;
  const first = value.slice(6, dash);
  const last = value.slice(dash + 1);
  if (!isDigits(first)) return false;
  if (compareDigits(first, MAX_INT64) >= 0) return false;
  if (last.length === 0) return true;
  if (!isDigits(last)) return false;
  if (compareDigits(last, MAX_INT64) >= 0) return false;
  return compareDigits(first, last) <= 0;
}

// Chromium's client hints: `1*DIGIT [ "." 1*DIGIT ]` and `1*DIGIT`.
const DOUBLE_ABNF = /^\d+(?:\.\d+)?$/;
const INT_ABNF = /^\d+$/;
const EFFECTIVE_CONNECTION_TYPES: ReadonlySet<string> = new Set(['slow-2g', '2g', '3g', '4g']);

function isLanguageValue(value: string): boolean {
  return allIn(LANGUAGE_VALUE, value);
}

/** Safelisted names. `undefined` from `SAFELISTED_NAMES.get` means "not a safelisted name". */
type ValueRule = 'accept' | 'language' | 'content-type' | 'range' | 'any' | 'double' | 'int' | 'ect' | 'save-data';
const SAFELISTED_NAMES: ReadonlyMap<string, ValueRule> = new Map<string, ValueRule>([
  // The standard's list.
  ['accept', 'accept'],
  ['accept-language', 'language'],
  ['content-language', 'language'],
  ['content-type', 'content-type'],
  ['range', 'range'],
  // Chromium extras: headers the browser itself may add (interventions, client hints).
  ['intervention', 'any'],
  ['device-memory', 'double'],
  ['dpr', 'double'],
  ['downlink', 'double'],
  ['width', 'int'],
  ['viewport-width', 'int'],
  ['rtt', 'int'],
  ['ect', 'ect'],
  ['save-data', 'save-data'],
]);

/** Whether the lower-case name is one Chromium may safelist (depending on the value). */
export function isSafelistedHeaderName(lowerName: string): boolean {
  return SAFELISTED_NAMES.has(lowerName);
}

export type SafelistVerdict = 'safelisted' | 'name' | 'value' | 'value-too-long';

/**
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 * 1. If value's length is greater than 128, then return false.
 * 2. Byte-lowercase name and switch on the result (accept, accept-language/content-language,
 *    content-type, range; Chromium adds the client hints above).
 * 3. Return true.
 * Returns why not, as data. `lowerName` must be lower-case.
 */
export function corsSafelistVerdict(lowerName: string, value: string): SafelistVerdict {
  const rule = SAFELISTED_NAMES.get(lowerName);
  if (rule === undefined) return 'name';
  if (value.length > 128) return 'value-too-long';
  let ok: boolean;
  switch (rule) {
    case 'accept':
      ok = !hasCorsUnsafeRequestHeaderByte(value);
      break;
    case 'language':
      ok = isLanguageValue(value);
      break;
    case 'content-type': {
      if (hasCorsUnsafeRequestHeaderByte(value)) {
        ok = false;
        break;
      }
      const essence = parseMimeEssence(value);
      ok = essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data' || essence === 'text/plain';
      break;
    }
    case 'range':
      ok = isSimpleRangeHeaderValue(value);
      break;
    case 'double':
      ok = DOUBLE_ABNF.test(value);
      break;
    case 'int':
      ok = INT_ABNF.test(value);
      break;
    case 'ect':
      ok = EFFECTIVE_CONNECTION_TYPES.has(value);
      break;
    case 'save-data':
      ok = value.toLowerCase() === 'on';
      break;
    case 'any':
      ok = true;
      break;
  }
  return ok ? 'safelisted' : 'value';
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header as a boolean. */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  return corsSafelistVerdict(toAsciiLowerCase(name), value) === 'safelisted';
}

/** Chromium's `kSafeListValueSizeMax`; https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names step 4. */
export const SAFELIST_TOTAL_VALUE_LIMIT = 1024;

function insertSorted(names: string[], name: string): void {
  let i = names.length;
  while (i > 0 && names[i - 1]! > name) i--;
  if (i > 0 && names[i - 1] === name) return;
  names.splice(i, 0, name);
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names, as Chromium's
 * `CorsUnsafeNotForbiddenRequestHeaderNames` runs it on an observed request:
 * 1. Let unsafeNames be a new list; potentiallyUnsafeNames a new list; safelistValueSize 0.
 * 2. For each header: skip forbidden headers (the browser's own); if not CORS-safelisted, append its
 *    name to unsafeNames; otherwise append to potentiallyUnsafeNames and add its value's length.
 * 3. If safelistValueSize > 1024, append potentiallyUnsafeNames to unsafeNames.
 * 4. Return the sorted, lower-cased, de-duplicated set of unsafeNames.
 * When `reasons` is given, one `PreflightReason` per unsafe header line is appended to it.
 */
/** What a request header's name alone says, memoized per name as written. */
interface RequestHeaderNameClass {
  lower: string;
  /** Forbidden whatever the value: the browser's own header. */
  forbidden: boolean;
  /** Forbidden depending on the value (method-override names). */
  forbiddenByValue: boolean;
}

const NAME_CLASS_CACHE_LIMIT = 2048;
const nameClasses = new Map<string, RequestHeaderNameClass>();

function classifyRequestHeaderName(name: string): RequestHeaderNameClass {
  let found = nameClasses.get(name);
  if (found === undefined) {
    const lower = lowerHeaderName(name);
    found = { lower, forbidden: isForbiddenRequestHeaderName(lower), forbiddenByValue: forbiddenDependsOnValue(lower) };
    if (nameClasses.size >= NAME_CLASS_CACHE_LIMIT) nameClasses.clear();
    nameClasses.set(name, found);
  }
  return found;
}

export function corsUnsafeRequestHeaderNames(headers: HeaderList, reasons?: PreflightReason[] | null): string[] {
  const unsafe: string[] = [];
  // Indexes of safelisted lines, which turn unsafe when their values together are too long.
  let potentiallyUnsafe: number[] | null = null;
  let safelistValueSize = 0;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const nameClass = classifyRequestHeaderName(line[0]);
    if (nameClass.forbidden) continue;
    const lowerName = nameClass.lower;
    const value = line[1];
    if (nameClass.forbiddenByValue && isForbiddenRequestHeaderLower(lowerName, value)) continue;
    const verdict = corsSafelistVerdict(lowerName, value);
    if (verdict === 'safelisted') {
      (potentiallyUnsafe ??= []).push(i);
      safelistValueSize += value.length;
      continue;
    }
    insertSorted(unsafe, lowerName);
    if (reasons) reasons.push({ kind: 'header', name: lowerName, why: verdict, value });
  }
  if (potentiallyUnsafe !== null && safelistValueSize > SAFELIST_TOTAL_VALUE_LIMIT) {
    for (let i = 0; i < potentiallyUnsafe.length; i++) {
      const line = headers[potentiallyUnsafe[i]!]!;
      const name = lowerHeaderName(line[0]);
      insertSorted(unsafe, name);
      if (reasons) reasons.push({ kind: 'header', name, why: 'total-too-long', value: line[1] });
    }
  }
  return unsafe;
}
