import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../protocol.ts';
import { headerBlocks, headerKeysOf, makeEntry, SEARCHED_VALUE_LENGTH, searchKeyOf } from './entry.ts';

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
});

describe('headerKeysOf', () => {
  const keys = (c: CapturedExchange, blocks = headerBlocks()) => headerKeysOf(c, blocks).join('\n');

  it.each([
    ['request header line', 'x-trace: 1'],
    ['response header name and value', 'location: https://cdn.example/x'],
  ])('holds every %s, lower-cased', (_what, needle) => {
    expect(keys(captured())).toContain(needle);
    expect(keys(captured())).toBe(keys(captured()).toLowerCase());
  });

  it("holds the preflight's headers both ways", () => {
    const key = keys(
      captured({
        hops: [
          {
            url: 'https://api.example/',
            preflight: { url: 'https://api.example/', requestHeaders: [['Access-Control-Request-Headers', 'x-foo']], response: { status: 204, headers: [['Access-Control-Allow-Headers', 'X-Bar']] } },
            response: null,
          },
        ],
      }),
    );
    expect(key).toContain('access-control-request-headers: x-foo');
    expect(key).toContain('access-control-allow-headers: x-bar');
  });

  it('searches a long header value by its start only', () => {
    const long = `${'a'.repeat(SEARCHED_VALUE_LENGTH)}TAIL`;
    const key = keys(captured({ request: { method: 'GET', headers: [['Cookie', long]] } }));
    expect(key).toContain(`cookie: ${'a'.repeat(SEARCHED_VALUE_LENGTH)}`);
    expect(key).not.toContain('tail');
  });

  it('an empty header list adds nothing to search', () => {
    expect(headerKeysOf(captured({ request: { method: 'GET', headers: [] }, hops: [{ url: 'https://a.example/', response: null }] }), headerBlocks())).toEqual([]);
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
