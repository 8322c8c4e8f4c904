// Files opened in the Firefox build's panel (the real panel page in Debian's firefox-esr, driven
// over WebDriver BiDi): a Chromium bundle and a Chromium HAR are judged by Firefox's rules reading
// a Chromium capture, as `explain --browser firefox` does (`src/ui/share/import-rules.ts`). The
// exchanges are ones the browsers' rules part on (`src/ui/share/testing-rules-differ.ts`): a POST
// 303 made a GET, allowed in Chromium, uncertain in Firefox; a PUT whose preflight was redirected
// without Access-Control-Allow-Origin, "Preflight redirected" in Chromium, "Preflight got 307"
// (CORSMissingAllowOrigin) in Firefox. The bundle's exporter judged them by Chromium's rules: the
// rows must show Firefox's verdicts, not the ones it stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/devtools-frontend.ts';
import { createBundle, harFromExchanges, serializeBundle, serializeHar } from '../../src/export/index.ts';
import { REDIRECTED_POST, REDIRECTED_PREFLIGHT } from '../../src/ui/share/testing-rules-differ.ts';
import { launchFirefox, panelRows, type ExtensionTab, type FirefoxBrowser } from './helpers/firefox.ts';

let firefox: FirefoxBrowser;
let panel: ExtensionTab;

const EXCHANGES = [
  { id: 'post', exchange: REDIRECTED_POST },
  { id: 'put', exchange: REDIRECTED_PREFLIGHT },
];

/** Drops a file on the panel's list as a person would: a `drop` event carrying it. */
function drop(name: string, text: string): Promise<null> {
  return panel.evaluate<null>(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }));
    const target = document.querySelector('.cp-list');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return null;
  })()`);
}

function statusText(): Promise<string> {
  return panel.evaluate<string>(`[...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' | ')`);
}

/** Opens the row whose id is `id` and returns the detail's text once it shows that row. */
async function detailOf(id: string, headline: string): Promise<{ headline: string; rules: string; text: string; firefoxConsole: string }> {
  return waitFor(
    () =>
      panel.evaluate<{ headline: string; rules: string; text: string; firefoxConsole: string } | undefined>(`(() => {
        const row = document.getElementById(${JSON.stringify(`cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`)});
        if (!row) return undefined;
        if (!row.classList.contains('cp-row-selected')) { row.click(); return undefined; }
        const detail = document.querySelector('.cp-detail');
        const shown = detail?.querySelector('.cp-detail-headline')?.textContent ?? '';
        if (shown !== ${JSON.stringify(headline)}) return undefined;
        return {
          headline: shown,
          rules: detail.querySelector('.cp-imported-rules')?.textContent ?? '',
          text: detail.textContent,
          firefoxConsole: detail.querySelector('pre.cp-firefox-console')?.textContent ?? '',
        };
      })()`),
    `the detail of ${id}`,
  );
}

beforeAll(async () => {
  firefox = await launchFirefox();
  // The panel's page in a tab of its own, on a tab that captures nothing: only the files opened are listed.
  panel = await firefox.openExtensionPage('extension/panel.html?tabId=999999');
  await waitFor(() => panel.evaluate<boolean | undefined>(`document.querySelector('.cp-list') ? true : undefined`), 'the panel');
}, 120_000);

afterAll(async () => {
  await firefox?.close();
});

describe("files opened in the Firefox build's panel are judged by Firefox's rules", () => {
  it("a Chromium bundle: Firefox's verdicts and reasons in the rows, the exporter's Chromium verdict beside them in the detail", async () => {
    // The PUT as precise mode captures it: with Chromium's own verdict, another browser's than the rules judging here.
    const precise = { ...REDIRECTED_PREFLIGHT, browserVerdict: { corsError: 'PreflightDisallowedRedirect', failedParameter: '' } };
    await drop('chromium.json', serializeBundle(createBundle({ exchanges: [EXCHANGES[0]!, { id: 'put', exchange: precise }], engineVersion: '0.0.1' })));
    await waitFor(async () => ((await statusText()).includes('Opened chromium.json') ? true : undefined), 'the bundle to open');
    expect(await statusText()).toContain("Opened chromium.json: 2 requests, judged by Firefox's rules.");
    const rows = await panelRows(panel);
    const post = rows.find((r) => r.label.includes('POST'));
    const put = rows.find((r) => r.label.includes('PUT'));
    // Chromium's rules (and the bundle) say allowed; Firefox's, uncertain.
    expect(post?.verdict).toBe('uncertain');
    expect(put).toMatchObject({ verdict: 'blocked', reason: 'Preflight got 307' });

    const detail = await detailOf('import-1:put', 'Preflight got 307');
    expect(detail.rules).toBe("Judged by Firefox's rules here; the exporter judged it by Chromium's.");
    expect(detail.text).toContain("The exporter’s verdict: blocked: PreflightDisallowedRedirect");
    expect(detail.firefoxConsole).toContain('Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at');
    expect(detail.firefoxConsole).toContain('CORS header ‘Access-Control-Allow-Origin’ missing');
    expect(detail.text).not.toContain('has been blocked by CORS policy');
    // Chromium's own verdict differs from Firefox's by the browsers' rules: no engine error to report.
    expect(detail.text).toContain("The engine judges this exchange by Firefox's rules here; Chromium's verdict is Chromium's own, and may differ from it.");
    expect(detail.text).not.toContain('please report this exchange');
    const chips = await panel.evaluate<string>(`[...document.querySelectorAll('[role="option"] .cp-chip-alert')].map((c) => c.textContent).join(' | ')`);
    expect(chips).not.toContain('Chromium disagrees');
  });

  it("a Chromium HAR: Firefox's verdicts and reasons, and the panel says whose rules", async () => {
    await drop('chromium.har', serializeHar(harFromExchanges(EXCHANGES.map((e) => e.exchange))));
    await waitFor(async () => ((await statusText()).includes('Opened chromium.har') ? true : undefined), 'the HAR to open');
    expect(await statusText()).toContain("Opened chromium.har: 2 requests from a HAR, judged by Firefox's rules.");
    // The HAR's rows (ids `import-2:har-N`), not the bundle's.
    const rows = await panel.evaluate<{ label: string; verdict: string; reason: string }[]>(
      `[...document.querySelectorAll('[role="option"][id^="cp-row-import-2_3a_"]')].map((el) => ({ label: el.getAttribute('aria-label') ?? '', verdict: el.getAttribute('data-verdict'), reason: el.querySelector('.cp-reason')?.textContent ?? '' }))`,
    );
    expect(rows).toHaveLength(2);
    // The POST read back with both hops, the page's 303 and the GET to api: uncertain, as in the bundle.
    expect(rows.find((r) => r.label.includes('POST'))?.verdict).toBe('uncertain');
    expect(rows.filter((r) => r.reason === 'Preflight got 307').map((r) => r.verdict)).toEqual(['blocked']);
    expect(rows.some((r) => r.reason === 'Preflight redirected')).toBe(false);
  });
});
