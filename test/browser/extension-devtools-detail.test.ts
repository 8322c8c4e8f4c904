// Fix first, in real DevTools: a failing exchange opened in the CORS panel shows what failed, the
// lines the server must send and the fix's Copy buttons without scrolling, in a 1280×800 window
// and in a 700 px-wide DevTools; and in a short panel, DevTools docked in a 1280×720 window (to the
// right: the panel 554×606, the detail under the list; below: 1280×272, the detail beside it), the
// fix's first lines and Copy buttons and the opened row (in session 39 the snippet began at the
// bottom edge docked right, under it docked below). Measured from the element boxes inside the
// panel's own frame; screenshots go to $CORS_SCREENSHOTS when it is set. The short panel's sizes
// on the plain page, with the keyboard: ui-short-panel.test.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { expectFixInView, inside, MEASURE_FIX, type Box, type FixMeasure } from './helpers/fix-in-view.ts';
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
  inside(what, box, [{ top: 0, left: 0, bottom: m.viewport.height, right: m.viewport.width }, m.body]);
}

/** Opens the blocked row of `path` (closing the detail first, so that it opens at its top), as a click does. */
const OPEN_ROW = (path: string): string =>
  `(() => { document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(); const row = [...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(path)}) && el.getAttribute('data-verdict') === 'blocked'); row?.click(); return !!row; })()`;

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
      await devtools.evaluate(panelFrame, OPEN_ROW(path));
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

const shots = process.env['CORS_SCREENSHOTS'];

it('a short panel: DevTools docked right and below in a 1280×720 window show the fix\'s first lines and Copy buttons, and the opened row', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  // The window DevTools is docked in (the page's): 1280×720 with the browser's own bars, as the user's is.
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const { windowId } = await cdp.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId });
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal', width: 1280, height: 720 } });
  // Every demo call, broken and fixed: a list longer than the panel, as a real page makes.
  await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<unknown> } }).demo.runAll());
  const path = '/broken/missing-allow-origin';

  for (const dock of ['right', 'bottom'] as const) {
    await devtools.evaluate(frontend, `(async () => { (await import('./ui/legacy/legacy.js')).DockController.DockController.instance().setDockSide(${JSON.stringify(dock)}); return true; })()`);
    let last: FixMeasure | null = null;
    let settling: FixMeasure | null = null;
    // Measured once settled: the same boxes twice in a row. DevTools resizes its panel over several
    // frames, and each new size may move the fix above (`useFixAbove`) a render later; one measure
    // taken in between read the fix below the visible edge (CI flake of session 40).
    const measured = await waitFor(async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      if (settling === null) await devtools.evaluate(panelFrame, OPEN_ROW(path));
      const previous = settling;
      const m = (last = settling = await devtools.evaluate<FixMeasure | null>(panelFrame, MEASURE_FIX));
      // DevTools laid its panel out for this dock side (it does so asynchronously).
      const laidOut = dock === 'right' ? m?.stacked && m.viewport.right < 700 : m && !m.stacked && m.viewport.bottom < 450;
      if (!laidOut) settling = null; // opened again once laid out, so that it opens at its top
      const settled = previous !== null && JSON.stringify(previous) === JSON.stringify(m);
      return m?.body && m.firstLines && m.copySnippet && laidOut && settled ? m : undefined;
    }, `the detail of ${path}, DevTools docked ${dock}`).catch((error: unknown) => {
      throw new Error(`${String(error)}; last measured: ${JSON.stringify(last)}`);
    });
    if (shots) {
      mkdirSync(shots, { recursive: true });
      writeFileSync(join(shots, `short-dock-${dock}.png`), await devtools.screenshot(frontend));
    }
    expectFixInView(measured, `docked ${dock}`);
  }
  await cdp.detach();
});
