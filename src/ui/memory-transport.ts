// An in-memory connection between a panel and a capture side, for tests and the plain page.
//
// It behaves like an extension port where it matters to the panel: delivery is asynchronous (a
// message sent now arrives after the current task), and every message is structured-cloned, so
// neither side can mutate what the other holds.

import type { CaptureMessage, CaptureTransport, PanelMessage, PanelTransport } from './protocol.ts';

type Listener<M> = (message: M) => void;

function channel<M>(): { send(message: M): void; listen(onMessage: Listener<M>): () => void } {
  const listeners = new Set<Listener<M>>();
  return {
    send(message) {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        for (const listener of [...listeners]) listener(copy);
      });
    },
    listen(onMessage) {
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
  };
}

export function createMemoryTransport(): { panel: PanelTransport; capture: CaptureTransport } {
  const toCapture = channel<PanelMessage>();
  const toPanel = channel<CaptureMessage>();
  return {
    panel: { send: toCapture.send, listen: toPanel.listen },
    capture: { send: toPanel.send, listen: toCapture.listen },
  };
}
