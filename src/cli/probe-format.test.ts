// The probe's words are those of the browser whose rules judged (`--browser`), where the two differ.

import { describe, expect, it } from 'vitest';
import { browserRules, diagnose, type PlannedProbe, probePlan } from '../cors/index.ts';
import type { ProbeArgs } from './probe-args.ts';
import { probeText } from './probe-format.ts';
import { runProbe } from './probe-run.ts';
import { probeSecrets } from './probe-secrets.ts';

const URL_ = 'https://api.example/data';
const ORIGIN = 'https://app.example';

/**
 * The text of a probe judged by `browser`'s rules, whose GET the server answered 304 Not Modified
 * without Access-Control-Allow-Origin, and which the browser blocked: the browser's own
 * revalidation of its cached copy (an If-None-Match, no preflight), the one explanation today whose
 * words name the judging browser's reasons (`cachedCopyBlocked`). No real probe reaches it: the
 * planner preflights a page's If-None-Match (not safelisted), and a probe's exchange holds no
 * browser's error text (without one, the cached copy is read as let through). So the plan is sent
 * without its preflight and the named origin's outcome is judged again with the browser's sign of
 * a CORS failure: what is tested is that the probe's words follow `--browser`.
 */
async function revalidationText(browser: 'chromium' | 'firefox'): Promise<string> {
  const headers: [string, string][] = [['If-None-Match', '"v1"']];
  const plan = probePlan({ url: URL_, origin: ORIGIN, method: 'GET', headers, userAgent: 'test', rules: browserRules(browser) }).map(
    (probe): PlannedProbe => ({ ...probe, preflight: null, sendsRequest: true }),
  );
  const run = await runProbe(plan, 'omit', 1000, () => Promise.resolve({ status: 304, headers: [['ETag', '"v1"']] }));
  const rules = browserRules(browser);
  const exchange = { ...run.named.exchange, errorText: rules.corsFailureErrorText };
  run.named = { ...run.named, exchange, diagnosis: diagnose(exchange, rules) };
  const args: ProbeArgs = { url: URL_, origin: ORIGIN, method: 'GET', headers, credentials: false, json: false, dryRun: false, shell: 'bash', includeSecrets: false, expect: null, timeoutMs: 1000, browser };
  return probeText({ args, run, findings: [], fixes: [] }, probeSecrets(false, headers));
}

describe('probeText: the explanation in the judging browser\'s words', () => {
  it('Chromium names its CorsError codes; Firefox its console\'s reasons', async () => {
    const chromium = await revalidationText('chromium');
    const firefox = await revalidationText('firefox');
    expect(chromium).toContain("So Chromium's reason is one of MissingAllowOriginHeader");
    expect(firefox).toContain("So Firefox's reason is one of CORSMissingAllowOrigin");
    expect(firefox).not.toContain('MissingAllowOriginHeader');
  });
});
