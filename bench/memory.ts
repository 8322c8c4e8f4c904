// `npm run bench` (memory): peak resident memory of each command on a generated big HAR, as a
// multiple of the file's size (target: at most 4x). Measured with GNU time (`/usr/bin/time -v`)
// around a fresh `node bin/cors-inspector.mjs` (the built CLI), so it includes Node itself.
//
//   tsx bench/memory.ts [MEGABYTES]   (default 100)

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigHar } from './big-har.ts';

const TIME = '/usr/bin/time';
const BIN = fileURLToPath(new URL('../bin/cors-inspector.mjs', import.meta.url));
const megabytes = Number(process.argv[2] ?? 100);

function peak(args: string[]): Promise<{ kilobytes: number; seconds: string; status: number }> {
  return new Promise((resolve) => {
    // The output is thrown away: only GNU time's report on stderr is read.
    const child = spawn(TIME, ['-v', process.execPath, BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
      const seconds = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(stderr)?.[1] ?? '?';
      resolve({ kilobytes, seconds, status: code ?? -1 });
    });
  });
}

if (!existsSync(TIME)) {
  console.log(`memory: skipped (${TIME} is not installed)`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-memory-'));
  try {
    const file = join(dir, 'big.har');
    const written = writeBigHar(file, megabytes * 1e6);
    const size = statSync(file).size;
    const idle = await peak(['--version']);
    console.log(`memory: HAR of ${(size / 1e6).toFixed(0)} MB, ${written.entries.toLocaleString('en-US')} entries (peak RSS; target <= 4x the file; Node and the CLI alone: ${(idle.kilobytes / 1024).toFixed(0)} MB)`);
    const commands: [string, string[]][] = [
      ['explain', ['explain', file]],
      ['explain --json', ['explain', '--json', file]],
      ['report', ['report', file]],
      ['curl', ['curl', file, '--url-contains', '/v1/users/1']],
      ['share', ['share', file, '--out', join(dir, 'bundle.json')]],
    ];
    for (const [name, args] of commands) {
      const { kilobytes, seconds, status } = await peak(args);
      const ratio = (kilobytes * 1024) / size;
      console.log(`  ${name.padEnd(15)} ${(kilobytes / 1024).toFixed(0).padStart(6)} MB peak  ${ratio.toFixed(2)}x  (${seconds} wall, exit ${status})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
