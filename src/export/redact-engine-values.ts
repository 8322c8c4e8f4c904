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
//   padded with `-`), every other byte (`"`, `@`, `:`, ...) where it was. The rest of the value never moves: the essence, and a
//   `boundary=` (random-looking, yet the body's parts are found by it). `Range` and the numeric
//   client hints are not touched: their safelisted values are digits, a card number's shape.
// - The origins (`Origin`, `Access-Control-Allow-Origin`, the page's): `https://user:pass@app.example`,
//   a token in a path or query, which URL redaction takes as anywhere else. The engine compares
//   them as serialized origins (scheme, host, port), which redaction never changes; what it takes
//   makes a value no origin, and the redacted value is no origin either.

import { corsSafelistVerdict } from '../cors/index.ts';
import { redactText } from './redact-text.ts';
import type { Redaction } from './redaction.ts';

// The safelisted names whose values are free text (the others take digits or a word).
const TEXT_SAFELISTED = new Set(['content-type', 'accept', 'accept-language', 'content-language', 'intervention']);

/** Whether `redactEngineValue` may change this header's value. */
function mayRedactEngineValue(lowerName: string): boolean {
  return TEXT_SAFELISTED.has(lowerName) || ORIGIN_VALUED.has(lowerName);
}

/**
 * Bytes a placeholder's letters may stand in for, by the rule reading the value: in each class it
 * reads (a token's byte for the MIME essence, no CORS-unsafe byte, a language byte), they and the
 * letters are alike.
 */
const TOKEN_BYTE = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const LANGUAGE_LETTER = /[A-Za-z0-9-]/;

/**
 * `value` with what `redacted` replaced in it overwritten in place by the placeholder text, at the
 * same length: the differing middle of the two, widened to whole placeholder words, takes the
 * placeholder's letters where it has a `fillable` byte (`-` once they run out), and keeps every
 * other byte.
 */
export function redactInPlace(value: string, redacted: string, fillable: RegExp = LANGUAGE_LETTER): string {
  if (redacted === value) return value;
  let start = 0;
  const most = Math.min(value.length, redacted.length);
  while (start < most && value[start] === redacted[start]) start++;
  let end = 0;
  while (end < most - start && value[value.length - 1 - end] === redacted[redacted.length - 1 - end]) end++;
  // A placeholder may begin or end with the letters its secret did: the region takes them back.
  while (start > 0 && /[A-Z-]/.test(redacted[start - 1]!)) start--;
  while (end > 0 && /[A-Z-]/.test(redacted[redacted.length - end]!)) end--;
  const fill = redacted.slice(start, redacted.length - end).replace(/[^A-Za-z0-9-]/g, '');
  let out = value.slice(0, start);
  let k = 0;
  for (let i = start; i < value.length - end; i++) {
    const byte = value[i]!;
    out += fillable.test(byte) ? (fill[k++] ?? '-') : byte;
  }
  return out + value.slice(value.length - end);
}

/** `boundary=...` (any case, any spacing): the multipart body is cut by it, and it is no secret. */
const BOUNDARY = /^\s*boundary\s*=/i;

function redactSafelisted(lowerName: string, value: string, found: Redaction[]): string {
  const taken: Redaction[] = [];
  // A MIME type (or Accept's list of them) part by part, so a `boundary` stays whole.
  const redacted = value
    .split(/([;,])/)
    .map((part, i) => (i % 2 === 1 || BOUNDARY.test(part) ? part : redactText(part, taken, lowerName)))
    .join('');
  const languages = lowerName === 'accept-language' || lowerName === 'content-language';
  const out = redactInPlace(value, redacted, languages ? LANGUAGE_LETTER : TOKEN_BYTE);
  // Never expected (the bytes of every class stay in their class), but should a safelist rule ever
  // read the placeholder differently, the value stays as it was: a verdict is never changed.
  if (out === value || taken.length === 0 || corsSafelistVerdict(lowerName, out) !== corsSafelistVerdict(lowerName, value)) return value;
  found.push(...taken);
  return out;
}

const ORIGIN_VALUED = new Set(['origin', 'access-control-allow-origin']);

/**
 * An engine-read value as an export writes it (any other returned as it is); `found` gets what was
 * taken. `initiatorOrigin` (the page's origin, from the `Origin` a HAR's request sent) goes as an
 * `Origin` does.
 */
export function redactEngineValue(lowerName: string, value: string, found: Redaction[]): string {
  if (TEXT_SAFELISTED.has(lowerName)) return redactSafelisted(lowerName, value, found);
  if (!ORIGIN_VALUED.has(lowerName)) return value;
  // An origin the engine compares is a serialized origin: scheme, host and port, which redaction
  // never changes. Userinfo, a path or a query (what goes) make a value no origin, before and after,
  // so no comparison's outcome moves.
  const taken: Redaction[] = [];
  const out = redactText(value, taken, lowerName);
  // Nothing taken: only a placeholder was written again.
  if (taken.length === 0) return value;
  found.push(...taken);
  return out;
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
