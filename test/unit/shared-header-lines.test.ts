// A HAR's entries share their header lines (src/capture/header-lines.ts): a line written in place
// would change every entry that repeats it. Here every line the reader gives is frozen, and every
// command that reads a HAR runs over recorded and generated ones: a write to a line throws
// (modules are strict), and the command ends with an internal error (status 70).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import type { HeaderLine } from '../../src/cors/index.ts';
import { main } from '../../src/cli/main.ts';
import { Collected } from '../../src/cli/testing-streams.ts';
import { FIXTURES, RECORDED_HAR } from './recorded-scenarios.ts';

vi.mock('../../src/capture/header-lines.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/capture/header-lines.ts')>();
  class FrozenHeaderLines extends actual.HeaderLines {
    override line(name: string, value: string): HeaderLine {
      return Object.freeze(super.line(name, value));
    }
  }
  return { HeaderLines: FrozenHeaderLines };
});

const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-shared-lines-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const generated = join(scratch, 'generated.har');
writeFileSync(generated, generateHar(300));

const hars = [RECORDED_HAR, `${FIXTURES}firefox-devtools/public.har`, generated];
const commands = (har: string): string[][] => [
  ['explain', har],
  ['explain', har, '--json'],
  ['explain', har, '--browser', 'firefox'],
  ['curl', har, '--url-contains', 'http'],
  ['curl', har, '--url-contains', 'http', '--include-secrets', '--shell', 'powershell'],
  ['report', har, '--full'],
  ['share', har, '--out', join(scratch, 'bundle.json')],
  ['share', har, '--html', join(scratch, 'diagnosis.html'), '--include-secrets'],
];

describe('commands over shared header lines', () => {
  it('the reader shares a line that repeats (what this test relies on)', async () => {
    const { mapHar } = await import('../../src/capture/index.ts');
    const { entries } = mapHar(generateHar(20));
    const lines = entries.flatMap((entry) => [...entry.requestHeaders]);
    expect(new Set(lines).size).toBeLessThan(lines.length);
    expect(lines.every((line) => Object.isFrozen(line))).toBe(true);
  });

  for (const har of hars) {
    for (const args of commands(har)) {
      it(`${args.map((arg) => arg.replace(scratch, '…').replace(FIXTURES, '')).join(' ')}: no line written`, async () => {
        const stdout = new Collected();
        const stderr = new Collected();
        const status = await main(args, stdout, stderr, {}, Readable.from([]));
        expect(stderr.text).not.toContain('internal error');
        expect(status).not.toBe(70);
        expect(stdout.text.length + stderr.text.length).toBeGreaterThan(0);
      });
    }
  }
});
