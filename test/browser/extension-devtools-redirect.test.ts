// A redirect to another origin, as the user meets it: the CORS panel inside real DevTools, the built
// extension, real traffic. The page (one 127.0.0.1 origin) calls an API on a second, nginx, which
// answers 302 or 307 (allowing the page: a redirect is CORS-checked too) to a third, an Express app
// with no CORS setup, whose answer the browser refuses. The panel's first screen names the third
// origin as the server to fix ("Fix on: ..."), and the fix it shows is the Express app's, not
// nginx's: with DevTools open before the traffic (webRequest's capture); opened after it, when
// neither the capture nor DevTools' own log holds it and the panel reloads the page on a click; and
// with the capture read from DevTools' own log (no host permission). And in the real panel, docked
// below the page, a note added past the first 20 is shown and scrolled into view.

import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { diagnose, explain } from '../../src/cors/index.ts';
import { expressApp } from '../fix-proof/apps.ts';
import { startNodeApp } from '../servers/app.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, patchedDist, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let pageServer: Server;
let pageOrigin: string;
let nginx: RunningServer;
let express: RunningServer;
/** The URLs the page calls (nginx's, answering 302 or 307), and where nginx sends both (the Express app's). */
let calls: Record<302 | 307, string>;
let target: string;

beforeAll(async () => {
  // The page: `callApi(url)` fetches the API (`?api=`, by default); with `?auto` it does so on load
  // and marks the body when done.
  pageServer = createServer((request, response) => {
    const api = new URL(request.url ?? '/', 'http://x').searchParams.get('api') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>redirect page</title>
<script>
window.callApi = (url = ${JSON.stringify(api)}) => fetch(url).then((r) => 'status ' + r.status, (e) => 'failed: ' + e.message);
if (location.search.includes('auto')) callApi().then((outcome) => { document.body.dataset.outcome = outcome; });
</script><body>page</body>`);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  express = await startNodeApp('express', expressApp('// no CORS setup at all'));
  nginx = await startNginx({
    server: `        location /api/ {
            add_header Access-Control-Allow-Origin "${pageOrigin}" always;
            return 302 ${express.origin}/api/items;
        }
        location /v2/ {
            add_header Access-Control-Allow-Origin "${pageOrigin}" always;
            return 307 ${express.origin}/api/items;
        }`,
  });
  calls = { 302: `${nginx.origin}/api/report`, 307: `${nginx.origin}/v2/report` };
  target = `${express.origin}/api/items`;
});

afterAll(async () => {
  await nginx?.stop();
  await express?.stop();
  await new Promise((resolve) => pageServer?.close(resolve));
});

const pageUrl = (called: string, auto: boolean): string => `${pageOrigin}/${auto ? '?auto&' : '?'}api=${encodeURIComponent(called)}`;

/** What the detail's first screen shows, read from the panel's frame. */
interface Top {
  fixOn: string | null;
  whatFailed: string | null;
  tab: string | null;
  fixTitle: string | null;
  snippet: string | null;
  /** The mark on the refused header under "Server answered". */
  answered: string | null;
}

const READ_TOP = `(() => {
  const detail = document.querySelector('.cp-detail');
  const text = (selector) => detail?.querySelector(selector)?.textContent ?? null;
  return {
    fixOn: text('.cp-fixfirst .cp-fix-on'),
    whatFailed: text('.cp-fixfirst .cp-what-failed'),
    tab: text('.cp-fixes [role="tab"][aria-selected="true"]'),
    fixTitle: text('.cp-fixes .cp-fix-title'),
    snippet: text('.cp-fixes .cp-code'),
    answered: text('[aria-label="Server answered"] .cp-header-failed[data-header="access-control-allow-origin"] .cp-expected'),
  };
})()`;

interface InDevtools {
  devtools: DevtoolsDriver;
  frontend: string;
  panelId: string;
  panelFrame: string;
}

/** Opens the blocked row of the redirected call in the panel, and reads the detail's top. */
async function openBlockedRow(page: Page, d: InDevtools, called: string): Promise<Top> {
  return waitFor(
    async () => {
      await page.bringToFront();
      await d.devtools.keepPanelShown(d.frontend, d.panelId);
      const opened = await d.devtools.evaluate<boolean>(
        d.panelFrame,
        `(() => {
          const row = [...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(called)}) && el.getAttribute('data-verdict') === 'blocked');
          if (!row) return false;
          if (!document.querySelector('.cp-detail')) row.click();
          return true;
        })()`,
      );
      if (!opened) return undefined;
      const top = await d.devtools.evaluate<Top>(d.panelFrame, READ_TOP);
      return top.whatFailed !== null && top.snippet !== null ? top : undefined;
    },
    `the blocked row of ${called} opened in the panel`,
    60_000,
  );
}

/** The expected top, from the engine run here on the exchange the capture holds. */
function expectTop(top: Top, exchange: Parameters<typeof diagnose>[0], called: string): void {
  const diagnosis = diagnose(exchange);
  const explanation = explain(diagnosis, exchange);
  // The capture holds the redirect: the page's call, then the target whose answer was refused.
  expect(exchange.hops.map((hop) => hop.url)).toEqual([called, target]);
  expect(diagnosis.verdict).toBe('blocked');
  expect(diagnosis.failedAt).toEqual({ hop: 1, phase: 'response' });
  expect(top.fixOn).toBe(`Fix on: ${express.origin}, the redirect's target, whose answer was refused (not ${nginx.origin}, which the page called)`);
  // The fix shown is the Express app's (the target's), not nginx's (the server the page called).
  expect(explanation.fixes[0]?.target).toBe('express');
  // nor any fix for nginx, which only redirected: the refused answer never passed through it.
  expect(explanation.fixes.map((fix) => fix.target)).not.toContain('nginx');
  expect(top.tab).toBe('Express (detected)');
  expect(top.fixTitle).toBe(explanation.fixes[0]!.title);
  expect(top.snippet).toBe(explanation.fixes[0]!.snippet);
  expect(top.snippet).not.toMatch(/nginx|add_header/);
  // The evidence under the fix says what would pass as the top does: never "null".
  const needed = '* (the browser sent Origin: null after the cross-origin redirect; never allow null)';
  expect(top.whatFailed).toContain(`needed ${needed}`);
  expect(top.answered).toBe(`expected ${needed}`);
}

describe('DevTools open before the traffic', () => {
  let browser: ExtensionBrowser;
  let page: Page;
  let d: InDevtools;

  beforeAll(async () => {
    browser = await launchWithExtension({ devtools: true });
    page = await browser.context.newPage();
    await page.goto(pageUrl(calls[302], false));
    const devtools = await DevtoolsDriver.connect(browser);
    const frontend = await devtools.frontendFor(page.url());
    const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
    const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
    // Docked below the page, as DevTools often is: the panel is shorter than 20 notes.
    await devtools.evaluate(frontend, `(async () => { (await import('./ui/legacy/legacy.js')).DockController.DockController.instance().setDockSide('bottom'); return true; })()`);
    d = { devtools, frontend, panelId, panelFrame };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names the redirect target as the server to fix, and shows its fix (302 and 307)', async () => {
    const tabId = await tabIdOf(browser, page);
    await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the subscription from the DevTools panel');
    for (const called of [calls[302], calls[307]]) {
      expect(await page.evaluate((url) => (window as unknown as { callApi(url: string): Promise<string> }).callApi(url), called)).toMatch(/^failed: /);
      await d.devtools.evaluate(d.panelFrame, `(document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(), true)`);
      const top = await openBlockedRow(page, d, called);
      const stored = await waitFor(async () => (await storedExchanges(browser, tabId)).find((x) => !x.pending && x.exchange.hops[0]?.url === called), 'the exchange stored');
      expect(stored.source).toBe('webRequest');
      expectTop(top, stored.exchange, called);
    }
  });

  // The detail lists 20 notes at first: one added past them is shown all the same, wholly in view
  // in the panel's frame, the field keeping the keyboard; the ones not shown yet stay behind "Show more".
  it('a note added past the first 20 is shown and scrolled into view, in the real panel', async () => {
    const { devtools, panelFrame } = d;
    await devtools.evaluate(panelFrame, `(document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(), true)`);
    await openBlockedRow(page, d, calls[302]);
    await devtools.evaluate(panelFrame, `[...document.querySelectorAll('.cp-detail button')].find((b) => b.textContent === 'Add a note').click()`);
    const field = `document.querySelector('.cp-detail textarea[aria-label="Note on this exchange"]')`;
    await waitFor(() => devtools.evaluate<boolean>(panelFrame, `(${field} === document.activeElement) || undefined`), 'the note field, focused');
    const texts = `[...document.querySelectorAll('.cp-detail .cp-notes .cp-note-text')].map((el) => el.textContent)`;
    /** Types the note as a person does (keys sent to the panel's frame), then Ctrl+Enter. */
    const add = async (n: number): Promise<void> => {
      await devtools.send(panelFrame, 'Input.insertText', { text: `note ${n}` });
      for (const type of ['rawKeyDown', 'keyUp']) await devtools.send(panelFrame, 'Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: 2 });
      // Wholly inside the detail's scrolling body and the panel's window, as the user sees it.
      await waitFor(async () => {
        await page.bringToFront();
        await devtools.keepPanelShown(d.frontend, d.panelId);
        return devtools.evaluate<boolean>(
          panelFrame,
          `(() => {
            const note = [...document.querySelectorAll('.cp-detail .cp-notes .cp-note-text')].find((el) => el.textContent === ${JSON.stringify(`note ${n}`)});
            if (!note) return undefined;
            const r = note.getBoundingClientRect();
            const body = document.querySelector('.cp-detail .cp-detail-body').getBoundingClientRect();
            const top = Math.max(0, body.top), bottom = Math.min(innerHeight, body.bottom);
            return r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5 ? true : undefined;
          })()`,
        );
      }, `note ${n} wholly in view in the panel`);
      expect(await devtools.evaluate<boolean>(panelFrame, `${field} === document.activeElement`)).toBe(true);
    };
    const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `note ${from + i}`);
    for (let n = 1; n <= 22; n++) await add(n);
    expect(await devtools.evaluate<string[]>(panelFrame, texts)).toEqual(numbered(1, 22));
    // The panel's window is shorter than 20 notes: note 21 came into view by the scroll.
    const heights = await devtools.evaluate<{ window: number; notes: number }>(
      panelFrame,
      `({ window: innerHeight, notes: document.querySelector('.cp-detail .cp-note-list').getBoundingClientRect().height })`,
    );
    expect(heights.notes).toBeGreaterThan(heights.window);

    // Opened again, the first 20; one added then stands after the two not shown, until shown.
    await devtools.evaluate(panelFrame, `document.querySelector('.cp-detail button[aria-label="Close detail"]').click()`);
    // Closed before it is opened again: openBlockedRow clicks a row only when no detail is open, so
    // a detail still closing when it looked left the row unclicked (seen in CI, session 39).
    await waitFor(async () => ((await devtools.evaluate<boolean>(panelFrame, `document.querySelector('.cp-detail') === null`)) ? true : undefined), 'the detail closed');
    await openBlockedRow(page, d, calls[302]);
    await waitFor(async () => ((await devtools.evaluate<string[]>(panelFrame, texts)).length === 20 ? true : undefined), 'the first 20 notes');
    await devtools.evaluate(panelFrame, `${field}.focus()`);
    await add(23);
    expect(await devtools.evaluate<string[]>(panelFrame, texts)).toEqual([...numbered(1, 20), 'note 23']);
    await devtools.evaluate(panelFrame, `[...document.querySelectorAll('.cp-detail button')].find((b) => b.textContent === 'Show 2 more notes').click()`);
    const all = await waitFor(async () => {
      const shown = await devtools.evaluate<string[]>(panelFrame, texts);
      return shown.length === 23 ? shown : undefined;
    }, 'all 23 notes');
    expect(all).toEqual(numbered(1, 23));
  });
});

describe('DevTools opened after the traffic', () => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('the panel reloads the page on a click; the redirected call (307) is then listed with the target to fix', async () => {
    const called = calls[307];
    browser = await launchWithExtension();
    const page = await browser.context.newPage();
    await page.goto(pageUrl(called, true));
    await page.waitForSelector('body[data-outcome]', { state: 'attached' });
    expect(await page.getAttribute('body', 'data-outcome')).toMatch(/^failed: /);
    const devtools = await DevtoolsDriver.connect(browser);
    const frontend = await devtools.openFrontend(page);
    const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
    const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
    const d = { devtools, frontend, panelId, panelFrame };
    const tabId = await tabIdOf(browser, page);
    // DevTools' log holds nothing from before it opened, nor does the capture: the panel says so.
    await waitFor(async () => {
      await devtools.keepPanelShown(frontend, panelId);
      const shown = await devtools.evaluate<string>(panelFrame, 'document.body.innerText');
      return shown.includes('Nothing captured since DevTools opened') ? true : undefined;
    }, 'the empty panel');
    await devtools.evaluate(panelFrame, `[...document.querySelectorAll('button')].find((b) => b.textContent === 'Reload page to capture').click()`);
    await page.waitForSelector('body[data-outcome]', { state: 'attached' });
    const top = await openBlockedRow(page, d, called);
    const stored = await waitFor(async () => (await storedExchanges(browser!, tabId)).find((x) => !x.pending && x.exchange.hops[0]?.url === called), 'the exchange stored');
    expectTop(top, stored.exchange, called);
    // The page's one cross-origin request, counted in the singular under the list.
    expect(await devtools.evaluate<string>(panelFrame, `document.querySelector('.cp-statusbar span').textContent`)).toBe('1 request');
  });
});

describe("DevTools' own network log (no host permission: the capture reads it)", () => {
  let browser: ExtensionBrowser | undefined;
  let dist: string | undefined;
  afterEach(async () => {
    await browser?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
    browser = undefined;
    dist = undefined;
  });

  it('the redirects (302 and 307) read from the log: the target to fix and its fix', async () => {
    dist = patchedDist((manifest) => {
      delete manifest['host_permissions'];
    });
    browser = await launchWithExtension({ dist, devtools: true });
    const page = await browser.context.newPage();
    await page.goto(pageUrl(calls[302], false));
    const devtools = await DevtoolsDriver.connect(browser);
    const frontend = await devtools.frontendFor(page.url());
    const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
    const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
    const d = { devtools, frontend, panelId, panelFrame };
    const tabId = await devtools.evaluate<number>(panelFrame, 'chrome.devtools.inspectedWindow.tabId');
    await waitFor(async () => ((await storedCapture(browser!, tabId))?.status.fallback === 'devtools-network' ? true : undefined), 'the service worker reporting the fallback');
    for (const called of [calls[302], calls[307]]) {
      expect(await page.evaluate((url) => (window as unknown as { callApi(url: string): Promise<string> }).callApi(url), called)).toMatch(/^failed: /);
      await devtools.evaluate(panelFrame, `(document.querySelector('.cp-detail button[aria-label="Close detail"]')?.click(), true)`);
      const top = await openBlockedRow(page, d, called);
      // webRequest saw nothing: the row is DevTools' log's, read in the panel; the engine judges the
      // same log here, read through the capture's HAR mapper as the panel reads it.
      expect(await storedExchanges(browser, tabId)).toEqual([]);
      const logged = await devtools.evaluate<string>(panelFrame, `chrome.devtools.network.getHAR().then((har) => JSON.stringify(har))`);
      const fromLog = exchangesFromHar({ log: { version: '1.2', creator: { name: 'DevTools', version: '' }, ...JSON.parse(logged) } }).find((x) => x.hops[0]?.url === called);
      expect(fromLog).toBeDefined();
      expectTop(top, fromLog!, called);
    }
  });
});
