// The failures grouped by cause above the list (issue #8), in real Chromium on the plain page: one
// line per cause with the count the shared grouping (`CauseGroups`, as the CLI and the report use
// it) gives for the same exchanges; a line filters the list to exactly that group's rows; clicking
// it again, or ×, shows them all again. Folded to a few lines, so a 700 px dock keeps the list.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { describe, it, expect as vexpect } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import { causeOf, CauseGroups, fixOnLine, groupLine } from '../../src/export/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { plainPageForTests } from './helpers/plain-page.ts';

const plain = plainPageForTests();

const options = (page: Page) => page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
const causes = (page: Page) => page.getByRole('region', { name: 'Failures by cause' });
const lines = (page: Page) => causes(page).locator('.cp-cause-button');
const listedIds = (page: Page): Promise<string[]> => options(page).evaluateAll((rows) => rows.map((r) => r.id.replace(/^cp-row-/, '')));

/** What the shared grouping says of the samples: the truth the panel must show. */
function expectedGroups() {
  const grouping = new CauseGroups({ examples: Infinity });
  const keyOf = new Map<string, string>();
  for (const captured of SAMPLE_EXCHANGES) {
    const diagnosis = diagnose(captured.exchange);
    grouping.add(captured.exchange, diagnosis);
    const cause = causeOf(captured.exchange, diagnosis);
    if (cause) keyOf.set(captured.id, cause.key);
  }
  return grouping.groups().map((group) => ({
    line: groupLine(group, '—'),
    count: group.count,
    verdict: group.verdict,
    apiOrigin: group.apiOrigin,
    fixOn: group.fixOn.map(({ origin }) => origin),
    fixOnLine: fixOnLine(group),
    ids: SAMPLE_EXCHANGES.filter((c) => keyOf.get(c.id) === group.key).map((c) => c.id).sort(),
  }));
}

describe('failures by cause', () => {
  const groups = expectedGroups();

  it('lists each cause with its count, most first; a line filters the list to its rows, and clearing restores it', async () => {
    vexpect(groups.length).toBeGreaterThan(3);
    const page = await open();
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);
    const all = await listedIds(page);

    // Folded: the first two causes and the rest as one line.
    await expect(lines(page)).toHaveCount(2);
    await causes(page).getByRole('button', { name: `${groups.length - 2} more causes` }).click();
    await expect(lines(page)).toHaveText(groups.map((g) => new RegExp(`^${escape(g.line)}`)));

    // The blocked groups count the blocked rows.
    const blockedRows = await page.locator('[role="option"][data-verdict="blocked"]').count();
    vexpect(groups.filter((g) => g.verdict === 'blocked').reduce((sum, g) => sum + g.count, 0)).toBe(blockedRows);

    for (const [i, group] of groups.entries()) {
      const line = lines(page).nth(i);
      await line.click();
      await expect(line).toHaveAttribute('aria-pressed', 'true');
      await expect(options(page)).toHaveCount(group.count);
      vexpect((await listedIds(page)).sort()).toEqual(group.ids);
      // Clicking the same line again shows every row.
      await line.click();
      await expect(line).toHaveAttribute('aria-pressed', 'false');
      await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);
    }

    // × clears too, and the order is the one before.
    await lines(page).first().click();
    await expect(options(page)).toHaveCount(groups[0]!.count);
    await causes(page).getByRole('button', { name: 'Clear the cause filter' }).click();
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);
    vexpect(await listedIds(page)).toEqual(all);
    vexpect(plain().errors(page)).toEqual([]);
    await page.context().close();
  });

  it("names the server where the fix goes, as the CLI's Fix on does: a redirect's target that refused, not the first URL's origin", async () => {
    const elsewhere = groups.filter((g) => g.fixOnLine !== null);
    // The samples' GET redirected from the API to the CDN, which answered for the page's origin
    // though the browser sent it Origin: null.
    vexpect(elsewhere.map((g) => [g.apiOrigin, g.fixOn])).toEqual([['https://api.acme.dev', ['https://files.acme-cdn.net']]]);
    const page = await open();
    await causes(page).getByRole('button', { name: /more causes/ }).click();
    for (const group of elsewhere) {
      const line = lines(page).filter({ hasText: new RegExp(`^${escape(group.line)}`) });
      await expect(line).toHaveCount(1);
      await expect(line).toContainText(`fix on ${group.fixOn[0]}`);
      await expect(line).not.toContainText(group.apiOrigin);
      await expect(line).toHaveAttribute('title', new RegExp(`Fix on: ${escape(group.fixOnLine!)}$`));
    }
    // A cause fixed on its own API origin names that origin, as before (the page calls several).
    const onApi = groups.find((g) => g.fixOnLine === null && g.verdict === 'blocked')!;
    await expect(lines(page).filter({ hasText: new RegExp(`^${escape(onApi.line)}`) }).first()).toContainText(onApi.apiOrigin);
    vexpect(plain().errors(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps to a few lines at a 700 px dock, the chosen cause in sight when folded', async () => {
    const page = await open({ width: 700, height: 800 });
    const box = (await causes(page).boundingBox())!;
    const list = (await page.getByRole('listbox', { name: 'Cross-origin requests' }).boundingBox())!;
    // At most three short lines: the list keeps most of the height.
    vexpect(box.height).toBeLessThan(list.height / 4);
    vexpect(box.x + box.width).toBeLessThanOrEqual(700);

    // A cause chosen from the unfolded list stays shown once folded again.
    await causes(page).getByRole('button', { name: /more causes/ }).click();
    const last = groups.at(-1)!;
    await lines(page).last().click();
    await causes(page).getByRole('button', { name: 'Fewer causes' }).click();
    await expect(lines(page)).toHaveCount(3);
    await expect(causes(page).locator('.cp-cause-button[aria-pressed="true"]')).toHaveText(new RegExp(`^${escape(last.line)}`));
    await expect(options(page)).toHaveCount(last.count);
    await page.context().close();
  });
});

function open(viewport?: { width: number; height: number }): Promise<Page> {
  return plain().open('theme=light', viewport);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
