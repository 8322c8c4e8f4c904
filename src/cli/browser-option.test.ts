// `--browser chromium|firefox` on explain, report and share, on the HAR Firefox DevTools exported
// for test/scenarios/public.json.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const firefoxHar = new URL('../../test/fixtures/firefox-devtools/public.har', import.meta.url).pathname;

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(args, out, err, {}, Readable.from([]));
  return { status, out: out.text, err: err.text };
}

interface JsonRequest {
  url: string;
  verdict: string;
  browser: string;
  firefox: { outcome: string; reason: string | null; logged: string[]; warnings: string[]; mdn: string | null };
  browserDifference: string | null;
}

const requestOf = (json: { exchanges: JsonRequest[] }, id: string): JsonRequest | undefined => json.exchanges.find((r) => r.url.includes(`/s/${id}/0`));

describe('--browser', () => {
  it("explain --json --browser firefox gives Firefox's outcome and reason (MDN's name)", async () => {
    const { status, out } = await run(['explain', '--json', '--browser', 'firefox', firefoxHar]);
    expect(status).toBe(EXIT.ok);
    const json = JSON.parse(out) as { exchanges: JsonRequest[] };
    const noAcao = requestOf(json, 'simple-get-no-acao');
    expect(noAcao?.browser).toBe('firefox');
    expect(noAcao?.firefox).toMatchObject({ outcome: 'blocked', reason: 'CORSMissingAllowOrigin', mdn: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin' });
    expect(requestOf(json, 'put-method-not-allowed')?.firefox?.logged).toEqual(['CORSMethodNotFound', 'CORSDidNotSucceed']);
    expect(requestOf(json, 'connection-refused')?.firefox).toMatchObject({ outcome: 'network-error', reason: 'CORSDidNotSucceed' });
  });

  it('explain in text names Firefox and its reason', async () => {
    const { status, out } = await run(['explain', '--browser', 'firefox', firefoxHar]);
    expect(status).toBe(EXIT.ok);
    expect(out).toContain('Firefox: blocked, CORSMissingAllowOrigin');
    expect(out).not.toContain('Chromium: MissingAllowOriginHeader');
  });

  // Each block said "Firefox: blocked, CORSMissingAllowOrigin (net::ERR_FAILED)" and then printed
  // Chromium's console line: Firefox prints neither. Its own console line is printed instead, and a
  // network error's title names no Chromium net:: code.
  it("explain in text under Firefox prints no Chromium error code and no Chromium console line, on a Chromium capture", async () => {
    const chromiumHar = new URL('../../test/fixtures/public.devtools.har', import.meta.url).pathname;
    const inChromium = (await run(['explain', chromiumHar])).out;
    expect(inChromium).toContain('has been blocked by CORS policy');
    expect(inChromium).toMatch(/^ {2}Chromium: .*\(net::ERR_FAILED\)$/m);
    const { status, out } = await run(['explain', '--browser', 'firefox', chromiumHar]);
    expect(status).toBe(EXIT.ok);
    expect(out).not.toContain('has been blocked by CORS policy');
    expect(out).not.toMatch(/^[A-Z ]+ {2}.*net::/m);
    const consoles = out.split('\n').filter((line) => line.startsWith('  Console: '));
    expect(consoles.length).toBeGreaterThan(10);
    for (const line of consoles) expect(line).toMatch(/^ {2}Console: Cross-Origin Request (Blocked|Warning): The Same Origin Policy /);
    const firefoxLines = out.split('\n').filter((line) => line.startsWith('  Firefox: '));
    expect(firefoxLines.length).toBeGreaterThan(10);
    for (const line of firefoxLines) expect(line).toMatch(/^ {2}Firefox: (blocked|allowed|network-error|uncertain)(, CORS[A-Za-z]+)?$/);
  });

  it("explain in text under Firefox keeps a Firefox capture's own note on a request without a response", async () => {
    const { out } = await run(['explain', '--browser', 'firefox', firefoxHar]);
    expect(out).toContain('  Firefox: network-error, CORSDidNotSucceed (no response (Firefox DevTools HAR records no error))');
  });

  it("explain --json under Firefox: consoleMessage is Firefox's own line, never Chromium's, in the same shape", async () => {
    const chromiumHar = new URL('../../test/fixtures/public.devtools.har', import.meta.url).pathname;
    type Line = Record<string, unknown> & { consoleMessage: string | null };
    const inChromium = JSON.parse((await run(['explain', '--json', chromiumHar])).out) as { exchanges: Line[] };
    const inFirefox = JSON.parse((await run(['explain', '--json', '--browser', 'firefox', chromiumHar])).out) as { exchanges: Line[] };
    expect(inChromium.exchanges.filter((r) => r.consoleMessage !== null).length).toBeGreaterThan(10);
    const firefoxLines = inFirefox.exchanges.map((r) => r.consoleMessage).filter((m): m is string => m !== null);
    expect(firefoxLines.length).toBeGreaterThan(10);
    for (const line of firefoxLines) expect(line).toMatch(/^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at .*\(Reason: /);
    expect(inFirefox.exchanges.map((r) => Object.keys(r).join())).toEqual(inChromium.exchanges.map((r) => Object.keys(r).join()));
  });

  it('chromium is the default for a HAR another browser wrote', async () => {
    const chromiumHar = new URL('../../test/fixtures/public.devtools.har', import.meta.url).pathname;
    const json = JSON.parse((await run(['explain', '--json', chromiumHar])).out) as { exchanges: JsonRequest[] };
    expect(json.exchanges.length).toBeGreaterThan(20);
    for (const r of json.exchanges) expect(r.browser).toBe('chromium');
  });

  // Its `log.creator` names Firefox: its requests were made under Firefox's rules, as the panel and
  // the viewer judge it too (ui/share/import-rules.ts). `--browser` given still wins.
  it("firefox is the default for a HAR Firefox wrote, on explain, report, share and curl; --browser chromium still wins", async () => {
    const byDefault = JSON.parse((await run(['explain', '--json', firefoxHar])).out) as { exchanges: JsonRequest[] };
    const asked = JSON.parse((await run(['explain', '--json', '--browser', 'firefox', firefoxHar])).out) as { exchanges: JsonRequest[] };
    expect(byDefault).toEqual(asked);
    expect(requestOf(byDefault, 'simple-get-no-acao')?.browser).toBe('firefox');
    expect((await run(['explain', firefoxHar])).out).toBe((await run(['explain', '--browser', 'firefox', firefoxHar])).out);
    expect((await run(['report', firefoxHar])).out).toBe((await run(['report', '--browser', 'firefox', firefoxHar])).out);
    const curl = ['curl', '--url-contains', 'simple-get-no-acao', firefoxHar];
    expect((await run(curl)).out).toBe((await run([...curl, '--browser', 'firefox'])).out);
    expect((await run(curl)).out).not.toBe((await run([...curl, '--browser', 'chromium'])).out);
    const dir = mkdtempSync(join(tmpdir(), 'cors-creator-'));
    expect((await run(['share', '--out', join(dir, 'b.json'), firefoxHar])).status).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'))).toMatchObject({ browser: 'firefox' });
    const inChromium = JSON.parse((await run(['explain', '--json', '--browser', 'chromium', firefoxHar])).out) as { exchanges: JsonRequest[] };
    expect(requestOf(inChromium, 'simple-get-no-acao')?.browser).toBe('chromium');
  });

  // Firefox writes `log.creator` first; a HAR that lists it after its entries (another tool's or a
  // hand's order) is Firefox's all the same, read from a file through the streaming reader.
  it('firefox is the default for a HAR Firefox wrote whose log.creator comes after its entries', async () => {
    const { creator, ...rest } = (JSON.parse(readFileSync(firefoxHar, 'utf8')) as { log: Record<string, unknown> }).log;
    const file = join(mkdtempSync(join(tmpdir(), 'cors-creator-last-')), 'creator-last.har');
    writeFileSync(file, JSON.stringify({ log: { ...rest, creator } }, null, 2));
    const json = JSON.parse((await run(['explain', '--json', file])).out) as { exchanges: JsonRequest[] };
    expect(json).toEqual(JSON.parse((await run(['explain', '--json', firefoxHar])).out));
    expect(requestOf(json, 'simple-get-no-acao')?.browser).toBe('firefox');
    expect((await run(['explain', file])).out).toBe((await run(['explain', firefoxHar])).out.replaceAll(firefoxHar, file));
    expect((await run(['report', file])).out).toBe((await run(['report', firefoxHar])).out.replaceAll(firefoxHar, file));
  });

  // CORS Inspector's sanitized HAR of Firefox's requests (the Firefox HAR opened in the panel and
  // exported again) says so in `log.creator._browser`: read back, it is judged as the Firefox HAR is.
  it('firefox is the default for a sanitized HAR CORS Inspector wrote of requests Firefox made', async () => {
    const exchanges = exchangesFromHar(readFileSync(firefoxHar, 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'cors-reexport-')), 'again.har');
    writeFileSync(file, serializeHar(harFromExchanges(exchanges, { browsers: exchanges.map(() => 'firefox') })));
    const again = JSON.parse((await run(['explain', '--json', file])).out) as { exchanges: JsonRequest[] };
    const original = JSON.parse((await run(['explain', '--json', firefoxHar])).out) as { exchanges: JsonRequest[] };
    expect(again.exchanges.map((r) => [r.browser, r.verdict, r.firefox])).toEqual(original.exchanges.map((r) => [r.browser, r.verdict, r.firefox]));
    expect(requestOf(again, 'simple-get-no-acao')?.browser).toBe('firefox');
  });

  it("gives `firefox` in one shape whatever the browser: Firefox's verdict, judged under its rules", async () => {
    const inChromium = JSON.parse((await run(['explain', '--json', '--browser', 'chromium', firefoxHar])).out) as { exchanges: JsonRequest[] };
    const inFirefox = JSON.parse((await run(['explain', '--json', '--browser', 'firefox', firefoxHar])).out) as { exchanges: JsonRequest[] };
    const keys = new Set(inChromium.exchanges.concat(inFirefox.exchanges).map((r) => Object.keys(r.firefox).sort().join(',')));
    expect([...keys]).toEqual(['logged,mdn,outcome,preflightUnanswered,reason,warnings']);
    // A Firefox capture judged by Firefox's rules from either side: the same verdicts.
    expect(inChromium.exchanges.map((r) => r.firefox)).toEqual(inFirefox.exchanges.map((r) => r.firefox));
    expect(requestOf(inChromium, 'put-method-not-allowed')?.firefox).toEqual({
      outcome: 'blocked',
      reason: 'CORSMethodNotFound',
      logged: ['CORSMethodNotFound', 'CORSDidNotSucceed'],
      warnings: [],
      mdn: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMethodNotFound',
      preflightUnanswered: null,
    });
    expect(requestOf(inChromium, 'simple-get-acao-star')?.firefox).toMatchObject({ outcome: 'allowed', reason: null, logged: [], mdn: null });
  });

  it('on a Chromium capture too, `firefox` is the same whatever --browser (one judgement, reading its net::ERR_FAILED)', async () => {
    const chromiumHar = new URL('../../test/fixtures/public.devtools.har', import.meta.url).pathname;
    const inChromium = JSON.parse((await run(['explain', '--json', chromiumHar])).out) as { exchanges: JsonRequest[] };
    const inFirefox = JSON.parse((await run(['explain', '--json', '--browser', 'firefox', chromiumHar])).out) as { exchanges: JsonRequest[] };
    expect(inChromium.exchanges.length).toBeGreaterThan(20);
    expect(inChromium.exchanges.map((r) => r.firefox)).toEqual(inFirefox.exchanges.map((r) => r.firefox));
    // And --browser firefox's own verdict is that one.
    for (const r of inFirefox.exchanges) expect(r.firefox.outcome === 'blocked').toBe(r.verdict === 'blocked');
  });

  it.each(['explain', 'report'])('%s: an unknown browser is a usage error (exit 2), one line', async (command) => {
    const { status, err, out } = await run([command, '--browser', 'safari', firefoxHar]);
    expect(status).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    // The command is named once (it was "explain: explain: ...").
    expect(err).toBe(`cors-inspector ${command}: --browser must be chromium or firefox, not "safari"\n`);
  });

  // A bundle the Firefox build (or `share --browser firefox`) wrote says so in its `browser`: read by
  // the CLI under the same rules, as the panels and the viewer read it.
  it('firefox is the default for a bundle judged by Firefox\'s rules, and --browser chromium still wins', async () => {
    const chromiumHar = new URL('../../test/fixtures/public.devtools.har', import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'cors-bundle-browser-'));
    const bundle = join(dir, 'firefox.json');
    expect((await run(['share', '--browser', 'firefox', '--out', bundle, chromiumHar])).status).toBe(EXIT.ok);
    const byDefault = JSON.parse((await run(['explain', '--json', bundle])).out) as { exchanges: JsonRequest[] };
    expect(byDefault).toEqual(JSON.parse((await run(['explain', '--json', '--browser', 'firefox', bundle])).out));
    for (const r of byDefault.exchanges) expect(r.browser).toBe('firefox');
    expect((await run(['report', bundle])).out).toBe((await run(['report', '--browser', 'firefox', bundle])).out);
    const inChromium = JSON.parse((await run(['explain', '--json', '--browser', 'chromium', bundle])).out) as { exchanges: JsonRequest[] };
    for (const r of inChromium.exchanges) expect(r.browser).toBe('chromium');
    // A Chromium bundle stays Chromium's.
    const chromiumBundle = join(dir, 'chromium.json');
    expect((await run(['share', '--out', chromiumBundle, chromiumHar])).status).toBe(EXIT.ok);
    for (const r of (JSON.parse((await run(['explain', '--json', chromiumBundle])).out) as { exchanges: JsonRequest[] }).exchanges) expect(r.browser).toBe('chromium');
  });

  it('report and share take it', async () => {
    const report = await run(['report', '--browser', 'firefox', firefoxHar]);
    expect(report.status).toBe(EXIT.ok);
    expect(report.out).toContain('## CORS Inspector report');
    const dir = mkdtempSync(join(tmpdir(), 'cors-browser-'));
    const share = await run(['share', '--browser', 'firefox', '--out', join(dir, 'b.json'), firefoxHar]);
    expect(share.status).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toContain('"verdict"');
    expect((await run(['share', '--browser', 'opera', '--out', join(dir, 'c.json'), firefoxHar])).status).toBe(EXIT.usage);
  });
});

// A preflight one browser's cache answered, judged as the other: Firefox keeps Access-Control-Max-Age
// 100000 for 86,400 s and Chromium for 7,200 s; Chromium keeps `abc` 5 s and Firefox not at all.
describe("--browser on a preflight the capturing browser's cache answered", () => {
  const page = 'https://app.example';
  const url = 'https://api.example/a';
  const headers = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
  const entry = (method: string, at: string, response: [string, string][], preflight = false) => ({
    ...(preflight ? { _resourceType: 'preflight', _initiator: { type: 'preflight', url, requestId: '1.2' } } : { _resourceType: 'fetch', _initiator: { type: 'script' } }),
    startedDateTime: at,
    time: 5,
    request: { method, url, headers: headers(preflight ? [['Origin', page], ['Access-Control-Request-Method', 'PUT']] : [['Origin', page]]), bodySize: 0 },
    response: { status: preflight ? 204 : 200, headers: headers(response), redirectURL: '', _error: null },
  });
  /**
   * A PUT, its preflight (Max-Age `maxAge`), and a second PUT at `later` with none, written by
   * `creator`; the second's response lacks Access-Control-Allow-Origin (blocked: explain lists it).
   */
  const harFile = (creator: string, maxAge: string, later: string): string => {
    const acao: [string, string] = ['Access-Control-Allow-Origin', page];
    const har = {
      log: {
        version: '1.2',
        creator: { name: creator, version: '1' },
        pages: [],
        entries: [
          entry('PUT', '2026-12-04T10:00:00.000Z', [acao]),
          entry('OPTIONS', '2026-12-04T10:00:00.002Z', [acao, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', maxAge]], true),
          entry('PUT', later, []),
        ],
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'cors-cache-')), 'cache.har');
    writeFileSync(file, JSON.stringify(har));
    return file;
  };
  /** The text's `Preflight:` line, its wrapped lines joined. */
  const preflightLine = (out: string) => /Preflight: [^\n]*(?:\n {4}[^\n]*)*/.exec(out)?.[0].replace(/\n {4}/g, ' ');

  it("a Firefox capture, three hours later: Firefox's cache answered; as Chromium, it would have sent a preflight", async () => {
    const file = harFile('Firefox', '100000', '2026-12-04T13:00:00.000Z');
    expect(preflightLine((await run(['explain', '--browser', 'chromium', file])).out)).toBe(
      'Preflight: not sent: Firefox answered it from its preflight cache (Access-Control-Max-Age 100000, the cached answer 10799 s old); Chromium keeps it 7200 s, so Chromium would have sent a preflight',
    );
    expect(preflightLine((await run(['explain', '--browser', 'firefox', file])).out)).toBe('Preflight: answered from the preflight cache');
  });

  it('a Chromium capture, two seconds later, Max-Age abc: as Firefox, it would have sent a preflight', async () => {
    const file = harFile('WebInspector', 'abc', '2026-12-04T10:00:02.500Z');
    expect(preflightLine((await run(['explain', '--browser', 'firefox', file])).out)).toBe(
      "Preflight: not sent: the capturing browser's preflight cache answered it (read by Chromium's rules: Access-Control-Max-Age abc, the cached answer 2 s old); Firefox does not keep that value, so Firefox would have sent a preflight",
    );
    expect(preflightLine((await run(['explain', '--browser', 'chromium', file])).out)).toBe('Preflight: answered from the preflight cache');
  });
});
