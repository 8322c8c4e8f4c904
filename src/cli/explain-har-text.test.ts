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

// The Max-Age advice follows the rules that judged: Chromium keeps a preflight 7200 s, Firefox 86400 s.
describe('explain --json: the Max-Age advice of the browser judged', () => {
  const PAGE = 'https://app.example';
  const API = 'https://api.example/items';
  const preflightedPut = (maxAge: string): string =>
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [],
        entries: [
          harEntry({
            url: API,
            method: 'OPTIONS',
            headers: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT']],
            status: 204,
            response: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', maxAge], ['Vary', 'Origin']],
          }),
          harEntry({ url: API, method: 'PUT', headers: [['Origin', PAGE]], response: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] }),
        ],
      },
    });
  const maxAgeAdvice = (text: string, browser: 'chromium' | 'firefox'): string[] => {
    const { output } = explainHarText(text, { json: true, browser });
    const json = JSON.parse(output) as { exchanges: { verdict: string; advisories: { kind: string; text: string }[] }[] };
    expect(json.exchanges.map((e) => e.verdict)).toEqual(['allowed']);
    return json.exchanges[0]!.advisories.filter((a) => a.kind === 'max-age-above-browser-cap').map((a) => a.text);
  };

  it("86400: above Chromium's cap, within Firefox's", () => {
    expect(maxAgeAdvice(preflightedPut('86400'), 'chromium')).toEqual([
      'Access-Control-Max-Age is 86400, but Chromium keeps a preflight at most 7200 seconds: Chromium sends the preflight again sooner than the server intends.',
    ]);
    expect(maxAgeAdvice(preflightedPut('86400'), 'firefox')).toEqual([]);
  });

  it("100000: above both, each browser's own cap", () => {
    expect(maxAgeAdvice(preflightedPut('100000'), 'firefox')).toEqual([
      'Access-Control-Max-Age is 100000, but Firefox keeps a preflight at most 86400 seconds: Firefox sends the preflight again sooner than the server intends.',
    ]);
  });
});
