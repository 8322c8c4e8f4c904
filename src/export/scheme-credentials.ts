// `Bearer <token>` and `Basic <base64>` are credentials whatever holds them: a header no name rule
// knows (`X-Upstream: Bearer abc`), a logged header in a JSON body (`["Authorization", "Bearer
// abc"]`), a note. Names find most of them; this finds the rest, however short the token (the
// random-value rule needs 24 characters). The scheme stays, as under `Authorization`.
// https://www.rfc-editor.org/rfc/rfc9110#section-11.4 (credentials = auth-scheme [ 1*SP token68 ])
//
// The words are also prose and product names ("send a Bearer token", `{"plan": "Basic plan"}`,
// `X-Plan: Basic annual`), so the credential must look like one: a Basic value that decodes to
// `user:password`; a bearer token with a digit or inner capitals inside prose, and any token68 when
// `Bearer x` stands alone as a value (`X-Upstream: Bearer abcdef`, `{"up": "Bearer abcdef"}`: how a
// credential is written, and nothing else is), but for words that name the scheme (`Bearer token`).
// A JWT is gone before this runs (`jwt.ts`). Under `Authorization` any value goes by its name
// already (`sensitive-name.ts`).

import { isPlaceholder } from './redaction.ts';

// token68 (`A-Za-z0-9-._~+/` then `=` padding), not ending in a full stop that ends a sentence, and
// not itself a scheme word (in `Bearer Bearer x` the credential is `x`).
const SCHEME_CREDENTIALS = /(?<![A-Za-z0-9_-])(Bearer|Basic|bearer|basic|BEARER|BASIC)( +)(?!(?:Bearer|Basic|bearer|basic|BEARER|BASIC) )([A-Za-z0-9_~+/-](?:[A-Za-z0-9._~+/-]*[A-Za-z0-9_~+/-])?=*)(?![A-Za-z0-9_~+/=-])/g;

/** Cheap test before the scan: most values hold neither word. */
export const MAY_HOLD_SCHEME = /[Bb](?:earer|asic) |B(?:EARER|ASIC) /;

function decodesToUserAndPassword(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) return false;
  try {
    return atob(value.padEnd(Math.ceil(value.length / 4) * 4, '=')).includes(':');
  } catch {
    return false;
  }
}

// Words that name the scheme rather than hold a token: `"description": "Bearer token"`, `Bearer JWT`.
const SCHEME_NAMING_WORDS = new Set(['token', 'tokens', 'jwt', 'auth', 'authentication', 'authorization', 'scheme', 'credential', 'credentials', 'header', 'required', 'only']);

function looksLikeCredential(scheme: string, token: string, alone: boolean): boolean {
  if (scheme.toLowerCase() === 'basic') return decodesToUserAndPassword(token);
  // Standing alone, `Bearer <token68>` is how a credential is written, whatever the token looks like.
  if (alone) return !SCHEME_NAMING_WORDS.has(token.toLowerCase());
  if (/[0-9]/.test(token)) return true;
  return /[A-Z]/.test(token.slice(1)) && /[a-z]/.test(token);
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

/**
 * `value.slice(from, to)` with each `Bearer`/`Basic` credential replaced by `replacement()` (the
 * scheme and its spaces kept). A bearer token that is all of `value` (but for white space), or
 * stands alone as a value inside it, goes whatever it looks like (`Bearer abcdef`); inside prose it
 * must look random.
 */
export function replaceSchemeCredentials(value: string, replacement: () => string, from = 0, to = value.length): string {
  const text = from === 0 && to === value.length ? value : value.slice(from, to);
  if (!MAY_HOLD_SCHEME.test(text)) return text;
  const whole = value.trim();
  return text.replace(SCHEME_CREDENTIALS, (match: string, scheme: string, spaces: string, token: string, offset: number) => {
    if (isPlaceholder(token)) return match;
    const alone = match === whole || standsAlone(value, from + offset, match.length);
    if (!looksLikeCredential(scheme, token, alone)) return match;
    return `${scheme}${spaces}${replacement()}`;
  });
}
