// A HAR recorded from Firefox ESR 153's DevTools (its HAR auto-export, by the conformance harness
// replaying test/scenarios/public.json), with what Firefox itself reported for each run: read by
// the HAR reader, judged by the engine's Firefox profile, compared with Firefox.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIREFOX_NO_RESPONSE, FIREFOX_NOT_SENT, FIREFOX_RULES, diagnose, firefoxVerdict, type ObservedExchange } from '../cors/index.ts';
import { HarEntryReader, entriesFromHar, exchangesFromHar } from './har.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/firefox-devtools/${name}`, import.meta.url), 'utf8');
const har = fixture('public.har');
interface FirefoxRun {
  id: string;
  run: number;
  outcome: string;
  reason: string | null;
  reasons: string[];
  preflight: boolean;
}
const runs = (JSON.parse(fixture('public.firefox-runs.json')) as { runs: FirefoxRun[] }).runs;
const exchanges = exchangesFromHar(har);

function exchangeOf(id: string, run: number): ObservedExchange | undefined {
  return exchanges.filter((x) => new URL(x.hops[0]!.url).pathname === `/s/${id}/0`)[run];
}

describe('a HAR exported by Firefox DevTools', () => {
  it('is one recorded by Firefox, with preflights and requests that got no response', () => {
    const log = (JSON.parse(har) as { log: { creator: { name: string } } }).log;
    expect(log.creator.name).toBe('Firefox');
    const { entries } = entriesFromHar(JSON.parse(har));
    expect(entries.some((e) => e.isPreflight)).toBe(true);
    expect(entries.some((e) => e.response === null)).toBe(true);
  });

  it("folds each preflight (an OPTIONS with Access-Control-Request-Method, nothing else marks it) into its request", () => {
    for (const r of runs) {
      const x = exchangeOf(r.id, r.run);
      expect(x, r.id).toBeDefined();
      expect((x?.hops[0]?.preflight?.response ?? null) !== null, `${r.id}: preflight`).toBe(r.preflight);
    }
  });

  it('gives a request that got no response the error Firefox does not record: sent, or never sent', () => {
    expect(exchangeOf('connection-refused', 0)?.errorText).toBe(FIREFOX_NO_RESPONSE);
    // Its preflight failed: never sent, and the preflight decides.
    const denied = exchangeOf('put-method-not-allowed', 0);
    expect(denied?.errorText).toBe(FIREFOX_NOT_SENT);
    expect(denied?.hops[0]?.response).toBe(null);
  });

  // A reader fed an entry at a time may be told `log.creator` only after the entries (another tool's
  // order): what it read is decided when it finishes, the same as with the creator first; the last
  // creator told counts, as JSON.parse keeps the last of two.
  it('reads the entries as Firefox\'s when told log.creator after them, and not when a later creator is not Firefox', () => {
    const log = (JSON.parse(har) as { log: { pages: unknown; creator: unknown; entries: unknown[] } }).log;
    const read = (before: unknown, after: unknown[]) => {
      const reader = new HarEntryReader(log.pages, before);
      for (const entry of log.entries) reader.add(entry);
      for (const creator of after) reader.setCreator(creator);
      return reader.finish();
    };
    const first = read(log.creator, []);
    expect(first.writtenByFirefox).toBe(true);
    expect(read(undefined, [log.creator])).toEqual(first);
    const chromium = { name: 'WebInspector', version: '537.36' };
    const notFirefox = read(log.creator, [chromium]);
    expect(notFirefox.writtenByFirefox).toBe(false);
    expect(notFirefox.entries.some((e) => e.errorText !== undefined)).toBe(false);
    expect(read(chromium, [])).toEqual(notFirefox);
  });

  // CORS Inspector's sanitized HAR of Firefox's requests says so in `log.creator._browser`
  // (har-export.ts): its requests are judged by Firefox's rules, as when Firefox wrote the HAR.
  it("reads a CORS Inspector HAR whose creator says Firefox made the requests as Firefox's", () => {
    const log = (JSON.parse(har) as { log: { pages: unknown } }).log;
    expect(new HarEntryReader(log.pages, { name: 'CORS Inspector', version: '1', _browser: 'firefox' }).finish().writtenByFirefox).toBe(true);
    expect(new HarEntryReader(log.pages, { name: 'CORS Inspector', version: '1' }).finish().writtenByFirefox).toBe(false);
    expect(new HarEntryReader(log.pages, { name: 'CORS Inspector', version: '1', _browser: 'chromium' }).finish().writtenByFirefox).toBe(false);
  });

  it.each(runs.map((r) => [`${r.id} (run ${r.run + 1})`, r] as const))('%s: the engine agrees with Firefox', (_, r) => {
    const x = exchangeOf(r.id, r.run)!;
    const verdict = firefoxVerdict(diagnose(x, FIREFOX_RULES), x);
    expect({ outcome: verdict.outcome, reason: verdict.reason, logged: verdict.logged }).toEqual({ outcome: r.outcome, reason: r.reason, logged: r.reasons });
  });
});
