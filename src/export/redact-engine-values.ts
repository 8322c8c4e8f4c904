// Secrets inside the values the engine reads for its verdict (`redact-header.ts` keeps those values
// otherwise). Two kinds are redacted, each so that the engine reads the redacted exchange as it read
// the captured one:
//
// - The CORS-safelisted request headers with free text values (`Content-Type`, `Accept`,
//   `Accept-Language`, `Content-Language`, Chromium's `Intervention`): `application/json;
//   apikey=sk_live_...`. The safelist rules read the value's length (at most 128 bytes each, 1024
//   together), its bytes (a CORS-unsafe byte, a language byte) and the MIME essence
//   (https://fetch.spec.whatwg.org/#cors-safelisted-request-header), so a secret is overwritten in
//   place: same length, its letters, digits and the like replaced by the placeholder's (cut or
//   padded with `-`), every other byte (`"`, `@`, `:`, ...) where it was. The rest of the value never moves: the essence, and
//   a `multipart/*` Content-Type's `boundary=` (random-looking, yet the body's parts are found by it;
//   but for a secret's distinctive shape, overwritten as the body's delimiters are: `redactBoundary`).
//   Any other `boundary=` (in Accept, Content-Language, `application/json; boundary=...`) cuts no
//   body and is redacted as any parameter is (session 42). `Range` and the numeric
//   client hints are not touched: their safelisted values are digits, a card number's shape.
// - The origins (`Origin`, `Access-Control-Allow-Origin`, the page's): `https://user:pass@app.example`,
//   a token in a path or query, which URL redaction takes as anywhere else. The engine compares
//   them as serialized origins (scheme, host, port), which redaction never changes; what it takes
//   makes a value no origin, and the redacted value is no origin either.
// - The values read as one keyword or a number (`Access-Control-Allow-Credentials`,
//   `-Allow-Private-Network`: `true`; `Access-Control-Max-Age`: seconds; `Sec-Fetch-Site`,
//   `Sec-Fetch-Mode`: `same-origin`, `cors`, ...; `Range`: `bytes=N-M`; the client hints: a number
//   or `on`), and any other `Access-Control-*` or `Sec-Fetch-*` line: a secret there by its
//   distinctive shape (`redactNameShapes`: an issuer's prefix, `ghp_...`, `sk_live_...`, a JWT),
//   and a random-looking run (letters and digits mixed, `opaque-token.ts`), which no such rule reads
//   as its keyword, and which stayed in clear in every export (session 41). Its placeholder is no
//   keyword either, so each rule reads the value as it read the captured one. Not a card number:
//   digits, which `Max-Age` and `Range` read as a number. Numbered per export by the value's exact bytes (`secret-name-numbers.ts`), as
//   methods are; `Range` and the client hints, whose safelist rules read the length too, are
//   overwritten in place instead, as `Content-Type` is. `Vary`, a list of header names, is written
//   as one (`redact-header.ts`).

import { corsSafelistVerdict, isSafelistedHeaderName } from '../cors/index.ts';
import { hostSpan } from './masked-url.ts';
import { redactJwts, redactKnownTokensAnywhere, redactNameShapes, redactOpaqueTokens } from './redact-shapes.ts';
import { redactText } from './redact-text.ts';
import type { Redaction } from './redaction.ts';
import { isMethodValued } from './secret-methods.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';

/**
 * Lists of header names the engine reads: a name that is no token in the request is one in its
 * preflight's list too, a server that echoes the list back puts it in its answer, and `Vary` names
 * the request's headers (https://www.rfc-editor.org/rfc/rfc9110#name-vary). Each item is written
 * as a line's name is (`redact-header.ts`).
 */
export const NAME_LISTS: ReadonlySet<string> = new Set(['access-control-request-headers', 'access-control-allow-headers', 'access-control-expose-headers', 'vary']);

// The safelisted names whose values are free text (the others take digits or a word).
const TEXT_SAFELISTED = new Set(['content-type', 'accept', 'accept-language', 'content-language', 'intervention']);

/**
 * The safelisted names whose values are free text (`Content-Type`, `Accept`, ...): their secrets are
 * overwritten in place, keeping what the safelist rules read.
 */
export function isFreeTextSafelisted(lowerName: string): boolean {
  return TEXT_SAFELISTED.has(lowerName);
}

/** Whether `redactEngineValue` may change this header's value. */
function mayRedactEngineValue(lowerName: string): boolean {
  return TEXT_SAFELISTED.has(lowerName) || ORIGIN_VALUED.has(lowerName) || isKeywordValued(lowerName);
}

/**
 * Engine-read lines whose value a rule reads as a keyword or a number, or not at all: every
 * `Access-Control-*` and `Sec-Fetch-*` line but the origins (`ORIGIN_VALUED`) and the lists of
 * names and methods (written as lists by `redact-header.ts` before this), and the safelisted names
 * whose values are no free text (`Range`, the client hints).
 */
export function isKeywordValued(lowerName: string): boolean {
  if (ORIGIN_VALUED.has(lowerName) || TEXT_SAFELISTED.has(lowerName) || NAME_LISTS.has(lowerName) || isMethodValued(lowerName)) return false;
  return lowerName.startsWith('access-control-') || lowerName.startsWith('sec-fetch-') || isSafelistedHeaderName(lowerName);
}

/**
 * A keyword-valued line's value (`isKeywordValued`) with each secret's distinctive shape replaced,
 * numbered by `numbers` (unnumbered without); safelisted ones overwritten in place, keeping the
 * length their rule reads. `found` gets what was taken.
 */
function redactKeywordValue(lowerName: string, value: string, found: Redaction[], numbers: SecretNameNumbers | undefined): string {
  const taken: Redaction[] = [];
  // A key glued after the keyword (`corsghp_...`) is no key to the rule for prefixes, which wants
  // a word's start: a random-looking run, letters and digits mixed, which no number or keyword is.
  const shown = redactOpaqueTokens(redactNameShapes(value, taken, lowerName), taken, lowerName);
  if (taken.length === 0) return value;
  if (isSafelistedHeaderName(lowerName)) {
    const out = redactInPlace(value, shown, TOKEN_BYTE);
    // As for the free text ones: should the rule ever read the placeholder otherwise, the value stays.
    if (corsSafelistVerdict(lowerName, out) !== corsSafelistVerdict(lowerName, value)) return value;
    found.push(...taken);
    return out;
  }
  found.push(...taken);
  return numbers === undefined ? shown : numbers.numberedValue(value, shown);
}

/**
 * Bytes a placeholder's letters may stand in for, by the rule reading the value: in each class it
 * reads (a token's byte for the MIME essence, no CORS-unsafe byte, a language byte), they and the
 * letters are alike.
 */
const TOKEN_BYTE = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const LANGUAGE_LETTER = /[A-Za-z0-9-]/;

const PLACEHOLDER_RUN = /REDACTED-[A-Z]+(?:-[A-Z]+)*/g;

/**
 * `value` with what `redacted` replaced in it overwritten in place by the placeholder text, at the
 * same length. Each placeholder's secret is found between the texts `redacted` kept around it; its
 * `fillable` bytes take the placeholder's letters (`-` once they run out), every other byte stays.
 * When the kept texts cannot be found in order (not expected), the differing middle of the two is
 * taken as one secret.
 */
export function redactInPlace(value: string, redacted: string, fillable: RegExp = LANGUAGE_LETTER): string {
  if (redacted === value) return value;
  const kept = redacted.split(PLACEHOLDER_RUN);
  const placeholders = redacted.match(PLACEHOLDER_RUN) ?? [];
  let out = '';
  let at = 0;
  for (let i = 0; i < placeholders.length; i++) {
    const before = kept[i]!;
    if (!value.startsWith(before, at)) return middleInPlace(value, redacted, fillable);
    out += before;
    at += before.length;
    const after = kept[i + 1]!;
    const last = i === placeholders.length - 1;
    // The secret runs to where the next kept text begins (the end's text, for the last one).
    const end = last ? value.length - after.length : after === '' ? at + 1 : value.indexOf(after, at + 1);
    if (end < at + 1 || (last && !value.endsWith(after))) return middleInPlace(value, redacted, fillable);
    out += fillIn(value.slice(at, end), placeholders[i]!, fillable);
    at = end;
  }
  return placeholders.length === 0 ? middleInPlace(value, redacted, fillable) : out + value.slice(at);
}

/**
 * `secret` overwritten by `fill`'s letters where its bytes are `fillable`, `-` once they run out.
 *
 * A secret shorter than its placeholder keeps only the placeholder's first letters (`token=abc` →
 * `token=RED`). That is no leak: no letter or digit of the secret shows; what stays is its length
 * and the bytes outside the class (`"`, `(`, `@`), which the safelist rules read and which the
 * length-keeping rule needs where they were. Nor is it silent: `RED` alone could pass for a value,
 * so the redaction is recorded like any other (`content-type:token`), and every export names it
 * beside the value (the bundle's `redactions`, curl's comment, the report's "Redacted" line): the
 * reader is told which value was taken (session 34, `redact-engine-values.test.ts`).
 */
function fillIn(secret: string, fill: string, fillable: RegExp): string {
  let out = '';
  let k = 0;
  for (const byte of secret) out += fillable.test(byte) ? (fill[k++] ?? '-') : byte;
  return out;
}

/** The fallback: the differing middle of `value` and `redacted` as one secret. */
function middleInPlace(value: string, redacted: string, fillable: RegExp): string {
  let start = 0;
  const most = Math.min(value.length, redacted.length);
  while (start < most && value[start] === redacted[start]) start++;
  let end = 0;
  while (end < most - start && value[value.length - 1 - end] === redacted[redacted.length - 1 - end]) end++;
  const fill = redacted.slice(start, redacted.length - end).replace(/[^A-Za-z0-9-]/g, '');
  return value.slice(0, start) + fillIn(value.slice(start, value.length - end), fill, fillable) + value.slice(value.length - end);
}

/**
 * `boundary=...` (any case, any spacing) of a `multipart/*` Content-Type: the multipart body is cut
 * by it. A random-looking one is what browsers write (`----WebKitFormBoundary...`, Firefox's run of
 * digits), no secret; a secret's distinctive shape is (`redactBoundary`).
 */
const BOUNDARY = /^\s*boundary\s*=/i;

/** Whether `value`, a `lowerName` header's, is a multipart type, whose `boundary=` cuts a body. */
export function isMultipartType(lowerName: string, value: string): boolean {
  return lowerName === 'content-type' && /^\s*multipart\//i.test(value);
}

/**
 * A multipart boundary (as the Content-Type writes it, quotes and all, or as the body's delimiter
 * lines do) with each secret of a distinctive shape in it overwritten in place: an issuer's prefix
 * (`ghp_...`, `AKIA...`), glued after a letter too (`xghp_...`, which an ordinary value loses as a
 * random-looking run), or a JWT, which no browser writes as a boundary and which stayed in clear
 * in every export (session 42). Random-looking runs stay: every browser's boundary is one, and it
 * is no credential by nature (a random 43-character one included: only its shape, which the
 * browsers' share, would say otherwise). The same boundary is written the same way in the
 * Content-Type and in the body's delimiters, so the body is still cut by it, and at the same
 * length, which the safelist rule reads.
 */
export function redactBoundary(boundary: string, found: Redaction[], where: string): string {
  const taken: Redaction[] = [];
  const redacted = redactKnownTokensAnywhere(redactJwts(boundary, taken, where), taken, where);
  if (taken.length === 0) return boundary;
  found.push(...taken);
  return redactInPlace(boundary, redacted, TOKEN_BYTE);
}

/** `value` with each `boundary=` parameter's value written by `redactBoundary`. */
function withBoundariesRedacted(value: string, taken: Redaction[], lowerName: string): string {
  if (!/boundary/i.test(value)) return value;
  return value
    .split(/([;,])/)
    .map((part, i) => {
      const at = i % 2 === 1 ? null : BOUNDARY.exec(part);
      return at === null ? part : part.slice(0, at[0].length) + redactBoundary(part.slice(at[0].length), taken, lowerName);
    })
    .join('');
}

/** One pass: `value` with what redaction takes out of it overwritten in place; `taken` gets it. */
function overwriteSecrets(lowerName: string, value: string, taken: Redaction[]): string {
  // Only a multipart type's boundary cuts a body: any other is a parameter like the rest.
  const multipart = isMultipartType(lowerName, value);
  // A MIME type (or Accept's list of them) part by part, so a `boundary` is judged apart.
  const redacted = value
    .split(/([;,])/)
    .map((part, i) => (i % 2 === 1 || (multipart && BOUNDARY.test(part)) ? part : redactText(part, taken, lowerName)))
    .join('');
  const languages = lowerName === 'accept-language' || lowerName === 'content-language';
  // In place, `;` and `,` stay where they were: the parts are the same ones.
  const out = redactInPlace(value, redacted, languages ? LANGUAGE_LETTER : TOKEN_BYTE);
  return multipart ? withBoundariesRedacted(out, taken, lowerName) : out;
}

// Overwritten text is read again as it is written: a placeholder's letters before a byte kept in
// place (`=`, `:`) read as a sensitive name, and the filler after it as its value
// (`a=<JWT>https://u:p@h/` → `a=REDACTED-JWT---…://R:E@h/`, whose `REDACTED-JWT---…:` is a name).
// So it passes again until nothing more is taken (exporting an export then changes nothing). Each
// pass is linear; the bound keeps the whole linear. It is measured, not proven: session 36's
// property test (`redact-engine-values.test.ts`) composes keys, JWTs, cards, URLs (a store's,
// percent-encoded) and blobs glued by every separator in each safelisted header, and none took
// more than two passes to its fixed point (session 34's bound was four, unmeasured); should one ever need more than MAX_PASSES, the value
// is no fixed point but shows no more of a secret than the last pass left (each pass only
// overwrites more).
export const MAX_PASSES = 8;

/** `value` overwritten pass after pass until a pass changes nothing (at most MAX_PASSES); `taken` gets the first pass's. */
export function overwriteToFixedPoint(lowerName: string, value: string, taken: Redaction[]): { out: string; passes: number } {
  let out = overwriteSecrets(lowerName, value, taken);
  if (out === value || taken.length === 0) return { out: value, passes: 1 };
  let passes = 1;
  for (; passes < MAX_PASSES; passes++) {
    const again = overwriteSecrets(lowerName, out, []);
    if (again === out) break;
    out = again;
  }
  return { out, passes };
}

function redactSafelisted(lowerName: string, value: string, found: Redaction[]): string {
  const taken: Redaction[] = [];
  const { out } = overwriteToFixedPoint(lowerName, value, taken);
  if (out === value) return value;
  // Never expected (the bytes of every class stay in their class), but should a safelist rule ever
  // read the placeholder differently, the value stays as it was: a verdict is never changed.
  if (corsSafelistVerdict(lowerName, out) !== corsSafelistVerdict(lowerName, value)) return value;
  found.push(...taken);
  return out;
}

const ORIGIN_VALUED = new Set(['origin', 'access-control-allow-origin']);

/**
 * An engine-read value as an export writes it (any other returned as it is); `found` gets what was
 * taken; `numbers` numbers the placeholders of keyword values (`isKeywordValued`). `initiatorOrigin`
 * (the page's origin, from the `Origin` a HAR's request sent) goes as an `Origin` does.
 */
export function redactEngineValue(lowerName: string, value: string, found: Redaction[], numbers?: SecretNameNumbers): string {
  if (TEXT_SAFELISTED.has(lowerName)) return redactSafelisted(lowerName, value, found);
  if (isKeywordValued(lowerName)) return redactKeywordValue(lowerName, value, found, numbers);
  if (!ORIGIN_VALUED.has(lowerName)) return value;
  // An origin the engine compares is a serialized origin: scheme, host and port, which redaction
  // never changes. Userinfo, a path or a query (what goes) make a value no origin, before and after,
  // so no comparison's outcome moves.
  const taken: Redaction[] = [];
  const out = withHostKept(value, (text) => redactText(text, taken, lowerName));
  // Nothing taken: only a placeholder was written again.
  if (taken.length === 0) return value;
  found.push(...taken);
  return out;
}

// Stands in for the host and port while the rest is redacted: a host no rule takes.
const HOST_STAND_IN = 'host.invalid';

/**
 * `redact(value)` with the host and port of the URL `value` starts with written back as captured:
 * a card number, a token or a JWT by its shape in a host (`https://4111111111111111.example`) is no
 * secret the redaction may take there, as it takes none from a URL's host (`redact-url.ts`). Free
 * text redaction took it, in the `Origin` and in its echo alike, and wrote `REDACTED-SECRET`, which
 * the engine reads lower-cased in the one and as written in the other: an allowed echo read as
 * blocked (session 40). A value that starts as no URL, or whose host the redaction would not leave
 * in one place, is redacted whole as before.
 */
export function withHostKept(value: string, redact: (text: string) => string): string {
  const span = hostSpan(value);
  if (span === null || value.includes(HOST_STAND_IN)) return redact(value);
  const [from, to] = span;
  const out = redact(value.slice(0, from) + HOST_STAND_IN + value.slice(to));
  const at = out.indexOf(HOST_STAND_IN);
  if (at === -1 || out.indexOf(HOST_STAND_IN, at + 1) !== -1) return redact(value);
  return out.slice(0, at) + value.slice(from, to) + out.slice(at + HOST_STAND_IN.length);
}

/**
 * Each engine-read value that redaction changed, captured → exported, longest first: what rewrites
 * words the engine wrote about the captured exchange (Chromium's failedParameter is the
 * `Access-Control-Allow-Origin` value it refused) as the redacted exchange reads.
 */
export function changedEngineValues(original: readonly (readonly [string, string])[], redacted: readonly (readonly [string, string])[], pairs: Map<string, string>): void {
  original.forEach(([name, value], i) => {
    const out = redacted[i]?.[1];
    if (out === undefined || out === value || !mayRedactEngineValue(name.toLowerCase())) return;
    pairs.set(value, out);
    const trimmed = value.trim();
    if (trimmed !== value && trimmed !== '') pairs.set(trimmed, out.trim());
  });
}
