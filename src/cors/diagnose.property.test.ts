// diagnose() never throws and is deterministic, whatever bytes the wire carried.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from './cors-error.ts';
import { diagnose } from './diagnose.ts';
import type { HeaderLine, ObservedExchange } from './exchange.ts';

const byteString = (maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength }).map((codes) => String.fromCharCode(...codes));

const interesting = fc.constantFrom(
  'Access-Control-Allow-Origin',
  'access-control-allow-credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Expose-Headers',
  'Location',
  'Vary',
  'Origin',
  'Cookie',
  'Content-Type',
  'Range',
  'Sec-Fetch-Mode',
  'X-HTTP-Method-Override',
);
const headerName = fc.oneof(interesting, byteString(20));
const headerValue = fc.oneof(
  fc.constantFrom('*', 'true', 'null', 'http://127.0.0.1:1111', 'GET, PUT', 'bytes=0-', 'cors', 'no-cors', 'http://u:p@x/', '/rel', 'TRACE'),
  byteString(40),
);
const headers = fc.array(fc.tuple(headerName, headerValue).map((t) => t as unknown as HeaderLine), { maxLength: 8 });
const url = fc.oneof(
  fc.constantFrom('http://127.0.0.1:1111/a', 'http://127.0.0.1:2222/b', 'http://localhost:3333/c', 'https://x.example:443/', 'data:,x', 'ftp://a/'),
  byteString(30),
);
const response = fc.option(fc.record({ status: fc.integer({ min: 0, max: 999 }), headers }), { nil: null });
const hop = fc.record(
  {
    url,
    response,
    preflight: fc.record({ url, requestHeaders: headers, response, networkError: fc.constantFrom('net::ERR_CONNECTION_REFUSED', 'x') }, { requiredKeys: ['url', 'requestHeaders', 'response'] }),
    preflightFromCache: fc.boolean(),
  },
  { requiredKeys: ['url', 'response'] },
);
const exchange: fc.Arbitrary<ObservedExchange> = fc.record(
  {
    request: fc.record(
      {
        method: fc.oneof(fc.constantFrom('GET', 'post', 'PUT', 'patch', 'OPTIONS', 'CONNECT'), byteString(8)),
        headers,
        initiatorOrigin: fc.option(url, { nil: null }),
        credentialsMode: fc.constantFrom('omit' as const, 'same-origin' as const, 'include' as const),
        mode: fc.constantFrom('cors' as const, 'no-cors' as const, 'same-origin' as const, 'navigate' as const),
        redirectMode: fc.constantFrom('follow' as const, 'manual' as const, 'error' as const),
      },
      { requiredKeys: ['method', 'headers'] },
    ),
    hops: fc.array(hop, { minLength: 0, maxLength: 25 }),
    errorText: fc.constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_ABORTED', 'weird'),
  },
  { requiredKeys: ['request', 'hops'] },
);

describe('diagnose() on arbitrary input', () => {
  it('never throws, is deterministic, and only reports Chromium error codes', () => {
    fc.assert(
      fc.property(exchange, (ex) => {
        const first = diagnose(ex);
        const second = diagnose(structuredClone(ex));
        expect(second).toEqual(first);
        if (first.corsError !== null) {
          expect(CORS_ERRORS).toContain(first.corsError);
          expect(first.verdict).toBe('blocked');
          expect(typeof first.failedParameter).toBe('string');
        } else {
          expect(first.failedParameter).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
