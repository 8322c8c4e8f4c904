import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { createBundle, harFromExchanges, serializeBundle, serializeHar } from '../export/index.ts';
import { RECORDED_HAR_PATH, SECRETS, canaryExchange } from '../export/testing-exchanges.ts';
import { EXIT } from './command.ts';
import { runCurl } from './curl-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-curl-'));
const canaryHar = join(dir, 'canary.har');
writeFileSync(canaryHar, serializeHar(harFromExchanges([canaryExchange()], { includeSecrets: true })));
// The same exchange as a sanitized HAR (CORS Inspector's export) writes it: placeholders for secrets.
const sanitizedHar = join(dir, 'sanitized.har');
writeFileSync(sanitizedHar, serializeHar(harFromExchanges([canaryExchange()])));
// And as a bundle `share` writes it.
const sanitizedBundle = join(dir, 'sanitized.json');
writeFileSync(sanitizedBundle, serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1' })));
const recordedHar = RECORDED_HAR_PATH.pathname;
// An http page on 127.0.0.1 whose GET to api was redirected to api again, refused there: Firefox
// sent `Sec-Fetch-Site: cross-site` at the second hop, Chromium `same-site` (sec-fetch-site.ts).
const redirectedHar = join(dir, 'redirected.har');
const redirected: ObservedExchange = {
  request: {
    method: 'GET',
    headers: [['Origin', 'http://127.0.0.1:5173'], ['Sec-Fetch-Site', 'same-site'], ['Sec-Fetch-Mode', 'cors']],
    initiatorOrigin: 'http://127.0.0.1:5173',
    mode: 'cors',
  },
  hops: [
    { url: 'http://127.0.0.1:8080/a', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', 'http://127.0.0.1:8080/b']] } },
    { url: 'http://127.0.0.1:8080/b', response: { status: 200, headers: [] } },
  ],
  errorText: 'net::ERR_FAILED',
};
writeFileSync(redirectedHar, serializeHar(harFromExchanges([redirected], { includeSecrets: true })));

// A request whose cmd command is longer than cmd.exe reads in one line (8,191 characters).
const longHar = join(dir, 'long.har');
const long: ObservedExchange = { ...redirected, request: { ...redirected.request, headers: [...redirected.request.headers, ['X-Note', 'long words '.repeat(800)]] } };
writeFileSync(longHar, serializeHar(harFromExchanges([long], { includeSecrets: true })));

// The same long request beside one cmd carries: one script with its command, one without.
const halfHar = join(dir, 'half.har');
writeFileSync(halfHar, serializeHar(harFromExchanges([long, redirected], { includeSecrets: true })));

// A header line of 200,000 characters: under the HAR reader's 256 KiB, over what any shell's command
// line carries (bash: 128 KiB in one argument; Windows: 32,767 characters; cmd: 8,191).
const hugeHar = join(dir, 'huge.har');
writeFileSync(hugeHar, serializeHar(harFromExchanges([{ ...redirected, request: { ...redirected.request, headers: [...redirected.request.headers, ['X-Note', 'x'.repeat(200_000)]] } }], { includeSecrets: true })));

// Requests no shell gets a command for: a header name that is no token, URLs that are no http(s)
// URL, a line break in a header value.
const unsendableHar = join(dir, 'unsendable.har');
{
  const entry = (url: string, headers: [string, string][], at: number) => ({
    _resourceType: 'fetch',
    _initiator: { type: 'script' },
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
    time: 1,
    request: { method: 'GET', url, headers: [['Origin', 'http://127.0.0.1:5173'], ...headers].map(([name, value]) => ({ name, value })), bodySize: 0 },
    response: { status: 0, headers: [], redirectURL: '', _error: 'net::ERR_FAILED' },
  });
  const entries = [
    entry('http://127.0.0.1:8080/unsendable/name', [['@/etc/passwd', 'x']], 1),
    entry('file:///unsendable/file', [], 2),
    entry('-K/unsendable/curlrc', [], 3),
    entry('http://127.0.0.1:8080/unsendable/crlf', [['X-A', 'a\r\nX-Injected: 1']], 4),
  ];
  writeFileSync(unsendableHar, JSON.stringify({ log: { version: '1.2', creator: { name: 'test' }, entries } }));
}

async function curl(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await runCurl(args, out, err);
  return { status, out: out.text, err: err.text };
}

describe('cors-inspector curl', () => {
  it('prints the preflight and the request of the matching exchange, for bash by default', async () => {
    const result = await curl([recordedHar, '--url-contains', '/put-method-not-allowed/']);
    expect(result.status).toBe(0);
    expect(result.out.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(result.out).toMatch(/\ncurl .* -X OPTIONS \\\n  --url http:\/\/127\.0\.0\.1:\d+\/s\/put-method-not-allowed\/0 \\\n/);
    expect(result.out).toMatch(/\ncurl .* -X PUT \\\n  --url http:\/\/127\.0\.0\.1:\d+\/s\/put-method-not-allowed\/0 \\\n/);
    expect(result.out).toContain('# Expected in the response: Access-Control-Allow-Methods: GET, HEAD, POST, PUT');
  });

  it.each([
    { shell: 'powershell', first: "if ($PSVersionTable.PSVersion -lt [version]'7.3') { throw 'This script needs PowerShell 7.3 or later to pass values to curl.exe exactly; use the bash version or upgrade PowerShell.' } else {" },
    { shell: 'cmd', first: '@if "%CORS_INSPECTOR_AT_THE_PROMPT%"=="" (echo These lines are for pasting at a cmd prompt: a .cmd or .bat file reads percent signs differently.& exit /b 1)' },
  ])('writes for $shell', async ({ shell, first }) => {
    const result = await curl([recordedHar, '--url-contains', '/put-method-not-allowed/', '--shell', shell]);
    expect([result.status, result.out.split('\n')[0]]).toEqual([0, first]);
    expect(result.out).toContain('curl.exe ');
  });

  it('redacts secrets unless --include-secrets', async () => {
    const redacted = (await curl([canaryHar, '--url-contains', 'api.example'])).out;
    for (const secret of Object.values(SECRETS)) expect(redacted).not.toContain(secret);
    expect((await curl([canaryHar, '--url-contains', 'api.example', '--include-secrets'])).out).toContain(SECRETS.sessionCookie);
  });

  it('on a sanitized HAR or a bundle, says which parts send its placeholders, with --include-secrets too', async () => {
    for (const [file, extra] of [[sanitizedHar, []], [sanitizedHar, ['--include-secrets']], [sanitizedBundle, []]] as const) {
      for (const shell of ['bash', 'powershell', 'cmd']) {
        const { status, out } = await curl([file, '--url-contains', 'api.example', '--shell', shell, ...extra]);
        expect(status).toBe(0);
        expect(out).toContain('This capture was sanitized before: these commands send its REDACTED-... placeholders, not what the browser sent, in the headers Cookie, Authorization, X-Trace, X-Api-Key and Referer;');
      }
    }
    // The capture itself: the secrets this run replaced are listed by the usual note.
    const fresh = (await curl([canaryHar, '--url-contains', 'api.example'])).out;
    expect(fresh).toContain('Secrets were replaced by REDACTED-... placeholders');
    expect(fresh).not.toContain('sanitized before');
  });

  it('--browser firefox: the Sec-Fetch-Site Firefox sends after a redirect (same-site only over https)', async () => {
    const asChromium = await curl([redirectedHar, '--url-contains', '/b']);
    const asFirefox = await curl([redirectedHar, '--url-contains', '/b', '--browser', 'firefox']);
    expect(asChromium.status).toBe(0);
    expect(asFirefox.status).toBe(0);
    expect(asChromium.out).toContain("-H 'Sec-Fetch-Site: same-site'");
    expect(asFirefox.out).toContain("-H 'Sec-Fetch-Site: cross-site'");
    // Judged by Firefox's rules, the script's title names Firefox's reason code, not Chromium's CorsError.
    expect(asFirefox.out).toContain('(blocked: CORSMissingAllowOrigin)');
    expect(asChromium.out).toContain('(blocked: MissingAllowOriginHeader)');
    expect(asFirefox.out.replace('Sec-Fetch-Site: cross-site', 'Sec-Fetch-Site: same-site').replace('(blocked: CORSMissingAllowOrigin)', '(blocked: MissingAllowOriginHeader)')).toBe(asChromium.out);
    expect((await curl([redirectedHar, '--url-contains', '/b', '--browser', 'chromium'])).out).toBe(asChromium.out);
  });

  // Session 44: a script with no command at all exited 0, so `curl ... > repro.cmd` in CI could not
  // tell that nothing runnable came out.
  it('a script without its command says why in a comment, standard error says so too, and with no command at all the status is 4 (cmd: a line over 8,191 characters)', async () => {
    const cmd = await curl([longHar, '--url-contains', '/b', '--shell', 'cmd']);
    expect(cmd.status).toBe(EXIT.noCommand);
    expect(EXIT.noCommand).toBe(4);
    expect(cmd.out).not.toContain('curl.exe ');
    expect(cmd.out).toMatch(/\nREM No curl command: the command would be up to [\d,]+ characters, more than cmd\.exe reads in one line \(8,191\); use the PowerShell or bash version\.\n/);
    expect(cmd.err).toMatch(/^cors-inspector curl: no curl command for 1 of 1 request \(the script says why in a comment\): the command would be up to [\d,]+ characters, more than cmd\.exe reads in one line \(8,191\); use the PowerShell or bash version\n$/);
    // bash carries it: its command, and nothing on standard error.
    const bash = await curl([longHar, '--url-contains', '/b']);
    expect([bash.status, bash.err, bash.out.includes('\ncurl ')]).toEqual([0, '', true]);
  });

  it('some scripts with their command, some without: status 0, and standard error counts those without', async () => {
    const cmd = await curl([halfHar, '--url-contains', '/b', '--shell', 'cmd']);
    expect(cmd.status).toBe(EXIT.ok);
    expect(cmd.out.match(/^curl\.exe /gm)).toHaveLength(1);
    expect(cmd.out).toMatch(/\nREM No curl command: the command would be up to [\d,]+ characters, more than cmd\.exe reads in one line \(8,191\); use the PowerShell or bash version\.\n/);
    expect(cmd.err).toMatch(/^cors-inspector curl: no curl command for 1 of 2 requests \(the script says why in a comment\): the command would be up to [\d,]+ characters/);
    expect(cmd.err.split('\n')).toHaveLength(2);
  });

  it.each([
    { shell: 'bash', reason: /the command is [\d,]+ bytes long, more than a command line can safely carry/ },
    { shell: 'powershell', reason: /the command line would be about [\d,]+ characters, more than Windows allows; use the bash version/ },
    { shell: 'cmd', reason: /the command would be up to [\d,]+ characters, more than cmd\.exe reads in one line \(8,191\)/ },
  ])('$shell: a request longer than any command line carries gets no command: status 4, one line on standard error', async ({ shell, reason }) => {
    const result = await curl([hugeHar, '--url-contains', '/b', '--shell', shell]);
    expect(result.status).toBe(EXIT.noCommand);
    expect(result.out).not.toMatch(/^curl(\.exe)? /m);
    expect(result.out).toMatch(new RegExp(`No curl command: ${reason.source}`));
    expect(result.err).toMatch(new RegExp(`^cors-inspector curl: no curl command for 1 of 1 request \\(the script says why in a comment\\): ${reason.source}[^\n]*\n$`));
  });

  it.each(['bash', 'powershell', 'cmd'])('%s: requests no shell can send (a header name that is no token, no http(s) URL, a line break in a value): status 4', async (shell) => {
    const result = await curl([unsendableHar, '--url-contains', 'unsendable', '--shell', shell]);
    expect(result.status).toBe(EXIT.noCommand);
    expect(result.out).not.toMatch(/^curl(\.exe)? /m);
    for (const reason of ['is not an HTTP token', 'scheme "file:"', 'is not an absolute http or https URL', 'contains a line break or NUL byte']) expect(result.out).toContain(reason);
    expect(result.err).toMatch(/^cors-inspector curl: no curl command for 4 of 4 requests \(the script says why in a comment\): [^\n]+\n$/);
  });

  it.each([
    { args: [recordedHar, '--url-contains', '/s/', '--browser', 'safari'], message: 'cors-inspector curl: --browser must be chromium or firefox, not "safari"\n' },
    { args: [recordedHar, '--url-contains', '/s/', '--browser', 'a\x1b[2J'], message: 'cors-inspector curl: --browser must be chromium or firefox, not "a\\x1b[2J"\n' },
    { args: [recordedHar], message: 'cors-inspector curl: curl needs --url-contains TEXT (which request to reproduce)\n' },
    { args: [recordedHar, '--url-contains', '/s/', '--shell', 'fish'], message: 'cors-inspector curl: unknown shell "fish": use bash, powershell or cmd\n' },
    { args: [recordedHar, '--url-contains', 'zzz-none'], message: `cors-inspector curl: no cross-origin request in ${recordedHar} has a URL containing "zzz-none"\n` },
    // Shown in the spelling of every other message (docs/cli.md): ESC as \x1b, U+202E as \u202e.
    { args: [recordedHar, '--url-contains', 'a\x1b[2J\u202eb'], message: `cors-inspector curl: no cross-origin request in ${recordedHar} has a URL containing "a\\x1b[2J\\u202eb"\n` },
  ])('fails on $args with one line and status 2', async ({ args, message }) => {
    expect(await curl(args)).toEqual({ status: 2, out: '', err: message });
  });
});
