// One selection of exchanges judged by two browsers' rules, in Chromium's plain viewer: a request
// of the HAR Firefox's DevTools wrote (judged by Firefox's rules, import-rules.ts) and the same
// scenario's request of the HAR Chromium's DevTools wrote (judged by Chromium's). A bundle or a
// HAR is one file read by one browser's rules, so the export menu says the mix is judged by
// Chromium's there (`mixedRulesNote`); the Firefox request exported alone stays Firefox's: its
// bundle says `browser: firefox`, its sanitized HAR `log.creator._browser: firefox`. The mixed
// bundle says Firefox sent the one request (`sentBy`): reopened, that request's HAR is Firefox's.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { parseBundle } from '../../src/export/index.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';

let site: StaticSite;

beforeAll(async () => {
  site = await openStaticSite('viewer-mixed-rules-export');
  copyFileSync(new URL('../fixtures/firefox-devtools/public.har', import.meta.url).pathname, join(site.files, 'firefox.har'));
  copyFileSync(new URL('../fixtures/public.devtools.har', import.meta.url).pathname, join(site.files, 'chromium.har'));
});

afterAll(() => site?.close());

/** The request to `/s/simple-get-no-acao/0` on `origin` (each HAR's servers had their own ports). */
const row = (page: Page, origin: string): Locator => page.locator(`[role="option"][aria-label*="${origin}/s/simple-get-no-acao/0."]`);
const FIREFOX_ORIGIN = 'http://127.0.0.1:32909';
const CHROMIUM_ORIGIN = 'http://127.0.0.1:45489';
const MIXED = "1 of 2 were judged by Firefox's rules here; one file has one browser's rules, and this one judges all by Chromium's (export them apart to keep Firefox's).";

async function download(page: Page, menu: Locator, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe("a selection judged by Firefox's and Chromium's rules, in Chromium's plain viewer", () => {
  it('the export menu says one file judges the mix by Chromium’s rules; the Firefox request alone stays Firefox’s', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.base}/viewer.html?theme=light`);
    const open = page.getByLabel('Open a bundle or HAR file');
    await open.setInputFiles(join(site.files, 'firefox.har'));
    await expect(page.getByRole('status').filter({ hasText: "Opened firefox.har: 35 requests from a HAR, judged by Firefox's rules." })).toBeVisible();
    await open.setInputFiles(join(site.files, 'chromium.har'));
    // Not "judged by": Chromium's DevTools wrote it, and this viewer judges by Chromium's rules.
    await expect(page.getByRole('status').filter({ hasText: 'Opened chromium.har: 34 requests from a HAR.Dismiss' })).toBeVisible();
    await expect(row(page, FIREFOX_ORIGIN)).toHaveCount(1);
    await expect(row(page, CHROMIUM_ORIGIN)).toHaveCount(1);

    // Both checked: the bundle and the HAR are judged by Chromium's rules, and the menu says so.
    await row(page, FIREFOX_ORIGIN).locator('.cp-row-check').click();
    await row(page, CHROMIUM_ORIGIN).locator('.cp-row-check').click();
    await page.getByRole('button', { name: /^Export/ }).click();
    const menu = page.getByRole('group', { name: 'Export' });
    await expect(menu).toContainText('Exports 2 selected requests');
    const status = menu.getByRole('status');
    const mixedText = await download(page, menu, 'Download bundle (.json)');
    const mixedBundle = parseBundle(mixedText);
    if (!mixedBundle.ok) throw new Error(JSON.stringify(mixedBundle.errors));
    vexpect(mixedBundle.bundle.browser).toBeUndefined();
    // Judged by Chromium's rules, but Firefox sent the one request: the bundle says so on it.
    const sentBy = (origin: string) => mixedBundle.bundle.exchanges.filter((entry) => entry.exchange.hops[0]!.url.startsWith(origin)).map((entry) => entry.sentBy ?? null);
    vexpect([sentBy(FIREFOX_ORIGIN), sentBy(CHROMIUM_ORIGIN)]).toEqual([['firefox'], [null]]);
    writeFileSync(join(site.files, 'mixed.json'), mixedText);
    await expect(status).toHaveText(`Download bundle: done, for 2 selected requests. ${MIXED}`);
    const mixedHar = JSON.parse(await download(page, menu, 'Download HAR (sanitized)')) as { log: { creator: Record<string, unknown> } };
    vexpect(mixedHar.log.creator['_browser']).toBeUndefined();
    await expect(status).toHaveText(`Download HAR: done, for 2 selected requests. ${MIXED}`);

    // The Chromium request unchecked: the Firefox one alone is exported as Firefox's, with no note.
    await page.keyboard.press('Escape');
    await row(page, CHROMIUM_ORIGIN).locator('.cp-row-check').click();
    await page.getByRole('button', { name: /^Export/ }).click();
    await expect(menu).toContainText('Exports 1 selected request');
    const firefoxBundle = parseBundle(await download(page, menu, 'Download bundle (.json)'));
    if (!firefoxBundle.ok) throw new Error(JSON.stringify(firefoxBundle.errors));
    vexpect(firefoxBundle.bundle.browser).toBe('firefox');
    await expect(status).toHaveText('Download bundle: done, for 1 selected request');
    const firefoxHar = JSON.parse(await download(page, menu, 'Download HAR (sanitized)')) as { log: { creator: Record<string, unknown> } };
    vexpect(firefoxHar.log.creator).toMatchObject({ name: 'CORS Inspector', _browser: 'firefox' });
    await expect(status).toHaveText('Download HAR: done, for 1 selected request');

    // The mixed bundle reopened in another viewer: the Firefox request is judged by Chromium's
    // rules there (the bundle's), but its sanitized HAR is still Firefox's, as Firefox sent it.
    const reopened = await context.newPage();
    reopened.on('pageerror', (error) => errors.push(error.message));
    await reopened.goto(`${site.base}/viewer.html?theme=light`);
    await reopened.getByLabel('Open a bundle or HAR file').setInputFiles(join(site.files, 'mixed.json'));
    await expect(reopened.getByRole('status').filter({ hasText: 'Opened mixed.json: 2 requests.' })).toBeVisible();
    await row(reopened, FIREFOX_ORIGIN).locator('.cp-row-check').click();
    await reopened.getByRole('button', { name: /^Export/ }).click();
    const reopenedMenu = reopened.getByRole('group', { name: 'Export' });
    await expect(reopenedMenu).toContainText('Exports 1 selected request');
    const sentByFirefox = JSON.parse(await download(reopened, reopenedMenu, 'Download HAR (sanitized)')) as { log: { creator: Record<string, unknown> } };
    vexpect(sentByFirefox.log.creator).toMatchObject({ name: 'CORS Inspector', _browser: 'firefox' });
    await context.close();
    vexpect(errors).toEqual([]);
  });
});
