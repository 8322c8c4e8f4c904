// `npm run bench`: runs every bench step in one go, shows each step's output as it comes, and ends
// with issue #14's table: every row a step printed as `ROW | measure | measured | goal … | met|not met`,
// gathered in the order measured. Numbers only, never pass/fail: the exit status says only whether
// the steps ran.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The steps, in order; the builds first so that every measurement runs what `npm start` runs. */
const STEPS: readonly (readonly string[])[] = [
  ['npm', 'run', '-s', 'build:cli'],
  ['npx', 'tsx', 'bench/run.ts'],
  ['npx', 'tsx', 'bench/built.ts', 'bench/verdict.ts'],
  ['npx', 'tsx', 'bench/cli-startup.ts'],
  ['npx', 'tsx', 'bench/cli-speed.ts'],
  ['npx', 'tsx', 'bench/memory.ts'],
  ['npm', 'run', '-s', 'fuzz'],
  ['npm', 'run', '-s', 'build'],
  ['npx', 'tsx', 'bench/browser.ts'],
  ['npx', 'tsx', 'bench/viewer-open.ts'],
  ['npx', 'tsx', 'bench/capture-cost.ts'],
  ['npx', 'tsx', 'bench/panel-devtools.ts'],
];

interface Row {
  measure: string;
  measured: string;
  goal: string;
  met: string;
}

/** `ROW | measure | measured | goal <goal> | met` → its cells; null for any other line. */
function parseRow(line: string): Row | null {
  if (!line.startsWith('ROW |')) return null;
  const [measure = '', measured = '', goal = '', met = ''] = line.slice('ROW |'.length).split('|').map((cell) => cell.trim());
  return { measure, measured, goal: goal.replace(/^goal\s+/, ''), met };
}

function run(step: readonly string[], rows: Row[]): Promise<number> {
  const [command = '', ...args] = step;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      const row = parseRow(line);
      if (row !== null) rows.push(row);
    });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(127));
  });
}

const rows: Row[] = [];
let failed = 0;
for (const step of STEPS) {
  const code = await run(step, rows);
  if (code !== 0) {
    failed = code;
    process.stderr.write(`bench: ${step.join(' ')} exited with ${code}\n`);
  }
}
const cell = (s: string): string => s.replace(/\|/g, '\\|');
process.stdout.write(`\n## Issue #14: measured in this run (${new Date().toISOString().slice(0, 16)}Z, ${process.version})\n\n`);
process.stdout.write('| measure | measured | goal | |\n|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${cell(r.measure)} | ${cell(r.measured)} | ${cell(r.goal)} | ${cell(r.met)} |\n`);
process.exitCode = failed;
