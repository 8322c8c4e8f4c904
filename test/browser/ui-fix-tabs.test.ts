// The fix's tabs and the layers line, as a junior developer reads them in the plain page: a front
// server that alone names itself (nginx, the app behind it naming nothing) is the fix "detected",
// not "one of these" with nothing to choose from, and the layer the headers do not name is worded,
// never the engine's `unknown`; no two tabs read alike (the page's way out after a cross-origin
// redirect is not a second "HTTP headers"). The cases are checked in the engine first.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { describe, it, expect as vexpect } from 'vitest';
import { diagnose, explain } from '../../src/cors/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { plainPageForTests } from './helpers/plain-page.ts';

const plain = plainPageForTests();

const explained = (id: string) => {
  const captured = SAMPLE_EXCHANGES.find((c) => c.id === id)!;
  return explain(diagnose(captured.exchange), captured.exchange);
};

async function openDetail(id: string): Promise<Page> {
  const page = await plain().open('theme=light');
  await page.locator(`[role="option"][id="cp-row-${id}"]`).click();
  await expect(page.locator('.cp-detail')).toBeVisible();
  return page;
}

const tabTexts = (page: Page) => page.locator('.cp-detail [role="tab"]').allInnerTexts();

describe('fix tabs', () => {
  it('nginx alone named, the app behind it unnamed: nginx is detected, and the unnamed layer is worded', async () => {
    const explanation = explained('1003');
    vexpect(explanation.stack?.undecided).toEqual(['nginx', 'unknown']);
    const page = await openDetail('1003');
    const tabs = await tabTexts(page);
    vexpect(tabs[0]).toBe('nginx (detected)');
    vexpect(tabs.join('\n')).not.toContain('one of these');
    const layers = page.getByLabel('Server layers');
    await expect(layers).toContainText('Allow-Origin from nginx or an unnamed layer (often the app)');
    await expect(layers).not.toContainText('unknown');
    await page.context().close();
  });

  it('after a cross-origin redirect: the page-side fix has a tab of its own, and no two tabs read alike', async () => {
    const explanation = explained('1010');
    vexpect(explanation.fixes.filter((f) => f.target === 'generic').length).toBe(2);
    const page = await openDetail('1010');
    const tabs = await tabTexts(page);
    vexpect(tabs).toContain('In the page');
    vexpect(tabs.filter((t) => t === 'HTTP headers')).toHaveLength(1);
    vexpect(new Set(tabs).size).toBe(tabs.length);
    await page.getByRole('tab', { name: 'In the page' }).click();
    await expect(page.locator('.cp-detail .cp-fix-title')).toHaveText('In the page: call the final URL, not the redirect');
    await page.context().close();
  });
});
