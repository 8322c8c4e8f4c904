// `npm run bench`: numbers only, with the targets beside them. No pass/fail.
//
// 1. diagnoseVerdict() (the verdict-only fast path) and diagnose() (the full account) calls per
//    second on one core, on a mix of typical exchanges.
// 2. `explain --json` end to end (read + JSON.parse + map + diagnose + explain + serialize) on a
//    generated 10,000-entry HAR, against merely reading it, JSON.parse and one pass over its entries.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapHar } from '../src/capture/index.ts';
import { explainHarText } from '../src/cli/explain-command.ts';
import { diagnose, diagnoseVerdict, explain } from '../src/cors/index.ts';
import { generateHar } from './generate-har.ts';

const ENTRIES = 10_000;
const ROUNDS = 5;

/** CPU time of this process, ms: the machine may be shared, and wall time then measures the others too. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-'));
const file = join(dir, 'generated.har');
try {
  const text = generateHar(ENTRIES);
  writeFileSync(file, text);
  const { exchanges } = mapHar(text);
  console.log(`HAR: ${ENTRIES.toLocaleString('en-US')} entries, ${(text.length / 1e6).toFixed(1)} MB, ${exchanges.length.toLocaleString('en-US')} exchanges (node ${process.version})`);

  // 1. Throughput: the exchanges of the generated HAR, round and round for ~2 s each.
  let sink = 0;
  function throughput(seconds: number, call: (exchange: (typeof exchanges)[number]) => number): { cpu: number; wall: number } {
    for (const exchange of exchanges) sink += call(exchange); // warm-up
    let calls = 0;
    const start = performance.now();
    const startCpu = cpuMs();
    while (performance.now() - start < seconds * 1000) {
      for (const exchange of exchanges) sink += call(exchange);
      calls += exchanges.length;
    }
    return { cpu: calls / ((cpuMs() - startCpu) / 1000), wall: calls / ((performance.now() - start) / 1000) };
  }
  const verdicts = throughput(2, (exchange) => diagnoseVerdict(exchange).verdict.length);
  console.log(`diagnoseVerdict():     ${format(verdicts.cpu).padStart(11)} calls per CPU-second (${format(verdicts.wall)}/s wall)   (target > 1,000,000/s)`);
  const diagnoses = throughput(2, (exchange) => diagnose(exchange).checks.length);
  console.log(`diagnose() (full):    ${format(diagnoses.cpu).padStart(11)} calls per CPU-second (${format(diagnoses.wall)}/s wall)   (for reference)`);

  // explain() alone, for the record: the wording is the costly part.
  const explainStart = performance.now();
  const explainCpu = cpuMs();
  let explained = 0;
  while (performance.now() - explainStart < 1000) {
    for (const exchange of exchanges) sink += explain(diagnose(exchange), exchange).headline.length;
    explained += exchanges.length;
  }
  const explainPerCpuSecond = explained / ((cpuMs() - explainCpu) / 1000);
  console.log(`diagnose()+explain(): ${format(explainPerCpuSecond).padStart(11)} calls per CPU-second   (for reference)`);

  // 2. explain --json end to end vs. read + JSON.parse + one pass. Alternate the two, take medians
  //    of CPU time (and of wall time, for the record).
  const baseline = { cpu: [] as number[], wall: [] as number[] };
  const endToEnd = { cpu: [] as number[], wall: [] as number[] };
  let outputBytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let wall = performance.now();
    let cpu = cpuMs();
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { request: { url: string; headers: unknown[] } }[] } };
    for (const entry of parsed.log.entries) sink += entry.request.url.length + entry.request.headers.length;
    baseline.cpu.push(cpuMs() - cpu);
    baseline.wall.push(performance.now() - wall);

    wall = performance.now();
    cpu = cpuMs();
    const { output } = explainHarText(readFileSync(file, 'utf8'), { json: true });
    outputBytes = output.length;
    endToEnd.cpu.push(cpuMs() - cpu);
    endToEnd.wall.push(performance.now() - wall);
  }
  const base = median(baseline.cpu);
  const full = median(endToEnd.cpu);
  console.log(`read+JSON.parse+pass: ${base.toFixed(0).padStart(8)} ms CPU (${median(baseline.wall).toFixed(0)} ms wall, median of ${ROUNDS})`);
  console.log(`explain --json:       ${full.toFixed(0).padStart(8)} ms CPU (${median(endToEnd.wall).toFixed(0)} ms wall, median of ${ROUNDS}; ${(outputBytes / 1e6).toFixed(1)} MB of JSON)`);
  console.log(`ratio:                ${(full / base).toFixed(2).padStart(8)} x        (target < 1.5x)`);
  if (sink === -1) console.log(''); // Keeps the measured work from being optimised away.
} finally {
  rmSync(dir, { recursive: true, force: true });
}
