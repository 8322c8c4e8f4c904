// One captured URL as `explain` shows it: its password masked (`masked-passwords.ts`, the user name
// kept), and its path, query and fragment as the exports redact them. Used for the URLs the engine
// reads (`masked-url-secrets.ts`) and for an origin-valued header's URL with userinfo
// (`masked-origins.ts`), so the two read alike.

import { maskedPassword } from './masked-passwords.ts';
import { redactUrl } from './redact-text.ts';

// https://url.spec.whatwg.org/#special-scheme: slashes are optional after the scheme, and `\` ends
// the authority too. As `redact-url.ts` reads a URL, so the part kept is the part it keeps.
const SCHEME = /^[\u0000-\u0020]*([A-Za-z][A-Za-z0-9+.-]*):/;
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

/**
 * The authority's span: after the scheme and its slashes, up to the path. Null for a URL without
 * one (a relative URL, `blob:https://...`, `mailto:`); `to` is then where the path starts.
 */
function authority(url: string): { from: number; to: number } | { from: null; to: number } {
  const scheme = SCHEME.exec(url);
  let from: number;
  let special = true;
  if (scheme !== null) {
    special = SPECIAL_SCHEMES.has(scheme[1]!.toLowerCase());
    let j = scheme[0].length;
    while (j < url.length && (url[j] === '/' || (special && url[j] === '\\'))) j++;
    // A non-special scheme has an authority only after `//` (`blob:https://...` has none).
    if (!special && j - scheme[0].length < 2) return { from: null, to: scheme[0].length };
    from = j;
  } else if (url.startsWith('//')) {
    from = 2;
  } else {
    return { from: null, to: 0 };
  }
  let end = from;
  while (end < url.length && url[end] !== '/' && url[end] !== '?' && url[end] !== '#' && !(special && url[end] === '\\')) end++;
  return { from, to: end };
}

/** Where the path starts: after the scheme and the authority, 0 for a relative URL without one. */
function pathStart(url: string): number {
  return authority(url).to;
}

/**
 * Where the host and port of a URL with an authority are (after any userinfo's last `@`), as the
 * URL redaction reads them and keeps them, up to a blank or a comma (a list of URLs goes on after
 * it); null for a URL without one, or an empty host.
 */
export function hostSpan(url: string): [number, number] | null {
  const { from, to } = authority(url);
  if (from === null) return null;
  const listed = url.slice(from, to).search(/[\s,]/);
  const end = listed === -1 ? to : from + listed;
  const at = url.lastIndexOf('@', end - 1);
  const host = at < from ? from : at + 1;
  return host < end ? [host, end] : null;
}

// The rest of a URL is redacted as the path, query and fragment of this one, then cut off it: a
// rest that is no path (`data:text/plain,...`, `blob:https://...`) is scanned as path segments.
const STAND_IN = 'http://h/';

/**
 * A captured URL with its secrets masked: the password (`maskedPassword`), and what the exports take
 * out of the path, the query and the fragment (`REDACTED-QUERY-SECRET`, `REDACTED-JWT`...).
 * The URL itself when it holds none.
 */
export function maskedUrl(url: string): string {
  const shown = maskedPassword(url);
  const at = pathStart(shown);
  if (at === shown.length) return shown;
  const rest = shown.slice(at);
  const redacted = redactUrl(STAND_IN + rest).slice(STAND_IN.length);
  return redacted === rest ? shown : shown.slice(0, at) + redacted;
}
