import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, FIREFOX_RULES, firefoxVerdict } from '../../cors/index.ts';
import { fetchSnippet, harFromExchanges, parseBundle, serializeHar } from '../../export/index.ts';
import { VIEWER_PAGE } from '../../export/testing-viewer-page.ts';
import { ACAO, fromPage } from '../../cors/testing-redirect-from-page.ts';
import { canaryExchange, reachedBothWays, SECRETS } from '../../export/testing-exchanges.ts';
import { bundleFile, curlExportText, curlRefusalNote, curlText, diagnosisFile, fileRules, fileStem, harFile, markdownText, mixedRulesNote, type ExportItem } from './export-actions.ts';
import { readImportText } from './read-import.ts';

const items: ExportItem[] = [
  {
    id: '1007',
    exchange: canaryExchange(),
    notes: [
      { id: 'note-1', text: 'see the preflight', target: { kind: 'exchange' }, createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'note-2', text: `token ${SECRETS.jwt}`, target: { kind: 'header', on: 'request', hop: 0, name: 'X-Trace', index: 0 }, createdAt: '2026-01-01T00:00:00.000Z', author: { name: 'Ana' } },
    ],
  },
  { id: '1008', exchange: { ...canaryExchange(), request: { ...canaryExchange().request, method: 'DELETE' } }, notes: [] },
];
const now = new Date('2026-03-01T09:08:07.000Z');
const options = { includeSecrets: false, engineVersion: '1.2.3', now };

describe('the export menu texts', () => {
  it('curl: one script per exchange, per shell', () => {
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const text = curlText(items, shell, options);
      expect(text).toContain('PUT');
      expect(text).toContain('DELETE');
    }
  });

  it('curl: an exchange that cannot be sent safely gets a comment instead of a command, and the menu says why', () => {
    const hostile = canaryExchange();
    const withBadName: ExportItem = { id: '1009', exchange: { ...hostile, request: { ...hostile.request, headers: [...hostile.request.headers, ['@/etc/passwd\0', 'x']] } }, notes: [] };
    const curl = curlExportText([items[0]!, withBadName], 'bash', options);
    // Named by its `@` only, as the redacted name keeps it (session 39: what follows a delimiter may be a secret).
    expect(curl.refusals).toEqual(['the header name starting with "@" is not an HTTP token (RFC 9110; the rest is not shown: it may hold a secret)']);
    expect(curl.text).toContain("# 'No curl command: the header name");
    expect(curlRefusalNote(curl.refusals, 2)).toBe('No curl command for 1 of 2 (the copied text says why): the header name starting with "@" is not an HTTP token (RFC 9110; the rest is not shown: it may hold a secret).');
    expect(curlRefusalNote([], 2)).toBe('');
  });

  it('curl for PowerShell and cmd: a value outside ASCII gets a comment instead of a command (curl.exe could read U+FF02 as a quote), and the menu says why', () => {
    const exchange = canaryExchange();
    const fullwidth: ExportItem = { id: '1010', exchange: { ...exchange, request: { ...exchange.request, headers: [...exchange.request.headers, ['X-Worst', 'a\uff02 -K x \uff02']] } }, notes: [] };
    for (const shell of ['powershell', 'cmd'] as const) {
      const curl = curlExportText([fullwidth], shell, options);
      expect(curl.refusals).toHaveLength(1);
      expect(curlRefusalNote(curl.refusals, 1)).toMatch(/^No curl command for 1 of 1 \(the copied text says why\): the value of the X-Worst header holds U\+FF02, a character outside ASCII: .*use the bash version \(WSL or Git Bash\)\.$/);
      expect(curl.text).not.toMatch(/^curl\.exe /m);
    }
    expect(curlExportText([fullwidth], 'bash', options).refusals).toEqual([]);
  });

  it('a bundle with the notes, the author and this engine, that reads back', () => {
    const file = bundleFile(items, { ...options, author: '  Ana  ' });
    expect(file.fileName).toBe('cors-inspector-20260301-090807.json');
    const parsed = parseBundle(file.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.bundle.author).toEqual({ name: 'Ana' });
    expect(parsed.bundle.engine.version).toBe('1.2.3');
    expect(parsed.bundle.exchanges.map((e) => e.id)).toEqual(['1007', '1008']);
    expect(parsed.bundle.exchanges[0]!.notes.map((n) => [n.text.startsWith('token REDACTED'), n.target.kind, n.author?.name])).toEqual([
      [false, 'exchange', undefined],
      [true, 'header', 'Ana'],
    ]);
  });

  it('a diagnosis.html: the viewer page with the same bundle in it', () => {
    const file = diagnosisFile(items, VIEWER_PAGE, { ...options, author: 'Ana' });
    expect([file.fileName, file.mimeType]).toEqual(['cors-inspector-20260301-090807-diagnosis.html', 'text/html']);
    const data = /<script type="application\/json" id="bundle">([^<]*)<\/script>/.exec(file.text)![1]!;
    expect(JSON.parse(data)).toEqual(JSON.parse(bundleFile(items, { ...options, author: 'Ana' }).text));
  });

  it('no author field when none was given', () => {
    const parsed = parseBundle(bundleFile(items, { ...options, author: ' ' }).text);
    expect(parsed.ok && parsed.bundle.author).toBe(undefined);
  });

  it("the Firefox build's Markdown report is judged by Firefox's rules, in Firefox's words", () => {
    const firefox = markdownText(items, { ...options, browser: 'firefox' });
    expect(firefox).toMatch(/^- \*\*Firefox:\*\* blocked, `CORSMissingAllowHeaderFromPreflight`$/m);
    expect(firefox).toContain('**Console message (Firefox):**');
    expect(firefox).not.toContain('**Console message (Chromium):**');
    expect(markdownText(items, options)).toMatch(/^- \*\*Chromium:\*\* corsError `HeaderDisallowedByPreflightResponse`/m);
    expect(markdownText(items, { ...options, browser: 'chromium' })).toBe(markdownText(items, options));
  });

  describe("the Firefox build's bundle and diagnosis.html are judged by Firefox's rules, and say so", () => {
    // A JSON POST a 303 made a GET at api: Chromium sends no preflight there (allowed); Firefox
    // would, and this capture holds no answer to it (uncertain, in Firefox's words).
    const redirected: ExportItem[] = [{ id: '2001', exchange: fromPage('POST', 303, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } }), notes: [] }];
    const judged = (text: string) => {
      const parsed = parseBundle(text);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return { browser: parsed.bundle.browser, diagnosis: parsed.bundle.exchanges[0]!.diagnosis };
    };

    it('the bundle', () => {
      expect(judged(bundleFile(redirected, { ...options, browser: 'firefox' }).text)).toEqual({
        browser: 'firefox',
        diagnosis: { verdict: 'uncertain', corsError: null, failedParameter: null, failedAt: { hop: 1, phase: 'preflight' }, headline: 'Preflight after the redirect not in the capture' },
      });
      // Chromium's (and the default) are as before: Chromium's verdict, and no `browser` field.
      expect(judged(bundleFile(redirected, options).text)).toMatchObject({ browser: undefined, diagnosis: { verdict: 'allowed' } });
      expect(bundleFile(redirected, { ...options, browser: 'chromium' }).text).toBe(bundleFile(redirected, options).text);
    });

    it("the curl commands too: Firefox's verdict, and the preflight Firefox would send after the redirect", () => {
      const firefox = curlExportText(redirected, 'bash', { ...options, browser: 'firefox' }).text;
      expect(firefox).toContain('(uncertain)');
      expect(firefox).toMatch(/-X OPTIONS \\\n {2}--url http:\/\/127\.0\.0\.1:2222\/s\/1 /);
      const chromium = curlExportText(redirected, 'bash', options).text;
      expect(chromium).toContain('(allowed)');
      expect(chromium).not.toContain('OPTIONS');
    });

    it("a Chromium capture's sign of a CORS failure (net::ERR_FAILED) read as Firefox's, as `explain --browser firefox` reads it", () => {
      // `*` allowed, credentials mode not captured: only credentials "include" explains the failure.
      const wildcard: ExportItem[] = [
        {
          id: '2002',
          exchange: { request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example' }, hops: [{ url: 'https://api.example/x', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }], errorText: 'net::ERR_FAILED' },
          notes: [],
        },
      ];
      expect(curlExportText(wildcard, 'bash', { ...options, browser: 'firefox' }).text).toContain('(blocked: CORSNotSupportingCredentials)');
      const parsed = parseBundle(bundleFile(wildcard, { ...options, browser: 'firefox' }).text);
      expect(parsed.ok && parsed.bundle.exchanges[0]!.diagnosis.verdict).toBe('blocked');
    });

    it('the diagnosis.html', () => {
      const file = diagnosisFile(redirected, VIEWER_PAGE, { ...options, browser: 'firefox' });
      const data = /<script type="application\/json" id="bundle">([^<]*)<\/script>/.exec(file.text)![1]!;
      expect(JSON.parse(data)).toEqual(JSON.parse(bundleFile(redirected, { ...options, browser: 'firefox' }).text));
      expect(JSON.parse(data)).toMatchObject({ browser: 'firefox', exchanges: [{ diagnosis: { verdict: 'uncertain' } }] });
    });
  });

  // The report copied from the panel or diagnosis.html (the same Share menu): its note on a server
  // not recognised points to where they show the layers seen, not to a command the reader may lack.
  it("markdown: a server not recognised, its note points to the request detail's Layers line", () => {
    const report = markdownText(
      reachedBothWays().map((exchange, i) => ({ id: String(i), exchange, notes: [] })),
      options,
    ).replace(/\s+/g, ' ');
    expect(report).toContain("else the app; in CORS Inspector's panel or diagnosis.html, a blocked request's detail names any layers it saw on its Layers line), not for a layer that only passes them on.");
    expect(report).not.toContain('explain --json');
  });

  it('markdown and HAR name the exchanges', () => {
    expect(markdownText(items, options)).toContain('see the preflight');
    const har = harFile(items, options);
    expect(har.fileName).toBe(`${fileStem(now)}.har`);
    expect(JSON.parse(har.text).log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3' });
  });

  describe('no secret by default; includeSecrets puts them back (but the HAR stays sanitized)', () => {
    const outputs = (includeSecrets: boolean) => ({
      bash: curlText(items, 'bash', { includeSecrets }),
      powershell: curlText(items, 'powershell', { includeSecrets }),
      cmd: curlText(items, 'cmd', { includeSecrets }),
      bundle: bundleFile(items, { ...options, includeSecrets }).text,
      markdown: markdownText(items, { ...options, includeSecrets }),
      'diagnosis.html': diagnosisFile(items, VIEWER_PAGE, { ...options, includeSecrets }).text,
    });
    it.each(Object.entries(outputs(false)))('%s holds none', (_format, text) => {
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    });
    it.each(Object.entries(outputs(true)))('%s with secrets holds the session cookie', (_format, text) => {
      expect(text).toContain(SECRETS.sessionCookie);
    });
    it('HAR', () => {
      const text = harFile(items, options).text;
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    });
  });
});

// A Firefox bundle opened in the Chromium panel is judged there by Firefox's rules (import-rules.ts);
// exported again from that panel, it stays Firefox's, so the receiver sees the verdicts the sender saw.
describe("re-exporting exchanges judged by other rules than the panel's", () => {
  const redirected = fromPage('POST', 303, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } });
  const firefoxBundle = bundleFile([{ id: '3001', exchange: redirected, notes: [] }], { ...options, browser: 'firefox' }).text;
  const opened = readImportText(firefoxBundle, 'firefox.json', { engineVersion: '1.2.3', browser: 'chromium' });
  if (!opened.ok) throw new Error(opened.message);
  const reopened: ExportItem[] = opened.batch.exchanges.map((e) => ({ id: e.captured.id, exchange: e.captured.exchange, notes: [], rules: e.origin.rules }));
  const live: ExportItem = { id: '3002', exchange: canaryExchange(), notes: [] };
  const parsed = (text: string) => {
    const result = parseBundle(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.bundle;
  };

  it('a Firefox bundle exported again from the Chromium panel is a Firefox bundle, with its verdicts, read back without a difference', () => {
    expect(reopened.map((item) => item.rules)).toEqual(['firefox']);
    const again = parsed(bundleFile(reopened, { ...options, browser: 'chromium' }).text);
    expect(again.browser).toBe('firefox');
    expect(again.exchanges.map((e) => e.diagnosis)).toEqual(parsed(firefoxBundle).exchanges.map((e) => e.diagnosis));
    expect(again.exchanges[0]!.diagnosis.verdict).toBe('uncertain');
    const readBack = readImportText(bundleFile(reopened, { ...options, browser: 'chromium' }).text, 'again.json', { engineVersion: '1.2.3', browser: 'chromium' });
    if (!readBack.ok) throw new Error(readBack.message);
    expect(readBack.batch.summary).toBe("Opened again.json: 1 request, judged by Firefox's rules.");
    expect(readBack.batch.exchanges.map((e) => [e.origin.rules, e.origin.verdictChange])).toEqual([['firefox', null]]);
    // The diagnosis.html, the Markdown report and the curl commands too.
    expect(JSON.parse(/<script type="application\/json" id="bundle">([^<]*)<\/script>/.exec(diagnosisFile(reopened, VIEWER_PAGE, { ...options, browser: 'chromium' }).text)![1]!)).toMatchObject({ browser: 'firefox' });
    expect(markdownText(reopened, { ...options, browser: 'chromium' })).toBe(markdownText(reopened, { ...options, browser: 'firefox' }));
    expect(curlExportText(reopened, 'bash', { ...options, browser: 'chromium' }).text).toContain('(uncertain)');
    expect(mixedRulesNote(reopened, 'chromium')).toBe('');
  });

  it("a mix of both is judged by the panel's rules, one by one in curl, and the menu says so", () => {
    const mixed = [...reopened, live];
    expect(fileRules(mixed, 'chromium')).toBe('chromium');
    expect(parsed(bundleFile(mixed, { ...options, browser: 'chromium' }).text).browser).toBeUndefined();
    expect(mixedRulesNote(mixed, 'chromium')).toBe("1 of 2 were judged by Firefox's rules here; one file has one browser's rules, and this one judges all by Chromium's (export them apart to keep Firefox's).");
    expect(mixedRulesNote([live], 'chromium')).toBe('');
    // curl writes each exchange's commands as its own browser sends them.
    const curl = curlExportText(mixed, 'bash', { ...options, browser: 'chromium' }).text;
    expect(curl).toContain('(uncertain)');
    expect(curl).toContain(curlExportText([live], 'bash', options).text);
  });
});

// A HAR Firefox's DevTools wrote, opened in the Chromium panel, is judged by Firefox's rules
// (`log.creator` names Firefox). Its exchanges exported again as a sanitized HAR were read back by
// Chromium's (the file's creator is CORS Inspector): the file now says Firefox made the requests.
describe("a Firefox HAR's exchanges exported again as a sanitized HAR", () => {
  const firefoxHar = readFileSync(new URL('../../../test/fixtures/firefox-devtools/public.har', import.meta.url), 'utf8');
  const open = (text: string, name: string) => {
    const read = readImportText(text, name, { engineVersion: '1.2.3', browser: 'chromium' });
    if (!read.ok) throw new Error(read.message);
    return read.batch;
  };
  const itemsOf = (batch: ReturnType<typeof open>): ExportItem[] => batch.exchanges.map((e) => ({ id: e.captured.id, exchange: e.captured.exchange, notes: [], rules: e.origin.rules, sentBy: e.origin.sentBy }));
  const verdicts = (batch: ReturnType<typeof open>) => batch.exchanges.map((e) => firefoxVerdict(diagnose(e.captured.exchange, FIREFOX_RULES), e.captured.exchange));
  const first = open(firefoxHar, 'firefox.har');
  const text = harFile(itemsOf(first), { ...options, browser: 'chromium' }).text;
  const back = open(text, 'again.har');

  it("is read back by Firefox's rules, with the same verdicts, and exports again to the same entries", () => {
    expect(new Set(first.exchanges.map((e) => e.origin.rules))).toEqual(new Set(['firefox']));
    expect(JSON.parse(text).log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3', _browser: 'firefox' });
    expect(back.summary).toMatch(/^Opened again\.har: \d+ requests from a HAR, judged by Firefox's rules\.$/);
    expect(back.exchanges.map((e) => e.origin.rules)).toEqual(first.exchanges.map(() => 'firefox'));
    expect(verdicts(back)).toEqual(verdicts(first));
    // The same file but for `_redactions` (the values were redacted the first time).
    const withoutRedactions = (har: string) => ({ ...JSON.parse(har).log, _redactions: undefined });
    expect(withoutRedactions(harFile(itemsOf(back), { ...options, browser: 'chromium' }).text)).toEqual(withoutRedactions(text));
  });

  it('a mix with a Chromium capture is not marked: the menu says it is judged by one browser\'s rules', () => {
    const mixed = [...itemsOf(first).slice(0, 1), { id: 'live', exchange: canaryExchange(), notes: [] }];
    expect(JSON.parse(harFile(mixed, { ...options, browser: 'chromium' }).text).log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3' });
    expect(mixedRulesNote(mixed, 'chromium')).not.toBe('');
  });

  it("the mix shared as a bundle (Chromium's rules) keeps the Firefox HAR's exchange Firefox's: reopened, its sanitized HAR is Firefox's again", () => {
    const mixed = [...itemsOf(first).slice(0, 1), { id: 'live', exchange: canaryExchange(), notes: [] }];
    const bundle = bundleFile(mixed, { ...options, browser: 'chromium' }).text;
    const parsed = parseBundle(bundle);
    expect(parsed.ok && [parsed.bundle.browser, parsed.bundle.exchanges.map((entry) => entry.sentBy)]).toEqual([undefined, ['firefox', undefined]]);
    const reopened = open(bundle, 'mixed.json');
    expect(reopened.exchanges.map((e) => [e.origin.rules, e.origin.sentBy])).toEqual([['chromium', 'firefox'], ['chromium', 'chromium']]);
    const firefoxOnly = JSON.parse(harFile(itemsOf(reopened).slice(0, 1), { ...options, browser: 'chromium' }).text);
    expect(firefoxOnly.log.creator).toMatchObject({ _browser: 'firefox' });
    expect(firefoxOnly.log.entries).toEqual(JSON.parse(harFile(itemsOf(first).slice(0, 1), { ...options, browser: 'chromium' }).text).log.entries);
  });

  it("the Firefox build's own captures are marked as Firefox's", () => {
    expect(JSON.parse(harFile([{ id: 'live', exchange: canaryExchange(), notes: [] }], { ...options, browser: 'firefox' }).text).log.creator).toMatchObject({ _browser: 'firefox' });
  });
});

// The Firefox panel judges a Chromium HAR by Firefox's rules (import-rules.ts), but Chromium sent its
// requests: exported again, the HAR says so, and its later hops say what Chromium sent there.
describe("a Chromium HAR's exchanges, opened in the Firefox panel, exported again as a sanitized HAR", () => {
  const open = (text: string, name: string) => {
    const read = readImportText(text, name, { engineVersion: '1.2.3', browser: 'firefox' });
    if (!read.ok) throw new Error(read.message);
    return read.batch;
  };
  const itemsOf = (batch: ReturnType<typeof open>): ExportItem[] => batch.exchanges.map((e) => ({ id: e.captured.id, exchange: e.captured.exchange, notes: [], rules: e.origin.rules, sentBy: e.origin.sentBy }));

  it("is not marked as Firefox's: Chromium's DevTools wrote it", () => {
    const first = open(readFileSync(new URL('../../../test/fixtures/public.devtools.har', import.meta.url), 'utf8'), 'chromium.har');
    expect(new Set(first.exchanges.map((e) => e.origin.rules))).toEqual(new Set(['firefox']));
    const har = JSON.parse(harFile(itemsOf(first), { ...options, browser: 'firefox' }).text);
    expect(har.log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3' });
    expect(har.log.comment).not.toContain('Firefox made these requests');
  });

  it("keeps the Sec-Fetch-Site Chromium sent after a redirect on an http page (same-site, where Firefox's is cross-site)", () => {
    // The page GETs its own origin, which answers 302 to api (another port of 127.0.0.1).
    const chain = fromPage('GET', 302, [['Sec-Fetch-Site', 'same-origin']], { response: { status: 200, headers: ACAO } });
    const chromiumHar = JSON.stringify({ log: { ...harFromExchanges([chain], { includeSecrets: true }).log, creator: { name: 'WebInspector', version: '537.36' } } });
    const first = open(chromiumHar, 'chromium.har');
    const har = JSON.parse(harFile(itemsOf(first), { ...options, browser: 'firefox' }).text) as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
    expect(har.log.entries.map((entry) => entry.request.headers.find((header) => header.name === 'Sec-Fetch-Site')?.value)).toEqual(['same-origin', 'same-site']);
  });

  it("the Firefox panel's own captures are still Firefox's", () => {
    expect(JSON.parse(harFile([{ id: 'live', exchange: canaryExchange(), notes: [] }], { ...options, browser: 'firefox' }).text).log.creator).toMatchObject({ _browser: 'firefox' });
  });

  // The bundle is judged by Firefox's rules (`browser`) and says who sent each exchange (`sentBy`):
  // reopened in either panel, its sanitized HAR is still Chromium's, not passed off as Firefox's.
  it("shared as a bundle and reopened, still Chromium's: its sanitized HAR keeps Chromium's Sec-Fetch-Site", () => {
    const chain = fromPage('GET', 302, [['Sec-Fetch-Site', 'same-origin']], { response: { status: 200, headers: ACAO } });
    const chromiumHar = JSON.stringify({ log: { ...harFromExchanges([chain], { includeSecrets: true }).log, creator: { name: 'WebInspector', version: '537.36' } } });
    const live: ExportItem = { id: 'live', exchange: chain, notes: [] };
    const bundle = bundleFile([...itemsOf(open(chromiumHar, 'chromium.har')), live], { ...options, browser: 'firefox' }).text;
    const parsed = parseBundle(bundle);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.bundle.browser).toBe('firefox');
    expect(parsed.bundle.exchanges.map((entry) => entry.sentBy)).toEqual(['chromium', undefined]);
    for (const panel of ['firefox', 'chromium'] as const) {
      const read = readImportText(bundle, 'shared.json', { engineVersion: '1.2.3', browser: panel });
      if (!read.ok) throw new Error(read.message);
      expect(read.batch.exchanges.map((e) => [e.origin.rules, e.origin.sentBy])).toEqual([['firefox', 'chromium'], ['firefox', 'firefox']]);
      const items = itemsOf(read.batch);
      const har = JSON.parse(harFile(items.slice(0, 1), { ...options, browser: panel }).text) as { log: { creator: unknown; entries: { request: { headers: { name: string; value: string }[] } }[] } };
      expect(har.log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3' });
      expect(har.log.entries.map((entry) => entry.request.headers.find((header) => header.name === 'Sec-Fetch-Site')?.value)).toEqual(['same-origin', 'same-site']);
      // The Firefox panel's own capture, in the same bundle, is still Firefox's.
      expect(JSON.parse(harFile(items.slice(1), { ...options, browser: panel }).text).log.creator).toMatchObject({ _browser: 'firefox' });
    }
  });
});

// A sanitized bundle or HAR opened in the panel holds REDACTED-... placeholders where the browser sent
// secrets: the row's Copy as cURL and Copy as fetch (RowMenu.tsx) say where they are before anyone runs them.
describe('copying a request of a file sanitized before', () => {
  const files = [
    ['shared.json', bundleFile([{ id: '4001', exchange: canaryExchange(), notes: [] }], options).text],
    ['shared.har', serializeHar(harFromExchanges([canaryExchange()]))],
  ] as const;
  for (const [fileName, text] of files) {
    it(`${fileName}: Copy as cURL in each shell and Copy as fetch say which parts send placeholders`, () => {
      const opened = readImportText(text, fileName, { engineVersion: '1.2.3', browser: 'chromium' });
      if (!opened.ok) throw new Error(opened.message);
      const [entry] = opened.batch.exchanges;
      const item: ExportItem = { id: entry!.captured.id, exchange: entry!.captured.exchange, notes: [] };
      for (const shell of ['bash', 'powershell', 'cmd'] as const) {
        for (const includeSecrets of [false, true]) {
          expect(curlExportText([item], shell, { includeSecrets }).text).toContain('This capture was sanitized before: these commands send its REDACTED-... placeholders, not what the browser sent, in the headers Cookie, Authorization');
        }
      }
      expect(fetchSnippet(item.exchange).code).toContain('// This capture was sanitized before: this call sends its REDACTED-... placeholders, not what the browser sent, in the headers "Authorization"');
    });
  }

  it('the capture itself says nothing of the kind', () => {
    expect(curlExportText([items[0]!], 'bash', options).text).not.toContain('sanitized before');
    expect(fetchSnippet(canaryExchange()).code).not.toContain('sanitized before');
  });
});
