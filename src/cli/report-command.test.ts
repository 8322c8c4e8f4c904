import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { RECORDED_HAR_PATH, SECRETS, canaryExchange } from '../export/testing-exchanges.ts';
import { runReport } from './report-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-report-'));
const canaryHar = join(dir, 'canary.har');
writeFileSync(canaryHar, serializeHar(harFromExchanges([canaryExchange()], { includeSecrets: true })));
const recordedHar = RECORDED_HAR_PATH.pathname;

async function report(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await runReport(args, out, err);
  return { status, out: out.text, err: err.text };
}

describe('cors-inspector report', () => {
  it('prints Markdown for the requests whose URL contains the text', async () => {
    const result = await report([recordedHar, '--url-contains', '/put-method-not-allowed/']);
    expect(result.status).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/^## CORS Inspector report\n\n1 cross-origin request: 1 blocked by CORS\./);
    expect(result.out).toContain('corsError `MethodDisallowedByPreflightResponse`');
    expect(result.out).toContain('```bash\n');
  });

  // Changed by issue #8: one section per cause (not per request), allowed requests as a count.
  it('reports every cause without a filter; --full gives each its section', async () => {
    const result = await report([recordedHar]);
    expect(result.status).toBe(0);
    expect(result.out.length).toBeLessThan(60_000);
    const causes = Number(/^\*\*(\d+) causes of failure:\*\*$/m.exec(result.out)![1]);
    expect(causes).toBeGreaterThan(10);
    expect(result.out.match(/^\| \d+ \| /gm)).toHaveLength(causes);
    expect(result.out).toMatch(/^\*\*Not listed, they passed:\*\* 13 allowed/m);
    const full = await report([recordedHar, '--full']);
    expect(full.out.match(/^### \d+\. /gm)).toHaveLength(causes);
  });

  it('redacts secrets unless --include-secrets', async () => {
    expect((await report([canaryHar])).out).not.toContain(SECRETS.bearerToken);
    expect((await report([canaryHar, '--include-secrets'])).out).toContain(SECRETS.bearerToken);
  });

  it.each([
    { args: [], message: 'cors-inspector report: report needs a HAR file (or a bundle): cors-inspector report FILE.har, or - to read standard input\n' },
    { args: [recordedHar, recordedHar], message: 'cors-inspector report: report takes one HAR file, got 2\n' },
    { args: [recordedHar, '--url-contains', 'zzz-none'], message: `cors-inspector report: no cross-origin request in ${recordedHar} has a URL containing "zzz-none"\n` },
    { args: [recordedHar, '--json'], message: 'cors-inspector report: unknown option for report: --json\n' },
  ])('fails on $args with one line and status 2', async ({ args, message }) => {
    expect(await report(args)).toEqual({ status: 2, out: '', err: message });
  });
});
