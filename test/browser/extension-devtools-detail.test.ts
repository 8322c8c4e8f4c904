// Fix first, in real DevTools: a failing exchange opened in the CORS panel shows what failed, the
// lines the server must send and the fix's Copy buttons without scrolling, in a 1280×800 window
// and in a 700 px-wide DevTools. Measured from the element boxes inside the panel's own frame.

import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true, extraArgs: ['--window-size=1280,800'] });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface Measured {
  viewport: { width: number; height: number };
  /** The detail's scrolling body: what of the detail is on screen. */
  body: Box & { scrollTop: number };
  whatFailed: Box | null;
  mustSend: Box[];
  copySnippet: Box | null;
  copyCurl: Box | null;
}

/** Element boxes in the panel's frame, read as the user sees them (no scrolling done). */
const MEASURE = `(() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const detail = document.querySelector('.cp-detail');
  const body = detail?.querySelector('.cp-detail-body');
  return {
    viewport: { width: innerWidth, height: innerHeight },
    body: body ? { ...box(body), scrollTop: body.scrollTop } : null,
    whatFailed: box(detail?.querySelector('.cp-what-failed')),
    mustSend: [...(detail?.querySelectorAll('.cp-must-line') ?? [])].map(box),
    copySnippet: box(detail?.querySelector('button[aria-label^="Copy snippet ("]')),
    copyCurl: box(detail?.querySelector('button[aria-label^="Copy curl"]')),
  };
})()`;

function inView(what: string, box: Box | null, m: Measured): void {
  expect(box, `${what} rendered`).not.toBeNull();
  const visible = { top: Math.max(0, m.body.top), bottom: Math.min(m.viewport.height, m.body.bottom), left: Math.max(0, m.body.left), right: Math.min(m.viewport.width, m.body.right) };
  expect(box!.top, `${what} top`).toBeGreaterThanOrEqual(visible.top - 0.5);
  expect(box!.bottom, `${what} bottom (visible to ${visible.bottom})`).toBeLessThanOrEqual(visible.bottom + 0.5);
  expect(box!.left, `${what} left`).toBeGreaterThanOrEqual(visible.left - 0.5);
  expect(box!.right, `${what} right (visible to ${visible.right})`).toBeLessThanOrEqual(visible.right + 0.5);
}

it('the failing exchange: what failed, what to send and the fix in view without scrolling, at 1280×800 and in a 700 px DevTools', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  // DevTools' own setting: undocked, in a window of its own whose size is DevTools' size.
  await devtools.evaluate(frontend, `(async () => { (await import('./ui/legacy/legacy.js')).DockController.DockController.instance().setDockSide('undocked'); return true; })()`);
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const { windowId } = await waitFor(
    () => cdp.send('Browser.getWindowForTarget', { targetId: frontend }).then((w) => w as { windowId: number }),
    "DevTools' own window",
  );

  const path = '/broken/header-not-allowed';
  await page.evaluate((url) => fetch(url, { headers: { 'X-Trace-Id': 'demo-1' } }).catch(() => undefined), `${demo.apiOrigin}${path}`);

  for (const size of [
    { width: 1280, height: 800 },
    { width: 700, height: 800 },
  ]) {
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal', ...size } });
    const measured = await waitFor(async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      // Open the row (again, so the detail starts at its top).
      await devtools.evaluate(
        panelFrame,
        `(() => { document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(); const row = [...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(path)}) && el.getAttribute('data-verdict') === 'blocked'); row?.click(); return !!row; })()`,
      );
      const m = await devtools.evaluate<Measured | null>(panelFrame, MEASURE);
      // DevTools resized its panel to the window (it lays out asynchronously).
      return m?.body && m.whatFailed && m.copySnippet && Math.abs(m.viewport.width - size.width) < 40 ? m : undefined;
    }, `the detail of ${path} at ${size.width}×${size.height}`);

    expect(measured.viewport.height).toBeLessThan(size.height);
    expect(measured.body.scrollTop).toBe(0);
    inView('the what-failed line', measured.whatFailed, measured);
    expect(measured.mustSend.length).toBeGreaterThan(0);
    measured.mustSend.forEach((line, i) => inView(`must-send line ${i + 1}`, line, measured));
    inView("the fix's Copy snippet button", measured.copySnippet, measured);
    inView('the Copy curl button', measured.copyCurl, measured);
  }
  await cdp.detach();
});
