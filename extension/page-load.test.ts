import { describe, expect, it } from 'vitest';
import { loadedBeforeCapture } from './page-load.ts';

describe('loadedBeforeCapture', () => {
  const since = 1_800_000_000_000;
  it.each([
    ['a page loaded before the capture began (DevTools opened on it)', since - 5_000.25, true],
    ['a page loaded after (DevTools open from the start, or a reload)', since + 12.5, false],
    ['no time from the page (an exception, a page that answers nothing)', undefined, null],
    ['a time that is no number', '1799999999000', null],
    ['a time that cannot be one', Number.NaN, null],
    ['zero (no navigation start known)', 0, null],
  ])('%s', (_about, pageStart, loaded) => expect(loadedBeforeCapture(pageStart, since)).toBe(loaded));
});
