// A HAR from some tool, or crafted: fields of the wrong type make their entry unreadable, with a
// reason naming the entry and the field; the entry is counted and left out, never guessed at, and
// nothing throws but HarError.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesFromHar, HarError, mapHar } from './har.ts';

const API = 'http://127.0.0.1:8080';
const PAGE = 'http://127.0.0.1:5173';

function entry(overrides: { request?: Record<string, unknown>; response?: unknown; startedDateTime?: unknown } = {}): Record<string, unknown> {
  return {
    startedDateTime: overrides.startedDateTime ?? '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url: `${API}/x`, headers: [{ name: 'Origin', value: PAGE }], ...overrides.request },
    response: overrides.response ?? { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
  };
}

const ok = entry({ request: { url: `${API}/ok` } });
const har = (...entries: unknown[]) => ({ log: { entries } });

describe('HAR entries with fields of the wrong type', () => {
  it.each<{ about: string; bad: unknown; reason: string }>([
    { about: 'a header value that is an object', bad: entry({ response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: { toString: 'x' } }] } }), reason: 'entries[0].response.headers[0].value: expected a string, found an object' },
    { about: 'a header value that is null', bad: entry({ request: { headers: [{ name: 'Origin', value: null }] } }), reason: 'entries[0].request.headers[0].value: expected a string, found null' },
    { about: 'a header value that is an array', bad: entry({ request: { headers: [{ name: 'Origin', value: [PAGE] }] } }), reason: 'entries[0].request.headers[0].value: expected a string, found an array' },
    { about: 'a missing header value', bad: entry({ request: { headers: [{ name: 'Origin' }] } }), reason: 'entries[0].request.headers[0].value: expected a string, found nothing' },
    { about: 'a missing header name', bad: entry({ request: { headers: [{ value: PAGE }] } }), reason: 'entries[0].request.headers[0].name: expected a non-empty string, found nothing' },
    { about: 'a header name that is a number', bad: entry({ request: { headers: [{ name: 7, value: PAGE }] } }), reason: 'entries[0].request.headers[0].name: expected a non-empty string, found the number 7' },
    { about: 'a header line that is a string', bad: entry({ request: { headers: ['Origin: x'] } }), reason: 'entries[0].request.headers[0]: expected a {name, value} object, found a string' },
    { about: 'headers that are an object', bad: entry({ request: { headers: { Origin: PAGE } } }), reason: 'entries[0].request.headers: expected an array, found an object' },
    { about: 'a status of 1000', bad: entry({ response: { status: 1000, headers: [] } }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found the number 1000' },
    { about: 'a huge status', bad: entry({ response: { status: 1e308, headers: [] } }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found a number' },
    { about: 'a negative status', bad: entry({ response: { status: -1, headers: [] } }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found the number -1' },
    { about: 'a fractional status', bad: entry({ response: { status: 200.5, headers: [] } }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found a number' },
    { about: 'a status that is a string', bad: entry({ response: { status: '200', headers: [] } }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found a string' },
    { about: 'a response that is an array', bad: entry({ response: [] }), reason: 'entries[0].response: expected an object, found an array' },
    { about: 'a method that is a number', bad: entry({ request: { method: 1 } }), reason: 'entries[0].request.method: expected a non-empty string, found the number 1' },
    { about: 'a URL that is an object', bad: entry({ request: { url: { href: 'x' } } }), reason: 'entries[0].request.url: expected a non-empty string, found an object' },
    { about: 'an entry that is a string', bad: 'entry', reason: 'entries[0]: expected an object, found a string' },
    // Longer than any browser sends or accepts: no capture, and quoted several times by every output.
    { about: 'a header line over 256 KiB', bad: entry({ response: { status: 200, headers: [{ name: 'Vary', value: 'x'.repeat(256 * 1024) }] } }), reason: 'entries[0].response.headers[0]: 262,148 characters, more than the 262,144 a browser sends or accepts' },
    { about: 'a URL over 2 MiB', bad: entry({ request: { url: `${API}/${'x'.repeat(2 * 1024 * 1024)}` } }), reason: 'entries[0].request.url: 2,097,174 characters, more than the 2,097,152 a browser sends or accepts' },
    { about: 'an error text over 256 KiB', bad: entry({ response: { status: 0, _error: 'e'.repeat(256 * 1024 + 1) } }), reason: 'entries[0].response._error: 262,145 characters, more than the 262,144 a browser sends or accepts' },
  ])('$about: skipped, with the field named', ({ bad, reason }) => {
    const mapping = mapHar(har(bad, ok));
    expect(mapping.skippedEntries).toBe(1);
    expect(mapping.firstSkipReason).toBe(reason);
    expect(mapping.exchanges.map((exchange) => exchange.hops[0]!.url)).toEqual([`${API}/ok`]);
  });

  it('a number as a header value is taken as written', () => {
    const [exchange] = mapHar(har(entry({ request: { headers: [{ name: 'Content-Length', value: 12 }] } }))).exchanges;
    expect(exchange!.request.headers).toEqual([['Content-Length', '12']]);
  });

  it('an invalid date keeps the entry in its place, with the time of the entry before it', () => {
    const first = entry({ request: { url: `${API}/a` }, startedDateTime: '2026-01-01T00:00:05.000Z' });
    const undated = entry({ request: { url: `${API}/b` }, startedDateTime: 'yesterday' });
    const numeric = entry({ request: { url: `${API}/c` }, startedDateTime: 12 });
    const { exchanges, skippedEntries } = mapHar(har(first, undated, numeric));
    expect(skippedEntries).toBe(0);
    expect(exchanges.map((exchange) => [exchange.hops[0]!.url, exchange.startedAt])).toEqual([
      [`${API}/a`, Date.parse('2026-01-01T00:00:05.000Z')],
      [`${API}/b`, Date.parse('2026-01-01T00:00:05.000Z')],
      [`${API}/c`, Date.parse('2026-01-01T00:00:05.000Z')],
    ]);
  });

  it('a body size that is no byte count is unknown, not kept', () => {
    for (const bodySize of [-1, 2.5, 1e300, '12']) {
      const [exchange] = mapHar(har(entry({ request: { bodySize } }))).exchanges;
      expect(exchange!.request.bodySize).toBeUndefined();
    }
  });

  it('counts every skipped entry and names the first', () => {
    const mapping = mapHar(har(ok, null, entry({ response: { status: 5000 } }), 3));
    expect([mapping.skippedEntries, mapping.firstSkipReason]).toEqual([3, 'entries[1]: expected an object, found null']);
  });

  it('never throws anything but HarError, whatever the entries hold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ request: fc.anything(), response: fc.anything() }), fc.record({ request: fc.record({ method: fc.anything(), url: fc.anything(), headers: fc.array(fc.record({ name: fc.anything(), value: fc.anything() })) }), response: fc.record({ status: fc.anything(), headers: fc.array(fc.record({ name: fc.anything(), value: fc.anything() })) }) }))), (entries) => {
        try {
          const { entries: read, skippedEntries } = entriesFromHar(har(...entries));
          expect(read.length + skippedEntries).toBe(entries.length);
        } catch (error) {
          expect(error).toBeInstanceOf(HarError);
        }
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});
