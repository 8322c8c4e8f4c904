// Redaction never changes what the engine concludes: on arbitrary exchanges (any bytes in names,
// values and URLs, the headers the engine reacts to mixed in) and on exchanges full of secrets, the
// redacted exchange gets the verdict, Chromium error, failed parameter and failing step of the
// captured one. Redacting never throws, and redacting twice changes nothing more.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange, type ObservedHop } from '../cors/index.ts';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';
import type { Redaction } from './redaction.ts';
import { redactExchange } from './redact-exchange.ts';
import { canaryCase } from './testing-canaries.ts';

function conclusion(exchange: ObservedExchange): unknown {
  const diagnosis = diagnose(exchange);
  return {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt,
    preflightRequired: diagnosis.preflight.required,
    credentialsMode: diagnosis.credentialsMode,
    requestOrigins: diagnosis.requestOrigins,
  };
}

// Secrets, URLs with credentials, and CORS headers side by side, with any bytes.
const withSecrets = canaryCase.map(({ exchange }) => exchange);

// Redirects to URLs whose credentials, scheme or shape the URL parser reads in unusual ways: the
// redirect checks (credentials in the Location, CORS-enabled scheme, origin) must read them alike.
const host = fc.constantFrom('api.example', 'app.example', '127.0.0.1:8080');
const trickyUrl = fc.oneof(
  fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:', 'https:\\\\', '//', ' https://', 'ftp://', 'data:', 'foo://', 'https:/'), fc.constantFrom('', '@', ':@', 'u:@', ':p@', 'u:p@', 'a@b:pw@', '\t@', 'u\t:p@', 'token=x@', 'u\\p@', 'u/p@'), host, fc.constantFrom('', '/cb', '/cb?code=c1&state=s', '/a/q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU?x=1#access_token=t', '?sig=1', '#frag'))
    .map(([scheme, userinfo, where, rest]) => `${scheme}${userinfo}${where}${rest}`),
  fc.constantFrom('/relative?token=t', '../up?password=p', 'cb#id_token=x', 'https://u:p@'),
);
const redirectChain: fc.Arbitrary<ObservedExchange> = fc
  .tuple(fc.array(fc.tuple(trickyUrl, fc.constantFrom(301, 302, 303, 307, 308)), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('https://app.example', 'null'))
  .map(([redirects, followed, origin]) => {
    const hops: ObservedHop[] = [];
    let url = 'https://api.example/start?session_token=s';
    for (const [location, status] of redirects) {
      hops.push({ url, response: { status, headers: [['Access-Control-Allow-Origin', origin], ['Location', location], ['Set-Cookie', 'a=1']] } });
      url = location;
    }
    if (followed) hops.push({ url, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } });
    return {
      request: { method: 'GET', headers: [['Origin', origin], ['Authorization', 'Bearer t'], ['Referer', 'https://u:p@app.example/?token=t']], initiatorOrigin: origin, mode: 'cors' as const },
      hops,
      errorText: 'net::ERR_FAILED',
    };
  });

const anyExchange = fc.oneof(arbitraryExchange, withSecrets, redirectChain);

describe('redactExchange keeps the verdict', () => {
  it('on arbitrary exchanges and on exchanges full of secrets', () => {
    fc.assert(
      fc.property(anyExchange, (exchange) => {
        expect(conclusion(redactExchange(exchange))).toEqual(conclusion(exchange));
      }),
      { seed: 4242, numRuns: 400 },
    );
  }, 120_000);

  it('is idempotent: a redacted exchange has nothing left to take', () => {
    fc.assert(
      fc.property(anyExchange, (exchange) => {
        const once = redactExchange(exchange);
        const found: Redaction[] = [];
        expect(redactExchange(once, found)).toEqual(once);
        expect(found).toEqual([]);
      }),
      { seed: 4243, numRuns: 300 },
    );
  }, 120_000);
});
