import { describe, expect, it } from 'vitest';
import { causeHeading, UNSECTIONED_LINE_MAX, unsectionedLine } from './markdown-causes.ts';
import type { ObservedExchange } from '../cors/index.ts';
import { markdownReport } from './markdown-report.ts';

const evens = Array.from({ length: 500 }, (_, i) => 2 * i + 1);

// The causes of the table left without a section: named by number, runs joined, or counted when the list would be long.
const lines: [string, number[], string][] = [
  ['one', [5], 'cause 5'],
  ['a run', [13, 14], 'causes 13-14'],
  ['runs and single ones', [3, 5, 6, 7, 9], 'causes 3, 5-7, 9'],
  ['too many to list', evens, '500 causes of the table, from 1 on'],
];

describe('unsectionedLine', () => {
  it.each(lines)('%s', (_name, numbers, which) => {
    const line = unsectionedLine(numbers);
    expect(line).toBe(`\n\n- No section here for ${which} (no room left): run \`cors-inspector report --full\` for every cause in full.`);
    expect(line.length).toBeLessThanOrEqual(UNSECTIONED_LINE_MAX);
  });

  it('keeps within the room set aside for it at the longest list it still names', () => {
    // The longest run text under the limit: single numbers that never join.
    let longest: number[] = [];
    for (let n = 10; ; n += 2) {
      const next = [...longest, n];
      if (unsectionedLine(next).includes('of the table')) break;
      longest = next;
    }
    expect(unsectionedLine(longest).length).toBeLessThanOrEqual(UNSECTIONED_LINE_MAX);
  });
});

describe('causeHeading', () => {
  const group = (fixOn: { origin: string; count: number }[]) => ({
    key: 'k', apiOrigin: 'https://a.example', verdict: 'blocked' as const, corsError: 'MissingAllowOriginHeader' as const, parameter: '',
    fixOn, fixOnOmitted: 0, title: 'No Access-Control-Allow-Origin', count: 2, redirects: 0, errorStatuses: 0, requests: [], first: null as never,
  });
  it.each<[string, { origin: string; count: number }[], string | undefined]>([
    ['every fix on the API origin', [{ origin: 'https://a.example', count: 2 }], undefined],
    ['every fix on one redirect target', [{ origin: 'https://b.example', count: 2 }], "- **Fix on:** `https://b.example` (the redirect's target, whose answer was refused)"],
    ['fixes on two servers', [{ origin: 'https://b.example', count: 1 }, { origin: 'https://a.example', count: 1 }], '- **Fix on:** `https://b.example` (1 of 2 requests, after a redirect); `https://a.example` (1)'],
  ])('%s', (_, fixOn, line) => {
    expect(causeHeading(group(fixOn), 1).find((l) => l.startsWith('- **Fix on:**'))).toBe(line);
  });
});

// A blocked 304 to the browser's revalidation: Chromium's code is one of several the capture cannot
// tell apart (the cached copy's headers are not in it), and the table says so, as the section does.
describe('the cause table, for a cached copy refused after a 304', () => {
  const PAGE = 'http://127.0.0.1:5173';
  const get = (path: string, status: number, request: [string, string][]): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE], ...request], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'same-origin' },
    hops: [{ url: `http://127.0.0.1:8080${path}`, response: { status, headers: [['ETag', '"v1"']] } }],
    errorText: 'net::ERR_FAILED',
  });

  it("names each code it may be, and one code where Chromium's is known", () => {
    const report = markdownReport([{ exchange: get('/api/items', 304, [['If-None-Match', '"v1"']]) }, { exchange: get('/api/other', 200, []) }]);
    expect(report).toContain('| 1 | Cached copy refused after a 304 without Access-Control-Allow-Origin | 1 | `http://127.0.0.1:8080` | `MissingAllowOriginHeader` or `AllowOriginMismatch` |');
    expect(report).toContain('| 2 | No Access-Control-Allow-Origin | 1 | `http://127.0.0.1:8080` | `MissingAllowOriginHeader` |');
  });
});
