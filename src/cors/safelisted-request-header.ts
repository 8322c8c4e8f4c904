// https://fetch.spec.whatwg.org/#cors-safelisted-request-header, as Chromium applies it
// (`IsCorsSafelistedHeader` and `CorsUnsafeNotForbiddenRequestHeaderNames` in
// services/network/public/cpp/cors/cors.cc and services/network/cors/cors_util.cc).

import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList, RequestMode } from './exchange.ts';
import {
  FORBIDDEN_REQUEST_HEADER_NAMES,
  forbiddenDependsOnValue,
  isForbiddenRequestHeaderLower,
  isForbiddenRequestHeaderName,
  METHOD_OVERRIDE_NAMES,
} from './forbidden-request-header.ts';
import { allIn, CORS_UNSAFE_REQUEST_HEADER_BYTE, LANGUAGE_VALUE, someIn, TOKEN } from './byte-classes.ts';
import { isHttpWhitespace, lowerHeaderName, nameIs, nameIsUsually, titleCase, trimHttpWhitespace } from './header-list.ts';
import { memoized } from './memo.ts';
import { isRequestMode } from './request-mode.ts';

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
  const range = mimeEssenceRange(value);
  return range === null ? null : value.slice(range.start, range.end).toLowerCase();
}

/**
 * Where the essence of a MIME type stands in `value` (steps 1-8 of the algorithm above), without
 * building a string: `type` is `[start, slash)`, `subtype` is `(slash, end)`. Null when it does not
 * parse.
 */
function mimeEssenceRange(value: string): { start: number; slash: number; end: number } | null {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  const semicolon = value.indexOf(';', start);
  if (semicolon !== -1) end = semicolon;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  const slash = value.indexOf('/', start);
  if (slash === -1 || slash >= end) return null;
  if (!isTokenRange(value, start, slash) || !isTokenRange(value, slash + 1, end)) return null;
  return { start, slash, end };
}

/** `value.slice(start, end)` equals the lower-case ASCII `lower`, ASCII case-insensitively. */
function rangeIs(value: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let code = value.charCodeAt(start + i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function isTokenRange(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff || TOKEN[code] === 0) return false;
  }
  return true;
}

/**
 * `parseMimeEssence(value)` is `application/x-www-form-urlencoded`, `multipart/form-data` or
 * `text/plain` (https://fetch.spec.whatwg.org/#cors-safelisted-request-header, `content-type`),
 * decided in place: the same steps, without building the essence string.
 */
export function isCorsSafelistedMimeEssence(value: string): boolean {
  const range = mimeEssenceRange(value);
  if (range === null) return false;
  const { start, slash, end } = range;
  if (rangeIs(value, start, slash, 'text')) return rangeIs(value, slash + 1, end, 'plain');
  if (rangeIs(value, start, slash, 'application')) return rangeIs(value, slash + 1, end, 'x-www-form-urlencoded');
  if (rangeIs(value, start, slash, 'multipart')) return rangeIs(value, slash + 1, end, 'form-data');
  return false;
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
export type ValueRule = 'accept' | 'language' | 'content-type' | 'range' | 'any' | 'double' | 'int' | 'ect' | 'save-data';
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

/** The value rules of the standard's five names (the others are Chromium's client hints). */
const STANDARD_RULES: ReadonlySet<string> = new Set<ValueRule>(['accept', 'language', 'content-type', 'range']);

/** The value rule a lower-case name is safelisted under (for the words that say why a value is not); undefined for any other name. */
export function safelistValueRule(lowerName: string): ValueRule | undefined {
  return SAFELISTED_NAMES.get(lowerName);
}

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
  return safelistVerdictByRule(rule, value);
}

/** Steps 1 and 3 of the above, once step 2 has found the name's value rule. */
function safelistVerdictByRule(rule: ValueRule, value: string): SafelistVerdict {
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
      ok = isCorsSafelistedMimeEssence(value);
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

/** Chromium's `kSafeListValueSizeMax`; https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names step 4. */
export const SAFELIST_TOTAL_VALUE_LIMIT = 1024;

/**
 * Sorts `names` and drops repeats, in place: step 4's "sorted, de-duplicated set" in n log n (the
 * names are collected in header order, so a request with many names stays fast).
 */
function sortUnique(names: string[]): string[] {
  if (names.length < 2) return names;
  if (names.length <= 8) {
    // The usual few names: an insertion sort, in the same order (UTF-16 code units) as `sort()`.
    for (let i = 1; i < names.length; i++) {
      const name = names[i]!;
      let j = i;
      for (; j > 0 && names[j - 1]! > name; j--) names[j] = names[j - 1]!;
      names[j] = name;
    }
  } else {
    names.sort();
  }
  let kept = 1;
  for (let i = 1; i < names.length; i++) if (names[i] !== names[kept - 1]) names[kept++] = names[i]!;
  names.length = kept;
  return names;
}

/**
 * What a request header's name alone says: forbidden (the browser's own, steps 1-2 of
 * https://fetch.spec.whatwg.org/#forbidden-request-header), forbidden depending on its value
 * (step 3), safelisted under a value rule, or none of these.
 */
export type RequestHeaderNameClass = 'forbidden' | ForbiddenFact | 'method-override' | 'other' | ValueRule;

/** Forbidden names whose values tell what the capture left out (see `RequestHeaderFacts`). */
type ForbiddenFact = 'origin' | 'cookie' | 'sec-fetch-mode';

/** Whether a class is forbidden whatever the value (steps 1-2). */
export function isForbiddenClass(nameClass: RequestHeaderNameClass): boolean {
  return nameClass === 'forbidden' || nameClass === 'origin' || nameClass === 'cookie' || nameClass === 'sec-fetch-mode';
}

// Every name with a class, found without allocating: a slot per (length, first, last character)
// (the low 5 bits of a letter are the same in both cases) names the one candidate, which is then
// compared ASCII case-insensitively in place. Names that would share a slot (none today) mark it
// shared, and are found by comparing with every name of that length.
const CLASSED_NAMES: string[] = [];
const CLASSED_USUAL_NAMES: string[] = [];
const CLASSES: RequestHeaderNameClass[] = [];
const SHARED_SLOT = 255;
const NAME_SLOTS = new Uint8Array(64 << 10);

function nameSlot(name: string): number {
  const length = name.length;
  return (length << 10) | ((name.charCodeAt(0) & 31) << 5) | (name.charCodeAt(length - 1) & 31);
}

function addNameClass(lowerName: string, nameClass: RequestHeaderNameClass): void {
  CLASSED_NAMES.push(lowerName);
  CLASSED_USUAL_NAMES.push(titleCase(lowerName));
  CLASSES.push(nameClass);
  const slot = nameSlot(lowerName);
  NAME_SLOTS[slot] = NAME_SLOTS[slot] === 0 && CLASSED_NAMES.length < SHARED_SLOT ? CLASSED_NAMES.length : SHARED_SLOT;
}
// The facts first, each a name of its own (see `ForbiddenFact`).
addNameClass('origin', 'origin');
addNameClass('cookie', 'cookie');
addNameClass('sec-fetch-mode', 'sec-fetch-mode');
for (const name of FORBIDDEN_REQUEST_HEADER_NAMES) if (name !== 'origin' && name !== 'cookie') addNameClass(name, 'forbidden');
for (const name of METHOD_OVERRIDE_NAMES) addNameClass(name, 'method-override');
for (const [name, rule] of SAFELISTED_NAMES) addNameClass(name, rule);
/** Whether `name` starts with the lower-case ASCII `prefix`, ASCII case-insensitively. */
function startsWithIgnoringCase(name: string, prefix: string): boolean {
  if (name.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

export function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The class of a request header name as written, in any case. */
export function requestHeaderNameClass(name: string): RequestHeaderNameClass {
  const length = name.length;
  if (length > 0 && length < 64) {
    const slot = NAME_SLOTS[nameSlot(name)]!;
    if (slot === SHARED_SLOT) {
      for (let i = 0; i < CLASSED_NAMES.length; i++) if (nameIs(name, CLASSED_NAMES[i]!)) return CLASSES[i]!;
    } else if (slot !== 0 && nameIsUsually(name, CLASSED_NAMES[slot - 1]!, CLASSED_USUAL_NAMES[slot - 1]!)) {
      return CLASSES[slot - 1]!;
    }
  }
  // https://fetch.spec.whatwg.org/#forbidden-request-header step 2: `proxy-` and `sec-` names (half
  // of what a browser sends no slot holds: `Sec-Fetch-Site`, `sec-ch-ua`...), compared in place,
  // which costs less than the lookup below.
  const first = name.charCodeAt(0) | 0x20;
  if ((first === 0x73 && startsWithIgnoringCase(name, 'sec-')) || (first === 0x70 && startsWithIgnoringCase(name, 'proxy-'))) return 'forbidden';
  return unlistedNameClass(name);
}

// The other names no slot holds, by the general path: the same few (the page's own headers) come
// with every request, so each is classified once, then looked up.
const unlistedNameClass = memoized(2048, (name: string): RequestHeaderNameClass => {
  // `toLowerCase`, which the name-keyed rules use, maps a few non-ASCII code points to ASCII
  // (KELVIN SIGN → `k`): such names take the general path, so both agree on every string.
  if (!isAscii(name)) return requestHeaderNameClassOfLower(lowerHeaderName(name));
  return 'other';
});

// Never a fact class: the facts are read by ASCII case-insensitive name, as the browser sends them.
function requestHeaderNameClassOfLower(lowerName: string): RequestHeaderNameClass {
  if (isForbiddenRequestHeaderName(lowerName)) return 'forbidden';
  if (forbiddenDependsOnValue(lowerName)) return 'method-override';
  return SAFELISTED_NAMES.get(lowerName) ?? 'other';
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * What the forbidden request headers say that the capture may not: the `Origin` sent (all lines,
 * trimmed, joined with ", " as https://fetch.spec.whatwg.org/#concept-header-list-get does), whether
 * a `Cookie` went out, and the `Sec-Fetch-Mode` (the last valid one).
 */
export interface RequestHeaderFacts {
  origin: string | null;
  cookie: boolean;
  secFetchMode: RequestMode | null;
}

export function recordFact(facts: RequestHeaderFacts, nameClass: ForbiddenFact, value: string): void {
  if (nameClass === 'origin') {
    const trimmed = trimHttpWhitespace(value);
    facts.origin = facts.origin === null ? trimmed : facts.origin + ', ' + trimmed;
  } else if (nameClass === 'cookie') {
    facts.cookie = true;
  } else {
    const mode = trimHttpWhitespace(value);
    if (isRequestMode(mode)) facts.secFetchMode = mode;
  }
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names, as Chromium's
 * `CorsUnsafeNotForbiddenRequestHeaderNames` runs it on an observed request:
 * 1. Let unsafeNames be a new list; potentiallyUnsafeNames a new list; safelistValueSize 0.
 * 2. For each header: skip forbidden headers (the browser's own); if not CORS-safelisted, append its
 *    name to unsafeNames; otherwise append to potentiallyUnsafeNames and add its value's length.
 * 3. If safelistValueSize > 1024, append potentiallyUnsafeNames to unsafeNames.
 * 4. Return the sorted, lower-cased, de-duplicated set of unsafeNames.
 * (Chromium skips step 4's sort: `corsUnsafeNamesInCheckOrder` keeps its order.)
 * When `reasons` is given, one `PreflightReason` per unsafe header line is appended to it.
 * A request with no unsafe name (the usual case) gets a shared, frozen empty list: nothing is
 * allocated. When `facts` is given, the same pass fills it in (see `RequestHeaderFacts`).
 */
export function corsUnsafeNames(headers: HeaderList, reasons?: PreflightReason[] | null, facts?: RequestHeaderFacts, clientHints = true): readonly string[] {
  const unsafe = unsafeNamesInHeaderOrder(headers, reasons, facts, clientHints);
  return unsafe === null ? NO_NAMES : sortUnique(unsafe);
}

/**
 * The CORS-unsafe names in the order Chromium checks them against `Access-Control-Allow-Headers`
 * (`PreflightResult::EnsureAllowedCrossOriginHeaders` walks `CorsUnsafeNotForbiddenRequestHeaderNames`
 * unsorted): the request's header order, then, past the 1024-byte total, the safelisted ones in order.
 * That order is Blink's: it keeps a request's headers in a hash map (`HTTPHeaderMap`), and the
 * provisional headers a capture records (DevTools' `requestWillBeSent`, its HAR) list them in that
 * same order, whatever order the page set them in (test/scenarios/preflight-header-order.json).
 */
export function corsUnsafeNamesInCheckOrder(headers: HeaderList, clientHints = true): readonly string[] {
  const unsafe = unsafeNamesInHeaderOrder(headers, null, undefined, clientHints);
  if (unsafe === null) return NO_NAMES;
  return [...new Set(unsafe)];
}

/**
 * Step 2 of the above for one line whose name is neither forbidden nor one of the facts
 * (`requestHeaderNameClass` gave `nameClass`): null when it is skipped after all (a method-override
 * name forbidden by its value), else whether it is CORS-safelisted, and why not.
 */
export function lineSafelistVerdict(
  nameClass: Exclude<RequestHeaderNameClass, 'forbidden' | ForbiddenFact>,
  name: string,
  value: string,
  clientHints: boolean,
): SafelistVerdict | null {
  if (nameClass === 'other') return 'name';
  if (nameClass === 'method-override') return isForbiddenRequestHeaderLower(lowerHeaderName(name), value) ? null : 'name';
  // A browser that safelists only the standard's names (Firefox): a client hint is unsafe.
  if (!clientHints && !STANDARD_RULES.has(nameClass)) return 'name';
  // (A value over 128 bytes is unsafe whatever it says: not worth keeping.)
  if (value.length <= 128) {
    if (nameClass === 'content-type') return contentTypeVerdict(value);
    if (nameClass === 'language') return languageVerdict(value);
  }
  return safelistVerdictByRule(nameClass, value);
}

/**
 * Whether any line is one only a browser that safelists client hints treats as safelisted (its
 * name's class is none of the standard's four): the only lines where `clientHints` changes what
 * `lineSafelistVerdict` and the unsafe names give. False: both rules give the same names.
 */
export function sendsNonStandardSafelistedName(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const nameClass = requestHeaderNameClass(headers[i]![0]);
    if (isForbiddenClass(nameClass) || nameClass === 'other' || nameClass === 'method-override') continue;
    if (!STANDARD_RULES.has(nameClass)) return true;
  }
  return false;
}

// The values a page sends in these repeat request after request (`application/json`,
// `en-US,en;q=0.9`): each is judged once, then looked up (the lookup's hashing and comparison run
// natively, faster than the checks' character loops).
const contentTypeVerdict = memoized(256, (value) => safelistVerdictByRule('content-type', value));
const languageVerdict = memoized(256, (value) => safelistVerdictByRule('language', value));

function unsafeNamesInHeaderOrder(headers: HeaderList, reasons: PreflightReason[] | null | undefined, facts: RequestHeaderFacts | undefined, clientHints: boolean): string[] | null {
  let unsafe: string[] | null = null;
  let safelistValueSize = 0;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = line[0];
    const nameClass = requestHeaderNameClass(name);
    if (nameClass === 'forbidden') continue;
    const value = line[1];
    if (nameClass === 'origin' || nameClass === 'cookie' || nameClass === 'sec-fetch-mode') {
      if (facts !== undefined) recordFact(facts, nameClass, value);
      continue;
    }
    const verdict = lineSafelistVerdict(nameClass, name, value, clientHints);
    if (verdict === null) continue;
    if (verdict === 'safelisted') {
      safelistValueSize += value.length;
      continue;
    }
    const lowerName = lowerHeaderName(name);
    (unsafe ??= []).push(lowerName);
    if (reasons) reasons.push({ kind: 'header', name: lowerName, why: verdict, value });
  }
  if (safelistValueSize > SAFELIST_TOTAL_VALUE_LIMIT) {
    // Step 3, in a second pass: the safelisted lines, in order (rare, so no list is kept).
    for (let i = 0; i < headers.length; i++) {
      const line = headers[i]!;
      const nameClass = requestHeaderNameClass(line[0]);
      if (nameClass === 'forbidden' || nameClass === 'origin' || nameClass === 'cookie' || nameClass === 'sec-fetch-mode') continue;
      if (nameClass === 'other' || nameClass === 'method-override') continue;
      if (!clientHints && !STANDARD_RULES.has(nameClass)) continue;
      if (safelistVerdictByRule(nameClass, line[1]) !== 'safelisted') continue;
      const name = lowerHeaderName(line[0]);
      (unsafe ??= []).push(name);
      if (reasons) reasons.push({ kind: 'header', name, why: 'total-too-long', value: line[1] });
    }
  }
  return unsafe;
}

/** `corsUnsafeNames` as a list of the caller's own. */
export function corsUnsafeRequestHeaderNames(headers: HeaderList, reasons?: PreflightReason[] | null): string[] {
  const names = corsUnsafeNames(headers, reasons);
  return names === NO_NAMES ? [] : (names as string[]);
}
