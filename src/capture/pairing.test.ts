import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapturedEntry } from './captured-entry.ts';
import { pairPreflightsReference } from './pairing-reference.ts';
import { pairPreflights } from './pairing.ts';
import type { HeaderLine } from '../cors/index.ts';
import { API, PAGE, preflight, request } from './testing-entries.ts';

const A = `${API}/a`;
const B = `${API}/b`;
// A preflight response that lets a PUT from PAGE through (with or without credentials).
const allowPut: HeaderLine[] = [
  ['Access-Control-Allow-Origin', PAGE],
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Credentials', 'true'],
];
const failed = { status: 0, error: 'net::ERR_FAILED' };

/** Pairs as [request index, preflight index], sorted, for readable expectations. */
function pairs(entries: CapturedEntry[]): [number, number][] {
  return [...pairPreflights(entries)].sort((x, y) => x[0] - y[0]);
}

/**
 * `pairPreflights`' answer, and how many times it read an entry: the work, counted without a
 * clock (a count can only be exceeded by more work).
 */
function pairedCountingReads(entries: CapturedEntry[]): { paired: Map<number, number>; reads: number } {
  let reads = 0;
  const counted = new Proxy(entries, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const paired = pairPreflights(counted);
  return { paired, reads };
}

describe('pairPreflights', () => {
  it.each<{ about: string; entries: CapturedEntry[]; pairs: [number, number][] }>([
    {
      about: 'one request, its preflight logged just after it (as Chromium logs)',
      entries: [request('PUT', A, 100), preflight(A, 101, 'PUT')],
      pairs: [[0, 1]],
    },
    {
      about: "an open request that carries the requested header wins over an exact match that ended before the preflight (the browser's revalidation, then the page's own If-None-Match, listed with Chromium's Cache-Control: max-age=0)",
      entries: [
        request('GET', A, 100, { headers: [['If-None-Match', '"v1"']], status: 304, duration: 50 }),
        request('GET', A, 170, { headers: [['Cache-Control', 'max-age=0'], ['If-None-Match', '"v1"']], status: 304, duration: 90 }),
        preflight(A, 171, 'GET', 'if-none-match'),
      ],
      pairs: [[1, 2]],
    },
    {
      about: 'a preflight logged before the request is not its preflight (Chromium sends it after)',
      entries: [preflight(A, 99, 'PUT'), request('PUT', A, 100)],
      pairs: [],
    },
    {
      about: 'concurrent: A failed, B got 200; the 500 preflight goes to A, the passing 204 to B',
      entries: [
        request('PUT', A, 100, failed),
        request('PUT', A, 101),
        preflight(A, 102, 'PUT', undefined, { status: 500 }),
        preflight(A, 103, 'PUT', undefined, { responseHeaders: allowPut }),
      ],
      pairs: [[0, 2], [1, 3]],
    },
    {
      about: 'concurrent, the passing preflight first: still each to the request whose fate it explains',
      entries: [
        request('PUT', A, 100),
        request('PUT', A, 101, failed),
        preflight(A, 102, 'PUT', undefined, { status: 0, error: 'net::ERR_CONNECTION_RESET' }),
        preflight(A, 103, 'PUT', undefined, { responseHeaders: allowPut }),
      ],
      pairs: [[0, 3], [1, 2]],
    },
    {
      about: 'a 2xx that does not allow the method failed: it goes to the request that never got a response',
      entries: [
        request('PUT', A, 100),
        request('PUT', A, 101, failed),
        preflight(A, 102, 'PUT', undefined, { responseHeaders: [['Access-Control-Allow-Origin', PAGE]] }),
        preflight(A, 103, 'PUT', undefined, { responseHeaders: allowPut }),
      ],
      pairs: [[0, 3], [1, 2]],
    },
    {
      about: 'a preflight that passes only without credentials goes to the request that got a response without a Cookie',
      entries: [
        request('PUT', A, 100, failed),
        request('PUT', A, 101),
        preflight(A, 102, 'PUT', undefined, { responseHeaders: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']] }),
        preflight(A, 103, 'PUT', undefined, { status: 404 }),
      ],
      pairs: [[0, 3], [1, 2]],
    },
    {
      about: 'concurrent, same fate: first in, first out',
      entries: [request('PUT', A, 100), request('PUT', A, 101), preflight(A, 102, 'PUT', undefined, { responseHeaders: allowPut }), preflight(A, 103, 'PUT', undefined, { responseHeaders: allowPut })],
      pairs: [[0, 2], [1, 3]],
    },
    {
      about: 'a request that started after the preflight is never its request, even if it fits better',
      entries: [request('PUT', A, 100), preflight(A, 101, 'PUT', undefined, { status: 500 }), request('PUT', A, 102, failed)],
      pairs: [[0, 1]],
    },
    {
      about: 'a request that had ended before the preflight started is not its request (its preflight was cached)',
      entries: [request('PUT', A, 100, { duration: 5 }), request('PUT', A, 5000, { duration: 8 }), preflight(A, 5002, 'PUT', undefined, { responseHeaders: allowPut })],
      pairs: [[1, 2]],
    },
    {
      about: 'a preflight logged a little after its failed request ended (DevTools stamps it late under load) still pairs',
      entries: [request('GET', A, 83218, { ...failed, duration: 4.7, headers: [['Accept', 'x']] }), preflight(A, 83243, 'GET', 'accept', { responseHeaders: [['Access-Control-Allow-Origin', PAGE]] })],
      pairs: [[0, 1]],
    },
    {
      about: 'several preflights for the same URL: each to the nearest request',
      entries: [
        request('PUT', A, 100), preflight(A, 101, 'PUT'),
        request('PUT', A, 200), preflight(A, 201, 'PUT'),
        request('PUT', A, 300), preflight(A, 302, 'PUT'),
      ],
      pairs: [[0, 1], [2, 3], [4, 5]],
    },
    {
      about: 'the method must match: a DELETE preflight is not for the PUT',
      entries: [request('PUT', A, 100), request('DELETE', A, 100), preflight(A, 101, 'DELETE')],
      pairs: [[1, 2]],
    },
    {
      about: 'the URL must match',
      entries: [request('PUT', A, 100), preflight(B, 101, 'PUT')],
      pairs: [],
    },
    {
      about: 'the requested headers pick the request among same-URL same-method ones',
      entries: [
        request('GET', A, 100, { headers: [['X-A', '1']] }),
        request('GET', A, 101, { headers: [['X-B', '1']] }),
        preflight(A, 102, 'GET', 'x-a'),
        preflight(A, 103, 'GET', 'x-b'),
      ],
      pairs: [[0, 2], [1, 3]],
    },
    {
      about: 'requested header names match in any case and order',
      entries: [request('POST', A, 100, { headers: [['X-B', '1'], ['Content-Type', 'application/json'], ['x-a', '2']] }), preflight(A, 101, 'POST', 'X-A,content-type,x-b')],
      pairs: [[0, 1]],
    },
    {
      about: 'a request whose preflight was cached stays unpaired; the preflight goes to the one that sent it',
      entries: [request('PUT', A, 100), preflight(A, 103, 'PUT'), request('PUT', A, 118)],
      pairs: [[0, 1]],
    },
    {
      about: 'a failed preflight (status 0) still pairs with its request',
      entries: [request('PUT', A, 100, { status: 0, error: 'net::ERR_FAILED' }), preflight(A, 101, 'PUT', undefined, { status: 0, error: 'net::ERR_CONNECTION_REFUSED' })],
      pairs: [[0, 1]],
    },
    {
      about: 'provisional request headers that lack a requested header: the loose pass still pairs by URL and method',
      entries: [request('PUT', A, 100, { headers: [['Cache-Control', 'no-cache']] }), preflight(A, 101, 'PUT')],
      pairs: [[0, 1]],
    },
    {
      about: 'loose pass: the request must carry every requested header',
      entries: [request('PUT', A, 100, { headers: [['Cache-Control', 'no-cache']] }), preflight(A, 101, 'PUT', 'x-trace')],
      pairs: [],
    },
    {
      about: 'an OPTIONS without Access-Control-Request-Method is no preflight',
      entries: [request('PUT', A, 100), { ...preflight(A, 101, 'PUT'), requestHeaders: [] }],
      pairs: [],
    },
    {
      about: 'one request never takes two preflights',
      entries: [request('PUT', A, 100), preflight(A, 101, 'PUT'), preflight(A, 102, 'PUT')],
      pairs: [[0, 1]],
    },
  ])('$about', ({ entries, pairs: expected }) => {
    expect(pairs(entries)).toEqual(expected);
  });

  it('uses the request id when the log has one, over time', () => {
    const first = { ...request('PUT', A, 100), requestId: 'r1' };
    const second = { ...request('PUT', A, 101), requestId: 'r2' };
    const forFirst = { ...preflight(A, 102, 'PUT'), initiatorRequestId: 'r1' };
    expect(pairs([first, second, forFirst])).toEqual([[0, 2]]);
  });

  it('pairs each of thousands of requests to one URL with the preflight logged after it', () => {
    const entries: CapturedEntry[] = [];
    for (let i = 0; i < 20000; i++) {
      entries.push(request('PUT', A, i * 10));
      if (i % 2 === 0) entries.push(preflight(A, i * 10 + 1, 'PUT'));
    }
    const paired = pairPreflights(entries);
    expect(paired.size).toBe(10000);
    // Every preflight went to the request logged right before it.
    for (const [requestIndex, preflightIndex] of paired) expect(preflightIndex).toBe(requestIndex + 1);
  });

  it('stays linear with many requests without a duration to one URL, split between two header sets', () => {
    // A request the log gives no duration is open at every time and never retired: were the exact
    // pass to walk every request to the URL and method, each preflight would step over the other
    // set's requests in its 10 s window (quadratic). It walks its own set's only. The work is
    // counted as reads of the entries (no clock: a count can only be exceeded by more work).
    const entries: CapturedEntry[] = [];
    for (let i = 0; i < 4000; i++) {
      const name = i % 2 === 0 ? 'X-A' : 'X-B';
      entries.push(request('PUT', A, i * 10, { duration: 0, headers: [[name, '1']] }));
      if (i % 2 === 0) entries.push(preflight(A, i * 10 + 1, 'PUT', 'x-a'));
    }
    const { paired, reads } = pairedCountingReads(entries);
    expect(paired.size).toBe(2000);
    for (const [requestIndex, preflightIndex] of paired) expect(preflightIndex).toBe(requestIndex + 1);
    // Each entry is read a few times (grouped, split, weighed, paired); the walk over the other
    // set would read ~500 more per preflight.
    expect(reads).toBeLessThan(10 * entries.length);
  });

  it.each<{ about: string; requested: string; pairs: number }>([
    // DevTools' "disable cache" adds Cache-Control: the exact key ('cache-control,x-a') never
    // matches the preflight's 'x-a', so every preflight goes to the loose pass.
    { about: 'each preflight paired by the loose pass', requested: 'x-a', pairs: 2000 },
    // No request carries X-C: each preflight weighs every request in its window, twice (the late slack), and pairs none.
    { about: 'preflights the loose pass cannot pair', requested: 'x-c', pairs: 0 },
  ])('stays linear with many requests without a duration to one URL in the loose pass: $about', ({ requested, pairs: expected }) => {
    // A request the log gives no duration is open at every time and never retired: were the loose
    // pass to walk every request to the URL and method, each preflight would step over the requests
    // that lack a requested header (here the X-B ones, never paired) in its 10 s window: ~500 each.
    const entries: CapturedEntry[] = [];
    for (let i = 0; i < 4000; i++) {
      const name = i % 2 === 0 ? 'X-A' : 'X-B';
      entries.push(request('PUT', A, i * 10, { duration: 0, headers: [['Cache-Control', 'no-cache'], [name, '1']] }));
      if (i % 2 === 0) entries.push(preflight(A, i * 10 + 1, 'PUT', requested));
    }
    const { paired, reads } = pairedCountingReads(entries);
    expect(paired.size).toBe(expected);
    for (const [requestIndex, preflightIndex] of paired) expect(preflightIndex).toBe(requestIndex + 1);
    expect(reads).toBeLessThan(10 * entries.length);
  });

  it('stays linear with many requests that ended unpaired less than the late slack before a preflight', () => {
    // Requests 2 ms apart lasting 1 ms, every other one's preflight cached (none logged): those end
    // unpaired and may still be a late preflight's for 1 s, so they are not retired. Each preflight
    // would step over the ~250 such requests of its last second; they are stepped over once.
    const entries: CapturedEntry[] = [];
    for (let i = 0; i < 4000; i++) {
      entries.push(request('PUT', A, i * 2, { duration: 1 }));
      if (i % 2 === 0) entries.push(preflight(A, i * 2 + 1, 'PUT'));
    }
    const { paired, reads } = pairedCountingReads(entries);
    expect(paired.size).toBe(2000);
    for (const [requestIndex, preflightIndex] of paired) expect(preflightIndex).toBe(requestIndex + 1);
    expect(reads).toBeLessThan(10 * entries.length);
  });
});

/** One entry of a generated log, after the gap since the one before. */
type Step =
  | { kind: 'request'; url: string; method: string; headers: HeaderLine[]; duration: number; failed: boolean; id: number | null }
  | { kind: 'preflight'; url: string; method: string | null; requested: string | null; response: { status?: number; responseHeaders?: HeaderLine[]; error?: string }; initiatorId: number | null };

// The pairing's groups only change how much it walks: on any log it must give exactly the pairs of
// the pairing before them (pairing-reference.ts, which walked every request to the URL and method).
describe('pairPreflights against the pairing before its groups', () => {
  const URLS = [A, B];
  const HEADERS: HeaderLine[] = [['X-A', '1'], ['X-B', '1'], ['Cache-Control', 'no-cache'], ['Accept', 'x'], ['Content-Type', 'application/json'], ['Cookie', 'c=1']];
  const REQUESTED = ['x-a', 'x-b', 'cache-control', 'accept', 'content-type'];
  const ALLOW: HeaderLine[][] = [
    allowPut,
    [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT, GET, DELETE'], ['Access-Control-Allow-Headers', '*']],
    [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a, cache-control']],
    [['Access-Control-Allow-Origin', '*']],
  ];
  // Gaps that put the next entry at once, within a request's duration, within or past the late
  // slack (1 s), or past the search window (10 s).
  const gapArb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(0, 1, 2, 3) },
    { weight: 3, arbitrary: fc.integer({ min: 4, max: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom(500, 990, 1000, 1001, 1002, 1500, 9_999, 10_000, 10_001, 12_000) },
  );
  const requestArb = fc.record({
    kind: fc.constant('request' as const),
    url: fc.constantFrom(...URLS),
    method: fc.constantFrom('PUT', 'GET'),
    headers: fc.subarray(HEADERS),
    // 0: the log gives no duration (open at every time).
    duration: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 41, max: 15_000 }) }),
    failed: fc.boolean(),
    id: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 3 }),
  });
  const preflightArb = fc.record({
    kind: fc.constant('preflight' as const),
    url: fc.constantFrom(...URLS),
    method: fc.option(fc.constantFrom('PUT', 'GET', 'DELETE'), { freq: 12 }),
    requested: fc.option(fc.subarray(REQUESTED).map((names) => names.join(',')), { freq: 4 }),
    response: fc.oneof(
      fc.constantFrom(...ALLOW).map((headers) => ({ responseHeaders: headers })),
      fc.constant({ status: 500 }),
      fc.constant({ status: 0, error: 'net::ERR_FAILED' }),
    ),
    initiatorId: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 4 }),
  });
  const stepArb = fc.tuple(gapArb, fc.oneof({ weight: 3, arbitrary: requestArb }, { weight: 2, arbitrary: preflightArb }));

  /** The log the steps describe, sorted by start (equal times keep their order, as the mapper sorts). */
  function logOf(steps: readonly (readonly [number, Step])[]): CapturedEntry[] {
    const entries: CapturedEntry[] = [];
    let at = 1_000_000;
    for (const [gap, step] of steps) {
      at += gap;
      if (step.kind === 'request') {
        const entry = request(step.method, step.url, at, { headers: step.headers, duration: step.duration, ...(step.failed ? failed : {}) });
        if (step.id !== null) entry.requestId = `r${step.id}`;
        entries.push(entry);
      } else {
        const entry = preflight(step.url, at, step.method ?? 'PUT', step.requested ?? undefined, step.response);
        // An OPTIONS that names no method.
        if (step.method === null) entry.requestHeaders = entry.requestHeaders.filter(([name]) => name !== 'Access-Control-Request-Method');
        if (step.initiatorId !== null) entry.initiatorRequestId = `r${step.initiatorId}`;
        entries.push(entry);
      }
    }
    return entries;
  }

  const sorted = (paired: Map<number, number>): [number, number][] => [...paired].sort((x, y) => x[0] - y[0]);

  it('gives the same pairs on arbitrary logs', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), (steps) => {
        const entries = logOf(steps);
        expect(sorted(pairPreflights(entries))).toEqual(sorted(pairPreflightsReference(entries)));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same pairs on long, dense logs (more than 32 candidates compete)', () => {
    const denseGap = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.constantFrom(20, 1001, 3000, 10_001) });
    fc.assert(
      fc.property(fc.array(fc.tuple(denseGap, fc.oneof({ weight: 3, arbitrary: requestArb }, { weight: 2, arbitrary: preflightArb })), { minLength: 200, maxLength: 600 }), (steps) => {
        const entries = logOf(steps);
        expect(sorted(pairPreflights(entries))).toEqual(sorted(pairPreflightsReference(entries)));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same pairs where more than 32 concurrent requests compete and the one that fits comes late', () => {
    // Mostly requests that got a response, and preflights that failed: the one that fits (a failed
    // request) is often past the 32 candidates weighed, and either pass's limit decides.
    const burstRequest = fc.record({
      kind: fc.constant('request' as const),
      url: fc.constant(A),
      method: fc.constant('PUT'),
      headers: fc.constantFrom<HeaderLine[]>([], [['X-A', '1']], [['Cache-Control', 'no-cache'], ['X-A', '1']]),
      duration: fc.constantFrom(0, 0, 3, 30, 5_000),
      failed: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
      id: fc.constant(null),
    });
    const burstPreflight = fc.record({
      kind: fc.constant('preflight' as const),
      url: fc.constant(A),
      method: fc.constant('PUT'),
      requested: fc.constantFrom(null, 'x-a'),
      response: fc.constantFrom<{ status?: number; responseHeaders?: HeaderLine[] }>({ status: 500 }, { status: 500 }, { responseHeaders: allowPut }),
      initiatorId: fc.constant(null),
    });
    const burstGap = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.constantFrom(10, 40, 1001) });
    fc.assert(
      fc.property(fc.array(fc.tuple(burstGap, fc.oneof({ weight: 6, arbitrary: burstRequest }, { weight: 1, arbitrary: burstPreflight })), { minLength: 200, maxLength: 500 }), (steps) => {
        const entries = logOf(steps);
        expect(sorted(pairPreflights(entries))).toEqual(sorted(pairPreflightsReference(entries)));
      }),
      { numRuns: 150 },
    );
  });
});
