// `Bearer <token>` and `Basic <base64>` are credentials whatever holds them: a header no name rule
// knows (`X-Upstream: Bearer abc`), a logged header in a JSON body (`["Authorization", "Bearer
// abc"]`), a note. Names find most of them; this finds the rest, however short the token (the
// random-value rule needs 24 characters). The scheme stays, as under `Authorization`.
// https://www.rfc-editor.org/rfc/rfc9110#section-11.4 (credentials = auth-scheme [ 1*SP token68 ])
//
// The words are also prose and product names ("send a Bearer token", `{"plan": "Basic plan"}`,
// `X-Plan: Basic annual`), so the credential must look like one: a Basic value that decodes to
// `user:password`; a bearer token with a digit or inner capitals, or, as a whole value (`X-Upstream:
// Bearer x`, nothing but the two words), a digit or a capital after its first character (which every
// random run of `opaque-token.ts` has). A JWT is gone before this runs (`jwt.ts`). Under `Authorization` any value
// goes by its name already (`sensitive-name.ts`).

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

function looksLikeCredential(scheme: string, token: string, whole: boolean): boolean {
  if (scheme.toLowerCase() === 'basic') return decodesToUserAndPassword(token);
  if (/[0-9]/.test(token)) return true;
  if (whole) return /[A-Z]/.test(token.slice(1));
  return /[A-Z]/.test(token.slice(1)) && /[a-z]/.test(token);
}

/**
 * `text` with each `Bearer`/`Basic` credential replaced by `replacement()` (the scheme and its
 * spaces kept). `value` is the entire value `text` was taken from: a bearer token that is all of it
 * (but for white space) needs less to count (`Bearer ABCDEFG`).
 */
export function replaceSchemeCredentials(text: string, value: string, replacement: () => string): string {
  if (!MAY_HOLD_SCHEME.test(text)) return text;
  const whole = value.trim();
  return text.replace(SCHEME_CREDENTIALS, (match: string, scheme: string, spaces: string, token: string) => {
    if (isPlaceholder(token)) return match;
    if (!looksLikeCredential(scheme, token, match === whole)) return match;
    return `${scheme}${spaces}${replacement()}`;
  });
}
