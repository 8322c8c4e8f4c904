// "At most once every so often, the first at once, the latest last": how the capture tells its
// panels and shows its badge during a busy page (capture-service.ts).

/** Time as the capture service sees it: the wall clock, and timers (which run on their own clock). */
export interface Clock {
  /** ms since the epoch */
  now(): number;
  later(ms: number, run: () => void): void;
}

/**
 * Runs `run` at most once per `delayMs`: at once when the last run is that long ago, else once it
 * is (what was asked for meanwhile is done by that one run, which reads the latest state).
 */
export class Throttle {
  #scheduled = false;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    readonly clock: Clock,
    readonly delayMs: number,
    readonly run: () => void,
  ) {}

  request(): void {
    if (this.#scheduled) return;
    const wait = this.#last + this.delayMs - this.clock.now();
    // `now` is the wall clock: a wait longer than the delay means it stepped back. Go now.
    if (wait <= 0 || wait > this.delayMs) {
      this.#fire();
      return;
    }
    this.#scheduled = true;
    this.clock.later(wait, () => this.#fire());
  }

  #fire(): void {
    this.#scheduled = false;
    this.#last = this.clock.now();
    this.run();
  }
}
