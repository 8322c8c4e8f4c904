// Capture ends with DevTools: cookies and Authorization headers are not recorded behind the user's
// back once they closed the tool. Closing DevTools on a tab stops its capture and forgets what was
// captured; with "Keep capturing" (the panel's toolbar) it goes on until the tab closes.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { capturedTabs, launchWithExtension, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { startRealisticServers, type RealisticServers } from './helpers/realistic-api.ts';

let servers: RealisticServers;
let browser: ExtensionBrowser;
let devtools: DevtoolsDriver;

beforeAll(async () => {
  servers = await startRealisticServers();
  browser = await launchWithExtension({ devtools: true });
  devtools = await DevtoolsDriver.connect(browser);
  // The window's first tab has DevTools open too (--auto-open-devtools-for-tabs), and DevTools open
  // on a tab captures it: close that DevTools, so that the tabs below are the only ones captured.
  for (const page of browser.context.pages()) await devtools.closeFrontend(await devtools.frontendFor(page.url()));
  await waitFor(async () => ((await capturedTabs(browser)).length === 0 ? true : undefined), 'no tab captured');
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

const fetchItem = (page: Page, name: string) => page.evaluate((url) => fetch(url).then((r) => r.status), `${servers.apiOrigin}/item/${name}`);
const storedUrls = async (tabId: number) => (await storedExchanges(browser, tabId)).filter((x) => !x.pending).map((x) => new URL(x.exchange.hops[0]!.url).pathname);
const listening = async () => (await browser.serviceWorker()).evaluate(() => chrome.webRequest.onBeforeRequest.hasListeners());

/** A tab with DevTools open on it and the CORS panel shown (which starts the capture). */
async function inspectedTab(name: string): Promise<{ page: Page; tabId: number; frontend: string; panelFrame: string }> {
  const page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/?${name}`);
  const tabId = await tabIdOf(browser, page);
  const frontend = await devtools.frontendFor(page.url());
  await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await waitFor(async () => {
    for (const target of await devtools.targets()) {
      if (!target.url.startsWith(`chrome-extension://${browser.extensionId}/extension/panel.html`)) continue;
      const inspected = await devtools.evaluate<number>(target.targetId, 'chrome.devtools.inspectedWindow.tabId').catch(() => -1);
      if (inspected === tabId) return target.targetId;
    }
    return undefined;
  }, `the panel of tab ${tabId}`);
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the capture started by the panel');
  return { page, tabId, frontend, panelFrame };
}

it('stops capturing a tab, and forgets its capture, when its DevTools closes', async () => {
  const { page, tabId, frontend } = await inspectedTab('closing');
  expect(await fetchItem(page, 'before-close')).toBe(200);
  expect(await waitFor(async () => ((await storedUrls(tabId)).length === 1 ? storedUrls(tabId) : undefined), 'the first request stored')).toEqual(['/item/before-close']);

  await devtools.closeFrontend(frontend);
  expect(await waitFor(async () => ((await capturedTabs(browser)).includes(tabId) ? undefined : true), 'the capture stopped')).toBe(true);
  expect(await storedCapture(browser, tabId)).toBeNull();

  // Requests after DevTools closed are not captured: nothing is stored, no listener even runs.
  expect(await fetchItem(page, 'after-close')).toBe(200);
  expect(await waitFor(async () => ((await listening()) ? undefined : false), 'listeners removed')).toBe(false);
  expect(await capturedTabs(browser)).not.toContain(tabId);
  expect(await storedCapture(browser, tabId)).toBeNull();
  await page.close();
});

it('with "Keep capturing" on, captures after DevTools closed, until the tab closes', async () => {
  const { page, tabId, frontend, panelFrame } = await inspectedTab('keeping');
  // The toolbar's checkbox, as a person ticks it (the panel renders while its tab is in front).
  await waitFor(async () => {
    await page.bringToFront();
    const clicked = await devtools.evaluate<boolean>(
      panelFrame,
      `(() => { const box = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('Keep capturing'))?.querySelector('input'); if (!box) return false; if (!box.checked) box.click(); return true; })()`,
    );
    return clicked ? true : undefined;
  }, 'the Keep capturing checkbox');
  await waitFor(async () => ((await storedCapture(browser, tabId))?.settings.keepCapturing === true ? true : undefined), 'the setting stored');
  expect(await fetchItem(page, 'before-close')).toBe(200);

  await devtools.closeFrontend(frontend);
  // Closed: the frontend is gone, yet the capture goes on.
  await waitFor(async () => ((await devtools.targets()).some((t) => t.targetId === frontend) ? undefined : true), 'DevTools closed');
  expect(await fetchItem(page, 'after-close')).toBe(200);
  const urls = await waitFor(async () => ((await storedUrls(tabId)).length === 2 ? storedUrls(tabId) : undefined), 'both requests stored');
  expect(urls.sort()).toEqual(['/item/after-close', '/item/before-close']);
  expect(await capturedTabs(browser)).toContain(tabId);

  // The tab closes: its capture is forgotten.
  await page.close();
  expect(await waitFor(async () => ((await capturedTabs(browser)).includes(tabId) ? undefined : true), 'the capture ended with the tab')).toBe(true);
  expect(await storedCapture(browser, tabId)).toBeNull();
});
