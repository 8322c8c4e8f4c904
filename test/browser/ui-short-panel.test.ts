// A detail in a short panel, on the plain page at the panel sizes DevTools gives it in a 1280×720
// window (measured there: 554×606 docked right, the detail under the list; 1280×272 docked below,
// the detail beside it): the fix's first lines and its Copy buttons show without scrolling, for a
// simple failure and for a preflight's (more lines to send). The list keeps six rows and the opened
// one in view; the splitter, the fix's tabs and Escape still work as they do in a taller panel.
// The same check in real DevTools: extension-devtools-detail.test.ts. Screenshots go to
// $CORS_SCREENSHOTS when it is set.

import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { expectFixInView, MEASURE_FIX, type FixMeasure } from './helpers/fix-in-view.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';

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

const shots = process.env['CORS_SCREENSHOTS'];

const measure = (page: Page): Promise<FixMeasure> => page.evaluate(MEASURE_FIX);

describe('a short panel shows the fix without scrolling', () => {
  for (const [dock, size] of [['docked right', RIGHT], ['docked below', BOTTOM]] as const) {
    it(`${dock} (${size.width}×${size.height}): a missing Allow-Origin and a preflight's header not allowed, from the top of the list and from further down`, async () => {
      const page = await plain.open('theme=light', size);
      // 1002: one line to send; 1007: a preflight's; 1015: a row the list scrolls to.
      for (const id of ['1002', '1007', '1015']) {
        await row(page, id).scrollIntoViewIfNeeded();
        await row(page, id).click();
        await expect(detail(page).locator('.cp-fixfirst pre.cp-code')).toBeVisible();
        const m = await measure(page);
        if (shots) await page.screenshot({ path: join(shots, `short-panel ${dock}, row ${id}.png`) });
        expectFixInView(m, `${dock}, row ${id}`);
      }
      // Everything the usual order shows is still there, below the fix when it moved up.
      await expect(detail(page).getByRole('group', { name: 'What the server must send' })).toHaveCount(1);
      await page.context().close();
    });
  }

  // A long URL (a query of filters, a deep path) wrapped the head onto a second line beside a long
  // headline, and the snippet's first lines went below the edge. In a short detail the URL takes the
  // rest of the headline's line, cut with an ellipsis: the whole URL is its title, and selecting
  // the line copies all of it.
  it('docked below: an exchange with a long URL keeps its head one line high and the fix in view', async () => {
    const LONG = 'https://api.acme.dev/v1/catalog/categories/outdoor-equipment/tents-and-shelters/products?page=2&per_page=50&sort=price_asc&filter%5Bbrand%5D=northwind&include=variants,images,reviews,stock';
    const withLongUrl = (id: string): CapturedExchange => {
      const sample = SAMPLE_EXCHANGES.find((x) => x.id === id)!;
      const hops = sample.exchange.hops.map((hop) => ({ ...hop, url: LONG, ...(hop.preflight ? { preflight: { ...hop.preflight, url: LONG } } : {}) }));
      return { ...sample, id: `long-${id}`, exchange: { ...sample.exchange, hops } };
    };
    const page = await plain.open('theme=light', BOTTOM);
    await page.evaluate((exchanges) => window.corsInspectorPlain!.capture.upsert(exchanges), [withLongUrl('1002'), withLongUrl('1007')]);
    for (const id of ['long-1002', 'long-1007']) {
      await row(page, id).scrollIntoViewIfNeeded();
      await row(page, id).click();
      await expect(detail(page).locator('.cp-fixfirst pre.cp-code')).toBeVisible();
      const m = await measure(page);
      if (shots) await page.screenshot({ path: join(shots, `short-panel docked below, long URL, row ${id}.png`) });
      const head = await detail(page).locator('.cp-detail-head').evaluate((el) => {
        const url = el.querySelector('.cp-detail-url')!;
        const headline = el.querySelector('.cp-detail-headline')!;
        return { url: url.getBoundingClientRect(), headline: headline.getBoundingClientRect(), urlLine: parseFloat(getComputedStyle(url).lineHeight) };
      });
      expectFixInView(m, `docked below, long URL, row ${id}`);
      // The URL beside the headline, on its line, one line high.
      vexpect(head.url.top, `${id}: the URL on the headline's line`).toBeLessThan(head.headline.bottom);
      vexpect(head.url.height, `${id}: the URL one line high`).toBeLessThanOrEqual(head.urlLine + 1);
      await expect(detail(page).locator('.cp-detail-url')).toHaveAttribute('title', LONG);
    }
    // Selecting the URL's line copies the whole URL, not what the ellipsis left in view.
    const selected = await detail(page).locator('.cp-detail-url').evaluate((el) => {
      getSelection()!.selectAllChildren(el);
      return getSelection()!.toString();
    });
    vexpect(selected).toContain(LONG);
    await page.context().close();
  });

  it('docked right: the list keeps six rows by default, and the splitter still moves by keyboard from there', async () => {
    const page = await plain.open('theme=light', RIGHT);
    await row(page, '1007').click();
    const share = Number(await splitter(page).getAttribute('aria-valuenow'));
    vexpect(share).toBeLessThan(38);
    const m = await measure(page);
    vexpect(m.list!.bottom - m.list!.top).toBeGreaterThanOrEqual(6 * 24 - 1);
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
    // Polled: the fix moves up once the body's size is known (a ResizeObserver's callback, after the click returned).
    await expect.poll(async () => (await order()).indexOf('cp-fixfirst-fix') < (await order()).indexOf('cp-must')).toBe(true);
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
