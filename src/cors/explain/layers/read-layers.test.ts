// Where a front server writes its own lines decides which copy of a header it is said to have sent:
// nginx's add_header appends after the proxied lines, Apache's Header always set goes before them.

import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../exchange.ts';
import { readStack } from './stack-reading.ts';

const allowOriginLines = (headers: HeaderList) =>
  readStack([{ on: 'response', headers, status: 200 }], 'access-control-allow-origin').headers.filter((h) => h.header.toLowerCase() === 'access-control-allow-origin');

describe('a line before the app’s own lines', () => {
  // Two copies ahead of Express's X-Powered-By, under nginx (review R, c9-misc /a/dup-same): nginx
  // never writes there, so the position tells nothing; the evidence must not quote Apache's habit.
  const twoCopiesFirst: HeaderList = [
    ['Access-Control-Allow-Origin', 'https://app.example.com'],
    ['Access-Control-Allow-Origin', 'https://app.example.com'],
    ['Server', 'nginx/1.24.0'],
    ['X-Powered-By', 'Express'],
    ['Vary', 'Origin'],
  ];

  it('is not said to be nginx’s, nor worded as Apache’s Header always set', () => {
    const lines = allowOriginLines(twoCopiesFirst);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.setBy).toEqual(['nginx', 'express']);
      expect(line.evidence).not.toMatch(/Apache/);
    }
  });

  it('under Apache is Apache’s, with its Header always set', () => {
    const apache = twoCopiesFirst.map(([n, v]): [string, string] => (n === 'Server' ? [n, 'Apache/2.4.71 (Debian)'] : [n, v]));
    const lines = allowOriginLines(apache);
    expect(lines[0]!.setBy).toContain('apache');
    expect(lines[0]!.evidence).toContain("Apache's Header always set");
  });
});
