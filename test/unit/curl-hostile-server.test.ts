// The curl export's bash script, as `cors-inspector curl` prints it, run by real bash and zsh with the
// real curl against a server on 127.0.0.1 that answers with terminal escape sequences in its headers
// (an OSC 52 clipboard write, a window title, cursor moves that hide the lines above, C1 controls raw
// and as UTF-8) and in its body: the server is whoever a shared HAR points at, and what the commands
// print goes to the terminal of the person who runs them. Nothing of it may reach the terminal raw.
// A raw `net` server, as node's http module refuses to send such header values.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCurl } from '../../src/cli/curl-command.ts';
import { HAVE_ZSH, ZSH_NOTE } from '../../src/export/testing-curl-shells.ts';

// A page on the same machine: a public page's request to 127.0.0.1 would be refused by Local Network Access.
const PAGE = 'http://127.0.0.1:5173';

// Every escape a terminal obeys that a header value can carry (no CR or LF: those end the line).
const HOSTILE_VALUE = '\x1b]52;c;aGk=\x07 \x1b]0;pwned\x07 \x1b[2K\x1b[1A\x1b[2K hid \x9b2J \xc2\x9b1A a\rb \x7f \x08\x08 end';
const HOSTILE_BODY = 'body \x1b]52;c;aGk=\x07 \x1b[31mred\x1b[0m \x9b \r\n';

// What the normal server sends: CRLF lines, a tab and a non-ASCII-free value, as real servers do.
const NORMAL_HEADERS = ['HTTP/1.1 200 OK', `Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin', 'X-Tab: a\tb', 'Content-Type: text/plain', 'Content-Length: 2', 'Connection: close'];

let server: Server;
let base: string;
const sockets = new Set<Socket>();
let requests = 0;
/** The head of every request the server received. */
const heads: string[] = [];

function answer(head: string): Buffer {
  const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '';
  if (path.startsWith('/normal')) return Buffer.from(`${NORMAL_HEADERS.join('\r\n')}\r\n\r\nok`, 'latin1');
  const body = Buffer.from(HOSTILE_BODY, 'latin1');
  const lines = [
    'HTTP/1.1 200 OK \x1b]0;status\x07',
    `Access-Control-Allow-Origin: ${PAGE}`,
    `X-Evil: ${HOSTILE_VALUE}`,
    `X-\x1b[8mHidden: name`,
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = received.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      requests++;
      heads.push(head);
      socket.end(answer(head));
      received = Buffer.alloc(0);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const scratch = mkdtempSync(join(tmpdir(), 'cors-curl-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A HAR of one PUT with a JSON body that the browser blocked: the export writes a preflight and the request. */
function har(url: string, body = '{"a":1}'): string {
  const headers = [
    { name: 'Origin', value: PAGE },
    { name: 'Content-Type', value: 'application/json' },
  ];
  const entry = {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    _resourceType: 'fetch',
    request: { method: 'PUT', url, httpVersion: 'HTTP/1.1', headers, cookies: [], queryString: [], headersSize: -1, bodySize: body.length, postData: { mimeType: 'application/json', text: body } },
    response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1, _error: 'net::ERR_FAILED' },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [], entries: [entry] } });
}

/** What `cors-inspector curl FILE.har --url-contains PATH` prints (the bash script), for `origin` + PATH. */
async function exported(path: string, origin = base, body?: string): Promise<string> {
  const file = join(scratch, `${path.slice(1)}.har`);
  writeFileSync(file, har(`${origin}${path}`, body));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const status = await runCurl([file, '--url-contains', path], out, new PassThrough());
  expect(status).toBe(0);
  return Buffer.concat(chunks).toString('utf8');
}

interface Ran {
  stdout: Buffer;
  stderr: Buffer;
  status: number;
}

/**
 * Runs the script as a file, or (`pasted`) typed into an interactive shell after `before` (an alias).
 * HOME is `home` (a .curlrc there is read unless the command says not to). Not execFileSync: the
 * server runs in this process.
 */
function runScript(shell: 'bash' | 'zsh', script: string, options: { home?: string; pasted?: boolean; before?: string } = {}): Promise<Ran> {
  const file = join(scratch, 'script.sh');
  writeFileSync(file, script);
  const args = [...(shell === 'bash' ? ['--norc', '--noprofile'] : ['-f']), ...(options.pasted === true ? ['-i'] : [file])];
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: options.home ?? scratch, LANG: 'C.UTF-8' };
  return new Promise((resolve, reject) => {
    const child = execFile(shell, args, { cwd: scratch, env, timeout: 20_000, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ stdout, stderr, status: error === null ? 0 : (error.code as number) });
    });
    child.stdin?.end(options.pasted === true ? `${options.before ?? ''}${script}` : '');
  });
}

/** The script's standard output as bytes: what reaches the terminal. It must succeed and write nothing to standard error. */
async function run(shell: 'bash' | 'zsh', script: string): Promise<Buffer> {
  const ran = await runScript(shell, script);
  if (ran.status !== 0) throw new Error(`exit status ${ran.status}, stderr: ${ran.stderr.toString('utf8')}`);
  if (ran.stderr.length > 0) throw new Error(`stderr: ${ran.stderr.toString('utf8')}`);
  return ran.stdout;
}

// C0 and C1 controls and DEL, as bytes (a C1 control in UTF-8 has its byte too): all but tab and line feed.
const CONTROL_BYTE = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
const rawControls = (output: Buffer): string[] => [...output.toString('latin1').replace(/\n/g, '')].filter((c) => CONTROL_BYTE.test(c)).map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const shells: ('bash' | 'zsh')[] = HAVE_ZSH ? ['bash', 'zsh'] : ['bash'];

describe(`curl's bash script against a server that answers with escape sequences${ZSH_NOTE}`, () => {
  for (const shell of shells) {
    it(`${shell}: the response headers reach the terminal with their controls shown, none raw`, async () => {
      const script = await exported('/hostile');
      const before = requests;
      const output = await run(shell, script);
      expect(requests - before, 'the preflight and the request were sent').toBe(2);
      expect(rawControls(output)).toEqual([]);
      const text = output.toString('latin1');
      // Shown, not dropped: the person can see that the server sent them.
      expect(text).toContain('X-Evil: ^[]52;c;aGk=^G ^[]0;pwned^G ^[[2K^[[1A^[[2K hid M-^[2J M-BM-^[1A a^Mb ^? ^H^H end\n');
      expect(text).toContain('HTTP/1.1 200 OK ^[]0;status^G\n');
      expect(text).toContain('X-^[[8mHidden: name\n');
      // The body still goes to the null device.
      expect(text).not.toContain('body');
    });
  }

  for (const shell of shells) {
    // A .curlrc is curl's own startup file: `verbose` would print the raw response headers to
    // standard error, past the filter, and `-H` would add to what the browser sent.
    it(`${shell}: curl reads no .curlrc (-q): nothing on standard error, no header of its own sent`, async () => {
      const home = mkdtempSync(join(tmpdir(), 'cors-curl-rc-'));
      try {
        writeFileSync(join(home, '.curlrc'), 'verbose\n-H "X-Rc: 1"\n');
        const script = await exported('/hostile');
        const before = heads.length;
        const ran = await runScript(shell, script, { home });
        expect(heads.length - before).toBe(2);
        expect(heads.slice(before).filter((head) => /^x-rc:/im.test(head)), 'the .curlrc header was sent').toEqual([]);
        expect(rawControls(ran.stderr), 'raw controls on standard error').toEqual([]);
        expect(rawControls(ran.stdout)).toEqual([]);
        expect(ran.stderr.toString('utf8')).toBe('');
        expect(ran.status).toBe(0);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });

    // `| cat -v | sed` made sed's status (0) the script's; curl's is what says the request failed.
    it(`${shell}: the script exits with curl's status (7: nothing listens on the port)`, async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      // A body over 64 KiB goes on standard input: `printf ... | curl ...`, where curl is the second command.
      for (const body of ['{"a":1}', `{"a":"${'x'.repeat(70_000)}"}`]) {
        const script = await exported('/closed', `http://127.0.0.1:${port}`, body);
        expect(script.includes('--data-binary @-')).toBe(body.length > 70_000);
        for (const pasted of [false, true]) {
          const ran = await runScript(shell, pasted ? `${script}\nexit $?\n` : script, { pasted });
          expect(ran.status, `pasted: ${pasted}, body of ${body.length}`).toBe(7);
        }
      }
    });

    // Pasted at a prompt, `cat` after `|` is alias-expanded: an alias that passes bytes raw
    // (here `head -c 1G`, which reads `-v` as "print a header line") must not take its place.
    it(`${shell}: pasted where cat and sed are aliases, the controls are still shown`, async () => {
      const script = await exported('/hostile');
      const ran = await runScript(shell, script, { pasted: true, before: "alias cat='head -c 1G' sed='head -c 1G'\n" });
      expect(rawControls(ran.stdout)).toEqual([]);
      expect(ran.stdout.toString('latin1')).toContain('X-Evil: ^[]52;c;aGk=^G');
    });
  }

  it('a normal server\'s headers read as it sent them, byte for byte, with LF line ends', async () => {
    const script = await exported('/normal');
    const output = (await run('bash', script)).toString('utf8');
    const block = `${NORMAL_HEADERS.join('\n')}\n\n`;
    expect(output).toBe(block + block);
  });
});
