import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../diagnosis.ts';
import { assumptionNotes, cookiesWords } from './assumptions.ts';
import { diagnosisOf } from './test-diagnosis.ts';

const cases: [string, Partial<Diagnosis>, string[]][] = [
  ['credentials from HAR', {
    assumptions: [{ about: 'credentials-mode', assumed: 'same-origin', because: 'default' }],
    alternatives: [{ assume: { credentialsMode: 'include' }, verdict: 'blocked', corsError: 'WildcardOriginNotAllowed', failedParameter: '' }],
  }, ["Cookies: not sent (fetch's default; assumed: HAR files and webRequest don't record whether the page sends them). If the page used credentials: 'include', it would be blocked: WildcardOriginNotAllowed."]],
  ['cookie header', {
    assumptions: [{ about: 'credentials-mode', assumed: 'include', because: 'cookie-header' }],
  }, ["Cookies: sent (credentials: 'include'), because a Cookie header was sent."]],
  ['known is not a note', { assumptions: [{ about: 'request-mode', assumed: 'cors', because: 'known' }] }, []],
  ['alternative with a parameter, no assumption', {
    alternatives: [{ assume: { mode: 'no-cors' }, verdict: 'not-cors', corsError: null, failedParameter: null }],
  }, ["If the page used mode: 'no-cors', CORS would not apply."]],
  ['allowed alternative', {
    assumptions: [{ about: 'credentials-mode', assumed: 'include', because: 'default' }],
    alternatives: [{ assume: { credentialsMode: 'omit' }, verdict: 'allowed', corsError: null, failedParameter: null }],
  }, ["Cookies: sent (credentials: 'include'; assumed: HAR files and webRequest don't record whether the page sends them). If the page used credentials: 'omit', it would be allowed."]],
];

describe('assumptionNotes', () => {
  it.each(cases)('%s', (_n, over, notes) => expect(assumptionNotes(diagnosisOf(over))).toEqual(notes));
});

describe('cookiesWords', () => {
  it("in the words of fetch()'s credentials option", () => {
    expect(cookiesWords('same-origin', 'assumed')).toBe("not sent (fetch's default; assumed)");
    expect(cookiesWords('include')).toBe("sent (credentials: 'include')");
    expect(cookiesWords('omit')).toBe("not sent (credentials: 'omit')");
  });
});
