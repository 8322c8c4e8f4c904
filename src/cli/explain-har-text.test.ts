// explainHarText, the library's `explain`, judges a HAR as the command does: by --browser where
// given, else by Firefox's rules for a HAR Firefox wrote (`log.creator`), Chromium's for any other.
// It used to judge every HAR by Chromium's rules unless told otherwise, so the same Firefox HAR gave
// one output from the command and another from the function.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainHarText } from './explain-command.ts';
import { main } from './main.ts';
import { harEntry } from './testing-default-exports.ts';
import { Collected } from './testing-streams.ts';

// Blocked in both browsers (no Access-Control-Allow-Origin), worded as each browser's console says it.
const ENTRY = harEntry({ url: 'https://api.example/data', headers: [['Origin', 'https://app.example']] });
const harBy = (creator: string): string => JSON.stringify({ log: { version: '1.2', creator: { name: creator, version: '153.0' }, pages: [], entries: [ENTRY] } });

async function explainCommand(text: string, args: string[]): Promise<string> {
  const out = new Collected();
  const status = await main(['explain', ...args, '-'], out, new Collected(), {}, Readable.from([Buffer.from(text)]));
  expect(status).toBe(0);
  return out.text;
}

describe('explainHarText judges as `explain` does', () => {
  it.each([false, true])("a HAR Firefox wrote, no browser given: Firefox's rules, the command's output (json: %s)", async (json) => {
    const text = harBy('Firefox');
    const { output, report } = explainHarText(text, { json });
    expect(report.exchanges.map((e) => e.browser)).toEqual(['firefox']);
    expect(output).toBe(await explainCommand(text, json ? ['--json'] : []));
    if (!json) expect(output).toContain('CORSMissingAllowOrigin');
  });

  it.each([false, true])("a HAR of any other creator: Chromium's rules (json: %s)", async (json) => {
    const text = harBy('WebInspector');
    const { output, report } = explainHarText(text, { json });
    expect(report.exchanges.map((e) => e.browser)).toEqual(['chromium']);
    expect(output).toBe(await explainCommand(text, json ? ['--json'] : []));
  });

  it('a browser given wins over the creator, as --browser does', async () => {
    const text = harBy('Firefox');
    const { output, report } = explainHarText(text, { json: false, browser: 'chromium' });
    expect(report.exchanges.map((e) => e.browser)).toEqual(['chromium']);
    expect(output).toBe(await explainCommand(text, ['--browser', 'chromium']));
  });
});
