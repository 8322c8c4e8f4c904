// The extension only observes: every demo endpoint ends the same way in the page with the
// extension capturing the tab as in a browser without it.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { launchPlain, launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let plain: Browser;
let extended: ExtensionBrowser;

type Results = Record<string, { outcome: string; status?: number; error?: string }>;

async function runAll(page: Page): Promise<Results> {
  return page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Results> } }).demo.runAll());
}

beforeAll(async () => {
  demo = await startDemo();
  plain = await launchPlain();
  extended = await launchWithExtension();
});

afterAll(async () => {
  await plain?.close();
  await extended?.close();
  await demo?.close();
});

it('every endpoint has the same outcome with and without the extension', async () => {
  const plainPage = await plain.newPage();
  await plainPage.goto(`${demo.pageUrl}?manual`);
  const without = await runAll(plainPage);

  const page = await extended.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  const tabId = await tabIdOf(extended, page);
  await openPanelTab(extended, tabId);
  const withExtension = await runAll(page);
  // The capture really was on while the page ran.
  const captured = await waitFor(async () => {
    const all = await storedExchanges(extended, tabId);
    return all.filter((x) => !x.pending).length >= Object.keys(withExtension).length ? all : undefined;
  }, 'the capture of the run');
  expect(captured.length).toBe(Object.keys(withExtension).length);

  expect(Object.keys(without).length).toBeGreaterThan(20);
  expect(withExtension).toEqual(without);
  // And the gallery means what it says: broken endpoints fail, fixed ones succeed.
  for (const [key, result] of Object.entries(without)) expect(result.outcome, key).toBe(key.endsWith(':broken') ? 'failed' : 'allowed');
});
