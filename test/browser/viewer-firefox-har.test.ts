// A HAR Firefox's DevTools wrote (the real one recorded from Firefox ESR 153,
// test/fixtures/firefox-devtools/public.har), opened by hand in Chromium's plain viewer (which judges
// by Chromium's rules): its requests were made under Firefox's rules, so its exchanges are judged and
// worded by them (`src/ui/share/import-rules.ts`, read from its `log.creator`), and the page says so.
// Exported again from there, the bundle is judged by the rules its exchanges were (its `browser`),
// so its receiver sees the verdicts the sender saw.

import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { parseBundle } from '../../src/export/index.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';

const FIREFOX_HAR = new URL('../fixtures/firefox-devtools/public.har', import.meta.url).pathname;

let site: StaticSite;

beforeAll(async () => {
  site = await openStaticSite('viewer-firefox-har');
  copyFileSync(FIREFOX_HAR, join(site.files, 'public.har'));
});

afterAll(() => site?.close());

/** The row of the request to `/s/<scenario>/0`. */
const row = (page: Page, scenario: string) => page.locator(`[role="option"][aria-label*="/s/${scenario}/0."]`);

describe("a HAR Firefox wrote, opened in Chromium's plain viewer", () => {
  it("is judged and worded by Firefox's rules, says so, and is exported as Firefox's", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.base}/viewer.html?theme=light`);
    await page.getByLabel('Open a bundle or HAR file').setInputFiles(join(site.files, 'public.har'));
    await expect(page.getByRole('status').filter({ hasText: "Opened public.har: 35 requests from a HAR, judged by Firefox's rules." })).toBeVisible();

    // No Access-Control-Allow-Origin: blocked, with Firefox's reason, console line and MDN page.
    const noAcao = row(page, 'simple-get-no-acao');
    await expect(noAcao).toHaveAttribute('data-verdict', 'blocked');
    await noAcao.click();
    const detail = page.locator('.cp-detail');
    await expect(detail.locator('.cp-imported-rules')).toHaveText(
      "Judged by Firefox's rules, as Firefox wrote this HAR: the verdict, explanation, checks, fixes and what-if are Firefox's.",
    );
    await expect(detail).toContainText('CORSMissingAllowOrigin');
    await expect(detail.locator('a[href="https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin"]')).toHaveCount(1);
    await expect(detail.locator('pre.cp-firefox-console')).toContainText('Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at');
    await expect(detail.locator('pre.cp-firefox-console')).toContainText('CORS header ‘Access-Control-Allow-Origin’ missing');
    await expect(detail).not.toContainText('has been blocked by CORS policy');

    // A PUT whose preflight allowed no PUT: Firefox's reason, CORSMethodNotFound.
    await row(page, 'put-method-not-allowed').click();
    await expect(detail).toContainText('CORSMethodNotFound');
    await expect(detail.locator('pre.cp-firefox-console')).toContainText('Did not find method in CORS header ‘Access-Control-Allow-Methods’');
    await expect(detail).not.toContainText('has been blocked by CORS policy');

    // Exported again from this Chromium page: a bundle judged by Firefox's rules, with Firefox's verdict.
    await page.getByRole('button', { name: /^Export/ }).click();
    const menu = page.getByRole('group', { name: 'Export' });
    await expect(menu).toContainText('Exports the open request');
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download bundle (.json)' }).click()]);
    const parsed = parseBundle(readFileSync((await download.path())!, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    vexpect(parsed.bundle.browser).toBe('firefox');
    vexpect(parsed.bundle.exchanges.map((e) => [e.diagnosis.verdict, e.diagnosis.headline])).toEqual([['blocked', await detail.locator('.cp-detail-headline').textContent()]]);
    await expect(menu.getByRole('status')).toHaveText('Download bundle: done, for the open request');
    await context.close();
    vexpect(errors).toEqual([]);
  });
});
