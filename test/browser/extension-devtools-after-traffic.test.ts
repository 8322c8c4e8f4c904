// The usual path: the Console shows a CORS error, then the user opens the CORS panel. The capture
// starts when the panel is first shown, so what came before is read from DevTools' own network log;
// and when DevTools itself was opened after the traffic (nothing in its log either), the empty
// panel says why and reloads the page on a click, after which the rows are there.

import type { Page } from 'playwright';
import { afterEach, expect, it } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { capturedTabs, launchWithExtension, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers | undefined;
let browser: ExtensionBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  await demo?.close();
  browser = undefined;
  demo = undefined;
});

type Row = Awaited<ReturnType<DevtoolsDriver['panelRows']>>[number];

/** The panel's rows once it lists at least `count` settled exchanges (DevTools renders it only while its tab is in front). */
function rowsOnceListed(devtools: DevtoolsDriver, page: Page, frontend: string, panelId: string, panelFrame: string, count: number): Promise<Row[]> {
  return waitFor(
    async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      const rows = await devtools.panelRows(panelFrame);
      return rows.length > 0 && Number(rows[0]!.size) >= count && rows.every((r) => r.verdict !== 'pending') ? rows : undefined;
    },
    `${count} rows in the CORS panel`,
    60_000,
  );
}

const isBlocked = (rows: Row[], url: string): boolean => rows.some((r) => r.label.includes(url) && r.verdict === 'blocked');

it('shows the requests made while DevTools was open, before the CORS panel was first shown', async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true });
  const page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  const devtools = await DevtoolsDriver.connect(browser);
  // DevTools is open on the tab (and recording its network log) before the page's requests.
  const frontend = await devtools.frontendFor(page.url());
  const tabId = await tabIdOf(browser, page);

  const results = await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, unknown>> } }).demo.runAll());
  const runs = Object.keys(results).length;
  // The CORS panel was never shown: nothing captured them.
  expect(await capturedTabs(browser)).not.toContain(tabId);

  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const rows = await rowsOnceListed(devtools, page, frontend, panelId, panelFrame, runs);
  expect(isBlocked(rows, `${demo.apiOrigin}/broken/missing-allow-origin.`)).toBe(true);
  // They came from DevTools' log: the capture, started by the panel, saw none of them.
  const captured = await storedExchanges(browser, tabId);
  expect(captured.filter((x) => x.exchange.hops[0]!.url.startsWith(demo!.apiOrigin))).toEqual([]);
});

it('opened after the traffic, the empty panel explains and reloads the page, then lists its requests', async () => {
  demo = await startDemo();
  browser = await launchWithExtension();
  const page = await browser.context.newPage();
  // The demo runs every endpoint on load, with no DevTools open.
  await page.goto(demo.pageUrl);
  await page.waitForSelector('body[data-done="true"]', { state: 'attached' });
  const runs = await page.locator('output[data-outcome]').count();
  const tabId = await tabIdOf(browser, page);

  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.openFrontend(page);
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const empty = await waitFor(async () => {
    await devtools.keepPanelShown(frontend, panelId);
    const text = await devtools.evaluate<string>(panelFrame, 'document.body.innerText');
    return text.includes('No cross-origin requests yet') ? text : undefined;
  }, 'the empty panel');
  expect(empty).toContain('Requests made before DevTools was opened could not be seen');
  expect(await devtools.panelRows(panelFrame)).toEqual([]);

  await devtools.evaluate(panelFrame, `[...document.querySelectorAll('button')].find((b) => b.textContent === 'Reload page to capture').click()`);
  const rows = await rowsOnceListed(devtools, page, frontend, panelId, panelFrame, runs);
  expect(isBlocked(rows, `${demo.apiOrigin}/broken/missing-allow-origin.`)).toBe(true);
  // The reload ran the demo again, and the capture saw it.
  const captured = await waitFor(async () => {
    const stored = (await storedExchanges(browser!, tabId)).filter((x) => !x.pending && !x.exchange.hops[0]!.url.startsWith(demo!.pageOrigin));
    return stored.length >= runs ? stored : undefined;
  }, 'the reloaded page captured');
  expect(captured.length).toBeGreaterThanOrEqual(runs);
});
