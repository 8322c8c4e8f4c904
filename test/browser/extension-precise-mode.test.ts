// Precise mode: with the debugger attached, every captured exchange carries Chromium's own verdict
// (`Network.loadingFailed.corsErrorStatus`), and the engine's verdict on the webRequest capture
// agrees with it. This is the precise build (`dist-precise/`), as a person installs it: its
// `debugger` permission is granted at install, so turning precise mode on asks for nothing.
// Chromium takes that manifest without an error, where a `debugger` listed as optional is dropped
// with one (why the default build has no `debugger` at all: scripts/precise-manifest.ts).

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { diagnose } from '../../src/cors/index.ts';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DIST_PRECISE, launchWithExtension, manifestErrors, openPanelTab, patchedDist, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
let tabId: number;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ dist: DIST_PRECISE });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
  panel = await openPanelTab(browser, tabId);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

it('is the precise build: `debugger` is a permission granted at install', () => {
  const manifest = JSON.parse(readFileSync(join(DIST_PRECISE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(manifest['permissions']).toContain('debugger');
  expect(manifest).not.toHaveProperty('optional_permissions');
  expect(manifest['name']).toMatch(/precise/);
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

it('Chromium takes its manifest without an error; with `debugger` optional it drops it, with one', async () => {
  // Last: reading the errors reloads the extension.
  expect(await manifestErrors(browser)).toEqual([]);
  // The check sees the error when there is one: the default build as it was, `debugger` optional.
  const optional = patchedDist((manifest) => void (manifest['optional_permissions'] = ['debugger']));
  const other = await launchWithExtension({ dist: optional });
  try {
    expect(await manifestErrors(other)).toEqual([
      { manifestKey: 'optional_permissions', manifestSpecific: 'debugger', message: "Permission 'debugger' cannot be listed as optional. This permission will be omitted." },
    ]);
  } finally {
    await other.close();
    rmSync(optional, { recursive: true, force: true });
  }
});
