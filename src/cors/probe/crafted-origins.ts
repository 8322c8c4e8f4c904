// The origins `cors-inspector probe` sends besides the one named, each derived from it to reveal one
// way a server's origin check goes wrong (the checks CORScanner, Corsy and Burp's CORS scan make).
// A server that grants one of them trusts more than the named origin: which one says what its check
// does wrong.

import { isSerializedOrigin } from '../explain/snippet-values.ts';
import { OPAQUE_ORIGIN, parseUrl } from '../origin.ts';

/** What granting a crafted origin (or, for `missing-vary-origin`, the set of answers) reveals. */
export type ProbeFindingKind =
  | 'reflects-any-origin'
  | 'trusts-null'
  | 'trusts-http'
  | 'trusts-prefix'
  | 'trusts-suffix'
  | 'trusts-any-subdomain'
  | 'unescaped-dot'
  | 'missing-vary-origin';

/** The finding a crafted origin tests for: every kind but the one read from `Vary`. */
export type OriginFindingKind = Exclude<ProbeFindingKind, 'missing-vary-origin'>;

export interface CraftedOrigin {
  /** The value sent as `Origin`. */
  origin: string;
  /** The finding it reveals when granted. */
  tests: OriginFindingKind;
  /** How it was made from the named origin, a few words. */
  trick: string;
}

/** The arbitrary origin: a reserved name (RFC 2606) no one can own, so granting it proves reflection. */
const ARBITRARY_ORIGIN = 'https://evil.example';

/** The host label prepended or appended by the tricks: under `.example`, which no one can own. */
const EVIL = 'evil';

/** A named origin the probe can derive from: `http(s)://host[:port]`, nothing else. */
export type ParsedOrigin = { ok: true; scheme: 'http' | 'https'; host: string; port: string } | { ok: false; reason: string };

/**
 * Reads `--origin`: an http(s) origin exactly as browsers serialize it, and one the engine takes for
 * an origin (`isSerializedOrigin`, the check the fix snippets make: a host of letters, digits, `-`,
 * `_` and `.`, or an IP address), so that the probe never sends, judges or prints in a fix an
 * origin the rest of the engine would call invalid.
 */
export function parseNamedOrigin(value: string): ParsedOrigin {
  // The URL parser drops tabs and line breaks wherever they are, gluing the text around them
  // together (https://url.spec.whatwg.org/#concept-basic-url-parser): no suggestion from that.
  if (/[\t\n\r]/.test(value)) return { ok: false, reason: `${JSON.stringify(value)} holds a line break or tab: give the origin alone, on one line` };
  const parsed = parseUrl(value);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return { ok: false, reason: `${JSON.stringify(value)} is not an http(s) origin (scheme://host[:port], as the browser sends it)` };
  }
  if (!isSerializedOrigin(parsed.origin)) {
    return { ok: false, reason: `${JSON.stringify(value)} is not an origin the engine can judge: its host must be letters, digits, "-", "_" and ".", or an IP address` };
  }
  if (parsed.origin !== value) {
    return { ok: false, reason: `${JSON.stringify(value)} is not an origin as the browser sends it: did you mean ${parsed.origin}?` };
  }
  return { ok: true, scheme: parsed.protocol === 'https:' ? 'https' : 'http', host: parsed.hostname, port: parsed.port };
}

/**
 * The crafted origins for `origin` (an origin `parseNamedOrigin` accepts), in the order they are
 * sent. At most `MAX_CRAFTED_ORIGINS`; none equals `origin`.
 * - `https://evil.example`: any origin at all (`reflects-any-origin`);
 * - `null`: sandboxed iframes, data: documents, some redirects (`trusts-null`);
 * - `http://HOST`, for an https origin: a network attacker can forge it (`trusts-http`);
 * - `SCHEME://HOST.evil.example`: a check that the origin starts with the trusted one (`trusts-prefix`);
 * - `SCHEME://evilHOST`: a check that it ends with the trusted host (`trusts-suffix`);
 * - the host with its first, then its last, `.` replaced by `x`: a regular expression with an
 *   unescaped `.` (`unescaped-dot`);
 * - `SCHEME://evil.HOST`: any subdomain (`trusts-any-subdomain`);
 * - `SCHEME://HOST_.evil.example`, `SCHEME://HOST%60.evil.example`: a pattern that stops at the host
 *   but lets characters some browsers accept in host names follow it (`trusts-prefix`).
 * Each keeps the named origin's port.
 */
export function craftedOrigins(origin: string): CraftedOrigin[] {
  const named = parseNamedOrigin(origin);
  if (!named.ok) return [];
  const { scheme, host, port } = named;
  const at = (someScheme: string, someHost: string): string => `${someScheme}://${someHost}${port === '' ? '' : `:${port}`}`;
  const out: CraftedOrigin[] = [
    { origin: ARBITRARY_ORIGIN, tests: 'reflects-any-origin', trick: 'an arbitrary origin' },
    { origin: OPAQUE_ORIGIN, tests: 'trusts-null', trick: 'the opaque origin null' },
  ];
  if (scheme === 'https') out.push({ origin: at('http', host), tests: 'trusts-http', trick: 'the same host over plain http' });
  // An IPv6 host (`[::1]`) has no labels to play with: the tricks on its name are left out.
  if (!host.startsWith('[')) {
    out.push({ origin: at(scheme, `${host}.${EVIL}.example`), tests: 'trusts-prefix', trick: 'the host followed by another domain' });
    out.push({ origin: at(scheme, `${EVIL}${host}`), tests: 'trusts-suffix', trick: 'a longer name ending with the host' });
    for (const dot of new Set([host.indexOf('.'), host.lastIndexOf('.')])) {
      if (dot === -1) continue;
      out.push({ origin: at(scheme, `${host.slice(0, dot)}x${host.slice(dot + 1)}`), tests: 'unescaped-dot', trick: 'a dot of the host replaced by a letter' });
    }
    out.push({ origin: at(scheme, `${EVIL}.${host}`), tests: 'trusts-any-subdomain', trick: 'a subdomain of the host' });
    out.push({ origin: at(scheme, `${host}_.${EVIL}.example`), tests: 'trusts-prefix', trick: 'the host, "_" and another domain' });
    out.push({ origin: at(scheme, `${host}%60.${EVIL}.example`), tests: 'trusts-prefix', trick: 'the host, "%60" (`) and another domain' });
  }
  return out.filter((crafted) => crafted.origin !== origin);
}

/** The most crafted origins `craftedOrigins` returns (the list above, with two dot variants). */
export const MAX_CRAFTED_ORIGINS = 10;
