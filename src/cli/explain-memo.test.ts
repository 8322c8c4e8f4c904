// The caches behind `explain` (the stack readings shared by responses that read alike, the first
// fixes shared by blocked requests that need the same policy from the same stacks, each
// reading's JSON written once) change no byte of what it prints: every recorded HAR fixture and
// generated ones, --json and text, under both browsers' rules, computed with the caches and
// without, in both orders.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { withoutMemo } from '../cors/index.ts';
import { markdownReport } from '../export/index.ts';
import { explainHarText } from './explain-command.ts';
import { BROWSERS } from './report.ts';
import { browserRules, type ObservedExchange } from '../cors/index.ts';
import { exchangesFromHar } from '../capture/index.ts';

const fixture = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const HARS: [string, () => string][] = [
  ['test/fixtures/public.devtools.har', () => fixture('test/fixtures/public.devtools.har')],
  ['test/fixtures/firefox-devtools/public.har', () => fixture('test/fixtures/firefox-devtools/public.har')],
  ['test/conformance/fixtures/public.devtools.har', () => fixture('test/conformance/fixtures/public.devtools.har')],
  ['the benchmark HAR (seed 3)', () => generateHar(150, 3)],
  ['the benchmark HAR with 7 causes a server (seed 2)', () => generateHar(150, 2, { causes: 7 })],
];

/** What `explain` prints, both formats and both browsers, and what `report --full` prints. */
function outputs(text: string): string[] {
  const printed = BROWSERS.flatMap((browser) => [true, false].map((json) => explainHarText(text, { json, browser }).output));
  const exchanges: ObservedExchange[] = exchangesFromHar(text);
  const report = markdownReport(exchanges.map((exchange) => ({ exchange })), { full: true, engineVersion: 'test', rules: browserRules('chromium') });
  return [...printed, report];
}

describe('explain prints the same bytes with its caches as without', () => {
  it.each(HARS)('%s', (_name, har) => {
    const text = har();
    // Cached first (the caches filled by these very exchanges), then computed afresh...
    const cached = outputs(text);
    const fresh = withoutMemo(() => outputs(text));
    expect(cached).toEqual(fresh);
    // ...and the other way round: computed afresh, then cached, now answered from what is held.
    expect(outputs(text)).toEqual(withoutMemo(() => outputs(text)));
    expect(cached.every((o) => o.length > 0)).toBe(true);
  }, 60_000);
});
