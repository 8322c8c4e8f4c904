import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnclaimedSlots } from './next-unclaimed.ts';

describe('UnclaimedSlots', () => {
  it.each([
    // claimed, query, nextFree, previousFree
    { claimed: [], at: 2, next: 2, previous: 2 },
    { claimed: [2], at: 2, next: 3, previous: 1 },
    { claimed: [1, 2, 3], at: 2, next: 4, previous: 0 },
    { claimed: [0, 1, 2, 3, 4], at: 2, next: -1, previous: -1 },
    { claimed: [4], at: 4, next: -1, previous: 3 },
    { claimed: [0], at: 0, next: 1, previous: -1 },
  ])('claimed $claimed, at $at', ({ claimed, at, next, previous }) => {
    const slots = new UnclaimedSlots(5);
    for (const slot of claimed) slots.claim(slot);
    expect(slots.nextFree(at)).toBe(next);
    expect(slots.previousFree(at)).toBe(previous);
  });

  it('out-of-range queries and an empty set', () => {
    expect(new UnclaimedSlots(0).nextFree(0)).toBe(-1);
    expect(new UnclaimedSlots(0).previousFree(0)).toBe(-1);
    expect(new UnclaimedSlots(3).nextFree(-4)).toBe(0);
    expect(new UnclaimedSlots(3).previousFree(9)).toBe(2);
  });

  it('grows after its first claim: slots appended then are free, and claimed ones are not', () => {
    // The forests are made at the first claim, at the size then: appends after it must grow them.
    const slots = new UnclaimedSlots(1);
    slots.claim(0);
    slots.append();
    slots.append();
    expect([0, 1, 2].map((slot) => slots.isFree(slot))).toEqual([false, true, true]);
    expect(slots.nextFree(0)).toBe(1);
    slots.claim(2);
    expect(slots.previousFree(2)).toBe(1);
    expect(slots.nextFree(2)).toBe(-1);
  });

  it('agrees with a linear scan for any claims', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(39)), fc.nat(39), (size, claims, at) => {
        const slots = new UnclaimedSlots(size);
        const taken = new Set<number>();
        for (const c of claims) {
          if (c < size) {
            slots.claim(c);
            taken.add(c);
          }
        }
        let next = -1;
        for (let i = Math.max(at, 0); i < size; i++) if (!taken.has(i)) { next = i; break; }
        let previous = -1;
        for (let i = Math.min(at, size - 1); i >= 0; i--) if (!taken.has(i)) { previous = i; break; }
        expect(slots.nextFree(at)).toBe(next);
        expect(slots.previousFree(at)).toBe(previous);
      }),
    );
  });

  it('agrees with a linear scan when slots are appended between claims and queries', () => {
    // Each step: append a slot (-1), or claim one, then ask around another (path compression
    // made before an append must not hide the appended slots).
    fc.assert(
      fc.property(fc.nat(5), fc.array(fc.tuple(fc.integer({ min: -1, max: 40 }), fc.nat(41)), { maxLength: 80 }), (initial, steps) => {
        const slots = new UnclaimedSlots(initial);
        let size = initial;
        const taken = new Set<number>();
        for (const [step, at] of steps) {
          if (step === -1) {
            slots.append();
            size++;
          } else if (step < size) {
            slots.claim(step);
            taken.add(step);
          }
          expect(slots.size).toBe(size);
          let next = -1;
          for (let i = at; i < size; i++) if (!taken.has(i)) { next = i; break; }
          let previous = -1;
          for (let i = Math.min(at, size - 1); i >= 0; i--) if (!taken.has(i)) { previous = i; break; }
          expect(slots.nextFree(at)).toBe(next);
          expect(slots.previousFree(at)).toBe(previous);
          expect(slots.isFree(at)).toBe(at < size && !taken.has(at));
        }
      }),
      { seed: 24 },
    );
  });
});
