import { copyFileSync, createReadStream, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUNDLE_LIMITS, importBundle, harFromExchanges, serializeHar } from '../export/index.ts';
import { VIEWER_PAGE } from '../export/testing-viewer-page.ts';
import { RECORDED_HAR_PATH, SECRETS, canaryExchange } from '../export/testing-exchanges.ts';
import { partialName, readViewerPage, runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-share-'));
const canaryHar = join(dir, 'canary.har');
writeFileSync(canaryHar, serializeHar(harFromExchanges([canaryExchange()], { includeSecrets: true })));
const recordedHar = RECORDED_HAR_PATH.pathname;
const FIREFOX_HAR = new URL('../../test/fixtures/firefox-devtools/public.har', import.meta.url).pathname;

async function share(args: string[], viewerPage = async () => VIEWER_PAGE): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await runShare(args, out, err, undefined, undefined, viewerPage);
  return { status, out: out.text, err: err.text };
}

/** The bundle a diagnosis.html holds. */
function embeddedBundle(page: string): string {
  return /<script type="application\/json" id="bundle">([^<]*)<\/script>/.exec(page)![1]!;
}

describe('cors-inspector share', () => {
  it('writes a bundle that imports, with the author, and says how many secrets it redacted', async () => {
    const target = join(dir, 'out.json');
    const result = await share([recordedHar, '--out', target, '--author', 'Ana']);
    expect(result.status).toBe(0);
    expect(result.err).toMatch(/^cors-inspector share: wrote \d+ requests to .*out\.json \(\d+ secrets redacted\)\n$/);
    const imported = importBundle(readFileSync(target), { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.bundle.author).toEqual({ name: 'Ana' });
    expect(imported.verdictChanges).toBe(0);
    // The probe request the recorder makes to its own page is same-origin: left out.
    expect(imported.exchanges.some((entry) => entry.exchange.hops[0]!.url.includes('__probe'))).toBe(false);
    expect(imported.exchanges.length).toBeGreaterThan(20);
  });

  it("--browser firefox judges by Firefox's rules and the bundle says so; the default writes no browser", async () => {
    const firefox = await share([recordedHar, '--out', '-', '--browser', 'firefox']);
    expect(firefox.status).toBe(0);
    const imported = importBundle(firefox.out, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.bundle.browser).toBe('firefox');
    // Judged again by the same rules: the same verdicts.
    expect(imported.verdictChanges).toBe(0);
    const chromium = await share([recordedHar, '--out', '-']);
    expect(chromium.out).not.toContain('"browser"');
  });

  // The HAR's requests were Chromium's whatever rules judge them: a sanitized HAR written from the
  // bundle (the panel, the viewer) writes Chromium's Sec-Fetch-Site, not Firefox's.
  it("says each exchange was sent by the browser whose HAR it came from, where the rules are the other's, and keeps it when shared again", async () => {
    const firefox = await share([recordedHar, '--out', '-', '--browser', 'firefox']);
    const imported = importBundle(firefox.out, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(new Set(imported.bundle.exchanges.map((entry) => entry.sentBy))).toEqual(new Set(['chromium']));
    expect((await share([recordedHar, '--out', '-'])).out).not.toContain('"sentBy"');
    // Shared again from the bundle (judged by its Firefox rules), they are still Chromium's.
    const bundleFile = join(dir, 'firefox-rules.json');
    writeFileSync(bundleFile, firefox.out);
    const again = importBundle((await share([bundleFile, '--out', '-'])).out, { engineVersion: 'test' });
    expect(again.ok && [again.bundle.browser, new Set(again.bundle.exchanges.map((entry) => entry.sentBy))]).toEqual(['firefox', new Set(['chromium'])]);
    // A HAR Firefox wrote, judged by Chromium's rules: Firefox's.
    const fromFirefox = importBundle((await share([FIREFOX_HAR, '--out', '-', '--browser', 'chromium'])).out, { engineVersion: 'test' });
    expect(fromFirefox.ok && [fromFirefox.bundle.browser, new Set(fromFirefox.bundle.exchanges.map((entry) => entry.sentBy))]).toEqual([undefined, new Set(['firefox'])]);
    expect((await share([FIREFOX_HAR, '--out', '-'])).out).not.toContain('"sentBy"');
  });

  it('redacts secrets unless --include-secrets', async () => {
    const redacted = await share([canaryHar, '--out', '-']);
    expect(redacted.out).not.toContain(SECRETS.sessionCookie);
    const kept = await share([canaryHar, '--out', '-', '--include-secrets']);
    expect(kept.out).toContain(SECRETS.sessionCookie);
    expect(kept.out).toContain('"secretsIncluded": true');
  });

  it.each([
    { args: [recordedHar], status: 2, message: 'share needs --out FILE.json or --html FILE.html' },
    { args: [recordedHar, '--out', '-', '--html', '-'], status: 2, message: 'share can write only one of --out and --html to standard output (-)' },
    { args: [recordedHar, '--html', join(dir, 'no', 'such', 'dir.html')], status: 3, message: /^cannot write .*dir\.html: no such file$/ },
    { args: ['--out', 'x.json'], status: 2, message: 'share needs a HAR file (or a bundle): cors-inspector share FILE.har, or - to read standard input' },
    { args: [recordedHar, '--out', 'x.json', '--colour'], status: 2, message: 'unknown option for share: --colour' },
    { args: [recordedHar, '--out'], status: 2, message: '--out needs a value' },
    // An importer refuses a longer name: refused before anything is read or written.
    { args: [recordedHar, '--out', '-', '--author', 'A'.repeat(257)], status: 2, message: '--author is 257 characters, more than the 256 a bundle holds' },
    // A file that cannot be read or written: status 3, not bad usage.
    { args: [join(dir, 'missing.har'), '--out', 'x.json'], status: 3, message: /^cannot read .*missing\.har: no such file$/ },
    { args: [recordedHar, '--out', join(dir, 'no', 'such', 'dir.json')], status: 3, message: /^cannot write .*dir\.json: no such file$/ },
    { args: [recordedHar, '--out', '-', '--url-contains', 'nothing-like-this'], status: 2, message: /^no cross-origin request in .* has a URL containing "nothing-like-this"$/ },
  ])('fails on $args with one line and status $status', async ({ args, status, message }) => {
    const result = await share(args);
    expect(result.status).toBe(status);
    expect(result.out).toBe('');
    expect(result.err.endsWith('\n')).toBe(true);
    expect(result.err.split('\n')).toHaveLength(2);
    const line = result.err.replace(/^cors-inspector share: /, '').trimEnd();
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
  });

  it('--html writes a diagnosis.html holding the same bundle, redacted', async () => {
    const target = join(dir, 'diagnosis.html');
    const result = await share([canaryHar, '--html', target, '--author', 'Ana']);
    expect(result.status).toBe(0);
    expect(result.err).toMatch(/^cors-inspector share: wrote 1 request to .*diagnosis\.html \(\d+ secrets redacted\)\n$/);
    const page = readFileSync(target, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const bundle = embeddedBundle(page);
    const asJson = await share([canaryHar, '--out', '-', '--author', 'Ana']);
    const withoutTime = (text: string) => ({ ...JSON.parse(text), createdAt: null });
    expect(withoutTime(bundle)).toEqual(withoutTime(asJson.out));
    for (const secret of Object.values(SECRETS)) expect(JSON.parse(bundle).exchanges[0].exchange.request.headers.flat().join(' ')).not.toContain(secret);
    for (const secret of Object.values(SECRETS)) expect(page).not.toContain(secret);
  });

  it('--html and --out together write both; --html - writes the page to standard output', async () => {
    const json = join(dir, 'both.json');
    const html = join(dir, 'both.html');
    const both = await share([canaryHar, '--out', json, '--html', html]);
    expect(both.err).toMatch(/ to .*both\.json and .*both\.html \(/);
    expect(JSON.parse(embeddedBundle(readFileSync(html, 'utf8'))).exchanges).toEqual(JSON.parse(readFileSync(json, 'utf8')).exchanges);
    const out = await share([canaryHar, '--html', '-']);
    expect([out.status, out.out.startsWith('<!doctype html>'), out.err]).toEqual([0, true, '']);
  });

  it('--html refuses requests that need more than one bundle, and writes nothing', async () => {
    const target = join(dir, 'split.html');
    const out = new Collected();
    const err = new Collected();
    const status = await runShare([recordedHar, '--html', target], out, err, undefined, { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 2 }, async () => VIEWER_PAGE);
    expect(status).toBe(3);
    expect(err.text).toMatch(/^cors-inspector share: these requests need more than one bundle \(a bundle holds .*\): write to a file with --out FILE\.json to have them split, or narrow them with --url-contains\n$/);
    expect(() => readFileSync(target)).toThrow();
  });

  it('--html without the viewer page says how to build it, with status 3, and writes nothing', async () => {
    const target = join(dir, 'never.html');
    const missing = new URL('file:///nonexistent/dist-cli/viewer.html');
    const result = await share([canaryHar, '--html', target], () => readViewerPage(missing));
    expect([result.status, result.out]).toEqual([3, '']);
    expect(result.err).toBe('cors-inspector share: --html needs the viewer page that `npm run build:cli` writes beside the CLI: cannot read /nonexistent/dist-cli/viewer.html: no such file; run `npm run build:cli`\n');
    expect(() => readFileSync(target)).toThrow();
  });

  // Session 40: `share X.har --out X.har` replaced the raw capture with the redacted bundle, silently.
  describe('refuses to write over the file it reads (status 2, nothing written)', () => {
    const capture = join(dir, 'same.har');
    copyFileSync(canaryHar, capture);
    const before = readFileSync(capture, 'utf8');
    const link = join(dir, 'same-link.har');
    symlinkSync(capture, link);
    const hard = join(dir, 'same-hard.har');
    linkSync(capture, hard);
    it.each([
      ['--out, the same path', ['--out', capture]],
      ['--out, the same path written another way', ['--out', relative(process.cwd(), join(dir, '.', 'x', '..', 'same.har'))]],
      ['--out, a symbolic link to it', ['--out', link]],
      ['--out, a hard link to it', ['--out', hard]],
      ['--html, the same path', ['--html', capture]],
    ])('%s', async (_about, options) => {
      const result = await share([capture, ...options]);
      expect([result.status, result.out]).toEqual([2, '']);
      const flag = options[0]!;
      const which = options[1] === capture ? 'the input file' : `the input file (${capture})`;
      expect(result.err).toBe(`cors-inspector share: ${flag} ${options[1]} is ${which}: writing there would replace it; name another file\n`);
      expect(readFileSync(capture, 'utf8')).toBe(before);
    });

    // Session 41: `share - --out piped.json < piped-2.json` too (bin.test.ts runs `< X` for --out X itself).
    it.each([
      ['the input', 'parts', false],
      ['the file standard input reads', 'piped', true],
    ] as const)('a bundle split into parts, one of which would take the name of %s', async (_about, name, piped) => {
      const input = join(dir, `${name}-2.json`);
      expect((await share([recordedHar, '--out', input])).status).toBe(0);
      const read = readFileSync(input, 'utf8');
      const out = new Collected();
      const err = new Collected();
      const stdin = piped ? createReadStream('', { fd: openSync(input, 'r') }) : undefined;
      const status = await runShare([piped ? '-' : input, '--out', join(dir, `${name}.json`)], out, err, stdin, { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 2 }, async () => VIEWER_PAGE);
      expect(status).toBe(2);
      const which = piped ? 'the input file (standard input reads it)' : 'the input file';
      expect(err.text).toBe(`cors-inspector share: --out ${join(dir, `${name}.json`)} would write part 2 to ${input}, ${which}: writing there would replace it; name another file\n`);
      expect(readFileSync(input, 'utf8')).toBe(read);
      expect(() => readFileSync(join(dir, `${name}-1.json`))).toThrow();
    });
  });

  // M7 (session 44): parts were written to `${target}.${pid}-1.partial`, opened with 'w'. Anyone who
  // could write to the folder could guess the name, plant a link there, and have the bundle written
  // through it over any file of the person's (a shell profile).
  describe('writes no file but its own (a planted link or file at a temporary name)', () => {
    const victim = join(dir, 'victim.txt');
    const folder = mkdtempSync(join(dir, 'shared-'));
    const target = join(folder, 'out.json');
    it('the temporary names cannot be guessed: the pid-based names of before, planted, are left alone', async () => {
      writeFileSync(victim, 'the person\'s own file\n');
      for (let part = 1; part <= 3; part++) symlinkSync(victim, `${target}.${process.pid}-${part}.partial`);
      expect((await share([canaryHar, '--out', target])).status).toBe(0);
      expect(readFileSync(victim, 'utf8')).toBe('the person\'s own file\n');
      expect(lstatSync(target).isSymbolicLink()).toBe(false);
      expect(partialName(target, 1)).not.toBe(partialName(target, 1));
      expect(partialName(target, 2)).toMatch(/^.*out\.json\.[A-Za-z0-9_-]{12}-2\.partial$/);
    });

    it('a name that is there already, link or file, is never opened: nothing written through it, a one-line error', async () => {
      writeFileSync(victim, 'the person\'s own file\n');
      const zeros = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => array);
      try {
        // Randomness that always gives the same name: as if the name had been guessed.
        const planted = join(folder, 'again.json');
        symlinkSync(victim, partialName(planted, 1));
        const refused = await share([canaryHar, '--out', planted]);
        expect([refused.status, refused.out]).toEqual([3, '']);
        expect(refused.err).toMatch(/^cors-inspector share: cannot write .*again\.json: [^\n]*\n$/);
        expect(readFileSync(victim, 'utf8')).toBe('the person\'s own file\n');
        expect(() => readFileSync(planted)).toThrow();
      } finally {
        zeros.mockRestore();
      }
    });

    it('a part that cannot take its name: no part is left under the names asked for, and the error names that file', async () => {
      const parts = join(folder, 'parts.json');
      mkdirSync(join(folder, 'parts-2.json'));
      const out = new Collected();
      const err = new Collected();
      const status = await runShare([recordedHar, '--out', parts], out, err, undefined, { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 2 }, async () => VIEWER_PAGE);
      expect(status).toBe(3);
      expect(err.text).toBe(`cors-inspector share: cannot write ${join(folder, 'parts-2.json')}: is a directory\n`);
      expect(readdirSync(folder).filter((name) => name.startsWith('parts'))).toEqual(['parts-2.json']);
    });

    it('a folder under a later part\'s name is found before any rename: an earlier run\'s first part is kept as it was', async () => {
      const parts = join(folder, 'kept.json');
      writeFileSync(join(folder, 'kept-1.json'), 'an earlier run\'s part\n');
      mkdirSync(join(folder, 'kept-2.json'));
      const err = new Collected();
      const status = await runShare([recordedHar, '--out', parts], new Collected(), err, undefined, { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 2 }, async () => VIEWER_PAGE);
      expect([status, err.text]).toEqual([3, `cors-inspector share: cannot write ${join(folder, 'kept-2.json')}: is a directory\n`]);
      expect(readFileSync(join(folder, 'kept-1.json'), 'utf8')).toBe('an earlier run\'s part\n');
      expect(readdirSync(folder).filter((name) => name.startsWith('kept')).sort()).toEqual(['kept-1.json', 'kept-2.json']);
    });

    it('with --include-secrets, the bundle is readable by its owner only; a redacted one as the umask has new files', async () => {
      const own = join(folder, 'own.json');
      expect((await share([canaryHar, '--out', own, '--include-secrets'])).status).toBe(0);
      expect(statSync(own).mode & 0o777).toBe(0o600);
      const shared = join(folder, 'shared.json');
      expect((await share([canaryHar, '--out', shared])).status).toBe(0);
      expect(statSync(shared).mode & 0o777).toBe(0o666 & ~process.umask());
    });
  });

  it('fails on a file that is not a HAR', async () => {
    const notHar = join(dir, 'not.har');
    writeFileSync(notHar, '{"hello": 1}');
    const result = await share([notHar, '--out', '-']);
    expect([result.status, result.err]).toEqual([3, `cors-inspector share: ${notHar}: not a HAR file: no "log" object\n`]);
  });

  it('prints its usage with --help', async () => {
    const result = await share(['--help']);
    expect([result.status, result.out.startsWith('Usage: cors-inspector share FILE.har --out FILE.json')]).toEqual([0, true]);
  });
});
