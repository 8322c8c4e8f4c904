import { describe, expect, it } from 'vitest';
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
