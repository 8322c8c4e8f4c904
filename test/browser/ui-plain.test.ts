// The panel in real Chromium: the plain page (panel + memory transport + fake capture side), served
// by a Vite dev server on 127.0.0.1, driven with Playwright. Expected headlines and verdicts are
// computed here by the real engine from the same sample exchanges, so these tests check that the
// panel shows what the engine says — not a copy of today's wording.

import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose, explain } from '../../src/cors/index.ts';
import { wasPreflighted } from '../../src/ui/analysis.ts';
import { neededOf } from '../../src/ui/detail/words.ts';
import { EXTRA_EXCHANGES, HOSTILE_EXCHANGES, PWNED_FLAG, SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { PRECISE_MODE_HELP } from '../../src/ui/precise-mode-help.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let plain: PlainPage;

beforeAll(async () => {
  plain = await startPlainPage();
});

afterAll(async () => {
  await plain?.close();
});

const open = (query: string, viewport?: { width: number; height: number }): Promise<Page> => plain.open(query, viewport);

const options = (page: Page) => page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option');
const optionOf = (page: Page, id: string) => page.locator(`[role="option"][id="cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}"]`);
const detail = (page: Page) => page.locator('.cp-detail');

/** What the real engine says of each exchange: the truth the panel must show. */
function engineView(captured: CapturedExchange) {
  const diagnosis = diagnose(captured.exchange);
  const explanation = explain(diagnosis, captured.exchange);
  return { diagnosis, explanation, preflighted: wasPreflighted(captured.exchange, diagnosis) };
}
const SAMPLES = SAMPLE_EXCHANGES.map((c) => ({ captured: c, ...engineView(c) }));
const sample = (id: string) => SAMPLES.find((s) => s.captured.id === id)!;

describe('the list', () => {
  it('shows every sample with the verdict and headline the engine gives it, failures first', async () => {
    const page = await open('theme=light');
    await expect(options(page)).toHaveCount(SAMPLES.length);
    for (const s of SAMPLES) {
      const row = optionOf(page, s.captured.id);
      await expect(row).toHaveAttribute('data-verdict', s.diagnosis.verdict);
      await expect(row).toContainText(s.explanation.headline);
    }
    // Failures first: no allowed row above a blocked one.
    const verdicts = await options(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));
    vexpect(verdicts.lastIndexOf('blocked')).toBeLessThan(verdicts.indexOf('allowed'));
    // The classes of failure the samples are there to show.
    vexpect(SAMPLES.map((s) => s.diagnosis.corsError)).toEqual(
      vexpect.arrayContaining(['MissingAllowOriginHeader', 'AllowOriginMismatch', 'WildcardOriginNotAllowed', 'HeaderDisallowedByPreflightResponse', 'MethodDisallowedByPreflightResponse']),
    );
    await expect(optionOf(page, '1007')).toContainText('x-trace');
    await expect(optionOf(page, '1011')).toHaveAttribute('data-verdict', 'network-error');
    await expect(optionOf(page, '1007')).toContainText('preflight');
    await page.context().close();
  });

  it('filters: blocked only, preflighted, text search; and the order toggle', async () => {
    const page = await open('theme=light');
    const blocked = SAMPLES.filter((s) => s.diagnosis.verdict === 'blocked');
    const preflighted = SAMPLES.filter((s) => s.preflighted);
    vexpect(blocked.length).toBeGreaterThan(0);
    vexpect(preflighted.length).toBeGreaterThan(0);
    vexpect(blocked.length).toBeLessThan(SAMPLES.length);

    await page.getByLabel('Blocked only').check();
    await expect(options(page)).toHaveCount(blocked.length);
    await expect(page.locator('[role="option"]:not([data-verdict="blocked"])')).toHaveCount(0);

    await page.getByLabel('Preflighted').check();
    await expect(options(page)).toHaveCount(SAMPLES.filter((s) => s.preflighted && s.diagnosis.verdict === 'blocked').length);
    await page.getByLabel('Blocked only').uncheck();
    await expect(options(page)).toHaveCount(preflighted.length);
    await page.getByLabel('Preflighted').uncheck();

    const search = page.getByRole('searchbox', { name: /Filter/ });
    await search.fill('ITEMS/42');
    await expect(options(page)).toHaveCount(SAMPLES.filter((s) => s.captured.exchange.hops[0]!.url.includes('items/42')).length);
    await search.fill('no-such-request');
    await expect(options(page)).toHaveCount(0);
    await expect(page.getByText('No request matches the filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(options(page)).toHaveCount(SAMPLES.length);

    // Time order puts the first request started at the top, whatever its verdict.
    await page.getByRole('combobox', { name: 'Order' }).selectOption('time');
    const first = [...SAMPLES].sort((a, b) => a.captured.exchange.startedAt! - b.captured.exchange.startedAt!)[0]!;
    await expect(options(page).first()).toHaveAttribute('id', `cp-row-${first.captured.id}`);
    await page.context().close();
  });

  it('Clear, Preserve log and Precise mode talk to the capture side; upserts appear', async () => {
    const page = await open('theme=light');
    await page.getByLabel('Preserve log').check();
    await expect.poll(() => page.evaluate(() => window.corsInspectorPlain!.capture.settings.preserveLog)).toBe(true);
    await page.getByLabel('Precise mode', { exact: true }).check();
    await expect.poll(() => page.evaluate(() => window.corsInspectorPlain!.capture.settings.preciseMode)).toBe(true);
    await expect(page.locator('.cp-statusbar')).toContainText('Precise mode');

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(options(page)).toHaveCount(0);
    await expect(page.getByText('List cleared')).toBeVisible();

    await page.evaluate((exchange) => window.corsInspectorPlain!.capture.upsert([exchange]), SAMPLE_EXCHANGES[1]!);
    await expect(options(page)).toHaveCount(1);
    await expect(options(page).first()).toContainText(sample(SAMPLE_EXCHANGES[1]!.id).explanation.headline);
    await page.context().close();
  });

  for (const [availability, hint, ask, askName, theme] of [
    ['needs-precise-build', 'Precise build only', 'how?', 'How to get precise mode', 'light'],
    ['chromium-only', 'Chromium only', 'why?', 'Why precise mode is not offered here', 'dark'],
  ] as const) {
    it(`where the capture side cannot do precise mode (${availability}): the box disabled, ${ask} opens the explanation`, async () => {
      const page = await open(`theme=${theme}&preciseAvailability=${availability}`);
      const box = page.getByLabel('Precise mode', { exact: true });
      await expect(box).toBeDisabled();
      await expect(box).not.toBeChecked();
      await expect(page.getByText(hint, { exact: true })).toBeVisible();
      // A click on a disabled box changes nothing, and nothing is sent.
      await box.click({ force: true });
      await expect(box).not.toBeChecked();
      vexpect(await page.evaluate(() => window.corsInspectorPlain!.capture.preciseModeAsked)).toBe(0);
      vexpect(await page.evaluate(() => window.corsInspectorPlain!.capture.settings.preciseMode)).toBe(false);
      const violations = async (): Promise<string[]> =>
        (await new AxeBuilder({ page }).include('#panel').analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      // Named for what it opens (Tab lands on it past the disabled box); it reads "how?" or "why?".
      const button = page.getByRole('button', { name: askName, exact: true });
      await expect(button).toHaveText(ask);
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      vexpect(await violations()).toEqual([]);
      await button.click();
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('note')).toHaveText(PRECISE_MODE_HELP[availability].explanation);
      vexpect(await violations()).toEqual([]);
      await button.click();
      await expect(page.getByRole('note')).toHaveCount(0);
      await page.context().close();
    });
  }

  it('follows a theme change, and unmounts cleanly', async () => {
    const page = await open('theme=light');
    await expect(page.locator('.cp-root')).toHaveAttribute('data-theme', 'light');
    const lightBg = await page.locator('.cp-root').evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.evaluate(() => window.corsInspectorPlain!.panel.setTheme('dark'));
    await expect(page.locator('.cp-root')).toHaveAttribute('data-theme', 'dark');
    vexpect(await page.locator('.cp-root').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(lightBg);
    await expect(options(page)).toHaveCount(SAMPLES.length);
    await page.evaluate(() => window.corsInspectorPlain!.panel.unmount());
    await expect(page.locator('#panel')).toBeEmpty();
    await page.evaluate((exchange) => window.corsInspectorPlain!.capture.upsert([exchange]), SAMPLE_EXCHANGES[0]!);
    await expect(page.locator('#panel')).toBeEmpty();
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the fallback notice and the dropped count', async () => {
    const page = await open('theme=light&fallback=1');
    await expect(page.getByRole('status').filter({ hasText: 'No host permission' })).toBeVisible();
    await expect(page.locator('.cp-statusbar')).toContainText('1,204 dropped');
    await page.context().close();
  });
});

describe('the detail', () => {
  it('clicking a row shows the detail with the failing header and the expected value highlighted', async () => {
    const page = await open('theme=light');
    const s = sample('1007');
    const failed = s.diagnosis.checks.find((c) => c.outcome === 'failed' && c.header)!;
    vexpect(failed).toBeDefined();
    await optionOf(page, '1007').click();
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(s.explanation.headline);

    const answered = detail(page).getByRole('region', { name: 'Server answered' });
    const mark = answered.locator(`.cp-header-failed[data-header="${failed.header}"]`);
    await expect(mark).toBeVisible();
    await expect(mark.locator('.cp-expected')).toContainText(failed.expected!);
    // The request header it answers is marked on the sent side.
    await expect(detail(page).getByRole('region', { name: 'Browser sent' }).locator('.cp-header-related')).toContainText(/access-control-request-headers/i);
    // The checks in order, the failed one marked (the passed ones are folded behind their count).
    await detail(page).getByRole('button', { name: /checks? passed/ }).click();
    await expect(detail(page).locator('.cp-checks tbody tr')).toHaveCount(s.diagnosis.checks.length);
    await expect(detail(page).locator(`.cp-check-failed[data-check="${failed.name}"]`)).toBeVisible();
    // The explanation, what to send, and the fix with a Copy button.
    await expect(detail(page)).toContainText(s.explanation.explanation.slice(0, 60));
    for (const m of s.explanation.serverMustSend) await expect(detail(page).locator('.cp-must')).toContainText(m.value);
    vexpect(s.explanation.fixes.length).toBeGreaterThan(1);
    await expect(detail(page).getByRole('tab', { selected: true })).toContainText('Express');
    await expect(detail(page).getByRole('tabpanel').locator('code')).toHaveText(s.explanation.fixes[0]!.snippet);
    await detail(page).getByRole('tab').nth(1).click();
    await expect(detail(page).getByRole('tabpanel').locator('code')).toHaveText(s.explanation.fixes[1]!.snippet);
    await page.keyboard.press('ArrowRight');
    await expect(detail(page).getByRole('tab').nth(2)).toBeFocused();
    await expect(detail(page).getByRole('tabpanel').locator('code')).toHaveText(s.explanation.fixes[2]!.snippet);
    await page.keyboard.press('ArrowLeft');
    await detail(page).getByRole('button', { name: /^Copy .*snippet/ }).click();
    await expect(detail(page).getByRole('button', { name: /^Copy .*snippet/ })).toHaveText(/Copied|Copy failed/);
    if (s.explanation.consoleMessage) await expect(detail(page).locator('.cp-console')).toHaveText(s.explanation.consoleMessage);
    if (s.explanation.firefox) await expect(detail(page).getByRole('link', { name: 'MDN reference' })).toHaveAttribute('href', s.explanation.firefox.mdn);
    // Firefox's own console line, as Firefox words it, beside Chromium's.
    vexpect(s.explanation.firefox?.console).toMatch(/^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at /);
    await expect(detail(page).getByLabel('Firefox console message')).toHaveText(s.explanation.firefox!.console!);

    // Another step of the timeline can be inspected.
    await detail(page).locator('.cp-step').filter({ hasText: 'Request' }).click();
    await expect(answered).toContainText('No response');
    await page.context().close();
  });

  it('every blocked sample: the detail opens on the failing step with the failing header marked', async () => {
    const page = await open('theme=light');
    const blocked = SAMPLES.filter((s) => s.diagnosis.verdict === 'blocked');
    for (const s of blocked) {
      await optionOf(page, s.captured.id).click();
      await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(s.explanation.headline);
      await expect(detail(page).locator('.cp-step-chosen')).toContainText('failed here');
      const failedAt = s.diagnosis.failedAt!;
      const onStep = s.diagnosis.checks.filter(
        (c) => c.outcome === 'failed' && c.header && c.hop === failedAt.hop && (c.phase === 'preflight') === (failedAt.phase === 'preflight'),
      );
      for (const check of onStep) {
        const mark = detail(page).getByRole('region', { name: 'Server answered' }).locator(`.cp-header-failed[data-header="${check.header}"]`);
        await expect(mark).toBeVisible();
        // What would have passed, as the what-failed line words it (never "null" after a redirect).
        const needed = neededOf(s.diagnosis, check);
        if (needed !== undefined) await expect(mark.locator('.cp-expected')).toHaveText(`expected ${needed}`);
      }
    }
    await page.context().close();
  });

  it('after a cross-origin redirect, the Origin the browser sent on that hop is shown', async () => {
    const page = await open('theme=light');
    const s = sample('1010');
    const hop1Origin = s.diagnosis.requestOrigins[1]!;
    vexpect(hop1Origin).not.toBe(s.diagnosis.requestOrigins[0]);
    await optionOf(page, '1010').click();
    await expect(detail(page).locator('.cp-step-chosen')).toContainText('Redirect 1');
    await expect(detail(page).getByRole('region', { name: 'Browser sent' }).locator('[data-header="origin"] dd')).toHaveText(hop1Origin);
    await detail(page).locator('.cp-step').first().click();
    await expect(detail(page).getByRole('region', { name: 'Browser sent' }).locator('[data-header="origin"] dd')).toHaveText(s.diagnosis.requestOrigins[0]!);
    await page.context().close();
  });

  it('keyboard: arrows move the selection, Enter opens, Escape closes and returns to the list', async () => {
    const page = await open('theme=light');
    const list = page.getByRole('listbox', { name: 'Cross-origin requests' });
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await expect(options(page).nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options(page).nth(0)).toHaveAttribute('aria-selected', 'false');
    const secondId = await options(page).nth(1).getAttribute('id');
    await expect(list).toHaveAttribute('aria-activedescendant', secondId!);
    await expect(detail(page)).toHaveCount(0);

    await page.keyboard.press('Enter');
    await expect(detail(page)).toBeVisible();
    const second = SAMPLES.find((s) => `cp-row-${s.captured.id}` === secondId)!;
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(second.explanation.headline);

    // With the detail open, the arrows still move through the list and the detail follows.
    await page.keyboard.press('ArrowUp');
    const firstId = await options(page).nth(0).getAttribute('id');
    const first = SAMPLES.find((s) => `cp-row-${s.captured.id}` === firstId)!;
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(first.explanation.headline);

    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    await expect(list).toBeFocused();
    await page.keyboard.press('End');
    await expect(options(page).last()).toHaveAttribute('aria-selected', 'true');
    await page.context().close();
  });

  it('hostile header values and URLs are shown as text, and no script runs', async () => {
    const page = await open('theme=light&extras=1');
    const hostile = HOSTILE_EXCHANGES[0]!;
    await optionOf(page, hostile.id).click();
    await expect(detail(page)).toBeVisible();
    const acao = hostile.exchange.hops[0]!.response!.headers.find(([n]) => n === 'Access-Control-Allow-Origin')![1];
    const debug = hostile.exchange.hops[0]!.response!.headers.find(([n]) => n === 'X-Debug')![1];
    await expect(detail(page).getByText(acao, { exact: true }).first()).toBeVisible();
    // X-Debug is no CORS header: it is folded behind "N other headers" on both sides.
    for (const fold of await detail(page).getByRole('button', { name: /other headers?$/ }).all()) await fold.click();
    await expect(detail(page).getByRole('region', { name: 'Server answered' }).getByText(debug, { exact: true })).toBeVisible();
    await expect(detail(page).getByRole('region', { name: 'Browser sent' }).getByText(debug, { exact: true })).toBeVisible();
    await expect(detail(page).locator('.cp-detail-url')).toContainText('<script>');
    await expect(page.locator('#panel img, #panel script, #panel svg[onload]')).toHaveCount(0);
    vexpect(await page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], PWNED_FLAG)).toBeUndefined();
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });

  it("precise mode: Chromium's verdict beside the engine's, a disagreement shown", async () => {
    const page = await open('theme=light&extras=1&precise=1');
    const disagreeing = EXTRA_EXCHANGES.find((e) => e.id === 'disagree-1')!;
    const engine = engineView(disagreeing);
    vexpect(engine.diagnosis.corsError).not.toBe(disagreeing.exchange.browserVerdict!.corsError);
    await expect(optionOf(page, 'disagree-1')).toContainText('Chromium disagrees');
    await optionOf(page, 'disagree-1').click();
    await expect(detail(page).getByRole('alert')).toContainText('disagrees');
    await expect(detail(page).locator('.cp-compare')).toContainText('MissingAllowOriginHeader');

    await optionOf(page, '1007').click();
    await expect(detail(page).locator('.cp-compare')).toContainText('agrees');
    await expect(optionOf(page, '1007')).not.toContainText('Chromium disagrees');
    await page.context().close();
  });

  it('an exchange in flight is listed as pending; when it completes, row and open detail follow', async () => {
    const page = await open('theme=light&extras=1');
    await expect(optionOf(page, 'pending-1')).toHaveAttribute('data-verdict', 'pending');
    await optionOf(page, 'pending-1').click();
    await expect(detail(page)).toContainText('Still in flight');

    // The same id, now answered without CORS headers.
    const pending = EXTRA_EXCHANGES.find((e) => e.id === 'pending-1')!;
    const done: CapturedExchange = {
      id: pending.id,
      source: pending.source,
      exchange: { ...pending.exchange, hops: [{ url: pending.exchange.hops[0]!.url, response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' },
    };
    const engine = engineView(done);
    vexpect(engine.diagnosis.verdict).toBe('blocked');
    await page.evaluate((exchange) => window.corsInspectorPlain!.capture.upsert([exchange]), done);
    await expect(optionOf(page, 'pending-1')).toHaveAttribute('data-verdict', 'blocked');
    await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText(engine.explanation.headline);
    await expect(detail(page)).not.toContainText('Still in flight');
    await page.context().close();
  });
});

describe('accessibility and layout', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no violations in the list and the detail (${theme})`, async () => {
      const page = await open(`theme=${theme}&precise=1&extras=1`);
      const list = await new AxeBuilder({ page }).include('#panel').analyze();
      vexpect(list.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await optionOf(page, '1007').click();
      await expect(detail(page)).toBeVisible();
      const withDetail = await new AxeBuilder({ page }).include('#panel').analyze();
      vexpect(withDetail.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      vexpect(withDetail.passes.length).toBeGreaterThan(10);
      // The empty list, after Clear.
      await page.getByRole('button', { name: 'Clear' }).click();
      await expect(page.getByText('List cleared')).toBeVisible();
      const empty = await new AxeBuilder({ page }).include('#panel').analyze();
      vexpect(empty.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.context().close();
    });
  }

  it('axe is live here: a planted violation is reported', async () => {
    const page = await open('theme=light');
    await page.evaluate(() => document.querySelector('.cp-statusbar')!.append(Object.assign(document.createElement('img'), { src: 'data:,' })));
    const result = await new AxeBuilder({ page }).include('#panel').analyze();
    vexpect(result.violations.map((v) => v.id)).toContain('image-alt');
    await page.context().close();
  });

  it('at 360px the detail stacks under the list and nothing overflows sideways', async () => {
    const page = await open('theme=light', { width: 360, height: 740 });
    await expect(options(page)).toHaveCount(SAMPLES.length);
    await optionOf(page, '1007').click();
    await expect(detail(page)).toBeVisible();
    const listBox = (await page.getByRole('listbox').boundingBox())!;
    const detailBox = (await detail(page).boundingBox())!;
    vexpect(detailBox.y).toBeGreaterThanOrEqual(listBox.y + listBox.height - 1);
    vexpect(detailBox.width).toBeLessThanOrEqual(360);
    vexpect(listBox.height).toBeGreaterThan(100);
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeInViewport();
    vexpect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const axe = await new AxeBuilder({ page }).include('#panel').analyze();
    vexpect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}panel-narrow-light.png` });
    await page.context().close();
  });

  it('50,000 exchanges: only a bounded number of rows in the DOM, and a keystroke filters', async () => {
    const page = await open('theme=light&count=50000');
    await expect(page.locator('.cp-statusbar')).toContainText('50,000 requests', { timeout: 60_000 });
    const rendered = await options(page).count();
    vexpect(rendered).toBeGreaterThan(10);
    vexpect(rendered).toBeLessThan(120);
    await expect(options(page).first()).toHaveAttribute('aria-setsize', '50000');

    await page.getByRole('listbox').focus();
    await page.keyboard.press('End');
    await expect(page.locator('[role="option"][aria-posinset="50000"]')).toHaveAttribute('aria-selected', 'true');
    vexpect(await options(page).count()).toBeLessThan(120);

    const search = page.getByRole('searchbox', { name: /Filter/ });
    await search.fill('n=4999');
    await search.press('9');
    await expect(options(page)).toHaveCount(1);
    await expect(options(page).first()).toHaveAttribute('id', 'cp-row-bulk-49999');
    await expect(page.locator('.cp-statusbar')).toContainText('1 / 50,000 requests');
    await search.fill('');
    await expect(page.locator('.cp-statusbar')).toContainText('50,000 requests');
    vexpect(await options(page).count()).toBeLessThan(120);
    await page.context().close();
  });

  it('screenshots of list and detail, light and dark', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      // As the default build shows the panel (npm start): precise mode is the precise build's.
      const page = await open(`theme=${theme}&preciseAvailability=needs-precise-build`);
      await expect(options(page)).toHaveCount(SAMPLES.length);
      await page.screenshot({ path: `${SCREENSHOTS}panel-list-${theme}.png` });
      await optionOf(page, '1007').click();
      await expect(detail(page)).toBeVisible();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOTS}panel-detail-${theme}.png` });
      await page.context().close();
    }
  });
});
