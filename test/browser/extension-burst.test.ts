// A burst of 1,000 cross-origin requests: every one becomes an exchange in the panel.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { DemoServers } from '../../demo/server.ts';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { openPanelTab, storedCapture, storedExchanges, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

const COUNT = 1000;
let setup: DemoTab;
let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
let tabId: number;

beforeAll(async () => {
  setup = await openDemoTab();
  ({ demo, browser, page, tabId } = setup);
  panel = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
});

afterAll(() => setup?.close());

it(`captures all of ${COUNT} concurrent cross-origin requests`, async () => {
  const ok = await page.evaluate(
    async ({ api, count }) => {
      const results = await Promise.all(Array.from({ length: count }, (_, i) => fetch(`${api}/burst/${i}`).then((r) => r.ok, () => false)));
      return results.filter(Boolean).length;
    },
    { api: demo.apiOrigin, count: COUNT },
  );
  expect(ok).toBe(COUNT);

  const stored = await waitFor(async () => {
    const all = await storedExchanges(browser, tabId);
    return all.filter((x) => !x.pending).length >= COUNT ? all : undefined;
  }, `${COUNT} finished exchanges`, 60_000);
  const urls = new Set(stored.map((x) => x.exchange.hops[0]!.url));
  expect(urls.size).toBe(COUNT);
  expect(stored).toHaveLength(COUNT);

  // The panel's list is virtual; its size is in aria-setsize.
  const size = await waitFor(async () => {
    const value = await panel.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize')));
    return value === COUNT ? value : undefined;
  }, 'the panel listing every exchange', 60_000);
  expect(size).toBe(COUNT);
  expect((await storedCapture(browser, tabId))?.status.dropped).toBe(0);
});
