// "At most once every so often, the first at once, the latest last": how the capture tells its
// panels and shows its badge during a busy page (capture-service.ts).

/** Time as the capture service sees it: the wall clock, and timers (which run on their own clock). */
export interface Clock {
  /** ms since the epoch */
  now(): number;
  later(ms: number, run: () => void): void;
}

/**
 * A longer delay once runs have followed one another for a while: a burst long enough to be more
 * than a moment's traffic is told less often than a short one.
 */
export interface BurstDelay {
  /** After this long of runs each waited for (no quiet spell between them)... */
  afterMs: number;
  /** ...runs are at most this often, until the next quiet spell. */
  delayMs: number;
}

/**
 * Runs `run` at most once per `delayMs`: at once when the last run is that long ago, else once it
 * is (what was asked for meanwhile is done by that one run, which reads the latest state). With
 * `burst`, a run that had to wait continues the burst the last run-at-once started; once that
 * burst is `burst.afterMs` old, the delay is `burst.delayMs`.
 */
export class Throttle {
  #scheduled = false;
  /** When the scheduled run goes. */
  #scheduledAt = 0;
  #last = Number.NEGATIVE_INFINITY;
  /** When the run that went at once (after a quiet spell) went. */
  #burstStart = Number.NEGATIVE_INFINITY;
  /** `longBurst` was called: the burst under way, or else the next if it starts by `#longUntil`, is a long one. */
  #long = false;
  #longUntil = Number.NEGATIVE_INFINITY;

  constructor(
    readonly clock: Clock,
    readonly delayMs: number,
    readonly run: () => void,
    readonly burst?: BurstDelay,
  ) {}

  request(): void {
    if (this.#scheduled) return;
    const now = this.clock.now();
    // The first run of a burst `longBurst` announced waits no longer than any other first run (the
    // short delay since the last run); every run after it is paced as a long burst's.
    const announced = this.#long && now <= this.#longUntil;
    if (announced) this.#burstStart = Number.NEGATIVE_INFINITY;
    const delay = announced ? this.delayMs : this.#delayAt(now);
    const wait = this.#last + delay - now;
    // `now` is the wall clock: a wait longer than the delay means it stepped back. Go now.
    if (wait <= 0 || wait > delay) {
      if (!announced) this.#burstStart = now;
      this.#fire();
      return;
    }
    this.#scheduled = true;
    this.#scheduledAt = now + wait;
    this.clock.later(wait, () => this.#fire());
  }

  /**
   * The burst under way (or, after a quiet spell, the next if it starts within `burst.afterMs`)
   * is a long one from its start: its first run waits no longer than any first run (at once, or
   * the short delay after the last run), the rest at `burst.delayMs`.
   * For a burst known in advance to be long (a new page loading) rather than found to be so after
   * `burst.afterMs`; a burst that starts later is not the one announced.
   */
  longBurst(): void {
    if (!this.burst) return;
    this.#long = true;
    this.#longUntil = this.clock.now() + this.burst.afterMs;
  }

  /**
   * While runs are paced as a long burst's (a request now would wait for `burst.delayMs` after the
   * last run), when the next run goes and whether one is scheduled already; null when a request
   * now would run at once or after the short delay (no burst, a short one, an announced burst's
   * first run). For work that feeds the runs and need not be done more often than they go.
   */
  longBurstNext(): { at: number; scheduled: boolean } | null {
    if (!this.burst) return null;
    const now = this.clock.now();
    if (this.#scheduled) return this.#delayAt(now) === this.burst.delayMs ? { at: this.#scheduledAt, scheduled: true } : null;
    if (this.#long && now <= this.#longUntil) return null;
    if (this.#delayAt(now) !== this.burst.delayMs) return null;
    const at = this.#last + this.burst.delayMs;
    // A quiet spell (a request now runs at once), or a clock stepped back.
    if (at <= now || at - now > this.burst.delayMs) return null;
    return { at, scheduled: false };
  }

  #delayAt(now: number): number {
    if (!this.burst) return this.delayMs;
    const since = now - this.#burstStart;
    // A clock stepped back reads as a burst just started.
    return since >= this.burst.afterMs ? this.burst.delayMs : this.delayMs;
  }

  #fire(): void {
    this.#scheduled = false;
    this.#long = false;
    this.#last = this.clock.now();
    this.run();
    // The run announced a long burst itself (capture-service.ts maps what is queued as it
    // delivers, a new page among it): this run was that burst's first.
    if (this.#long) {
      this.#long = false;
      this.#burstStart = Number.NEGATIVE_INFINITY;
    }
  }
}
