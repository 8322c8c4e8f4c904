// `npm run bench` (the CLI's explain rows of issue #14): the built CLI against the floor of reading
// its input, each as a fresh process (the way it is used), the two runs interleaved, medians.
//
// - `explain --json` on a generated 10,000-entry DevTools HAR vs. `node` reading the file,
//   `JSON.parse` of it and one pass over its headers (the anchor);
// - `explain` on a big generated HAR (139 MB by default) vs. the same anchor on it, and its peak
//   resident memory as a multiple of the file's size.
//
// Measured with GNU time (`/usr/bin/time`): CPU time (user + system) of each process, which the
// other work on a shared machine disturbs less than wall time (both are printed). Without GNU time,
// wall time only and no memory row.
//
//   tsx bench/cli-speed.ts [BIG_MEGABYTES]   (after npm run build:cli)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigHar } from './big-har.ts';
import { generateHar } from './generate-har.ts';

const TIME = '/usr/bin/time';
const BIN = fileURLToPath(new URL('../bin/cors-inspector.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist-cli/cors-inspector.mjs', import.meta.url));
const bigMegabytes = Number(process.argv[2] ?? 139);

// The floor: the file read, parsed whole, and every header of every entry looked at once.
const ANCHOR = `import { readFileSync } from 'node:fs';
const har = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let sink = 0;
for (const entry of har.log.entries) {
  for (const header of entry.request.headers) sink += header.name.length + header.value.length;
  for (const header of entry.response.headers) sink += header.name.length + header.value.length;
}
if (sink === -1) console.log(sink);
`;

interface Run {
  cpu: number;
  wall: number;
  /** Peak resident memory, bytes (NaN without GNU time). */
  peak: number;
}

const timed = existsSync(TIME);

/** One process, its output thrown away; GNU time's figures written to `report`. */
function run(args: string[], report: string): Run {
  const start = performance.now();
  const child = timed
    ? spawnSync(TIME, ['-o', report, '-f', '%U %S %M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().trim().slice(0, 500)}`);
  if (!timed) return { cpu: wall, wall, peak: Number.NaN };
  const [user, system, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  return { cpu: (user + system) * 1000, wall, peak: kilobytes * 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `rounds` of anchor then command, interleaved, after one of each not counted (caches warm up). */
function compare(anchorArgs: string[], commandArgs: string[], rounds: number, report: string): { anchor: Run[]; command: Run[] } {
  run(anchorArgs, report);
  run(commandArgs, report);
  const anchor: Run[] = [];
  const command: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    anchor.push(run(anchorArgs, report));
    command.push(run(commandArgs, report));
  }
  return { anchor, command };
}

/** The spread of a series: (max - min) / median, as a percentage. */
function noise(values: number[]): string {
  return `±${(((Math.max(...values) - Math.min(...values)) / 2 / median(values)) * 100).toFixed(0)}%`;
}

function row(measure: string, measured: number, unit: string, goal: number): void {
  console.log(`ROW | ${measure} | ${measured.toFixed(2)}${unit} | goal <= ${goal}${unit} | ${measured <= goal ? 'met' : 'not met'}`);
}

function detail(name: string, runs: Run[]): string {
  const cpu = runs.map((r) => r.cpu);
  return `${name} ${median(cpu).toFixed(0)} ms CPU (${noise(cpu)}), ${median(runs.map((r) => r.wall)).toFixed(0)} ms wall`;
}

if (!existsSync(BUILT)) {
  console.log('cli speed: skipped (the CLI is not built: npm run build:cli)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-cli-speed-'));
  try {
    const anchor = join(dir, 'anchor.mjs');
    const report = join(dir, 'time.txt');
    writeFileSync(anchor, ANCHOR);
    const measure = timed ? 'CPU time' : 'wall time';

    // 1. explain --json, 10,000 entries.
    const small = join(dir, 'devtools-10k.har');
    writeFileSync(small, generateHar(10_000));
    const json = compare([anchor, small], [BIN, 'explain', '--json', small], 5, report);
    console.log(`cli speed: ${(statSync(small).size / 1e6).toFixed(1)} MB, 10,000 entries; ${detail('read+JSON.parse+pass', json.anchor)}; ${detail('explain --json', json.command)} (medians of 5, ${measure})`);
    row('explain --json, 10,000-entry HAR, vs. node read + JSON.parse + one pass over headers', median(json.command.map((r) => r.cpu)) / median(json.anchor.map((r) => r.cpu)), 'x', 1.5);

    // 2. explain on a big HAR: time against the parse, and peak memory against the file.
    const big = join(dir, 'big.har');
    const written = writeBigHar(big, bigMegabytes * 1e6);
    const size = statSync(big).size;
    const text = compare([anchor, big], [BIN, 'explain', big], 3, report);
    const label = `${(size / 1e6).toFixed(0)} MB, ${written.entries.toLocaleString('en-US')}-entry HAR`;
    console.log(`cli speed: ${label}; ${detail('read+JSON.parse+pass', text.anchor)}; ${detail('explain', text.command)} (medians of 3, ${measure})`);
    row(`explain, ${label}, vs. node read + JSON.parse + one pass`, median(text.command.map((r) => r.cpu)) / median(text.anchor.map((r) => r.cpu)), 'x', 1.5);
    if (timed) {
      const peak = median(text.command.map((r) => r.peak));
      console.log(`cli speed: explain peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (the parse alone: ${(median(text.anchor.map((r) => r.peak)) / 2 ** 20).toFixed(0)} MB)`);
      row(`explain peak memory, ${label}, as a multiple of the file`, peak / size, 'x', 4);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
