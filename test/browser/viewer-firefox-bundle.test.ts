// A Firefox bundle opened by hand in Chromium: picked in the plain viewer page (`dist/viewer.html`,
// which judges by Chromium's rules), not embedded as a diagnosis.html. Its exchanges are judged
// and worded by Firefox's rules, as its exporter judged them (`src/ui/share/import-rules.ts`), and
// the page says so. The two exchanges are ones the browsers' rules part on
// (`src/ui/share/testing-rules-differ.ts`): a POST 303 made a GET, allowed in Chromium and
// uncertain in Firefox; a PUT whose preflight was redirected without Access-Control-Allow-Origin,
// "Preflight redirected" in Chromium and CORSMissingAllowOrigin ("Preflight got 307") in Firefox.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FIREFOX_RULES } from '../../src/cors/index.ts';
import { createBundle, serializeBundle } from '../../src/export/index.ts';
import { REDIRECTED_POST, REDIRECTED_PREFLIGHT } from '../../src/ui/share/testing-rules-differ.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';

let site: StaticSite;

beforeAll(async () => {
  site = await openStaticSite('viewer-firefox-bundle');
  const bundle = createBundle({ exchanges: [{ id: 'post', exchange: REDIRECTED_POST }, { id: 'put', exchange: REDIRECTED_PREFLIGHT }], engineVersion: '0.0.1', rules: FIREFOX_RULES });
  writeFileSync(join(site.files, 'firefox.json'), serializeBundle(bundle));
});

afterAll(() => site?.close());

const rowId = (id: string) => `cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
const row = (page: Page, id: string) => page.locator(`[role="option"][id="${rowId(id)}"]`);

describe("a Firefox bundle opened in Chromium's plain viewer", () => {
  it("is judged and worded by Firefox's rules, and says so in the status line and the detail", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.base}/viewer.html?theme=light`);
    await page.getByLabel('Open a bundle or HAR file').setInputFiles(join(site.files, 'firefox.json'));
    await expect(page.getByRole('status').filter({ hasText: "Opened firefox.json: 2 requests, judged by Firefox's rules." })).toBeVisible();
    await expect(row(page, 'import-1:post')).toHaveAttribute('data-verdict', 'uncertain');
    await expect(row(page, 'import-1:put')).toHaveAttribute('data-verdict', 'blocked');

    // The detail: Firefox's headline, explanation, console line and reason, not Chromium's.
    await row(page, 'import-1:put').click();
    const detail = page.locator('.cp-detail');
    await expect(detail.locator('.cp-detail-headline')).toHaveText('Preflight got 307');
    await expect(detail.locator('.cp-imported-rules')).toHaveText(
      "Judged by Firefox's rules, as the exporter judged it: the verdict, explanation, checks, fixes and what-if are Firefox's.",
    );
    await expect(detail.locator('pre.cp-firefox-console')).toContainText('Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at');
    await expect(detail.locator('pre.cp-firefox-console')).toContainText('CORS header ‘Access-Control-Allow-Origin’ missing');
    await expect(detail).not.toContainText('has been blocked by CORS policy');
    await expect(detail).not.toContainText('Redirect is not allowed for a preflight request');

    // Uncertain in Firefox only: its headline says why.
    await row(page, 'import-1:post').click();
    await expect(detail.locator('.cp-detail-headline')).toHaveText('Preflight after the redirect not in the capture');
    await expect(detail.locator('.cp-imported-rules')).toContainText("Judged by Firefox's rules");
    await context.close();
    expect(errors).toEqual([]);
  });
});
