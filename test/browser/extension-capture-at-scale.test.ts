// 20,000 cross-origin requests in one tab, each with the ~1.5 KB of headers real traffic has: all of
// them are kept within the browser's storage quotas (storage.session's 10 MB held only the first
// few thousand), and all of them survive the service worker being stopped.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { WorkerDebugGlobals } from '../../extension/service-worker.ts';
import { launchWithExtension, openPanelTab, setCaptureSettings, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { startRealisticServers, type RealisticServers } from './helpers/realistic-api.ts';
import { stopExtensionServiceWorker } from './helpers/service-worker.ts';

const COUNT = 20_000;
/** Fetches in flight at once: the page's batches (Chromium queues beyond 6 per host anyway). */
const BATCH = 250;

let servers: RealisticServers;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

beforeAll(async () => {
  servers = await startRealisticServers();
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/`);
  tabId = await tabIdOf(browser, page);
  // The capture is started by a panel and kept with "Keep capturing" while the panel is closed:
  // this measures the capture, not the panel re-sorting a growing list on every batch.
  const panel = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  await setCaptureSettings(panel, tabId, { keepCapturing: true });
  await panel.close();
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

interface StoredSummary {
  stored: number;
  finished: number;
  /** URLs of the page's requests that are not in the stored capture. */
  missing: number;
  dropped: number;
  problem: string | null;
  /** Average JSON size of a stored exchange. */
  bytesEach: number;
}

/** What the worker's log (IndexedDB, decrypted) holds for the tab, summed up inside the worker. */
async function storedSummary(): Promise<StoredSummary | null> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(
    async ({ tab, api, count }) => {
      const stored = await (self as unknown as WorkerDebugGlobals).corsInspectorStored(tab);
      if (!stored) return null;
      const urls = new Set(stored.exchanges.map((x) => x.exchange.hops[0]?.url));
      let missing = 0;
      for (let i = 0; i < count; i++) if (!urls.has(`${api}/item/${i}`)) missing++;
      return {
        stored: stored.exchanges.length,
        finished: stored.exchanges.filter((x) => !x.pending).length,
        missing,
        dropped: stored.status.dropped,
        problem: stored.status.problem ?? null,
        bytesEach: Math.round(stored.exchanges.reduce((sum, x) => sum + JSON.stringify(x).length, 0) / Math.max(1, stored.exchanges.length)),
      };
    },
    { tab: tabId, api: servers.apiOrigin, count: COUNT },
  );
}

/** Each phase's time, printed as it ends (the whole file must stay within a few minutes). */
function phases(): (name: string) => number {
  let last = Date.now();
  return (name) => {
    const ms = Date.now() - last;
    last = Date.now();
    console.info(`${name}: ${(ms / 1000).toFixed(1)} s`);
    return ms;
  };
}

it(`keeps all of ${COUNT.toLocaleString('en-US')} exchanges of one tab through a service-worker stop, within quota`, { timeout: 300_000 }, async () => {
  const phase = phases();
  await page.bringToFront();
  const ok = await page.evaluate(
    async ({ api, count, batch }) => {
      let ok = 0;
      for (let start = 0; start < count; start += batch) {
        const results = await Promise.all(
          // Each body read to its end: a renderer holding ~16k unread responses stops fetching.
          Array.from({ length: Math.min(batch, count - start) }, (_, k) =>
            fetch(`${api}/item/${start + k}`).then(
              (r) => r.text().then(() => r.ok),
              () => false,
            ),
          ),
        );
        ok += results.filter(Boolean).length;
      }
      return ok;
    },
    { api: servers.apiOrigin, count: COUNT, batch: BATCH },
  );
  phase(`${COUNT} fetches`);
  expect(ok).toBe(COUNT);

  // Everything written to the log; polled every few seconds (each read decrypts the whole log).
  const before = await waitFor(
    async () => {
      const summary = await storedSummary();
      if (summary && summary.finished < COUNT) await new Promise((r) => setTimeout(r, 2_000));
      return summary && summary.finished === COUNT ? summary : undefined;
    },
    `${COUNT} finished exchanges in the log`,
    120_000,
  );
  phase('all of them in the log');
  expect(before).toMatchObject({ stored: COUNT, missing: 0, dropped: 0, problem: null });

  // The panel opens on the whole capture; then the worker stops.
  const panel = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  const worker = await browser.serviceWorker();
  await worker.evaluate(() => ((self as unknown as { marker: number }).marker = 1));
  await stopExtensionServiceWorker(browser, panel);
  phase('a panel opened on them, the worker stopped');

  // A new worker reads the log back (it is a new one: the old one's globals are gone)...
  const restarted = await browser.serviceWorker();
  expect(await restarted.evaluate(() => (self as unknown as { marker?: number }).marker)).toBeUndefined();
  await restarted.evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorSettled());
  expect(await restarted.evaluate((tab) => (self as unknown as WorkerDebugGlobals).corsInspectorTabs().includes(tab), tabId)).toBe(true);
  phase('a new worker read the log back');
  // ...and a panel opened now (nothing in it from before the stop) lists every exchange.
  const fresh = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  const size = await waitFor(
    async () => {
      const value = await fresh.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize')));
      return value === COUNT ? value : undefined;
    },
    'a new panel listing every exchange after the restart',
    120_000,
  );
  expect(size).toBe(COUNT);
  phase('a new panel listing them all');
  const after = await storedSummary();
  expect(after).toMatchObject({ stored: COUNT, finished: COUNT, missing: 0, dropped: 0, problem: null });

  // Within the quotas: the log is in IndexedDB, storage.session holds only the key.
  const usage = await restarted.evaluate(async () => ({ estimate: await navigator.storage.estimate(), session: await chrome.storage.session.getBytesInUse(null) }));
  expect(usage.estimate.usage ?? 0).toBeLessThan(usage.estimate.quota ?? 0);
  expect(usage.session).toBeLessThan(1_000);
  console.info(`${before.bytesEach} B of JSON an exchange; IndexedDB usage ${Math.round((usage.estimate.usage ?? 0) / 1e6)} MB of ${Math.round((usage.estimate.quota ?? 0) / 1e6)} MB`);
});
