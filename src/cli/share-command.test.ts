import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundle, harFromExchanges, serializeHar } from '../export/index.ts';
import { RECORDED_HAR_PATH, SECRETS, canaryExchange } from '../export/testing-exchanges.ts';
import { runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-share-'));
const canaryHar = join(dir, 'canary.har');
writeFileSync(canaryHar, serializeHar(harFromExchanges([canaryExchange()], { includeSecrets: true })));
const recordedHar = RECORDED_HAR_PATH.pathname;

async function share(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await runShare(args, out, err);
  return { status, out: out.text, err: err.text };
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

  it('redacts secrets unless --include-secrets', async () => {
    const redacted = await share([canaryHar, '--out', '-']);
    expect(redacted.out).not.toContain(SECRETS.sessionCookie);
    const kept = await share([canaryHar, '--out', '-', '--include-secrets']);
    expect(kept.out).toContain(SECRETS.sessionCookie);
    expect(kept.out).toContain('"secretsIncluded": true');
  });

  it.each([
    { args: [recordedHar], status: 2, message: 'share needs --out FILE.json' },
    { args: ['--out', 'x.json'], status: 2, message: 'share needs a HAR file' },
    { args: [recordedHar, '--out', 'x.json', '--colour'], status: 2, message: 'unknown option for share: --colour' },
    { args: [recordedHar, '--out'], status: 2, message: '--out needs a value' },
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
