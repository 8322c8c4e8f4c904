import { describe, expect, it } from 'vitest';
import { Throttle, type Clock } from './throttle.ts';

/** A clock that moves only when told; timers run as it passes them. */
class FakeClock implements Clock {
  time = 1_000_000;
  #timers: { at: number; run: () => void }[] = [];
  now(): number {
    return this.time;
  }
  later(ms: number, run: () => void): void {
    this.#timers.push({ at: this.time + ms, run });
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.splice(this.#timers.indexOf(due), 1);
      this.time = due.at;
      due.run();
    }
    this.time = end;
  }
}

/** Requests every `everyMs` for `forMs`; returns the times of the runs, from the first request. */
function runsOf(throttle: (clock: Clock, run: () => void) => Throttle, everyMs: number, forMs: number, clock = new FakeClock()): number[] {
  const start = clock.time;
  const runs: number[] = [];
  const t = throttle(clock, () => runs.push(clock.time - start));
  for (let at = 0; at < forMs; at += everyMs) {
    t.request();
    clock.advance(everyMs);
  }
  clock.advance(10_000);
  return runs;
}

describe('Throttle', () => {
  it('runs the first at once, then at most once per delay, the last request after the last run', () => {
    expect(runsOf((c, r) => new Throttle(c, 250, r), 100, 1000)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('runs at once again after a quiet spell', () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    const t = new Throttle(clock, 250, () => runs.push(clock.time));
    t.request();
    clock.advance(300);
    t.request();
    expect(runs).toEqual([clock.time - 300, clock.time]);
  });

  it('runs at once when the wall clock stepped back', () => {
    const clock = new FakeClock();
    let runs = 0;
    const t = new Throttle(clock, 250, () => runs++);
    t.request();
    clock.time -= 60_000;
    t.request();
    expect(runs).toBe(2);
  });

  it('with a burst delay, runs less often once a burst has lasted, and at the short delay after a quiet spell', () => {
    const clock = new FakeClock();
    const burst = (c: Clock, r: () => void) => new Throttle(c, 250, r, { afterMs: 1000, delayMs: 1000 });
    // The first second at 250 ms, then once a second; the last request still runs.
    expect(runsOf(burst, 100, 4000, clock)).toEqual([0, 250, 500, 750, 1000, 2000, 3000, 4000]);
    // Quiet for longer than the burst delay: a new burst, the first at once, then 250 ms again.
    expect(runsOf(burst, 100, 600, clock)).toEqual([0, 250, 500, 750]);
  });

  it('with longBurst, paces the burst under way, or else the next, at the burst delay after its first run', () => {
    const clock = new FakeClock();
    const burst = (c: Clock, r: () => void) => new Throttle(c, 250, r, { afterMs: 1000, delayMs: 1000 });
    // A throttle whose runs go to `sink`, one sink per burst.
    let sink: () => void = () => {};
    const t = burst(clock, () => sink());
    const feeding = (throttle: Throttle) => (_c: Clock, run: () => void) => ((sink = run), throttle);
    t.longBurst();
    // The next burst: its first run at once, the rest once a second.
    expect(runsOf(feeding(t), 100, 2500, clock)).toEqual([0, 1000, 2000, 3000]);
    // Quiet since: a short burst again.
    expect(runsOf(feeding(t), 100, 600, clock)).toEqual([0, 250, 500, 750]);
    // Called, then quiet for longer than afterMs: the next burst is not the one announced.
    t.longBurst();
    clock.advance(1500);
    expect(runsOf(feeding(t), 100, 600, clock)).toEqual([0, 250, 500, 750]);
    // Called during a burst: the run it waits for goes at the short delay, as any burst's first
    // run would (not a second after the last: a new page's first rows are not held back); those
    // after it, once a second.
    const runs: number[] = [];
    const start = clock.time;
    const during = burst(clock, () => runs.push(clock.time - start));
    for (let at = 0; at < 2000; at += 100) {
      if (at === 300) during.longBurst();
      during.request();
      clock.advance(100);
    }
    clock.advance(10_000);
    expect(runs).toEqual([0, 250, 500, 1500, 2500]);
  });

  it('paces the runs after one that announced a long burst itself as that burst', () => {
    const clock = new FakeClock();
    let t: Throttle | undefined;
    let announce = true;
    const runs = runsOf(
      (c, run) =>
        (t = new Throttle(c, 250, () => {
          run();
          if (announce) t!.longBurst();
          announce = false;
        }, { afterMs: 1000, delayMs: 1000 })),
      100,
      2500,
      clock,
    );
    expect(runs).toEqual([0, 1000, 2000, 3000]);
  });

  it('says when the next run of a long burst goes, and nothing outside one', () => {
    const clock = new FakeClock();
    let runs = 0;
    const t = new Throttle(clock, 250, () => runs++, { afterMs: 1000, delayMs: 1000 });
    expect(t.longBurstNext()).toBeNull(); // never run: a request would go at once
    const start = clock.time;
    for (let at = 0; at < 1100; at += 100) {
      // A short burst's runs (every 250 ms) are nobody's to wait for.
      if (at < 1000) expect(t.longBurstNext()).toBeNull();
      t.request();
      clock.advance(100);
    }
    // Paced at a second now: the run scheduled, then, once it went, the next one a request would wait for.
    expect(t.longBurstNext()).toEqual({ at: start + 2000, scheduled: true });
    clock.advance(900);
    expect(t.longBurstNext()).toEqual({ at: start + 3000, scheduled: false });
    // Quiet for the burst's delay: a request would go at once.
    clock.advance(1000);
    expect(t.longBurstNext()).toBeNull();
    // An announced burst: its first run is not waited for; the next is, once it went.
    t.longBurst();
    expect(t.longBurstNext()).toBeNull();
    const before = runs;
    t.request();
    expect(runs).toBe(before + 1);
    expect(t.longBurstNext()).toEqual({ at: clock.time + 1000, scheduled: false });
  });
});
