import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../protocol.ts';
import { makeEntry, searchKeyOf } from './entry.ts';

function captured(over: Partial<CapturedExchange['exchange']> = {}): CapturedExchange {
  return {
    id: 'r1',
    source: 'devtools-protocol',
    exchange: {
      request: { method: 'PUT', headers: [['X-Trace', '1']], initiatorOrigin: 'https://App.example' },
      hops: [
        {
          url: 'https://API.example/v1/Items',
          preflight: { url: 'https://API.example/v1/Items', requestHeaders: [], response: { status: 204, headers: [] } },
          response: { status: 302, headers: [['Location', 'https://cdn.example/x']] },
        },
        { url: 'https://cdn.example/x', response: null },
      ],
      errorText: 'net::ERR_FAILED',
      browserVerdict: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
      ...over,
    },
  };
}

describe('searchKeyOf', () => {
  const key = searchKeyOf(captured());
  it.each([
    ['method', 'put'],
    ['initiator origin, lower-cased', 'https://app.example'],
    ['first URL, lower-cased', 'https://api.example/v1/items'],
    ['redirect target', 'https://cdn.example/x'],
    ['preflight status', '204'],
    ['response status', '302'],
    ['network error', 'net::err_failed'],
    ['browser CORS error', 'missingalloworiginheader'],
  ])('holds the %s', (_what, needle) => {
    expect(key).toContain(needle);
  });

  it('is entirely lower-case', () => {
    expect(key).toBe(key.toLowerCase());
  });

  it('does not hold header values (they are not what people search rows by)', () => {
    expect(key).not.toContain('x-trace');
  });
});

describe('makeEntry', () => {
  it('uses startedAt as the time key', () => {
    expect(makeEntry(captured({ startedAt: 1234 }), 1, 0).time).toBe(1234);
  });
  it('sorts exchanges without a start time last', () => {
    expect(makeEntry(captured(), 1, 0).time).toBe(Number.POSITIVE_INFINITY);
  });
});
