// `npm run conformance -- FILE [FILE...] [--json]`
//
// Replays scenario files in Chromium and prints one line per run (id, browser, engine, ✓/✗), then
// `N passed, M failed`; exits 1 on any disagreement. With `--json`, stdout gets what Chromium did in
// the `public.observed.json` shape (lines and summary go to stderr), so a scenario author can record it.
// npm prints its own `> cors-inspector ...` banner on stdout: use `npm run -s conformance -- ... --json`
// or `--out OUT.json` (writes the same JSON to a file) to get clean JSON.
// `--har OUT.har` also writes the HAR built from the protocol events; `--events OUT.json` the events.

import { writeFile } from 'node:fs/promises';
import { launchChromium } from './chromium.ts';
import { describe } from './compare.ts';
import { loadScenarioFile, observedFile, runConformance, type RunResult } from './conformance.ts';
import { loadEngine } from './engine.ts';

function engineSummary(r: RunResult): string {
  const d = r.har?.diagnosis ?? r.cdp?.diagnosis;
  if (r.har === undefined && r.cdp === undefined) return 'engine: -';
  if (d === undefined) return 'engine: (none)';
  const tail = d.corsError === null ? '' : ` ${d.corsError}${d.failedParameter ? `(${d.failedParameter})` : ''}`;
  return `engine: ${d.verdict}${tail}`;
}

function line(r: RunResult): string {
  const b = r.record.browser;
  const run = r.record.scenario.repeat !== undefined && r.record.scenario.repeat > 1 ? `#${r.record.run + 1}` : '';
  const browser = `${b.outcome}${b.corsError === null ? '' : ` ${b.corsError}${b.failedParameter ? `(${b.failedParameter})` : ''}`}${b.preflight ? ' +preflight' : ''}`;
  const mark = r.disagreements.length === 0 ? '✓' : '✗';
  const head = `${mark} ${r.record.scenario.id}${run}  browser: ${browser}  ${engineSummary(r)}${r.record.timedOut ? '  (timed out)' : ''}`;
  return [head, ...r.disagreements.map((d) => `    ${describe(d)}`)].join('\n');
}

async function cli(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const files: string[] = [];
  let harOut: string | undefined;
  let eventsOut: string | undefined;
  let jsonOut: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') continue;
    if (a === '--har') harOut = argv[++i];
    else if (a === '--events') eventsOut = argv[++i];
    else if (a === '--out') jsonOut = argv[++i];
    else if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write('usage: npm run conformance -- FILE [FILE...] [--json] [--out OUT.json] [--har OUT] [--events OUT]\n');
    return 2;
  }
  const out = json ? process.stderr : process.stdout;
  const loaded = await Promise.all(files.map(async (path) => ({ path, file: await loadScenarioFile(path) })));
  const { engine, missing } = await loadEngine();
  if (engine === null) out.write(`(engine comparison off: missing ${missing.join(', ')})\n`);

  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  try {
    const results = await runConformance(browser, loaded, {
      engine,
      onRun: (r) => {
        if (r.disagreements.length === 0) passed++;
        else failed++;
        out.write(`${line(r)}\n`);
      },
    });
    if (harOut !== undefined) {
      const har = results.length === 1 ? results[0]?.har : results.map((r) => ({ file: r.file, har: r.har }));
      await writeFile(harOut, JSON.stringify(har, null, 1));
    }
    if (eventsOut !== undefined) {
      await writeFile(
        eventsOut,
        JSON.stringify(
          results.map((r) => ({ file: r.file, origins: r.record.origins, events: r.record.events })),
          null,
          1,
        ),
      );
    }
    const observed = `${JSON.stringify(observedFile(browser.version(), results), null, 1)}\n`;
    if (json) process.stdout.write(observed);
    if (jsonOut !== undefined) await writeFile(jsonOut, observed);
  } finally {
    await browser.close();
  }
  out.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await cli(process.argv.slice(2));
