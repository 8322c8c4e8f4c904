import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../../cors-error.ts';
import { errorTrap, isPolicyError, replacedNote } from './context.ts';
import { contextFor } from './test-context.ts';

describe('errorTrap', () => {
  it.each([
    [{ error: 'MultipleAllowOriginValues' as const }, 'configure CORS in one place only'],
    [{ error: 'PreflightInvalidStatus' as const, preflightStatus: 401 }, 'authentication must let OPTIONS through'],
    [{ error: 'MissingAllowOriginHeader' as const, errorStatus: 502 }, 'The failing response was a 502'],
  ])('%j', (opts, phrase) => expect(errorTrap(contextFor(opts))).toContain(phrase));
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
