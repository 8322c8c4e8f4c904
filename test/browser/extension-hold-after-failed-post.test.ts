// The capture keeps what it holds when a message to the panel fails (extension/capture-service.ts,
// connectPanel: a port the worker closed itself holds its tabs for HOLDER_GRACE_MS). In real
// Chromium: the panel's tab is the capture's only holder (no DevTools, "Keep capturing" off); the
// worker's next message to it fails inside its send (the message's JSON cannot be made, once),
// so the worker closes the port; the panel connects again and is shown both requests, the one made
// before and the one the failed message carried. Released at once instead, the capture stopped,
// its log was deleted, and the panel came back to an empty capture.
//
// The failure is made in the worker by JSON.stringify throwing once for that message: Chromium's
// own failures (a message over its size limit, a value a structured clone refuses) cannot be
// produced through the capture, which splits and checks what it posts, and a port's postMessage is
// the port's own property, out of reach once connected.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { capturedTabs, openPanelTab, storedCapture, storedExchanges, type ExtensionBrowser } from './helpers/launch.ts';
import { waitFor } from '../../scripts/devtools-frontend.ts';

let setup: DemoTab;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

beforeAll(async () => {
  setup = await openDemoTab();
  ({ browser, page, tabId } = setup);
});
afterAll(() => setup?.close());

type DemoWindow = { demo: { run(id: string, variant: string): Promise<unknown> } };
const run = (id: string, variant: string) => page.evaluate(([i, v]) => (window as unknown as DemoWindow).demo.run(i!, v!), [id, variant]);
const rows = (panel: Page) => panel.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize'))).catch(() => 0);
const finished = (n: number) =>
  waitFor(async () => {
    const all = (await storedExchanges(browser, tabId)).filter((x) => !x.pending);
    return all.length === n ? all : undefined;
  }, `${n} stored exchanges`);

it('a failed message to the only panel neither stops the capture nor loses what it held', async () => {
  const panel = await openPanelTab(browser, tabId);
  await run('wrong-origin', 'broken');
  await finished(1);
  expect(await waitFor(async () => ((await rows(panel)) === 1 ? true : undefined), 'one row')).toBe(true);

  // The worker's next update for the tab fails while it is being made (inside the transport's send).
  const worker = await browser.serviceWorker();
  await worker.evaluate((tab) => {
    const original = JSON.stringify;
    const state = globalThis as unknown as { failedPosts: number };
    state.failedPosts = 0;
    JSON.stringify = function (this: unknown, ...args: Parameters<typeof JSON.stringify>) {
      const value = args[0] as { type?: unknown; tabId?: unknown; exchanges?: unknown } | null;
      if (state.failedPosts === 0 && value !== null && typeof value === 'object' && value.type === 'upsert' && value.tabId === tab && !('exchanges' in value)) {
        state.failedPosts++;
        JSON.stringify = original;
        throw new RangeError('a message to the panel could not be made (test)');
      }
      return original.apply(this, args);
    } as typeof JSON.stringify;
  }, tabId);

  await run('trailing-slash', 'broken');
  await finished(2);
  expect(await waitFor(async () => ((await worker.evaluate(() => (globalThis as unknown as { failedPosts: number }).failedPosts)) === 1 ? true : undefined), 'the failed post')).toBe(true);

  // The panel connected again and was sent a snapshot: both requests, from a capture that never stopped.
  expect(await waitFor(async () => ((await rows(panel)) === 2 ? true : undefined), 'both rows after the reconnection')).toBe(true);
  expect(await capturedTabs(browser)).toContain(tabId);
  expect((await storedCapture(browser, tabId)) === null).toBe(false);
  expect((await storedExchanges(browser, tabId)).map((x) => new URL(x.exchange.hops[0]!.url).pathname).sort()).toEqual(['/broken/trailing-slash', '/broken/wrong-origin']);
  await panel.close();
});
