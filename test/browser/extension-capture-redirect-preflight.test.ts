// The extension's webRequest capture of a request that starts same-origin and is redirected to
// another origin, where Chromium preflights the new origin before the redirected request
// (test/scenarios/redirects-from-page.json): the capture must fold that OPTIONS into hop 1 of the
// request, and the engine then reach the verdict Chromium reached on the same scenario (the file's
// `expect`, which conformance.test.ts checks against Chromium's own DevTools-protocol verdict).

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { fetchInit } from '../conformance/record.ts';
import { hopUrl, parseScenarioFile, type ScenarioExpect } from '../conformance/scenario-file.ts';
import { startScenarioServers, type ScenarioServers } from '../conformance/servers.ts';
import { launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

const file = parseScenarioFile(JSON.parse(readFileSync(new URL('../scenarios/redirects-from-page.json', import.meta.url), 'utf8')) as unknown, 'redirects-from-page.json');
// The scenarios that redirect once, from the page's origin to api.
const scenarios = file.scenarios.filter((s) => s.hops.length === 2);

let servers: ScenarioServers;
let browser: ExtensionBrowser;
let captured: CapturedExchange[] = [];

beforeAll(async () => {
  servers = await startScenarioServers(file.scenarios);
  browser = await launchWithExtension();
  const page: Page = await browser.context.newPage();
  await page.goto(`${servers.origins.page}/`);
  await page.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
  const tabId = await tabIdOf(browser, page);
  await openPanelTab(browser, tabId);
  for (const s of scenarios) {
    await page.evaluate(([url, init]) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(url, init), [hopUrl(servers.origins, s, 0), fetchInit(s, servers.origins)] as const);
  }
  const firstUrls = new Set(scenarios.map((s) => hopUrl(servers.origins, s, 0)));
  captured = await waitFor(async () => {
    const mine = (await storedExchanges(browser, tabId)).filter((x) => firstUrls.has(x.exchange.hops[0]!.url) && !x.pending);
    return mine.length >= scenarios.length ? mine : undefined;
  }, `${scenarios.length} finished exchanges in the capture`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

it.each(scenarios.map((s) => [s.id, s] as const))('%s: the preflight at hop 1 is captured there, and the engine agrees with Chromium', (_id, s) => {
  const url = hopUrl(servers.origins, s, 0);
  const exchange = captured.find((x) => x.exchange.hops[0]!.url === url)?.exchange;
  expect(exchange, `captured ${url}`).toBeDefined();
  const expected = s.expect as ScenarioExpect;
  expect(exchange!.hops.map((h) => h.preflight !== undefined)).toEqual([false, expected.preflight]);
  const d = diagnose(exchange!);
  expect({ corsError: d.corsError, failedParameter: d.failedParameter, preflight: d.preflight.observed === 'sent', hop: d.preflight.hop }).toEqual({
    corsError: expected.corsError,
    failedParameter: expected.failedParameter,
    preflight: expected.preflight,
    hop: 1,
  });
});
