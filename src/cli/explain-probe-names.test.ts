// Session 36: each advisory's probe line numbered the header names shaped like secrets afresh, so
// `REDACTED-TOKEN-1` meant one header in the first cause's line and another in the second's. One
// numbering now serves the whole output of a run (text and --json), as in the other exports.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainHarText } from './explain-command.ts';
import { main } from './main.ts';
import { harEntry, run, type Run } from './testing-default-exports.ts';

const GITHUB_A = `ghp_${'a'.repeat(36)}`;
const GITHUB_B = `ghp_${'b'.repeat(36)}`;

// Allowed, yet failed: the credentialed-origin advisory comes with its probe command, naming the
// request's headers. Two API origins: two causes, each with its advisory.
function entry(origin: string, name: string): unknown {
  return harEntry({
    url: `${origin}/data`,
    headers: [['Origin', 'https://app.example'], ['Cookie', 'sid=1'], [name, '1']],
    response: [
      ['Access-Control-Allow-Origin', 'https://app.example'],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    error: 'net::ERR_FAILED',
  });
}

const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries } });
const headerArgs = (output: string): string[] => [...output.matchAll(/--header (REDACTED-TOKEN-\d+)/g)].map((m) => m[1]!);

describe('probe lines of one explain output', () => {
  const text = har([entry('https://a.example', GITHUB_A), entry('https://b.example', GITHUB_B)]);

  it.each([false, true])('number two token-shaped names apart in two advisories (json: %s)', (json) => {
    const { output } = explainHarText(text, { json });
    const names = new Set(headerArgs(output));
    expect(names).toEqual(new Set(['REDACTED-TOKEN-1', 'REDACTED-TOKEN-2']));
    expect(output).not.toContain('a'.repeat(36));
  });

  it.each([[['-']], [['-', '--json']]])('so does the explain command as it writes its output (%j)', async (args) => {
    const explain: Run = (argv, out, err) => main(['explain', ...argv], out, err, {}, Readable.from([Buffer.from(text)]));
    expect(new Set(headerArgs(await run(explain, args)))).toEqual(new Set(['REDACTED-TOKEN-1', 'REDACTED-TOKEN-2']));
  });
});
