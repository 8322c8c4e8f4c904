import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../diagnosis.ts';
import { assumptionNotes, cookiesWords } from './assumptions.ts';
import { withoutMemo } from './memo.ts';
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

describe('assumptionNotes worded once per distinct set of assumptions', () => {
  const base: Partial<Diagnosis> = {
    assumptions: [{ about: 'credentials-mode', assumed: 'same-origin', because: 'default' }],
    alternatives: [{ assume: { credentialsMode: 'include' }, verdict: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'https://a.example' }],
  };
  const alternative = base.alternatives![0]!;
  // Each differs from `base` in one value the notes read, nothing else: a key that left it out
  // would hand the second the first one's notes.
  const variants: [string, Partial<Diagnosis>][] = [
    ['about', { assumptions: [{ about: 'request-mode', assumed: 'same-origin', because: 'default' }] }],
    ['assumed', { assumptions: [{ about: 'credentials-mode', assumed: 'include', because: 'default' }] }],
    ['assumed, not a mode', { assumptions: [{ about: 'credentials-mode', assumed: 'same-origin;default', because: 'default' }] }],
    ['because', { assumptions: [{ about: 'credentials-mode', assumed: 'same-origin', because: 'cookie-header' }] }],
    ['a known assumption more', { assumptions: [...base.assumptions!, { about: 'request-mode', assumed: 'cors', because: 'browser-error' }] }],
    ['the credentials mode assumed instead', { alternatives: [{ ...alternative, assume: { credentialsMode: 'omit' } }] }],
    ['the request mode assumed instead', { alternatives: [{ ...alternative, assume: { mode: 'no-cors' } }] }],
    ['verdict', { alternatives: [{ ...alternative, verdict: 'network-error' }] }],
    ['corsError', { alternatives: [{ ...alternative, corsError: 'MissingAllowOriginHeader' }] }],
    ['failedParameter', { alternatives: [{ ...alternative, failedParameter: 'https://b.example' }] }],
    ['failedParameter empty', { alternatives: [{ ...alternative, failedParameter: '' }] }],
    ['failedParameter null', { alternatives: [{ ...alternative, failedParameter: null }] }],
    ['failedParameter spelling a key', { alternatives: [{ ...alternative, failedParameter: '-' }] }],
    ['no alternative', { alternatives: [] }],
  ];

  it.each(variants)('%s', (_name, over) => {
    const first = diagnosisOf(base);
    const second = diagnosisOf({ ...base, ...over });
    // The first fills the cache; the second must not be answered from it.
    expect(assumptionNotes(first)).toEqual(withoutMemo(() => assumptionNotes(first)));
    const notes = assumptionNotes(second);
    expect(notes).toEqual(withoutMemo(() => assumptionNotes(second)));
    expect(notes).not.toEqual(assumptionNotes(first));
    // Answered from the cache the second time: the same (frozen) notes.
    expect(assumptionNotes(diagnosisOf({ ...base, ...over }))).toBe(notes);
    expect(Object.isFrozen(notes)).toBe(true);
  });
});

describe('cookiesWords', () => {
  it("in the words of fetch()'s credentials option", () => {
    expect(cookiesWords('same-origin', 'assumed')).toBe("not sent (fetch's default; assumed)");
    expect(cookiesWords('include')).toBe("sent (credentials: 'include')");
    expect(cookiesWords('omit')).toBe("not sent (credentials: 'omit')");
  });
});
