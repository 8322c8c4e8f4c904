// What passed but should change reaches the text and the report: an allowed request whose answer
// the standard or Firefox refuses (Authorization let through by Access-Control-Allow-Headers: *),
// or that trusts `null` / an http: origin, was a bare count ("1 allowed (not listed)") everywhere
// but --json and the panel.

import { describe, expect, it } from 'vitest';
import { browserRules, diagnose, type ObservedExchange } from '../cors/index.ts';
import { formatJson } from './format-json.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';
import { CauseGroups, markdownReport } from '../export/index.ts';

const PAGE = 'https://app.example.com';

/** A preflighted GET with Authorization that Chromium let through on `Access-Control-Allow-Headers: *`. */
function starCoversAuthorization(api: string): ObservedExchange {
  const url = `${api}/v1/orders`;
  return {
    request: { method: 'GET', headers: [['Origin', PAGE], ['Authorization', 'Bearer x']], initiatorOrigin: PAGE },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'authorization']],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', '*'], ['Vary', 'Origin']] },
        },
        response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] },
      },
    ],
  };
}

/** Allowed, with only a low advisory (no Vary: Origin). */
const onlyLow: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
  hops: [{ url: 'https://api.example.org/v1/items', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }],
} as ObservedExchange;

describe('advice on requests that passed', () => {
  it('the exchanges used here are allowed, with the advisories they are meant to carry', () => {
    const medium = diagnose(starCoversAuthorization('https://api.example.net'));
    expect(medium.verdict).toBe('allowed');
    expect(medium.advisories.map((a) => a.kind)).toContain('wildcard-allow-headers-covers-authorization');
    const low = diagnose(onlyLow);
    expect(low.verdict).toBe('allowed');
    expect(low.advisories.map((a) => a.severity)).toEqual(['low']);
  });

  it('the text lists it under PASSED, counted per server; a low one is not listed', () => {
    const text = formatText(buildReport([starCoversAuthorization('https://api.example.net'), starCoversAuthorization('https://api.example.net'), onlyLow]), { color: false, width: 300 });
    expect(text).toContain('PASSED  3 allowed (not listed)\n  Advised, though they passed:\n    [medium] https://api.example.net, 2 requests: Access-Control-Allow-Headers: * lets Chromium send Authorization');
    expect(text).not.toContain('Vary: Origin');
  });

  it('nothing more when nothing is advised', () => {
    const text = formatText(buildReport([onlyLow]), { color: false, width: 300 });
    expect(text).toContain('PASSED  1 allowed (not listed)\n');
    expect(text).not.toContain('Advised, though they passed');
  });

  it('the report lists it after the passed line', () => {
    const md = markdownReport([{ exchange: starCoversAuthorization('https://api.example.net') }]);
    expect(md).toContain('**Not listed, they passed:** 1 allowed.\n\n**Advised, though they passed:**\n\n- **medium**, `https://api.example.net`, 1 request: Access-Control-Allow-Headers: \\* lets Chromium send Authorization');
  });

  it('keeps at most 20 servers, and counts the rest', () => {
    const groups = new CauseGroups();
    for (let i = 0; i < 25; i++) {
      const exchange = starCoversAuthorization(`https://api${i}.example.net`);
      groups.add(exchange, diagnose(exchange));
    }
    expect(groups.passedAdvice()).toHaveLength(20);
    expect(groups.passedAdviceOmitted).toBe(5);
  });
});

// Firefox lets * cover Authorization too, with a deprecation warning: under its rules the words name
// Firefox, not Chromium (the diagnosis is the same; the words follow the rules the output is for).
describe("the advice under Firefox's rules (--browser firefox)", () => {
  const FIREFOX = 'Access-Control-Allow-Headers: * lets Firefox send Authorization, with the console warning CORSAllowHeaderFromPreflightDeprecation, but the standard says * does not cover it.';

  it('the text, under PASSED', () => {
    const text = formatText(buildReport([starCoversAuthorization('https://api.example.net')], 0, 'firefox'), { color: false, width: 400, browser: 'firefox' });
    expect(text).toContain(`[medium] https://api.example.net, 1 request: ${FIREFOX}`);
    expect(text).not.toContain('lets Chromium send');
  });

  it('the report', () => {
    const md = markdownReport([{ exchange: starCoversAuthorization('https://api.example.net') }], { rules: browserRules('firefox') });
    expect(md).toContain(`1 request: ${FIREFOX.replaceAll('*', '\\*')}`);
    expect(md).not.toContain('lets Chromium send');
  });

  it("--json's advisories", () => {
    const lines = formatJson(buildReport([starCoversAuthorization('https://api.example.net')], 0, 'firefox')).split('\n');
    const exchange = JSON.parse(lines[1]!) as { advisories: { kind: string; text: string }[] };
    expect(exchange.advisories.find((a) => a.kind === 'wildcard-allow-headers-covers-authorization')?.text).toContain(FIREFOX);
  });
});
