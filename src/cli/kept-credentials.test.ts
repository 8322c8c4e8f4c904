// A fix keeps the server's own `Access-Control-Allow-Credentials: true` (server-allows.ts): its
// requests with credentials need it. Listed for a request read as sent without credentials, beside
// "Assumed: cookies not sent", it read as a mistake: every place that lists what the server must
// send says why it is there.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { markdownReport } from '../export/index.ts';
import { formatJson } from './format-json.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';
import { textBlock } from './testing-text.ts';

const PAGE = 'https://app.example';
const NOTE = 'Access-Control-Allow-Credentials: true is not needed by this request as read (without credentials): it is kept because the server already sends it, which its requests with credentials need.';
/** A GET without credentials whose response had Access-Control-Allow-Credentials: true and no Access-Control-Allow-Origin. */
const blocked = (credentials: 'same-origin' | 'include'): ObservedExchange => ({
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: credentials },
  hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['Access-Control-Allow-Credentials', 'true'], ['Content-Type', 'application/json']] } }],
  errorText: 'net::ERR_FAILED',
});

describe("the server's own Allow-Credentials, kept: said why", () => {
  it('explain (text): under "The server must send:", after the lines', () => {
    const text = formatText(buildReport([blocked('same-origin')]), { color: false, width: 400 });
    expect(textBlock(text, 'The server must send:')).toEqual([
      '  The server must send:',
      `    Access-Control-Allow-Origin: ${PAGE}  (on the response)`,
      '    Access-Control-Allow-Credentials: true  (on the response)',
      `    ${NOTE}`,
    ]);
  });

  it('explain --json: the line says it is kept', () => {
    const line = JSON.parse(formatJson(buildReport([blocked('same-origin')])).split('\n')[1]!) as Record<string, unknown>;
    expect(line['serverMustSend']).toEqual([
      { on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE },
      { on: 'response', hop: 0, header: 'Access-Control-Allow-Credentials', value: 'true', kept: 'server' },
    ]);
  });

  it('report (Markdown): after the list', () => {
    const markdown = markdownReport([{ exchange: blocked('same-origin') }]);
    expect(markdown).toContain(`- on the actual response: \`Access-Control-Allow-Credentials: true\`\n\n${NOTE}\n`);
  });

  it('not for a request that went with credentials: it needs the line', () => {
    const report = buildReport([blocked('include')]);
    expect(formatText(report, { color: false, width: 400 })).not.toContain('is kept because the server already sends it');
    expect(markdownReport([{ exchange: blocked('include') }])).not.toContain('is kept because the server already sends it');
  });
});
