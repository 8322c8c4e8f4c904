// Two layers both sending Access-Control-Allow-Origin (nginx in front of Express, the response real
// Chromium recorded): the text output and the Markdown report say which layers sent it, beside the
// explanation (which says only "usually two layers"), and the first fix is the one that leaves one
// copy (nginx's, which hides the app's), its Watch out naming the other layer's way to stop.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HeaderList, ObservedExchange } from '../cors/index.ts';
import { markdownReport } from '../export/index.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';

const recorded = JSON.parse(readFileSync(new URL('../../test/fixtures/stack-headers/chromium/nginx-express-both-add-allow-origin.json', import.meta.url), 'utf8')) as {
  response: { status: number; headers: HeaderList };
};
const PAGE = 'https://app.example.com';
const URL_ = 'https://api.example.com/api/items';
const twoCopies: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin' },
  hops: [{ url: URL_, response: recorded.response }],
  errorText: 'net::ERR_FAILED',
};
const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('two layers each sending Access-Control-Allow-Origin', () => {
  it('explain (text): the layers that sent it, then the nginx fix, its Watch out without the words said above', () => {
    const text = flat(formatText(buildReport([twoCopies]), { color: false, width: 100 }));
    expect(text).toContain('Access-Control-Allow-Origin was sent twice, by express and nginx');
    const trapAt = text.indexOf('was sent twice');
    const fixAt = text.indexOf('Fix (nginx):');
    expect(trapAt).toBeGreaterThan(0);
    expect(fixAt).toBeGreaterThan(trapAt);
    // Said once: in the trap, not again in the nginx fix's Watch out.
    expect(text.split('In Express: remove app.use(cors())').length - 1).toBe(1);
  });

  it('report (Markdown): the same, beside "What happened"', () => {
    const md = flat(markdownReport([{ exchange: twoCopies }]));
    expect(md).toContain('**Two layers:** Access-Control-Allow-Origin was sent twice, by express and nginx');
    expect(md.indexOf('**Two layers:**')).toBeGreaterThan(md.indexOf('**What happened:**'));
  });
});
