// The what-if in the panel: editing the headers of a blocked preflight re-runs the engine on a copy
// of the captured exchange. Allowing the header turns the simulated verdict to allowed, check by
// check; the captured row, its verdict and its headers stay as captured; the screen says nothing is
// sent, and nothing is. In the plain page (the panel with a memory transport), then once in real
// DevTools on the demo's blocked preflight.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { diagnose, explain, probeTargetOf } from '../../src/cors/index.ts';
import { createBundle, probeCommand, probeCommandLines, serializeBundle } from '../../src/export/index.ts';
import type { ObservedExchange } from '../../src/cors/index.ts';
import { simulate, withEdit } from '../../src/ui/detail/what-if.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, storedCapture, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { waitInPanel, type PanelWhere } from './helpers/panel-state.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

const detail = (page: Page) => page.locator('.cp-detail');
const whatIf = (page: Page) => detail(page).locator('details.cp-whatif');
const row = (page: Page, id: string) => page.locator(`[role="option"][id="cp-row-${id}"]`);

// 1007: a PUT whose preflight allows `Content-Type, Authorization` but not x-trace.
const BLOCKED = SAMPLE_EXCHANGES.find((c) => c.id === '1007')!;
const CAPTURED_ALLOW_HEADERS = 'Content-Type, Authorization';

describe('in the plain page', () => {
  let plain: PlainPage;
  beforeAll(async () => {
    plain = await startPlainPage();
  });
  afterAll(async () => {
    await plain?.close();
  });

  async function openWhatIf(id: string): Promise<{ page: Page; requests: string[] }> {
    const page = await plain.open('theme=light');
    await row(page, id).click();
    await expect(detail(page)).toBeVisible();
    // Every request the page makes from here on: a simulation must make none.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await whatIf(page).locator('summary').click();
    await expect(whatIf(page)).toHaveAttribute('open', '');
    return { page, requests };
  }

  it('allowing x-trace on the blocked preflight turns the simulated verdict to allowed; the capture is unchanged and nothing is sent', async () => {
    vexpect(diagnose(BLOCKED.exchange).corsError).toBe('HeaderDisallowedByPreflightResponse');
    const { page, requests } = await openWhatIf('1007');
    const panel = whatIf(page);
    await expect(panel.locator('.cp-whatif-simulation')).toContainText('nothing is sent');
    await expect(panel.locator('.cp-whatif-simulation')).toContainText('the captured exchange stays as it was');

    // Before any edit: the engine's verdict on the copy is the captured one, at the same check.
    const verdict = panel.locator('.cp-whatif-verdict [data-verdict]');
    await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
    await expect(panel.locator('.cp-what-failed mark')).toHaveText('Access-Control-Allow-Headers');

    // The preflight's response is the one being edited (the message the browser stopped at).
    await expect(panel.getByRole('radio', { name: 'Preflight response (OPTIONS)' })).toBeChecked();
    const value = panel.getByRole('textbox', { name: 'Value of Access-Control-Allow-Headers' });
    await expect(value).toHaveValue(CAPTURED_ALLOW_HEADERS);
    await value.fill(`${CAPTURED_ALLOW_HEADERS}, X-Trace`);

    await expect(verdict).toHaveAttribute('data-verdict', 'allowed');
    await expect(panel.locator('.cp-what-failed')).toHaveCount(0);
    // Step by step: every check the engine ran on the copy, none failed, the header check passed.
    const checks = panel.locator('.cp-checks tbody tr');
    vexpect(await checks.count()).toBeGreaterThan(3);
    await expect(panel.locator('.cp-checks tbody tr.cp-check-failed')).toHaveCount(0);
    // The request was never sent; the screen says its response is assumed.
    await expect(panel).toContainText('The request itself was never sent');

    // The edited headers are what the server must send, and the probe checks the deployed fix.
    const must = panel.getByRole('group', { name: 'What the server must send (as edited)' });
    await expect(must).toContainText(`Access-Control-Allow-Headers: ${CAPTURED_ALLOW_HEADERS}, X-Trace`);
    const expectedProbe = probeCommand(probeTargetOf(diagnose(BLOCKED.exchange), BLOCKED.exchange))!;
    vexpect(expectedProbe).toContain('--method PUT');
    vexpect(expectedProbe).toContain('--header x-trace');
    await expect(panel.locator('.cp-probe-command')).toHaveText(expectedProbe);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await panel.getByRole('button', { name: 'Copy probe command' }).click();
    vexpect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expectedProbe);

    // The capture: the row still blocked, the detail's own answer and headers as captured.
    await expect(row(page, '1007')).toHaveAttribute('data-verdict', 'blocked');
    await expect(detail(page).locator('.cp-detail-head [data-verdict]')).toHaveAttribute('data-verdict', 'blocked');
    await expect(detail(page).locator('.cp-fixfirst .cp-what-failed-found')).toHaveText(CAPTURED_ALLOW_HEADERS);
    await expect(detail(page).locator('.cp-pair [data-header="access-control-allow-headers"]')).toContainText(CAPTURED_ALLOW_HEADERS);
    await expect(detail(page).locator('.cp-pair [data-header="access-control-allow-headers"]')).not.toContainText('X-Trace');

    vexpect(requests).toEqual([]);
    vexpect(plain.errors(page)).toEqual([]);
    await page.context().close();
  });

  it('an exchange that allows credentials for its origin: the advisory says one exchange cannot tell more, and offers the probe', async () => {
    const origin = 'https://app.example';
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', origin], ['Cookie', 'sid=1']], initiatorOrigin: origin, credentialsMode: 'include' },
      // What a one-origin allow-list sends (@fastify/cors with a fixed origin): no Vary.
      hops: [{ url: 'https://api.example/me', response: { status: 200, headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']] } }],
      startedAt: Date.UTC(2026, 0, 1),
    };
    const page = await plain.open('theme=light');
    const bundle = serializeBundle(createBundle({ exchanges: [{ id: 'echo-1', exchange }], engineVersion: '0.0.1' }));
    await page.getByLabel('Open a bundle or HAR file').setInputFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(bundle) });
    const imported = page.locator('[role="option"][data-source="import"]');
    await imported.click();
    const advisories = detail(page).getByRole('region', { name: 'Advisories' });
    await expect(advisories).toContainText('cannot be told from one exchange');
    await expect(advisories).not.toContainText(/echoes any|reflects/i);
    const expected = probeCommand({ url: 'https://api.example/me', origin, method: 'GET', headers: [], credentials: true })!;
    await expect(advisories.locator('.cp-probe-command')).toHaveText(expected);
    await expect(advisories.locator('.cp-probe-shells')).toHaveText(['For bash, zsh, PowerShell or cmd']);
    await page.context().close();
  });

  it('a captured URL that cmd would expand: a line per shell, each named, and for cmd the reason instead of a line', async () => {
    const origin = 'https://app.example';
    const url = 'https://api.example/me/%PATH%/!x!?q=1&calc';
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', origin], ['Cookie', 'sid=1']], initiatorOrigin: origin, credentialsMode: 'include' },
      hops: [{ url, response: { status: 200, headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']] } }],
      startedAt: Date.UTC(2026, 0, 1),
    };
    const page = await plain.open('theme=light');
    const bundle = serializeBundle(createBundle({ exchanges: [{ id: 'hostile-1', exchange }], engineVersion: '0.0.1' }));
    await page.getByLabel('Open a bundle or HAR file').setInputFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(bundle) });
    await page.locator('[role="option"][data-source="import"]').click();
    const advisories = detail(page).getByRole('region', { name: 'Advisories' });
    const lines = probeCommandLines({ url, origin, method: 'GET', headers: [], credentials: true });
    vexpect(lines.map((l) => l.shells)).toEqual([['bash', 'zsh'], ['powershell'], ['cmd']]);
    await expect(advisories.locator('.cp-probe-shells')).toHaveText(['For bash, zsh', 'For PowerShell', 'For cmd']);
    await expect(advisories.locator('.cp-probe-command')).toHaveText(lines[0]!.command!);
    await expect(advisories.locator('.cp-probe-cannot')).toContainText('No line for cmd: the captured values hold a "!"');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await advisories.getByRole('button', { name: 'Copy probe command (PowerShell)' }).click();
    vexpect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lines[1]!.command);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no violations in the open what-if, edited (${theme})`, async () => {
      const page = await plain.open(`theme=${theme}`);
      await row(page, '1007').click();
      await whatIf(page).locator('summary').click();
      await whatIf(page).getByRole('button', { name: 'Apply the suggested fix' }).click();
      await expect(whatIf(page).locator('.cp-whatif-verdict [data-verdict]')).toHaveAttribute('data-verdict', 'allowed');
      const axe = await new AxeBuilder({ page }).include('.cp-whatif').analyze();
      vexpect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      vexpect(axe.passes.length).toBeGreaterThan(5);
      await page.context().close();
    });
  }

  it('removing the header again blocks it again; back to the captured headers undoes every edit', async () => {
    const { page } = await openWhatIf('1007');
    const panel = whatIf(page);
    const verdict = panel.locator('.cp-whatif-verdict [data-verdict]');
    await panel.getByRole('button', { name: 'Remove Access-Control-Allow-Headers' }).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
    await panel.getByRole('button', { name: 'Add header' }).click();
    await panel.getByRole('textbox', { name: /^Header name \d+$/ }).last().fill('Access-Control-Allow-Headers');
    await panel.getByRole('textbox', { name: 'Value of Access-Control-Allow-Headers' }).fill('*');
    await expect(verdict).toHaveAttribute('data-verdict', 'allowed');
    await panel.getByRole('button', { name: 'Back to the captured headers' }).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
    await expect(panel.getByRole('textbox', { name: 'Value of Access-Control-Allow-Headers' })).toHaveValue(CAPTURED_ALLOW_HEADERS);
    await page.context().close();
  });

  it('step by step: on a preflight answered 404 without CORS headers, each edit moves the failure to the next check', async () => {
    const captured = SAMPLE_EXCHANGES.find((c) => c.id === '1008')!.exchange;
    const preflight = captured.hops[0]!.preflight!.response!;
    const origin = captured.request.initiatorOrigin!;
    vexpect(preflight.status).toBe(404);
    const PRE = { on: 'preflight', hop: 0 } as const;
    const failedCheck = (status: number, extra: [string, string][]) =>
      simulate(captured, withEdit({}, PRE, { status, headers: [...preflight.headers, ...extra] }), diagnose).diagnosis.checks.find((c) => c.outcome === 'failed')?.name;
    // What the engine says at each step, in Node: the browser must show the same.
    const first = failedCheck(404, []);
    const withOrigin = failedCheck(404, [['Access-Control-Allow-Origin', origin]]);
    const withStatus = failedCheck(204, [['Access-Control-Allow-Origin', origin]]);
    vexpect(new Set([first, withOrigin, withStatus]).size).toBe(3);

    const { page, requests } = await openWhatIf('1008');
    const panel = whatIf(page);
    const failed = panel.locator('.cp-checks tbody tr.cp-check-failed');
    await expect(failed).toHaveAttribute('data-check', first!);
    await panel.getByRole('button', { name: 'Add header' }).click();
    await panel.getByRole('textbox', { name: /^Header name \d+$/ }).last().fill('Access-Control-Allow-Origin');
    await panel.getByRole('textbox', { name: 'Value of Access-Control-Allow-Origin' }).fill(origin);
    await expect(failed).toHaveAttribute('data-check', withOrigin!);
    await panel.getByRole('spinbutton', { name: 'Status' }).fill('204');
    if (withStatus === undefined) await expect(failed).toHaveCount(0);
    else await expect(failed).toHaveAttribute('data-check', withStatus);
    await expect(row(page, '1008')).toHaveAttribute('data-verdict', 'blocked');
    vexpect(requests).toEqual([]);
    await page.context().close();
  });

  it('"Apply the suggested fix" starts from the engine\'s must-send lines, and the engine accepts them', async () => {
    const mustSend = explain(diagnose(BLOCKED.exchange), BLOCKED.exchange).serverMustSend;
    vexpect(mustSend.length).toBeGreaterThan(0);
    const { page, requests } = await openWhatIf('1007');
    const panel = whatIf(page);
    await panel.getByRole('button', { name: 'Apply the suggested fix' }).click();
    await expect(panel.locator('.cp-whatif-verdict [data-verdict]')).toHaveAttribute('data-verdict', 'allowed');
    const must = panel.getByRole('group', { name: 'What the server must send (as edited)' });
    for (const m of mustSend.filter((line) => line.on === 'preflight')) await expect(must).toContainText(`${m.header}: ${m.value}`);
    await expect(row(page, '1007')).toHaveAttribute('data-verdict', 'blocked');
    vexpect(requests).toEqual([]);
    await page.context().close();
  });
});

describe('in real DevTools', () => {
  let demo: DemoServers;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    demo = await startDemo();
    browser = await launchWithExtension({ devtools: true });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("the demo's blocked preflight: allowing its header in the what-if gives allowed, and the row stays blocked", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${demo.pageUrl}?manual`);
    const devtools = await DevtoolsDriver.connect(browser);
    const frontend = await devtools.frontendFor(page.url());
    const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
    const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
    const tabId = await tabIdOf(browser, page);
    const where: PanelWhere = { browser, devtools, page, tabId, frontend, panelId, panelFrame };
    // The capture runs before the page sends anything (what DevTools opening starts, the panel listing it).
    await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the capture started by DevTools opening');
    const path = '/broken/header-not-allowed';
    // When it started (the page's clock, as capturingSince is the browser's), for a failure's message.
    const fetchedAt = await page.evaluate(async (url) => {
      const at = Date.now();
      await fetch(url, { headers: { 'X-Trace-Id': 'demo-1' } }).catch(() => undefined);
      return at;
    }, `${demo.apiOrigin}${path}`);

    const rowOf = `[...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(path)}))`;
    // Open the row and the what-if; read the simulated verdict and the captured Allow-Headers.
    const opened = await waitInPanel(where, async () => {
      const state = await devtools.evaluate<{ verdict: string; allowHeaders: string } | null>(
        panelFrame,
        `(() => {
          const row = ${rowOf};
          if (!row || row.getAttribute('data-verdict') !== 'blocked') return null;
          if (!document.querySelector('.cp-whatif')) row.click();
          const details = document.querySelector('.cp-whatif');
          if (!details) return null;
          details.open = true;
          const input = document.querySelector('.cp-whatif input[aria-label="Value of Access-Control-Allow-Headers"]');
          const verdict = document.querySelector('.cp-whatif-verdict [data-verdict]');
          return input && verdict ? { verdict: verdict.getAttribute('data-verdict'), allowHeaders: input.value } : null;
        })()`,
      );
      return state ?? undefined;
    }, `the what-if of ${path} (fetched at ${fetchedAt})`);
    vexpect(opened.verdict).toBe('blocked');
    vexpect(opened.allowHeaders.toLowerCase()).not.toContain('x-trace-id');

    const after = await waitInPanel(where, async () => {
      const state = await devtools.evaluate<{ simulated: string | null; row: string | null; notice: string } | null>(
        panelFrame,
        `(() => {
          const input = document.querySelector('.cp-whatif input[aria-label="Value of Access-Control-Allow-Headers"]');
          if (!input) return null;
          if (!/x-trace-id/i.test(input.value)) {
            input.value = input.value ? input.value + ', X-Trace-Id' : 'X-Trace-Id';
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }
          return {
            simulated: document.querySelector('.cp-whatif-verdict [data-verdict]')?.getAttribute('data-verdict') ?? null,
            row: ${rowOf}?.getAttribute('data-verdict') ?? null,
            notice: document.querySelector('.cp-whatif-simulation')?.textContent ?? '',
          };
        })()`,
      );
      return state?.simulated === 'allowed' ? state : undefined;
    }, 'the simulated verdict after allowing X-Trace-Id');
    vexpect(after.row).toBe('blocked');
    vexpect(after.notice).toContain('nothing is sent');
    await page.close();
  });
});
