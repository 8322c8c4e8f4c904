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

  // nginx names itself, the header could also come from the app behind it: nginx's fix (add_header
  // with proxy_hide_header) keeps one copy either way, so it is no guess (the panel says "detected").
  it('beside an unnamed layer only, the named layer is no guess', () => {
    const behindNginx = { ...undecided, hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['Server', 'nginx/1.27.1'], ['Access-Control-Allow-Origin', 'https://other.example']] } }] } as ObservedExchange;
    const text = formatText(buildReport([behindNginx]), { color: false, width: 200 });
    expect(text).toContain('Fix (nginx, named by the headers; an unnamed layer behind it may send the same lines):');
    expect(text).not.toContain('a guess');
  });

  it('a decided layer reads as before', () => {
    const decided = { ...undecided, hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', 'https://other.example']] } }] } as ObservedExchange;
    const text = formatText(buildReport([decided]), { color: false, width: 100 });
    expect(text).toMatch(/Fix \(express\): /);
  });
});
