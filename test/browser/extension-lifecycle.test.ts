// The capture outlives the panel: closing DevTools (here, the panel's tab) loses nothing, and what
// happens meanwhile is still captured. Navigations clear it unless "Preserve log" is on.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { DemoServers } from '../../demo/server.ts';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

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

/** Send a settings change as the panel's toolbar does, on a port of its own. */
async function setSettings(panel: Page, settings: Record<string, boolean>): Promise<void> {
  await panel.evaluate(
    ([tab, wanted]) =>
      new Promise<void>((resolve) => {
        const port = chrome.runtime.connect({ name: 'cors-inspector-panel' });
        port.onMessage.addListener((message: { type: string }) => {
          if (message.type === 'status') {
            port.disconnect();
            resolve();
          }
        });
        port.postMessage({ source: 'cors-inspector-panel', type: 'subscribe', tabId: tab });
        port.postMessage({ source: 'cors-inspector-panel', type: 'set-settings', tabId: tab, settings: wanted });
      }),
    [tabId, settings] as const,
  );
}

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
  const tabsLeft = async () => (await browser.serviceWorker()).evaluate(() => (self as unknown as { corsInspectorTabs(): number[] }).corsInspectorTabs());
  expect(await waitFor(async () => ((await tabsLeft()).length === 0 ? true : undefined), 'the closed tab forgotten')).toBe(true);
  expect(await waitFor(async () => ((await listening()) ? undefined : false), 'listeners removed')).toBe(false);
});

it('keeps capturing with the panel closed, and shows it all when reopened', async () => {
  const first = await openPanelTab(browser, tabId);
  await run('wrong-origin', 'broken');
  await run('wrong-origin', 'fixed');
  await finished(2);
  expect(await rowCount(first)).toBe(2);
  await first.close();

  await run('trailing-slash', 'broken');
  await finished(3);

  const again = await openPanelTab(browser, tabId);
  expect(await waitFor(async () => ((await rowCount(again)) === 3 ? 3 : undefined), 'three rows')).toBe(3);
  await again.close();
});

it('clears on navigation without "Preserve log", keeps with it', async () => {
  const panel = await openPanelTab(browser, tabId);
  await page.reload();
  await finished(0);
  await run('origin-list', 'broken');
  await finished(1);

  await setSettings(panel, { preserveLog: true });
  await page.reload();
  await run('origin-list', 'fixed');
  const kept = await finished(2);
  expect(kept.map((x) => x.exchange.hops[0]!.url).sort()).toEqual([`${demo.apiOrigin}/broken/origin-list`, `${demo.apiOrigin}/fixed/origin-list`]);
  expect(await waitFor(async () => ((await rowCount(panel)) === 2 ? 2 : undefined), 'two rows')).toBe(2);
});
