// The fix in a short panel, in real DevTools: a 1280×720 window with DevTools docked to the right
// (the panel 554×606, the detail under the list) and docked to the bottom (1280×272, the detail
// beside the list). Opening a blocked row must show the fix's first lines and its Copy buttons
// without scrolling, and keep the row in view. Before session 40 the snippet began below the
// bottom edge docked below, and at it docked right. Measured from the element boxes inside the
// panel's own frame; screenshots go to $CORS_SCREENSHOTS when it is set. The same panel sizes on
// the plain page, with the keyboard: ui-short-panel.test.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  browser = await launchWithExtension({ devtools: true, extraArgs: ['--window-size=1280,720'] });
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
  stacked: boolean;
  /** The detail's scrolling body, and the snippet's own scroller. */
  body: Box & { scrollTop: number };
  code: (Box & { scrollTop: number }) | null;
  /** The snippet's first three lines that are not blank (and any blank one between), as one box. */
  firstLines: Box | null;
  copySnippet: Box | null;
  copyCurl: Box | null;
  selectedRow: Box | null;
  list: Box | null;
}

/**
 * Element boxes in the panel's frame, as the user sees them: after two frames, so that the panel
 * has run what a frame runs before it is painted (the store's update, ResizeObserver callbacks).
 */
const MEASURE = `(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const detail = document.querySelector('.cp-detail');
  const body = detail?.querySelector('.cp-detail-body');
  const code = detail?.querySelector('.cp-fixfirst pre.cp-code');
  // The snippet's text down to the end of its third line that is not blank, as one range.
  let firstLines = null;
  if (code) {
    const text = code.textContent;
    let end = 0, lines = 0;
    for (const line of text.split('\\n')) {
      end += line.length;
      if (line.trim() !== '' && ++lines === 3) break;
      end += 1;
    }
    const range = document.createRange();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let node, at = 0;
    while ((node = walker.nextNode())) {
      if (at === 0) range.setStart(node, 0);
      if (at + node.data.length >= end) { range.setEnd(node, end - at); break; }
      at += node.data.length;
    }
    firstLines = box(range);
  }
  const list = document.querySelector('.cp-list');
  return {
    viewport: { width: innerWidth, height: innerHeight },
    stacked: !!document.querySelector('.cp-root.cp-stacked'),
    body: body ? { ...box(body), scrollTop: body.scrollTop } : null,
    code: code ? { ...box(code), scrollTop: code.scrollTop } : null,
    firstLines,
    copySnippet: box(detail?.querySelector('button[aria-label^="Copy snippet ("]')),
    copyCurl: box(detail?.querySelector('button[aria-label^="Copy curl"]')),
    selectedRow: box(document.querySelector('[role="option"][aria-selected="true"]')),
    list: box(list),
  };
})()`;

/** `box` within all of `within`; a line of code may run on past the right edge (it scrolls sideways): `wide`. */
function inside(what: string, box: Box | null, within: Box[], wide = false): void {
  expect(box, `${what} rendered`).not.toBeNull();
  const visible = {
    top: Math.max(...within.map((b) => b.top)),
    bottom: Math.min(...within.map((b) => b.bottom)),
    left: Math.max(...within.map((b) => b.left)),
    right: Math.min(...within.map((b) => b.right)),
  };
  expect(box!.top, `${what} top (visible from ${visible.top})`).toBeGreaterThanOrEqual(visible.top - 0.5);
  expect(box!.bottom, `${what} bottom (visible to ${visible.bottom})`).toBeLessThanOrEqual(visible.bottom + 0.5);
  expect(box!.left, `${what} left (visible from ${visible.left})`).toBeGreaterThanOrEqual(visible.left - 0.5);
  if (!wide) expect(box!.right, `${what} right (visible to ${visible.right})`).toBeLessThanOrEqual(visible.right + 0.5);
}

const shots = process.env['CORS_SCREENSHOTS'];

it('a blocked row opened in a 1280×720 window, DevTools docked right and bottom: the snippet starts in view', async () => {
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const path = '/broken/missing-allow-origin';
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  // The window DevTools is docked in: 1280×720 with the browser's own bars, as the user's is.
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const { windowId } = await cdp.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId });
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal', width: 1280, height: 720 } });
  // Every demo call, broken and fixed: a list longer than the panel, as a real page makes.
  await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<unknown> } }).demo.runAll());

  for (const dock of ['right', 'bottom'] as const) {
    await devtools.evaluate(frontend, `(async () => { (await import('./ui/legacy/legacy.js')).DockController.DockController.instance().setDockSide(${JSON.stringify(dock)}); return true; })()`);
    let last: Measured | null = null;
    const measured = await waitFor(async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      // Open the row (again, so the detail starts at its top), as a click does.
      await devtools.evaluate(
        panelFrame,
        `(() => { document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(); const row = [...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(path)}) && el.getAttribute('data-verdict') === 'blocked'); row?.click(); return !!row; })()`,
      );
      const m = await devtools.evaluate<Measured | null>(panelFrame, MEASURE);
      last = m;
      // DevTools laid its panel out for this dock side (it does so asynchronously).
      const laidOut = dock === 'right' ? m?.stacked && m.viewport.width < 700 : m && !m.stacked && m.viewport.height < 450;
      return m?.body && m.firstLines && m.copySnippet && laidOut ? m : undefined;
    }, `the detail of ${path}, DevTools docked ${dock}`).catch((error: unknown) => {
      throw new Error(`${String(error)}; last measured: ${JSON.stringify(last)}`);
    });
    if (shots) {
      mkdirSync(shots, { recursive: true });
      writeFileSync(join(shots, `short-dock-${dock}.png`), await devtools.screenshot(frontend));
    }

    const viewport: Box = { top: 0, left: 0, bottom: measured.viewport.height, right: measured.viewport.width };
    expect(measured.body.scrollTop).toBe(0);
    expect(measured.code!.scrollTop).toBe(0);
    inside(`the snippet's first lines (docked ${dock})`, measured.firstLines, [viewport, measured.body, measured.code!], true);
    inside(`Copy snippet (docked ${dock})`, measured.copySnippet, [viewport, measured.body]);
    inside(`Copy curl (docked ${dock})`, measured.copyCurl, [viewport, measured.body]);
    // The row that was opened stays in view above (or beside) its detail.
    inside(`the selected row (docked ${dock})`, measured.selectedRow, [viewport, measured.list!]);
  }
  await cdp.detach();
});
