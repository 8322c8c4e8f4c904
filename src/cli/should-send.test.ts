// `Vary: Origin` is advice, not something the browser requires (the CORS check never reads Vary:
// https://fetch.spec.whatwg.org/#concept-cors-check): every place that shows what the server must
// send keeps it visible, apart and worded as advice, never under "must".

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { curlScriptFor, markdownReport } from '../export/index.ts';
import { formatJson } from './format-json.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';
import { textBlock } from './testing-text.ts';

const PAGE = 'https://app.example';
/** A GET whose response had no Access-Control-Allow-Origin: Chromium blocked it. */
const blocked: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
  hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['Content-Type', 'application/json']] } }],
  errorText: 'net::ERR_FAILED',
};
const ADVICE = /The browser does not check it; caches \(browser, CDN, proxy\) need it/;

describe('Vary: Origin, advised apart from what the server must send', () => {
  it('explain (text): not under "The server must send:", under "Also advised:" with why', () => {
    const text = formatText(buildReport([blocked]), { color: false, width: 100 });
    expect(textBlock(text, 'The server must send:')).toEqual(['  The server must send:', `    Access-Control-Allow-Origin: ${PAGE}  (on the response)`]);
    const advised = textBlock(text, 'Also advised:').join('\n');
    expect(advised).toContain('    Vary: Origin  (on the response)');
    expect(advised.replace(/\s+/g, ' ')).toMatch(ADVICE);
    // The plain-headers fix still sets it: the advice is right for an allow-list.
    expect(text).toMatch(/# On the actual response:\n {4}Access-Control-Allow-Origin: https:\/\/app\.example\n {4}Vary: Origin\n/);
  });

  it('explain --json: serverMustSend has no Vary; serverShouldSend carries it with its advice code', () => {
    const line = JSON.parse(formatJson(buildReport([blocked])).split('\n')[1]!) as Record<string, unknown>;
    expect(line['serverMustSend']).toEqual([{ on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE }]);
    expect(line['serverShouldSend']).toEqual([{ on: 'response', hop: 0, header: 'Vary', value: 'Origin', advice: 'vary-origin' }]);
  });

  it('report (Markdown): Vary only under "Also advised", with why', () => {
    const markdown = markdownReport([{ exchange: blocked }]);
    const must = markdown.slice(markdown.indexOf('**The fix: the server must send**'), markdown.indexOf('**Also advised:**'));
    expect(must).toContain('Access-Control-Allow-Origin: https://app.example');
    expect(must).not.toContain('Vary');
    expect(markdown).toMatch(/\n\*\*Also advised:\*\* `Vary: Origin` on the actual response\. The browser does not check it; caches .*\n/);
  });

  it('curl export: "Expected" only for what the browser checks; Vary as advised', () => {
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const script = curlScriptFor(blocked, shell);
      expect(script).toMatch(/(#|REM) Expected in the response: Access-Control-Allow-Origin: https:\/\/app\.example\r?\n/);
      expect(script).not.toContain('Expected in the response: Vary');
      expect(script).toMatch(/(#|REM) Advised in the response, not checked by the browser: Vary: Origin\r?\n/);
    }
  });
});
