// `probe` as a contract check and its bad inputs: `--expect` exits 1 with the engine's explanation
// when the live server disagrees; `--dry-run` sends nothing; a URL that refuses, never answers,
// redirects away or is not HTTP fails with one line and status 3, after a single request.

import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.ts';
import { CMD_HEADERS_ARGUMENT } from '../../src/export/curl.ts';
import { SHELLS_UNDER_TEST } from '../../src/export/testing-curl-shells.ts';
import { expressServer, nonHttpListener, plainServer, redirectServer, refusedUrl, type RunningServer, silentListener } from './node-servers.ts';
import { closedAfterAll, probe } from './probe-cli.ts';

const ORIGIN = 'https://app.example.com';

const started = closedAfterAll();

/** stderr's lines after the announcement. */
const errorLines = (err: string): string[] => err.split('\n').filter((line) => line !== '' && !line.startsWith('cors-inspector probe: sending '));

describe('probe --expect', () => {
  it('allowed, on a server that allows the origin: status 0', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], credentials: true }));
    const result = await probe([server.url, '--origin', ORIGIN, '--credentials', '--expect', 'allowed']);
    expect(result.status).toBe(EXIT.ok);
    expect(errorLines(result.err)).toEqual([]);
  });

  it('allowed, for a header the server does not allow: status 1 and the explanation, on one line', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], allowedHeaders: ['content-type'] }));
    const result = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--header', 'X-Trace: 1', '--expect', 'allowed']);
    expect(result.status).toBe(EXIT.blocked);
    const lines = errorLines(result.err);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cors-inspector probe: expected allowed, but the browser would block it: .*x-trace.*Access-Control-Allow-Headers/);
  });

  it('allowed, for another origin: status 1', async () => {
    const server = await started(expressServer({ origin: [ORIGIN] }));
    const result = await probe([server.url, '--origin', 'https://other.example.com', '--expect', 'allowed']);
    expect(result.status).toBe(EXIT.blocked);
    expect(errorLines(result.err)[0]).toContain('expected allowed, but the browser would block it');
  });

  it('blocked, on a server that allows the origin: status 1, saying what it allows', async () => {
    const server = await started(expressServer({ origin: true, credentials: true }));
    const result = await probe([server.url, '--origin', 'https://other.example.com', '--expect', 'blocked', '--json']);
    expect(result.status).toBe(EXIT.blocked);
    expect(errorLines(result.err)).toEqual([
      `cors-inspector probe: expected blocked, but the browser would allow it: https://other.example.com may read GET ${server.url} (Access-Control-Allow-Origin: https://other.example.com)`,
    ]);
    expect(JSON.parse(result.out)).toMatchObject({ expect: { wanted: 'blocked', met: false } });
  });

  it('blocked, on a server that does not allow it: status 0', async () => {
    const server = await started(expressServer({ origin: [ORIGIN] }));
    expect((await probe([server.url, '--origin', 'https://other.example.com', '--expect', 'blocked'])).status).toBe(EXIT.ok);
  });
});

describe('probe --browser firefox', () => {
  // Firefox safelists only the standard's request headers: Save-Data (a client hint Chromium
  // safelists) needs a preflight there, which this server's allow list refuses.
  it('judges with Firefox\'s rules: a request Chromium sends simple is preflighted and blocked, with Firefox\'s reason', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], allowedHeaders: ['content-type'] }));
    const args = [server.url, '--origin', ORIGIN, '--header', 'Save-Data: on', '--expect', 'allowed'];
    expect((await probe(args)).status).toBe(EXIT.ok);
    const before = server.requests();
    const firefox = await probe([...args, '--browser', 'firefox', '--json']);
    expect(firefox.status).toBe(EXIT.blocked);
    expect(errorLines(firefox.err)[0]).toMatch(/^cors-inspector probe: expected allowed, but the browser would block it: .*save-data/i);
    const document = JSON.parse(firefox.out) as { browser: string; requestsSent: number; named: { verdict: string; preflight: unknown; firefox: { outcome: string; reason: string; mdn: string } } };
    expect(document.browser).toBe('firefox');
    expect(document.named.verdict).toBe('blocked');
    expect(document.named.preflight).not.toBeNull();
    expect(document.named.firefox).toEqual({ outcome: 'blocked', reason: 'CORSMissingAllowHeaderFromPreflight', mdn: expect.stringMatching(/CORSMissingAllowHeaderFromPreflight$/) });
    // The named origin's preflight only (its GET not sent after it failed), one preflight per crafted origin.
    expect(server.requests() - before).toBe(document.requestsSent);
    const text = (await probe([...args, '--browser', 'firefox'])).out;
    expect(text).toMatch(/^Probe of GET .*, judged by Firefox's rules: \d+ requests sent$/m);
    expect(text).toContain('  Firefox: blocked, CORSMissingAllowHeaderFromPreflight (https://developer.mozilla.org/');
  });

  it('--json gives Firefox\'s seconds for Access-Control-Max-Age beside Chromium\'s (86400: Firefox keeps it all, Chromium 7200)', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], methods: ['PUT'], maxAge: 86400 }));
    const result = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--browser', 'firefox', '--json']);
    expect(result.status).toBe(EXIT.ok);
    const document = JSON.parse(result.out) as { named: { preflight: unknown } };
    expect(document.named.preflight).toEqual({ status: 204, maxAge: '86400', chromiumMaxAgeSeconds: 7200, firefoxMaxAgeSeconds: 86400 });
  });
});

// Session 40: a server that named the origin at the preflight but listed no method or header gave
// "Add PUT to Access-Control-Allow-Methods" and no fix (`fixes: []`): the fixes were written only for
// findings, and the explanation names the first check that failed only. The report now ends with
// explain's fixes for the named origin's exchange: every header its preflight lacked.
describe('probe: the fix when the named origin is blocked', () => {
  const preflightNamesOriginOnly = (): Promise<RunningServer> => plainServer(() => ({ 'Access-Control-Allow-Origin': ORIGIN }));
  const args = (url: string): string[] => [url, '--origin', ORIGIN, '--method', 'PUT', '--header', 'Content-Type: application/json'];
  const anyServer = ['# On the OPTIONS preflight response:', `Access-Control-Allow-Origin: ${ORIGIN}`, 'Access-Control-Allow-Methods: GET, HEAD, POST, PUT', 'Access-Control-Allow-Headers: content-type', '', '# On the actual response:', `Access-Control-Allow-Origin: ${ORIGIN}`, 'Vary: Origin'];

  it('--json: the fixes list every header the preflight lacked, no dev proxy', async () => {
    const server = await started(preflightNamesOriginOnly());
    const result = await probe([...args(server.url), '--json', '--expect', 'allowed']);
    expect(result.status).toBe(EXIT.blocked);
    const document = JSON.parse(result.out) as { findings: unknown[]; fixes: { target: string; snippet: string }[] };
    expect(document.findings).toEqual([]);
    expect(document.fixes.find((fix) => fix.target === 'generic')?.snippet.split('\n')).toEqual(anyServer);
    expect(document.fixes.some((fix) => fix.target.endsWith('-proxy'))).toBe(false);
  });

  it('the text ends with the fix', async () => {
    const server = await started(preflightNamesOriginOnly());
    const result = await probe(args(server.url));
    expect(result.status).toBe(EXIT.ok);
    expect(result.out).toContain('PUT not in Access-Control-Allow-Methods');
    expect(result.out.endsWith(`Fix: Any server: send these headers\n${anyServer.map((line) => (line === '' ? '    ' : `    ${line}`)).join('\n')}\n`)).toBe(true);
  });
});

// Session 31: the named origin's line quotes the failing value in its headline, and a server may
// send any byte from 0x80 up in a header value (obs-text), which Node reads as Latin-1: U+009B,
// the one-character CSI of an 8-bit terminal, was printed as it came.
// Session 34: the engine's words now write every C1 control as `\uXXXX` themselves (escape.ts), as
// they wrote U+0085 before; the probe's text then has nothing left to escape in it.
describe('probe: the headline of the named origin', () => {
  it('shows the controls of the value the server sent as escapes', async () => {
    const server = await started(plainServer(() => ({ 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Credentials': 'tru\x9b2J\x85e' })));
    const result = await probe([server.url, '--origin', ORIGIN, '--credentials']);
    expect(result.status).toBe(EXIT.ok);
    expect(result.out).toContain(`${ORIGIN} (the origin named): blocked: Access-Control-Allow-Credentials is tru\\u009B2J\\u0085e, must be exactly true`);
    expect(result.out).not.toMatch(/[\u007f-\u009f]/);
  });
});

describe('probe --dry-run', () => {
  it('prints the curl commands and sends nothing', async () => {
    const server = await started(expressServer({ origin: true }));
    const result = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--header', 'X-Token', '--dry-run']);
    expect(result.status).toBe(EXIT.ok);
    expect(server.requests()).toBe(0);
    expect(result.err).toBe('');
    // The named origin's preflight and request, then one preflight per crafted origin.
    expect(result.out.match(/^curl /gm)).toHaveLength(12);
    expect(result.out).toContain("-H 'Origin: https://evil.example'");
    expect(result.out).toContain("-H 'Access-Control-Request-Headers: x-token'");
  });

  // Session 44, as `cors-inspector curl` (status 4): a script with no command in it said so only in
  // its comments, and exited 0. Sends nothing either way.
  it('no command at all for the shell asked for: status 4 and one line on stderr; bash carries the same request', async () => {
    const server = await started(expressServer({ origin: true }));
    const args = [`${server.url}x!`, '--origin', ORIGIN, '--dry-run'];
    const cmd = await probe([...args, '--shell', 'cmd']);
    expect([cmd.status, cmd.out.match(/curl\.exe/g)]).toEqual([EXIT.noCommand, null]);
    expect(cmd.out).toContain('No curl command: ');
    expect(cmd.err).toMatch(/^cors-inspector probe: no curl command for 11 of 11 requests \(the script says why in a comment\): [^\n]+\n$/);
    const bash = await probe(args);
    expect([bash.status, bash.err, bash.out.match(/^curl /gm)?.length]).toEqual([EXIT.ok, '', 11]);
    expect(server.requests()).toBe(0);
  });

  // Each shell's script, run (bash, zsh) or read by its model (PowerShell, cmd.exe), hands curl the
  // same requests, in the same order, as the bash script run by bash.
  it.each(SHELLS_UNDER_TEST)('--shell: $name gets the same curl calls as bash', async (shell) => {
    const server = await started(expressServer({ origin: true }));
    const args = [server.url, '--origin', ORIGIN, '--method', 'PUT', '--header', 'X-Token: a"b c$(x)%PATH%', '--dry-run'];
    const bash = await probe(args);
    const script = await probe([...args, '--shell', shell.shell]);
    expect(script.status).toBe(EXIT.ok);
    expect(server.requests()).toBe(0);
    const expected = SHELLS_UNDER_TEST[0]!.run(bash.out);
    expect(expected).toHaveLength(12);
    expect(expected[0]!.args).toContain('Origin: https://app.example.com');
    // Windows' null device for the body, and cmd's file for the headers (which its next line shows):
    // the only differences a shell's script may make.
    const asBash = (arg: string): string => (arg === 'NUL' ? '/dev/null' : arg === CMD_HEADERS_ARGUMENT ? '-' : arg);
    const received = shell.run(script.out).map((call) => ({ ...call, args: call.args.map(asBash) }));
    expect(received).toEqual(expected);
  });

  it.each([
    [['--shell', 'powershell'], '--shell chooses the shell of the script --dry-run prints: give it with --dry-run, without --json'],
    [['--dry-run', '--json', '--shell', 'cmd'], '--shell chooses the shell of the script --dry-run prints: give it with --dry-run, without --json'],
    [['--dry-run', '--shell', 'fish'], 'unknown shell "fish": use bash, powershell or cmd'],
  ])('%j is refused: %s', async (extra, message) => {
    const result = await probe(['http://127.0.0.1:9/api', '--origin', ORIGIN, ...extra]);
    expect(result).toEqual({ status: EXIT.usage, out: '', err: `cors-inspector probe: ${message}\n` });
  });
});

describe('probe: a URL that cannot be probed fails with one line, status 3, no retry', () => {
  const oneFailure = (err: string, pattern: RegExp): void => {
    const lines = errorLines(err);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(err).not.toMatch(/\n\s+at /);
  };

  it('a refused port', async () => {
    const url = await refusedUrl();
    const result = await probe([url, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    expect(result.out).toBe('');
    oneFailure(result.err, /^cors-inspector probe: the GET request to http:\/\/127\.0\.0\.1:\d+\/api: connection refused .*nothing more was sent$/);
  });

  it('a server that never answers: the deadline', async () => {
    const server = await started(silentListener());
    const result = await probe([server.url, '--origin', ORIGIN, '--timeout', '0.3']);
    expect(result.status).toBe(EXIT.input);
    oneFailure(result.err, /: no answer within 0\.3 s; nothing more was sent$/);
    expect(server.requests()).toBe(1);
  });

  it('a redirect to another host: reported, not followed', async () => {
    const server = await started(redirectServer('https://elsewhere.example/api'));
    const result = await probe([server.url, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    oneFailure(result.err, /answered the GET request with a 302 redirect to https:\/\/elsewhere\.example\/api \(another host\): not followed/);
    expect(server.requests()).toBe(1);
  });

  it("a redirect's secrets (user:password, token) are not printed", async () => {
    const server = await started(redirectServer('https://admin:hunter2@elsewhere.example/cb?access_token=SECRETTOKEN123abcdef'));
    const result = await probe([server.url, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    oneFailure(result.err, /redirect to https:\/\/.*elsewhere\.example\/cb\?access_token=.* \(another host\): not followed/);
    expect(result.err).not.toMatch(/hunter2|SECRETTOKEN123/);
  });

  // Session 40: OpenSSL's own text was printed ("write EPROTO ...:wrong version number:../deps/openssl/...").
  it('https:// to a server that speaks plain http', async () => {
    const server = await started(plainServer(() => ({ 'Access-Control-Allow-Origin': ORIGIN })));
    const result = await probe([server.url.replace(/^http:/, 'https:'), '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    oneFailure(result.err, /^cors-inspector probe: the GET request to https:\/\/127\.0\.0\.1:\d+\/api: the server did not answer TLS \(is it http:\/\/\?\); nothing more was sent$/);
    expect(server.requests()).toBe(0);
  });

  it('a listener that does not speak HTTP', async () => {
    const server = await started(nonHttpListener());
    const result = await probe([server.url, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    oneFailure(result.err, /: the server answered, but not with HTTP; nothing more was sent$/);
    expect(server.requests()).toBe(1);
  });
});

// What `probe` says of the preflight's Access-Control-Max-Age: how long the browsers keep it only
// where the preflight passed. https://fetch.spec.whatwg.org/#cors-preflight-fetch-0: only a
// preflight that passes creates cache entries; a failed one keeps nothing, whatever its Max-Age
// (a first-run review read "(Chromium keeps it 5 s, Firefox 5 s)" of a refused preflight).
describe('probe: the preflight cache', () => {
  const preflightLine = (text: string): string => text.split('\n').find((line) => line.startsWith('  Preflight: '))!;
  const preflightJson = async (args: string[]): Promise<unknown> => (JSON.parse((await probe([...args, '--json'])).out) as { named: { preflight: unknown } }).named.preflight;

  it('a preflight that passed: what Chromium and Firefox keep', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], methods: ['PUT'], maxAge: 600 }));
    const args = [server.url, '--origin', ORIGIN, '--method', 'PUT'];
    expect(preflightLine((await probe(args)).out)).toBe('  Preflight: 204, Access-Control-Max-Age: 600 (Chromium keeps it 600 s, Firefox 600 s)');
    expect(await preflightJson(args)).toEqual({ status: 204, maxAge: '600', chromiumMaxAgeSeconds: 600, firefoxMaxAgeSeconds: 600 });
  });

  it('a preflight that failed (the method not allowed): its Max-Age, but nothing said kept', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], methods: ['GET'], maxAge: 600 }));
    const args = [server.url, '--origin', ORIGIN, '--method', 'PUT'];
    const { out } = await probe(args);
    expect(out).toContain('blocked');
    expect(preflightLine(out)).toBe('  Preflight: 204, Access-Control-Max-Age: 600');
    expect(out).not.toMatch(/keeps it/);
    expect(await preflightJson(args)).toEqual({ status: 204, maxAge: '600', chromiumMaxAgeSeconds: null, firefoxMaxAgeSeconds: null });
  });

  it('a preflight that failed without Max-Age: no default lifetime said', async () => {
    const server = await started(expressServer({ origin: ['https://other.example.com'], methods: ['PUT'] }));
    expect(preflightLine((await probe([server.url, '--origin', ORIGIN, '--method', 'PUT'])).out)).toBe('  Preflight: 204, Access-Control-Max-Age: (none)');
  });
});
