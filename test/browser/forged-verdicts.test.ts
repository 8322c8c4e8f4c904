// A bundle whose stored verdicts were edited (every `diagnosis` set to allowed, or to a made-up
// failure with its own fix text) opened in the viewer and as a diagnosis.html: the rows, the sort,
// the header's counts and causes are this engine's judgement of the file's requests, as the CLI's
// are; the file's verdict shows as its claim on the row ("the file says: Allowed"), worded by whether
// the engine versions differ; the sender's notes are labelled as theirs, not the tool's advice.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import { createBundle, diagnosisPage, serializeBundle } from '../../src/export/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { ENGINE_VERSION } from '../../src/ui/share/engine-version.ts';
import { DIST } from './helpers/launch.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';
import { dropFile, openListPage } from './helpers/viewer-files.ts';

let site: StaticSite;
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-forged-'));

beforeAll(async () => {
  site = await openStaticSite('viewer');
});

afterAll(async () => {
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const SAMPLES = SAMPLE_EXCHANGES.slice(0, 8).map((c) => ({ id: c.id, exchange: c.exchange }));
const BLOCKED = SAMPLES.filter((c) => diagnose(c.exchange).verdict === 'blocked');
const NOTE = 'Works if you start Chrome with --disable-web-security';

/** The samples' honest bundle, made by `engineVersion`, then every stored verdict set to allowed. */
function forgedAllowed(engineVersion: string): string {
  const bundle = createBundle({ exchanges: SAMPLES.map((c, i) => ({ ...c, notes: i === 0 ? [{ text: NOTE }] : [] })), engineVersion });
  for (const item of bundle.exchanges) item.diagnosis = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null, headline: 'Allowed' };
  return serializeBundle(bundle);
}

const rowId = (id: string) => `cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
const row = (page: Page, id: string) => page.locator(`[role="option"][id="${rowId(id)}"]`);


/** Every blocked request's row says Blocked, marked with the file's claim on its verdict cell. */
async function expectEngineVerdicts(page: Page, prefix: string): Promise<void> {
  vexpect(BLOCKED.length).toBeGreaterThan(0);
  for (const item of SAMPLES) {
    const shown = row(page, `${prefix}${item.id}`);
    const verdict = diagnose(item.exchange).verdict;
    await expect(shown).toHaveAttribute('data-verdict', verdict);
    if (verdict === 'allowed') await expect(shown.locator('.cp-claim-mark')).toHaveCount(0);
  }
  for (const item of BLOCKED) {
    const shown = row(page, `${prefix}${item.id}`);
    await expect(shown.locator('.cp-col-verdict')).toContainText('Blocked');
    await expect(shown.locator('.cp-col-verdict .cp-claim-mark')).toBeVisible();
    await expect(shown.locator('.cp-claim')).toHaveText('the file says: Allowed');
    await expect(shown.locator('.cp-claim')).toBeVisible();
    await expect(shown).toHaveAttribute('aria-label', /^Blocked \(the file says: Allowed\): /);
  }
}

describe('a bundle edited to call every request allowed', () => {
  it("in the viewer, rows show this engine's verdicts and the file's claim; equal engine versions blame an edit", async () => {
    const { page, errors } = await openListPage(site, '/viewer.html?theme=light');
    await dropFile(page, 'forged.json', forgedAllowed(ENGINE_VERSION));
    await expectEngineVerdicts(page, 'import-1:');
    const status = page.getByRole('status').filter({ hasText: 'Opened forged.json' });
    await expect(status).toContainText(`${BLOCKED.length} verdicts in the file differ from this engine's`);
    await expect(status).toContainText("the file's verdict does not match its requests: edited by hand, or changed by redaction");
    await expect(status).not.toContainText(`this one ${ENGINE_VERSION}`);
    await row(page, `import-1:${BLOCKED[0]!.id}`).click();
    const flag = page.locator('.cp-detail .cp-imported-flag');
    await expect(flag).toContainText("The file says: Allowed (the file's verdict does not match its requests: edited by hand, or changed by redaction)");
    await expect(page.locator('.cp-detail .cp-detail-head')).toContainText('Blocked');
    vexpect(errors).toEqual([]);
    await page.context().close();
  });

  it('from an older engine, the claim names both versions', async () => {
    const { page } = await openListPage(site, '/viewer.html?theme=light');
    await dropFile(page, 'old.json', forgedAllowed('0.0.1-old'));
    await expectEngineVerdicts(page, 'import-1:');
    await expect(page.getByRole('status').filter({ hasText: 'Opened old.json' })).toContainText(`exported by engine 0.0.1-old; this is ${ENGINE_VERSION}`);
    await page.context().close();
  });

  it("as a diagnosis.html, the header counts this engine's blocked and causes, says the file claims otherwise, and labels the notes as the sender's", async () => {
    const file = join(scratch, 'forged.html');
    writeFileSync(file, diagnosisPage(readFileSync(join(DIST, 'viewer.html'), 'utf8'), forgedAllowed(ENGINE_VERSION)));
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${pathToFileURL(file).href}?theme=light`);
    const header = page.locator('header.cp-diagnosis');
    await expect(header).toContainText(`${SAMPLES.length} requests, ${BLOCKED.length} blocked`);
    const counts = await header.locator('.cp-diagnosis-causes li').allTextContents();
    vexpect(counts.reduce((sum, line) => sum + Number(/— (\d+) requests?/.exec(line)![1]), 0)).toBe(BLOCKED.length);
    const claims = header.locator('.cp-diagnosis-claims');
    await expect(claims).toContainText(`The file states ${BLOCKED.length} verdicts that this engine does not reach`);
    await expect(claims).toContainText("the file's verdict does not match its requests: edited by hand, or changed by redaction");
    await expect(header.getByRole('heading', { name: 'Notes by the sender (not checked): 1' })).toBeVisible();
    await expect(header.locator('.cp-diagnosis-note-text')).toHaveText(NOTE);
    await expectEngineVerdicts(page, 'import-1:');
    vexpect(errors).toEqual([]);
    await context.close();
  });
});
