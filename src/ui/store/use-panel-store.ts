// The Preact hook over a PanelStore: re-renders the component when the store changes, at most once
// per animation frame. A busy page can send hundreds of upserts a second; each would otherwise
// re-sort the list and re-render it. (While DevTools hides the panel, frames pause and the panel
// catches up when shown.)

import { useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './store.ts';

export function usePanelStore(store: PanelStore): PanelState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    let frame: number | null = null;
    const flush = (): void => {
      frame = null;
      setState(store.getState());
    };
    // The state may have changed between the render and this effect.
    flush();
    const stop = store.subscribe(() => {
      if (frame === null) frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : (setTimeout(flush, 0) as unknown as number);
    });
    return () => {
      stop();
      if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    };
  }, [store]);
  return state;
}
