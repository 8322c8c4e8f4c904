// `explain --json` explains an exchange and adds it to its cause's group under one memo
// (withExplainScope), so the policy both read is worked out once. Nothing either does may change
// what the other is given: in both orders, the shared scope gives what each gives on its own.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { exchangesFromHar } from '../capture/index.ts';
import { addToNeed, diagnose, diagnoseInFirefox, type Diagnosis, emptyNeed, explain, type ObservedExchange, withExplainScope } from '../cors/index.ts';

const fixture = (path: string): ObservedExchange[] => exchangesFromHar(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

function alone(diagnosis: Diagnosis, exchange: ObservedExchange) {
  const need = emptyNeed();
  addToNeed(need, diagnosis, exchange);
  return { need, explanation: explain(diagnosis, exchange, { fixes: 'first' }) };
}

function shared(diagnosis: Diagnosis, exchange: ObservedExchange, explainFirst: boolean) {
  return withExplainScope(diagnosis, exchange, () => {
    const need = emptyNeed();
    const explanation = explainFirst ? explain(diagnosis, exchange, { fixes: 'first' }) : undefined;
    addToNeed(need, diagnosis, exchange);
    return { need, explanation: explanation ?? explain(diagnosis, exchange, { fixes: 'first' }) };
  });
}

describe('one exchange explained and grouped under one memo', () => {
  it('gives what each gives alone, in both orders, under both browsers’ rules', () => {
    const exchanges = [
      ...fixture('test/fixtures/public.devtools.har'),
      ...fixture('test/fixtures/firefox-devtools/public.har'),
      ...exchangesFromHar(generateHar(600, 5, { causes: 4 })),
    ];
    let blocked = 0;
    for (const exchange of exchanges) {
      for (const diagnosis of [diagnose(exchange), diagnoseInFirefox(exchange)]) {
        if (diagnosis.verdict === 'blocked') blocked++;
        const expected = alone(diagnosis, exchange);
        expect(shared(diagnosis, exchange, false)).toEqual(expected);
        expect(shared(diagnosis, exchange, true)).toEqual(expected);
      }
    }
    // Fixes (the part that reads the policy most) are built only for blocked requests.
    expect(blocked).toBeGreaterThan(200);
  });
});
