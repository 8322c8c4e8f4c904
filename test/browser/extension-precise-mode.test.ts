// Precise mode: with the debugger attached, every captured exchange carries Chromium's own verdict
// (`Network.loadingFailed.corsErrorStatus`), and the engine's verdict on the webRequest capture
// agrees with it. The optional `debugger` permission is granted up front in a patched copy of
// the build: a permission prompt cannot be answered in a headless test.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { diagnose } from '../../src/cors/index.ts';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { launchWithExtension, openPanelTab, patchedDist, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
let tabId: number;
let dist: string;

beforeAll(async () => {
  demo = await startDemo();
  dist = patchedDist((manifest) => {
    manifest['permissions'] = [...(manifest['permissions'] as string[]), 'debugger'];
    delete manifest['optional_permissions'];
  });
  browser = await launchWithExtension({ dist });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
  panel = await openPanelTab(browser, tabId);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

it('attaches Chromium’s verdict to every exchange, and the engine agrees with it', async () => {
  // What the panel sends when the user turns precise mode on, on a port of its own.
  const status = await panel.evaluate(
    (tab) =>
      new Promise<{ preciseMode: boolean; problem?: string }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'cors-inspector-panel' });
        port.onMessage.addListener((message: { type: string; settings?: { preciseMode: boolean }; status?: { problem?: string } }) => {
          if (message.type === 'status') resolve({ preciseMode: message.settings!.preciseMode, problem: message.status?.problem });
        });
        port.postMessage({ source: 'cors-inspector-panel', type: 'subscribe', tabId: tab });
        port.postMessage({ source: 'cors-inspector-panel', type: 'set-settings', tabId: tab, settings: { preciseMode: true } });
      }),
    tabId,
  );
  expect(status).toEqual({ preciseMode: true, problem: undefined });

  const results = await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, unknown>> } }).demo.runAll());
  const runs = Object.keys(results).length;
  expect(runs).toBe(GALLERY.length * 2);
  const captured = await waitFor(async () => {
    const all = await storedExchanges(browser, tabId);
    const done = all.filter((x) => !x.pending && x.exchange.browserVerdict !== undefined);
    return done.length >= runs ? all : undefined;
  }, 'every exchange with a browser verdict');

  for (const { id, exchange } of captured) {
    const url = exchange.hops[0]!.url;
    const broken = url.includes('/broken/');
    const refused = url.includes('connection-refused') && broken;
    const verdict = exchange.browserVerdict;
    // Broken endpoints are CORS failures (but for the refused connection); fixed ones are not.
    expect(verdict === null ? null : verdict?.corsError ?? 'missing', `${id} ${url}`).toSatisfy((v: string | null) => (broken && !refused ? typeof v === 'string' && v !== 'missing' : v === null));
    expect(diagnose(exchange).corsError ?? null, url).toBe(verdict?.corsError ?? null);
  }
});
