// `explain --json`: an advisory that one exchange cannot settle carries the probe, as data and as the
// command to run.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { markdownReport } from '../export/index.ts';
import { formatJson } from './format-json.ts';
import { formatText } from './format-text.ts';
import { reportExchange } from './report.ts';

const PAGE = 'https://app.example';

describe('explain --json advisories', () => {
  it('credentials for this origin: the words say one exchange cannot tell, with the probe command', () => {
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', PAGE], ['Cookie', 'sid=1']], initiatorOrigin: PAGE, credentialsMode: 'include' },
      hops: [{ url: 'https://api.example/me', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']] } }],
    };
    const report = { exchanges: [reportExchange(exchange)], sameOrigin: 0, skippedEntries: 0 };
    const line = JSON.parse(formatJson(report).split('\n')[1]!.replace(/,$/, '')) as { advisories: unknown[] };
    expect(line.advisories).toEqual([
      {
        kind: 'credentials-for-request-origin',
        severity: 'info',
        text: expect.stringContaining('cannot be told from one exchange'),
        probe: { url: 'https://api.example/me', origin: PAGE, method: 'GET', headers: [], credentials: true },
        probeCommand: 'cors-inspector probe https://api.example/me --origin https://app.example --credentials',
        probeCommands: [{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: 'cors-inspector probe https://api.example/me --origin https://app.example --credentials' }],
      },
    ]);
  });
});

describe('explain text and report: the probe line names its shells', () => {
  // A request that failed though its response allowed it (net::ERR_FAILED): shown, with its advisory.
  const failed = (url: string): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE], ['Cookie', 'sid=1']], initiatorOrigin: PAGE, credentialsMode: 'include' },
    hops: [{ url, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']] } }],
    errorText: 'net::ERR_FAILED',
  });
  const textOf = (url: string): string[] =>
    formatText({ exchanges: [reportExchange(failed(url))], sameOrigin: 0, skippedEntries: 0 }, { color: false, width: 200 })
      .split('\n')
      .filter((line) => /cors-inspector probe|no line/.test(line))
      .map((line) => line.trim());

  it('one line for every shell when the values allow it, in double quotes that cmd reads too', () => {
    expect(textOf('https://api.example/me?a=1&calc')).toEqual(['To find out (bash, zsh, PowerShell or cmd): cors-inspector probe "https://api.example/me?a=1&calc" --origin https://app.example --credentials']);
  });

  it('else a line per shell, and for a shell that cannot carry a value the reason', () => {
    expect(textOf('https://api.example/%PATH%/!x!')).toEqual([
      "To find out (bash, zsh): cors-inspector probe 'https://api.example/%PATH%/!x!' --origin https://app.example --credentials",
      "Or (PowerShell): cors-inspector probe 'https://api.example/%PATH%/!x!' --origin 'https://app.example' --credentials",
      'Or (cmd): no line: the values hold a "!" (cmd.exe expands it when delayed expansion is on)',
    ]);
  });

  // Session 34's hostile review: a name the probe would refuse was left off the line without a word.
  it('says which header names the line leaves out (text, --json and report)', () => {
    const exchange = failed('https://api.example/c');
    const withNames = { ...exchange, request: { ...exchange.request, headers: [...exchange.request.headers, ['X-Api-Key', '1'], ['x-$(id)', '1']] as [string, string][] } };
    const report = { exchanges: [reportExchange(withNames)], sameOrigin: 0, skippedEntries: 0 };
    // Cut at its `(` as every export cuts a name that is no token (session 39); its `$` is still there to escape.
    const words = 'header "x-$ REDACTED-REST-OF-NAME" (not an HTTP token), which the probe would refuse';
    const text = formatText(report, { color: false, width: 200 }).split('\n').map((line) => line.trim());
    expect(text).toContain('To find out (bash, zsh, PowerShell or cmd): cors-inspector probe https://api.example/c --origin https://app.example --header x-api-key --credentials');
    expect(text).toContain(`Left out of the line: ${words}.`);
    const line = JSON.parse(formatJson(report).split('\n')[1]!.replace(/,$/, '')) as { advisories: { probeCommands: unknown[] }[] };
    expect(line.advisories[0]!.probeCommands).toEqual([{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: expect.any(String), leftOut: words }]);
    // Markdown escapes the `$` (GitHub reads `$...$` as math).
    expect(markdownReport([{ exchange: withNames, notes: [] }])).toContain(`Left out of the line: ${words.replace('$', '\\$')}.`);
  });

  it('writes a left-out name as the exports write it: a credential in it goes (--json, text, report)', () => {
    const key = `sk_live_${'x'.repeat(24)}`;
    const exchange = failed('https://api.example/c');
    const withName = { ...exchange, request: { ...exchange.request, headers: [...exchange.request.headers, [`x-k ${key}`, '1']] as [string, string][] } };
    const report = { exchanges: [reportExchange(withName)], sameOrigin: 0, skippedEntries: 0 };
    const line = JSON.parse(formatJson(report).split('\n')[1]!.replace(/,$/, '')) as { advisories: { probe: { headers: string[] }; probeCommands: { leftOut: string }[] }[] };
    expect(line.advisories[0]!.probeCommands[0]!.leftOut).toBe('header "x-k REDACTED-REST-OF-NAME" (not an HTTP token), which the probe would refuse');
    expect(line.advisories[0]!.probe.headers).toContain('x-k REDACTED-REST-OF-NAME');
    expect(formatJson(report)).not.toContain(key);
    expect(formatText(report, { color: false, width: 200 })).not.toContain(key);
    expect(markdownReport([{ exchange: withName, notes: [] }])).not.toContain(key);
  });
});
