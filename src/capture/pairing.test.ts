import { describe, expect, it } from 'vitest';
import type { CapturedEntry } from './captured-entry.ts';
import { pairPreflights } from './pairing.ts';
import { API, preflight, request } from './testing-entries.ts';

const A = `${API}/a`;
const B = `${API}/b`;

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
      about: 'a preflight logged before its request',
      entries: [preflight(A, 99, 'PUT'), request('PUT', A, 100)],
      pairs: [[1, 0]],
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
      entries: [request('PUT', A, 100), preflight(A, 101, 'DELETE'), request('DELETE', A, 150)],
      pairs: [[2, 1]],
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
});
