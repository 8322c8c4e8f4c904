// The usual path: the Console shows a CORS error, then the user opens the CORS panel. The capture
// starts when DevTools opens on the tab, whichever panel it shows, so the traffic made meanwhile is
// there (webRequest's, with preflights), its blocked count on the extension's badge; and when
// DevTools itself was opened after the traffic (in no log), the empty panel says why and reloads
// the page on a click, after which the rows are there.

import type { Page } from 'playwright';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
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

/** The empty panel once the panel page has told it whether the page loaded before the capture: that answer and the panel's text. */
function emptyPanel(devtools: DevtoolsDriver, frontend: string, panelId: string, panelFrame: string): Promise<{ said: string; text: string }> {
  return waitFor(async () => {
    await devtools.keepPanelShown(frontend, panelId);
    const said = await devtools.evaluate<string | null>(panelFrame, `document.querySelector('.cp-empty')?.dataset.pageLoaded ?? null`);
    const text = await devtools.evaluate<string>(panelFrame, 'document.body.innerText');
    if (said !== null) return { said, text };
    // Printed if the answer never comes: what the panel shows, and how the page answered its reads.
    const reads = await devtools.evaluate<unknown>(panelFrame, 'globalThis.corsInspectorPageStartReads ?? null');
    throw new Error(`not told yet; the page's answers to the panel: ${JSON.stringify(reads)}; the panel: ${JSON.stringify(text.slice(0, 300))}`);
  }, 'the empty panel, told when the page loaded');
}

/**
 * A single-page app's navigation (history.pushState: no page loads, the capture goes on), once the
 * panel page has told it from a new page's (DevTools' onNavigated fires for both).
 */
async function pushState(devtools: DevtoolsDriver, page: Page, panelFrame: string, path: string): Promise<void> {
  const seen = (): Promise<{ sameDocument: number; newDocument: number }> =>
    devtools.evaluate(panelFrame, `({ sameDocument: 0, newDocument: 0, ...globalThis.corsInspectorNavigations })`);
  const before = await seen();
  await page.evaluate((to) => history.pushState({}, '', to), path);
  const after = await waitFor(async () => {
    const now = await seen();
    return now.sameDocument > before.sameDocument ? now : undefined;
  }, 'the navigation within the page told apart');
  expect(after.newDocument).toBe(before.newDocument);
}

const isBlocked = (rows: Row[], url: string): boolean => rows.some((r) => r.label.includes(url) && r.verdict === 'blocked');

it('captures, preflights and all, the requests made while DevTools was open on another panel, and counts the blocked on the badge', async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true });
  const page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  const devtools = await DevtoolsDriver.connect(browser);
  // DevTools is open on the tab, showing its first panel (Elements): the CORS panel is not shown.
  const frontend = await devtools.frontendFor(page.url());
  const tabId = await tabIdOf(browser, page);
  // Opening DevTools started the capture (its devtools page runs before any panel is shown).
  await waitFor(async () => ((await capturedTabs(browser!)).includes(tabId) ? true : undefined), 'the capture started by DevTools opening');
  expect(await devtools.evaluate<string>(frontend, `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.selectedTabId)()`)).toBe('elements');

  const results = await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, unknown>> } }).demo.runAll());
  const runs = Object.keys(results).length;
  // webRequest saw them, before any CORS panel: the preflighted ones with their preflight paired.
  const crossOrigin = (x: CapturedExchange): boolean => !x.exchange.hops[0]!.url.startsWith(demo!.pageOrigin);
  const captured = await waitFor(async () => {
    const stored = (await storedExchanges(browser!, tabId)).filter((x) => crossOrigin(x) && !x.pending);
    return stored.length >= runs ? stored : undefined;
  }, 'the demo captured by webRequest');
  expect(new Set(captured.map((x) => x.source))).toEqual(new Set(['webRequest']));
  const notAllowed = captured.find((x) => x.exchange.hops[0]!.url.includes('/broken/header-not-allowed'));
  const preflightAsked = notAllowed?.exchange.hops[0]!.preflight?.requestHeaders.find(([name]) => name.toLowerCase() === 'access-control-request-headers');
  expect(preflightAsked?.[1].toLowerCase()).toBe('x-trace-id');

  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const rows = await rowsOnceListed(devtools, page, frontend, panelId, panelFrame, runs);
  expect(isBlocked(rows, `${demo.apiOrigin}/broken/missing-allow-origin.`)).toBe(true);
  // Each request once: what DevTools' log also holds is not listed a second time (the list is
  // virtual: its size, not its rendered rows, counts them).
  expect(Number(rows[0]!.size)).toBe(captured.length);

  // The badge of the tab counts the blocked requests, as the panel does.
  await devtools.evaluate(panelFrame, `[...document.querySelectorAll('label')].find((l) => l.textContent.includes('Blocked only')).querySelector('input').click()`);
  const blocked = await waitFor(async () => {
    await page.bringToFront();
    await devtools.keepPanelShown(frontend, panelId);
    const shown = await devtools.panelRows(panelFrame);
    return shown.length > 0 && shown.every((r) => r.verdict === 'blocked') ? Number(shown[0]!.size) : undefined;
  }, 'the blocked rows only');
  expect(blocked).toBeGreaterThan(0);
  const worker = await browser.serviceWorker();
  expect(await worker.evaluate((tab) => chrome.action.getBadgeText({ tabId: tab }), tabId)).toBe(String(blocked));
  expect(await worker.evaluate((tab) => chrome.action.getBadgeBackgroundColor({ tabId: tab }), tabId)).toEqual([217, 48, 37, 255]);

  // Closing DevTools ends the capture, and clears the badge with it.
  await devtools.closeFrontend(frontend);
  await waitFor(async () => ((await capturedTabs(browser!)).includes(tabId) ? undefined : true), 'the capture stopped');
  expect(await (await browser.serviceWorker()).evaluate((tab) => chrome.action.getBadgeText({ tabId: tab }), tabId)).toBe('');
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
  // The page loaded before the capture began (the panel page asked it when it started loading):
  // the empty panel says its requests from then could not be seen.
  const empty = await emptyPanel(devtools, frontend, panelId, panelFrame);
  expect(empty.said).toBe('before-capture');
  expect(empty.text).toContain('Nothing captured since DevTools opened');
  expect(empty.text).toContain('This page loaded before DevTools was opened: the requests it made then could not be seen. Reload it to capture them.');
  // The way out first: the Reload button right under the headline.
  expect(await devtools.evaluate<string>(panelFrame, `document.querySelector('.cp-empty-title').nextElementSibling.textContent`)).toBe('Reload page to capture');
  expect(await devtools.panelRows(panelFrame)).toEqual([]);

  // A single-page app's route change loads no page: its requests from before DevTools opened are
  // still unseen, and the panel still says so (it said "since this page loaded", and that the
  // capture saw it load).
  await pushState(devtools, page, panelFrame, '?route=orders');
  const pushed = await emptyPanel(devtools, frontend, panelId, panelFrame);
  expect(pushed.said).toBe('before-capture');
  expect(pushed.text).toContain('Nothing captured since DevTools opened');
  expect(pushed.text).toContain('This page loaded before DevTools was opened');
  expect(pushed.text).not.toContain('since this page loaded');

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

/** The demo, and DevTools open on a new tab (a page with no request) from the start, its capture started. */
async function devtoolsOnNewTab(): Promise<{ pageUrl: string; extensionId: string; page: Page; devtools: DevtoolsDriver }> {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true });
  const page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual&first`);
  const tabId = await tabIdOf(browser, page);
  const devtools = await DevtoolsDriver.connect(browser);
  await waitFor(async () => ((await capturedTabs(browser!)).includes(tabId) ? true : undefined), 'the capture started by DevTools opening');
  return { pageUrl: demo.pageUrl, extensionId: browser.extensionId, page, devtools };
}

it('open from the start on a page that made no cross-origin request: the empty panel says nothing was missed', async () => {
  // DevTools opened on the new tab and started its capture; only then does the page load.
  const { pageUrl, extensionId, page, devtools } = await devtoolsOnNewTab();
  await page.goto(`${pageUrl}?manual`);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, extensionId);
  const panelFrame = await devtools.extensionFrame(extensionId, 'extension/panel.html');
  const empty = await emptyPanel(devtools, frontend, panelId, panelFrame);
  expect(empty.said).toBe('after-capture');
  expect(empty.text).toContain('Nothing captured since DevTools opened');
  expect(empty.text).not.toContain('before DevTools was opened');
  // The capture saw the page load: a reload would only do again what it saw.
  expect(empty.text).toContain('The capture was on while this page loaded, and saw no cross-origin request.');
  expect(await devtools.evaluate<number>(panelFrame, `document.querySelectorAll('.cp-empty button').length`)).toBe(0);
  expect(await devtools.panelRows(panelFrame)).toEqual([]);
});

/** The empty panel once it says since when the list is empty (`since`): its text and whether it offers the reload. */
function emptySince(devtools: DevtoolsDriver, frontend: string, panelId: string, panelFrame: string, since: string): Promise<{ text: string; reload: boolean }> {
  return waitFor(async () => {
    await devtools.keepPanelShown(frontend, panelId);
    const shown = await devtools.evaluate<{ since: string | null; text: string; reload: boolean }>(
      panelFrame,
      `(() => { const empty = document.querySelector('.cp-empty'); return { since: empty?.dataset.listSince ?? null, text: empty?.innerText ?? '', reload: !!empty?.querySelector('button') }; })()`,
    );
    return shown.since === since ? shown : undefined;
  }, `the empty panel, since ${since}`);
}

it('after Clear the empty panel says the list was cleared, and after a new page with no request, that nothing came since it loaded', async () => {
  const { pageUrl, extensionId, page, devtools } = await devtoolsOnNewTab();
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, extensionId);
  const panelFrame = await devtools.extensionFrame(extensionId, 'extension/panel.html');
  // The demo runs every endpoint on load, with DevTools and the panel open.
  await page.goto(pageUrl);
  await page.waitForSelector('body[data-done="true"]', { state: 'attached' });
  const runs = await page.locator('output[data-outcome]').count();
  await rowsOnceListed(devtools, page, frontend, panelId, panelFrame, runs);

  // Clear: the requests were captured, then cleared; a reload makes the page's requests again.
  await devtools.evaluate(panelFrame, `document.querySelector('button[aria-label="Clear"]').click()`);
  const cleared = await emptySince(devtools, frontend, panelId, panelFrame, 'cleared');
  expect(cleared.text).toContain('List cleared');
  expect(cleared.text).toContain('Cross-origin requests the page makes from now on appear here as they happen.');
  expect(cleared.text).not.toContain('since DevTools opened');
  expect(cleared.reload).toBe(true);
  // A route change within the page after Clear: the list is still the cleared one, and the reload
  // still brings back the page's loading requests (nothing was loaded, nothing started over).
  await pushState(devtools, page, panelFrame, '#settings');
  const pushed = await emptySince(devtools, frontend, panelId, panelFrame, 'cleared');
  expect(pushed.text).toContain('List cleared');
  expect(pushed.reload).toBe(true);
  await devtools.evaluate(panelFrame, `[...document.querySelectorAll('button')].find((b) => b.textContent === 'Reload page to capture').click()`);
  await rowsOnceListed(devtools, page, frontend, panelId, panelFrame, runs);

  // A page that makes no request on load, Preserve log off: the capture started over with it and
  // saw its loading, so nothing is said of DevTools opening, and no reload is offered.
  await page.goto(`${pageUrl}?manual`);
  const loaded = await emptySince(devtools, frontend, panelId, panelFrame, 'page-loaded');
  expect(loaded.text).toContain('Nothing captured since this page loaded');
  expect(loaded.text).toContain('The capture was on while this page loaded, and saw no cross-origin request.');
  expect(loaded.text).not.toContain('DevTools');
  expect(loaded.reload).toBe(false);
  expect(await devtools.panelRows(panelFrame)).toEqual([]);
});
