// The crafted origins: which are made from which named origin, each keeping the port, none equal to
// the named one, never more than the documented bound.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snippetOrigin } from '../explain/snippet-values.ts';
import { serializeOrigin } from '../origin.ts';
import { craftedOrigins, MAX_CRAFTED_ORIGINS, parseNamedOrigin } from './crafted-origins.ts';

const table = (origin: string): [string, string][] => craftedOrigins(origin).map((crafted) => [crafted.tests, crafted.origin]);

describe('craftedOrigins', () => {
  it('an https origin with a port: every trick, the port kept', () => {
    expect(table('https://app.example.com:8443')).toEqual([
      ['reflects-any-origin', 'https://evil.example'],
      ['trusts-null', 'null'],
      ['trusts-http', 'http://app.example.com:8443'],
      ['trusts-prefix', 'https://app.example.com.evil.example:8443'],
      ['trusts-suffix', 'https://evilapp.example.com:8443'],
      ['unescaped-dot', 'https://appxexample.com:8443'],
      ['unescaped-dot', 'https://app.examplexcom:8443'],
      ['trusts-any-subdomain', 'https://evil.app.example.com:8443'],
      ['trusts-prefix', 'https://app.example.com_.evil.example:8443'],
      ['trusts-prefix', 'https://app.example.com%60.evil.example:8443'],
    ]);
  });

  it.each<{ origin: string; about: string; kinds: string[] }>([
    { about: 'an http origin: no http variant', origin: 'http://app.example.com', kinds: ['reflects-any-origin', 'trusts-null', 'trusts-prefix', 'trusts-suffix', 'unescaped-dot', 'unescaped-dot', 'trusts-any-subdomain', 'trusts-prefix', 'trusts-prefix'] },
    { about: 'a host with one dot: one dot variant', origin: 'https://example.com', kinds: ['reflects-any-origin', 'trusts-null', 'trusts-http', 'trusts-prefix', 'trusts-suffix', 'unescaped-dot', 'trusts-any-subdomain', 'trusts-prefix', 'trusts-prefix'] },
    { about: 'a host without dots: no dot variant', origin: 'http://localhost:5173', kinds: ['reflects-any-origin', 'trusts-null', 'trusts-prefix', 'trusts-suffix', 'trusts-any-subdomain', 'trusts-prefix', 'trusts-prefix'] },
    { about: 'an IPv6 host: no tricks on its name', origin: 'https://[::1]:8443', kinds: ['reflects-any-origin', 'trusts-null', 'trusts-http'] },
    { about: 'the arbitrary origin named itself: not sent twice', origin: 'https://evil.example', kinds: ['trusts-null', 'trusts-http', 'trusts-prefix', 'trusts-suffix', 'unescaped-dot', 'trusts-any-subdomain', 'trusts-prefix', 'trusts-prefix'] },
  ])('$about', ({ origin, kinds }) => {
    expect(craftedOrigins(origin).map((crafted) => crafted.tests)).toEqual(kinds);
  });

  it('whatever the origin: at most the bound, none equal to it, all distinct (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    const origin = fc
      .tuple(fc.constantFrom('http', 'https'), fc.array(label, { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 })))
      .map(([scheme, labels, port]) => `${scheme}://${labels.join('.')}${port === null ? '' : `:${port}`}`)
      // All-digit labels make IPv4 addresses, some of them invalid: what the URL parser refuses is no origin.
      .map((url) => (URL.canParse(url) ? new URL(url).origin : ''))
      .filter((value) => parseNamedOrigin(value).ok);
    fc.assert(
      fc.property(origin, (named) => {
        const crafted = craftedOrigins(named).map((one) => one.origin);
        expect(crafted.length).toBeLessThanOrEqual(MAX_CRAFTED_ORIGINS);
        expect(crafted).not.toContain(named);
        expect(new Set(crafted).size).toBe(crafted.length);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('parseNamedOrigin', () => {
  it.each<{ value: string; reason: RegExp | null }>([
    { value: 'https://app.example.com', reason: null },
    { value: 'http://127.0.0.1:5173', reason: null },
    { value: 'https://app.example.com/', reason: /did you mean https:\/\/app\.example\.com\?/ },
    { value: 'https://APP.example.com', reason: /did you mean https:\/\/app\.example\.com\?/ },
    { value: 'https://app.example.com:443', reason: /did you mean https:\/\/app\.example\.com\?/ },
    { value: 'app.example.com', reason: /not an http\(s\) origin/ },
    { value: 'file:///tmp/x', reason: /not an http\(s\) origin/ },
    { value: 'null', reason: /not an http\(s\) origin/ },
    // Hosts the URL parser keeps but the engine takes for no origin (its fixes would put a placeholder).
    { value: 'https://a$b.example', reason: /not an origin the engine can judge/ },
    { value: 'https://a${X}.example', reason: /not an origin the engine can judge/ },
    { value: 'https://a*b.example:8443', reason: /not an origin the engine can judge/ },
    // The parser drops a line break and glues what follows: no suggestion built from that.
    { value: 'https://app.example.com\nevil', reason: /^"https:\/\/app\.example\.com\\nevil" holds a line break or tab: give the origin alone, on one line$/ },
    { value: 'https://app.example.com/\r\nx', reason: /holds a line break or tab/ },
    { value: 'https://bücher.example', reason: /did you mean https:\/\/xn--bcher-kva\.example\?/ },
  ])('$value', ({ value, reason }) => {
    const parsed = parseNamedOrigin(value);
    if (reason === null) expect(parsed.ok).toBe(true);
    else expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('what it accepts the engine reads as that origin; what it suggests it accepts (property)', () => {
    const piece = fc.constantFrom('https://', 'http://', 'app', 'APP', '.', 'example', 'com', ':8443', ':443', '/', '\n', '\t', '\r', ' ', '$', '{', '}', '*', '_', '-', '1', '%41', '[::1]', 'ü', '@', '?');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const value = pieces.join('');
        const parsed = parseNamedOrigin(value);
        if (parsed.ok) {
          expect(serializeOrigin(value)).toBe(value);
          expect(snippetOrigin(value)).toEqual({ value, replaced: false });
          return;
        }
        expect(parsed.reason).not.toMatch(/[\n\r]/);
        const suggested = /did you mean (.*)\?$/.exec(parsed.reason)?.[1];
        if (suggested !== undefined) expect(parseNamedOrigin(suggested).ok).toBe(true);
      }),
      { seed: 18, numRuns: 2000 },
    );
  });
});
