// A/B: `explain --json` of this tree against another checkout (e.g. `git archive HEAD` in /tmp/base),
// interleaved, so both see the same machine load. npx tsx bench/ab.ts /tmp/base
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { explainHarText } from '../src/cli/explain-command.ts';
import { generateHar } from './generate-har.ts';

const other = resolve(process.argv[2] ?? '/tmp/base');
const { explainHarText: otherExplain } = (await import(join(other, 'src/cli/explain-command.ts'))) as { explainHarText: typeof explainHarText };
const file = join(mkdtempSync(join(tmpdir(), 'ab-')), 'g.har');
writeFileSync(file, generateHar(10_000));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rows: Record<string, { cpu: number[]; wall: number[] }> = { base: { cpu: [], wall: [] }, this: { cpu: [], wall: [] } };
for (let round = 0; round < 7; round++) {
  for (const [name, f] of [['base', otherExplain], ['this', explainHarText]] as const) {
    const c = cpu(); const w = performance.now();
    f(readFileSync(file, 'utf8'), { json: true });
    rows[name]!.cpu.push(cpu() - c); rows[name]!.wall.push(performance.now() - w);
  }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
for (const [name, r] of Object.entries(rows)) console.log(name, 'cpu', med(r.cpu).toFixed(0), 'wall', med(r.wall).toFixed(0));
