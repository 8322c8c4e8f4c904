import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import type { Redaction } from './redact.ts';
import { distinctRedactions, redactBody, redactExchange } from './redact-exchange.ts';
import { recordedExchanges } from './testing-exchanges.ts';

function exchangeWith(headers: [string, string][], responseHeaders: [string, string][] = [], url = 'https://api.example/x'): ObservedExchange {
  return { request: { method: 'GET', headers }, hops: [{ url, response: { status: 302, headers: responseHeaders } }] };
}

describe('redactExchange', () => {
  const cases: { about: string; exchange: ObservedExchange; pick: (e: ObservedExchange) => unknown; expected: unknown; where: string[] }[] = [
    {
      about: 'a Location carrying an OAuth code',
      exchange: exchangeWith([], [['Location', 'https://app.example/cb?code=abc123&state=s']]),
      pick: (e) => e.hops[0]!.response!.headers,
      expected: [['Location', 'https://app.example/cb?code=REDACTED-QUERY-SECRET&state=s']],
      where: ['location:query:code'],
    },
    {
      about: 'a Referer carrying a token',
      exchange: exchangeWith([['Referer', 'https://app.example/p?token=t0k']]),
      pick: (e) => e.request.headers,
      expected: [['Referer', 'https://app.example/p?token=REDACTED-QUERY-SECRET']],
      where: ['referer:query:token'],
    },
    {
      about: 'a hop URL with user:password',
      exchange: exchangeWith([], [], 'https://user:pw@api.example/x'),
      pick: (e) => e.hops[0]!.url,
      expected: 'https://REDACTED-AUTHORIZATION@api.example/x',
      where: ['url-userinfo'],
    },
    {
      about: 'CORS headers stay as they are',
      exchange: exchangeWith([['Access-Control-Request-Headers', 'authorization,x-api-key']], [['Access-Control-Allow-Credentials', 'true']]),
      pick: (e) => [e.request.headers, e.hops[0]!.response!.headers],
      expected: [[['Access-Control-Request-Headers', 'authorization,x-api-key']], [['Access-Control-Allow-Credentials', 'true']]],
      where: [],
    },
  ];

  it.each(cases)('$about', ({ exchange, pick, expected, where }) => {
    const found: Redaction[] = [];
    expect(pick(redactExchange(exchange, found))).toEqual(expected);
    expect(found.map((r) => r.where)).toEqual(where);
  });

  it('does not change the verdict of any exchange Chromium recorded', () => {
    for (const exchange of recordedExchanges()) {
      const before = diagnose(exchange);
      const after = diagnose(redactExchange(exchange));
      expect([after.verdict, after.corsError, after.failedParameter]).toEqual([before.verdict, before.corsError, before.failedParameter]);
    }
  });

  it('leaves the input untouched', () => {
    const exchange = exchangeWith([['Cookie', 'a=b']]);
    redactExchange(exchange);
    expect(exchange.request.headers).toEqual([['Cookie', 'a=b']]);
  });
});

describe('redactBody', () => {
  it.each([
    { body: '{"user":"ana","password":"hunter2"}', expected: '{"user":"ana","password":"REDACTED-PASSWORD"}' },
    { body: 'user=ana&password=hunter2', expected: 'user=ana&password=REDACTED-PASSWORD' },
    { body: 'plain text, nothing secret', expected: 'plain text, nothing secret' },
  ])('$body', ({ body, expected }) => {
    expect(redactBody(body, [])).toBe(expected);
  });
});

describe('distinctRedactions', () => {
  it('keeps each kind and place once', () => {
    expect(distinctRedactions([{ kind: 'cookie', where: 'cookie' }, { kind: 'cookie', where: 'cookie' }, { kind: 'jwt', where: 'cookie' }])).toEqual([
      { kind: 'cookie', where: 'cookie' },
      { kind: 'jwt', where: 'cookie' },
    ]);
  });
});
