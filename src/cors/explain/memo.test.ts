// explain()'s caches change nothing: a stack reading remembered from one response is the reading
// of every response with the same key, on the real header sets of test/fixtures/stack-headers and
// on arbitrary ones; the values kept out of the key are never read; what is shared is frozen.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../exchange.ts';
import { valueIsRead } from './layers/header-view.ts';
import { type ResponseSeen, linesRead, readLinesKey, readStack } from './layers/stack-reading.ts';
import { headerLinesKey, withoutMemo } from './memo.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/stack-headers');
const LAYERS = join(import.meta.dirname, 'layers');

/** Every response (status and header lines) anywhere in a fixture. */
function responsesIn(value: unknown, out: { status: number; headers: HeaderList }[] = []): { status: number; headers: HeaderList }[] {
  if (Array.isArray(value)) for (const item of value) responsesIn(item, out);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const headers = record['headers'];
    if (typeof record['status'] === 'number' && Array.isArray(headers) && headers.every((l) => Array.isArray(l) && l.length === 2)) {
      out.push({ status: record['status'], headers: headers as HeaderList });
    }
    for (const key of Object.keys(record)) responsesIn(record[key], out);
  }
  return out;
}

const fixtureFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtureFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
const RECORDED = fixtureFiles(FIXTURES).flatMap((file) => responsesIn(JSON.parse(readFileSync(file, 'utf8'))));

/** The same lines with every value the layers do not read replaced. */
function otherUnreadValues(headers: HeaderList, value: (i: number) => string): HeaderList {
  return headers.map(([name, v], i) => [name, valueIsRead(name.toLowerCase()) ? v : value(i)] as const);
}

const FOCUSES = [['access-control-allow-origin', null], ['access-control-allow-headers', 'preflight'], [null, null]] as const;

/** The reading with and without the cache agree, for each focus, on each response alone and on the pair. */
function expectSameReadings(responses: readonly ResponseSeen[]): void {
  const sets = [...responses.map((r) => [r]), responses];
  for (const set of sets) {
    for (const [focus, on] of FOCUSES) {
      const fresh = withoutMemo(() => readStack(set, focus, on));
      expect(readStack(set, focus, on)).toEqual(fresh);
      // And again, now answered from the cache.
      expect(readStack(set, focus, on)).toEqual(fresh);
    }
  }
}

describe('the stack reading cache', () => {
  it('finds recorded header sets in the fixtures', () => {
    expect(RECORDED.length).toBeGreaterThan(40);
  });

  it('gives the reading computed afresh, on every recorded response', () => {
    for (let i = 0; i < RECORDED.length; i++) {
      const r = RECORDED[i]!;
      const other = RECORDED[(i + 1) % RECORDED.length]!;
      expectSameReadings([{ on: 'preflight', ...r }, { on: 'response', ...other }]);
    }
  });

  it('reads no value it leaves out of the key: other Date, Content-Length, ids, Location change nothing', () => {
    for (const r of RECORDED) {
      const seen: ResponseSeen = { on: 'response', ...r };
      const changed: ResponseSeen = { ...seen, headers: otherUnreadValues(r.headers, (i) => `changed ${i} Express nginx AmazonS3 GET,HEAD,POST`) };
      for (const [focus, on] of FOCUSES) {
        const fresh = withoutMemo(() => readStack([changed], focus, on));
        expect(fresh).toEqual(withoutMemo(() => readStack([seen], focus, on)));
        expect(readStack([changed], focus, on)).toEqual(fresh);
      }
    }
  });

  it('gives the reading computed afresh, on arbitrary header lines (cache filled by one, read by the next)', () => {
    const name = fc.oneof(
      fc.constantFrom('Access-Control-Allow-Origin', 'access-control-allow-origin', 'Access-Control-Allow-Methods', 'access-control-allow-headers', 'Vary', 'vary', 'Server', 'X-Powered-By', 'Via', 'Date', 'Location', 'Content-Type', 'cf-ray', 'Set-Cookie'),
      fc.string({ maxLength: 8 }),
    );
    const value = fc.oneof(fc.constantFrom('*', 'Origin', 'Express', 'nginx/1.27', 'AmazonS3', 'GET,HEAD,POST', 'GET,HEAD,PUT,PATCH,POST,DELETE', 'application/json', '1.1 varnish', ''), fc.string({ maxLength: 12 }));
    const lines = fc.array(fc.tuple(name, value), { maxLength: 10 });
    const status = fc.constantFrom(200, 204, 401, 500, null);
    fc.assert(
      fc.property(lines, lines, status, fc.integer(), (a, b, code, seed) => {
        expectSameReadings([{ on: 'preflight', headers: a, status: code }, { on: 'response', headers: b, status: code }]);
        // The same lines with other unread values: one key, so one reading, the right one for both.
        const changed = otherUnreadValues(b, (i) => `${seed}-${i}`);
        expect(readStack([{ on: 'response', headers: changed, status: code }], 'access-control-allow-origin')).toEqual(withoutMemo(() => readStack([{ on: 'response', headers: changed, status: code }], 'access-control-allow-origin')));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('shares one frozen reading: a caller cannot change what the next exchange is given', () => {
    const headers: HeaderList = [['Access-Control-Allow-Origin', '*'], ['X-Powered-By', 'Express'], ['Date', 'Fri, 04 Dec 2026 13:10:50 GMT']];
    const first = readStack([{ on: 'response', headers, status: 200 }], 'access-control-allow-origin');
    const second = readStack([{ on: 'response', headers: otherUnreadValues(headers, () => 'Sat, 05 Dec 2026 00:00:00 GMT'), status: 200 }], 'access-control-allow-origin');
    expect(second).toBe(first);
    expect(Object.isFrozen(first.layers[0]!.evidence)).toBe(true);
    expect(() => (first.layers as unknown[]).push({})).toThrow(TypeError);
    expect(() => ((first.headers[0] as { setBy: unknown }).setBy = [])).toThrow(TypeError);
    // Without the cache, a reading of its own.
    expect(withoutMemo(() => readStack([{ on: 'response', headers, status: 200 }], 'access-control-allow-origin'))).not.toBe(first);
  });

  it('keys every header list apart: no two lists spell one key', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), fc.array(fc.tuple(fc.string(), fc.string())), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(headerLinesKey(a)).not.toBe(headerLinesKey(b));
      }),
      { numRuns: 1000, seed: 14 },
    );
  });

  it('spells the key of the lines as read without copying them: the key of linesRead', () => {
    const names = fc.oneof(fc.constantFrom('Server', 'server', 'X-Powered-By', 'Date', 'Vary', 'Access-Control-Allow-Origin', 'content-length', 'Via', 'X-Cache'), fc.string());
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.oneof(fc.constant(''), fc.string()))), (lines) => {
        expect(readLinesKey(lines)).toBe(headerLinesKey(linesRead(lines)));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });

  it('lists every header whose value a fingerprint reads', () => {
    // The names fingerprints.ts and read-layers.ts pass to the functions that read a value.
    const sources = readdirSync(LAYERS).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(join(LAYERS, f), 'utf8'));
    const read = sources.flatMap((source) => [...source.matchAll(/\b(?:named|defaultValue|lineMatching|valuesOf)\((?:v, )?'([^']+)'/g)].map((m) => m[1]!.toLowerCase()));
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((name) => !valueIsRead(name))).toEqual([]);
  });
});
