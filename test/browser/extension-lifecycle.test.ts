// How long a tab's capture lasts: while a panel (here, the panel's tab) or DevTools holds it.
// Closing the last one stops it and forgets what it held, unless "Keep capturing" is on; then
// what happens meanwhile is still captured and shown when the panel reopens. Navigations clear
// the capture unless "Preserve log" is on.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { DemoServers } from '../../demo/server.ts';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { capturedTabs, openPanelTab, setCaptureSettings, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let setup: DemoTab;
let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

beforeAll(async () => {
  setup = await openDemoTab();
  ({ demo, browser, page, tabId } = setup);
});

afterAll(() => setup?.close());

type DemoWindow = { demo: { run(id: string, variant: string): Promise<unknown> } };
const run = (id: string, variant: string) => page.evaluate(([i, v]) => (window as unknown as DemoWindow).demo.run(i!, v!), [id, variant]);
const rowCount = (panel: Page) =>
  waitFor(async () => {
    const size = await panel.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize'))).catch(() => 0);
    return size > 0 ? size : undefined;
  }, 'panel rows');
const finished = (n: number) =>
  waitFor(async () => {
    const all = (await storedExchanges(browser, tabId)).filter((x) => !x.pending);
    return all.length === n ? all : undefined;
  }, `${n} stored exchanges`);

const listening = async () => (await browser.serviceWorker()).evaluate(() => chrome.webRequest.onBeforeRequest.hasListeners());

it('listens to webRequest only while some tab is captured', async () => {
  // No panel was ever opened: every page would pay for listeners that capture nothing.
  expect(await waitFor(async () => ((await listening()) ? undefined : false), 'no listeners')).toBe(false);
  const other = await browser.context.newPage();
  // A URL of its own: tabIdOf finds tabs by URL.
  await other.goto(`${demo.pageUrl}?manual&other`);
  const otherTab = await tabIdOf(browser, other);
  const panel = await openPanelTab(browser, otherTab);
  expect(await listening()).toBe(true);
  await panel.close();
  await other.close();
  // Its tab closed: nothing is captured any more.
  expect(await waitFor(async () => ((await capturedTabs(browser)).length === 0 ? true : undefined), 'the closed tab forgotten')).toBe(true);
  expect(await waitFor(async () => ((await listening()) ? undefined : false), 'listeners removed')).toBe(false);
});

it('stops capturing, and forgets the capture, when the last panel of the tab closes', async () => {
  const first = await openPanelTab(browser, tabId);
  await run('wrong-origin', 'broken');
  await finished(1);
  await first.close();
  expect(await waitFor(async () => ((await capturedTabs(browser)).includes(tabId) ? undefined : true), 'the capture stopped')).toBe(true);
  expect(await storedCapture(browser, tabId)).toBeNull();

  // Not captured: reopening starts a new, empty capture.
  await run('trailing-slash', 'broken');
  const again = await openPanelTab(browser, tabId);
  await run('wrong-origin', 'fixed');
  const stored = await finished(1);
  expect(stored.map((x) => x.exchange.hops[0]!.url)).toEqual([`${demo.apiOrigin}/fixed/wrong-origin`]);
  expect(await rowCount(again)).toBe(1);
  await again.close();
});

it('with "Keep capturing", goes on with the panel closed, and shows it all when reopened', async () => {
  const first = await openPanelTab(browser, tabId);
  await setCaptureSettings(first, tabId, { keepCapturing: true });
  await run('wrong-origin', 'broken');
  await run('wrong-origin', 'fixed');
  await finished(2);
  expect(await rowCount(first)).toBe(2);
  await first.close();

  await run('trailing-slash', 'broken');
  await finished(3);

  const again = await openPanelTab(browser, tabId);
  expect(await waitFor(async () => ((await rowCount(again)) === 3 ? 3 : undefined), 'three rows')).toBe(3);
  // Turned off again, the capture ends with its last panel.
  await setCaptureSettings(again, tabId, { keepCapturing: false });
  await again.close();
  expect(await waitFor(async () => ((await capturedTabs(browser)).includes(tabId) ? undefined : true), 'the capture stopped')).toBe(true);
});

it('clears on navigation without "Preserve log", keeps with it', async () => {
  const panel = await openPanelTab(browser, tabId);
  await page.reload();
  await finished(0);
  await run('origin-list', 'broken');
  await finished(1);

  await setCaptureSettings(panel, tabId, { preserveLog: true });
  await page.reload();
  await run('origin-list', 'fixed');
  const kept = await finished(2);
  expect(kept.map((x) => x.exchange.hops[0]!.url).sort()).toEqual([`${demo.apiOrigin}/broken/origin-list`, `${demo.apiOrigin}/fixed/origin-list`]);
  expect(await waitFor(async () => ((await rowCount(panel)) === 2 ? 2 : undefined), 'two rows')).toBe(2);
});
