// Firefox suspends an extension's event page when it is idle, as Chromium stops its service
// worker: the capture must survive it (kept encrypted in IndexedDB under a key in
// `storage.session`, as in Chromium). The background is stopped here the way about:debugging's
// "Terminate background script" does it, in the middle of the demo's requests.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import type { DemoServers } from '../../demo/server.ts';
import { capturedTabs, DEMO_RUNS as RUNS, demoUrl, openDemoInFirefox, storedExchanges, type DemoInFirefox, type ExtensionPage, type FirefoxBrowser } from './helpers/firefox.ts';
import { waitFor } from '../../scripts/devtools-frontend.ts';
const BEFORE = RUNS.slice(0, RUNS.length / 2);
const AFTER = RUNS.slice(RUNS.length / 2);

let opened: DemoInFirefox;
let demo: DemoServers;
let firefox: FirefoxBrowser;
let extensionPage: ExtensionPage;
let tabId: number;

const urlOf = (id: string, variant: 'broken' | 'fixed'): string => demoUrl(demo, id, variant);

async function run(runs: typeof RUNS): Promise<void> {
  for (const { endpoint, variant } of runs) {
    await firefox.page.evaluate((id, v) => (window as unknown as { demo: { run(id: string, v: string): Promise<unknown> } }).demo.run(id, v), endpoint.id, variant);
  }
}

async function finished(count: number) {
  return waitFor(async () => {
    const all = await storedExchanges(extensionPage, tabId);
    return all.filter((x) => !x.pending).length >= count ? all : undefined;
  }, `${count} finished exchanges in the capture`);
}

/** The background page's own mark: gone once Firefox has started a new one. */
const mark = (value: string) => extensionPage.evaluate<string | null>(`browser.runtime.getBackgroundPage().then((w) => { const old = w.corsInspectorTestMark ?? null; w.corsInspectorTestMark = ${JSON.stringify(value)}; return old; })`);

beforeAll(async () => {
  opened = await openDemoInFirefox();
  ({ demo, firefox, extensionPage, tabId } = opened);
}, 180_000);

afterAll(async () => {
  await opened?.close();
});

describe('the Firefox background suspended mid-capture', () => {
  it('keeps what was captured before, and captures what comes after', async () => {
    await run(BEFORE);
    const before = await finished(BEFORE.length);
    expect(before).toHaveLength(BEFORE.length);
    await mark('before');

    const extension = `WebExtensionPolicy.getByID(${JSON.stringify(firefox.extensionId)}).extension`;
    const state = await firefox.chrome<string>(`${extension}.terminateBackground().then(() => ${extension}.backgroundState)`);
    expect(state).toBe('stopped');

    // The toolbox's devtools page connects again and wakes it; so would the requests below.
    await run(AFTER);
    const all = await finished(RUNS.length);
    // A new background page: the old one's mark is gone.
    expect(await mark('after')).toBeNull();
    expect(await capturedTabs(extensionPage)).toContain(tabId);

    const urls = all.map((x) => x.exchange.hops[0]!.url).sort();
    expect(urls).toEqual(RUNS.map((r) => urlOf(r.endpoint.id, r.variant)).sort());
    // What was captured before is kept as it was.
    for (const x of before) expect(all.find((y) => y.id === x.id)?.exchange).toEqual(x.exchange);
    // And what came after is whole: preflights paired, verdicts as the demo expects them.
    for (const { endpoint, variant } of AFTER) {
      const exchange = all.find((x) => x.exchange.hops[0]!.url === urlOf(endpoint.id, variant))!.exchange;
      const verdict = diagnose(exchange).verdict;
      expect(verdict === 'allowed' ? 'allowed' : 'failed', `${endpoint.id}:${variant}`).toBe(endpoint.expect[variant]);
    }
  });
});
