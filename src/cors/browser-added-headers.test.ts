import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeBrowserAdded, withPageSetHeaders } from './browser-added-headers.ts';
import type { HeaderList, ObservedExchange } from './exchange.ts';

const url = 'http://api.test/x';

function exchange(headers: HeaderList, preflightRequestHeaders?: HeaderList): ObservedExchange {
  return {
    request: { method: 'GET', headers },
    hops: [
      {
        url,
        ...(preflightRequestHeaders ? { preflight: { url, requestHeaders: preflightRequestHeaders, response: { status: 204, headers: [] } } } : {}),
        response: { status: 200, headers: [] },
      },
    ],
  };
}

describe('withPageSetHeaders', () => {
  const cases: { about: string; headers: HeaderList; preflight?: HeaderList; kept: string[] }[] = [
    { about: 'nothing to remove', headers: [['Accept', '*/*'], ['X-Trace', '1']], kept: ['Accept', 'X-Trace'] },
    {
      about: 'the no-store pair without a preflight is the browser\'s',
      headers: [['Cache-Control', 'no-cache'], ['Pragma', 'no-cache'], ['Accept', '*/*']],
      kept: ['Accept'],
    },
    {
      about: 'cache: "no-cache" makes Chromium send Cache-Control: max-age=0',
      headers: [['Cache-Control', 'max-age=0'], ['Accept', '*/*']],
      kept: ['Accept'],
    },
    {
      about: 'other values are the page\'s',
      headers: [['Cache-Control', 'private'], ['Pragma', 'x']],
      kept: ['Cache-Control', 'Pragma'],
    },
    {
      about: 'with a preflight: not named in Access-Control-Request-Headers, so added by the browser',
      headers: [['Cache-Control', 'no-cache'], ['Pragma', 'no-cache'], ['X-Trace', '1']],
      preflight: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace']],
      kept: ['X-Trace'],
    },
    {
      about: 'with a preflight that names cache-control: the page set it',
      headers: [['Cache-Control', 'no-cache'], ['Pragma', 'no-cache'], ['X-Trace', '1']],
      preflight: [['Access-Control-Request-Headers', 'cache-control,x-trace']],
      kept: ['Cache-Control', 'X-Trace'],
    },
    {
      about: 'HTTP/2 pseudo-headers, priority and x-client-data are the browser\'s',
      headers: [[':authority', 'api.test'], ['priority', 'u=1, i'], ['X-Client-Data', 'abc'], ['Accept', '*/*']],
      kept: ['Accept'],
    },
    {
      about: 'Firefox\'s Alt-Used (a connection its Alt-Svc cache chose) and Priority are the browser\'s',
      headers: [['Host', 'api.test'], ['Origin', 'https://app.test'], ['Alt-Used', 'api.test'], ['Priority', 'u=4'], ['Accept', '*/*']],
      kept: ['Host', 'Origin', 'Accept'],
    },
    {
      about: 'with a preflight that names alt-used, the page set it',
      headers: [['Alt-Used', 'x'], ['Priority', 'u=4']],
      preflight: [['Access-Control-Request-Headers', 'alt-used']],
      kept: ['Alt-Used'],
    },
    {
      about: 'revalidation headers without a preflight are the browser\'s',
      headers: [['If-None-Match', '"v1"'], ['If-Modified-Since', 'Sun, 22 Nov 2026 00:00:00 GMT']],
      kept: [],
    },
    {
      about: 'with a preflight that names if-none-match, the page set it',
      headers: [['If-None-Match', '"v1"'], ['priority', 'u=1']],
      preflight: [['Access-Control-Request-Headers', 'if-none-match']],
      kept: ['If-None-Match'],
    },
    {
      about: 'a preflight for the method alone names no header',
      headers: [['cache-control', 'no-cache']],
      preflight: [['Access-Control-Request-Method', 'PUT']],
      kept: [],
    },
  ];
  for (const { about, headers, preflight, kept } of cases) {
    it(about, () => {
      const input = exchange(headers, preflight);
      const output = withPageSetHeaders(input);
      expect(output.request.headers.map(([name]) => name)).toEqual(kept);
      if (kept.length === headers.length) expect(output).toBe(input);
    });
  }
});

describe('mayBeBrowserAdded', () => {
  // The names it must recognise, ASCII case-insensitively, and the names sharing a length with one of them.
  const candidates = ['priority', 'alt-used', 'x-client-data', 'if-none-match', 'if-modified-since', 'cache-control', 'pragma'];
  const sameLength = ['accept', 'cookie', 'origin', 'authorization', 'x-client-date', 'alt-uses', 'Alt_Used', 'Pragmas', 'referrer', 'if-none-matcH', 'cache-controls', 'p', ':authority', ':', ''];
  /** The rule as stated: a pseudo-header, or one of the candidates. */
  const reference = (name: string) => name.startsWith(':') || candidates.some((candidate) => name.toLowerCase() === candidate && /^[\x00-\x7f]*$/.test(name));

  it('recognises each candidate in any ASCII case, and nothing else of its length', () => {
    for (const name of [...candidates, ...candidates.map((c) => c.toUpperCase()), ...sameLength, 'Priority', 'X-Client-Data', 'If-None-Match', 'Cache-Control']) {
      expect([name, mayBeBrowserAdded(name)]).toEqual([name, reference(name)]);
    }
  });

  it('agrees with the rule on names made from the candidates, one character changed (fixed seed)', () => {
    const alphabet = fc.constantFrom('a', 'P', 'x', 'I', 'c', '-', ':', 'K', '\u212a', '@', '0');
    const mutated = fc
      .tuple(fc.constantFrom(...candidates, ...sameLength.filter((n) => n !== '')), fc.nat(), alphabet, fc.boolean())
      .map(([name, at, char, upper]) => {
        const cased = upper ? name.toUpperCase() : name;
        const i = name.length === 0 ? 0 : at % name.length;
        return at % 3 === 0 ? cased : cased.slice(0, i) + char + cased.slice(i + 1);
      });
    fc.assert(fc.property(mutated, (name) => mayBeBrowserAdded(name) === reference(name)), { seed: 14, numRuns: 2000 });
  });
});
