// Small text helpers for URLs, ids and long values as the panel displays them.

/** `1 request`, `2 requests`, `1,000 requests`: a count and its word, in the plural but for one. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** `https://api.example:8443` for a URL, or the input when it does not parse. */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    // Opaque origins (data:, file:) serialize as "null"; the scheme says more to a person.
    return parsed.origin === 'null' ? `${parsed.protocol}` : parsed.origin;
  } catch {
    return clipLine(url);
  }
}

/** What a list row shows of a URL: path and query, the host being in the origins column. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.origin === 'null') return clipLine(url);
    return clipLine(`${parsed.pathname}${parsed.search}`) || '/';
  } catch {
    return clipLine(url);
  }
}

/**
 * An id attribute for any exchange id: ids come from the capture side and may hold spaces or
 * quotes, which an IDREF (`aria-activedescendant`) cannot. Injective: `_` escapes itself.
 */
export function domId(prefix: string, id: string): string {
  let out = prefix;
  for (const char of id) out += /[A-Za-z0-9-]/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}_`;
  return out;
}

/** An origin as a list column shows it: without `http://` or `https://` (the detail keeps them). */
export function shortOrigin(origin: string): string {
  return origin.replace(/^https?:\/\//, '');
}

/**
 * An origin as a list column shows it (`shortOrigin`), parted into what may be cut and its port,
 * which must stay: two servers on one host differ by the port alone (`127.0.0.1:3000` and
 * `127.0.0.1:3001`), and a column cut at its end showed both as `127.0.0.1:3…`.
 */
export function hostAndPort(origin: string): { host: string; port: string } {
  const short = shortOrigin(origin);
  const port = /:\d{1,5}$/.exec(short);
  return port ? { host: short.slice(0, port.index), port: port[0] } : { host: short, port: '' };
}

/**
 * A host parted for a cut in its middle (`hostAndPort`'s host; the port is apart, never cut): its
 * last label with the dot before it (`.dev`; an IPv4 address's last number; an IPv6 address's last
 * group) is `end`, which a narrow list keeps, and the rest `start`, which it cuts at its end. Two
 * servers may differ at the end of their host alone (`api.acme.dev` and `api.acme.io`), and a cut
 * at the end of the host showed both as `api.acme…`. A host of one label has no `end`.
 */
export function hostEnds(host: string): { start: string; end: string } {
  // An IPv6 address's groups are parted by colons; a name's labels by dots (a final dot stays with the last label).
  const at = host.startsWith('[') ? host.lastIndexOf(':') : host.lastIndexOf('.', host.length - 2);
  return at > 0 ? { start: host.slice(0, at), end: host.slice(at) } : { start: host, end: '' };
}

/** A path's folders shorter than this are not worth an ellipsis of their own: the path is cut at its end. */
const PATH_START_MIN = 5;

/**
 * A path (`pathOf`) parted for a cut in its middle: its last segment with the query (`end`), which a
 * narrow list keeps, and the folders before it (`start`), which give way first. Endpoints of one API
 * share their start (`/api/v1/`, the demo's `/broken/`) and differ at their end, as DevTools'
 * Network panel names a request by its last segment: cut at its end, every row read `/broken/…`.
 * A path whose start is too short to cut (`/users`, `/a/b`) is all `end`, as is what is no path
 * (a data: URL, which `pathOf` leaves whole).
 */
export function pathEnds(path: string): { start: string; end: string } {
  if (!path.startsWith('/')) return { start: '', end: path };
  const query = path.indexOf('?');
  const pathname = query < 0 ? path : path.slice(0, query);
  // A final slash stays with its segment (`/api/v1/users/` is `/api/v1/` and `users/`).
  const at = pathname.lastIndexOf('/', pathname.length - 2) + 1;
  return at >= PATH_START_MIN ? { start: path.slice(0, at), end: path.slice(at) } : { start: '', end: path };
}

/** The first `length` characters, without cutting a surrogate pair in two. */
export function textStart(text: string, length: number): string {
  if (length >= text.length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * Text shown on one line (a URL in a row, a title): its start, with an ellipsis when cut. A URL can
 * be megabytes long (a data: URL), and laying out megabytes freezes the page.
 */
export function clipLine(text: string, length = 2_000): string {
  return text.length <= length ? text : `${textStart(text, length)}…`;
}
