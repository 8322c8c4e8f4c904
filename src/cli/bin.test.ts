// The published bin: it runs the built CLI (dist-cli/, made by the unit tests' globalSetup from the
// current source), which needs nothing from node_modules, and says how to build it when it is missing.

import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED_HAR_PATH } from '../export/testing-exchanges.ts';
import { EXIT } from './command.ts';

// The launcher's loader is plain JavaScript (no TypeScript at run time), so typed here.
const CLI_LOADER: string = '../../bin/load-cli.mjs';
const { cacheHeader, readScript, CACHE_HEADER_LENGTH } = (await import(CLI_LOADER)) as {
  cacheHeader: (key: string, fingerprint: string) => Buffer;
  readScript: (scriptFile: string) => { fingerprint: string };
  CACHE_HEADER_LENGTH: number;
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The bin (bin/: the launcher, its loader and V8 flags), alone in a directory (no node_modules, no source, no package.json), built (with the code cache the build made, or `cache` instead) or not. */
function installed(name: string, built: boolean, viewerPage = false, cache: Buffer | null = builtCache()): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const file of readdirSync(join(ROOT, 'bin'))) copyFileSync(join(ROOT, 'bin', file), join(dir, 'bin', file));
  if (built) {
    mkdirSync(join(dir, 'dist-cli'));
    copyFileSync(join(ROOT, 'dist-cli/cors-inspector.js'), join(dir, 'dist-cli/cors-inspector.js'));
    if (cache !== null) writeFileSync(join(dir, 'dist-cli/cors-inspector.cache'), cache);
    if (viewerPage) copyFileSync(join(ROOT, 'dist-cli/viewer.html'), join(dir, 'dist-cli/viewer.html'));
  }
  return join(dir, 'bin/cors-inspector.mjs');
}

function run(bin: string, args: string[], nodeOptions: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [...nodeOptions, bin, ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** What the launcher's loader (bin/load-cli.mjs) made of the code cache beside `bin`, and how it knew the cache fits the script, in a node started as the CLI's is (with `nodeOptions`). */
function loaded(bin: string, nodeOptions: string[] = []): { cache: string; checkedBy?: string } {
  const loader = join(bin, '../load-cli.mjs');
  const child = spawnSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', `import { loadCli } from ${JSON.stringify(loader)}; const { cache, checkedBy } = loadCli(); process.stdout.write(JSON.stringify({ cache, checkedBy }));`], { cwd: scratch, encoding: 'utf8' });
  expect([child.status, child.stderr]).toEqual([0, '']);
  return JSON.parse(child.stdout) as { cache: string; checkedBy?: string };
}

/** What the launcher's loader made of the code cache beside `bin`: 'accepted', 'rejected' or 'none'. */
function cacheUse(bin: string, nodeOptions: string[] = []): string {
  return loaded(bin, nodeOptions).cache;
}

/** The code cache the build made (none on a V8 it makes none for). */
function builtCache(): Buffer | null {
  const path = join(ROOT, 'dist-cli/cors-inspector.cache');
  return existsSync(path) ? readFileSync(path) : null;
}

/** The code cache the build made, with `change` applied to a copy. */
function changedCache(change: (cache: Buffer) => Buffer): Buffer {
  return change(Buffer.from(readFileSync(join(ROOT, 'dist-cli/cors-inspector.cache'))));
}

describe('bin/cors-inspector.mjs', () => {
  const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('runs the built CLI with nothing beside it: the version inlined, a command and the engine bundled', () => {
    const bin = installed('built', true);
    expect(run(bin, ['--version'])).toEqual({ status: EXIT.ok, stdout: `${packageVersion}\n`, stderr: '' });
    const explained = run(bin, ['explain', '--json', RECORDED_HAR_PATH.pathname]);
    expect([explained.status, explained.stderr]).toEqual([EXIT.ok, '']);
    expect((JSON.parse(explained.stdout) as { exchanges: unknown[] }).exchanges.length).toBeGreaterThan(20);
  });

  it('share --html reads the viewer page built beside it, and says how to build it when it is missing', () => {
    const bin = installed('with-viewer', true, true);
    const page = join(scratch, 'diagnosis.html');
    const shared = run(bin, ['share', RECORDED_HAR_PATH.pathname, '--html', page]);
    expect([shared.status, shared.stdout]).toEqual([EXIT.ok, '']);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(`<script type="application/json" id="bundle">`);
    expect(html).toMatch(/content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
    // Given back to a command, the page and the built viewer say what they are (FR#11), not "not JSON".
    expect(run(bin, ['explain', page])).toEqual({ status: EXIT.input, stdout: '', stderr: expect.stringMatching(/^cors-inspector explain: .*diagnosis\.html: a diagnosis page \(written by share --html or the panel's Download diagnosis\.html\), not a HAR file or bundle: open it in a browser to read it; /) as unknown });
    expect(run(bin, ['explain', join(ROOT, 'dist-cli/viewer.html')])).toEqual({ status: EXIT.input, stdout: '', stderr: expect.stringMatching(/^cors-inspector explain: .*viewer\.html: the CORS Inspector viewer page, not a HAR file or bundle: open it in a browser and open the HAR or bundle there/) as unknown });
    const without = run(installed('without-viewer', true), ['share', RECORDED_HAR_PATH.pathname, '--html', join(scratch, 'never.html')]);
    expect([without.status, without.stdout]).toEqual([EXIT.input, '']);
    expect(without.stderr).toMatch(/^cors-inspector share: --html needs the viewer page that `npm run build:cli` writes beside the CLI: cannot read .*without-viewer\/dist-cli\/viewer\.html: no such file; run `npm run build:cli`\n$/);
  });

  // Session 40: `explain recording.har > /dev/full` exited 70 with "internal error ... (please report this)".
  it.skipIf(!existsSync('/dev/full'))('output to a full device (/dev/full): status 3, one line, no bug report asked', () => {
    const bin = installed('full-device', true);
    for (const args of [['explain', RECORDED_HAR_PATH.pathname], ['--version']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const child = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        const command = args[0] === 'explain' ? ' explain' : '';
        expect([child.status, child.stderr]).toEqual([EXIT.input, `cors-inspector${command}: cannot write the output: no space left on the device (ENOSPC)\n`]);
      } finally {
        closeSync(full);
      }
    }
  });

  // Session 41: `share - --out X < X` wrote the redacted bundle over the raw capture it read, which
  // `share X --out X` refuses: standard input read from the file named by --out (or --html) is refused alike.
  it('share - refuses to write over the file standard input reads (status 2, nothing written)', () => {
    const bin = installed('stdin-same-file', true, true);
    const capture = join(scratch, 'stdin-same.har');
    copyFileSync(RECORDED_HAR_PATH.pathname, capture);
    const before = readFileSync(capture, 'utf8');
    for (const option of ['--out', '--html']) {
      const input = openSync(capture, 'r');
      try {
        const child = spawnSync(process.execPath, [bin, 'share', '-', option, capture], { cwd: scratch, encoding: 'utf8', stdio: [input, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        expect([child.status, child.stdout, child.stderr]).toEqual([EXIT.usage, '', `cors-inspector share: ${option} ${capture} is the input file (standard input reads it): writing there would replace it; name another file\n`]);
      } finally {
        closeSync(input);
      }
      expect(readFileSync(capture, 'utf8')).toBe(before);
    }
    // Another file is written as before.
    const other = join(scratch, 'stdin-other.json');
    const input = openSync(capture, 'r');
    try {
      const child = spawnSync(process.execPath, [bin, 'share', '-', '--out', other], { cwd: scratch, encoding: 'utf8', stdio: [input, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      expect(child.status).toBe(EXIT.ok);
    } finally {
      closeSync(input);
    }
    expect(readFileSync(capture, 'utf8')).toBe(before);
  });

  // Session 44: `curl ... > repro.cmd` exited 0 when the script held no command at all (a cmd line
  // over 8,191 characters, a URL that is no http(s) URL), so a CI step passed on a script of comments.
  it('curl > file: status 4 when no request got a command, the comments still written; 0 when one did', () => {
    const bin = installed('curl-no-command', true);
    const entry = (url: string, note: string, at: number) => ({
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
      time: 1,
      _resourceType: 'fetch',
      request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://app.example' }, { name: 'X-Note', value: note }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1, _error: 'net::ERR_FAILED' },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    });
    const har = join(scratch, 'curl-refused.har');
    const entries = [entry('https://api.example/long', 'long words '.repeat(800), 1), entry('file:///long/passwd', 'x', 2), entry('https://api.example/short', 'x', 3)];
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
    const toFile = (args: string[]): { status: number | null; stderr: string; script: string } => {
      const script = join(scratch, 'repro.txt');
      const out = openSync(script, 'w');
      try {
        const child = spawnSync(process.execPath, [bin, 'curl', har, ...args], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', out, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        return { status: child.status, stderr: child.stderr, script: readFileSync(script, 'utf8') };
      } finally {
        closeSync(out);
      }
    };
    // cmd: the long request and the file: URL get no command; nor does the file: URL in bash.
    for (const args of [['--url-contains', '/long', '--shell', 'cmd'], ['--url-contains', 'long', '--shell', 'cmd'], ['--url-contains', 'file:']]) {
      const { status, stderr, script } = toFile(args);
      expect(status, args.join(' ')).toBe(EXIT.noCommand);
      expect(stderr, args.join(' ')).toMatch(/^cors-inspector curl: no curl command for (\d) of \1 requests? \(the script says why in a comment\): [^\n]+\n$/);
      expect(script, args.join(' ')).toMatch(/^(REM|#) '?No curl command: /m);
      expect(script, args.join(' ')).not.toMatch(/^curl(\.exe)? /m);
    }
    // The short request is written: 0, and stderr still counts the others.
    const some = toFile(['--url-contains', 'a', '--shell', 'cmd']);
    expect([some.status, some.stderr]).toEqual([EXIT.ok, expect.stringMatching(/^cors-inspector curl: no curl command for 2 of 3 requests \(the script says why in a comment\): [^\n]+\n$/) as unknown]);
    // Its preflight (X-Note is no safelisted header) and itself.
    expect(some.script.match(/^curl\.exe /gm)).toHaveLength(2);
  });

  // Node reads the bundle as UTF-8: one character beyond Latin-1 anywhere in it (esbuild escapes
  // strings but keeps some comments as written) makes the whole 715 KB source two bytes a
  // character, decoded one character at a time at every start (~1% of --version's instructions).
  it('the built CLI is ASCII, so its source is read as one byte a character', () => {
    const bundle = readFileSync(join(ROOT, 'dist-cli/cors-inspector.js'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  // The bundle is ASCII even where the source is not (esbuild writes `\u2014`), so the check above
  // cannot see what the CLI prints. Session 42: every group line printed ` — N requests` (explain,
  // its firefox form and report), explain's preflight and redirect lines `→`, and --help `→` too.
  it('prints ASCII of its own: explain, report and --help on an ASCII capture', () => {
    const bin = join(ROOT, 'bin/cors-inspector.mjs');
    const har = fileURLToPath(RECORDED_HAR_PATH);
    expect(readFileSync(har).findIndex((byte) => byte > 0x7f)).toBe(-1);
    const nonAscii = (args: string[]): string[] => {
      const result = run(bin, args);
      expect([result.status, result.stderr]).toEqual([EXIT.ok, '']);
      return [...new Set(result.stdout.match(/[^\x00-\x7f]/gu) ?? [])];
    };
    for (const args of [['explain', har], ['explain', '--json', har], ['report', har], ['--help'], ...['explain', 'report', 'share', 'curl', 'probe'].map((command) => [command, '--help'])]) {
      expect(nonAscii(args), args.join(' ')).toEqual([]);
    }
    // By Firefox's rules, only the quotes of Firefox's own console lines, as its console prints them.
    expect(nonAscii(['explain', '--browser', 'firefox', har]).sort()).toEqual(['\u2018', '\u2019']);
    expect(nonAscii(['report', '--browser', 'firefox', har]).sort()).toEqual(['\u2018', '\u2019']);
  });

  // Review of session 42: a group's title cut a long value short with `…` (explain's line, report's
  // heading and table, --json's `groups[].title`); the CLI cuts with `...`. The second value cut holds a
  // path segment that starts another host's secret-shaped run: it stays as written, no placeholder.
  it('prints ASCII of its own where a title cuts a long value', () => {
    const bin = join(ROOT, 'bin/cors-inspector.mjs');
    const page = 'https://app.example';
    const get = (url: string, allowOrigin: string) => ({
      startedDateTime: '2026-11-21T22:51:13.000Z',
      time: 1,
      _resourceType: 'fetch',
      request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: page }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', headers: [{ name: 'Access-Control-Allow-Origin', value: allowOrigin }], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    });
    // And a JWT-shaped host a title cuts (session 42): its start is written as its placeholder.
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJydjItNCJ9.RvW4WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX';
    const entries = [
      get('https://api.example/a', `${page}/${'x'.repeat(100)}?t=1`),
      get('https://4111111111111111.example/a', page),
      get('https://b.example/b', `${page}/${'x'.repeat(52)}/4111111111999999999`),
      get(`https://${jwt}.example/a`, page),
      get('https://c.example/c', `https://${jwt}.example`),
    ];
    const har = join(scratch, 'long-values.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
    for (const args of [['explain', har], ['explain', '--json', har], ['report', har], ['explain', '--include-secrets', har], ['report', '--full', har]]) {
      const result = run(bin, args);
      expect([result.status, result.stderr], args.join(' ')).toEqual([EXIT.ok, '']);
      expect([...new Set(result.stdout.match(/[^\x00-\x7f]/gu) ?? [])], args.join(' ')).toEqual([]);
      expect(result.stdout, args.join(' ')).toMatch(/x{20}`?\.\.\.,? not the request's Origin/);
      expect(result.stdout, args.join(' ')).toMatch(/x{52}\/4111`?\.\.\.,? not the request's Origin/);
      if (!args.includes('--include-secrets')) {
        expect(result.stdout, args.join(' ')).toMatch(/https:\/\/REDACTED-HOST-\d`?\.\.\.,? not the request's Origin/);
        expect(result.stdout, args.join(' ')).not.toContain('eyJhbGciOiJ');
      }
    }
  });

  // The code cache (bin/load-cli.mjs): made by the build, used when it fits, and otherwise the CLI
  // compiles as without one and answers the same, with nothing on stderr. Node 20's V8 only.
  describe.runIf(/^11\.3\./.test(process.versions.v8))('the code cache', () => {
    const explainArgs = ['explain', '--json', RECORDED_HAR_PATH.pathname];
    let uncached: ReturnType<typeof run>;
    beforeAll(() => {
      uncached = run(installed('no-cache', true, false, null), explainArgs);
    });

    it('is written by the build for the script beside it, and used', () => {
      const script = readFileSync(join(ROOT, 'dist-cli/cors-inspector.js'), 'latin1');
      const key = /\n\/\/# code-cache-key=([0-9a-f]{64})\n$/.exec(script)?.[1];
      expect(readFileSync(join(ROOT, 'dist-cli/cors-inspector.cache')).toString('latin1', 0, 64)).toBe(key);
      // The script the build wrote is known by its file status; a copy has another and is hashed.
      expect(loaded(join(ROOT, 'bin/cors-inspector.mjs'))).toEqual({ cache: 'accepted', checkedBy: 'fingerprint' });
      const bin = installed('cached', true);
      expect(loaded(bin)).toEqual({ cache: 'accepted', checkedBy: 'hash' });
      expect(run(bin, explainArgs)).toEqual(uncached);
      expect(uncached.status).toBe(EXIT.ok);
      expect(cacheUse(installed('no-cache-used', true, false, null))).toBe('none');
    });

    // Without --verify-snapshot-checksum V8 reads such a cache as it is: node stopped with a fatal
    // error and a native stack trace (status 133).
    it('damaged inside: rejected by its checksum', () => {
      const bin = installed('damaged', true, false, changedCache((cache) => {
        for (let at = cache.length >> 1; at < (cache.length >> 1) + 64; at += 1) cache[at] = cache[at]! ^ 0x5a;
        return cache;
      }));
      expect(cacheUse(bin)).toBe('rejected');
      expect(run(bin, explainArgs)).toEqual(uncached);
      expect(run(bin, ['--version'])).toEqual({ status: EXIT.ok, stdout: `${packageVersion}\n`, stderr: '' });
    });

    it('cut short, empty, or made for another build of the script: not used', () => {
      const cut = installed('cut', true, false, changedCache((cache) => cache.subarray(0, cache.length >> 1)));
      expect(cacheUse(cut)).toBe('rejected');
      expect(run(cut, explainArgs)).toEqual(uncached);
      const empty = installed('empty', true, false, Buffer.alloc(0));
      expect(cacheUse(empty)).toBe('none');
      expect(run(empty, explainArgs)).toEqual(uncached);
      const other = installed('other-key', true, false, changedCache((cache) => Buffer.concat([Buffer.from('0'.repeat(64)), cache.subarray(64)])));
      expect(cacheUse(other)).toBe('none');
      expect(run(other, explainArgs)).toEqual(uncached);
    });

    // V8 checks a cache only against the source's length: with its key line kept, a script edited to
    // the same length took the cache made for the old one and ran the old code (here: the version it
    // printed before the edit).
    it('a script edited by hand to the same length, its key line kept: the edit runs, not the cached code', () => {
      const bin = installed('edited', true);
      const scriptFile = join(bin, '../../dist-cli/cors-inspector.js');
      const script = readFileSync(scriptFile, 'latin1');
      const otherVersion = '9'.repeat(packageVersion.length);
      const edited = script.replace(`version: "${packageVersion}",`, `version: "${otherVersion}",`);
      expect(edited).not.toBe(script);
      writeFileSync(scriptFile, edited, 'latin1');
      expect(run(bin, ['--version'])).toEqual({ status: EXIT.ok, stdout: `${otherVersion}\n`, stderr: '' });
      expect(loaded(bin)).toEqual({ cache: 'none' });
      // Edited back: the cache fits again (found by the hash).
      writeFileSync(scriptFile, script, 'latin1');
      expect(loaded(bin)).toEqual({ cache: 'accepted', checkedBy: 'hash' });
      expect(run(bin, ['--version']).stdout).toBe(`${packageVersion}\n`);
    });

    it('a script edited in place after its fingerprint was taken, even with its modification time put back: not used', () => {
      const bin = installed('edited-in-place', true);
      const scriptFile = join(bin, '../../dist-cli/cors-inspector.js');
      const cacheFile = join(bin, '../../dist-cli/cors-inspector.cache');
      // The cache's header made for this copy, as the build makes it for the script it wrote.
      const cache = readFileSync(cacheFile);
      writeFileSync(cacheFile, Buffer.concat([cacheHeader(cache.toString('latin1', 0, 64), readScript(scriptFile).fingerprint), cache.subarray(CACHE_HEADER_LENGTH)]));
      expect(loaded(bin)).toEqual({ cache: 'accepted', checkedBy: 'fingerprint' });
      const times = join(scratch, 'edited-in-place/times');
      writeFileSync(times, '');
      expect(spawnSync('touch', ['-r', scriptFile, times]).status).toBe(0);
      const mtimeBefore = statSync(scriptFile, { bigint: true }).mtimeNs;
      const otherVersion = '9'.repeat(packageVersion.length);
      writeFileSync(scriptFile, readFileSync(scriptFile, 'latin1').replace(`version: "${packageVersion}",`, `version: "${otherVersion}",`), 'latin1');
      expect(spawnSync('touch', ['-r', times, scriptFile]).status).toBe(0);
      expect(statSync(scriptFile, { bigint: true }).mtimeNs).toBe(mtimeBefore);
      expect(loaded(bin)).toEqual({ cache: 'none' });
      expect(run(bin, ['--version']).stdout).toBe(`${otherVersion}\n`);
    });

    it('made under other V8 flags than the run: rejected by V8, and the CLI answers the same', () => {
      const bin = installed('other-flags', true);
      const flags = ['--max-inlined-bytecode-size-cumulative=50'];
      expect(cacheUse(bin, flags)).toBe('rejected');
      expect(run(bin, explainArgs, flags)).toEqual(uncached);
    });
  });

  it('not built: one line saying how to build it, status 70, no stack', () => {
    expect(run(installed('unbuilt', false), ['--version'])).toEqual({ status: EXIT.internal, stdout: '', stderr: 'cors-inspector: the CLI is not built: run npm run build:cli\n' });
  });
});
