// MV3 stops the service worker whenever it likes. Nothing captured before the stop, during it
// (a request in flight), or after it may be lost, and the panel must show all of it.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { stopExtensionServiceWorker } from './helpers/service-worker.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
let tabId: number;

type DemoWindow = { demo: { run(id: string, variant: string): Promise<unknown> } };

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
  panel = await openPanelTab(browser, tabId);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const ids = GALLERY.map((e) => e.id);
const finished = async (n: number) => {
  const all = await storedExchanges(browser, tabId);
  return all.filter((x) => !x.pending).length >= n ? all : undefined;
};

it('keeps what was captured before, during and after the worker was stopped', async () => {
  // Before: every broken endpoint, plus one request that will still be in flight at the stop.
  await page.evaluate(async (list) => {
    const w = window as unknown as DemoWindow;
    for (const id of list) await w.demo.run(id, 'broken');
  }, ids);
  const slowUrl = `${demo.apiOrigin}/slow/3000`;
  await page.evaluate((url) => {
    (window as unknown as { slow: Promise<string> }).slow = fetch(url).then((r) => r.text());
  }, slowUrl);
  const before = await waitFor(async () => {
    const all = await finished(ids.length);
    return all?.some((x) => x.pending && x.exchange.hops[0]!.url === slowUrl) ? all : undefined;
  }, 'the first half stored, the slow request in flight');
  expect(before.filter((x) => !x.pending)).toHaveLength(ids.length);

  const worker = await browser.serviceWorker();
  await worker.evaluate(() => ((self as unknown as { marker: number }).marker = 1));
  await stopExtensionServiceWorker(browser, panel);

  // After: every fixed endpoint; and the slow request ends.
  await page.evaluate(async (list) => {
    const w = window as unknown as DemoWindow & { slow: Promise<string> };
    for (const id of list) await w.demo.run(id, 'fixed');
    await w.slow;
  }, ids);

  const all = await waitFor(() => finished(ids.length * 2 + 1), 'everything stored after the restart');
  // It really is a new worker (the old one's globals are gone).
  const restarted = await browser.serviceWorker();
  expect(await restarted.evaluate(() => (self as unknown as { marker?: number }).marker)).toBeUndefined();

  const urls = all.map((x) => x.exchange.hops[0]!.url);
  for (const id of ids) {
    for (const variant of ['broken', 'fixed']) {
      const endpoint = GALLERY.find((e) => e.id === id)!;
      const url = endpoint.target?.(demo, variant as 'broken' | 'fixed') ?? `${demo.apiOrigin}/${variant}/${id}`;
      expect(urls.filter((u) => u === url), url).toHaveLength(1);
    }
  }
  const slow = all.find((x) => x.exchange.hops[0]!.url === slowUrl)!;
  expect(slow.pending).toBeFalsy();
  expect(slow.exchange.hops[0]!.response?.status).toBe(200);
  expect(slow.exchange.hops[0]!.response?.headers.some(([n]) => n.toLowerCase() === 'access-control-allow-origin')).toBe(true);

  // The panel reconnected to the new worker and lists all of it.
  const size = await waitFor(async () => {
    const value = await panel.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize')));
    return value === ids.length * 2 + 1 ? value : undefined;
  }, 'the panel listing every exchange');
  expect(size).toBe(ids.length * 2 + 1);
});
