// `--browser firefox` on a Chromium capture of the redirects where the two browsers part: the
// request's new origin after a redirect that changed the method or removed the page's CORS-unsafe
// headers. Chromium sends no preflight there (its HAR has none); Firefox ESR 153 does and, the
// server having no OPTIONS route, blocks (recorded: redirects-from-page.json's `about` texts, and
// firefox-conformance.test.ts on Firefox's own HAR). The engine's Firefox profile, reading Chromium's
// HAR, must not say "allowed" there: it says the capture holds no answer to Firefox's preflight
// (FIREFOX_RULES.preflightCarriedAcrossRedirects), unless the response Chromium's capture holds
// there fails the CORS check Firefox runs on it too: whatever the unseen preflight answered, Firefox
// blocks then (src/cors/fetch/main-fetch.ts, replayFetch). Where the browsers do the same, it gives
// Chromium's outcome.

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnoseInFirefox, firefoxVerdictOf, type ObservedExchange } from '../../src/cors/index.ts';
import { launchChromium } from './chromium.ts';
import { runConformance, type RunResult } from './conformance.ts';
import { loadEngine } from './engine.ts';
import { parseScenarioFile, type ScenarioExpect, type ScenarioFile } from './scenario-file.ts';

const load = (name: string): ScenarioFile => parseScenarioFile(JSON.parse(readFileSync(new URL(`../scenarios/${name}`, import.meta.url), 'utf8')) as unknown, name);
const fromPage = load('redirects-from-page.json');
const redirects = load('redirects.json');
const files = [
  { path: 'test/scenarios/redirects-from-page.json', file: fromPage },
  {
    path: 'test/scenarios/redirects.json',
    file: { ...redirects, scenarios: redirects.scenarios.filter((s) => s.id === 'redirect-authorization-dropped-cross-origin' || s.id === 'redirect-preflighted-put-303-becomes-get') },
  },
];

/** Where Firefox ESR 153 preflights the next URL and Chromium does not (both files' recordings). */
const FIREFOX_PREFLIGHTS_MORE = new Set([
  'redirect-from-page-authorization-302-dropped',
  'redirect-from-page-post-json-303-ok',
  'redirect-from-page-post-json-303-no-cors',
  'redirect-from-page-post-json-302-ok',
  'redirect-from-page-post-json-301-ok',
  'redirect-authorization-dropped-cross-origin',
  'redirect-preflighted-put-303-becomes-get',
]);

/**
 * Of those, where the next URL's response (in Chromium's capture) has no Access-Control-Allow-Origin:
 * Firefox ESR 153 blocked, its reason CORSMissingAllowOrigin (its preflight's, a 405 without CORS
 * headers; the response would have failed on the same header).
 */
const BLOCKED_WHATEVER_THE_PREFLIGHT = new Set(['redirect-from-page-post-json-303-no-cors']);

const runs: RunResult[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  const { engine } = await loadEngine();
  browser = await launchChromium();
  for (const f of await runConformance(browser, files, { engine })) runs.push(...f.runs);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

it('records every scenario of the two files it replays', () => {
  expect(runs.length).toBe(fromPage.scenarios.length + 2);
});

for (const { file } of files) {
  for (const s of file.scenarios) {
    it(s.id, () => {
      const run = runs.find((r) => r.record.scenario.id === s.id);
      const exchange = run?.har?.exchange;
      expect(exchange, 'the exchange in Chromium\'s HAR').toBeDefined();
      const verdict = firefoxVerdictOf(exchange!);
      if (BLOCKED_WHATEVER_THE_PREFLIGHT.has(s.id)) {
        expect(FIREFOX_PREFLIGHTS_MORE.has(s.id)).toBe(true);
        expect(exchange!.hops.slice(1).some((h) => h.preflight !== undefined)).toBe(false);
        expect(verdict).toMatchObject({ outcome: 'blocked', reason: 'CORSMissingAllowOrigin' });
        expect(diagnoseInFirefox(exchange!).preflightUnanswered).toBeUndefined();
      } else if (FIREFOX_PREFLIGHTS_MORE.has(s.id)) {
        // Chromium sent no preflight to the next URL: nothing there answers Firefox's.
        expect(exchange!.hops.slice(1).some((h) => h.preflight !== undefined)).toBe(false);
        expect(verdict.outcome).toBe('uncertain');
        expect(diagnoseInFirefox(exchange!).preflightUnanswered).toBe(true);
      } else {
        // Once under CI load (session 30): 'uncertain' for redirect-from-page-put-307-no-options. The
        // HAR builder started hop 1 at hop 0's wall time plus the monotonic time since, which under
        // load put it after its own preflight, so the pairing left that preflight out
        // (har-builder.test.ts, "on a run recorded under load"). The hops as captured show such a miss.
        expect(verdict.outcome, JSON.stringify(hopsAsCaptured(exchange!))).toBe((s.expect as ScenarioExpect).outcome);
      }
    });
  }
}

/** What the engine was given at each hop: the URL, the preflight's status (or none), the response's. */
function hopsAsCaptured(exchange: ObservedExchange): unknown {
  return exchange.hops.map((hop) => ({
    url: hop.url,
    preflight: hop.preflight === undefined ? 'none' : (hop.preflight.response?.status ?? hop.preflight.networkError ?? 'no answer'),
    response: hop.response?.status ?? null,
  }));
}
