import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { RECORDED_HAR_PATH, SECRETS, canaryExchange } from '../export/testing-exchanges.ts';
import { runCurl } from './curl-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-curl-'));
const canaryHar = join(dir, 'canary.har');
writeFileSync(canaryHar, serializeHar(harFromExchanges([canaryExchange()], { includeSecrets: true })));
const recordedHar = RECORDED_HAR_PATH.pathname;

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
    expect(result.out).toContain('# Expected in the response: Access-Control-Allow-Methods: PUT');
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

  it.each([
    { args: [recordedHar], message: 'cors-inspector curl: curl needs --url-contains TEXT (which request to reproduce)\n' },
    { args: [recordedHar, '--url-contains', '/s/', '--shell', 'fish'], message: 'cors-inspector curl: unknown shell "fish": use bash, powershell or cmd\n' },
    { args: [recordedHar, '--url-contains', 'zzz-none'], message: `cors-inspector curl: no cross-origin request in ${recordedHar} has a URL containing "zzz-none"\n` },
  ])('fails on $args with one line and status 2', async ({ args, message }) => {
    expect(await curl(args)).toEqual({ status: 2, out: '', err: message });
  });
});
