// Precise mode: with the debugger attached, every captured exchange carries Chromium's own verdict
// (`Network.loadingFailed.corsErrorStatus`), and the engine's verdict on the webRequest capture
// agrees with it. This is the precise build (`dist-precise/`), as a person installs it: its
// `debugger` permission is granted at install, so its DevTools panel, titled "CORS (precise)" (told
// apart from the default build's "CORS" when both are loaded), offers the box enabled, and ticking
// it there asks for nothing and turns precise mode on.
// Chromium takes that manifest without an error, where a `debugger` listed as optional is dropped
// with one (why the default build has no `debugger` at all: scripts/precise-manifest.ts).

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { diagnose } from '../../src/cors/index.ts';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { DIST_PRECISE, launchWithExtension, manifestErrors, patchedDist, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { devtoolsPanelTitle, PRECISE_BOX } from './helpers/precise-box.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ dist: DIST_PRECISE, devtools: true });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
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

it('ticking Precise mode in its DevTools panel, titled "CORS (precise)", attaches Chromium’s verdict to every exchange; the engine agrees with it', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  expect(await devtoolsPanelTitle(devtools, frontend, panelId)).toBe('CORS (precise)');
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  await page.bringToFront();
  await devtools.keepPanelShown(frontend, panelId);
  // Once the worker's snapshot came (the panel then knows the build), the box is offered: enabled,
  // off, with no "how?" beside it.
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the capture of the tab');
  const offered = await waitFor(
    () =>
      devtools.evaluate<{ disabled: boolean; checked: boolean; how: boolean } | undefined>(
        panelFrame,
        `(() => {
          const box = ${PRECISE_BOX};
          if (!box || !document.querySelector('[role="listbox"]')) return undefined;
          return { disabled: box.disabled, checked: box.checked, how: [...document.querySelectorAll('button')].some((button) => button.textContent === 'how?' || button.textContent === 'why?') };
        })()`,
      ),
    'the Precise mode box',
  );
  expect(offered).toEqual({ disabled: false, checked: false, how: false });

  await devtools.evaluate(panelFrame, `(${PRECISE_BOX}.click(), true)`);
  // The worker attached the debugger and says precise mode is on: stored so, no problem reported.
  const stored = await waitFor(async () => {
    const capture = await storedCapture(browser, tabId);
    return capture?.settings.preciseMode === true ? capture : undefined;
  }, 'precise mode on in the worker');
  expect(stored.status.problem).toBeUndefined();
  expect(await devtools.evaluate<boolean>(panelFrame, `${PRECISE_BOX}.checked`)).toBe(true);
  expect(await devtools.evaluate<string>(panelFrame, `document.querySelector('.cp-statusbar').textContent`)).toContain('Precise mode');

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
