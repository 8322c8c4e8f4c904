import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../../cors-error.ts';
import { errorTrap, isPolicyError, replacedNote } from './context.ts';
import { contextFor } from './test-context.ts';

describe('errorTrap', () => {
  it.each([
    [{ error: 'MultipleAllowOriginValues' as const }, "send back only the request's Origin when it is on your list"],
    [{ error: 'MultipleAllowOriginValues' as const }, 'configure CORS in one of them only'],
    [{ error: 'PreflightInvalidStatus' as const, preflightStatus: 401 }, 'authentication must let OPTIONS through'],
    [{ error: 'MissingAllowOriginHeader' as const, errorStatus: 502 }, 'The failing response was a 502'],
  ])('%j', (opts, phrase) => expect(errorTrap(contextFor(opts))).toContain(phrase));
  it('never advises CORS headers on an error answer to the preflight, which fails on its status alone', () => {
    const trap = errorTrap(contextFor({ error: 'PreflightInvalidStatus', preflightStatus: 404 }));
    expect(trap).toContain('The preflight was answered 404');
    expect(trap).not.toContain('error responses too');
  });
  it('says nothing when there is nothing to say', () => {
    expect(errorTrap(contextFor({ error: 'MissingAllowOriginHeader' }))).toBeNull();
  });
});

describe('isPolicyError', () => {
  it.each([
    ['MissingAllowOriginHeader', true],
    ['HeaderDisallowedByPreflightResponse', true],
    ['DisallowedByMode', false],
    ['LocalNetworkAccessPermissionDenied', false],
  ] as const)('%s → %s', (e, ok) => expect(isPolicyError(e)).toBe(ok));
  it('covers 18 of the 35 errors', () => expect(CORS_ERRORS.filter(isPolicyError)).toHaveLength(18));
});

describe('replacedNote', () => {
  it('is null for clean values', () => expect(replacedNote(contextFor().policy)).toBeNull());
});
