// The Preact hook over a PanelStore: re-renders the component when the store changes, at most once
// per animation frame. A busy page can send hundreds of upserts a second; each would otherwise
// re-sort the list and re-render it. (While DevTools hides the panel, frames pause and the panel
// catches up when shown.)

import { useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './store.ts';

export function usePanelStore(store: PanelStore): PanelState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    /** Cancels the render that is scheduled; null when none is. */
    let cancel: (() => void) | null = null;
    const flush = (): void => {
      cancel = null;
      setState(store.getState());
    };
    // The state may have changed between the render and this effect.
    flush();
    const stop = store.subscribe(() => {
      if (cancel !== null) return;
      if (typeof requestAnimationFrame === 'function') {
        const frame = requestAnimationFrame(flush);
        cancel = () => cancelAnimationFrame(frame);
      } else {
        const timer = setTimeout(flush, 0);
        cancel = () => clearTimeout(timer);
      }
    });
    return () => {
      stop();
      cancel?.();
    };
  }, [store]);
  return state;
}
