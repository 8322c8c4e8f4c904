// The panel's side of its port, on fake ports that copy each message as JSON (as Chromium's ports
// do): what it repeats on a new port when the worker stopped.

import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { PanelMessage } from '../src/ui/protocol.ts';
import { FakeEvent } from './testing-ports.ts';
import { createPanelPortTransport, type WorkerPort } from './port-transport.ts';

const TAB = 3;

/** One end of a port; `peer` gets a JSON copy of every message posted. */
class FakePort implements WorkerPort {
  readonly name = 'cors-inspector-panel';
  readonly onMessage = new FakeEvent<(message: unknown) => void>();
  readonly onDisconnect = new FakeEvent<() => void>();
  readonly posted: unknown[] = [];
  peer: FakePort | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.peer?.onMessage.emit(JSON.parse(JSON.stringify(message)) as unknown);
  }
  disconnect(): void {
    this.peer?.onDisconnect.emit();
  }
}

function pair(): { panelEnd: FakePort; workerEnd: FakePort } {
  const panelEnd = new FakePort();
  const workerEnd = new FakePort();
  panelEnd.peer = workerEnd;
  workerEnd.peer = panelEnd;
  return { panelEnd, workerEnd };
}

describe('the panel port', () => {
  it('repeats the subscription, then whether the panel is shown, on a new port', () => {
    vi.useFakeTimers();
    try {
      const ports = [pair(), pair()];
      let opened = 0;
      const panel = createPanelPortTransport(() => ports[opened++]!.panelEnd as unknown as Runtime.Port);
      const subscribe: PanelMessage = { source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB };
      const hidden: PanelMessage = { source: 'cors-inspector-panel', type: 'visibility', tabId: TAB, shown: false };
      panel.send(subscribe);
      panel.send(hidden);
      // The worker stopped: the panel opens a new port.
      ports[0]!.workerEnd.disconnect();
      vi.runAllTimers();
      expect(ports[1]!.panelEnd.posted).toEqual([subscribe, hidden]);
    } finally {
      vi.useRealTimers();
    }
  });
});
