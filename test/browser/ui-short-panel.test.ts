// A detail in a short panel, on the plain page at the panel sizes DevTools gives it in a 1280×720
// window (measured there: 554×606 docked right, the detail under the list; 1280×272 docked below,
// the detail beside it): the fix's first lines and its Copy buttons show without scrolling, for a
// simple failure and for a preflight's (more lines to send). The list keeps six rows and the opened
// one in view; the splitter, the fix's tabs and Escape still work as they do in a taller panel.
// The same check in real DevTools: extension-devtools-short-dock.test.ts. Screenshots go to
// $CORS_SCREENSHOTS when it is set.

import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

let plain: PlainPage;
beforeAll(async () => {
  plain = await startPlainPage();
});
afterAll(async () => {
  await plain?.close();
});

const RIGHT = { width: 554, height: 606 };
const BOTTOM = { width: 1280, height: 272 };

const detail = (page: Page) => page.locator('.cp-detail');
const row = (page: Page, id: string) => page.locator(`[role="option"][id="cp-row-${id}"]`);
const splitter = (page: Page) => page.getByRole('separator', { name: 'Resize the list and the detail' });

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Boxes after two frames (the panel's store and ResizeObserver callbacks run before a paint). */
async function measure(page: Page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = (el: Element | Range | null | undefined): Box | null => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const body = document.querySelector('.cp-detail .cp-detail-body')!;
    const code = document.querySelector('.cp-fixfirst pre.cp-code')!;
    // The snippet down to the end of its third line that is not blank.
    let end = 0;
    let lines = 0;
    for (const line of (code.textContent ?? '').split('\n')) {
      end += line.length;
      if (line.trim() !== '' && ++lines === 3) break;
      end += 1;
    }
    const range = document.createRange();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let at = 0;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (at === 0) range.setStart(node, 0);
      if (at + node.data.length >= end) {
        range.setEnd(node, end - at);
        break;
      }
      at += node.data.length;
    }
    return {
      viewport: { top: 0, left: 0, bottom: innerHeight, right: innerWidth },
      body: box(body)!,
      code: box(code)!,
      scrollTops: [body.scrollTop, code.scrollTop],
      firstLines: box(range)!,
      copySnippet: box(document.querySelector('.cp-fixfirst button[aria-label^="Copy snippet ("]'))!,
      copyCurl: box(document.querySelector('.cp-fixfirst button[aria-label^="Copy curl"]'))!,
      list: box(document.querySelector('.cp-list'))!,
      selected: box(document.querySelector('[role="option"][aria-selected="true"]'))!,
    };
  });
}

/** `box` within all of `within`; a line of code may run on past the right edge (it scrolls sideways): `wide`. */
function inside(what: string, box: Box, within: Box[], wide = false): void {
  const top = Math.max(...within.map((b) => b.top));
  const bottom = Math.min(...within.map((b) => b.bottom));
  const left = Math.max(...within.map((b) => b.left));
  const right = Math.min(...within.map((b) => b.right));
  vexpect(box.top, `${what}: top (visible from ${top})`).toBeGreaterThanOrEqual(top - 0.5);
  vexpect(box.bottom, `${what}: bottom (visible to ${bottom})`).toBeLessThanOrEqual(bottom + 0.5);
  vexpect(box.left, `${what}: left (visible from ${left})`).toBeGreaterThanOrEqual(left - 0.5);
  if (!wide) vexpect(box.right, `${what}: right (visible to ${right})`).toBeLessThanOrEqual(right + 0.5);
}

const shots = process.env['CORS_SCREENSHOTS'];

async function expectFixInView(page: Page, what: string): Promise<void> {
  const m = await measure(page);
  if (shots) await page.screenshot({ path: join(shots, `short-panel ${what}.png`) });
  vexpect(m.scrollTops).toEqual([0, 0]);
  inside(`${what}: the snippet's first lines`, m.firstLines, [m.viewport, m.body, m.code], true);
  inside(`${what}: Copy snippet`, m.copySnippet, [m.viewport, m.body]);
  inside(`${what}: Copy curl`, m.copyCurl, [m.viewport, m.body]);
  inside(`${what}: the opened row`, m.selected, [m.viewport, m.list]);
}

describe('a short panel shows the fix without scrolling', () => {
  for (const [dock, size] of [['docked right', RIGHT], ['docked below', BOTTOM]] as const) {
    it(`${dock} (${size.width}×${size.height}): a missing Allow-Origin and a preflight's header not allowed, from the top of the list and from further down`, async () => {
      const page = await plain.open('theme=light', size);
      // 1002: one line to send; 1007: a preflight's; 1015: a row the list scrolls to.
      for (const id of ['1002', '1007', '1015']) {
        await row(page, id).scrollIntoViewIfNeeded();
        await row(page, id).click();
        await expect(detail(page).locator('.cp-fixfirst pre.cp-code')).toBeVisible();
        await expectFixInView(page, `${dock}, row ${id}`);
      }
      // Everything the usual order shows is still there, below the fix when it moved up.
      await expect(detail(page).getByRole('group', { name: 'What the server must send' })).toHaveCount(1);
      await page.context().close();
    });
  }

  it('docked right: the list keeps six rows by default, and the splitter still moves by keyboard from there', async () => {
    const page = await plain.open('theme=light', RIGHT);
    await row(page, '1007').click();
    const share = Number(await splitter(page).getAttribute('aria-valuenow'));
    vexpect(share).toBeLessThan(38);
    const m = await measure(page);
    vexpect(m.list.bottom - m.list.top).toBeGreaterThanOrEqual(6 * 24 - 1);
    await splitter(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect(splitter(page)).toHaveAttribute('aria-valuenow', String(share + 2));
    await page.context().close();
  });

  it('docked below: the fix above the lines to send keeps its tab and the keyboard when the panel grows and it moves back', async () => {
    const page = await plain.open('theme=light', BOTTOM);
    await row(page, '1007').click();
    const tabs = detail(page).getByRole('tab');
    const order = () => detail(page).locator('.cp-fixfirst > *').evaluateAll((els) => els.map((el) => el.className));
    vexpect((await order()).indexOf('cp-fixfirst-fix')).toBeLessThan((await order()).indexOf('cp-must'));
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.nth(1)).toBeFocused();

    await page.setViewportSize({ width: 1280, height: 760 });
    await expect.poll(async () => (await order()).indexOf('cp-fixfirst-fix') > (await order()).indexOf('cp-must')).toBe(true);
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.nth(1)).toBeFocused();

    // Escape closes the detail and gives the keyboard back to the list, as in a taller panel.
    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    await expect(page.getByRole('listbox', { name: 'Cross-origin requests' })).toBeFocused();
    await page.context().close();
  });
});
