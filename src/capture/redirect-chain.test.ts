import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapturedEntry } from './captured-entry.ts';
import { chainRedirects } from './redirect-chain.ts';
import { API, request } from './testing-entries.ts';

const OTHER = 'http://localhost:9000';

function links(entries: CapturedEntry[]): [number, number][] {
  return [...chainRedirects(entries)].sort((x, y) => x[0] - y[0]);
}

describe('chainRedirects', () => {
  it.each<{ about: string; entries: CapturedEntry[]; links: [number, number][] }>([
    {
      about: 'a 302 followed by the request to its Location',
      entries: [request('GET', `${API}/0`, 100, { status: 302, redirectTo: `${OTHER}/1` }), request('GET', `${OTHER}/1`, 106)],
      links: [[0, 1]],
    },
    {
      about: 'three hops',
      entries: [
        request('GET', `${API}/0`, 100, { status: 307, redirectTo: `${API}/1` }),
        request('GET', `${API}/1`, 106, { status: 308, redirectTo: `${OTHER}/2` }),
        request('GET', `${OTHER}/2`, 112),
      ],
      links: [[0, 1], [1, 2]],
    },
    {
      about: 'a blocked redirect (error on the 3xx) has no next hop',
      entries: [request('GET', `${API}/0`, 100, { status: 302, redirectTo: `${API}/1`, error: 'net::ERR_FAILED' }), request('GET', `${API}/1`, 106)],
      links: [],
    },
    {
      about: '303 turns PUT into GET',
      entries: [request('PUT', `${API}/0`, 100, { status: 303, redirectTo: `${API}/1` }), request('PUT', `${API}/1`, 103), request('GET', `${API}/1`, 104)],
      links: [[0, 2]],
    },
    {
      about: '302 turns POST into GET',
      entries: [request('POST', `${API}/0`, 100, { status: 302, redirectTo: `${API}/1` }), request('GET', `${API}/1`, 106)],
      links: [[0, 1]],
    },
    {
      about: '307 keeps the method',
      entries: [request('POST', `${API}/0`, 100, { status: 307, redirectTo: `${API}/1` }), request('GET', `${API}/1`, 104), request('POST', `${API}/1`, 105)],
      links: [[0, 2]],
    },
    {
      about: 'a request to that URL long after is not a hop',
      entries: [request('GET', `${API}/0`, 100, { status: 302, redirectTo: `${API}/1` }), request('GET', `${API}/1`, 60_000)],
      links: [],
    },
    {
      about: 'two redirects to one URL take one next hop each',
      entries: [
        request('GET', `${API}/a`, 100, { status: 302, redirectTo: `${API}/t` }),
        request('GET', `${API}/b`, 101, { status: 302, redirectTo: `${API}/t` }),
        request('GET', `${API}/t`, 106),
        request('GET', `${API}/t`, 107),
      ],
      links: [[0, 2], [1, 3]],
    },
    {
      about: 'a request logged before the 3xx is not its next hop',
      entries: [request('GET', `${API}/1`, 99), request('GET', `${API}/0`, 100, { status: 302, redirectTo: `${API}/1` })],
      links: [],
    },
    {
      about: 'a 200 with a Location is no redirect',
      entries: [request('GET', `${API}/0`, 100, { status: 200, redirectTo: `${API}/1` }), request('GET', `${API}/1`, 104)],
      links: [],
    },
  ])('$about', ({ entries, links: expected }) => {
    expect(links(entries)).toEqual(expected);
  });

  // exchangesFromEntries walks a chain only forward (no set of the hops seen): it relies on this.
  it('links each 3xx only to a later entry, so no chain loops, even among redirects to each other', () => {
    const hop = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      path: fc.integer({ min: 0, max: 3 }),
      at: fc.integer({ min: 0, max: 50 }),
      status: fc.constantFrom(200, 301, 302, 303, 307, 308),
      to: fc.integer({ min: 0, max: 3 }),
      duration: fc.integer({ min: -1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(hop, { maxLength: 30 }), (hops) => {
        const entries = hops
          .sort((x, y) => x.at - y.at)
          .map((h) => request(h.method, `${API}/${h.path}`, h.at, { status: h.status, redirectTo: h.status >= 300 ? `${API}/${h.to}` : undefined, duration: h.duration }));
        for (const [from, to] of chainRedirects(entries)) expect(to).toBeGreaterThan(from);
      }),
      { numRuns: 500, seed: 21 },
    );
  });
});
