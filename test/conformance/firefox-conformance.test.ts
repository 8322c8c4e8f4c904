// Every scenario file in test/scenarios/ replayed in one Firefox ESR (WebDriver BiDi): one test per
// scenario run, failing on each disagreement of the engine's Firefox profile (FIREFOX_RULES, on the
// HAR Firefox DevTools exported for the file) with Firefox itself (its outcome, its console reason
// and every CORS error it logged, its CORS warnings, whether a preflight went out).
//
// Not replayed here: the Local Network Access files (a `page` object). They serve the page under a
// public host name and address space through Chromium-only switches (--host-resolver-rules,
// --ip-address-space-overrides), and Firefox's own LNA (network.lna.*) prompts the user where
// Chromium refuses. firefox-lna.test.ts replays those Firefox can reproduce, with Firefox's own
// switches (the page counted public by pref, the prompt timed out or the permission granted), and
// says why the others are not.
// The scenario files' `expect` is Chromium's: it is not checked here.

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFirefoxFile, type FirefoxComparison } from './firefox-compare.ts';
import { launchFirefox, type LaunchedFirefox } from './firefox.ts';
import { recordFileInFirefox } from './firefox-record.ts';
import { parseScenarioFile, runCount, type ScenarioFile } from './scenario-file.ts';

const dir = new URL('../scenarios/', import.meta.url);
const files: { path: string; file: ScenarioFile }[] = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ path: `test/scenarios/${name}`, file: parseScenarioFile(JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown, name) }))
  .filter(({ file }) => file.page === undefined);

/**
 * What Firefox's HAR cannot tell, so no engine can: a redirect under redirect mode "error" is
 * listed exactly as one under "manual" (the 3xx with its headers, then nothing; no error field, no
 * `_` field, no initiator, the same timings; recorded from ESR 153), and the page's redirect mode
 * is not in the HAR. Chromium's capture marks "error" with net::ERR_FAILED, Firefox's with nothing:
 * the engine's Firefox profile says it cannot tell (`uncertain`, FIREFOX_RULES
 * .redirectModeErrorLeavesErrorText) rather than guess either. A failed CORS check on the 3xx is
 * still judged (redirect-mode-manual-no-acao agrees). Listed so the test fails if either starts to
 * agree (then remove it) or disagrees any other way.
 */
const HAR_CANNOT_TELL: Readonly<Record<string, string>> = {
  'redirect-mode-error': 'outcome firefox=network-error engine=uncertain',
  'redirect-mode-manual': 'outcome firefox=allowed engine=uncertain',
};

const results = new Map<string, FirefoxComparison>();
const key = (path: string, id: string, run: number): string => `${path}#${id}#${run}`;
let firefox: LaunchedFirefox | undefined;

beforeAll(async () => {
  firefox = await launchFirefox();
  const tab = (await firefox.browser.pages())[0] ?? (await firefox.browser.newPage());
  for (const { path, file } of files) {
    for (const c of compareFirefoxFile(await recordFileInFirefox(firefox, tab, file))) results.set(key(path, c.run.scenario.id, c.run.run), c);
  }
}, 600_000);

afterAll(async () => {
  await firefox?.close();
});

it('replays every scenario file without a page object', () => {
  expect(files.length).toBeGreaterThan(10);
});

for (const { path, file } of files) {
  describe(path, () => {
    for (const s of file.scenarios) {
      for (let run = 0; run < runCount(s); run++) {
        it(runCount(s) > 1 ? `${s.id} (run ${run + 1})` : s.id, () => {
          const c = results.get(key(path, s.id, run));
          expect(c, 'the run was not recorded').toBeDefined();
          const known = HAR_CANNOT_TELL[s.id];
          expect(c?.disagreements.join('; '), `${s.id}: ${s.about ?? ''}`).toBe(known ?? '');
        });
      }
    }
  });
}
