// Arbitrary header names that are no HTTP token, each with a secret after where a value could begin
// (white space, `:`, `=` or another delimiter) and another, plain, as its value: neither shows in the bundle, the
// Markdown report or the sanitized HAR, in any casing; redacting twice changes nothing; the verdict
// stays and the bundle imports without a verdict change.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import { redactExchange } from './redact-exchange.ts';

const canary = fc.stringMatching(/^[a-z]{8}$/).map((s) => `cnry${s}`);
const tokenStart = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{0,12}$/);
// Session 39 added RFC 9110's other delimiters (`X(secret)`, `x@secret` were shown whole).
const separator = fc.constantFrom(' ', '\t', ':', '=', ': ', ' = ', '\u00a0', ';', ',', '"', '(', ')', '/', '<', '>', '?', '@', '[', '\\', ']', '{', '}');
const tail = fc.string({ maxLength: 12 });

const oddLine = fc.record({ start: tokenStart, separator, inName: canary, tail, inValue: canary }).map(
  ({ start, separator, inName, tail, inValue }) => ({ line: [`${start}${separator}${inName}${tail}`, inValue] as HeaderLine, secrets: [inName, inValue] }),
);

function exchangeWith(lines: readonly HeaderLine[], allowed: boolean): ObservedExchange {
  const url = 'https://api.example/v1';
  return {
    request: { method: 'GET', initiatorOrigin: 'https://app.example', headers: [['Origin', 'https://app.example'], ...lines] },
    hops: [{ url, response: { status: 200, headers: allowed ? [['Access-Control-Allow-Origin', 'https://app.example']] : [['Server', 'nginx']] } }],
    ...(allowed ? {} : { errorText: 'net::ERR_FAILED' }),
  };
}

describe('header names that are no HTTP token, arbitrary', () => {
  it('leak nothing after the cut nor in the value, keep the verdict, and import', () => {
    fc.assert(
      fc.property(fc.array(oddLine, { minLength: 1, maxLength: 4 }), fc.boolean(), (odd, allowed) => {
        const exchange = exchangeWith(odd.map((o) => o.line), allowed);
        const bundle = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0', createdAt: '2026-01-01T00:00:00.000Z' }));
        const exports = [bundle, markdownReport([{ exchange }]), serializeHar(harFromExchanges([exchange]))].map((text) => text.toLowerCase());
        for (const secret of odd.flatMap((o) => o.secrets)) for (const text of exports) expect(text).not.toContain(secret);

        const redacted = redactExchange(exchange);
        expect(redactExchange(redacted)).toEqual(redacted);
        const [before, after] = [diagnose(exchange), diagnose(redacted)];
        expect([after.verdict, after.corsError, after.failedAt]).toEqual([before.verdict, before.corsError, before.failedAt]);

        const imported = importBundle(bundle, { engineVersion: 'test' });
        if (!imported.ok) throw new Error(imported.errors[0]!.message);
        expect(imported.verdictChanges).toBe(0);
      }),
      { seed: 20_261_206, numRuns: 200 },
    );
  }, 60_000);
});
