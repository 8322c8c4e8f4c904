import { describe, expect, it } from 'vitest';
import { allowHeaderNames } from './allow-headers.ts';
import type { CredentialsMode } from './exchange.ts';

describe('allowHeaderNames', () => {
  it.each<[string, string[], string[], CredentialsMode, string | null, boolean]>([
    ['all listed', ['x-a', 'x-b'], ['x-b', 'x-a'], 'omit', null, false],
    ['first missing in sorted order', ['content-type', 'x-trace'], ['x-trace'], 'omit', 'content-type', false],
    ['* covers custom names without credentials', ['x-trace'], ['*'], 'same-origin', null, false],
    ['* is a literal name with credentials', ['x-trace'], ['*'], 'include', 'x-trace', false],
    ['* covers authorization in Chromium 156 (advisory)', ['authorization'], ['*'], 'omit', null, true],
    ['authorization listed explicitly next to *', ['authorization'], ['*', 'authorization'], 'omit', null, false],
    ['nothing to check', [], [], 'include', null, false],
  ])('%s', (_d, unsafe, allowed, credentials, disallowed, byWildcard) => {
    expect(allowHeaderNames(unsafe, allowed, credentials)).toEqual({ disallowed, authorizationCoveredByWildcard: byWildcard });
  });
});
