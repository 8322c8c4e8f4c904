// Session 37: `explain` printed header names shaped like credentials as captured: `--json`'s
// `checks` (`header`, `found`) and `corsHeaders`, and the text's and `--json`'s server configuration
// (`request headers: ghp_…`, the fix's `Access-Control-Allow-Headers: ghp_…`), into CI logs, though
// every export writes them as numbered placeholders. They are now written as the exports write them,
// from one numbering for the run, before the engine reads the exchange: verdicts stay.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainHarText } from './explain-command.ts';
import { main } from './main.ts';
import { harEntry, run, type Run } from './testing-default-exports.ts';

const GITHUB_A = `ghp_${'a'.repeat(36)}`;
const GITHUB_B = `ghp_${'b'.repeat(36)}`;
const STRIPE = `sk_live_${'c'.repeat(24)}`;
const SECRETS = ['a'.repeat(36), 'b'.repeat(36), 'c'.repeat(24)];

const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries } });

// A PUT with two token-shaped names; the preflight allowed only the first (echoed in capitals,
// lower-cased as a server may): blocked on the second, which Chromium names as failedParameter.
const text = har([
  harEntry({
    url: 'https://api.example/data',
    method: 'OPTIONS',
    headers: [
      ['Origin', 'https://app.example'],
      ['Access-Control-Request-Method', 'PUT'],
      ['Access-Control-Request-Headers', `${GITHUB_A},${GITHUB_B},x-${STRIPE}`],
    ],
    status: 204,
    response: [
      ['Access-Control-Allow-Origin', 'https://app.example'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', `${GITHUB_A.toUpperCase()}, x-${STRIPE}`],
      ['Access-Control-Expose-Headers', GITHUB_A],
    ],
  }),
  harEntry({
    url: 'https://api.example/data',
    method: 'PUT',
    headers: [['Origin', 'https://app.example'], [GITHUB_A, '1'], [GITHUB_B, '2'], [`x-${STRIPE}`, '3']],
    status: 0,
    error: 'net::ERR_FAILED',
  }),
]);

describe('explain writes secret-shaped header names as the exports do', () => {
  it.each([false, true])('nowhere the names as captured (json: %s)', (json) => {
    const { output } = explainHarText(text, { json });
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain('REDACTED-TOKEN-');
  });

  it('--json: the checks, corsHeaders and the server configuration name the numbered placeholders, the verdict as captured', () => {
    const { output, report } = explainHarText(text, { json: true });
    const doc = JSON.parse(output) as { exchanges: Record<string, unknown>[]; serverConfigs: { headers: string[] }[] };
    const [exchange] = doc.exchanges;
    expect(exchange!['verdict']).toBe('blocked');
    expect(exchange!['corsError']).toBe('HeaderDisallowedByPreflightResponse');
    // Two names stay two, each its own number, and the failed one is the request's second.
    const failed = String(exchange!['failedParameter']);
    expect(failed).toMatch(/^redacted-token-\d+$/);
    const headers = doc.serverConfigs[0]!.headers;
    expect(new Set(headers).size).toBe(3);
    expect(headers).toContain(failed);
    const checks = JSON.stringify(exchange!['checks']);
    const corsHeaders = JSON.stringify(exchange!['corsHeaders']);
    expect(checks).toContain(failed);
    expect(corsHeaders).toMatch(/REDACTED-TOKEN-\d+/);
    expect(corsHeaders).toContain('x-REDACTED-API-KEY-');
    expect(report.exchanges[0]!.diagnosis.verdict).toBe('blocked');
  });

  it('the text and --json name the same placeholders', () => {
    // The engine writes names lower-cased (Chromium's failedParameter does), as the exports' words do.
    const placeholders = (output: string) => new Set(output.match(/[\w-]*REDACTED-[A-Z-]+-\d+/gi)?.map((name) => name.toLowerCase()));
    const fromText = placeholders(explainHarText(text, { json: false }).output);
    const fromJson = placeholders(explainHarText(text, { json: true }).output);
    expect(fromText.size).toBe(3);
    expect(fromJson).toEqual(fromText);
  });

  it.each([[['-']], [['-', '--json']]])('so does the explain command (%j); --include-secrets prints them as captured', async (args) => {
    const explain: Run = (argv, out, err) => main(['explain', ...argv], out, err, {}, Readable.from([Buffer.from(text)]));
    const masked = await run(explain, args);
    for (const secret of SECRETS) expect(masked).not.toContain(secret);
    expect(masked).toContain('REDACTED-TOKEN-');
    const captured = await run(explain, [...args, '--include-secrets']);
    expect(captured).toContain(GITHUB_B);
  });
});
