// The panel fed the way a busy page's traffic reaches it: 50,000 exchanges streamed in batches of
// 500, a batch a task (the plain page's `stream=`), each batch merged into the list already sorted,
// filtered and grouped (store.ts: the change log) rather than the whole list rebuilt. At the end
// the list must be exactly what the engine says of those exchanges: every one listed, the blocked
// ones first and each of them found by "Blocked only", a single one found by the search. The speed
// is the bench's (bench/panel-devtools.ts); nothing here is timed.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { describe, it, expect as vexpect } from 'vitest';
import { diagnoseVerdict } from '../../src/cors/index.ts';
import { manyExchanges } from '../../src/ui/plain/samples.ts';
import { plainPageForTests } from './helpers/plain-page.ts';

const COUNT = 50_000;
const BATCH = 500;

const plainPage = plainPageForTests();

const options = (page: Page) => page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
const statusBar = (page: Page) => page.locator('.cp-statusbar');
const thousands = (n: number): string => n.toLocaleString('en-US');

describe('50,000 exchanges streamed in batches', () => {
  // What the engine says of them, worked out here without the panel.
  const exchanges = manyExchanges(COUNT);
  const blocked = exchanges.filter((c) => !c.pending && diagnoseVerdict(c.exchange).verdict === 'blocked').length;

  it('lists every one, the blocked first, and "Blocked only" finds each blocked one', async () => {
    const plain = plainPage();
    vexpect(blocked).toBeGreaterThan(0);
    vexpect(blocked).toBeLessThan(COUNT);
    const page = await plain.open(`theme=light&count=${COUNT}&stream=${BATCH}`);
    await expect(statusBar(page)).toContainText(`${thousands(COUNT)} requests`, { timeout: 120_000 });
    await expect(options(page).first()).toHaveAttribute('aria-setsize', String(COUNT));
    // Failures first: the list starts with a blocked exchange.
    await expect(options(page).first()).toHaveAttribute('data-verdict', 'blocked');

    await page.getByRole('checkbox', { name: 'Blocked only' }).check();
    await expect(statusBar(page)).toContainText(`${thousands(blocked)} / ${thousands(COUNT)} requests`);
    const verdicts = await options(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
    vexpect(verdicts.length).toBeGreaterThan(10);
    vexpect(new Set(verdicts)).toEqual(new Set(['blocked']));
    await page.getByRole('checkbox', { name: 'Blocked only' }).uncheck();

    // The last batch's last exchange, found by its path.
    const search = page.getByRole('searchbox', { name: /Filter/ });
    await search.fill(`n=${COUNT - 1}`);
    await expect(options(page)).toHaveCount(1);
    await expect(options(page).first()).toHaveAttribute('id', `cp-row-bulk-${COUNT - 1}`);
    await search.fill('');
    await expect(statusBar(page)).toContainText(`${thousands(COUNT)} requests`);
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps the filter up to date while batches arrive: "Blocked only" on from the start', async () => {
    const plain = plainPage();
    const page = await plain.open(`theme=light&count=${COUNT}&stream=${BATCH}`);
    await page.getByRole('checkbox', { name: 'Blocked only' }).check();
    await expect(statusBar(page)).toContainText(`${thousands(blocked)} / ${thousands(COUNT)} requests`, { timeout: 120_000 });
    await expect(options(page).first()).toHaveAttribute('aria-setsize', String(blocked));
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });
});
