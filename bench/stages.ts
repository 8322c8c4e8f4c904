// Where `explain --json` spends its time, stage by stage (CPU ms, median of 5 rounds):
//   npx tsx bench/stages.ts   (format includes explain(), which the report builds lazily)
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entriesFromHar, parseHarText } from '../src/capture/har.ts';
import { exchangesFromEntries } from '../src/capture/index.ts';
import { buildReport } from '../src/cli/report.ts';
import { formatJson } from '../src/cli/format-json.ts';
import { generateHar } from './generate-har.ts';

const file = join(mkdtempSync(join(tmpdir(), 'stages-')), 'g.har');
writeFileSync(file, generateHar(10_000));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rows: Record<string, number[]> = {};
const time = <T>(name: string, f: () => T): T => { const t = cpu(); const r = f(); (rows[name] ??= []).push(cpu() - t); return r; };
for (let round = 0; round < 5; round++) {
  const text = time('read', () => readFileSync(file, 'utf8'));
  const parsed = time('parse', () => parseHarText(text));
  const { entries, skippedEntries } = time('entries', () => entriesFromHar(parsed));
  const exchanges = time('exchanges', () => exchangesFromEntries(entries));
  const report = time('diagnose', () => buildReport(exchanges, skippedEntries));
  time('format', () => formatJson(report).length);
}
for (const [k, v] of Object.entries(rows)) console.log(k.padEnd(10), v.sort((a, b) => a - b)[2]!.toFixed(0).padStart(6), 'ms');
