// What the built CLI writes of its own is ASCII (a terminal or CI log in another encoding, or a
// Windows console, shows anything else as mojibake), on hostile input too: long values it cuts, line
// breaks it shows, secrets it lists where it took them, bad usage it refuses. Only what it copies from
// the input may be beyond ASCII. Session 43: a cut value in a usage error (`"xxx…"`), a line break in
// the report (`␤`), a hidden or cut part of the report's list of secrets taken (`body:m.…`) were not.
// (The progress line's cut is progress.test.ts's: it is drawn only on a terminal.)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/cors-inspector.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-ascii-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The input's own characters beyond ASCII: the CLI may copy them, and writes no other. */
const INPUT_NON_ASCII = 'é日本';

function run(args: string[], stdin = ''): { status: number | null; stdout: Buffer; stderr: Buffer } {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: scratch, input: stdin, env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Each character beyond ASCII in `bytes` (read as UTF-8) that the input did not hold, once. */
function notCopied(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  return [...new Set(text.match(/[^\x00-\x7f]/gu) ?? [])].filter((char) => !INPUT_NON_ASCII.includes(char));
}

const page = 'https://app.example';
function entry(url: string, options: { method?: string; requestHeaders?: [string, string][]; responseHeaders?: [string, string][]; status?: number; body?: string }) {
  return {
    startedDateTime: '2026-11-21T22:51:13.000Z',
    time: 1,
    _resourceType: 'fetch',
    request: {
      method: options.method ?? 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [['Origin', page], ...(options.requestHeaders ?? [])].map(([name, value]) => ({ name, value })),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: options.body?.length ?? 0,
      ...(options.body !== undefined ? { postData: { mimeType: 'application/json', text: options.body } } : {}),
    },
    response: {
      status: options.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: (options.responseHeaders ?? []).map(([name, value]) => ({ name, value })),
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _error: options.status === 0 ? 'net::ERR_FAILED' : null,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

const token = 'Zk9xQ2hGd3pYcVJ0b1lVaVBhU2RGZ0hqS2w';
const entries = [
  // A long value refused, which a title cuts; a line break in a refused value and in other headers.
  entry('https://api.example/a', { responseHeaders: [['Access-Control-Allow-Origin', `${page}/${'x'.repeat(200)}`]] }),
  entry('https://b.example/b', { responseHeaders: [['Access-Control-Allow-Origin', `${page}\r\nX-Injected: 1`], ['X-Note', 'caf\u00e9\n# Response received\nHTTP 200']] }),
  entry('https://c.example/c\nBLOCKED  fake', { status: 0 }),
  // A preflighted request: its refused header's name and its request headers hold line breaks and long values.
  entry('https://d.example/d', { method: 'PUT', requestHeaders: [['X-Trace', `a\nb${'y'.repeat(300)}`], ['X-\u65e5\u672c', '1']], status: 0 }),
  // A body whose keys are secrets (the list of secrets taken hides them) and a path longer than the list keeps.
  entry('https://e.example/e', { method: 'POST', body: JSON.stringify({ m: { [token]: { password: 'p' } }, [`k${'z'.repeat(150)}`]: { password: 'q' } }), status: 0 }),
  // A captured URL that is no URL.
  entry('not a url', { status: 0 }),
];
const harText = JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });

describe('the built CLI on hostile input: ASCII of its own', () => {
  const har = join(scratch, 'hostile.har');
  writeFileSync(har, harText);

  const commands: string[][] = [
    ['explain'],
    ['explain', '--json'],
    ['explain', '--include-secrets'],
    ['report'],
    ['report', '--full'],
    ['report', '--include-secrets'],
    ['curl', '--url-contains', '.example'],
    ['curl', '--url-contains', '.example', '--shell', 'powershell'],
    ['share', '--out', '-'],
  ];
  it.each(commands.map((args) => [args.join(' '), args] as const))('%s', (_name, args) => {
    for (const [input, stdin] of [[har, ''], ['-', harText]] as const) {
      const result = run([...args, input], stdin);
      expect(result.status, args.join(' ')).not.toBe(70);
      expect(notCopied(result.stdout), `${args.join(' ')}: stdout`).toEqual([]);
      expect(notCopied(result.stderr), `${args.join(' ')}: stderr`).toEqual([]);
    }
  });

  it('--browser firefox: only the quotes of Firefox\'s own console lines besides', () => {
    for (const command of ['explain', 'report']) {
      const result = run([command, '--browser', 'firefox', har]);
      expect(notCopied(result.stdout).filter((char) => char !== '\u2018' && char !== '\u2019'), command).toEqual([]);
      expect(notCopied(result.stderr), command).toEqual([]);
    }
  });

  // What the hostile values came out as: the marks, in ASCII.
  it('marks a cut, a line break and a hidden secret in ASCII', () => {
    const report = run(['report', har]).stdout.toString('utf8');
    // In the headers block (code): escapes, as explain shows them, and a line that counts them.
    expect(report).toContain('\nX-Note: caf\u00e9\\x0a# Response received\\x0aHTTP 200\n# (the line above held line breaks, written as escapes: 2 line feeds \\x0a)\n');
    expect(report).toContain('\nAccess-Control-Allow-Origin: https://app.example\\x0d\\x0aX-Injected: 1\n# (the line above held line breaks, written as escapes: 1 carriage return \\x0d, 1 line feed \\x0a)\n');
    // In a code span: the span ends, and the mark is outside the code.
    expect(report).toContain('found `https://app.example` *(line break)* `X-Injected: 1`');
    expect(report).toContain('`body:m.REDACTED`');
    expect(report).toMatch(/`body:kz{100,}\.\.\.`/);
    const explain = run(['explain', har]).stdout.toString('utf8');
    expect(explain).toMatch(/x{20}\.\.\./);
    // Two causes read alike, one of them on a URL that is no URL: said so, not `(on null)`.
    expect(explain).toContain('\nUNCERTAIN  Cannot tell from what was captured (net::ERR_FAILED) (the captured URL is not a valid URL) - 1 request\n');
    expect(explain + report).not.toContain('on null');
  });

  const badUsage: string[][] = [
    ['curl', '--url-contains', '.example', '--shell', 'x'.repeat(100)],
    ['curl', '--url-contains', '.example', '--shell', `\u00e9${'x'.repeat(100)}`],
    ['explain', '--browser', `${'x'.repeat(100)}\n`],
    ['probe', 'https://api.example', '--origin', page, '--expect', 'y'.repeat(100)],
    ['curl', '--url-contains', `nothing-${'\u65e5'.repeat(200)}`],
  ];
  it.each(badUsage.map((args) => [args.map((arg) => arg.slice(0, 12)).join(' '), args] as const))('bad usage: %s', (_name, args) => {
    const result = run([...args, args[0] === 'probe' ? '--dry-run' : har]);
    expect(result.status, args.join(' ')).not.toBe(0);
    expect(result.stdout.length).toBe(0);
    expect(notCopied(result.stderr), args.join(' ')).toEqual([]);
    // One line, its value quoted: cut, and the cut marked, where it is long.
    expect(result.stderr.toString('utf8'), args.join(' ')).toMatch(args[2]?.startsWith('nothing-') === true ? /^cors-inspector curl: [^\n]*"\n$/ : /^cors-inspector \w+: [^\n]*"\.\.\.[^\n]*\n$/);
  });
});
