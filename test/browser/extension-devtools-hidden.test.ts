// A CORS panel DevTools hides (another panel shown) is sent nothing by the worker while hidden: the
// devtools page tells the panel (`ExtensionPanel.onHidden`), the panel tells the worker. Shown again,
// it gets what it missed at once, and lists every exchange.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { WorkerDebugGlobals } from '../../extension/service-worker.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

const COUNT = 200;
let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** The upserts the worker has sent to panels so far. */
async function upsertsSent(): Promise<number> {
  return (await browser.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorStats.upserts);
}

async function showPanel(devtools: DevtoolsDriver, frontend: string, panelId: string): Promise<void> {
  await devtools.evaluate(frontend, `(async () => { await (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)}); return true; })()`);
}

it('sends a hidden panel nothing, and everything once it is shown again', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const tabId = await tabIdOf(browser, page);
  const fetchAll = (from: number): Promise<number> =>
    page.evaluate(
      async ({ api, from, count }) => (await Promise.all(Array.from({ length: count }, (_, i) => fetch(`${api}/burst/${from + i}`).then((r) => r.ok, () => false)))).filter(Boolean).length,
      { api: demo.apiOrigin, from, count: COUNT },
    );
  const captured = (count: number) => waitFor(async () => ((await storedExchanges(browser, tabId)).filter((x) => !x.pending).length >= count ? true : undefined), `${count} exchanges captured`, 60_000);

  // Shown: the panel is sent the traffic.
  await page.bringToFront();
  await devtools.keepPanelShown(frontend, panelId);
  expect(await fetchAll(0)).toBe(COUNT);
  await captured(COUNT);
  await waitFor(async () => ((await upsertsSent()) > 0 ? true : undefined), 'an upsert to the shown panel');

  // Hidden behind the Network panel: the worker sends it nothing while the page goes on.
  await showPanel(devtools, frontend, 'network');
  expect(await devtools.selectedPanel(frontend)).toBe('network');
  // The panel's word reaches the worker a moment later: wait until the traffic of the shown panel is all sent.
  const before = await waitFor(async () => {
    const a = await upsertsSent();
    await new Promise((r) => setTimeout(r, 1000));
    return (await upsertsSent()) === a ? a : undefined;
  }, 'the upserts to settle');
  expect(await fetchAll(COUNT)).toBe(COUNT);
  await captured(2 * COUNT);
  await (await browser.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorSettled());
  expect(await upsertsSent()).toBe(before);

  // Shown again: every exchange is listed.
  await page.bringToFront();
  await showPanel(devtools, frontend, panelId);
  const size = await waitFor(async () => {
    const rows = await devtools.panelRows(panelFrame);
    return rows.length > 0 && Number(rows[0]!.size) === 2 * COUNT && rows.every((r) => r.verdict !== 'pending') ? Number(rows[0]!.size) : undefined;
  }, `${2 * COUNT} rows in the panel`, 60_000);
  expect(size).toBe(2 * COUNT);
  expect(await upsertsSent()).toBeGreaterThan(before);
});
