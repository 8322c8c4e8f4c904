// The detail, fix first, in the plain page: what failed, what to send and the fix on top; the
// evidence folded ("N other headers", "N checks passed"); Copy curl copies the curl pair the
// export writes; engine words replaced by a developer's. Expected texts come from the engine and
// the export run here on the same samples, not from today's wording of the panel.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose, explain } from '../../src/cors/index.ts';
import { curlScriptFor } from '../../src/export/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

let plain: PlainPage;
beforeAll(async () => {
  plain = await startPlainPage();
});
afterAll(async () => {
  await plain?.close();
});

const detail = (page: Page) => page.locator('.cp-detail');
const row = (page: Page, id: string) => page.locator(`[role="option"][id="cp-row-${id}"]`);
const sample = (id: string) => {
  const captured = SAMPLE_EXCHANGES.find((c) => c.id === id)!;
  const diagnosis = diagnose(captured.exchange);
  return { captured, diagnosis, explanation: explain(diagnosis, captured.exchange) };
};

async function openDetail(id: string): Promise<Page> {
  const page = await plain.open('theme=light');
  await row(page, id).click();
  await expect(detail(page)).toBeVisible();
  return page;
}

describe('fix first', () => {
  it('what failed names the header, what was sent and what was needed; the lines to send follow', async () => {
    const s = sample('1007');
    const failed = s.diagnosis.checks.find((c) => c.outcome === 'failed')!;
    const page = await openDetail('1007');
    const line = detail(page).locator('.cp-what-failed');
    await expect(line.locator('mark')).toHaveText('Access-Control-Allow-Headers');
    await expect(line.locator('.cp-what-failed-found')).toHaveText(failed.found!);
    await expect(line.locator('.cp-what-failed-needed')).toHaveText(failed.expected!);
    const must = detail(page).getByRole('group', { name: 'What the server must send' });
    for (const m of s.explanation.serverMustSend) await expect(must).toContainText(`${m.header}: ${m.value}`);
    // The top comes before the explanation and the evidence.
    const top = (await detail(page).locator('.cp-fixfirst').boundingBox())!;
    const timeline = (await detail(page).getByRole('list', { name: 'Timeline' }).boundingBox())!;
    vexpect(top.y).toBeLessThan(timeline.y);
    await page.context().close();
  });

  it("a redirect target's refused answer: the top names the target as the server to fix, not the one the page called", async () => {
    const s = sample('1010');
    vexpect(s.diagnosis.failedAt).toEqual({ hop: 1, phase: 'response' });
    const target = new URL(s.captured.exchange.hops[1]!.url).origin;
    const called = new URL(s.captured.exchange.hops[0]!.url).origin;
    const page = await openDetail('1010');
    const fixOn = detail(page).locator('.cp-fixfirst .cp-fix-on');
    await expect(fixOn).toHaveText(`Fix on: ${target}, the redirect's target, whose answer was refused (not ${called}, which the page called)`);
    // Above the lines to send, which are the target's.
    const must = detail(page).getByRole('group', { name: 'What the server must send' });
    vexpect((await fixOn.boundingBox())!.y).toBeLessThan((await must.boundingBox())!.y);
    await page.context().close();
  });

  it('Vary: Origin is not among what the server must send: it is advised apart, with why', async () => {
    const s = sample('1007');
    vexpect(s.explanation.serverShouldSend).toEqual([{ on: 'response', hop: 0, header: 'Vary', value: 'Origin', advice: 'vary-origin' }]);
    const page = await openDetail('1007');
    const must = detail(page).getByRole('group', { name: 'What the server must send' });
    await expect(must).toContainText('Access-Control-Allow-Origin');
    await expect(must).not.toContainText('Vary');
    const advised = detail(page).getByRole('group', { name: 'Also advised' });
    await expect(advised).toContainText('Vary: Origin');
    await expect(advised).toContainText('The browser does not check it');
    await page.context().close();
  });

  it('Copy curl copies the preflight and the request, as the curl export writes them', async () => {
    const s = sample('1007');
    const page = await openDetail('1007');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const button = detail(page).getByRole('button', { name: 'Copy curl pair (preflight and request)' });
    await button.click();
    await expect(button).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    vexpect(copied).toBe(curlScriptFor(s.captured.exchange, 'bash'));
    vexpect(copied).toMatch(/-X OPTIONS[\s\S]*-X PUT/);
    await page.context().close();
  });
});

describe('evidence, folded', () => {
  it('CORS headers first, the others behind "N other headers", which expands', async () => {
    const s = sample('1002');
    const sentNames = s.captured.exchange.request.headers.map(([n]) => n.toLowerCase());
    const others = sentNames.filter((n) => !/^(origin|vary|access-control-.*)$/.test(n));
    vexpect(others).toContain('user-agent');
    vexpect(sentNames).toContain('origin');
    const page = await openDetail('1002');
    const sent = detail(page).getByRole('region', { name: 'Browser sent' });
    await expect(sent.locator('[data-header="origin"]')).toBeVisible();
    await expect(sent.locator('[data-header="user-agent"]')).toHaveCount(0);
    const fold = sent.getByRole('button', { name: `${others.length} other headers` });
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    await fold.click();
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    await expect(sent.locator('[data-header="user-agent"]')).toBeVisible();
    await expect(sent.locator('.cp-headers').first().locator('.cp-header[data-header]')).toHaveCount(sentNames.length);
    // The failing line of the answer is never folded.
    await expect(detail(page).getByRole('region', { name: 'Server answered' }).locator('.cp-header-failed[data-header="access-control-allow-origin"]')).toBeVisible();
    await page.context().close();
  });

  it('checks: the failing one shown, the passed ones behind their count', async () => {
    const s = sample('1007');
    const passed = s.diagnosis.checks.filter((c) => c.outcome === 'passed').length;
    const notNeeded = s.diagnosis.checks.filter((c) => c.outcome === 'skipped').length;
    const page = await openDetail('1007');
    const rows = detail(page).locator('.cp-checks tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveClass(/cp-check-failed/);
    const fold = detail(page).getByRole('button', { name: `${passed} checks passed, ${notNeeded} not needed` });
    await fold.click();
    await expect(rows).toHaveCount(s.diagnosis.checks.length);
    await expect(detail(page).locator('.cp-checks')).toContainText('Not needed');
    await page.context().close();
  });

  it('notes: one "Add a note" button until used', async () => {
    const page = await openDetail('1007');
    await expect(detail(page).getByRole('textbox', { name: 'Note on this exchange' })).toHaveCount(0);
    await detail(page).getByRole('button', { name: 'Add a note' }).click();
    await expect(detail(page).getByRole('textbox', { name: 'Note on this exchange' })).toBeFocused();
    await page.context().close();
  });

  // The detail lists 20 notes at first: a note added past them is shown all the same (wholly in view,
  // the field keeping the keyboard), and the notes not shown yet stay behind "Show more".
  it('notes: the one just added is shown past the first 20, the ones not shown yet behind "Show more"', async () => {
    const page = await openDetail('1007');
    await detail(page).getByRole('button', { name: 'Add a note' }).click();
    const field = detail(page).getByRole('textbox', { name: 'Note on this exchange' });
    const texts = detail(page).locator('.cp-notes .cp-note-text');
    const add = async (n: number): Promise<void> => {
      await field.fill(`note ${n}`);
      await field.press('Control+Enter');
      await expect(texts.filter({ hasText: new RegExp(`^note ${n}$`) })).toBeInViewport({ ratio: 1 });
      await expect(field).toBeFocused();
    };
    for (let n = 1; n <= 22; n++) await add(n);
    const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `note ${from + i}`);
    vexpect(await texts.allTextContents()).toEqual(numbered(1, 22));
    await expect(detail(page).getByRole('button', { name: /more notes/ })).toHaveCount(0);
    // Opened again, the first 20; one added then stands after the two not shown, until shown.
    await row(page, '1002').click();
    await row(page, '1007').click();
    await expect(texts).toHaveCount(20);
    await add(23);
    vexpect(await texts.allTextContents()).toEqual([...numbered(1, 20), 'note 23']);
    await detail(page).getByRole('button', { name: 'Show 2 more notes' }).click();
    await expect(texts).toHaveCount(23);
    vexpect(await texts.allTextContents()).toEqual(numbered(1, 23));
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('words', () => {
  it('no engine words; a redirect is "after redirect 1"; cookies in fetch() terms', async () => {
    const page = await openDetail('1010');
    await detail(page).locator('.cp-checks-fold, .cp-fold-btn').first().click();
    for (const fold of await detail(page).getByRole('button', { name: /checks? passed/ }).all()) await fold.click();
    await expect(detail(page)).toContainText('Response after redirect 1');
    await expect(detail(page)).toContainText('Cookies');
    const text = await detail(page).innerText();
    vexpect(text).not.toMatch(/\bhop \d|Skipped|Credentials mode/);
    await page.context().close();
  });

  it('a blocked 200: the browser withheld it from the page', async () => {
    const s = sample('1002');
    vexpect(s.captured.exchange.hops[0]!.response!.status).toBe(200);
    vexpect(s.diagnosis.verdict).toBe('blocked');
    const page = await openDetail('1002');
    await expect(detail(page).locator('.cp-step-chosen')).toContainText('withheld from the page');
    await expect(detail(page).locator('.cp-withheld')).toContainText('The server answered 200, but the browser withheld the response from the page');
    await page.context().close();
  });
});
