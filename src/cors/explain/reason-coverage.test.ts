// No words without the engine: every (CorsError, reason) the table gives words to is produced by
// `diagnose` from some observed exchange, and every reason a rule can return has words.

import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import { diagnose } from '../diagnose.ts';
import { explanationText } from './reason-text.ts';
import { failureReason, HEADER_WORDS, METHOD_WORDS } from './reason-words.ts';
import { type CaseKey, ENGINE_CASES, engineCaseKeys } from './test-diagnosis.ts';

const decided = CORS_ERRORS.filter((e) => corsErrorFacts(e).decidedByEngine);
const pairs: CaseKey[] = decided.flatMap((e): CaseKey[] => {
  const reasons = corsErrorFacts(e).reasons;
  return reasons.length === 0 ? [e] : reasons.map((r): CaseKey => `${e}:${r}`);
});

describe('every (code, reason) with words comes from the engine', () => {
  it('the cases are exactly the pairs the table lists', () => expect(engineCaseKeys()).toEqual([...pairs].sort()));

  it.each(pairs.map((k) => [k]))('%s', (key) => {
    const [code, reason] = key.split(':');
    const exchange = ENGINE_CASES[key];
    expect(exchange).toBeDefined();
    const d = diagnose(exchange!);
    expect([d.verdict, d.corsError]).toEqual(['blocked', code]);
    expect(failureReason(d)).toBe(reason ?? null);
    expect(explanationText(d, exchange!).length).toBeGreaterThan(60);
  });

  it('the header and method words are keyed by exactly the reasons those rules return', () => {
    expect(Object.keys(HEADER_WORDS).sort()).toEqual([...corsErrorFacts('HeaderDisallowedByPreflightResponse').reasons].sort());
    expect(Object.keys(METHOD_WORDS).sort()).toEqual([...corsErrorFacts('MethodDisallowedByPreflightResponse').reasons].sort());
  });
});
