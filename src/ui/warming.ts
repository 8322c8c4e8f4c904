// Working the search's reasons out ahead (`PanelStore.warmSearch`), a slice at a time, so that a
// search does not wait for the engine on every row it has not matched otherwise. In the page's idle
// time where the browser gives it (after its frames and input). Where it gives none — an idle
// callback arrives only at its timeout, with no time left (a busy or throttled frame) — the rest
// goes on in short tasks of a few milliseconds each rather than one slice a second: 50,000
// exchanges would otherwise take 500 s to warm, and every search meanwhile works the unwarmed
// reasons out itself, synchronously, before its frame. A keystroke waits at most one such task.

/** What the browser offers for scheduling (the page's globals; a test gives its own). */
export interface WarmingHost {
  requestIdleCallback?: (run: (deadline: IdleDeadlineLike) => void, options: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface IdleDeadlineLike {
  timeRemaining(): number;
  readonly didTimeout: boolean;
}

export interface Warming {
  /** There may be something to warm (the store changed): starts warming unless it runs already. */
  wake(): void;
  /** Cancels what is scheduled. */
  stop(): void;
}

/** An idle callback comes at the latest after this long, however busy the page. */
export const WARM_IDLE_TIMEOUT_MS = 1000;
/** Another slice in the same idle period only while it has this much left. */
const WARM_SLICE_MS = 5;
/** A task's run of slices when the browser gives no idle time: a keystroke behind it still makes its frame. */
const WARM_TASK_MS = 4;

function globalWarmingHost(): WarmingHost {
  return {
    ...(typeof requestIdleCallback === 'function'
      ? { requestIdleCallback: (run, options) => requestIdleCallback(run, options), cancelIdleCallback: (id) => cancelIdleCallback(id) }
      : {}),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => performance.now(),
  };
}

/** `warmSlice` warms one slice and says whether any is left. */
export function createWarming(warmSlice: () => boolean, host: WarmingHost = globalWarmingHost()): Warming {
  let cancel: (() => void) | undefined;

  const inIdleTime = (): void => {
    const { requestIdleCallback: idle, cancelIdleCallback: cancelIdle } = host;
    if (idle === undefined || cancelIdle === undefined) return inTask();
    const id = idle(onIdle, { timeout: WARM_IDLE_TIMEOUT_MS });
    cancel = () => cancelIdle(id);
  };
  const inTask = (): void => {
    const handle = host.setTimeout(onTask, 0);
    cancel = () => host.clearTimeout(handle);
  };

  const onIdle = (deadline: IdleDeadlineLike): void => {
    cancel = undefined;
    if (deadline.didTimeout) return onTask();
    let more = warmSlice();
    while (more && deadline.timeRemaining() > WARM_SLICE_MS) more = warmSlice();
    if (more) inIdleTime();
  };
  // No idle time given: slices for a few milliseconds, then the next task, until all are warm.
  const onTask = (): void => {
    cancel = undefined;
    const until = host.now() + WARM_TASK_MS;
    let more = warmSlice();
    while (more && host.now() < until) more = warmSlice();
    if (more) inTask();
  };

  return {
    wake() {
      if (cancel === undefined) inIdleTime();
    },
    stop() {
      cancel?.();
      cancel = undefined;
    },
  };
}
