import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES } from '../../cors/index.ts';
import { ACAO, fromPage } from '../../cors/testing-redirect-from-page.ts';
import { createBundle, diagnosisPage, harFromExchanges, serializeBundle, serializeHar } from '../../export/index.ts';
import { VIEWER_PAGE } from '../../export/testing-viewer-page.ts';
import { canaryExchange, RECORDED_HAR_PATH, recordedExchanges } from '../../export/testing-exchanges.ts';
import { readImportText, tooLargeMessage } from './read-import.ts';
import { REDIRECTED_POST, REDIRECTED_PREFLIGHT } from './testing-rules-differ.ts';

const OPTIONS = { engineVersion: '9.9.9' };
const exchange = canaryExchange();

function bundleText(mutate: (bundle: Record<string, unknown>) => void = () => {}): string {
  const bundle = createBundle({
    exchanges: [{ id: 'x1', exchange, notes: [{ text: 'check Vary', target: { kind: 'header', on: 'request', hop: 0, name: 'Origin' } }] }],
    engineVersion: '0.0.1',
    author: { name: 'Ana' },
  }) as unknown as Record<string, unknown>;
  mutate(bundle);
  return serializeBundle(bundle as never);
}

describe('readImportText: bundles', () => {
  it('lists the exchanges with their notes and the exporter verdict, tagged import', () => {
    const read = readImportText(bundleText(), 'team.json', OPTIONS);
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.kind).toBe('bundle');
    const [item] = read.batch.exchanges;
    expect(item!.captured).toMatchObject({ id: 'x1', source: 'import' });
    expect(item!.notes.map((n) => [n.text, n.target])).toEqual([['check Vary', { kind: 'header', on: 'request', hop: 0, name: 'Origin' }]]);
    expect(item!.origin).toMatchObject({ fileName: 'team.json', kind: 'bundle', verdictChange: null, exported: { verdict: 'blocked' } });
    expect(read.batch.summary).toBe('Opened team.json by Ana: 1 request.');
  });

  it('flags a verdict this engine does not reach, naming both engine versions', () => {
    const text = bundleText((b) => {
      const first = (b['exchanges'] as { diagnosis: Record<string, unknown> }[])[0]!;
      first.diagnosis = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null };
    });
    const read = readImportText(text, 'old.json', OPTIONS);
    if (!read.ok) throw new Error(read.message);
    const change = read.batch.exchanges[0]!.origin.verdictChange!;
    expect(change.exported.verdict).toBe('allowed');
    expect(change.now.verdict).toBe('blocked');
    expect(change.engineVersions).toEqual({ exported: '0.0.1', now: '9.9.9' });
    expect(read.batch.summary).toContain("1 verdict in the file differs from this engine's, shown as this engine's (exported by engine 0.0.1; this is 9.9.9)");
  });

  it('with the same engine version on both sides, says the file was edited rather than blame versions', () => {
    const text = bundleText((b) => {
      const first = (b['exchanges'] as { diagnosis: Record<string, unknown> }[])[0]!;
      first.diagnosis = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null };
    });
    const read = readImportText(text, 'forged.json', { ...OPTIONS, engineVersion: '0.0.1' });
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.summary).toContain("1 verdict in the file differs from this engine's, shown as this engine's (the file's verdict does not match its requests: edited by hand, or changed by redaction)");
    expect(read.batch.summary).not.toContain('engine 0.0.1');
  });

  it("judges a Firefox bundle again by Firefox's rules, and says whose rules judged it", () => {
    // Allowed in Chromium (no preflight after the 303), uncertain in Firefox: no verdict changed.
    const redirected = fromPage('POST', 303, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } });
    const text = serializeBundle(createBundle({ exchanges: [{ id: 'x1', exchange: redirected }], engineVersion: '9.9.9', rules: FIREFOX_RULES }));
    const read = readImportText(text, 'firefox.json', OPTIONS);
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.exchanges[0]!.origin).toMatchObject({ exported: { verdict: 'uncertain' }, verdictChange: null });
    expect(read.batch.summary).toBe("Opened firefox.json: 1 request, judged by Firefox's rules.");
  });

  it("says which browser sent each exchange: its sentBy, else the bundle's browser, else Chromium (every older bundle)", () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange, sentBy: 'chromium' }, { exchange }], engineVersion: '9.9.9', rules: FIREFOX_RULES }));
    const read = readImportText(text, 'firefox.json', { ...OPTIONS, browser: 'firefox' });
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.exchanges.map((e) => [e.origin.rules, e.origin.sentBy])).toEqual([['firefox', 'chromium'], ['firefox', 'firefox']]);
    const old = readImportText(bundleText(), 'old.json', { ...OPTIONS, browser: 'firefox' });
    expect(old.ok && old.batch.exchanges.map((e) => e.origin.sentBy)).toEqual(['chromium']);
  });

  it('refuses a bundle naming another sender, saying where, without echoing the value', () => {
    const read = readImportText(bundleText((b) => ((b['exchanges'] as Record<string, unknown>[])[0]!['sentBy'] = 'webkit\u001b]8;;x\u0007')), 'odd.json', OPTIONS);
    expect(read).toEqual({ ok: false, message: 'odd.json: this bundle cannot be opened: exchanges[0].sentBy: expected one of "chromium", "firefox", found a string.' });
  });

  // Session 42: a diagnosis page opened with the viewer's Open... (or dropped on it) said "not JSON
  // (Unexpected token '<' ...)", where the CLI says what the file is and what to open instead.
  it('says what a diagnosis page or the viewer page is, and what opens here instead', () => {
    expect(readImportText(diagnosisPage(VIEWER_PAGE, bundleText()), 'diagnosis.html', OPTIONS)).toEqual({
      ok: false,
      message:
        "diagnosis.html: a diagnosis page (written by share --html or the panel's Download diagnosis.html), not a HAR file or bundle: open it in a browser to read it, as a page of its own (double-click the file); what opens here is the HAR it was made from, or a bundle.",
    });
    expect(readImportText(VIEWER_PAGE, 'viewer.html', OPTIONS)).toEqual({
      ok: false,
      message: 'viewer.html: the CORS Inspector viewer page, not a HAR file or bundle: open here the HAR or bundle itself.',
    });
    // Any other page reads as before.
    expect(readImportText('<!doctype html><title>x</title>', 'other.html', OPTIONS)).toMatchObject({ ok: false, message: expect.stringContaining('is not JSON') as unknown });
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2), /not JSON, or it is cut short/],
    ['not JSON at all', () => 'hello', /not JSON/],
    ['a newer version', (t: string) => t.replace('"version": 1', '"version": 2'), /cannot be opened.*newer/],
    ['a version that never existed', (t: string) => t.replace('"version": 1', '"version": "one"'), /cannot be opened/],
    ['some other JSON', () => '{"hello": "world"}', /not a CORS Inspector bundle or HAR file/],
    ['a HAR without entries', () => '{"log": {}}', /not a HAR file/],
  ])('refuses %s with a message naming the file', (_what, mangle, message) => {
    const read = readImportText(mangle(bundleText()), 'f.json', OPTIONS);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message).toMatch(message);
      expect(read.message).toContain('f.json');
    }
  });
});

describe('readImportText: HAR', () => {
  it('reads the exchanges a HAR holds', () => {
    const read = readImportText(readFileSync(RECORDED_HAR_PATH, 'utf8'), 'run.har', OPTIONS);
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.kind).toBe('har');
    expect(read.batch.exchanges.map((e) => e.captured.exchange)).toEqual(recordedExchanges());
    expect(read.batch.exchanges.every((e) => e.origin.exported === null && e.captured.source === 'import')).toBe(true);
  });
});

describe("readImportText: whose rules judge the file (import-rules.ts), in either browser's panel", () => {
  const chromiumBundle = serializeBundle(createBundle({ exchanges: [{ id: 'post', exchange: REDIRECTED_POST }, { id: 'put', exchange: REDIRECTED_PREFLIGHT }], engineVersion: '9.9.9' }));
  const firefoxBundle = serializeBundle(
    createBundle({ exchanges: [{ id: 'post', exchange: REDIRECTED_POST }, { id: 'put', exchange: REDIRECTED_PREFLIGHT }], engineVersion: '9.9.9', rules: FIREFOX_RULES }),
  );
  const har = serializeHar(harFromExchanges([REDIRECTED_POST, REDIRECTED_PREFLIGHT]));
  const read = (text: string, browser: 'chromium' | 'firefox') => {
    const result = readImportText(text, 'f.json', { ...OPTIONS, browser });
    if (!result.ok) throw new Error(result.message);
    return result.batch;
  };
  const rules = (batch: ReturnType<typeof read>) => batch.exchanges.map((e) => [e.origin.rules, e.origin.exporterRules]);

  it("a Firefox bundle in the Chromium panel or viewer: Firefox's rules, as exported, and said", () => {
    const batch = read(firefoxBundle, 'chromium');
    expect(rules(batch)).toEqual([['firefox', 'firefox'], ['firefox', 'firefox']]);
    expect(batch.exchanges.map((e) => e.origin.verdictChange)).toEqual([null, null]);
    expect(batch.summary).toBe("Opened f.json: 2 requests, judged by Firefox's rules.");
  });

  it("a Chromium bundle in the Firefox panel: Firefox's rules reading it, its Chromium verdicts kept apart, no engine change flagged", () => {
    const batch = read(chromiumBundle, 'firefox');
    expect(rules(batch)).toEqual([['firefox', 'chromium'], ['firefox', 'chromium']]);
    // Allowed as exported by Chromium's rules; Firefox's (uncertain) is the browsers' difference, not the engines'.
    expect(batch.exchanges[0]!.origin).toMatchObject({ exported: { verdict: 'allowed' }, verdictChange: null });
    expect(batch.summary).toBe("Opened f.json: 2 requests, judged by Firefox's rules.");
  });

  it("a Chromium bundle in the Chromium panel: Chromium's rules, nothing said", () => {
    const batch = read(chromiumBundle, 'chromium');
    expect(rules(batch)).toEqual([['chromium', 'chromium'], ['chromium', 'chromium']]);
    expect(batch.summary).toBe('Opened f.json: 2 requests.');
  });

  it("a HAR: the panel's rules, said where Firefox's", () => {
    const inFirefox = read(har, 'firefox');
    expect(new Set(rules(inFirefox).map(String))).toEqual(new Set(['firefox,']));
    // The POST's two hops (the page's 303, then the GET to api) read back as one request.
    expect(inFirefox.summary).toBe("Opened f.json: 2 requests from a HAR, judged by Firefox's rules.");
    const inChromium = read(har, 'chromium');
    expect(new Set(rules(inChromium).map(String))).toEqual(new Set(['chromium,']));
    expect(inChromium.summary).toBe('Opened f.json: 2 requests from a HAR.');
  });

  // Recorded in Firefox ESR's DevTools (`log.creator.name` "Firefox"): its requests were made under
  // Firefox's rules, so they are judged by them in any panel, as the CLI does without --browser.
  const firefoxHar = readFileSync('test/fixtures/firefox-devtools/public.har', 'utf8');
  it("a HAR Firefox wrote, in the Chromium panel or viewer: Firefox's rules, and said", () => {
    for (const panel of ['chromium', 'firefox'] as const) {
      const batch = read(firefoxHar, panel);
      expect(batch.exchanges.length).toBeGreaterThan(0);
      expect(new Set(rules(batch).map(String))).toEqual(new Set(['firefox,']));
      expect(batch.summary).toMatch(/^Opened f\.json: \d+ requests from a HAR, judged by Firefox's rules\.$/);
    }
  });

  it("a HAR another browser wrote (its creator not Firefox), in the Chromium panel: Chromium's rules", () => {
    const other = JSON.parse(firefoxHar) as { log: { creator: { name: string } } };
    other.log.creator.name = 'WebInspector';
    const batch = read(JSON.stringify(other), 'chromium');
    expect(new Set(rules(batch).map(String))).toEqual(new Set(['chromium,']));
    expect(batch.summary).not.toMatch(/judged by/);
  });
});

describe('tooLargeMessage', () => {
  it('refuses a file above the cap on its size alone', () => {
    expect(tooLargeMessage('big.json', 201 * 1024 * 1024)).toMatch(/big\.json is 201 MB, larger than the 200 MB/);
    expect(tooLargeMessage('ok.json', 200 * 1024 * 1024)).toBeNull();
  });
});

describe('readImportText: HAR entries it cannot read', () => {
  it('says how many were skipped and why the first was', () => {
    const har = JSON.parse(readFileSync(RECORDED_HAR_PATH, 'utf8')) as { log: { entries: { request: { headers: { value: unknown }[] } }[] } };
    const total = har.log.entries.length;
    // The header value that is a JSON object: not text, so the entry cannot be read.
    har.log.entries[0]!.request.headers[0]!.value = { toString: 'x' };
    const read = readImportText(JSON.stringify(har), 'hostile.har', OPTIONS);
    if (!read.ok) throw new Error(read.message);
    expect(read.batch.summary).toMatch(/\(1 unreadable entry skipped; first: entries\[0\]\.request\.headers\[0\]\.value: .+\)\.$/);
    expect(total).toBeGreaterThan(1);
  });
});
