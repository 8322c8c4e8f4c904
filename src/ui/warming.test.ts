import { describe, expect, it } from 'vitest';
import { createWarming, WARM_IDLE_TIMEOUT_MS, type IdleDeadlineLike, type WarmingHost } from './warming.ts';

/**
 * A page's scheduling by hand: the clock moves only when a slice is warmed (1 ms each) or when
 * `advance` waits; idle callbacks are given either idle time (`idleMs` left) or none at all (they
 * come only at their timeout, with nothing left, as in a page whose frames leave no idle period).
 */
function fakeHost(idleMs: number | null): WarmingHost & { clock: number; idleRequests: number; tasks: number; run(): boolean } {
  const idle: ((deadline: IdleDeadlineLike) => void)[] = [];
  const tasks: (() => void)[] = [];
  const host = {
    clock: 0,
    idleRequests: 0,
    tasks: 0,
    requestIdleCallback(run: (deadline: IdleDeadlineLike) => void) {
      host.idleRequests++;
      idle.push(run);
      return idle.length;
    },
    cancelIdleCallback(id: number) {
      idle[id - 1] = () => {};
    },
    setTimeout(run: () => void) {
      host.tasks++;
      tasks.push(run);
      return tasks.length;
    },
    clearTimeout(handle: unknown) {
      tasks[(handle as number) - 1] = () => {};
    },
    now: () => host.clock,
    /** Runs the next pending callback (tasks first: idle time comes after them); false when none. */
    run(): boolean {
      const task = tasks.shift();
      if (task) {
        task();
        return true;
      }
      const next = idle.shift();
      if (!next) return false;
      if (idleMs === null) {
        host.clock += WARM_IDLE_TIMEOUT_MS;
        next({ didTimeout: true, timeRemaining: () => 0 });
      } else {
        const end = host.clock + idleMs;
        next({ didTimeout: false, timeRemaining: () => Math.max(0, end - host.clock) });
      }
      return true;
    },
  };
  return host;
}

/** A store with `count` reasons to warm, one slice of `perSlice` per call, 1 ms each. */
function reasons(host: { clock: number }, count: number, perSlice = 100): { left: () => number; slice: () => boolean } {
  let left = count;
  return {
    left: () => left,
    slice: () => {
      left = Math.max(0, left - perSlice);
      host.clock += 1;
      return left > 0;
    },
  };
}

describe('createWarming', () => {
  it('warms in idle time while the browser gives it, several slices an idle period', () => {
    const host = fakeHost(20);
    const store = reasons(host, 5000);
    createWarming(store.slice, host).wake();
    while (host.run());
    expect(store.left()).toBe(0);
    expect(host.tasks).toBe(0);
    // 50 slices, at most 15 an idle period (20 ms, another while over 5 ms left).
    expect(host.idleRequests).toBeLessThanOrEqual(4);
  });

  it('goes on in short tasks when idle callbacks come only at their timeout, with no time left', () => {
    const host = fakeHost(null);
    const store = reasons(host, 50_000);
    createWarming(store.slice, host).wake();
    while (host.run());
    expect(store.left()).toBe(0);
    // One idle callback timed out, then tasks of a few slices each: not one slice a second (500 s).
    expect(host.idleRequests).toBe(1);
    expect(host.clock).toBeLessThan(2 * WARM_IDLE_TIMEOUT_MS);
    expect(host.tasks).toBeGreaterThan(50);
  });

  it('wakes once however often the store changes, and stop cancels what is scheduled', () => {
    const host = fakeHost(20);
    const store = reasons(host, 5000);
    const warming = createWarming(store.slice, host);
    warming.wake();
    warming.wake();
    expect(host.idleRequests).toBe(1);
    warming.stop();
    while (host.run());
    expect(store.left()).toBe(5000);
  });

  it('without idle callbacks at all, warms in tasks', () => {
    const host = fakeHost(20);
    const store = reasons(host, 1000);
    createWarming(store.slice, { setTimeout: host.setTimeout, clearTimeout: host.clearTimeout, now: host.now }).wake();
    while (host.run());
    expect(store.left()).toBe(0);
    expect(host.idleRequests).toBe(0);
  });
});
