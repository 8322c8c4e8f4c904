// "Download diagnosis.html" in the extension's panel: the template comes from the extension's own
// `viewer-page.js`, imported under the panel's CSP (which forbids any fetch). Against the built `dist/`.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, it, expect as vexpect } from 'vitest';
import { createBundle, parseBundle, serializeBundle } from '../../src/export/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { DIST, openPanelTab } from './helpers/launch.ts';

let tab: DemoTab;
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-extension-diagnosis-'));

beforeAll(async () => {
  tab = await openDemoTab();
});

afterAll(async () => {
  await tab?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('the panel writes a diagnosis.html from the viewer page it ships, with the checked requests', async () => {
  const panel = await openPanelTab(tab.browser, tab.tabId, { width: 1400, height: 900 });
  const problems: string[] = [];
  panel.on('pageerror', (error) => problems.push(error.message));
  panel.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const file = join(scratch, 'opened.json');
  const samples = SAMPLE_EXCHANGES.slice(0, 2);
  writeFileSync(file, serializeBundle(createBundle({ exchanges: samples.map((s) => ({ id: s.id, exchange: s.exchange })), engineVersion: '0.0.1' })));
  await panel.getByLabel('Open a bundle or HAR file').setInputFiles(file);
  const rows = panel.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
  await expect(rows).toHaveCount(samples.length);
  for (const option of await rows.all()) await option.locator('.cp-row-check').click();

  await panel.getByRole('button', { name: /^Export/ }).click();
  const menu = panel.getByRole('group', { name: 'Export' });
  const [download] = await Promise.all([panel.waitForEvent('download'), menu.getByRole('button', { name: 'Download diagnosis.html' }).click()]);
  await expect(menu.getByRole('status')).toContainText('Download diagnosis.html: done');
  const html = readFileSync((await download.path())!, 'utf8');
  // The page the extension ships, with the bundle in it.
  const viewer = readFileSync(join(DIST, 'viewer.html'), 'utf8');
  const script = /<script type="module">[\s\S]*?<\/script>/.exec(viewer)![0];
  vexpect(html).toContain(script);
  vexpect(html).toContain("default-src 'none'");
  const parsed = parseBundle(/<script type="application\/json" id="bundle">([^<]*)<\/script>/.exec(html)![1]!);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  vexpect(parsed.bundle.exchanges.map((e) => e.exchange)).toEqual(samples.map((s) => s.exchange));
  vexpect(problems).toEqual([]);
});
