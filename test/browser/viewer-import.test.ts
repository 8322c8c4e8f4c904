// Opening files in Chromium: bad files (malformed, truncated, wrong version, above the size cap)
// give a clear message and lose nothing already listed; a bundle full of hostile text shows it as
// text and runs nothing; a verdict this engine no longer reaches is flagged. Against the built
// `dist/`: the panel's plain page and the viewer page, served statically.

import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import { createBundle, serializeBundle, DEFAULT_BUNDLE_LIMITS } from '../../src/export/index.ts';
import { PWNED_FLAG, SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';
import { dropFile, openListPage } from './helpers/viewer-files.ts';

let site: StaticSite;
let browser: Browser;
let base: string;
let files: string;

beforeAll(async () => {
  site = await openStaticSite('viewer');
  ({ browser, base, files } = site);
});

afterAll(() => site?.close());

const options = (page: Page) => page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
const detail = (page: Page) => page.locator('.cp-detail');

const openPage = (path: string) => openListPage(site, path);


function pick(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  return page.getByLabel('Open a bundle or HAR file').setInputFiles(file);
}

const GOOD = serializeBundle(createBundle({ exchanges: SAMPLE_EXCHANGES.slice(0, 2).map((c) => ({ id: c.id, exchange: c.exchange })), engineVersion: '0.0.1' }));

describe('a failed import says why and keeps the list', () => {
  it('malformed, truncated, wrong version, too large: each a clear error, the samples still listed', async () => {
    const { page, errors } = await openPage('/src/ui/plain/index.html?theme=light');
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);
    const alert = page.getByRole('alert');

    await dropFile(page, 'notes.txt', 'this is { not json');
    await expect(alert).toContainText('Could not open the file. notes.txt is neither a CORS Inspector bundle nor a HAR file');
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);

    await dropFile(page, 'cut.json', GOOD.slice(0, GOOD.length / 2));
    await expect(alert).toContainText('cut.json is neither a CORS Inspector bundle nor a HAR file: it is not JSON, or it is cut short');
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);

    await pick(page, { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(GOOD.replace('"version": 1', '"version": 7')) });
    await expect(alert).toContainText('future.json: this bundle cannot be opened');
    await expect(alert).toContainText('newer');
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);

    // Just above the cap, sparse on disk: refused on its size, before it is read.
    const big = join(files, 'huge.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, DEFAULT_BUNDLE_LIMITS.maxBytes + 1024 * 1024);
    closeSync(fd);
    await pick(page, big);
    await expect(alert).toContainText('huge.json is 201 MB, larger than the 200 MB CORS Inspector opens');
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length);
    await expect(page.locator('[data-source="import"]')).toHaveCount(0);

    // And then a good file still opens, beside the samples.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
    await dropFile(page, 'good.json', GOOD);
    await expect(options(page)).toHaveCount(SAMPLE_EXCHANGES.length + 2);
    await expect(page.locator('[data-source="import"]')).toHaveCount(2);
    vexpect(errors).toEqual([]);
    await page.context().close();
  });

  it('a wrong-version bundle in the viewer leaves what it had opened', async () => {
    writeFileSync(join(files, 'good.json'), GOOD);
    const { page } = await openPage('/viewer.html?theme=dark&src=/files/good.json');
    await expect(options(page)).toHaveCount(2);
    await dropFile(page, 'old.json', GOOD.replace('"version": 1', '"version": 0'));
    await expect(page.getByRole('alert')).toContainText('old.json: this bundle cannot be opened');
    await expect(options(page)).toHaveCount(2);
    await page.context().close();
  });
});

describe('what an imported file holds', () => {
  it('hostile notes, headers and URLs are text; nothing runs and no element is made of them', async () => {
    const payloads = [
      `<img src=x onerror="window.${PWNED_FLAG}=1">`,
      `<script>window.${PWNED_FLAG}=1</script>`,
      `javascript:window.${PWNED_FLAG}=1`,
      `[click](javascript:window.${PWNED_FLAG}=1)`,
    ];
    const page0 = 'https://app.example';
    const exchange = {
      request: { method: 'GET', headers: [['Origin', page0], ['X-Note', payloads[1]!]] as [string, string][], initiatorOrigin: page0 },
      hops: [
        {
          url: `https://api.example/echo?q=${payloads[1]}`,
          response: {
            status: 200,
            headers: [
              ['Access-Control-Allow-Origin', payloads[0]!],
              ['Link', payloads[2]!],
              ['X-Debug', payloads[1]!],
            ] as [string, string][],
          },
        },
      ],
    };
    const text = serializeBundle(
      createBundle({
        exchanges: [
          {
            id: `x"><img src=x onerror=window.${PWNED_FLAG}=1>`,
            exchange,
            notes: [
              ...payloads.map((p) => ({ text: p, author: { name: payloads[0]! } })),
              { text: payloads[0]!, target: { kind: 'header' as const, on: 'response' as const, hop: 0, name: 'X-Debug' } },
            ],
          },
        ],
        author: { name: payloads[1]! },
        engineVersion: '0.0.1',
      }),
    );
    for (const path of ['/viewer.html?theme=light', '/src/ui/plain/index.html?theme=light']) {
      const { page, errors } = await openPage(path);
      await pick(page, { name: `<img src=x onerror=window.${PWNED_FLAG}=1>.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
      const hostile = page.locator('[data-source="import"]');
      await expect(hostile).toHaveCount(1);
      await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toContainText(payloads[1]!);
      await hostile.click();
      await expect(detail(page)).toBeVisible();
      const notes = detail(page).locator('.cp-notes .cp-note-text');
      await expect(notes).toHaveText([...payloads, payloads[0]!]);
      const answered = detail(page).getByRole('region', { name: 'Server answered' });
      await expect(answered.locator('[data-header="x-debug"] .cp-note-text')).toHaveText(payloads[0]!);
      // Link is no CORS header: it is folded behind "N other headers" until asked for.
      for (const fold of await answered.getByRole('button', { name: /other headers?$/ }).all()) await fold.click();
      await expect(answered.getByText(payloads[2]!, { exact: true })).toBeVisible();
      await expect(detail(page).getByText(payloads[0]!, { exact: true }).first()).toBeVisible();
      await expect(page.locator('#panel img, #panel script, #panel iframe, #panel a[href^="javascript"], #panel svg[onload]')).toHaveCount(0);
      vexpect(await page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).toBeUndefined();
      vexpect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("a verdict this engine does not reach is shown as this engine's, the file's claim beside it with both engine versions", async () => {
    const blocked = SAMPLE_EXCHANGES.find((c) => diagnose(c.exchange).verdict === 'blocked')!;
    const bundle = JSON.parse(GOOD.replace('"version": "0.0.1"', '"version": "0.0.1-old"')) as { exchanges: { id: string; exchange: unknown; diagnosis: unknown }[] };
    bundle.exchanges = [{ ...bundle.exchanges[0]!, id: 'was-allowed', exchange: blocked.exchange, diagnosis: { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null, headline: 'Allowed' } }];
    const { page } = await openPage('/viewer.html?theme=light');
    await dropFile(page, 'old-engine.json', JSON.stringify(bundle));
    const imported = page.locator('[data-source="import"]');
    await expect(imported).toHaveAttribute('data-verdict', 'blocked');
    await expect(imported.locator('.cp-claim')).toHaveText('the file says: Allowed');
    await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toContainText("1 verdict in the file differs from this engine's, shown as this engine's (exported by engine 0.0.1-old; this is");
    await imported.click();
    const flag = detail(page).getByRole('alert').filter({ hasText: 'The file says: Allowed' });
    await expect(flag).toContainText('exported by engine 0.0.1-old; this is');
    await expect(flag).toContainText('The file (engine 0.0.1-old)');
    await expect(flag).toContainText(`blocked: ${diagnose(blocked.exchange).corsError}`);
    await page.context().close();
  });

  it('a HAR opens too', async () => {
    const { page } = await openPage('/viewer.html?theme=light');
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] as unknown[] } };
    har.log.entries.push({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      request: { method: 'GET', url: 'https://api.example/a', headers: [{ name: 'Origin', value: 'https://app.example' }] },
      response: { status: 200, headers: [], _error: 'net::ERR_FAILED' },
    });
    await dropFile(page, 'run.har', JSON.stringify(har));
    await expect(page.locator('[data-source="import"]')).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: 'Opened run.har: 1 request from a HAR' })).toBeVisible();
    await page.context().close();
  });

  // Session 42: a request whose captured URL is no URL is grouped under the key `null`, which its
  // cause line showed as its API origin: it has none, as explain and the report say.
  it('a captured URL that is no URL: its cause line says it has no API origin, not null', async () => {
    const { page } = await openPage('/viewer.html?theme=light');
    const entry = (url: string) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      request: { method: 'GET', url, headers: [{ name: 'Origin', value: 'https://app.example' }] },
      response: { status: 200, headers: [], _error: 'net::ERR_FAILED' },
    });
    // Two API origins, so each line names its own.
    await dropFile(page, 'edited.har', JSON.stringify({ log: { version: '1.2', entries: [entry('not a url'), entry('https://api.example/a')] } }));
    await expect(page.locator('[data-source="import"]')).toHaveCount(2);
    const line = page.getByRole('region', { name: 'Failures by cause' }).locator('.cp-cause-button').filter({ hasText: 'the captured URL is not a valid URL' });
    await expect(line).toContainText('API origin: none (the captured URL is not a valid URL)');
    await expect(line).toHaveAttribute('title', 'Show only these requests (API origin: none (the captured URL is not a valid URL))');
    await expect(page.locator('.cp-cause-origin').filter({ hasText: /^\s*null$/ })).toHaveCount(0);
    await page.context().close();
  });
});
