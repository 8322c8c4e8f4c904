import { describe, expect, it } from 'vitest';
import { serializedOriginOf } from './exchanges-from-entries.ts';

describe('serializedOriginOf', () => {
  it.each([
    ['https://app.test/page?q=1', 'https://app.test'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    [`https://app.test/${'a'.repeat(3000)}`, 'https://app.test'],
    [`https://app.test/${'a'.repeat(3000)}`, 'https://app.test'],
    ['data:text/plain,hi', undefined],
    ['not a url', undefined],
    [`${'x'.repeat(3000)}`, undefined],
  ])('%s', (url, origin) => {
    // The long URLs are not memoized; asked twice, they give the same origin.
    expect(serializedOriginOf(url)).toBe(origin);
  });
});
