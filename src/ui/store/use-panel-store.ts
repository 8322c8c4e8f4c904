// The Preact hook over a PanelStore: re-renders the component when the store changes, at most once
// per animation frame. A busy page can send hundreds of upserts a second; each would otherwise
// re-sort the list and re-render it. (While DevTools hides the panel, frames pause and the panel
// catches up when shown.)
//
// Traffic alone (new or updated exchanges, nothing the person did) renders at most once per
// `TRAFFIC_RENDER_MS`: the panel shares the cores of the page it watches, and a list redrawn 60
// times a second while requests stream in costs the page more than it shows anyone. What the
// person does (a keystroke, a click, a selection) still renders in the next frame.

import { useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './store.ts';

/** The shortest time between two renders caused by traffic alone. */
const TRAFFIC_RENDER_MS = 100;

/** Whether `next` differs from `shown` only by the exchanges held (what the capture side sent). */
export function onlyTraffic(shown: PanelState, next: PanelState): boolean {
  for (const key of Object.keys(next) as (keyof PanelState)[]) {
    if (key === 'exchangesRevision' || key === 'total') continue;
    if (shown[key] !== next[key]) return false;
  }
  return true;
}

export function usePanelStore(store: PanelStore): PanelState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    /** Cancels the render that is scheduled; null when none is. */
    let cancel: (() => void) | null = null;
    /** Whether the scheduled render waits for the traffic interval (a person's change does not). */
    let throttled = false;
    let shown = store.getState();
    let shownAt = -Infinity;
    const flush = (): void => {
      cancel = null;
      shown = store.getState();
      shownAt = performance.now();
      setState(shown);
    };
    const inNextFrame = (): void => {
      if (typeof requestAnimationFrame === 'function') {
        const frame = requestAnimationFrame(flush);
        cancel = () => cancelAnimationFrame(frame);
      } else {
        const timer = setTimeout(flush, 0);
        cancel = () => clearTimeout(timer);
      }
    };
    // The state may have changed between the render and this effect.
    flush();
    const stop = store.subscribe(() => {
      const traffic = onlyTraffic(shown, store.getState());
      if (cancel !== null) {
        // A render is on its way; one held back for traffic is brought forward for the person.
        if (!throttled || traffic) return;
        cancel();
      }
      const wait = traffic ? shownAt + TRAFFIC_RENDER_MS - performance.now() : 0;
      throttled = wait > 0;
      if (!throttled) {
        inNextFrame();
        return;
      }
      const timer = setTimeout(inNextFrame, wait);
      cancel = () => clearTimeout(timer);
    });
    return () => {
      stop();
      cancel?.();
    };
  }, [store]);
  return state;
}
