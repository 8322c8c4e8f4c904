// Escape in the CORS panel, in real DevTools: when the panel uses it (to close the detail), it goes
// no further; DevTools must not also open its Console drawer and take the keyboard away. When the
// panel has nothing to close, DevTools gets it as usual (the drawer toggles): that is also what
// shows this test can see the drawer open.

import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, storedCapture, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { waitInPanel, type PanelWhere } from './helpers/panel-state.ts';

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

const DRAWER_VISIBLE = `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().drawerVisible())()`;

it('Escape closes the open detail and does not open the Console drawer', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panel = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const tabId = await tabIdOf(browser, page);
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the subscription from the DevTools panel');
  await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<unknown> } }).demo.runAll());

  const escape = async (): Promise<void> => {
    for (const type of ['rawKeyDown', 'keyUp']) {
      await devtools.send(panel, 'Input.dispatchKeyEvent', { type, key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27, nativeVirtualKeyCode: 27 });
    }
  };
  const detailOpen = () => devtools.evaluate<boolean>(panel, `document.querySelector('.cp-detail') !== null`);

  // Open the first row's detail, with the keyboard on the list. (The panel draws only while its tab is in front.)
  const where: PanelWhere = { browser, devtools, page, tabId, frontend, panelId, panelFrame: panel };
  await waitInPanel(
    where,
    async () => (await devtools.evaluate<boolean>(panel, `(() => { const row = document.querySelector('[role="option"]'); if (!row) return false; row.click(); return true; })()`)) || undefined,
    'a row to open',
  );
  await waitInPanel(where, async () => (await detailOpen()) || undefined, 'the detail');
  await devtools.evaluate(panel, `document.querySelector('[role="listbox"]').focus()`);
  expect(await devtools.evaluate<boolean>(frontend, DRAWER_VISIBLE)).toBe(false);

  await escape();
  await waitInPanel(where, async () => ((await detailOpen()) ? undefined : true), 'the detail to close');
  // The drawer would have opened in the same task as the key's forwarding: a round trip to the
  // frontend after the panel handled the key sees it.
  expect(await devtools.evaluate<boolean>(frontend, DRAWER_VISIBLE)).toBe(false);

  // Nothing left to close in the panel: Escape is DevTools' again, and the drawer opens.
  await escape();
  await waitFor(async () => (await devtools.evaluate<boolean>(frontend, DRAWER_VISIBLE)) || undefined, 'the drawer, for an Escape the panel did not use');
});
