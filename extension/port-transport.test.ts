// The panel's side of its port, on fake ports that copy each message as JSON (as Chromium's ports
// do): what it repeats on a new port when the worker stopped.

import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { CapturedExchange } from '../src/capture/index.ts';
import type { CaptureMessage, PanelMessage } from '../src/ui/protocol.ts';
import { FakeEvent } from './testing-ports.ts';
import { createCapturePortTransport, createPanelPortTransport, type WorkerPort } from './port-transport.ts';

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

describe("the worker's messages", () => {
  it('reach the panel as they were sent, exchanges as JSON text; text that is not a message is dropped', () => {
    const { panelEnd, workerEnd } = pair();
    const panel = createPanelPortTransport(() => panelEnd as unknown as Runtime.Port);
    const received: CaptureMessage[] = [];
    panel.listen((message) => void received.push(message));
    panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB });
    const worker = createCapturePortTransport(workerEnd);
    const exchange = { id: 'r1', source: 'webRequest', exchange: { request: { method: 'GET', headers: [['Origin', 'https://a.test']] }, hops: [{ url: 'https://b.test/"quoted"' }] } } as unknown as CapturedExchange;
    const snapshot: CaptureMessage = { source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges: [exchange], settings: { preserveLog: false, preciseMode: false, keepCapturing: false }, status: { fallback: 'none', dropped: 0 } };
    const upsert: CaptureMessage = { source: 'cors-inspector-capture', type: 'upsert', tabId: TAB, exchanges: [exchange, { ...exchange, id: 'r2' }] };
    const cleared: CaptureMessage = { source: 'cors-inspector-capture', type: 'cleared', tabId: TAB };
    worker.send(snapshot);
    worker.send(upsert);
    worker.send(cleared);
    expect(typeof workerEnd.posted[0]).toBe('string');
    panelEnd.onMessage.emit('{"source":"cors-inspector-capture"');
    panelEnd.onMessage.emit(JSON.stringify({ ...upsert, exchanges: [{ id: 'r3' }] }));
    expect(received).toEqual([snapshot, upsert, cleared]);
  });
});
