// The list's table (from 720 px wide): its columns' least widths added up to 890 px, so between 720
// and 890 px the header's columns ran past the list's right edge (the rows clip theirs), and the
// chips column, last, was cut off: a preflighted request's `preflight` chip was not shown at all.
// Narrower than 890 px the columns give way; the header and the rows end at the list's edge, the
// header's labels are whole, and the chip is in view. Screenshots go to $CORS_SCREENSHOTS when set.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

let plain: PlainPage;
beforeAll(async () => {
  plain = await startPlainPage();
});
afterAll(async () => {
  await plain?.close();
});

const shots = process.env['CORS_SCREENSHOTS'];

interface Columns {
  /** The list's visible box, right of its rows' area (left of a scrollbar). */
  listRight: number;
  /** The header's and the first row's last column, right edge. */
  headEnd: number;
  rowEnd: number;
  /** What the header draws past its own box. */
  headOverflow: number;
  /** Header labels cut (their text wider than their cell). */
  cutLabels: string[];
  /** The first `preflight` chip, if any row shows one. */
  chip: { left: number; right: number } | null;
}

describe('the table of a list narrower than its columns', () => {
  for (const width of [720, 800, 889, 890, 1100]) {
    it(`${width} px: header and rows end at the list's edge, the header's labels whole, the preflight chip in view`, async () => {
      const page = await plain.open('theme=light', { width, height: 420 });
      await expect.poll(() => page.locator('.cp-list-head').count()).toBe(1);
      if (shots) await page.screenshot({ path: join(shots, `list columns ${width}.png`) });
      const m = await page.evaluate((): Columns => {
        const list = document.querySelector<HTMLElement>('.cp-list')!;
        const head = document.querySelector<HTMLElement>('.cp-list-head')!;
        const row = document.querySelector<HTMLElement>('.cp-row')!;
        const chip = [...document.querySelectorAll('.cp-col-chips .cp-chip')].find((c) => c.textContent === 'preflight');
        const box = chip?.getBoundingClientRect();
        return {
          listRight: list.getBoundingClientRect().left + list.clientWidth,
          headEnd: head.lastElementChild!.getBoundingClientRect().right,
          rowEnd: row.lastElementChild!.getBoundingClientRect().right,
          headOverflow: head.scrollWidth - head.clientWidth,
          cutLabels: [...head.children].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent ?? ''),
          chip: box ? { left: box.left, right: box.right } : null,
        };
      });
      expect(m.headOverflow).toBeLessThanOrEqual(1);
      // The header may run under a scrollbar the rows stop at; not past the list.
      expect(m.headEnd).toBeLessThanOrEqual(width + 0.5);
      expect(m.rowEnd).toBeLessThanOrEqual(m.listRight + 0.5);
      expect(m.cutLabels).toEqual([]);
      expect(m.chip, 'a preflighted row shows its chip').not.toBeNull();
      expect(m.chip!.right).toBeLessThanOrEqual(m.listRight + 0.5);
      await page.context().close();
    });
  }
});
