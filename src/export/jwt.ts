// JSON Web Tokens found by their structure, not by their first letters: a JWS is three base64url
// parts (https://www.rfc-editor.org/rfc/rfc7515#section-7.1), a JWE five
// (https://www.rfc-editor.org/rfc/rfc7516#section-7.1), and the first part decodes to a JSON object
// with an `alg` member. Checking `eyJ` only misses a header written with a space (`{ "alg": ... }`
// encodes as `eyAi...`) or with another member first.
//
// Linear in the text: maximal runs of base64url characters and dots are cut at the dots once, and a
// part is decoded only when it is long enough to hold `{"alg":""}`. Detection only: what replaces a
// token, and the record of it, is the caller's (`redact-shapes.ts`).

import { schemeSeparatorAt, SPECIAL_SCHEMES, STORE_SCHEMES } from './glued-schemes.ts';

const RUN = /[A-Za-z0-9_.-]+/g;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
// base64url of the shortest header with an `alg` member, `{"alg":""}`.
const MIN_HEADER_LENGTH = 14;

function decodeBase64Url(part: string): string | null {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The JOSE header, when `part` is one: `{"alg": ...}`, and `enc` for an encrypted token. */
function joseHeader(part: string): { encrypted: boolean } | null {
  if (part.length < MIN_HEADER_LENGTH || !BASE64URL.test(part)) return null;
  const text = decodeBase64Url(part);
  if (text === null || !text.trimStart().startsWith('{')) return null;
  try {
    const header: unknown = JSON.parse(text);
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
    const members = header as Record<string, unknown>;
    if (typeof members['alg'] !== 'string') return null;
    return { encrypted: typeof members['enc'] === 'string' };
  } catch {
    return null;
  }
}

/** How many parts, from `start`, make a token whose header is `first`: 3, 5, or 0 for none. */
function tokenLength(parts: readonly string[], start: number, first = parts[start]!): number {
  const header = joseHeader(first);
  if (header === null) return 0;
  const wanted = header.encrypted ? 5 : 3;
  if (start + wanted > parts.length) return 0;
  // A JWS may have an empty payload (detached), a JWE an empty key part; the last part is the
  // signature or tag, empty only for an unsecured JWS (`alg: none`).
  for (let i = start + 1; i < start + wanted; i++) if (!BASE64URL.test(parts[i]!)) return 0;
  return wanted;
}

// A header glued to the end of a part: after another token's signature (`...sig` `eyJ...`, two
// tokens written with nothing between), after a key (`ghp_...eyJ...`) or after an escape's digits
// (`%2FeyJ...`). Base64 of `{` and any character JSON allows after it (`"`, a blank) begins `ey` or
// `ew`. Only the last MAX_GLUED_HEADER characters of a part are tried, at most MAX_GLUED_TRIES
// starts, each decoded once: a part full of `ey` stays linear.
const MAX_GLUED_HEADER = 1024;
const MAX_GLUED_TRIES = 8;

/**
 * Where, inside `parts[index]` and after its first character, a header begins that makes a token
 * with the parts after it; -1 when none does.
 */
function gluedHeaderAt(parts: readonly string[], index: number): number {
  const part = parts[index]!;
  if (index + 2 >= parts.length || part.length <= MIN_HEADER_LENGTH) return -1;
  let tries = 0;
  for (let at = Math.max(1, part.length - MAX_GLUED_HEADER); at <= part.length - MIN_HEADER_LENGTH; at++) {
    if (part[at] !== 'e' || (part[at + 1] !== 'y' && part[at + 1] !== 'w')) continue;
    if (tokenLength(parts, index, part.slice(at)) !== 0) return at;
    if (++tries === MAX_GLUED_TRIES) return -1;
  }
  return -1;
}

/**
 * Each token in a run of base64url characters and dots replaced: `replacement()`, after
 * `before(text)` of what was glued before its header (no dot between: `abc` of `abceyJ...`).
 */
function replaceInRun(run: string, replacement: () => string, before: (glued: string) => string): string {
  const parts = run.split('.');
  if (parts.length < 3) return run;
  const out: string[] = [];
  // A token written just before, glued to the one that starts at `parts[i]`: goes before it, no dot between.
  let pending = '';
  for (let i = 0; i < parts.length; ) {
    let length = tokenLength(parts, i);
    let glued = '';
    if (length === 0) {
      const at = gluedHeaderAt(parts, i);
      if (at === -1) {
        out.push(pending + parts[i]!);
        pending = '';
        i++;
        continue;
      }
      glued = before(parts[i]!.slice(0, at));
      parts[i] = parts[i]!.slice(at);
      length = tokenLength(parts, i);
    }
    const token = pending + glued + replacement();
    pending = '';
    // The last part (signature or tag) with the next token's header glued to its end: that token
    // starts there, and this one ends before it.
    const last = i + length - 1;
    const next = gluedHeaderAt(parts, last);
    if (next !== -1) {
      parts[last] = parts[last]!.slice(next);
      pending = token;
      i = last;
      continue;
    }
    out.push(token);
    i += length;
  }
  return out.join('.');
}

/**
 * Every JWS and JWE in `text` replaced by what `replacement` returns; what is glued before a
 * token's header (`ghp_...` in `ghp_...eyJ...`) passed through `before`, as a value of its own.
 */
export function replaceJwts(text: string, replacement: () => string, before: (glued: string) => string = (glued) => glued): string {
  if (text.indexOf('.') === -1) return text;
  return text.replace(RUN, (run: string, offset: number) => {
    // A URL glued after a token (`<JWT>-https://u:pw@h/`): its scheme is no part of the signature,
    // and taken in, it hid the URL (and its password) from the URL scan.
    // Percent-encoded too (`<JWT>-https%3A%2F%2F...`), and a store's (`<JWT>-redis://`: session 36).
    const scheme = schemeSeparatorAt(text, offset + run.length) > 0 ? SCHEME_AT_END.exec(run) : null;
    if (scheme === null) {
      // Any other scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`) whose letters
      // are all in the run (`<JWT>a+://u:pw@h/`: session 37): it keeps the run's last letter, so
      // the URL after still has a scheme and is scanned as one.
      const letter = schemeLetterInRun(text, run, offset);
      if (letter > 0) return replaceInRun(run.slice(0, letter), replacement, before) + run.slice(letter);
    }
    if (scheme === null || scheme.index === 0) return replaceInRun(run, replacement, before);
    return replaceInRun(run.slice(0, scheme.index), replacement, before) + scheme[0];
  });
}

const SCHEME_AT_END = new RegExp(`(?:${SPECIAL_SCHEMES}|${STORE_SCHEMES})$`, 'i');

/**
 * Where the run's last letter is, when scheme characters with no letter follow the run up to a
 * `://` (`+`, `-`, `.`, digits: `<run>a` then `+0://`), so that a scheme glued after it can only
 * begin in the run; -1 otherwise.
 */
function schemeLetterInRun(text: string, run: string, offset: number): number {
  const end = offset + run.length;
  let k = end;
  while (k < text.length && k - end < 32 && /[0-9+.-]/.test(text[k]!)) k++;
  if (k === end || schemeSeparatorAt(text, k) === 0) return -1;
  for (let i = run.length - 1; i >= 0; i--) if (/[A-Za-z]/.test(run[i]!)) return i;
  return -1;
}
