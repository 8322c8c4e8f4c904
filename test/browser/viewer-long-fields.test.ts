// Long text in a shared file, in Chromium: it lays out wrapped text at seconds per megabyte, and a
// 2 MB author name (letters, no break opportunity) froze the viewer for minutes, a 1 MB note kept a
// diagnosis.html from loading. Every field a bundle holds is bounded (bundle-schema.ts), and what
// can still be long (a note, an origin, a failing value, a headline) is shown through LongText or
// clipped: a bundle with every field at its bound opens at once (the bound is each test's
// timeout; without LongText and clipping it took minutes), and one past a bound is refused, naming the field and the bound, not the value.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { createBundle, DEFAULT_BUNDLE_LIMITS as LIMITS, diagnosisPage, serializeBundle } from '../../src/export/index.ts';
import { canaryExchange } from '../../src/export/testing-exchanges.ts';
import { DIST } from './helpers/launch.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';
import { openListPage } from './helpers/viewer-files.ts';

let site: StaticSite;

beforeAll(async () => {
  site = await openStaticSite('long-fields');
});

afterAll(() => site?.close());

/** Letters without a space: the slowest text to lay out (digits and spaces break). */
const letters = (length: number, word: string): string => word.repeat(Math.ceil(length / word.length)).slice(0, length);

/** A bundle share writes: two blocked exchanges, notes on the first (one on a header line), with an author. */
function sharedBundle(): any {
  const text = serializeBundle(
    createBundle({
      exchanges: [
        {
          id: 'long',
          exchange: canaryExchange(),
          notes: [
            { text: 'on the exchange', author: { name: 'Bo' } },
            { text: 'on the header', target: { kind: 'header', on: 'preflight-response', hop: 0, name: 'Access-Control-Allow-Headers' } },
          ],
        },
        { id: 'code', exchange: canaryExchange() },
      ],
      engineVersion: '0.0.1',
      author: { name: 'Ana' },
      createdAt: '2026-03-01T09:08:07.000Z',
    }),
  );
  return JSON.parse(text);
}

const MORE_PAGES = 6;

/** Every free-text field the viewer shows, at its bound. */
function atTheBounds(): any {
  const b = sharedBundle();
  const [entry, other] = b.exchanges;
  b.author.name = letters(LIMITS.maxNameLength, 'Anaxyz');
  b.engine.name = letters(LIMITS.maxNameLength, 'enginename');
  // Verdicts this engine does not reach: the status line names the exporter's engine version.
  b.engine.version = letters(LIMITS.maxNameLength, 'versionxyz');
  other.diagnosis.corsError = letters(LIMITS.maxNameLength, 'CorsErrorName');
  entry.id = letters(LIMITS.maxIdLength, 'exchangeid');
  entry.diagnosis.failedParameter = letters(LIMITS.maxHeaderLineLength, 'failedparameter');
  entry.diagnosis.failureReason = letters(LIMITS.maxNameLength, 'reasonabcd');
  entry.diagnosis.headline = letters(LIMITS.maxHeadlineLength, 'headlineword');
  entry.exchange.request.initiatorOrigin = `https://${letters(LIMITS.maxUrlLength - 'https://'.length, 'originhost')}`;
  entry.notes[0].id = letters(LIMITS.maxIdLength, 'noteidnote');
  entry.notes[0].text = letters(LIMITS.maxNoteLength, 'notetextabc');
  entry.notes[0].author.name = letters(LIMITS.maxNameLength, 'noteauthor');
  entry.notes[1].text = letters(LIMITS.maxNoteLength, 'othernotexy');
  entry.notes[1].target.name = letters(LIMITS.maxHeaderLineLength, 'headername');
  // More pages, each at the bound: the header lists every page origin, each row its own.
  for (let i = 0; i < MORE_PAGES; i++) {
    const copy = structuredClone(other);
    copy.id = `page-${i}`;
    copy.exchange.request.initiatorOrigin = `https://${i}${letters(LIMITS.maxUrlLength - 'https://'.length - 1, 'originhost')}`;
    b.exchanges.push(copy);
  }
  return b;
}

/** `text` embedded in a diagnosis.html named `name`, opened from the disk as its recipient would. */
async function openDiagnosis(name: string, text: string): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const file = join(site.files, name);
  writeFileSync(file, diagnosisPage(readFileSync(join(DIST, 'viewer.html'), 'utf8'), text));
  const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${pathToFileURL(file).href}?theme=light`, { timeout: HTML_TIMEOUT });
  return { page, context, errors };
}

const viewerPage = () => openListPage(site, '/viewer.html?theme=light');

function pick(page: Page, name: string, text: string): Promise<void> {
  return page.getByLabel('Open a bundle or HAR file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Generous: with LongText and clipping these take a few seconds, without it minutes. */
const TIMEOUT = 60_000;
const HTML_TIMEOUT = 15_000;

describe('a bundle with every field just under its bound', () => {
  const text = JSON.stringify(atTheBounds(), null, 2);

  it('opens in the viewer, its row, notes and detail shown', { timeout: TIMEOUT }, async () => {
    const { page, errors } = await viewerPage();
    await pick(page, 'long.json', text);
    const status = page.getByRole('status').filter({ hasText: 'Opened' });
    await expect(status).toContainText('Opened long.json by Anaxyz', { timeout: TIMEOUT });
    await expect(status).toContainText("verdicts in the file differ from this engine's, shown as this engine's (exported by engine versionxyz");
    const rows = page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
    await expect(rows).toHaveCount(2 + MORE_PAGES);
    await rows.first().click();
    await expect(page.locator('.cp-detail')).toContainText('notetextabc', { timeout: TIMEOUT });
    // The file's own words (its headline) show only in the detail, as the file's claim.
    await expect(page.locator('.cp-detail .cp-compare-grid')).toContainText('headlineword');
    // Laid out, not only in the DOM: layout is where long text costs.
    await page.evaluate(() => document.body.getBoundingClientRect().height);
    vexpect(errors).toEqual([]);
    await page.context().close();
  });

  // About 5 s here; 30 s when the header laid out its origins, notes and values whole.
  it('opens as a diagnosis.html, its header shown', { timeout: HTML_TIMEOUT }, async () => {
    const { page, context, errors } = await openDiagnosis('long.html', text);
    const header = page.locator('header.cp-diagnosis');
    await expect(header).toContainText('Shared by Anaxyz', { timeout: HTML_TIMEOUT });
    await expect(header.locator('.cp-diagnosis-note-text').first()).toContainText('notetextabc');
    // The causes are this engine's judgement; the file's stored codes and values show nowhere in the
    // header, its engine version in the line saying the file claims otherwise.
    await expect(header.locator('.cp-diagnosis-claims')).toContainText('exported by engine versionxyz');
    await expect(header).toContainText('originhost');
    await expect(header).not.toContainText('failedparameter');
    await expect(page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option')).toHaveCount(2 + MORE_PAGES);
    await page.evaluate(() => document.body.getBoundingClientRect().height);
    vexpect(errors).toEqual([]);
    await context.close();
  });
});

describe('a diagnosis.html with very many notes', () => {
  // 20,000 notes, each request's at the schema's bound: nothing bounds their number in a file
  // (its size aside: a million fit). The header listed every one; it lists the first and counts all.
  const REQUESTS = 20;
  const exchanges = Array.from({ length: REQUESTS }, (_, i) => ({
    id: `crowded-${i}`,
    exchange: canaryExchange(),
    notes: Array.from({ length: LIMITS.maxNotesPerExchange }, (_, n) => ({ text: `note ${i}.${n}` })),
  }));
  const text = serializeBundle(createBundle({ exchanges, engineVersion: '0.0.1', createdAt: '2026-03-01T09:08:07.000Z' }));

  it('lists the first of them in its header and counts them all', { timeout: TIMEOUT }, async () => {
    const { page, context, errors } = await openDiagnosis('crowded.html', text);
    const notes = page.getByRole('region', { name: 'Notes by the sender (not checked)' });
    await expect(notes.getByRole('heading')).toHaveText(`Notes by the sender (not checked): ${(REQUESTS * LIMITS.maxNotesPerExchange).toLocaleString('en-US')}`, { timeout: TIMEOUT });
    await expect(notes).toContainText('The first 50 here; every request’s notes are in its detail below.');
    await expect(notes.getByRole('listitem')).toHaveCount(50);
    await expect(notes.getByRole('listitem').first()).toContainText('note 0.0');
    await expect(page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option')).toHaveCount(REQUESTS);
    vexpect(errors).toEqual([]);
    await context.close();
  });
});

describe('an exchange with as many notes as a bundle holds', () => {
  // 1,000 notes (the bound) of 1,000 characters: the detail laid out every one, 5 s here (over 30 s
  // at 10,000 characters, what each note shows at first).
  const words = 'lorem ipsum dolor sit amet '.repeat(40).slice(0, 1_000);
  const notes = Array.from({ length: LIMITS.maxNotesPerExchange }, (_, n) => ({ text: `note ${n} ${words}` }));
  const text = serializeBundle(createBundle({ exchanges: [{ id: 'noted', exchange: canaryExchange(), notes }], engineVersion: '0.0.1' }));

  it('opens its detail with the first notes, more on request', { timeout: TIMEOUT }, async () => {
    const { page, errors } = await viewerPage();
    await pick(page, 'noted.json', text);
    await page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option').first().click({ timeout: TIMEOUT });
    const items = page.locator('.cp-notes .cp-note-item');
    await expect(items).toHaveCount(20, { timeout: TIMEOUT });
    await expect(items.first()).toContainText('note 0 lorem');
    await page.getByRole('button', { name: 'Show 20 more notes' }).click();
    await expect(items).toHaveCount(40);
    await expect(page.locator('.cp-notes')).toContainText('(960 not shown)');
    vexpect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a bundle with a field past its bound', () => {
  const past: { path: string; max: number; set: (b: any, text: string) => void }[] = [
    { path: 'author.name', max: LIMITS.maxNameLength, set: (b, t) => (b.author.name = t) },
    { path: 'engine.version', max: LIMITS.maxNameLength, set: (b, t) => (b.engine.version = t) },
    { path: 'exchanges[0].notes[0].text', max: LIMITS.maxNoteLength, set: (b, t) => (b.exchanges[0].notes[0].text = t) },
  ];

  it('is refused in the viewer, naming the field and its bound, not the value', { timeout: TIMEOUT }, async () => {
    const { page, errors } = await viewerPage();
    const alert = page.getByRole('alert');
    for (const { path, max, set } of past) {
      const bundle = sharedBundle();
      // 2 MB of letters: what froze the viewer.
      set(bundle, letters(2 * 1024 * 1024, 'Qwertyuiop'));
      await pick(page, 'past.json', JSON.stringify(bundle));
      await expect(alert).toContainText(`past.json: this bundle cannot be opened: ${path}: 2,097,152 characters, more than the ${max.toLocaleString('en-US')} a bundle holds here.`);
      vexpect(await alert.textContent()).not.toContain('Qwertyuiop');
    }
    vexpect(errors).toEqual([]);
    await page.context().close();
  });

  it('is refused as a diagnosis.html, which loads at once', { timeout: TIMEOUT }, async () => {
    const bundle = sharedBundle();
    bundle.exchanges[0].notes[0].text = letters(1024 * 1024, 'Qwertyuiop');
    const file = join(site.files, 'past.html');
    writeFileSync(file, diagnosisPage(readFileSync(join(DIST, 'viewer.html'), 'utf8'), JSON.stringify(bundle)));
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(file).href}?theme=light`, { timeout: TIMEOUT });
    await expect(page.getByRole('alert')).toContainText('exchanges[0].notes[0].text: 1,048,576 characters, more than the 100,000 a bundle holds here');
    await expect(page.locator('header.cp-diagnosis')).toHaveCount(0);
    await context.close();
  });
});
