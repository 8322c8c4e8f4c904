// A captured URL as the browser sent it: its WHATWG serialization (https://url.spec.whatwg.org/#concept-url-serializer).
// Chromium and Firefox log URLs serialized, so only a hand-made or hostile HAR holds another
// spelling, and there what a reader sees is not where the request went: `https://evil.example\@api.example/x`
// reads as api.example but is sent to evil.example (a `\` ends the host of an http URL),
// `https://0x7f.1/` is 127.0.0.1, `https://аpi.example/` (a Cyrillic `а`) is `xn--pi-6kc.example`.
// Every surface shows the URL the reader shares with curl and the engine: the serialized one.

/**
 * URLs already serialized, the usual case, recognised without the URL parser (slow for big logs):
 * http or https, a lower-case host whose last label starts with a letter (a number there makes the
 * host an IPv4 address, `0x7f.1`) or a dotted-decimal IPv4 address, a port, a path of characters the
 * serializer writes as they are (no `'`, which a query encodes, no `\`, `#` or non-ASCII; a `%` is
 * kept as written, percent-encoded or not, so logs full of `%20` stay on this path).
 */
const PLAIN =
  /^https?:\/\/(?:(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::([1-9]\d{0,4}))?\/[!$%&(-;=?-Z_a-z~]*$/;

/** A dot segment (`/./`, `/..`) or a percent-encoded dot, which the parser resolves. */
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)|%2e/i;

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** `url` serialized, or as captured when it is no absolute URL (the engine judges that as before). */
export function urlAsSent(url: string): string {
  const plain = PLAIN.exec(url);
  if (plain !== null) {
    const port = plain[1];
    const scheme = url.startsWith('https:') ? 'https:' : 'http:';
    const path = url.slice(url.indexOf('/', scheme.length + 2));
    const pathOnly = path.split('?', 1)[0]!;
    if ((port === undefined || (Number(port) <= 65535 && port !== DEFAULT_PORT[scheme])) && !DOT_SEGMENT.test(pathOnly)) return url;
  }
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
