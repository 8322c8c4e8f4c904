// The CLI's contract, in-process: documented exit statuses, one-line messages, standard input for
// every command, terminal-safe text, a guard for bugs, and `share` writing only bundles that import.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importBundle, DEFAULT_BUNDLE_LIMITS, UNPRINTABLE } from '../export/index.ts';
import { RECORDED_HAR_PATH } from '../export/testing-exchanges.ts';
import { VIEWER_PAGE } from '../export/testing-viewer-page.ts';
import { COMMANDS } from './commands.ts';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { contextFor, runCommand } from './run-command.ts';
import { runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-main-'));
const recordedHar = RECORDED_HAR_PATH.pathname;
const recordedText = readFileSync(recordedHar, 'utf8');

interface Result {
  status: number;
  out: string;
  err: string;
}

async function run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Result> {
  const out = new Collected();
  const err = new Collected();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const status = await main(args, out, err, options.env ?? {}, stdin);
  return { status, out: out.text, err: err.text };
}

function harOf(...entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', entries } });
}

function entry(url: string, responseHeaders: unknown[], extra: { status?: unknown; startedDateTime?: unknown; requestHeaders?: unknown[]; error?: string | null } = {}): unknown {
  return {
    startedDateTime: extra.startedDateTime ?? '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url, headers: extra.requestHeaders ?? [{ name: 'Origin', value: 'http://page.test' }] },
    response: { status: extra.status ?? 200, headers: responseHeaders, _error: extra.error === undefined ? 'net::ERR_FAILED' : extra.error },
  };
}

const EVERY_COMMAND: string[][] = [
  ['explain'],
  ['explain', '--json'],
  ['curl', '--url-contains', 'http'],
  ['curl', '--url-contains', 'http', '--shell', 'powershell'],
  ['curl', '--url-contains', 'http', '--shell', 'cmd'],
  ['report'],
  ['share', '--out', '-'],
];

describe('standard input', () => {
  it.each(EVERY_COMMAND.map((args) => [args.join(' '), args] as const))('%s - reads what FILE reads', async (_name, args) => {
    const fromFile = await run([...args, recordedHar]);
    const fromStdin = await run([...args, '-'], { stdin: recordedText });
    expect(fromStdin.status).toBe(0);
    // A bundle records when it was made: compare without it.
    const stable = (text: string) => text.replace(/"createdAt": "[^"]*"/g, '');
    expect(stable(fromStdin.out)).toBe(stable(fromFile.out));
    expect(fromStdin.out.length).toBeGreaterThan(1000);
  });
});

describe('a HAR with nothing to explain', () => {
  it('says the file holds no requests, rather than only "0 cross-origin requests"', async () => {
    const empty = JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [] } });
    const { status, out } = await run(['explain', '-'], { stdin: empty });
    expect([status, out]).toEqual([0, '0 cross-origin requests (the file holds no requests to explain)\n']);
  });
});

// Session 40: empty standard input said "not JSON (Unexpected end of JSON input)", a HAR cut short
// "not JSON (Unterminated string ... position N)", and a HAR whose every entry was unreadable exited 0
// (so `--fail-on-blocked` passed in CI with nothing judged).
describe('input that is empty, cut short, or has no readable entry', () => {
  it.each(EVERY_COMMAND.map((args) => [args.join(' '), args] as const))('%s: empty standard input says so, status 3', async (_name, args) => {
    for (const stdin of ['', ' \n']) {
      const result = await run([...args, '-'], { stdin });
      expect([result.status, result.out, result.err]).toEqual([EXIT.input, '', `cors-inspector ${args[0]}: standard input is empty: pipe a HAR file into it, or name the file instead of -\n`]);
    }
  });

  it('an empty file says so', async () => {
    const empty = join(dir, 'empty.har');
    writeFileSync(empty, '');
    const result = await run(['explain', empty]);
    expect([result.status, result.err]).toEqual([EXIT.input, `cors-inspector explain: ${empty} is empty: no HAR in it\n`]);
  });

  it.each([
    ['inside a string', '{"log": {"version": "1.'],
    ['after a value', '{"log": {"version": "1.2"'],
    ['inside a literal', '{"log": {"entries": [{"a": tru'],
    ['after a comma', '{"log": {"entries": [{"a": 1},'],
  ])('a HAR cut short %s: it looks cut short, at its last byte', async (_where, text) => {
    for (const file of [false, true]) {
      const path = join(dir, 'cut.har');
      if (file) writeFileSync(path, text);
      const result = await run(['explain', file ? path : '-'], { stdin: text });
      const bytes = Buffer.byteLength(text).toLocaleString('en-US');
      expect([result.status, result.err]).toEqual([EXIT.input, `cors-inspector explain: ${file ? path : 'standard input'}: not a HAR file: it looks cut short (the JSON stops unfinished at byte ${bytes}, its end)\n`]);
    }
  });

  it('JSON that is wrong inside, not cut short, keeps JSON.parse\'s words', async () => {
    const result = await run(['explain', '-'], { stdin: '{"log": x}' });
    expect(result.err).toMatch(/^cors-inspector explain: standard input: not a HAR file: not JSON \(Unexpected token/);
  });

  it.each(EVERY_COMMAND.map((args) => [args.join(' '), args] as const))('%s: a HAR whose every entry is unreadable: status 3, nothing judged', async (_name, args) => {
    const bad = entry('http://api.test/a', [{ name: 'Vary', value: null }]);
    const result = await run([...args, '-', ...(args[0] === 'explain' ? ['--fail-on-blocked'] : [])], { stdin: harOf(bad, bad) });
    expect([result.status, result.out, result.err]).toEqual([
      EXIT.input,
      '',
      `cors-inspector ${args[0]}: standard input: none of its 2 entries could be read, so nothing was judged (first: entries[0].response.headers[0].value: expected a string, found null)\n`,
    ]);
  });

  // Session 40: a request whose captured URL is no URL is explained (uncertain: "Invalid URL in the
  // capture", by design: the capture was edited), but its group said "API origin: null", which reads
  // as the opaque origin a sandboxed page sends.
  it('a URL that is no URL: its group has no API origin, rather than null', async () => {
    const result = await run(['explain', '-'], { stdin: harOf(entry('not a url', [])) });
    expect(result.status).toBe(EXIT.ok);
    expect(result.out).toContain('  API origin: none (the captured URL is not a valid URL)\n');
    expect(result.out).not.toContain('API origin: null');
  });

  // Session 41: `report` and `explain --json` still said `null` for it.
  it('a URL that is no URL: report and --json say it has none, and why', async () => {
    // Two causes, so the report has its table too.
    const report = await run(['report', '-'], { stdin: harOf(entry('not a url', []), entry('http://api.test/x', [])) });
    expect(report.status).toBe(EXIT.ok);
    expect(report.out).toContain('\n- **API origin:** none (the captured URL is not a valid URL)\n');
    expect(report.out).toContain(' | none (the captured URL is not a valid URL) | ');
    expect(report.out).not.toContain('`null`');
    const json = await run(['explain', '--json', '-'], { stdin: harOf(entry('not a url', [])) });
    const [group] = (JSON.parse(json.out) as { groups: Record<string, unknown>[] }).groups;
    expect(group).toMatchObject({ apiOrigin: null, noApiOrigin: 'the captured URL is not a valid URL' });
  });

  // Session 41 (FR#11, a first-run review): `explain diagnosis.html` said "not a HAR file: not JSON
  // (Unexpected token '<', ...)", which told nobody that the page is read in a browser.
  it('a diagnosis page or the viewer page: says what it is and where it is read', async () => {
    const page = join(dir, 'diagnosis.html');
    const shared = await runShare([recordedHar, '--html', page], new Collected(), new Collected(), undefined, undefined, async () => VIEWER_PAGE);
    expect(shared).toBe(EXIT.ok);
    const viewer = join(dir, 'viewer.html');
    writeFileSync(viewer, VIEWER_PAGE);
    for (const args of EVERY_COMMAND) {
      const command = args[0]!;
      expect(await run([...args, page])).toEqual({
        status: EXIT.input,
        out: '',
        err: `cors-inspector ${command}: ${page}: a diagnosis page (written by share --html or the panel's Download diagnosis.html), not a HAR file or bundle: open it in a browser to read it; this command reads the HAR it was made from, or a bundle (share FILE.har --out FILE.json)\n`,
      });
      expect(await run([...args, viewer])).toEqual({
        status: EXIT.input,
        out: '',
        err: `cors-inspector ${command}: ${viewer}: the CORS Inspector viewer page, not a HAR file or bundle: open it in a browser and open the HAR or bundle there (Open..., or drop the file on it), or give this command the HAR or bundle itself\n`,
      });
    }
    // Any other HTML page reads as before.
    writeFileSync(join(dir, 'other.html'), '<!doctype html><title>x</title>');
    expect((await run(['explain', join(dir, 'other.html')])).err).toMatch(/: not a HAR file: not JSON \(/);
  });

  it('explain with no file names - for standard input', async () => {
    const result = await run(['explain']);
    expect([result.status, result.err]).toEqual([EXIT.usage, 'cors-inspector explain: explain needs a HAR file (or a bundle): cors-inspector explain FILE.har, or - to read standard input\n']);
  });
});

describe('HAR values of the wrong type', () => {
  it.each<{ about: string; bad: unknown; reason: string }>([
    { about: 'a header value that is an object', bad: entry('http://api.test/a', [{ name: 'Access-Control-Allow-Origin', value: { toString: 'x' } }]), reason: 'entries[0].response.headers[0].value: expected a string, found an object' },
    { about: 'a header value that is null', bad: entry('http://api.test/a', [{ name: 'Vary', value: null }]), reason: 'entries[0].response.headers[0].value: expected a string, found null' },
    { about: 'a header value that is an array', bad: entry('http://api.test/a', [{ name: 'Vary', value: ['Origin'] }]), reason: 'entries[0].response.headers[0].value: expected a string, found an array' },
    { about: 'a header without a name', bad: entry('http://api.test/a', [{ value: 'x' }]), reason: 'entries[0].response.headers[0].name: expected a non-empty string, found nothing' },
    { about: 'a status of 1000', bad: entry('http://api.test/a', [], { status: 1000 }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found the number 1000' },
    { about: 'a huge status', bad: entry('http://api.test/a', [], { status: 1e300 }), reason: 'entries[0].response.status: expected an HTTP status (an integer from 0 to 999), found a number' },
  ])('$about: every command goes on without the entry, and says so on one line', async ({ bad, reason }) => {
    const good = entry('http://api.test/good', [{ name: 'Access-Control-Allow-Origin', value: 'http://page.test' }], { startedDateTime: '2026-01-01T00:00:01.000Z' });
    for (const args of EVERY_COMMAND) {
      const result = await run([...args, '-'], { stdin: harOf(bad, good) });
      expect({ args, status: result.status }).toEqual({ args, status: EXIT.ok });
      expect(result.err).toBe(`cors-inspector ${args[0]}: standard input: skipped 1 unreadable entry (first: ${reason})\n`);
      expect(result.out).toContain('http://api.test/good');
      expect(result.out).not.toContain('http://api.test/a');
    }
  });

  it('an invalid date: the entry is kept', async () => {
    const result = await run(['explain', '--json', '-'], { stdin: harOf(entry('http://api.test/a', [], { startedDateTime: 'not a date' })) });
    expect([result.status, result.err]).toEqual([0, '']);
    expect(JSON.parse(result.out).exchanges).toHaveLength(1);
  });
});

describe('terminal-safe output', () => {
  const osc52 = '\x1b]52;c;cHduZWQ=\x07';
  const hostile = harOf(
    entry(`http://api.test/\x1b[2J${osc52}`, [
      { name: 'Access-Control-Allow-Origin', value: `http://evil.test${osc52}\u202e\x9b31m\u2028\u200e\u061c\ufeff\u00ad` },
      { name: `X-${osc52}`, value: 'v' },
    ]),
  );
  const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it.each([['explain'], ['report']])('%s shows control characters from the HAR as escapes', async (command) => {
    const result = await run([command, '-'], { stdin: hostile });
    expect(result.status).toBe(0);
    expect(result.out).not.toMatch(controls);
    // The value's, escaped (the URL's controls are percent-encoded, as the browser sends them: below).
    expect(result.out).toMatch(/\\(?:x1b|u001b)\]52;c;cHduZWQ=\\(?:x07|u0007)/i);
    expect(result.out).toContain('\\u202e');
  });

  it('explain --json escapes C1, bidi controls and U+2028 too, with the same value', async () => {
    const result = await run(['explain', '--json', '-'], { stdin: hostile });
    expect(result.out).not.toMatch(controls);
    // Nor any other control, format or separator character (C0 is JSON.stringify's to escape).
    expect(result.out).not.toMatch(new RegExp(`(?![\\u0000-\\u001f])${UNPRINTABLE.source}`, 'u'));
    expect(result.out).toContain('\\u200e');
    expect(result.out).toContain('\\ufeff');
    const document = JSON.parse(result.out) as { exchanges: { url: string }[] };
    // As the browser sends it: controls percent-encoded, the trailing BEL stripped by the URL parser.
    expect(document.exchanges[0]!.url).toBe('http://api.test/%1B[2J%1B]52;c;cHduZWQ=');
    expect(result.out).toContain('\\u202e');
    expect(result.out).toContain('\\u2028');
  });

  // Session 31: the notes that quote a value (an assumption note here) kept the value's line breaks
  // and tabs, so a hand-made HAR printed a line of its own (`Fix (generic): FORGED`).
  it.each([['chromium'], ['firefox']])('explain (--browser %s) keeps every note that quotes a value on its own lines', async (browser) => {
    const forged = '\n  Fix (generic): FORGED\r\n\t\x1b[31mred';
    const preflight = (path: string, headers: unknown[], status = 204): unknown => ({
      startedDateTime: '2026-01-01T00:00:00.002Z',
      _resourceType: 'preflight',
      request: { method: 'OPTIONS', url: `http://api.test${path}`, headers: [{ name: 'Origin', value: 'http://page.test' }, { name: 'Access-Control-Request-Method', value: 'PUT' }] },
      response: { status, headers },
    });
    const put = (path: string): unknown => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 500,
      request: { method: 'PUT', url: `http://api.test${path}`, headers: [{ name: 'Origin', value: 'http://page.test' }] },
      response: { status: 0, headers: [], _error: 'net::ERR_FAILED' },
    });
    const allow = { name: 'Access-Control-Allow-Origin', value: 'http://page.test' };
    const har = harOf(
      // The method is not allowed; with credentials the preflight's Access-Control-Allow-Credentials would fail: an assumption note quotes it.
      put('/a'), preflight('/a', [allow, { name: 'Access-Control-Allow-Credentials', value: `no${forged}` }]),
      // The preflight redirected to the same path with a slash: `--json`'s trap quotes the Location.
      put('/b'), preflight('/b', [allow, { name: 'Location', value: `http://api.test/b/?${forged}` }], 308),
    );
    const result = await run(['explain', '-', '--browser', browser], { stdin: har });
    expect(result.status).toBe(0);
    expect(result.out).toContain('PreflightInvalidAllowCredentials (no\\u000A');
    expect(result.out).not.toMatch(/^\s*Fix \(generic\): FORGED/m);
    expect(result.out).not.toMatch(/[\t\r\x1b]/);
    const json = await run(['explain', '--json', '-', '--browser', browser], { stdin: har });
    const prose = (JSON.parse(json.out) as { exchanges: { headline: string; advisories: { text: string }[]; assumptions: string[]; traps: { text: string }[] }[] }).exchanges
      .flatMap((x) => [x.headline, ...x.advisories.map((a) => a.text), ...x.assumptions, ...x.traps.map((t) => t.text)]);
    expect(prose.filter((text) => text.includes('FORGED'))).toHaveLength(2);
    // What `jq -r` prints of them: one line each.
    for (const text of prose) expect(text).not.toMatch(/[\u0000-\u001f]/);
  });

  it('messages show control characters from file names and arguments as escapes, on one line', async () => {
    const result = await run(['explain', `missing\x1b]0;x\x07\n.har`]);
    expect(result.status).toBe(EXIT.input);
    expect(result.err).toBe('cors-inspector explain: cannot read missing\\x1b]0;x\\x07\\x0a.har: no such file\n');
  });
});

describe('exit statuses and messages', () => {
  it.each<{ about: string; args: string[]; status: number; err: RegExp }>([
    { about: 'an option that takes no value', args: ['explain', '--json=1', recordedHar], status: EXIT.usage, err: /^cors-inspector explain: --json takes no value\n$/ },
    { about: 'an option given twice', args: ['share', recordedHar, '--out', 'a', '--out=b'], status: EXIT.usage, err: /^cors-inspector share: --out given twice\n$/ },
    { about: 'an option named after a prototype property', args: ['report', '--constructor', recordedHar], status: EXIT.usage, err: /^cors-inspector report: unknown option for report: --constructor\n$/ },
    { about: 'a file name after --', args: ['explain', '--', '-x.har'], status: EXIT.input, err: /^cors-inspector explain: cannot read -x\.har: no such file\n$/ },
    { about: 'a bundle that does not validate', args: ['explain', '-'], status: EXIT.input, err: /^cors-inspector explain: standard input: not a valid bundle: version: /m },
  ])('$about', async ({ args, status, err }) => {
    const result = await run(args, { stdin: '{"format": "cors-inspector-bundle", "version": 9}' });
    expect(result.status).toBe(status);
    expect(result.err).toMatch(err);
  });

  // Changed in session 18: report, curl and share listed status 1, which only --fail-on-blocked
  // (explain's) returns: each command's help lists the statuses it can return.
  it('--help lists every status, and each command\'s the ones it can return (1 only with --fail-on-blocked)', async () => {
    const errors = '2 bad usage, 3 input that cannot be read or written, is no HAR or bundle, or exceeds a limit, 70 internal error (a bug).';
    const help = (await run(['--help'])).out;
    expect(help.replace(/\s+/g, ' ')).toContain(
      'Exit status: 0 done, 1 blocked requests with --fail-on-blocked, 2 bad usage, 3 input that cannot be read or written, is no HAR or bundle, or exceeds a limit (probe: a URL that cannot be probed), 4 curl wrote no command at all, 70 internal error (a bug).',
    );
    // probe's own form, and no line a terminal of 100 columns would wrap.
    expect(help).toContain('cors-inspector probe URL --origin ORIGIN');
    expect(help.split('\n').filter((line) => line.length > 100)).toEqual([]);
    for (const name of new Set(EVERY_COMMAND.map((command) => command[0]!))) {
      const { out } = await run([name, '--help']);
      expect(out.split('\n').filter((line) => line.length > 100), name).toEqual([]);
    }
    for (const name of new Set(EVERY_COMMAND.map((command) => command[0]!))) {
      const command = await COMMANDS.find((entry) => entry.name === name)!.load();
      const { out } = await run([name, '--help']);
      const returnsBlocked = command.options.flags.includes('fail-on-blocked');
      // Session 44: curl alone returns 4, when it wrote no command at all.
      const statuses = name === 'curl' ? `0 done (also when some requests got no command), ${errors.replace(', 70', ', 4 no command at all (each request selected got a comment saying why), 70')}` : `0 done, ${returnsBlocked ? '1 blocked requests with --fail-on-blocked, ' : ''}${errors}`;
      expect(out.replace(/\s+/g, ' '), name).toContain(`Exit status: ${statuses}`);
    }
  });

  it('a text past the longest string V8 holds is a limit of the input (3), not a bug', async () => {
    const err = new Collected();
    const command = { name: 'explain', summary: '', usage: '', options: { flags: [], values: [] }, run: () => Promise.reject(new RangeError('Invalid string length')) };
    const status = await runCommand(command, [], contextFor({ stdout: new Collected(), stderr: err }));
    expect([status, err.text]).toEqual([EXIT.input, 'cors-inspector explain: the input holds a value too large to write out (a single header, URL or note of hundreds of megabytes); leave its request out with --url-contains\n']);
  });

  it('a bug is one line asking for a report, status 70; the stack only with CORS_INSPECTOR_DEBUG=1', async () => {
    class Broken extends Writable {
      override _write(): void {}
      override write(): boolean {
        throw new Error('disk on fire\n    at somewhere (x.ts:1:1)');
      }
    }
    const err = new Collected();
    const status = await main(['explain', recordedHar], new Broken(), err, {}, Readable.from([]));
    expect([status, err.text]).toEqual([EXIT.internal, 'cors-inspector: internal error: disk on fire (please report this)\n']);
    const debug = new Collected();
    await main(['explain', recordedHar], new Broken(), debug, { CORS_INSPECTOR_DEBUG: '1' }, Readable.from([]));
    expect(debug.text.split('\n')[1]).toBe('Error: disk on fire');
    expect(debug.text).toMatch(/\n    at /);
  });
});

// Session 40: `explain recording.har > /dev/full` said "cannot write the output: ENOSPC", then
// "internal error ... (please report this)", status 70. A write that fails is status 3, one line.
describe('output that cannot be written', () => {
  /** A device that refuses every write, as /dev/full does. */
  class Full extends Writable {
    override _write(_chunk: unknown, _encoding: string, done: (error: Error) => void): void {
      done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
    }
  }
  it.each([
    [['explain', recordedHar], 'explain'],
    [['explain', recordedHar, '--json'], 'explain'],
    [['report', recordedHar], 'report'],
    [['curl', recordedHar, '--url-contains', '/'], 'curl'],
    [['share', recordedHar, '--out', '-'], 'share'],
    [['--version'], null],
    [['explain', '--help'], null],
  ])('%j: status 3, one line', async (args, command) => {
    const err = new Collected();
    const status = await main(args, new Full(), err, {}, Readable.from([]));
    expect([status, err.text]).toEqual([EXIT.input, `cors-inspector${command === null ? '' : ` ${command}`}: cannot write the output: no space left on the device (ENOSPC)\n`]);
  });
});

describe('share within the importer\'s limits', () => {
  const small = { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 7, maxBytes: 60_000 };

  async function share(args: string[], limits = DEFAULT_BUNDLE_LIMITS, stdin?: string): Promise<Result> {
    const out = new Collected();
    const err = new Collected();
    const status = await runShare(args, out, err, stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]), limits);
    return { status, out: out.text, err: err.text };
  }

  it('splits into FILE-1.json, FILE-2.json, ... that each import, leaving no temporary file', async () => {
    const out = join(dir, 'split', 'diagnosis.json');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'split'));
    const result = await share([recordedHar, '--out', out], small);
    expect(result.status).toBe(0);
    const files = readdirSync(join(dir, 'split')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(files.length).toBeGreaterThan(33 / 7);
    expect(files).toEqual(files.map((_, i) => `diagnosis-${i + 1}.json`));
    let total = 0;
    let redactions = 0;
    for (const file of files) {
      const text = readFileSync(join(dir, 'split', file));
      expect(text.length).toBeLessThanOrEqual(60_000);
      const imported = importBundle(text, { engineVersion: 'test', limits: small });
      if (!imported.ok) throw new Error(imported.errors[0]!.message);
      total += imported.exchanges.length;
      redactions += imported.bundle.redactions.length;
    }
    expect(total).toBe(33);
    expect(result.err).toBe(`cors-inspector share: wrote 33 requests to ${files.length} bundles, ${files.map((f) => join(dir, 'split', f)).join(', ')} (a bundle holds at most 7 requests and 60,000 bytes) (${redactions} secrets redacted)\n`);
  });

  it('to standard output, refuses when more than one bundle is needed', async () => {
    const result = await share([recordedHar, '--out', '-'], small);
    expect(result.status).toBe(EXIT.input);
    expect(result.err).toMatch(/^cors-inspector share: these requests need more than one bundle \(a bundle holds at most 7 requests and 60,000 bytes\), and the output so far is incomplete: write to a file with --out FILE\.json to have them split, or narrow them with --url-contains\n$/);
  });

  it.each<{ about: string; har: string; message: RegExp }>([
    {
      about: 'more than 2,000 response headers',
      har: harOf(entry('http://api.test/many', Array.from({ length: 2_001 }, (_, i) => ({ name: `X-${i}`, value: 'v' })))),
      message: /^cors-inspector share: cannot share GET http:\/\/api\.test\/many: it has 2,001 response headers, more than the 2,000 a bundle holds per list; leave it out with --url-contains TEXT matching only the requests to share\n$/,
    },
    {
      about: 'more than 64 hops',
      har: harOf(
        ...Array.from({ length: 66 }, (_, i) => ({
          ...(entry(`http://api.test/r/${i}`, i < 65 ? [{ name: 'Location', value: `/r/${i + 1}` }] : [], { status: i < 65 ? 302 : 200, error: i < 65 ? null : 'net::ERR_FAILED', startedDateTime: new Date(Date.UTC(2026, 0, 1) + i).toISOString() }) as object),
        })),
      ),
      message: /^cors-inspector share: cannot share GET http:\/\/api\.test\/r\/0: it has 66 hops \(redirects\), more than the 64 a bundle holds; leave it out/,
    },
  ])('refuses $about, naming the request and the limit, and writes nothing', async ({ har, message }) => {
    const out = join(dir, 'refused.json');
    const result = await share(['-', '--out', out], DEFAULT_BUNDLE_LIMITS, har);
    expect(result.status).toBe(EXIT.input);
    expect(result.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('a refused request left out with --url-contains: the rest is shared', async () => {
    const many = entry('http://api.test/many', Array.from({ length: 2_001 }, (_, i) => ({ name: `X-${i}`, value: 'v' })));
    const fine = entry('http://api.test/fine', [{ name: 'Access-Control-Allow-Origin', value: '*' }]);
    const result = await share(['-', '--out', '-', '--url-contains', '/fine'], DEFAULT_BUNDLE_LIMITS, harOf(many, fine));
    expect(result.status).toBe(0);
    expect(importBundle(result.out, { engineVersion: 'test' })).toMatchObject({ ok: true, exchanges: [{ exchange: { hops: [{ url: 'http://api.test/fine' }] } }] });
  });

  it('shares a bundle again, notes and all', async () => {
    const first = await share([recordedHar, '--out', '-']);
    const text = first.out.replace('"notes": []', '"notes": [{"id": "n1", "text": "look", "target": {"kind": "exchange"}, "createdAt": "2026-01-01T00:00:00Z"}]');
    writeFileSync(join(dir, 'noted.json'), text);
    const again = await share([join(dir, 'noted.json'), '--out', '-']);
    expect(again.status).toBe(0);
    const imported = importBundle(again.out, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.exchanges.flatMap((entry) => entry.notes.map((note) => note.text))).toEqual(['look']);
  });
});
