import { describe, expect, it } from 'vitest';
import { type AllowMethodsFailure, allowMethod } from './allow-methods.ts';
import type { CredentialsMode } from './exchange.ts';

describe('allowMethod', () => {
  it.each<[string, string, string[], CredentialsMode, AllowMethodsFailure | null]>([
    ['safelisted needs no listing', 'POST', [], 'include', null],
    ['listed', 'PUT', ['GET', 'PUT'], 'omit', null],
    ['nothing allowed at all', 'PUT', [], 'omit', 'no-allow-methods'],
    ['compared byte for byte', 'patch', ['PATCH'], 'omit', 'not-listed'],
    ['* covers it without credentials', 'DELETE', ['*'], 'same-origin', null],
    ['* is the method * with credentials', 'DELETE', ['*'], 'include', 'wildcard-is-literal-with-credentials'],
    ['* next to the method, with credentials', 'DELETE', ['*', 'DELETE'], 'include', null],
  ])('%s', (_d, method, allowed, credentials, why) => {
    expect(allowMethod(method, allowed, credentials)).toBe(why);
  });
});
