import { describe, expect, it } from 'vitest';
import type { ObservedResponse } from './exchange.ts';
import { API, diagnosed, PAGE, preflighted, simpleGet } from './explain/test-diagnosis.ts';
import { preflightPassed } from './preflight-passed.ts';

const ALLOWS: ObservedResponse = {
  status: 204,
  headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace'], ['Access-Control-Max-Age', '600']],
};
const passedOf = (x: Parameters<typeof diagnosed>[0]): boolean => preflightPassed(diagnosed(x).diagnosis);

// Only a preflight that passes creates cache entries (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0).
describe('preflightPassed', () => {
  it('is true of a preflight that passed every check, whatever the response did next', () => {
    expect(passedOf(preflighted(ALLOWS, { actual: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }))).toBe(true);
    expect(passedOf(preflighted(ALLOWS, { actual: { status: 200, headers: [] } }))).toBe(true);
  });

  it.each<[string, ObservedResponse]>([
    ['a 404 without headers', { status: 404, headers: [['Access-Control-Max-Age', '600']] }],
    ['a 404 with Allow-Origin', { status: 404, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Max-Age', '600']] }],
    ['another origin', { ...ALLOWS, headers: [['Access-Control-Allow-Origin', `${API}`], ...ALLOWS.headers.slice(1)] }],
    ['the method not listed', { ...ALLOWS, headers: ALLOWS.headers.filter(([name]) => name !== 'Access-Control-Allow-Methods') }],
    ['the header not listed', { ...ALLOWS, headers: ALLOWS.headers.filter(([name]) => name !== 'Access-Control-Allow-Headers') }],
  ])('is false of a preflight refused: %s', (_name, response) => expect(passedOf(preflighted(response))).toBe(false));

  it('is false where no preflight was sent', () => expect(passedOf(simpleGet([['Access-Control-Allow-Origin', PAGE]]))).toBe(false));
});
