import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose.ts';
import type { Advisory } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { adviseText } from './advisory-text.ts';
import { explain } from './explain.ts';

const cases: [Advisory, string[]][] = [
  [
    { kind: 'credentials-for-request-origin', severity: 'info', hop: 0, allowOrigin: 'https://app.example' },
    ['lets https://app.example read it with the user\'s credentials', 'cannot be told from one exchange'],
  ],
  [{ kind: 'null-origin-trusted', severity: 'high', hop: 0, credentials: true }, ['allowed the origin "null" with credentials', 'Do not allow null']],
  [{ kind: 'null-origin-trusted', severity: 'high', hop: 0, credentials: false }, ['allowed the origin "null".']],
  [{ kind: 'insecure-origin-trusted', severity: 'high', hop: 0, allowOrigin: 'http://app.example', credentials: true }, ['http: origin http://app.example with credentials']],
  [{ kind: 'wildcard-allow-headers-covers-authorization', severity: 'medium', hop: 0 }, ['List authorization explicitly']],
  [{ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop: 0, headers: ['x-api-key', 'x-auth-token'], anyOrigin: true }, ['allowed x-api-key and x-auth-token', 'any website may send them']],
  [{ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop: 0, headers: ['x-api-key'], anyOrigin: false }, ['allowed x-api-key,', 'List the headers']],
  [{ kind: 'missing-vary-origin', severity: 'low', hop: 0, allowOrigin: 'https://app.example', vary: null }, ['(https://app.example)', 'no Vary: Origin.', 'one exchange cannot tell', 'Add Vary: Origin']],
  [{ kind: 'missing-vary-origin', severity: 'low', hop: 0, allowOrigin: 'https://app.example', vary: 'Accept' }, ['no Vary: Origin (Vary: Accept)']],
  [{ kind: 'max-age-above-browser-cap', severity: 'low', hop: 0, maxAge: '86400', capSeconds: 7200 }, ['Access-Control-Max-Age is 86400', 'at most 7200 seconds']],
];

describe('adviseText', () => {
  it.each(cases)('%j', (advisory, phrases) => {
    const text = adviseText(advisory);
    for (const phrase of phrases) expect(text).toContain(phrase);
  });

  it('has words for every kind', () => {
    const kinds = new Set(cases.map(([a]) => a.kind));
    expect(kinds.size).toBe(7);
  });

  it.each(cases)('never claims what one exchange cannot show (%j)', (advisory) => {
    // "echoes any Origin", "reflects the origin": a claim about other origins' answers.
    expect(adviseText(advisory)).not.toMatch(/\b(?:echoes|reflects|reflected)\b/i);
  });
});

const PAGE = 'https://app.example';

function credentialedPut(responseHeaders: HeaderList): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Cookie', 'sid=1'], ['X-Trace', '1'], ['Content-Type', 'application/json']], initiatorOrigin: PAGE, credentialsMode: 'include' },
    hops: [
      {
        url: 'https://api.example/items/7?x=1',
        preflight: {
          url: 'https://api.example/items/7?x=1',
          requestHeaders: [['Origin', PAGE]],
          response: { status: 204, headers: [...responseHeaders, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace, content-type']] },
        },
        response: { status: 200, headers: responseHeaders },
      },
    ],
  };
}

describe('advisories in explain()', () => {
  it('credentials for this origin: says what is known and carries the probe filled from the exchange', () => {
    const exchange = credentialedPut([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]);
    const d = diagnose(exchange);
    expect(d.verdict).toBe('allowed');
    const [advisory, ...rest] = explain(d, exchange).advisories;
    expect(rest).toEqual([]);
    expect(advisory).toEqual({
      kind: 'credentials-for-request-origin',
      severity: 'info',
      text: expect.stringContaining('cannot be told from one exchange'),
      probe: { url: 'https://api.example/items/7?x=1', origin: PAGE, method: 'PUT', headers: ['x-trace', 'content-type'], credentials: true },
    });
  });

  it('a correct one-origin allow-list (fixed Allow-Origin, no Vary, as @fastify/cors sends) is not said to echo anything', () => {
    const exchange = credentialedPut([['access-control-allow-credentials', 'true'], ['access-control-allow-origin', PAGE]]);
    const words = explain(diagnose(exchange), exchange).advisories;
    expect(words.map((a) => a.kind)).toEqual(['credentials-for-request-origin', 'missing-vary-origin']);
    for (const a of words) {
      expect(a.severity === 'info' || a.severity === 'low').toBe(true);
      expect(a.text).not.toMatch(/\bechoes any\b|\breflects\b/i);
    }
  });
});
