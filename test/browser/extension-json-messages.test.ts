// The extension as Chromium 116-147 runs it: runtime ports that carry JSON. manifest.json asks for
// structured clones (`message_serialization`, honoured from Chromium 148); older Chromium ignores the
// key and serializes every port message as JSON. This Chromium (156) does the same when the key is
// left out, so the test runs `dist/` with the key removed from its manifest, after checking that it
// really switched: a Map and an `undefined` member posted on a port (both ways) arrive as `{}` and
// not at all, where `dist/` itself delivers them as they were sent (a Map, a member set to
// undefined). Then what the structured-clone tests prove, over JSON: the demo's requests captured
// once each and listed in the CORS panel, in real DevTools, with the verdict Chromium gave (read
// over the DevTools protocol on the page, beside the extension); a burst of 1,000 listed whole; and a capture past `MESSAGE_TEXT_LIMIT`
// (request bodies of quotes, backslashes, a control character and non-ASCII text, which the JSON
// port escapes once more) sent in parts, every one a string, all but the last marked `more`, the
// bodies arriving byte for byte, and gathered whole by a panel in a newly opened DevTools.

import { rmSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { MESSAGE_TEXT_LIMIT } from '../../extension/port-transport.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { DIST, launchWithExtension, patchedDist, storedCapture, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { waitInPanel, type PanelWhere } from './helpers/panel-state.ts';

const PROBE_PORT = 'serialization-probe';

/** What crossed a port each way: whether the `undefined` member arrived, and what the Map became. */
interface Crossed {
  undefinedMember: boolean;
  map: string;
}

/**
 * Installs a second `onConnect` listener in the extension's worker, for the probe's port only (the
 * extension's own listener leaves a port of another name alone), which says what it heard and
 * answers with the same values.
 */
async function listenForProbe(browser: ExtensionBrowser): Promise<void> {
  await (await browser.serviceWorker()).evaluate((name) => {
    chrome.runtime.onConnect.addListener((port) => {
      if (port.name !== name) return;
      port.onMessage.addListener((message: { gone?: undefined; map: unknown }) => {
        port.postMessage({ heard: { undefinedMember: 'gone' in message, map: Object.prototype.toString.call(message.map) }, answer: { gone: undefined, map: new Map([['k', 1]]) } });
      });
    });
  }, PROBE_PORT);
}

/** Run in an extension page: posts the values to the worker, resolves with what crossed each way. */
const PROBE = `new Promise((resolve) => {
  const port = chrome.runtime.connect({ name: ${JSON.stringify(PROBE_PORT)} });
  port.onMessage.addListener((message) => {
    port.disconnect();
    resolve({ toWorker: message.heard, toPage: { undefinedMember: 'gone' in message.answer, map: Object.prototype.toString.call(message.answer.map) } });
  });
  port.postMessage({ gone: undefined, map: new Map([['k', 1]]) });
})`;

const AS_JSON = { undefinedMember: false, map: '[object Object]' } satisfies Crossed;
const AS_CLONE = { undefinedMember: true, map: '[object Map]' } satisfies Crossed;

const RUNS = GALLERY.flatMap((endpoint) => (['broken', 'fixed'] as const).map((variant) => ({ endpoint, variant })));
const BURST = 1000;
/** POSTs whose bodies make the capture's JSON text several times `MESSAGE_TEXT_LIMIT`. */
const BIG = 200;

let demo: DemoServers;
let jsonDist: string;
let browser: ExtensionBrowser;
let devtools: DevtoolsDriver;
let page: Page;
let tabId: number;
let where: PanelWhere;
let cdp: CDPSession;
/** Chromium's verdict per URL asked for, from `Network.loadingFailed`/`loadingFinished` on the page. */
const chromiumVerdicts = new Map<string, 'allowed' | 'blocked' | 'network-error'>();

function urlOf(id: string, variant: 'broken' | 'fixed'): string {
  const endpoint = GALLERY.find((e) => e.id === id)!;
  return endpoint.target?.(demo, variant) ?? `${demo.apiOrigin}/${variant}/${id}`;
}

/** DevTools open on the page with the CORS panel shown; the capture started by it. */
async function showPanel(frontend: string, oldFrame?: string): Promise<PanelWhere> {
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await waitFor(async () => {
    const target = (await devtools.targets()).find((t) => t.url.startsWith(`chrome-extension://${browser.extensionId}/extension/panel.html`) && t.targetId !== oldFrame);
    return target?.targetId;
  }, 'the CORS panel’s frame');
  return { browser, devtools, page, tabId, frontend, panelId, panelFrame };
}

/** The panel's list as DevTools shows it: its length (the list is virtual) and the rows in view. */
function panelList(w: PanelWhere) {
  return async () => {
    const rows = await devtools.panelRows(w.panelFrame);
    return { size: rows.length > 0 ? Number(rows[0]!.size) : 0, rows };
  };
}

const settled = async (): Promise<number> => (await storedExchanges(browser, tabId)).filter((x) => !x.pending).length;

beforeAll(async () => {
  demo = await startDemo();
  jsonDist = patchedDist((manifest) => delete manifest['message_serialization']);
  browser = await launchWithExtension({ devtools: true, dist: jsonDist });
  devtools = await DevtoolsDriver.connect(browser);
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
  where = await showPanel(await devtools.frontendFor(page.url()));
  // The other tests pass over structured clones too: they count only if the ports really carry JSON.
  await listenForProbe(browser);
  expect(await devtools.evaluate(where.panelFrame, PROBE), 'the ports of dist/ without message_serialization').toEqual({ toWorker: AS_JSON, toPage: AS_JSON });
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the capture started by the DevTools panel');

  cdp = await browser.context.newCDPSession(page);
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.initiator.type !== 'preflight' && !urls.has(e.requestId)) urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (url) chromiumVerdicts.set(url, 'allowed');
  });
  cdp.on('Network.loadingFailed', (e) => {
    const url = urls.get(e.requestId);
    if (url) chromiumVerdicts.set(url, e.corsErrorStatus ? 'blocked' : 'network-error');
  });
  await cdp.send('Network.enable');
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (jsonDist) rmSync(jsonDist, { recursive: true, force: true });
});

describe('without message_serialization', () => {
  it('Chromium serializes the ports’ messages as JSON, both ways (checked before every test); dist/, with the key, as structured clones', async () => {
    expect(await devtools.evaluate(where.panelFrame, PROBE)).toEqual({ toWorker: AS_JSON, toPage: AS_JSON });

    // The control: the same probe in the build as shipped tells the two modes apart.
    const shipped = await launchWithExtension({ dist: DIST });
    try {
      await listenForProbe(shipped);
      const shippedPage = await shipped.context.newPage();
      await shippedPage.goto(`${demo.pageUrl}?manual`);
      const extensionPage = await shipped.context.newPage();
      await extensionPage.goto(`chrome-extension://${shipped.extensionId}/extension/panel.html?tabId=${await tabIdOf(shipped, shippedPage)}`);
      expect(await extensionPage.evaluate(PROBE)).toEqual({ toWorker: AS_CLONE, toPage: AS_CLONE });
    } finally {
      await shipped.close();
    }
  });

  it('the demo’s requests: each captured once, listed in the DevTools panel with the verdict Chromium gave (read on the page over the DevTools protocol)', async () => {
    await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<unknown> } }).demo.runAll());
    const captured = await waitFor(async () => {
      const all = await storedExchanges(browser, tabId);
      return all.filter((x) => !x.pending).length >= RUNS.length ? all : undefined;
    }, `${RUNS.length} finished exchanges`);
    const expectedUrls = RUNS.map((run) => urlOf(run.endpoint.id, run.variant));
    expect(captured.map((x) => x.exchange.hops[0]!.url).sort()).toEqual([...expectedUrls].sort());

    const { rows } = await waitInPanel(
      where,
      async () => {
        const list = await panelList(where)();
        return list.size === RUNS.length && list.rows.length === RUNS.length && list.rows.every((r) => r.verdict !== 'pending') ? list : undefined;
      },
      `${RUNS.length} rows in the DevTools panel`,
    );
    expect(new Set(rows.map((r) => r.label)).size).toBe(RUNS.length);
    for (const url of expectedUrls) {
      const row = rows.find((r) => r.label.includes(` ${url}.`));
      expect(row, `a row for ${url}`).toBeDefined();
      expect(chromiumVerdicts.get(url), `Chromium's verdict for ${url}`).toBeDefined();
      expect(row!.verdict, url).toBe(chromiumVerdicts.get(url));
    }
    expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['allowed', 'blocked', 'network-error']));
  });

  it(`a burst of ${BURST} concurrent requests: each captured once, all listed in the DevTools panel`, async () => {
    const before = await settled();
    const ok = await page.evaluate(
      async ({ api, count }) => (await Promise.all(Array.from({ length: count }, (_, i) => fetch(`${api}/burst/${i}`).then((r) => r.ok, () => false)))).filter(Boolean).length,
      { api: demo.apiOrigin, count: BURST },
    );
    expect(ok).toBe(BURST);
    const stored = await waitFor(async () => {
      const all = await storedExchanges(browser, tabId);
      return all.filter((x) => !x.pending).length >= before + BURST ? all : undefined;
    }, `${BURST} more finished exchanges`, 60_000);
    expect(stored).toHaveLength(before + BURST);
    expect(new Set(stored.map((x) => x.exchange.hops[0]!.url)).size).toBe(before + BURST);
    const list = await waitInPanel(where, async () => {
      const found = await panelList(where)();
      return found.size === before + BURST && found.rows.every((r) => r.verdict !== 'pending') ? found : undefined;
    }, `${before + BURST} rows in the DevTools panel`, 60_000);
    expect(list.size).toBe(before + BURST);
  });

  it('a capture past MESSAGE_TEXT_LIMIT goes in parts, strings all, and a panel in a newly opened DevTools gathers it whole', async () => {
    const before = await settled();
    // 64,989 bytes a body (the capture keeps bodies as text up to 64 KiB): ~104,000 characters of
    // JSON in the exchange's text, more once the JSON port escapes it again.
    const expectedBody = await page.evaluate(
      async ({ api, count }) => {
        const body = ('"\\'.repeat(8) + '\u0001é€😀<').repeat(2407);
        const sent = await Promise.all(
          Array.from({ length: count }, (_, i) => fetch(`${api}/burst/big-${i}`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).then((r) => r.ok, () => false)),
        );
        return sent.every(Boolean) ? body : null;
      },
      { api: demo.apiOrigin, count: BIG },
    );
    expect(expectedBody).not.toBeNull();
    expect(new TextEncoder().encode(expectedBody!).length).toBeLessThanOrEqual(64 * 1024);
    await waitFor(async () => ((await settled()) >= before + BIG ? true : undefined), `${BIG} more finished exchanges`, 60_000);
    const total = before + BIG;
    expect(await settled()).toBe(total);
    // Written to the log, and shown in the panel, before a new subscriber asks for the whole.
    await waitInPanel(where, async () => ((await panelList(where)()).size === total ? true : undefined), `${total} rows in the DevTools panel`, 60_000);

    // What a new subscriber is sent, read on a port of its own from the panel's page: the snapshot
    // in parts, each part a string (JSON text, escaped once more by the port), then the status its
    // settings change brought (an object); Keep capturing on, so the capture outlives DevTools.
    interface Part {
      kind: string;
      length: number;
      type: string;
      more: boolean | null;
      ids: string[];
      bodiesAsSent: number;
    }
    // Left on the page's window and polled: one evaluation waits 5 s at most, and a loaded machine
    // may take longer to send and parse ~20 MB.
    await devtools.evaluate(
      where.panelFrame,
      `(window.jsonParts = null, new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: 'cors-inspector-panel' });
        const parts = [];
        let status = null;
        let gathered = false;
        port.onMessage.addListener((raw) => {
          const message = typeof raw === 'string' ? JSON.parse(raw) : raw;
          if (message.type === 'status') status = { kind: typeof raw, keepCapturing: message.settings.keepCapturing };
          else if (message.type === 'snapshot' || (parts.length > 0 && !gathered)) {
            parts.push({
              kind: typeof raw,
              length: typeof raw === 'string' ? raw.length : -1,
              type: message.type,
              more: message.more ?? null,
              ids: (message.exchanges ?? []).map((x) => x.id),
              bodiesAsSent: (message.exchanges ?? []).filter((x) => x.exchange.request.body === ${JSON.stringify(expectedBody)}).length,
            });
            gathered = message.more !== true;
          }
          if (gathered && status) {
            port.disconnect();
            resolve({ parts, status });
          }
        });
        port.postMessage({ source: 'cors-inspector-panel', type: 'subscribe', tabId: ${tabId} });
        port.postMessage({ source: 'cors-inspector-panel', type: 'set-settings', tabId: ${tabId}, settings: { keepCapturing: true } });
      }).then((received) => (window.jsonParts = received)), true)`,
    );
    const { parts, status } = await waitFor(
      () => devtools.evaluate<{ parts: Part[]; status: { kind: string; keepCapturing: unknown } } | undefined>(where.panelFrame, 'window.jsonParts ?? undefined'),
      'the snapshot’s parts and the status on a port of the test’s own',
      60_000,
    );
    expect(status).toEqual({ kind: 'object', keepCapturing: true });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((part) => part.kind)).toEqual(parts.map(() => 'string'));
    expect(parts.map((part) => part.type)).toEqual(['snapshot', ...parts.slice(1).map(() => 'upsert')]);
    expect(parts.map((part) => part.more)).toEqual([...parts.slice(1).map(() => true), null]);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT + 1024);
    expect(parts.reduce((sum, part) => sum + part.length, 0)).toBeGreaterThan(2 * MESSAGE_TEXT_LIMIT);
    const ids = parts.flatMap((part) => part.ids);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(parts.reduce((sum, part) => sum + part.bodiesAsSent, 0)).toBe(BIG);

    // DevTools closed (the capture kept), opened again: its new panel starts empty and is sent the
    // snapshot in those parts; only gathered whole does it list every exchange.
    const oldFrame = where.panelFrame;
    await devtools.closeFrontend(where.frontend);
    const frontend = await devtools.openFrontend(page);
    where = await showPanel(frontend, oldFrame);
    const list = await waitInPanel(where, async () => {
      const found = await panelList(where)();
      return found.size === total && found.rows.every((r) => r.verdict !== 'pending') ? found : undefined;
    }, `${total} rows in the new DevTools panel`, 60_000);
    expect(list.size).toBe(total);
    expect((await storedCapture(browser, tabId))?.status.dropped).toBe(0);
  });
});
