// Sharing, end to end in Chromium: in the panel (the plain page of the built `dist/`, served
// statically), check exchanges, write a note on one and a note pinned to a header line, download
// the bundle, copy curl; then open the bundle in the viewer page (`dist/viewer.html`, no
// extension) and find the same exchanges, verdicts and notes. Expected verdicts come from the real
// engine, not from copies of today's output.

import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import { parseBundle } from '../../src/export/index.ts';
import { canaryExchange, SECRETS } from '../../src/export/testing-exchanges.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';

let site: StaticSite;
let browser: Browser;
let base: string;
let files: string;

beforeAll(async () => {
  site = await openStaticSite('share');
  ({ browser, base, files } = site);
});

afterAll(() => site?.close());

const CANARY: CapturedExchange = { id: 'canary-1', source: 'devtools-protocol', exchange: { ...canaryExchange(), startedAt: Date.UTC(2025, 10, 21, 9, 31) } };
const rowId = (id: string) => `cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
const row = (page: Page, id: string) => page.locator(`[role="option"][id="${rowId(id)}"]`);
const options = (page: Page) => page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
const detail = (page: Page) => page.locator('.cp-detail');
const violations = (result: { violations: { id: string; nodes: { target: unknown[] }[] }[] }) =>
  result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

async function openPage(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await expect(page.getByRole('listbox', { name: 'Cross-origin requests' })).toBeVisible();
  return page;
}

describe('share from the panel, read in the viewer', () => {
  it('checked exchanges with notes go out as a bundle and come back the same in the viewer', async () => {
    const page = await openPage('/src/ui/plain/index.html?theme=light');
    await page.evaluate((exchange) => window.corsInspectorPlain!.capture.upsert([exchange]), CANARY);
    await expect(row(page, 'canary-1')).toBeVisible();

    // Three ways to check a row: its box, Ctrl-click, and Space on the current row.
    await row(page, '1007').locator('.cp-row-check').click();
    await row(page, 'canary-1').click({ modifiers: ['Control'] });
    await expect(detail(page)).toHaveCount(0);
    await row(page, '1001').click();
    await expect(detail(page)).toHaveCount(1);
    await page.keyboard.press('Escape');
    // Space acts on the current row of the list: wait until Escape has closed the detail and given
    // the focus back to the list, or the key can land elsewhere.
    await expect(detail(page)).toHaveCount(0);
    await expect(page.getByRole('listbox', { name: 'Cross-origin requests' })).toBeFocused();
    await page.keyboard.press(' ');
    for (const id of ['1007', 'canary-1', '1001']) await expect(row(page, id)).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('[role="option"][aria-checked="true"]')).toHaveCount(3);
    await expect(page.locator('.cp-statusbar')).toContainText('3 selected');

    // A note on the exchange, and one pinned to a header line of the response, by keyboard.
    await row(page, '1007').click();
    await detail(page).getByRole('button', { name: 'Add a note' }).click();
    await detail(page).getByRole('textbox', { name: 'Note on this exchange' }).fill('Ops: <b>fix</b> the preflight');
    await detail(page).getByRole('button', { name: 'Add note', exact: true }).click();
    await expect(detail(page).locator('.cp-notes .cp-note-text')).toHaveText('Ops: <b>fix</b> the preflight');
    const answered = detail(page).getByRole('region', { name: 'Server answered' });
    const lineButton = answered.getByRole('button', { name: /^Add note on / }).first();
    const headerName = (await lineButton.getAttribute('aria-label'))!.replace('Add note on ', '');
    await lineButton.focus();
    await page.keyboard.press('Enter');
    await expect(answered.getByRole('textbox', { name: `Note on ${headerName}` })).toBeFocused();
    await page.keyboard.type('this header is wrong');
    await page.keyboard.press('Control+Enter');
    const line = answered.locator(`[data-header="${headerName.toLowerCase()}"]`).first();
    await expect(line.locator('.cp-note-text')).toHaveText('this header is wrong');
    await expect(row(page, '1007')).toContainText('2 notes');

    // axe: the notes UI, with a line's note field open.
    await lineButton.click();
    const notesAxe = await new AxeBuilder({ page }).include('.cp-detail').analyze();
    vexpect(violations(notesAxe)).toEqual([]);
    await lineButton.click();

    // The export menu: axe, then the bundle download.
    await page.getByRole('button', { name: /^Export/ }).click();
    const menu = page.getByRole('group', { name: 'Export' });
    await expect(menu).toContainText('Exports 3 selected requests');
    const menuAxe = await new AxeBuilder({ page }).include('#cp-export-menu').analyze();
    vexpect(violations(menuAxe)).toEqual([]);
    vexpect(menuAxe.passes.length).toBeGreaterThan(3);
    await menu.getByLabel('Author (optional)').fill('Ana');
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download bundle (.json)' }).click()]);
    vexpect(download.suggestedFilename()).toMatch(/^cors-inspector-\d{8}-\d{6}\.json$/);
    const bundleText = readFileSync((await download.path())!, 'utf8');
    const parsed = parseBundle(bundleText);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    vexpect(parsed.bundle.author).toEqual({ name: 'Ana' });
    vexpect(parsed.bundle.exchanges.map((e) => e.id).sort()).toEqual(['1001', '1007', 'canary-1']);
    for (const secret of Object.values(SECRETS)) vexpect(bundleText).not.toContain(secret);

    // Copy as curl: redacted unless the labelled box is checked.
    await menu.getByRole('button', { name: 'Copy as curl (bash)' }).click();
    await expect(menu.getByRole('status')).toContainText('Copy as curl (bash): done');
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    vexpect(curl).toContain('curl');
    vexpect(curl).toContain('REDACTED');
    for (const secret of Object.values(SECRETS)) vexpect(curl).not.toContain(secret);
    await menu.getByLabel(/Include secrets/).check();
    await expect(menu).toContainText('Secrets will be written as captured');
    await menu.getByRole('button', { name: 'Copy as curl (bash)' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(SECRETS.sessionCookie);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await page.context().close();

    // The viewer: a static page, no extension, the bundle named by ?src=.
    writeFileSync(join(files, 'shared.json'), bundleText);
    const viewer = await openPage('/viewer.html?theme=light&src=/files/shared.json');
    await expect(options(viewer)).toHaveCount(3);
    await expect(viewer.getByRole('status').filter({ hasText: 'Opened shared.json by Ana: 3 requests.' })).toBeVisible();
    await expect(viewer.getByLabel('Precise mode')).toHaveCount(0);
    const expected = [...SAMPLE_EXCHANGES.filter((s) => s.id === '1001' || s.id === '1007'), CANARY];
    for (const captured of expected) {
      const imported = row(viewer, `import-1:${captured.id}`);
      await expect(imported).toHaveAttribute('data-verdict', diagnose(captured.exchange).verdict);
      await expect(imported).toHaveAttribute('data-source', 'import');
      await expect(imported).toContainText('imported');
      await expect(imported.locator('.cp-claim')).toHaveCount(0);
    }
    await expect(row(viewer, 'import-1:1007')).toContainText('2 notes');
    await row(viewer, 'import-1:1007').click();
    await expect(detail(viewer)).toContainText('Imported from shared.json');
    await expect(detail(viewer).locator('.cp-notes .cp-note-text')).toHaveText(['Ops: <b>fix</b> the preflight', 'this header is wrong']);
    // 1007 fails at its preflight, where the detail opens: the line was on the preflight's answer.
    await expect(detail(viewer).locator('.cp-notes')).toContainText(`on preflight response header ${headerName}`);
    const viewerLine = detail(viewer).getByRole('region', { name: 'Server answered' }).locator(`[data-header="${headerName.toLowerCase()}"]`).first();
    await expect(viewerLine.locator('.cp-note-text')).toHaveText('this header is wrong');
    await expect(viewer.locator('#panel b')).toHaveCount(0);
    await viewer.context().close();
  });

  it('the viewer refuses a ?src= on another origin', async () => {
    const viewer = await openPage(`/viewer.html?src=${encodeURIComponent('http://localhost:1/x.json')}`);
    await expect(viewer.getByRole('alert')).toContainText("must name a file on this page's own origin");
    await expect(viewer.getByText('Nothing opened yet')).toBeVisible();
    await viewer.context().close();
  });

  it('a ?src= whose name is no valid percent-encoding still ends in a message', async () => {
    // `%E0` alone is no UTF-8: decoding the file name threw, and the page showed nothing at all.
    const viewer = await openPage(`/viewer.html?src=${encodeURIComponent('/files/missing%E0.json')}`);
    await expect(viewer.getByRole('alert')).toContainText('missing%E0.json');
    await expect(viewer.getByRole('alert')).toContainText('gave HTTP 404');
    await viewer.context().close();
  });
});
