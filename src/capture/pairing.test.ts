import { describe, expect, it } from 'vitest';
import type { CapturedEntry } from './captured-entry.ts';
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

describe('pairPreflights', () => {
  it.each<{ about: string; entries: CapturedEntry[]; pairs: [number, number][] }>([
    {
      about: 'one request, its preflight logged just after it (as Chromium logs)',
      entries: [request('PUT', A, 100), preflight(A, 101, 'PUT')],
      pairs: [[0, 1]],
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
    let reads = 0;
    const counted = new Proxy(entries, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const paired = pairPreflights(counted);
    expect(paired.size).toBe(2000);
    for (const [requestIndex, preflightIndex] of paired) expect(preflightIndex).toBe(requestIndex + 1);
    // Each entry is read a few times (grouped, split, weighed, paired); the walk over the other
    // set would read ~500 more per preflight.
    expect(reads).toBeLessThan(10 * entries.length);
  });
});
