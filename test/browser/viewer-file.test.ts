// `dist/viewer.html` opened from disk (`file://`), as whoever receives it by mail does: one file
// that renders with no other file and no network, opens a bundle from "Open…", and shows the
// exchanges it holds. Against the built `dist/`.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, it, expect as vexpect } from 'vitest';
import { createBundle, serializeBundle } from '../../src/export/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { DIST, launchPlain } from './helpers/launch.ts';

const VIEWER = join(DIST, 'viewer.html');
let browser: Browser;

beforeAll(async () => {
  browser = await launchPlain();
});

afterAll(() => browser?.close());

it('is one file: no script, stylesheet or module it would have to load', () => {
  const html = readFileSync(VIEWER, 'utf8');
  vexpect(html).not.toMatch(/<script[^>]*\ssrc=/i);
  vexpect(html).not.toMatch(/<link[^>]*\shref=/i);
  vexpect(html).not.toContain('/assets/');
});

it('renders from file:// with the network off, and opens a bundle', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`requested ${request.url()}`);
  });
  await page.goto(pathToFileURL(VIEWER).href);

  const list = page.getByRole('listbox', { name: 'Cross-origin requests' });
  await expect(list).toBeVisible();
  await expect(page.getByText('Nothing opened yet')).toBeVisible();

  const samples = SAMPLE_EXCHANGES.slice(0, 3);
  const bundle = serializeBundle(createBundle({ exchanges: samples.map((c) => ({ id: c.id, exchange: c.exchange })), engineVersion: '0.0.1' }));
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-viewer-file-'));
  try {
    const file = join(dir, 'diagnosis.json');
    writeFileSync(file, bundle);
    await page.getByLabel('Open a bundle or HAR file').setInputFiles(file);
    // The page reads the file after setInputFiles returns: it must still be there until the rows are.
    await expect(list.getByRole('option')).toHaveCount(samples.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await expect(list).toContainText(new URL(samples[0]!.exchange.hops[0]!.url).pathname);
  vexpect(problems).toEqual([]);
  await context.close();
});
