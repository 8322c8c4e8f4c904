// The command list is what `--help` shows and what `main` dispatches by: each entry must load the
// command of its own name, and the help must list each.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.ts';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(args, out, err, {}, Readable.from([]));
  return { status, out: out.text, err: err.text };
}

describe('COMMANDS', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))('%s loads the command of that name', async (name, entry) => {
    const command = await entry.load();
    expect(command.name).toBe(name);
    expect(command.usage).toMatch(new RegExp(`^Usage: cors-inspector ${name} `));
  });

  it('--help lists every command with its summary', async () => {
    const { status, out } = await run(['--help']);
    expect(status).toBe(EXIT.ok);
    for (const { name, summary } of COMMANDS) expect(out).toMatch(new RegExp(`^  ${name} +${summary.replace(/[()]/g, '\\$&')}$`, 'm'));
  });

  it.each(COMMANDS.map((entry) => [entry.name] as const))('help %s prints what %s --help prints', async (name) => {
    const viaHelp = await run(['help', name]);
    const viaOption = await run([name, '--help']);
    expect(viaHelp).toEqual(viaOption);
    expect(viaOption.status).toBe(EXIT.ok);
    expect(viaOption.out).toContain(`Usage: cors-inspector ${name} `);
  });

  it('a HAR file given without a command: bad usage, saying the command goes first', async () => {
    for (const file of ['recording.har', './x', '-', 'C:\\tmp\\x'])
      expect(await run([file])).toEqual({ status: EXIT.usage, out: '', err: `cors-inspector: unknown command: ${file} (a HAR file goes after a command: cors-inspector explain FILE.har; try cors-inspector --help)\n` });
    expect((await run(['frobnicate'])).err).toBe('cors-inspector: unknown command: frobnicate (try cors-inspector --help)\n');
  });

  it('help for no such command is bad usage, on one line', async () => {
    expect(await run(['help', 'frobnicate'])).toEqual({ status: EXIT.usage, out: '', err: 'cors-inspector: unknown command: frobnicate (try cors-inspector --help)\n' });
  });
});
