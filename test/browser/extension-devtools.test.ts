// Through real DevTools: the CORS panel is added to the DevTools of the inspected tab, finds that
// tab by itself (`chrome.devtools.inspectedWindow.tabId`, no ?tabId), and lists its exchanges. A
// CORS panel DevTools hides (another panel shown) is sent nothing by the worker while hidden: the
// devtools page tells the panel (`ExtensionPanel.onHidden`), the panel tells the worker; shown
// again, it gets what it missed at once. In this, the default build, precise mode cannot start
// (no `debugger` permission: Chromium grants it only at install, to the precise build): the panel,
// titled "CORS", shows the box disabled with how to get it, before anyone ticks it; it cannot be
// ticked, nothing is asked of the user, and the worker still refuses a message that ticks it
// anyway. Chromium finds nothing wrong in the manifest.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import type { WorkerDebugGlobals } from '../../extension/service-worker.ts';
import { NEEDS_PRECISE_BUILD } from '../../extension/precise-mode.ts';
import { launchWithExtension, manifestErrors, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { devtoolsPanelTitle, PRECISE_BOX } from './helpers/precise-box.ts';

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

it('shows the panel in DevTools and lists the inspected tab’s exchanges', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  // Opened from DevTools, the panel page has no ?tabId: it asks DevTools which tab it inspects.
  const panelUrl = await devtools.evaluate<string>(panelFrame, 'location.href');
  expect(panelUrl).not.toContain('tabId=');

  // Showing the panel subscribed it to this tab: wait for the capture to start, then run the demo.
  const tabId = await tabIdOf(browser, page);
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the subscription from the DevTools panel');
  const results = await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, unknown>> } }).demo.runAll());
  const runs = Object.keys(results).length;
  expect(runs).toBe(GALLERY.length * 2);
  await waitFor(async () => ((await storedExchanges(browser, tabId)).filter((x) => !x.pending).length >= runs ? true : undefined), 'the capture');

  // What a person sees in the panel: one row per request, the blocked ones marked so.
  const rows = await waitFor(async () => {
    // DevTools is docked in the page's tab: it is only visible (and the panel only renders) while
    // that tab is the active one.
    await page.bringToFront();
    await devtools.keepPanelShown(frontend, panelId);
    const found = await devtools.evaluate<{ verdict: string | null; label: string; size: string | null }[]>(
      panelFrame,
      `[...document.querySelectorAll('[role="option"]')].map((el) => ({ verdict: el.getAttribute('data-verdict'), label: el.getAttribute('aria-label') ?? '', size: el.getAttribute('aria-setsize') }))`,
    );
    return found.length > 0 && Number(found[0]!.size) === runs && found.every((r) => r.verdict !== 'pending') ? found : undefined;
  }, 'the rows in the DevTools panel');
  const text = await devtools.evaluate<string>(panelFrame, 'document.body.innerText');
  // A docked (narrow) list shows a path's folders and its last segment apart, the folders cut
  // first (session 43), so the endpoint's name is what the text must hold; its row names the
  // whole URL.
  expect(text).toContain('missing-allow-origin');
  expect(rows.some((r) => r.label.includes(`${demo.apiOrigin}/broken/missing-allow-origin`))).toBe(true);
  const row = (path: string) => rows.find((r) => r.label.includes(path));
  expect(row(`${demo.apiOrigin}/broken/wrong-origin.`)?.verdict).toBe('blocked');
  expect(row(`${demo.apiOrigin}/fixed/wrong-origin.`)?.verdict).toBe('allowed');
});

/** The upserts the worker has sent to panels so far. */
async function upsertsSent(): Promise<number> {
  return (await browser.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorStats.upserts);
}

it('sends the panel nothing while DevTools hides it, and everything once it is shown again', async () => {
  const COUNT = 200;
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const tabId = await tabIdOf(browser, page);
  const show = (id: string) => devtools.evaluate(frontend, `(async () => { await (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().showPanel(${JSON.stringify(id)}); return true; })()`);
  const fetchAll = (from: number): Promise<number> =>
    page.evaluate(
      async ({ api, from, count }) => (await Promise.all(Array.from({ length: count }, (_, i) => fetch(`${api}/burst/${from + i}`).then((r) => r.ok, () => false)))).filter(Boolean).length,
      { api: demo.apiOrigin, from, count: COUNT },
    );
  const settledCount = async (): Promise<number> => (await storedExchanges(browser, tabId)).filter((x) => !x.pending).length;
  const captured = (count: number) => waitFor(async () => ((await settledCount()) >= count ? true : undefined), `${count} exchanges captured`, 60_000);

  // Shown: the panel is sent the traffic.
  await page.bringToFront();
  await devtools.keepPanelShown(frontend, panelId);
  const earlier = await settledCount();
  const sentBefore = await upsertsSent();
  expect(await fetchAll(0)).toBe(COUNT);
  await captured(earlier + COUNT);
  await waitFor(async () => ((await upsertsSent()) > sentBefore ? true : undefined), 'an upsert to the shown panel');

  // Hidden behind the Network panel: the worker sends it nothing while the page goes on.
  await show('network');
  expect(await devtools.selectedPanel(frontend)).toBe('network');
  // The panel's word reaches the worker a moment later: wait until what went to the shown panel is all sent.
  const hiddenAt = await waitFor(async () => {
    const sent = await upsertsSent();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return (await upsertsSent()) === sent ? sent : undefined;
  }, 'the upserts to settle');
  expect(await fetchAll(COUNT)).toBe(COUNT);
  await captured(earlier + 2 * COUNT);
  await (await browser.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorSettled());
  expect(await upsertsSent()).toBe(hiddenAt);

  // Shown again: every exchange is listed.
  await show(panelId);
  const total = await settledCount();
  const size = await waitFor(async () => {
    const rows = await devtools.panelRows(panelFrame);
    return rows.length > 0 && Number(rows[0]!.size) === total && rows.every((r) => r.verdict !== 'pending') ? Number(rows[0]!.size) : undefined;
  }, `${total} rows in the panel`, 60_000);
  expect(size).toBe(earlier + 2 * COUNT);
  expect(await upsertsSent()).toBeGreaterThan(hiddenAt);
});

it('shows Precise mode disabled, with how to get the precise build: it cannot be ticked, and nothing is asked', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  expect(await devtoolsPanelTitle(devtools, frontend, panelId)).toBe('CORS');
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  await page.bringToFront();
  await devtools.keepPanelShown(frontend, panelId);
  const tabId = await tabIdOf(browser, page);
  // Every permission request the panel makes from now on is counted (and still made).
  const spied = await devtools.evaluate<boolean>(
    panelFrame,
    `(() => {
      const request = chrome.permissions.request.bind(chrome.permissions);
      window.permissionRequests = 0;
      chrome.permissions.request = (...args) => { window.permissionRequests++; return request(...args); };
      return chrome.permissions.request !== request && typeof window.permissionRequests === 'number';
    })()`,
  );
  expect(spied).toBe(true);

  // Before anyone ticks it: disabled, off, the words beside it, the explanation as its tooltip.
  const box = await waitFor(
    () =>
      devtools.evaluate<{ disabled: boolean; checked: boolean; title: string; hint: string } | undefined>(
        panelFrame,
        `(() => {
          const box = ${PRECISE_BOX};
          if (!box?.disabled) return undefined;
          return { disabled: box.disabled, checked: box.checked, title: box.closest('label').title, hint: document.getElementById(box.getAttribute('aria-describedby'))?.textContent ?? '' };
        })()`,
      ),
    'the Precise mode box disabled',
  );
  expect(box).toEqual({ disabled: true, checked: false, title: NEEDS_PRECISE_BUILD, hint: 'Precise build only' });

  // Ticking it is impossible: a click on the box, or on its label, leaves it off and sends nothing.
  await devtools.evaluate(panelFrame, `(${PRECISE_BOX}.click(), ${PRECISE_BOX}.closest('label').click(), true)`);
  expect(await devtools.evaluate<boolean>(panelFrame, `${PRECISE_BOX}.checked`)).toBe(false);
  // A settings change sent after the clicks reaches the worker after anything they sent (one
  // tab's changes apply in order): once it is stored, no precise mode was asked for, no refusal made.
  await devtools.evaluate(panelFrame, `([...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Preserve log').querySelector('input').click(), true)`);
  const stored = await waitFor(async () => {
    const capture = await storedCapture(browser, tabId);
    return capture?.settings.preserveLog === true ? capture : undefined;
  }, 'Preserve log stored by the worker');
  expect(stored.settings.preciseMode).toBe(false);
  expect(stored.status.problem).toBeUndefined();
  expect(await devtools.evaluate<string[]>(panelFrame, `[...document.querySelectorAll('.cp-notice')].map((el) => el.textContent)`)).toEqual([]);
  await devtools.evaluate(panelFrame, `([...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Preserve log').querySelector('input').click(), true)`);

  // "how?" opens the explanation under the toolbar, in plain words.
  await devtools.evaluate(panelFrame, `([...document.querySelectorAll('button')].find((button) => button.textContent === 'how?').click(), true)`);
  const help = await waitFor(() => devtools.evaluate<string | undefined>(panelFrame, `document.querySelector('.cp-precise-help')?.textContent`), 'the explanation line');
  expect(help).toBe(NEEDS_PRECISE_BUILD);
  expect(await devtools.evaluate<number>(panelFrame, 'window.permissionRequests')).toBe(0);
});

it('never offers Precise mode, not even before the worker’s first message: from the panel’s first frame the box is disabled', async () => {
  // Every state the box is in, recorded from before the panel's own script runs (a panel opened
  // as a tab: an init script reaches it there), until the worker's answer shows the hint.
  const panel = await browser.context.newPage();
  await panel.addInitScript(() => {
    const states: string[] = [];
    (window as unknown as { preciseStates: string[] }).preciseStates = states;
    new MutationObserver(() => {
      const box = [...document.querySelectorAll('label')].find((label) => label.textContent?.trim() === 'Precise mode')?.querySelector('input');
      if (!box) return;
      const state = `${box.disabled ? 'disabled' : 'enabled'}${document.querySelector('.cp-check-hint') ? ' with hint' : ''}`;
      if (states.at(-1) !== state) states.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await panel.goto(`chrome-extension://${browser.extensionId}/extension/panel.html?tabId=${await tabIdOf(browser, page)}`);
  await waitFor(() => panel.evaluate(() => ((window as unknown as { preciseStates: string[] }).preciseStates.includes('disabled with hint') ? true : undefined)), 'the hint beside the box');
  const states = await panel.evaluate(() => (window as unknown as { preciseStates: string[] }).preciseStates);
  expect(states.at(-1)).toBe('disabled with hint');
  expect(states.filter((state) => state.startsWith('enabled'))).toEqual([]);
  await panel.close();
});

it('the worker still refuses precise mode to a message that asks for it (an older panel, or a crafted one)', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const tabId = await tabIdOf(browser, page);
  const answer = await devtools.evaluate<{ preciseMode: boolean; problem?: string }>(
    panelFrame,
    `new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'cors-inspector-panel' });
      port.onMessage.addListener((message) => {
        if (message.type === 'status') {
          resolve({ preciseMode: message.settings.preciseMode, problem: message.status.problem });
          port.disconnect();
        }
      });
      port.postMessage({ source: 'cors-inspector-panel', type: 'subscribe', tabId: ${tabId} });
      port.postMessage({ source: 'cors-inspector-panel', type: 'set-settings', tabId: ${tabId}, settings: { preciseMode: true } });
    })`,
  );
  expect(answer).toEqual({ preciseMode: false, problem: NEEDS_PRECISE_BUILD });
});

it('Chromium finds no error in the manifest (no `debugger` it would have to drop)', async () => {
  // Last: reading the errors reloads the extension.
  expect(await manifestErrors(browser)).toEqual([]);
});
