// A fix for a layer the headers could not tell from another is a guess, and the text says so: a
// confident name sends people to change the wrong server.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';

const PAGE = 'https://app.example';

/** Lower-case CORS lines before Node's Title-Case ones: Fastify or Hono, nothing tells which. */
const undecided: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
  hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['access-control-allow-origin', 'https://other.example'], ['content-type', 'application/json'], ['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Connection', 'keep-alive']] } }],
  errorText: 'net::ERR_FAILED',
};

describe('an undecided layer: the fix is worded as a guess', () => {
  it('names the other layers the headers fit', () => {
    const text = formatText(buildReport([undecided]), { color: false, width: 100 });
    expect(text).toContain('Fix (fastify, a guess: hono fits the headers as well):');
  });

  it('a decided layer reads as before', () => {
    const decided = { ...undecided, hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', 'https://other.example']] } }] } as ObservedExchange;
    const text = formatText(buildReport([decided]), { color: false, width: 100 });
    expect(text).toMatch(/Fix \(express\): /);
  });
});
