// The list's default share: 42% side by side; stacked 38%, except in a panel short enough that 38%
// would leave the detail under the list less than it needs to show the fix (DevTools docked to the
// side of a 720 px window), where the list keeps six rows.

import { describe, expect, it } from 'vitest';
import { defaultSplit } from './Splitter.tsx';

describe('defaultSplit', () => {
  it('side by side: 42%, at any height', () => {
    for (const height of [0, 170, 454, 900]) expect(defaultSplit('side', height)).toBe(42);
  });

  it('stacked, tall enough (or not laid out yet): 38%, as before', () => {
    for (const height of [0, 680, 900, 1400]) expect(defaultSplit('stacked', height)).toBe(38);
  });

  it('stacked in a short panel: six 24 px rows and the line above them for the list, the rest for the detail', () => {
    // DevTools docked right in a 1280×720 window: the list and the detail share 454 px.
    const share = defaultSplit('stacked', 454);
    expect(share).toBe(37);
    expect((454 * share) / 100).toBeGreaterThanOrEqual(6 * 24 + 23);
    expect(defaultSplit('stacked', 600)).toBe(30); // the detail gets its 420 px, the list the rest
  });

  it('stacked and shorter still: never more than 38% for the list', () => {
    for (const height of [200, 300, 378]) expect(defaultSplit('stacked', height)).toBe(38);
  });

  it('grows with the panel, without a jump', () => {
    let list = 0;
    for (let height = 300; height <= 1000; height += 10) {
      const px = (height * defaultSplit('stacked', height)) / 100;
      expect(px).toBeGreaterThanOrEqual(list - 5);
      list = px;
    }
  });
});
