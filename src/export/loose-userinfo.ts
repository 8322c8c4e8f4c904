// `user:password@` that the URL scan (`redact-text.ts` finds URLs from their `scheme://`, and a URL
// written in text ends at white space) does not see: a scheme-relative URL (`//admin:pw@db.example/`,
// which a browser resolves with the page's scheme, credentials included), and a password with a
// space in it (`https://admin:correct horse@db.example/`, as people write a connection string by
// hand; a URL parser would percent-encode the space). A URL whose userinfo has neither is left to the
// URL scan.

// Userinfo longer than this is not looked for: the look-ahead from each `//` stays bounded.
const MAX_USERINFO = 256;
// Where userinfo cannot continue: the authority's end, quotes and angle brackets (text around a URL).
const AUTHORITY_END = /[/?#@"'<>\\\r\n]/;
const BLANK = /[ \t]/;
// A scheme's characters: `//` right after one (or after `/`) is no scheme-relative URL (`a//b`).
const SCHEME_CHAR = /[A-Za-z0-9+.:/-]/;
// A host starts with one of these (a name, an address, `[` for IPv6).
const HOST_START = /[A-Za-z0-9[]/;

/** The end of the userinfo that starts at `from` (the index of its `@`), or -1. */
function userinfoEnd(text: string, from: number, absolute: boolean): number {
  const limit = Math.min(text.length, from + MAX_USERINFO);
  let blank = -1;
  for (let i = from; i < limit; i++) {
    const c = text[i]!;
    if (c === '@') {
      if (i === from || !HOST_START.test(text[i + 1] ?? '')) return -1;
      if (!absolute) return blank === -1 ? i : -1;
      // `scheme://user:pass word@host`: a colon with something after it before the first blank, so
      // prose such as `https://a.example or mail x@b.example` (no colon) or `https://a.example:
      // mail x@b.example` (nothing after it) is not taken for userinfo.
      if (blank === -1) return -1;
      const colon = text.lastIndexOf(':', blank);
      return colon >= from && colon + 1 < blank ? i : -1;
    }
    if (AUTHORITY_END.test(c)) return -1;
    if (BLANK.test(c) && blank === -1) blank = i;
  }
  return -1;
}

/** `text` with each such userinfo replaced by `replacement()`; `@` and the host stay. */
export function replaceLooseUserinfo(text: string, replacement: () => string): string {
  if (!text.includes('@')) return text;
  let out = '';
  let last = 0;
  let from = 0;
  for (;;) {
    const slashes = text.indexOf('//', from);
    if (slashes === -1) break;
    from = slashes + 2;
    const before = slashes === 0 ? '' : text[slashes - 1]!;
    const absolute = before === ':';
    if (!absolute && before !== '' && SCHEME_CHAR.test(before)) continue;
    const at = userinfoEnd(text, slashes + 2, absolute);
    if (at === -1) continue;
    out += text.slice(last, slashes + 2) + replacement();
    last = from = at;
  }
  return last === 0 ? text : out + text.slice(last);
}
