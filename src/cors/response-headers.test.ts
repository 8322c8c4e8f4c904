import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderLine } from './exchange.ts';
import { getHeader } from './header-list.ts';
import { allowHeadersList, allowMethodsList, readCorsResponseHeaders } from './response-headers.ts';

describe('readCorsResponseHeaders', () => {
  it('reads every CORS header in one pass, combining repeated lines', () => {
    const h = readCorsResponseHeaders([
      ['ACCESS-CONTROL-ALLOW-ORIGIN', ' http://a '],
      ['access-control-allow-origin', 'http://b'],
      ['Access-Control-Allow-Methods', 'GET'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'X-A'],
      ['Vary', 'Origin'],
      ['Location', '/next'],
      ['Access-Control-Max-Age', '60'],
    ]);
    expect(h.allowOrigin).toBe('http://a, http://b');
    expect(h.allowCredentials).toBeNull();
    expect(allowMethodsList(h)).toEqual(['GET', 'PUT']);
    expect(allowHeadersList(h)).toEqual(['x-a']);
    expect([h.vary, h.location, h.maxAge, h.exposeHeaders]).toEqual(['Origin', '/next', '60', null]);
  });
});

describe('readCorsResponseHeaders equals "get" (https://fetch.spec.whatwg.org/#concept-header-list-get) for each name', () => {
  const FIELDS = [
    ['allowOrigin', 'access-control-allow-origin'],
    ['allowCredentials', 'access-control-allow-credentials'],
    ['allowMethods', 'access-control-allow-methods'],
    ['allowHeaders', 'access-control-allow-headers'],
    ['maxAge', 'access-control-max-age'],
    ['exposeHeaders', 'access-control-expose-headers'],
    ['vary', 'vary'],
    ['location', 'location'],
  ] as const;
  it('on any header list', () => {
    const name = fc.oneof(
      fc.constantFrom(...FIELDS.map(([, n]) => n)).chain((n) => fc.constantFrom(n, n.toUpperCase(), n.replace('a', 'A'), n + 'x', n.slice(1))),
      fc.constantFrom('Content-Type', 'Date', 'access-control-allow-orig\u0130n', 'Access-Control-Request-Method', 'Server'),
    );
    const value = fc.constantFrom('*', ' x ', '', 'GET,PUT', '\t60');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 10 }), (lines) => {
        const headers = lines as unknown as HeaderLine[];
        const read = readCorsResponseHeaders(headers);
        for (const [field, lower] of FIELDS) expect(read[field]).toBe(getHeader(headers, lower));
      }),
      { numRuns: 2000 },
    );
  });
});
