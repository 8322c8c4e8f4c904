// Secrets in the values the engine reads (a `Content-Type` parameter, an `Origin` or
// `Access-Control-Allow-Origin` with userinfo or a token) leave every export, and the verdict stays:
// a bundle written from hostile exchanges and read back is judged as the exporter judged it (no
// `verdictChange`, under Chromium's rules and Firefox's), the redacted exchange gets the captured
// one's conclusion with its values as exported, and no secret is left in the bundle's text. The
// values straddle the safelist's 128-byte limit, hold CORS-unsafe bytes inside the secret, and set
// two origins with different passwords side by side (which one placeholder would make equal), and
// put a card number or a JWT in a host.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { engineValuesAsRedacted, redactExchange } from './redact-exchange.ts';
import { conclusion, eachString } from './testing-conclusion.ts';

const SECRET = 'sk_live_cnry80abcdefghijkl';
const secrets = fc.constantFrom(SECRET, 'cnry81', 'cnry82"(@)', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU', 'ghp_cnry83aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
const essence = fc.constantFrom('text/plain', 'application/json', 'multipart/form-data', 'application/x-www-form-urlencoded', 'TEXT/Plain', 'text/plain;', 'bad');
const param = fc.constantFrom('apikey', 'token', 'session', 'client_key');
// Padding that puts the value on either side of 128 bytes (and the sum of them near 1024).
const padding = fc.integer({ min: 0, max: 130 }).map((n) => 'a'.repeat(n));

const mimeValue = fc
  .tuple(essence, param, secrets, padding, fc.boolean(), fc.boolean())
  .map(([type, name, secret, pad, quoted, boundary]) => `${type}; charset=${pad || 'utf-8'}; ${name}=${quoted ? `"${secret}"` : secret}${boundary ? '; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW' : ''}`);

// A host or port shaped like a card number or a JWT is kept, as a URL's is: taken from an Origin and
// its echo alike, the placeholder was read lower-cased in the one and not in the other (session 40).
const host = fc.constantFrom('app.example', 'APP.example', '127.0.0.1:8080', 'api.example', '4111111111111111.example', '4111111111111111.EXAMPLE', 'app.example:4111111111111111', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk.example');
const origin = fc.oneof(
  fc.constantFrom('null', '*', 'https://app.example'),
  fc
    .tuple(fc.constantFrom('https://', 'http://', ' https://'), fc.constantFrom('', 'u:p1@', 'u:p2@', 'U:P1@', 'user:hunter2@', `${SECRET}@`), host, fc.constantFrom('', '/', `/?token=${SECRET}`, '/q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU', ' '))
    .map(([scheme, userinfo, where, rest]) => `${scheme}${userinfo}${where}${rest}`),
);
const allowOrigin = fc.oneof(origin, fc.tuple(origin, origin).map(([a, b]) => `${a}, ${b}`));

const hostile: fc.Arbitrary<ObservedExchange> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT'),
    origin,
    page: fc.option(origin, { nil: undefined }),
    contentType: fc.option(mimeValue, { nil: undefined, freq: 2 }),
    accept: fc.option(fc.tuple(mimeValue, padding).map(([v, pad]) => `${v}, */*${pad}`), { nil: undefined, freq: 2 }),
    language: fc.option(fc.tuple(param, secrets, padding).map(([name, secret, pad]) => `en-US;q=0.9, ${name}=${secret}${pad}`), { nil: undefined, freq: 2 }),
    credentials: fc.constantFrom('include', 'same-origin', 'omit') as fc.Arbitrary<'include' | 'same-origin' | 'omit'>,
    preflight: fc.option(fc.tuple(allowOrigin, fc.constantFrom('true', 'false')), { nil: undefined }),
    allow: fc.option(allowOrigin, { nil: undefined }),
    credentialsAllowed: fc.boolean(),
    responseType: fc.option(mimeValue, { nil: undefined, freq: 2 }),
  })
  .map((x) => {
    const headers: HeaderLine[] = [['Origin', x.origin]];
    if (x.contentType !== undefined) headers.push(['Content-Type', x.contentType]);
    if (x.accept !== undefined) headers.push(['Accept', x.accept]);
    if (x.language !== undefined) headers.push(['Accept-Language', x.language]);
    const url = 'https://api.example/v1/items';
    const response: HeaderLine[] = [];
    if (x.allow !== undefined) response.push(['Access-Control-Allow-Origin', x.allow]);
    if (x.credentialsAllowed) response.push(['Access-Control-Allow-Credentials', 'true']);
    if (x.responseType !== undefined) response.push(['Content-Type', x.responseType]);
    const exchange: ObservedExchange = {
      request: { method: x.method, headers, mode: 'cors', credentialsMode: x.credentials, initiatorOrigin: x.page ?? x.origin },
      hops: [
        {
          url,
          ...(x.preflight === undefined
            ? {}
            : {
                preflight: {
                  url,
                  requestHeaders: [['Access-Control-Request-Method', x.method], ['Origin', x.origin]] as HeaderLine[],
                  response: { status: 204, headers: [['Access-Control-Allow-Origin', x.preflight[0]], ['Access-Control-Allow-Credentials', x.preflight[1]], ['Access-Control-Allow-Methods', 'PUT, POST'], ['Access-Control-Allow-Headers', 'content-type']] as HeaderLine[] },
                },
              }),
          response: { status: 200, headers: response },
        },
      ],
      errorText: 'net::ERR_FAILED',
    };
    return exchange;
  });

describe('secrets in the values the engine reads', () => {
  it('the redacted exchange is concluded as the captured one, its values as exported', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (exchange, firefox) => {
        const redacted = redactExchange(exchange);
        const asRedacted = engineValuesAsRedacted(exchange, redacted);
        expect(conclusion(redacted, firefox)).toEqual(eachString(conclusion(exchange, firefox), asRedacted));
      }),
      { seed: 8081, numRuns: 600 },
    );
  }, 120_000);

  it('a bundle read back is judged as the exporter judged it, and holds no secret', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (exchange, firefox) => {
        const text = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0', ...(firefox ? { rules: FIREFOX_RULES } : {}) }));
        const imported = importBundle(text, { engineVersion: '0' });
        expect(imported.ok).toBe(true);
        if (!imported.ok) return;
        expect(imported.exchanges[0]!.engineError).toBeUndefined();
        expect(imported.exchanges[0]!.verdictChange).toBeNull();
        for (const secret of [SECRET, 'cnry81', 'cnry82', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU', 'cnry83', 'hunter2', 'u:p1@', 'u:p2@']) expect(text).not.toContain(secret);
      }),
      { seed: 8081, numRuns: 400 },
    );
  }, 120_000);
});
