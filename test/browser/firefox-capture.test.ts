// The Firefox build of the extension in Debian's firefox-esr, the toolbox open on the demo page
// (`--devtools`, so the extension's devtools page starts the capture as in a user's Firefox): what
// webRequest captured must be enough for the engine to reach Firefox's own verdict (a CORS block
// is a console message whose category names the reason; a network failure fails the fetch without
// one), the panel must list every exchange with it, both in Firefox's DevTools toolbox (where a
// user meets it) and opened as a tab, and the page must see the same outcomes with and without
// the extension.
//
// The engine judges with its Firefox profile (FIREFOX_RULES), as the Firefox build's panel does.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, explain, FIREFOX_RULES, headline, preflightPassed } from '../../src/cors/index.ts';
import { preflightCacheNote } from '../../src/ui/detail/preflight-cache-note.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import type { DemoServers } from '../../demo/server.ts';
import { corsConsoleReasons, DEMO_RUNS as RUNS, demoUrl, launchFirefox, openDemoInFirefox, panelRows, storedExchanges, type DemoInFirefox, type ExtensionPage, type FirefoxBrowser, type PanelRow } from './helpers/firefox.ts';
import { showCorsPanel, toolboxCorsPanel } from '../../scripts/firefox-toolbox.ts';
import { waitFor } from '../../scripts/devtools-frontend.ts';

type Outcome = { outcome: 'allowed'; status: number } | { outcome: 'failed'; error: string };
type Verdict = 'allowed' | 'blocked' | 'network-error';

let opened: DemoInFirefox;
let demo: DemoServers;
let firefox: FirefoxBrowser;
let extensionPage: ExtensionPage;
let panel: ExtensionPage;
let toolboxPanel: ExtensionPage;
let tabId: number;
let outcomes: Record<string, Outcome>;
let captured: CapturedExchange[] = [];
/** Firefox's verdict per URL: its console's CORS message names the URL of a blocked request. */
const firefoxVerdicts = new Map<string, { verdict: Verdict; reason: string | null }>();

const urlOf = (id: string, variant: 'broken' | 'fixed'): string => demoUrl(demo, id, variant);

/** The URL in Firefox's "Cross-Origin Request Blocked: … the remote resource at URL. (Reason: …)". */
function refusedUrl(message: string): string | null {
  return /remote resource at ‘?(\S+?)’?\. \(Reason:/.exec(message)?.[1] ?? null;
}

function runAll(page: FirefoxBrowser['page']): Promise<Record<string, Outcome>> {
  return page.evaluate(() => (window as unknown as { demo: { runAll(): Promise<Record<string, Outcome>> } }).demo.runAll());
}

beforeAll(async () => {
  opened = await openDemoInFirefox();
  ({ demo, firefox, extensionPage, tabId } = opened);
  panel = await firefox.openExtensionPage(`extension/panel.html?tabId=${tabId}`);
  // The toolbox opened with the demo's tab; its CORS panel in front before the requests run.
  await showCorsPanel(firefox);
  toolboxPanel = toolboxCorsPanel(firefox);

  outcomes = await runAll(firefox.page);
  captured = await waitFor(async () => {
    const all = await storedExchanges(extensionPage, tabId);
    return all.filter((x) => !x.pending).length >= RUNS.length ? all : undefined;
  }, `${RUNS.length} finished exchanges in the capture`);
  const reasons = await corsConsoleReasons(firefox);
  for (const run of RUNS) {
    const url = urlOf(run.endpoint.id, run.variant);
    const outcome = outcomes[`${run.endpoint.id}:${run.variant}`]!;
    // Firefox's message names the URL it refused: the request's, or the one it was redirected to.
    const hopUrls = captured.find((x) => x.exchange.hops[0]!.url === url)?.exchange.hops.map((h) => h.url) ?? [url];
    const named = reasons.filter((r) => hopUrls.some((u) => refusedUrl(r.message) === u));
    // "CORS request did not succeed" is Firefox's word for a request that got no response at all
    // (refused, reset); after a CORS error it is logged too, as a consequence.
    const corsError = named.find((r) => !r.category.startsWith('CORSDidNotSucceed'));
    const verdict: Verdict = outcome.outcome === 'allowed' ? 'allowed' : corsError ? 'blocked' : 'network-error';
    firefoxVerdicts.set(url, { verdict, reason: corsError?.category ?? named[0]?.category ?? null });
  }
}, 180_000);

afterAll(async () => {
  await opened?.close();
});

describe('webRequest capture of the demo in Firefox', () => {
  it('captures one exchange per demo request, nothing pending, no duplicates', () => {
    const urls = captured.map((x) => x.exchange.hops[0]!.url).sort();
    expect(urls).toEqual(RUNS.map((r) => urlOf(r.endpoint.id, r.variant)).sort());
    expect(captured.every((x) => x.source === 'webRequest' && !x.pending)).toBe(true);
  });

  it('sees the page’s outcomes as the demo expects them', () => {
    for (const run of RUNS) expect(outcomes[`${run.endpoint.id}:${run.variant}`]?.outcome, `${run.endpoint.id}:${run.variant}`).toBe(run.endpoint.expect[run.variant]);
  });

  it.each(RUNS.map((r) => [r.endpoint.id, r.variant] as const))('%s (%s): the engine agrees with Firefox on the captured exchange', (id, variant) => {
    const url = urlOf(id, variant);
    const exchange = captured.find((x) => x.exchange.hops[0]!.url === url)?.exchange;
    expect(exchange, `captured ${url}`).toBeDefined();
    const firefoxVerdict = firefoxVerdicts.get(url)!;
    expect(diagnose(exchange!, FIREFOX_RULES).verdict, `Firefox: ${firefoxVerdict.reason ?? firefoxVerdict.verdict}`).toBe(firefoxVerdict.verdict);
  });

  it('pairs preflights with their requests, and keeps redirect chains', () => {
    const byUrl = new Map(captured.map((x) => [x.exchange.hops[0]!.url, x.exchange]));
    const get = byUrl.get(urlOf('header-not-allowed', 'broken'))!;
    expect(get.hops[0]!.preflight?.requestHeaders.some(([n, v]) => n.toLowerCase() === 'access-control-request-headers' && v === 'x-trace-id')).toBe(true);
    expect(get.hops[0]!.response).toBeNull();
    const fixed = byUrl.get(urlOf('header-not-allowed', 'fixed'))!;
    expect(fixed.hops[0]!.preflight?.response?.status).toBeGreaterThanOrEqual(200);
    expect(fixed.hops[0]!.response?.status).toBe(200);
    const tainted = byUrl.get(urlOf('tainted-origin', 'fixed'))!;
    expect(tainted.hops.map((h) => new URL(h.url).origin)).toEqual([demo.apiOrigin, demo.otherOrigin]);
    expect(tainted.hops.map((h) => h.response?.status)).toEqual([302, 200]);
  });
});

/** The panel's rows once it lists every run, none pending. */
function listedRows(panelPage: ExtensionPage): Promise<PanelRow[]> {
  return waitFor(async () => {
    const rows = await panelRows(panelPage);
    return rows.length >= RUNS.length && rows.every((r) => r.verdict !== 'pending') ? rows : undefined;
  }, 'the panel rows');
}

/**
 * Read from the panel's detail of the request to `url` (its row selected, then its detail shown):
 * `read`, JavaScript of `detail` run in the panel, once it gives a value.
 */
function detailOf(url: string, read: string, what: string): Promise<string> {
  return waitFor(
    () =>
      panel.evaluate<string | undefined>(`(() => {
        const row = [...document.querySelectorAll('[role="option"]')].find((r) => (r.getAttribute('aria-label') ?? '').includes(${JSON.stringify(` ${url}.`)}));
        if (!row) return undefined;
        if (!row.classList.contains('cp-row-selected')) row.click();
        const detail = document.querySelector('.cp-detail');
        if (!detail || !(detail.querySelector('.cp-detail-url')?.textContent ?? '').includes(${JSON.stringify(url)}) || !detail.querySelector('.cp-section-title')) return undefined;
        return (${read}) ?? undefined;
      })()`),
    what,
  );
}

/** One row per demo request, with Firefox's verdict, and the reason the engine gives with its Firefox profile. */
function expectDemoListed(rows: PanelRow[]): void {
  expect(rows[0]!.size).toBe(RUNS.length);
  expect(rows.length).toBe(RUNS.length);
  for (const run of RUNS) {
    const url = urlOf(run.endpoint.id, run.variant);
    const row = rows.find((r) => r.label.includes(` ${url}.`));
    expect(row, `a row for ${url}`).toBeDefined();
    expect(row!.verdict, url).toBe(firefoxVerdicts.get(url)!.verdict);
    const exchange = captured.find((x) => x.exchange.hops[0]!.url === url)!.exchange;
    expect(row!.reason, url).toBe(headline(diagnose(exchange, FIREFOX_RULES), exchange));
  }
}

describe('the panel in Firefox’s DevTools toolbox', () => {
  it('is the selected tool, and lists every exchange with Firefox’s verdict and its reason', async () => {
    expectDemoListed(await listedRows(toolboxPanel));
  });

  it('says precise mode is Chromium’s only before anyone ticks it: the box disabled, why? opens the explanation', async () => {
    const box = `[...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Precise mode').querySelector('input')`;
    // Disabled once the worker's snapshot said this build cannot do it (the panel lists the demo: it came).
    const shown = await waitFor(
      () =>
        toolboxPanel.evaluate<{ disabled: boolean; hint: string; title: string } | undefined>(
          `(() => { const input = ${box}; return input.disabled ? { disabled: true, hint: document.getElementById(input.getAttribute('aria-describedby'))?.textContent ?? '', title: input.closest('label').title } : undefined; })()`,
        ),
      'the Precise mode box disabled',
    );
    const explanation = 'Precise mode is for Chromium only: it reads Chromium’s DevTools protocol, which Firefox does not offer to extensions. The verdicts shown are the engine’s, from the headers.';
    expect(shown).toEqual({ disabled: true, hint: 'Chromium only', title: explanation });
    await toolboxPanel.evaluate(`(${box}.click(), true)`);
    expect(await toolboxPanel.evaluate<boolean>(`${box}.checked`)).toBe(false);
    await toolboxPanel.evaluate(`([...document.querySelectorAll('button')].find((button) => button.textContent === 'why?').click(), true)`);
    const help = await waitFor(() => toolboxPanel.evaluate<string | undefined>(`document.querySelector('.cp-precise-help')?.textContent`), 'the explanation line');
    expect(help).toBe(explanation);
  });
});

describe('the panel opened as a tab in Firefox', () => {
  it('lists every exchange with Firefox’s verdict', async () => {
    expectDemoListed(await listedRows(panel));
  });

  it('shows a blocked exchange’s Firefox console line in the detail’s console section, never Chromium’s', async () => {
    await listedRows(panel);
    // The first blocked row drawn: opened, its detail read (section titles, and the console lines by class).
    const shown = await waitFor(
      () =>
        panel.evaluate<{ label: string; titles: string[]; firefox: string[]; chromium: number } | undefined>(`(() => {
          const row = document.querySelector('[role="option"][data-verdict="blocked"]');
          if (!row) return undefined;
          if (!row.classList.contains('cp-row-selected')) row.click();
          const detail = document.querySelector('.cp-detail');
          if (!detail || !detail.querySelector('.cp-section-title')) return undefined;
          return {
            label: row.getAttribute('aria-label') ?? '',
            titles: [...detail.querySelectorAll('.cp-section-title')].map((t) => t.textContent),
            firefox: [...detail.querySelectorAll('.cp-firefox-console')].map((p) => p.textContent),
            chromium: detail.querySelectorAll('.cp-console').length,
          };
        })()`),
      'the detail of a blocked exchange',
    );
    const exchange = captured.find((x) => shown.label.includes(` ${x.exchange.hops[0]!.url}.`))!.exchange;
    const explanation = explain(diagnose(exchange, FIREFOX_RULES), exchange);
    expect(explanation.firefox?.console).toBeTruthy();
    expect(shown.titles).toContain('Firefox console message');
    expect(shown.titles).not.toContain('Chromium console message');
    expect(shown.firefox).toEqual([explanation.firefox!.console]);
    expect(shown.chromium).toBe(0);
  });
  it('names a network failure as Firefox does (NS_ERROR_CONNECTION_REFUSED), never with Chromium’s net:: code', async () => {
    await listedRows(panel);
    const url = urlOf('connection-refused', 'broken');
    expect(firefoxVerdicts.get(url)).toEqual({ verdict: 'network-error', reason: 'CORSDidNotSucceed2' });
    const text = await detailOf(url, 'detail.textContent', 'the detail of the refused connection');
    expect(text).toContain('NS_ERROR_CONNECTION_REFUSED');
    expect(text).not.toContain('net::');
  });

  it('says how long Firefox keeps a preflight’s result in the detail’s preflight note, never Chromium’s', async () => {
    await listedRows(panel);
    // A preflight that passed: only that one's result is kept, and only its note says for how long (s40-WD).
    const preflighted = captured.find((x) => {
      const diagnosis = diagnose(x.exchange, FIREFOX_RULES);
      return x.exchange.hops[0]!.preflight?.response && diagnosis.preflight.maxAge !== undefined && preflightPassed(diagnosis);
    })!;
    expect(preflighted, 'a demo exchange with a preflight that passed').toBeDefined();
    const url = preflighted.exchange.hops[0]!.url;
    const note = await detailOf(url, "detail.querySelector('.cp-preflight-facts')?.textContent", 'the preflight note of a preflighted exchange');
    const maxAge = diagnose(preflighted.exchange, FIREFOX_RULES).preflight.maxAge!;
    // The demo's API is on 127.0.0.1 or localhost: Firefox keeps maxAge for either (at 127.0.0.1 the
    // note adds its first misses of a session).
    expect(note).toContain(`; ${preflightCacheNote('firefox', maxAge, url)}.`);
    expect(note).toMatch(/Firefox caches it \d+ s/);
    expect(note).not.toMatch(/Chromium/);
  });
});

describe('without the extension', () => {
  it('the page sees exactly the same outcomes', async () => {
    const plain = await launchFirefox({ extension: false });
    try {
      await plain.page.goto(`${demo.pageUrl}?manual`);
      expect(await runAll(plain.page)).toEqual(outcomes);
    } finally {
      await plain.close();
    }
  }, 120_000);
});
