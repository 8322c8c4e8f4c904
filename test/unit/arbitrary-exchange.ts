// The property tests' generator of arbitrary exchanges: any bytes in names, values and URLs, with
// the header names and values the engine reacts to mixed in. Shared by `diagnose()`'s property
// test and the test that `diagnoseVerdict()` agrees with it.

import fc from 'fast-check';
import type { HeaderLine, ObservedExchange } from '../../src/cors/index.ts';

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
    preflightCacheEntry: fc.record({ maxAge: fc.option(fc.constantFrom('600', '100000', 'abc', ''), { nil: null }), ageMs: fc.nat() }),
  },
  { requiredKeys: ['url', 'response'] },
);
export const arbitraryExchange: fc.Arbitrary<ObservedExchange> = fc.record(
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
