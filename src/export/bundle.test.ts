import { describe, expect, it } from 'vitest';
import { diagnose, FIREFOX_RULES } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { bundleSender, importBundle } from './bundle-import.ts';
import { validateBundle } from './bundle-schema.ts';
import { redactExchange } from './redact-exchange.ts';
import { canaryExchange, recordedExchanges } from './testing-exchanges.ts';

const exchanges = recordedExchanges();

describe('bundle export → import on the exchanges Chromium recorded', () => {
  const notes = [
    { text: 'started failing after the deploy', author: { name: 'Ana' }, createdAt: '2026-03-01T10:00:00.000Z' },
    { text: 'this header', target: { kind: 'header' as const, on: 'request' as const, hop: 0, name: 'Origin' }, createdAt: '2026-03-01T10:01:00.000Z' },
  ];
  const bundle = createBundle({
    exchanges: exchanges.map((exchange, i) => ({ exchange, notes: i % 5 === 0 ? notes : [] })),
    engineVersion: '0.1.0',
    author: { name: 'Ana' },
    createdAt: '2026-03-01T09:00:00.000Z',
  });
  const imported = importBundle(serializeBundle(bundle), { engineVersion: '0.1.0' });

  it('imports what it exported', () => {
    expect(imported.ok).toBe(true);
  });

  it('is lossless: the same (redacted) exchanges, in order, with their ids and notes', () => {
    if (!imported.ok) throw new Error('not imported');
    expect(imported.exchanges.map((entry) => entry.exchange)).toEqual(exchanges.map((exchange) => redactExchange(exchange)));
    expect(imported.exchanges.map((entry) => entry.id)).toEqual(bundle.exchanges.map((entry) => entry.id));
    expect(imported.exchanges.map((entry) => entry.notes)).toEqual(bundle.exchanges.map((entry) => entry.notes));
    expect(imported.exchanges[0]!.notes.map((note) => note.text)).toEqual(notes.map((note) => note.text));
    expect(imported.bundle.author).toEqual({ name: 'Ana' });
  });

  it('keeps each verdict: re-diagnosing the redacted exchanges agrees with the exporter on every one', () => {
    if (!imported.ok) throw new Error('not imported');
    expect(imported.verdictChanges).toBe(0);
    expect(imported.exchanges.map((entry) => entry.now?.verdict)).toEqual(exchanges.map((exchange) => diagnose(exchange).verdict));
    expect(imported.exchanges.map((entry) => entry.exported.corsError)).toEqual(exchanges.map((exchange) => diagnose(exchange).corsError));
    // The recorded run has blocked, allowed and network-error exchanges: the comparison is not vacuous.
    expect(new Set(imported.exchanges.map((entry) => entry.exported.verdict))).toEqual(new Set(['allowed', 'blocked', 'network-error', 'not-cors']));
  });

  it('lists what was redacted (the recorded page sent a cookie), by kind and place, never the value', () => {
    expect(bundle.redactions.length).toBeGreaterThan(0);
    expect(bundle.redactions[0]).toEqual({ exchange: 'exchange-1', kind: 'cookie', where: 'cookie' });
  });
});

describe('createBundle', () => {
  it('writes the fields docs/bundle-schema.md describes, and validates', () => {
    const bundle = createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1.2.3', createdAt: new Date(Date.UTC(2026, 0, 1)) });
    expect(Object.keys(bundle)).toEqual(['format', 'version', 'createdAt', 'engine', 'exchanges', 'redactions']);
    expect(bundle).toMatchObject({ format: 'cors-inspector-bundle', version: 1, createdAt: '2026-01-01T00:00:00.000Z', engine: { name: 'cors-inspector', version: '1.2.3' } });
    expect(bundle.exchanges[0]!.diagnosis).toMatchObject({ verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedAt: { hop: 0, phase: 'preflight' } });
    expect(validateBundle(JSON.parse(serializeBundle(bundle)))).toMatchObject({ ok: true });
  });

  it('keeps secrets only when asked, and says so', () => {
    const kept = createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1', includeSecrets: true });
    expect(kept.secretsIncluded).toBe(true);
    expect(kept.redactions).toEqual([]);
    expect(kept.exchanges[0]!.exchange).toEqual(canaryExchange());
    expect(createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1' }).secretsIncluded).toBeUndefined();
  });

  it('gives every exchange and note a unique id, even when the caller repeats one', () => {
    const bundle = createBundle({
      exchanges: [
        { exchange: canaryExchange(), id: 'a', notes: [{ text: 'x' }] },
        { exchange: canaryExchange(), id: 'a', notes: [{ text: 'y' }] },
      ],
      engineVersion: '1',
    });
    expect(bundle.exchanges.map((entry) => entry.id)).toEqual(['a', 'a-2']);
    expect(bundle.exchanges.flatMap((entry) => entry.notes.map((note) => note.id))).toEqual(['note-1', 'note-2']);
    expect(validateBundle(bundle)).toMatchObject({ ok: true });
  });

  // One bundle has one browser's rules (`browser`) but can hold exchanges two browsers sent: the
  // Firefox panel's bundle of a Chromium HAR, or a Chromium panel's own capture beside a Firefox HAR's.
  it("records the browser that sent an exchange where it is not the one whose rules judged it, before the exchange", () => {
    const firefoxRules = createBundle({
      exchanges: [{ exchange: canaryExchange(), sentBy: 'chromium' }, { exchange: canaryExchange(), sentBy: 'firefox' }, { exchange: canaryExchange() }],
      engineVersion: '1',
      rules: FIREFOX_RULES,
    });
    expect(firefoxRules.browser).toBe('firefox');
    expect(firefoxRules.exchanges.map((entry) => Object.keys(entry))).toEqual([['id', 'sentBy', 'exchange', 'diagnosis', 'notes'], ['id', 'exchange', 'diagnosis', 'notes'], ['id', 'exchange', 'diagnosis', 'notes']]);
    expect(firefoxRules.exchanges.map((entry) => bundleSender(entry, firefoxRules))).toEqual(['chromium', 'firefox', 'firefox']);
    const chromiumRules = createBundle({ exchanges: [{ exchange: canaryExchange(), sentBy: 'chromium' }, { exchange: canaryExchange(), sentBy: 'firefox' }], engineVersion: '1' });
    expect(chromiumRules.exchanges.map((entry) => entry.sentBy)).toEqual([undefined, 'firefox']);
    const read = importBundle(serializeBundle(chromiumRules), { engineVersion: '1' });
    if (!read.ok) throw new Error(read.errors[0]!.message);
    expect(read.bundle.exchanges.map((entry) => bundleSender(entry, read.bundle))).toEqual(['chromium', 'firefox']);
  });
});
