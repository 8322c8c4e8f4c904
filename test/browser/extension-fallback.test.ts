// Without host permission webRequest sees nothing of the page's traffic: the service worker says
// so (`CaptureStatus.fallback`), and the panel inside DevTools reads DevTools' own network log
// instead. The build is patched to withhold host permissions, as a user restricting site access would.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { diagnose } from '../../src/cors/index.ts';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, patchedDist, storedCapture, storedExchanges, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let dist: string;
let fallbackRows: { verdict: string | null; label: string }[] = [];

beforeAll(async () => {
  demo = await startDemo();
  dist = patchedDist((manifest) => {
    delete manifest['host_permissions'];
  });
  browser = await launchWithExtension({ dist, devtools: true });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

it('lists the exchanges from DevTools’ network log when webRequest cannot see them', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  // Without host permission the extension cannot read tab URLs: ask the panel which tab it inspects.
  const tabId = await devtools.evaluate<number>(panelFrame, 'chrome.devtools.inspectedWindow.tabId');
  await waitFor(
    async () => ((await storedCapture(browser, tabId))?.status.fallback === 'devtools-network' ? true : undefined),
    'the service worker reporting the fallback',
  );

  const results = await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, unknown>> } }).demo.runAll());
  expect(Object.keys(results)).toHaveLength(GALLERY.length * 2);

  const runs = GALLERY.length * 2;
  // The list is virtual (only the rows in view exist), and DevTools' window is small: the list's
  // size is in aria-setsize, and the rows in view are checked one by one.
  let lastSeen = '';
  const rows = await waitFor(async () => {
    // DevTools is docked in the page's tab: it is only visible (and the panel only renders) while
    // that tab is the active one.
    await page.bringToFront();
    await devtools.keepPanelShown(frontend, panelId);
    const found = await devtools.evaluate<{ verdict: string | null; label: string; size: string | null }[]>(
      panelFrame,
      `[...document.querySelectorAll('[role="option"]')].map((el) => ({ verdict: el.getAttribute('data-verdict'), label: el.getAttribute('aria-label') ?? '', size: el.getAttribute('aria-setsize') }))`,
    );
    const debug = await devtools.evaluate<unknown>(panelFrame, 'globalThis.corsInspectorFallback ?? null');
    const text = await devtools.evaluate<string>(panelFrame, `(document.body.innerText.match(/\\d+ requests?/) ?? [''])[0] + ' h=' + innerHeight + ' vis=' + document.visibilityState`);
    const frames = (await devtools.targets()).filter((t) => t.url.includes('/extension/panel.html')).map((t) => `${t.type}:${t.targetId.slice(0, 6)}`);
    const selected = await devtools.evaluate<string>(frontend, `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.selectedTabId)()`);
    lastSeen = `frames ${frames.join(',')} (using ${panelFrame.slice(0, 6)}), selected ${selected}; fallback ${JSON.stringify(debug)}; ${text}; ${found.length} rows, size ${found[0]?.size}, verdicts ${[...new Set(found.map((r) => r.verdict))].join('/')}`;
    // DevTools' log may list a request's failure before its OPTIONS preflight: until the preflight is
    // there to pair, such a row reads as a network error. Wait for the broken rows in view to settle
    // as blocked (a wrong verdict still fails, by this wait's timeout, with the verdicts seen).
    const settled = found.filter((r) => r.label.includes(`${demo.apiOrigin}/broken/`)).every((r) => r.verdict === 'blocked');
    return found.length > 0 && Number(found[0]!.size) >= runs && found.every((r) => r.verdict !== 'pending') && settled ? found : undefined;
  }, 'the rows from DevTools’ network log').catch(async (error: unknown) => {
    throw new Error(`${String(error)} (last seen: ${lastSeen}; ${await whatTheLogHolds(devtools, panelFrame)})`);
  });
  // webRequest really saw nothing: every row came from the fallback.
  expect(await storedExchanges(browser, tabId)).toEqual([]);
  const apiRows = rows.filter((r) => r.label.includes(`${demo.apiOrigin}/`));
  expect(apiRows.length).toBeGreaterThan(5);
  // Every broken endpoint in view is blocked, and simple fixed ones are allowed.
  for (const r of apiRows.filter((row) => row.label.includes('/broken/'))) expect(r.verdict, r.label).toBe('blocked');
  expect(rows.find((r) => r.label.includes(`${demo.apiOrigin}/fixed/missing-allow-origin.`))?.verdict ?? 'not in view').toBeOneOf(['allowed', 'not in view']);
  expect(rows.some((r) => r.label.includes(`${demo.apiOrigin}/broken/missing-allow-origin.`) && r.verdict === 'blocked')).toBe(true);
  fallbackRows = rows;
});

// In DevTools' log, requests the browser loads bypassing the cache carry `Cache-Control: no-cache`
// and `Pragma: no-cache` that the browser added after deciding on the preflight; the engine must not
// take them for headers the page set (src/cors/browser-added-headers.ts).
it('shows fixed preflighted endpoints as allowed, as Chromium did', () => {
  const fixedPreflighted = fallbackRows.filter((r) => /\/fixed\/(preflight-404|header-not-allowed|method-not-allowed)\./.test(r.label));
  expect(fixedPreflighted.length).toBeGreaterThan(0);
  for (const r of fixedPreflighted) expect(r.verdict, r.label).toBe('allowed');
});

// DevTools' onNavigated fires for a single-page app's route change (history.pushState) too, where
// no page loads: the fallback's list, like the service worker's capture, goes on; it starts over
// at a new page (Preserve log off).
it('keeps its list through a navigation within the page, and starts over at a new page', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const listed = async (): Promise<number> => {
    await page.bringToFront();
    await devtools.keepPanelShown(frontend, panelId);
    return Number((await devtools.evaluate<string | null>(panelFrame, `document.querySelector('[role="option"]')?.getAttribute('aria-setsize') ?? '0'`)) ?? 0);
  };
  const navigations = (): Promise<{ sameDocument: number; newDocument: number }> =>
    devtools.evaluate(panelFrame, `({ sameDocument: 0, newDocument: 0, ...globalThis.corsInspectorNavigations })`);
  const before = await listed();
  expect(before).toBeGreaterThanOrEqual(GALLERY.length * 2);
  const seen = await navigations();

  await page.evaluate(() => history.pushState({}, '', '?manual&route=orders'));
  await waitFor(async () => ((await navigations()).sameDocument > seen.sameDocument ? true : undefined), 'the navigation within the page told apart');
  expect((await navigations()).newDocument).toBe(seen.newDocument);
  expect(await listed()).toBe(before);

  await page.goto(`${demo.pageUrl}?manual`);
  await waitFor(async () => ((await navigations()).newDocument > seen.newDocument ? true : undefined), 'the new page');
  // The list starts over as the capture's does (capture-store.ts): at the new page's own request,
  // whichever DevTools told first, that request or the navigation.
  const documentLabel = `GET ${demo.pageUrl}?manual.`;
  let heldAfter = '';
  await waitFor(async () => {
    await listed();
    const labels = await devtools.evaluate<string[]>(panelFrame, `[...document.querySelectorAll('[role="option"]')].map((el) => el.getAttribute('aria-label') ?? '')`);
    heldAfter = `${labels.length} rows [${labels.join('; ')}]; navigations ${JSON.stringify(await navigations())}; fallback ${JSON.stringify(await devtools.evaluate<unknown>(panelFrame, 'globalThis.corsInspectorFallback ?? null'))}`;
    return labels.length === 1 && labels[0]!.includes(documentLabel) ? true : undefined;
  }, 'the list started over at the new page’s own request').catch((error: unknown) => {
    throw new Error(`${String(error)} (last seen: ${heldAfter})`);
  });
});

/**
 * For a failure message: DevTools' own log read again and judged here, beside what the panel shows,
 * so a failure says whether the log, the pairing or the panel went wrong. Each API exchange: its
 * verdict here, whether it has a preflight, and the times of its entries.
 */
async function whatTheLogHolds(devtools: DevtoolsDriver, panelFrame: string): Promise<string> {
  try {
    const entries = await devtools.evaluate<unknown[]>(
      panelFrame,
      'new Promise((resolve) => chrome.devtools.network.getHAR((har) => resolve(JSON.parse(JSON.stringify(har.entries)))))',
    );
    const times = entries.map((raw) => {
      const entry = raw as { request: { method: string; url: string }; startedDateTime: string; time: number; response: { status: number }; _resourceType?: string };
      return `${entry.request.method} ${new URL(entry.request.url).pathname} ${entry._resourceType ?? ''} ${entry.startedDateTime.slice(17)} +${Math.round(entry.time)}ms ${entry.response.status}`;
    });
    const judged = exchangesFromHar({ log: { version: '1.2', creator: { name: 'DevTools', version: '' }, entries } })
      .filter((exchange) => exchange.hops[0]?.url.startsWith(demo.apiOrigin) ?? false)
      .map((exchange) => `${new URL(exchange.hops[0]!.url).pathname} ${diagnose(exchange).verdict}${exchange.hops[0]!.preflight ? ' (preflight)' : ''}`);
    return `the log: ${entries.length} entries [${times.join('; ')}]; judged from it here: [${judged.join('; ')}]`;
  } catch (error) {
    return `the log could not be read again: ${String(error)}`;
  }
}
