import { describe, expect, it } from 'vitest';
import { afterRedirect } from './hop-words.ts';

describe('afterRedirect', () => {
  it('says nothing on the first request, and counts redirects after it', () => {
    expect(afterRedirect(0)).toBe('');
    expect(afterRedirect(1)).toBe('after redirect 1');
    expect(afterRedirect(3)).toBe('after redirect 3');
  });
});
