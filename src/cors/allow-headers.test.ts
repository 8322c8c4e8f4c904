import { describe, expect, it } from 'vitest';
import { type AllowHeadersFailure, allowHeaderNames } from './allow-headers.ts';
import type { CredentialsMode } from './exchange.ts';

describe('allowHeaderNames', () => {
  it.each<[string, string[], string[], CredentialsMode, string | null, AllowHeadersFailure | null, boolean]>([
    ['all listed', ['x-a', 'x-b'], ['x-b', 'x-a'], 'omit', null, null, false],
    ['first missing in sorted order', ['content-type', 'x-trace'], ['x-trace'], 'omit', 'content-type', 'not-listed', false],
    ['nothing allowed at all', ['x-trace'], [], 'omit', 'x-trace', 'no-allow-headers', false],
    ['* covers custom names without credentials', ['x-trace'], ['*'], 'same-origin', null, null, false],
    ['* is a literal name with credentials', ['x-trace'], ['*'], 'include', 'x-trace', 'wildcard-is-literal-with-credentials', false],
    ['* with credentials: every custom name fails, not only authorization', ['x-a', 'x-b'], ['*', 'x-a'], 'include', 'x-b', 'wildcard-is-literal-with-credentials', false],
    ['* covers authorization in Chromium 156 (advisory)', ['authorization'], ['*'], 'omit', null, null, true],
    ['authorization listed explicitly next to *', ['authorization'], ['*', 'authorization'], 'omit', null, null, false],
    ['nothing to check', [], [], 'include', null, null, false],
  ])('%s', (_d, unsafe, allowed, credentials, disallowed, why, byWildcard) => {
    expect(allowHeaderNames(unsafe, allowed, credentials)).toEqual({ disallowed, why, authorizationCoveredByWildcard: byWildcard });
  });

  it("reports the first name of Chromium's check order, not of the sorted list", () => {
    const order = ['sentry-trace', 'x-ok', 'baggage'];
    expect(allowHeaderNames(['baggage', 'sentry-trace', 'x-ok'], ['x-ok'], 'omit', () => order).disallowed).toBe('sentry-trace');
  });

  it('asks for the check order only when a name fails', () => {
    let asked = 0;
    const order = (): readonly string[] => {
      asked++;
      return ['x-b', 'x-a'];
    };
    expect(allowHeaderNames(['x-a', 'x-b'], ['x-a', 'x-b'], 'omit', order).disallowed).toBeNull();
    expect(asked).toBe(0);
    expect(allowHeaderNames(['x-a', 'x-b'], [], 'omit', order).disallowed).toBe('x-b');
    expect(asked).toBe(1);
  });
});
