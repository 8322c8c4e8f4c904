import { describe, expect, it } from 'vitest';
import { FIREFOX_RULES, type ObservedExchange } from '../cors/index.ts';
import { createBundle } from './bundle.ts';
import { causeCounts, diagnosisSummary, SHOWN_NOTES } from './diagnosis-summary.ts';
import { allowedExchange, canaryExchange } from './testing-exchanges.ts';

const ORIGIN = 'https://app.example';

function exchange(url: string, response: ObservedExchange['hops'][number]['response'], extra: Partial<ObservedExchange['request']> = {}): ObservedExchange {
  return { request: { method: 'GET', headers: [['Origin', ORIGIN]], ...extra }, hops: [{ url, response }], ...(response ? {} : { errorText: 'net::ERR_FAILED' }) };
}

const noAllowOrigin = (path: string) => exchange(`https://api.example${path}`, { status: 200, headers: [] });
const wrongOrigin = (path: string) => exchange(`https://api.example${path}`, { status: 200, headers: [['Access-Control-Allow-Origin', 'https://other.example']] });
const allowed = exchange('https://api.example/ok', { status: 200, headers: [['Access-Control-Allow-Origin', ORIGIN]] }, { initiatorOrigin: ORIGIN });

describe('diagnosisSummary', () => {
  const bundle = createBundle({
    exchanges: [
      { exchange: wrongOrigin('/a') },
      { exchange: noAllowOrigin('/b'), notes: [{ text: 'ops: add the header', author: { name: 'Bo' } }] },
      { exchange: noAllowOrigin('/c') },
      { exchange: allowed, notes: [{ text: 'this one works' }] },
    ],
    engineVersion: '1',
    author: { name: 'Ana' },
    createdAt: '2026-03-01T09:08:07.000Z',
  });
  const summary = diagnosisSummary(bundle, '1');

  it('counts the blocked requests by cause, the most frequent first', () => {
    expect(summary.causes.map((c) => [c.corsError, c.failedParameter, c.requests])).toEqual([
      ['MissingAllowOriginHeader', '', 2],
      ['AllowOriginMismatch', 'https://other.example', 1],
    ]);
    expect(summary.causes[0]!.headline).toBe(bundle.exchanges[1]!.diagnosis.headline);
    expect(summary.blocked).toBe(3);
    expect(summary.requests).toBe(4);
  });

  it("words each cause with the shared grouping's title and key", () => {
    expect(summary.causes[1]!.title).toBe("Access-Control-Allow-Origin is https://other.example, not the request's Origin");
    expect(summary.causes[0]!.title).toBe(bundle.exchanges[1]!.diagnosis.headline);
    expect(new Set(summary.causes.map((c) => c.key)).size).toBe(2);
  });

  it('names the author, the time, the page origin and every note with its request', () => {
    expect(summary).toMatchObject({ author: 'Ana', createdAt: '2026-03-01T09:08:07.000Z', pageOrigins: [ORIGIN], secretsIncluded: false });
    expect(summary.notes).toEqual([
      { text: 'ops: add the header', author: 'Bo', request: 'GET https://api.example/b' },
      { text: 'this one works', author: null, request: 'GET https://api.example/ok' },
    ]);
  });

  it('lists the first notes of a file with very many and counts them all', () => {
    // 2,000 notes, each request's at the schema's bound: no bound holds their number in a file.
    const many = (path: string) => ({ exchange: noAllowOrigin(path), notes: Array.from({ length: 1_000 }, (_, i) => ({ text: `${path} ${i}` })) });
    const crowded = diagnosisSummary(createBundle({ exchanges: [many('/a'), many('/b')], engineVersion: '1' }), '1');
    expect(crowded.noteCount).toBe(2_000);
    expect(crowded.notes).toHaveLength(SHOWN_NOTES);
    expect(crowded.notes[0]).toEqual({ text: '/a 0', author: null, request: 'GET https://api.example/a' });
    expect(crowded.notes.at(-1)!.text).toBe(`/a ${SHOWN_NOTES - 1}`);
    expect(summary.noteCount).toBe(2);
  });

  it("says whose rules judged the verdicts: the bundle's browser, Chromium's when it names none", () => {
    expect(summary.browser).toBe('chromium');
    const firefox = createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1', rules: FIREFOX_RULES });
    expect(diagnosisSummary(firefox, '1').browser).toBe('firefox');
  });

  it("names Firefox's reason for each cause of a Firefox bundle, derived from the stored Chromium code; none in a Chromium bundle", () => {
    const exchanges = [{ exchange: noAllowOrigin('/a') }, { exchange: wrongOrigin('/b') }];
    const firefox = diagnosisSummary(createBundle({ exchanges, engineVersion: '1', rules: FIREFOX_RULES }), '1');
    expect(firefox.causes.map((c) => [c.corsError, c.firefoxReason])).toEqual([
      ['MissingAllowOriginHeader', 'CORSMissingAllowOrigin'],
      ['AllowOriginMismatch', 'CORSAllowOriginNotMatchingOrigin'],
    ]);
    const chromium = diagnosisSummary(createBundle({ exchanges, engineVersion: '1' }), '1');
    expect(chromium.causes.map((c) => c.firefoxReason)).toEqual([undefined, undefined]);
  });

  it('says whether the sanitized file had secrets to replace', () => {
    const secret = createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1' });
    expect(diagnosisSummary(secret, '1')).toMatchObject({ secretsIncluded: false, secretsReplaced: true });
    const clean = createBundle({ exchanges: [{ exchange: allowedExchange() }], engineVersion: '1' });
    expect(diagnosisSummary(clean, '1')).toMatchObject({ secretsIncluded: false, secretsReplaced: false });
  });

  it('says when secrets were kept', () => {
    const kept = createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1', includeSecrets: true });
    expect(diagnosisSummary(kept, '1')).toMatchObject({ author: null, secretsIncluded: true });
  });

  it('tells a missing Access-Control-Allow-Credentials from an empty one by the reason the exporter stored', () => {
    const credentialed = (path: string, headers: [string, string][]) =>
      exchange(`https://api.example${path}`, { status: 200, headers: [['Access-Control-Allow-Origin', ORIGIN], ...headers] }, { initiatorOrigin: ORIGIN, credentialsMode: 'include' });
    const stored = createBundle({
      exchanges: [{ exchange: credentialed('/a', []) }, { exchange: credentialed('/b', [['Access-Control-Allow-Credentials', '']]) }, { exchange: credentialed('/c', []) }],
      engineVersion: '1',
    });
    expect(stored.exchanges.map((x) => x.diagnosis.failureReason)).toEqual(['no-allow-credentials', 'allow-credentials-not-true', 'no-allow-credentials']);
    expect(causeCounts(stored.exchanges).map((c) => [c.title, c.requests])).toEqual([
      ['Missing Access-Control-Allow-Credentials', 2],
      ['Empty Access-Control-Allow-Credentials, must be exactly true', 1],
    ]);
    // A bundle from an older exporter has no reason (session 31: it titled the empty header "Missing"
    // too): the response it holds tells them apart, and where it holds none the words say either.
    const older = stored.exchanges.map(({ diagnosis: { failureReason: _, ...diagnosis }, ...rest }) => ({ ...rest, diagnosis }));
    expect(older.every((x) => !('failureReason' in x.diagnosis))).toBe(true);
    expect(causeCounts(older).map((c) => [c.title, c.requests])).toEqual([
      ['Missing Access-Control-Allow-Credentials', 2],
      ['Empty Access-Control-Allow-Credentials, must be exactly true', 1],
    ]);
    const withoutResponse = older.map((x) => ({ ...x, exchange: { ...x.exchange, hops: x.exchange.hops.map((hop) => ({ ...hop, response: null })) } }));
    expect(causeCounts(withoutResponse).map((c) => [c.title, c.requests])).toEqual([['Access-Control-Allow-Credentials missing or empty, must be exactly true', 3]]);
  });

  it('reads an older bundle\'s preflight at the hop it failed on', () => {
    const preflighted = (acac: [string, string][]): ObservedExchange => ({
      request: { method: 'PUT', headers: [['Origin', ORIGIN]], initiatorOrigin: ORIGIN, credentialsMode: 'include' },
      hops: [{ url: 'https://api.example/p', preflight: { url: 'https://api.example/p', requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [['Access-Control-Allow-Origin', ORIGIN], ...acac] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    });
    const stored = createBundle({ exchanges: [{ exchange: preflighted([['Access-Control-Allow-Credentials', '']]) }, { exchange: preflighted([]) }], engineVersion: '1' });
    const older = stored.exchanges.map(({ diagnosis: { failureReason: _, ...diagnosis }, ...rest }) => ({ ...rest, diagnosis }));
    expect(older.map((x) => [x.diagnosis.corsError, x.diagnosis.failedParameter])).toEqual([['PreflightInvalidAllowCredentials', ''], ['PreflightInvalidAllowCredentials', '']]);
    expect(causeCounts(older).map((c) => c.title)).toEqual([
      'Empty Access-Control-Allow-Credentials, must be exactly true on the preflight',
      'Missing Access-Control-Allow-Credentials on the preflight',
    ]);
  });

  it("counts this engine's verdicts, not the file's: a bundle edited to call every request allowed still shows its blocked ones", () => {
    const honest = createBundle({ exchanges: [{ exchange: wrongOrigin('/a') }, { exchange: noAllowOrigin('/b') }, { exchange: allowed }], engineVersion: '1' });
    const forged = {
      ...honest,
      exchanges: honest.exchanges.map((x) => ({ ...x, diagnosis: { verdict: 'allowed' as const, corsError: null, failedParameter: null, failedAt: null, headline: 'Allowed' } })),
    };
    const summary = diagnosisSummary(forged, '1');
    expect(summary.blocked).toBe(2);
    expect(summary.causes.map((c) => [c.corsError, c.requests])).toEqual([
      ['AllowOriginMismatch', 1],
      ['MissingAllowOriginHeader', 1],
    ]);
    expect(summary.claimsDiffer).toBe(2);
    expect(summary.engineVersions).toEqual({ exported: '1', now: '1' });
  });

  it("words a cause from this engine's diagnosis, not from the file's failed parameter or headline", () => {
    const honest = createBundle({ exchanges: [{ exchange: noAllowOrigin('/b') }], engineVersion: '1' });
    const forged = {
      ...honest,
      exchanges: honest.exchanges.map((x) => ({
        ...x,
        diagnosis: { ...x.diagnosis, corsError: 'InvalidAllowCredentials', failedParameter: 'send * with Allow-Credentials: true', headline: 'Send Access-Control-Allow-Origin: * and Allow-Credentials: true' },
      })),
    };
    const summary = diagnosisSummary(forged, '2');
    expect(summary.causes.map((c) => [c.corsError, c.failedParameter, c.headline])).toEqual([['MissingAllowOriginHeader', '', honest.exchanges[0]!.diagnosis.headline]]);
    expect(summary.claimsDiffer).toBe(1);
    expect(summary.engineVersions).toEqual({ exported: '1', now: '2' });
  });

  it('has no cause for a bundle with no blocked request', () => {
    expect(causeCounts(createBundle({ exchanges: [{ exchange: allowed }], engineVersion: '1' }).exchanges)).toEqual([]);
  });
});
