// `Bearer <token>` and `Basic <base64>` are credentials whatever holds them: a header no name rule
// knows (`X-Upstream: Bearer abc`), a logged header in a JSON body (`["Authorization", "Bearer
// abc"]`), a note. Names find most of them; this finds the rest, however short the token (the
// random-value rule needs 24 characters). The scheme stays, as under `Authorization`. The other
// schemes written as a token68 after their name go the same way: `Token <x>` (Django REST
// framework, GitHub), `DPoP`, `Negotiate`, `NTLM`, `Kerberos` (session 30: only the random-value rule
// saw them, and not `NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAA`, whose run of `A`s is too regular). The
// schemes written as parameters (`Digest ... response="..."`) are `param-credentials.ts`'s.
// https://www.rfc-editor.org/rfc/rfc9110#section-11.4 (credentials = auth-scheme [ 1*SP token68 ])
//
// The words are also prose and product names ("send a Bearer token", `{"plan": "Basic plan"}`,
// `X-Plan: Basic annual`, `{"error": "Token expired"}`, "failed to negotiate TLSv1.3"), so the
// credential must look like one: a Basic value that decodes to `user:password`; a bearer token with
// a digit or inner capitals inside prose, and any token68 when `Bearer x` stands alone as a value
// (`X-Upstream: Bearer abcdef`, `{"up": "Bearer abcdef"}`: how a credential is written, and nothing
// else is), but for words that name the scheme (`Bearer token`) or say what became of it (`Token
// expired`, `Bearer undefined`: a fact a reader needs). `Token` is an English word first: standing
// alone its value must not be a plain word (`Token abc123`, not `Token hunter`), and in prose it, like
// the other schemes' names, needs a long value that looks random. A JWT is gone before this runs
// (`jwt.ts`). Under `Authorization` any value goes by its name already (`sensitive-name.ts`).

import { isPlaceholder } from './redaction.ts';

// The schemes' names as written: the registered spelling, capitalized, lower and upper case (not
// any mix: `bEaReR` is no way to write one).
const SCHEMES = ['Bearer', 'Basic', 'Token', 'DPoP', 'Negotiate', 'NTLM', 'Kerberos'];
const SCHEME_WORD = [...new Set(SCHEMES.flatMap((name) => [name, name[0] + name.slice(1).toLowerCase(), name.toLowerCase(), name.toUpperCase()]))].join('|');

// token68 (`A-Za-z0-9-._~+/` then `=` padding), not ending in a full stop that ends a sentence, and
// not itself a scheme word (in `Bearer Bearer x` the credential is `x`).
const SCHEME_CREDENTIALS = new RegExp(`(?<![A-Za-z0-9_-])(${SCHEME_WORD})( +)(?!(?:${SCHEME_WORD}) )([A-Za-z0-9_~+/-](?:[A-Za-z0-9._~+/-]*[A-Za-z0-9_~+/-])?=*)(?![A-Za-z0-9_~+/=-])`, 'g');

/** Cheap test before the scan: most values hold none of the words. */
export const MAY_HOLD_SCHEME = new RegExp(`(?:${SCHEME_WORD}) `);

/** A scheme's name and its blanks, ending `text` (`redact-text.ts`: `Basic dXNlcjpwd3o=` is no pair). */
export const SCHEME_WORD_BEFORE = new RegExp(`(?:^|[^A-Za-z0-9_-])(?:${SCHEME_WORD}) +$`);
/** The longest scheme name. */
export const MAX_SCHEME_WORD = Math.max(...SCHEMES.map((name) => name.length));

function decodesToUserAndPassword(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) return false;
  try {
    return atob(value.padEnd(Math.ceil(value.length / 4) * 4, '=')).includes(':');
  } catch {
    return false;
  }
}

// Words that name the scheme rather than hold a token (`"description": "Bearer token"`, `Bearer
// JWT`), or say what became of it (`{"error": "Token expired"}`, `X-Sent: Bearer undefined`).
const SCHEME_NAMING_WORDS = new Set([
  'token', 'tokens', 'jwt', 'auth', 'authentication', 'authorization', 'scheme', 'credential', 'credentials', 'header', 'required', 'only',
  'expired', 'invalid', 'missing', 'revoked', 'rejected', 'refused', 'denied', 'failed', 'malformed', 'unsupported', 'error', 'none',
  'null', 'undefined', 'empty', 'not', 'is', 'was', 'has',
]);
// In prose, the schemes other than Bearer are words of their own ("token 2 of 5", "negotiate TLSv1.3"):
// a value that follows one must be this long to be read as a credential.
const MIN_PROSE_VALUE = 12;

/** Random-looking: a digit, or capitals after the first letter beside lower case. */
function looksRandom(token: string): boolean {
  return /[0-9]/.test(token) || (/[A-Z]/.test(token.slice(1)) && /[a-z]/.test(token));
}

function looksLikeCredential(scheme: string, token: string, alone: boolean): boolean {
  const lower = scheme.toLowerCase();
  if (lower === 'basic') return decodesToUserAndPassword(token);
  if (SCHEME_NAMING_WORDS.has(token.toLowerCase())) return false;
  // `Token hunter` alone is as likely a sentence as a credential; `Token abc123` is a credential.
  if (lower === 'token' && alone) return /[^A-Za-z]/.test(token) || looksRandom(token);
  // Standing alone, `Bearer <token68>` is how a credential is written, whatever the token looks like.
  if (alone) return true;
  if (lower !== 'bearer' && token.length < MIN_PROSE_VALUE) return false;
  return looksRandom(token);
}

// What may stand before and after a value that stands alone in text: `X-Up: Bearer x` to the line's
// end, `auth=Bearer x;`, and between a pair of quotes, `"Bearer x"`. Not a word (`send a Bearer x
// header` is prose), and not a quote closing something opened before (`Bearer realm="api"`).
const OPENERS = ':=([,';
const CLOSERS = '\r\n,;)]';

/** Whether the match at `offset` stands alone in `text`, as a value would. */
function standsAlone(text: string, offset: number, length: number): boolean {
  let before = offset - 1;
  while (before >= 0 && text[before] === ' ') before--;
  let after = offset + length;
  while (after < text.length && text[after] === ' ') after++;
  const open = before < 0 ? '' : text[before]!;
  const close = after >= text.length ? '' : text[after]!;
  if (open === '"' || open === "'") return close === open;
  return (open === '' || OPENERS.includes(open)) && (close === '' || CLOSERS.includes(close));
}

// What String.prototype.trim takes off: white space and line terminators, as `\s` reads them.
const WHITE_SPACE = /\s/;

/**
 * Whether the `length` characters at `offset` are all of `value` but the white space around them
 * (`value.trim()`), read outward from them to the first other character: `value.trim()` read all the
 * white space at its ends for every stretch the text scan passes (`redact-text.ts`), once per pair
 * before it (session 41).
 */
function isWholeValue(value: string, offset: number, length: number): boolean {
  let before = offset;
  while (before > 0 && WHITE_SPACE.test(value[before - 1]!)) before--;
  if (before > 0) return false;
  let after = offset + length;
  while (after < value.length && WHITE_SPACE.test(value[after]!)) after++;
  return after === value.length;
}

/**
 * `value.slice(from, to)` with each `Bearer`/`Basic` (`Token`, `NTLM`, ...) credential replaced by `replacement()` (the
 * scheme and its spaces kept). A bearer token that is all of `value` (but for white space), or
 * stands alone as a value inside it, goes whatever it looks like (`Bearer abcdef`); inside prose it
 * must look random.
 */
export function replaceSchemeCredentials(value: string, replacement: () => string, from = 0, to = value.length): string {
  const text = from === 0 && to === value.length ? value : value.slice(from, to);
  if (!MAY_HOLD_SCHEME.test(text)) return text;
  return text.replace(SCHEME_CREDENTIALS, (match: string, scheme: string, spaces: string, token: string, offset: number) => {
    if (isPlaceholder(token)) return match;
    const alone = isWholeValue(value, from + offset, match.length) || standsAlone(value, from + offset, match.length);
    if (!looksLikeCredential(scheme, token, alone)) return match;
    return `${scheme}${spaces}${replacement()}`;
  });
}
