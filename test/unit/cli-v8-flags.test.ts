import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Plain JavaScript beside the launcher (no TypeScript at run time), so typed here.
const LAUNCHER_FLAGS: string = '../../bin/v8-flags.mjs';
const { cliV8Flags } = (await import(LAUNCHER_FLAGS)) as { cliV8Flags: (v8Version: string, given?: string[]) => string[] };
const CLI_LOADER: string = '../../bin/load-cli.mjs';
const { CODE_CACHE_FLAG } = (await import(CLI_LOADER)) as { CODE_CACHE_FLAG: string };

// The launcher's V8 flags (bin/v8-flags.mjs): what they buy is measured by `npm run bench`
// (bench/cli-speed.ts); here, that they go only to the V8 they were measured on, and that this V8
// knows them (an unknown one is printed as an error on the command's output, which cli.test.ts's
// exact --version output would also catch).
describe('cliV8Flags', () => {
  it('sets the inlining budget on V8 11.3 (Node 20) only', () => {
    expect(cliV8Flags('11.3.244.8-node.33')).toEqual(['--max-inlined-bytecode-size-cumulative=300']);
    for (const other of ['12.4.254.21-node.33', '11.8.172.17-node.19', '10.2.154.26-node.26', '13.6.233.10-node.9', '']) {
      expect(cliV8Flags(other)).toEqual([]);
    }
  });

  it('leaves a value the person gave node alone', () => {
    const node20 = '11.3.244.8-node.33';
    // As node passes them on to V8 (which reads one dash or two, `_` or `-`).
    for (const given of [['--max-inlined-bytecode-size-cumulative=50'], ['--max_inlined_bytecode_size_cumulative=50'], ['-max-inlined-bytecode-size-cumulative=50'], ['--inspect', '--max-inlined-bytecode-size-cumulative=920']]) {
      expect(cliV8Flags(node20, given), given.join(' ')).toEqual([]);
    }
    expect(cliV8Flags(node20, ['--max-inlined-bytecode-size=50', '--inspect', ''])).toEqual(['--max-inlined-bytecode-size-cumulative=300']);
  });

  it.runIf(process.versions.v8.startsWith('11.3.'))('names flags this V8 has', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    const known = new Set([...options.matchAll(/^\s+(--[a-z0-9-]+) \(/gm)].map((match) => match[1]));
    expect(known.size).toBeGreaterThan(100);
    for (const flag of cliV8Flags(process.versions.v8)) expect(known).toContain(flag.split('=')[0]);
    // The code cache's checksum (bin/load-cli.mjs), set on the same V8 only.
    expect(known).toContain(CODE_CACHE_FLAG);
  });
});
