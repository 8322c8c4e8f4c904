// The extension loaded into real Chromium, the demo page calling the demo API: what webRequest
// captured must be enough for the engine to reach Chromium's own verdict (read from the DevTools
// protocol on the same page), and the panel (opened as a tab) must list every exchange with it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright';
import { diagnose } from '../../src/cors/index.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { GALLERY } from '../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
let tabId: number;
let cdp: CDPSession;
/** Chromium's verdict per URL asked for, from `Network.loadingFailed`/`loadingFinished`. */
const chromiumVerdicts = new Map<string, { corsError: string | null; errorText: string | null }>();
let captured: CapturedExchange[] = [];

const RUNS = GALLERY.flatMap((endpoint) => (['broken', 'fixed'] as const).map((variant) => ({ endpoint, variant })));

function urlOf(id: string, variant: 'broken' | 'fixed'): string {
  const endpoint = GALLERY.find((e) => e.id === id)!;
  return endpoint.target?.(demo, variant) ?? `${demo.apiOrigin}/${variant}/${id}`;
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  tabId = await tabIdOf(browser, page);
  panel = await openPanelTab(browser, tabId);
  // The panel subscribed: from now on the tab is captured. Wait for its first snapshot.
  await waitFor(async () => ((await storedExchanges(browser, tabId)) ? true : undefined), 'the subscription');

  // The browser's own verdicts, from the DevTools protocol of the page itself.
  cdp = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.initiator.type !== 'preflight' && !urls.has(e.requestId)) urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (url) chromiumVerdicts.set(url, { corsError: null, errorText: null });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const url = urls.get(e.requestId);
    if (url) chromiumVerdicts.set(url, { corsError: e.corsErrorStatus?.corsError ?? null, errorText: e.errorText });
  });
  await cdp.send('Network.enable');

  await page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<unknown> } }).demo.runAll());
  captured = await waitFor(async () => {
    const all = await storedExchanges(browser, tabId);
    const done = all.filter((x) => !x.pending);
    return done.length >= RUNS.length ? all : undefined;
  }, `${RUNS.length} finished exchanges in the capture`);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('webRequest capture of the demo', () => {
  it('captures one exchange per demo request, nothing pending, no duplicates', () => {
    const urls = captured.map((x) => x.exchange.hops[0]!.url).sort();
    expect(urls).toEqual(RUNS.map((r) => urlOf(r.endpoint.id, r.variant)).sort());
    expect(captured.every((x) => x.source === 'webRequest' && !x.pending)).toBe(true);
  });

  it.each(RUNS.map((r) => [r.endpoint.id, r.variant] as const))('%s (%s): the engine agrees with Chromium on the captured exchange', (id, variant) => {
    const url = urlOf(id, variant);
    const exchange = captured.find((x) => x.exchange.hops[0]!.url === url)?.exchange;
    expect(exchange, `captured ${url}`).toBeDefined();
    const chromium = chromiumVerdicts.get(url);
    expect(chromium, `Chromium's verdict for ${url}`).toBeDefined();
    // What webRequest says about the failure is what the browser said.
    expect(exchange!.errorText ?? null).toBe(chromium!.errorText);
    const diagnosis = diagnose(exchange!);
    expect(diagnosis.corsError ?? null).toBe(chromium!.corsError);
    const expectedVerdict = chromium!.corsError ? 'blocked' : chromium!.errorText ? 'network-error' : 'allowed';
    expect(diagnosis.verdict).toBe(expectedVerdict);
  });

  it('pairs preflights with their requests and keeps redirect chains', () => {
    const byUrl = new Map(captured.map((x) => [x.exchange.hops[0]!.url, x.exchange]));
    const put = byUrl.get(urlOf('header-not-allowed', 'broken'))!;
    expect(put.hops[0]!.preflight?.requestHeaders.some(([n, v]) => n.toLowerCase() === 'access-control-request-headers' && v === 'x-trace-id')).toBe(true);
    expect(put.hops[0]!.response).toBeNull();
    const tainted = byUrl.get(urlOf('tainted-origin', 'fixed'))!;
    expect(tainted.hops.map((h) => new URL(h.url).origin)).toEqual([demo.apiOrigin, demo.otherOrigin]);
    expect(tainted.hops.map((h) => h.response?.status)).toEqual([302, 200]);
  });
});

describe('the panel opened as a tab', () => {
  it('lists every exchange with the verdict Chromium reached', async () => {
    const rows = await waitFor(async () => {
      const found = await panel.$$eval('[role="option"][data-verdict]', (els) =>
        els.map((el) => ({ verdict: el.getAttribute('data-verdict'), label: el.getAttribute('aria-label') ?? '', size: el.getAttribute('aria-setsize') })),
      );
      return found.length >= RUNS.length && found.every((r) => r.verdict !== 'pending') ? found : undefined;
    }, 'the panel rows');
    expect(Number(rows[0]!.size)).toBe(RUNS.length);
    for (const run of RUNS) {
      const url = urlOf(run.endpoint.id, run.variant);
      const row = rows.find((r) => r.label.includes(` ${url}.`));
      expect(row, `a row for ${url}`).toBeDefined();
      const chromium = chromiumVerdicts.get(url)!;
      const expected = chromium.corsError ? 'blocked' : chromium.errorText ? 'network-error' : 'allowed';
      expect(row!.verdict, url).toBe(expected);
    }
  });

  it('names the header the preflight did not allow in its headline', async () => {
    const url = urlOf('header-not-allowed', 'broken');
    const label = await panel.$$eval('[role="option"]', (els, u) => els.map((el) => el.getAttribute('aria-label') ?? '').find((l) => l.includes(` ${u}.`)), url);
    expect(label?.toLowerCase()).toContain('x-trace-id');
  });
});
