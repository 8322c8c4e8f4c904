import { describe, expect, it } from 'vitest';
import { sameJsonValue } from './same-json-value.ts';

describe('sameJsonValue', () => {
  const exchange = () => ({ id: '7', source: 'webRequest', pending: true, exchange: { request: { method: 'PUT', headers: [['Origin', 'http://a.test'], ['X-A', '1']] }, hops: [{ url: 'http://b.test/', response: null }], startedAt: 1.5 } });

  it('says equal what serialises alike, whatever the order of keys', () => {
    expect(sameJsonValue(exchange(), exchange())).toBe(true);
    const { id, ...rest } = exchange();
    expect(sameJsonValue({ ...rest, id }, exchange())).toBe(true);
    expect(sameJsonValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJsonValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJsonValue([], [])).toBe(true);
  });

  it('tells every difference JSON would show', () => {
    const changed = [
      (x: ReturnType<typeof exchange>) => void (x.pending = false),
      (x: ReturnType<typeof exchange>) => void (x.exchange.request.headers[1]![1] = '2'),
      (x: ReturnType<typeof exchange>) => void x.exchange.request.headers.pop(),
      (x: ReturnType<typeof exchange>) => void ((x.exchange.hops[0] as { response: unknown }).response = { status: 200, headers: [] }),
      (x: ReturnType<typeof exchange>) => void ((x.exchange as Record<string, unknown>)['errorText'] = 'net::ERR_FAILED'),
      (x: ReturnType<typeof exchange>) => void (x.exchange.startedAt = 2),
    ];
    for (const change of changed) {
      const other = exchange();
      change(other);
      expect(sameJsonValue(exchange(), other)).toBe(false);
      expect(sameJsonValue(other, exchange())).toBe(false);
    }
    expect(sameJsonValue({ a: null }, { a: undefined })).toBe(false);
    expect(sameJsonValue({ a: null }, {})).toBe(false);
    expect(sameJsonValue([1], { 0: 1 })).toBe(false);
    expect(sameJsonValue({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJsonValue({ a: {} }, { a: [] })).toBe(false);
  });

  it('compares a value with its own JSON (a Date) as JSON writes it', () => {
    expect(sameJsonValue({ at: new Date(1) }, { at: new Date(2) })).toBe(false);
    expect(sameJsonValue({ at: new Date(1) }, { at: new Date(1) })).toBe(true);
    expect(sameJsonValue({ at: new Date(1) }, { at: '1970-01-01T00:00:00.001Z' })).toBe(true);
  });
});
