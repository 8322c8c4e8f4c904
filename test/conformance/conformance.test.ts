// Every scenario file in test/scenarios/ replayed in one Chromium: one test per scenario run, failing
// on each disagreement — the engine with the browser on the HAR built from the run, the engine with
// the browser on the DevTools protocol events, and the browser with the file's `expect`.

import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { describe as describeDisagreement } from './compare.ts';
import { runConformance, type RunResult } from './conformance.ts';
import { loadEngine } from './engine.ts';
import { parseScenarioFile, runCount, type ScenarioFile } from './scenario-file.ts';

const dir = new URL('../scenarios/', import.meta.url);
const files: { path: string; file: ScenarioFile }[] = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({
    path: `test/scenarios/${name}`,
    file: parseScenarioFile(JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown, name),
  }));

const results = new Map<string, RunResult>();
const key = (path: string, id: string, run: number): string => `${path}#${id}#${run}`;
let browser: Browser | undefined;
let engineMissing: string[] = [];

beforeAll(async () => {
  const { engine, missing } = await loadEngine();
  engineMissing = missing;
  browser = await launchChromium();
  for (const f of await runConformance(browser, files, { engine })) {
    for (const r of f.runs) results.set(key(f.file, r.record.scenario.id, r.record.run), r);
  }
  // Each `page` file (13 Local Network Access files) launches a Chromium of its own.
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

it('has the engine to compare with the browser', () => {
  expect(engineMissing, 'engine comparison is off').toEqual([]);
});

for (const { path, file } of files) {
  describe(path, () => {
    for (const s of file.scenarios) {
      for (let run = 0; run < runCount(s); run++) {
        const name = runCount(s) > 1 ? `${s.id} (run ${run + 1})` : s.id;
        it(name, () => {
          const r = results.get(key(path, s.id, run));
          expect(r, 'the run was not recorded').toBeDefined();
          if (r === undefined) return;
          expect(r.record.timedOut, 'its protocol events did not settle in time').toBe(false);
          const messages = r.disagreements.map(describeDisagreement);
          expect(messages, `${s.id}: ${s.about ?? ''}`).toEqual([]);
        });
      }
    }
  });
}
