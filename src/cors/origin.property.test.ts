// The engine's origins are the URL Standard's: on generated URLs (IDNA, IPv4 shorthands, IPv6,
// percent-encoded hosts, odd ports, backslashes, blob:), every answer of origin.ts is compared with
// Node's own URL parser (`new URL(x)`). The fast path gets the most scrutiny: whenever it answers,
// it must give the parser's origin; the generator makes it answer for a good share of the inputs,
// so a scan that accepted a host the parser rewrites (`127.1`, `xn--…`) would be caught.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastHttpOrigin, fastHttpOriginEnd, isParsableAsUrl, recentHttpOrigin, schemeOf, schemeOfValidUrl, serializeOrigin, urlIncludesCredentials, urlOrigin } from './origin.ts';

/** Node's URL parser: the reference. */
function reference(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const chars = (alphabet: string, maxLength: number) => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((a) => a.join(''));

const label = fc.oneof(
  { weight: 6, arbitrary: chars('abcdefghijklmnopqrstuvwxyz0123456789-_', 8) },
  { weight: 1, arbitrary: chars('abcXYZ019-_', 6) },
  // IDNA: mapped, deviation and invalid characters, and punycode labels, valid or not.
  { weight: 1, arbitrary: pick('bücher', 'ÄÖÜ', '例え', 'faß', 'ｅｘａｍｐｌｅ', 'xn--bcher-kva', 'xn--', 'xn--a', 'xn--zz-', 'a\u200db', '\u00ad') },
  // IPv4 shorthands and numbers: octal, hex, too big.
  { weight: 2, arbitrary: pick('0', '1', '09', '010', '0x', '0x7f', '0xg', '255', '256', '4294967295', '4294967296', '00') },
  // Percent-encoded bytes: decoded, or refused.
  { weight: 1, arbitrary: pick('%41', '%2e', '%2E', '%zz', '%00', '%e4%be%8b', '%25', '%') },
);
const domainHost = fc.array(label, { minLength: 1, maxLength: 5 }).chain((labels) =>
  pick('', '.').map((trailing) => labels.join('.') + trailing),
);
const ipv6Host = pick('[::1]', '[0:0:0:0:0:0:0:1]', '[::FFFF:127.0.0.1]', '[fe80::1%25eth0]', '[::1', '[1::2::3]', '[::]', '[2001:DB8::1]', '[::127.0.0.1]');
const host = fc.oneof(
  { weight: 6, arbitrary: domainHost },
  { weight: 2, arbitrary: pick('127.0.0.1', '127.1', '0x7f.0.0.1', '127.0.0.1.', '1.2.3.4.5', '256.0.0.1', '0177.0.0.1', '192.168.0.01', '10.0.0.255') },
  { weight: 1, arbitrary: ipv6Host },
  { weight: 1, arbitrary: pick('', 'a b', 'a<b', 'a^b', 'a|b', 'a\tb', 'a\nb', 'A.Example', 'localhost', 'LOCALHOST') },
);
const port = pick('', '', '', ':', ':80', ':443', ':0080', ':8080', ':5173', ':0', ':65535', ':65536', ':99999', ':x', ':1x');
const userinfo = pick('', '', '', 'u@', 'u:p@', ':p@', '@', 'a%40b@');
const rest = pick('', '/', '/path?q=1#f', '?q', '#f', '\\path', '/a b', ' ', '\t/x', '/%zz', '//x');
const scheme = pick('http', 'https', 'http', 'https', 'HTTP', 'Https', 'ws', 'wss', 'ftp', 'file', 'data', 'foo', 'javascript');
const separator = pick('://', '://', '://', ':/', ':', ':\\\\', ':///', '://\\');

const urlLike = fc
  .tuple(scheme, separator, userinfo, host, port, rest)
  .map(([s, sep, user, h, p, r]) => `${s}${sep}${user}${h}${p}${r}`);
const anyUrl = fc.oneof(
  { weight: 8, arbitrary: urlLike },
  { weight: 1, arbitrary: urlLike.map((inner) => `blob:${inner}`) },
  { weight: 1, arbitrary: pick(' http://a.example/', 'http://a.example ', '/relative', '//a.example/x', 'a.example', '', 'null', '*') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

// The shape the fast path reads, with its traps: numeric last labels, punycode, non-canonical IPv4.
const plainLabel = fc.oneof(
  { weight: 4, arbitrary: chars('abcdefghijklmnopqrstuvwxyz-_', 6) },
  { weight: 3, arbitrary: chars('0123456789', 4) },
  { weight: 1, arbitrary: pick('0x', '0x7f', '0xg', 'xn--bcher-kva', 'xn--', 'axn--b', 'x') },
);
const plainHost = fc.oneof(
  fc.array(plainLabel, { minLength: 1, maxLength: 5 }).chain((labels) => pick('', '', '.').map((trailing) => labels.join('.') + trailing)),
  fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
);
const plainUrl = fc
  .tuple(pick('http://', 'https://'), plainHost, pick('', '', ':80', ':443', ':8080', ':0', ':65535', ':65536', ':0123'), pick('', '/', '/x?y#z', '?', '#'))
  .map((parts) => parts.join(''));

const SEED = 20_260_517;

describe('origins by the URL Standard', () => {
  it('the fast path answers only with the parser\'s origin, and answers often', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(plainUrl, anyUrl), (url) => {
        runs++;
        const fast = fastHttpOrigin(url);
        if (fast === null) return;
        answered++;
        expect(fast, url).toBe(reference(url)?.origin);
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    expect(answered / runs).toBeGreaterThan(0.1);
  }, 60_000);

  it('the origins found last answer as the scan would, for URLs that share their start', () => {
    // A few origins, each followed by what may or may not end an origin (a path, a longer host, a
    // port, a user): a run of URLs keeps the recent origins cache busy, hits and near misses alike.
    const suffix = pick('', '/', '/p', '?q', '#f', 'x', '.y', ':81', '@z', '-a', '0');
    const sharing = fc.tuple(plainUrl, fc.array(fc.oneof(suffix, anyUrl), { minLength: 1, maxLength: 20 })).map(([url, rest]) => {
      const end = fastHttpOriginEnd(url);
      const origin = end === -1 ? url : url.slice(0, end);
      return rest.map((more) => (more.length <= 3 ? origin + more : more));
    });
    let answered = 0;
    fc.assert(
      fc.property(sharing, (urls) => {
        for (const url of urls) {
          const origin = recentHttpOrigin(url);
          expect(origin, url).toBe(fastHttpOrigin(url));
          if (origin !== null) answered++;
        }
      }),
      { seed: SEED, numRuns: 2_000 },
    );
    expect(answered).toBeGreaterThan(1_000);
  }, 60_000);

  it('serializeOrigin, urlOrigin, schemeOf, schemeOfValidUrl, isParsableAsUrl and urlIncludesCredentials agree with new URL()', () => {
    fc.assert(
      fc.property(fc.oneof(plainUrl, anyUrl), (url) => {
        const parsed = reference(url);
        expect(urlOrigin(url), url).toBe(parsed === null ? null : parsed.origin);
        expect(serializeOrigin(url), url).toBe(parsed === null ? 'null' : parsed.origin);
        expect(schemeOf(url), url).toBe(parsed === null ? null : parsed.protocol.slice(0, -1));
        // Read off the URL's start once its origin is known: the parser's scheme all the same.
        if (parsed !== null) expect(schemeOfValidUrl(url), url).toBe(parsed.protocol.slice(0, -1));
        expect(isParsableAsUrl(url), url).toBe(parsed !== null);
        expect(urlIncludesCredentials(url), url).toBe(parsed !== null && (parsed.username !== '' || parsed.password !== ''));
      }),
      { seed: SEED, numRuns: 10_000 },
    );
  }, 60_000);
});
