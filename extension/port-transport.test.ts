// Both sides of the panel's port, on fake ports that copy each message as JSON (as Chromium's ports
// do by default, and before 148 always) or as a structured clone (Chromium with manifest.json's
// `message_serialization`, Firefox): what the panel repeats on a new port when the worker stopped,
// what arrives in either mode, and a message too big or impossible to post.

import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { CapturedExchange } from '../src/capture/index.ts';
import type { CaptureMessage, PanelMessage } from '../src/ui/protocol.ts';
import { FakeEvent } from './testing-ports.ts';
import { captureMessageTexts, createCapturePortTransport, createPanelPortTransport, MESSAGE_TEXT_LIMIT, type WorkerPort } from './port-transport.ts';

const TAB = 3;

type Copy = (message: unknown) => unknown;
const asJson: Copy = (message) => JSON.parse(JSON.stringify(message)) as unknown;
const asClone: Copy = (message) => structuredClone(message);

/** One end of a port; `peer` gets a copy of every message posted, as JSON unless told otherwise. */
class FakePort implements WorkerPort {
  readonly name = 'cors-inspector-panel';
  constructor(private readonly copy: Copy = asJson) {}
  readonly onMessage = new FakeEvent<(message: unknown) => void>();
  readonly onDisconnect = new FakeEvent<() => void>();
  readonly posted: unknown[] = [];
  peer: FakePort | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.peer?.onMessage.emit(this.copy(message));
  }
  disconnect(): void {
    this.peer?.onDisconnect.emit();
  }
}

function pair(copy: Copy = asJson): { panelEnd: FakePort; workerEnd: FakePort } {
  const panelEnd = new FakePort(copy);
  const workerEnd = new FakePort(copy);
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
  it.each([
    ['JSON', asJson],
    ['structured clones', asClone],
  ])('reach the panel as they were sent, copied as %s, exchanges as JSON text; text that is not a message is dropped', (_mode, copy) => {
    const { panelEnd, workerEnd } = pair(copy);
    const panel = createPanelPortTransport(() => panelEnd as unknown as Runtime.Port);
    const received: CaptureMessage[] = [];
    panel.listen((message) => void received.push(message));
    panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB });
    const worker = createCapturePortTransport(workerEnd);
    const exchange = { id: 'r1', source: 'webRequest', exchange: { request: { method: 'GET', headers: [['Origin', 'https://a.test']] }, hops: [{ url: 'https://b.test/"quoted"' }] } } as unknown as CapturedExchange;
    const snapshot: CaptureMessage = { source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges: [exchange], settings: { preserveLog: false, preciseMode: false, keepCapturing: false }, status: { fallback: 'none', dropped: 0 }, preciseAvailability: 'available' };
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

  it('go in parts past the text limit, a snapshot first and then upserts, so the panel gets every row', () => {
    const exchanges = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, source: 'webRequest', exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: `https://b.test/${'x'.repeat(40)}` }] } }) as unknown as CapturedExchange);
    const snapshot: CaptureMessage = { source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges, settings: { preserveLog: true, preciseMode: false, keepCapturing: false }, status: { fallback: 'none', dropped: 0 }, preciseAvailability: 'available' };
    const oneLength = JSON.stringify(exchanges[0]).length;
    // Three exchanges and their commas per part.
    const texts = captureMessageTexts(snapshot, oneLength * 3 + 3);
    expect(texts.length).toBe(3);
    const parts = texts.map((text) => JSON.parse(text as string) as CaptureMessage);
    expect(parts.map((part) => part.type)).toEqual(['snapshot', 'upsert', 'upsert']);
    expect(parts.flatMap((part) => ('exchanges' in part ? part.exchanges : []))).toEqual(exchanges);
    expect(parts[0]).toMatchObject({ settings: snapshot.settings, status: snapshot.status, tabId: TAB });
    expect(parts[1]).toEqual({ source: 'cors-inspector-capture', type: 'upsert', tabId: TAB, more: true, exchanges: exchanges.slice(3, 6) });
    expect(parts.map((part) => ('more' in part ? part.more : undefined))).toEqual([true, true, undefined]);
    // Under the limit, a message goes whole; an exchange alone over it is left out, and logged.
    expect(captureMessageTexts(snapshot)).toHaveLength(1);
    const quiet = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const texts = captureMessageTexts({ ...snapshot, exchanges: exchanges.slice(0, 2) }, oneLength + 1).map((text) => JSON.parse(text as string) as CaptureMessage);
      expect(texts.map((part) => ('exchanges' in part ? part.exchanges.map((exchange) => exchange.id) : []))).toEqual([['r0'], ['r1']]);
      const alone = captureMessageTexts({ ...snapshot, exchanges: exchanges.slice(0, 2) }, oneLength - 1).map((text) => JSON.parse(text as string) as CaptureMessage);
      expect(alone).toEqual([{ ...snapshot, exchanges: [] }]);
      expect(logged).toHaveLength(2);
    } finally {
      console.error = quiet;
    }
    expect(MESSAGE_TEXT_LIMIT).toBeLessThan(64 * 1024 * 1024 / 4);
  });

  it('that cannot be posted close the port, so the panel connects again and is sent a snapshot', () => {
    vi.useFakeTimers();
    const quiet = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const ports = [pair(asClone), pair(asClone)];
      let opened = 0;
      const panel = createPanelPortTransport(() => ports[opened++]!.panelEnd as unknown as Runtime.Port);
      panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB });
      let closedHere = 0;
      const worker = createCapturePortTransport(ports[0]!.workerEnd, () => void closedHere++);
      // A clone refuses a function (JSON would have dropped it).
      worker.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB, oops: () => {} } as unknown as CaptureMessage);
      expect(worker.connected()).toBe(false);
      expect(closedHere).toBe(1);
      expect(logged).toHaveLength(1);
      vi.runAllTimers();
      expect(ports[1]!.panelEnd.posted).toEqual([{ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB }]);
      worker.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB });
      expect(ports[0]!.workerEnd.posted).toHaveLength(1);
    } finally {
      console.error = quiet;
      vi.useRealTimers();
    }
  });

  it('a port that closes after each first part of a snapshot is reopened ever more slowly', () => {
    vi.useFakeTimers();
    try {
      let opened = 0;
      const panel = createPanelPortTransport(() => {
        opened++;
        const { panelEnd, workerEnd } = pair();
        // The worker answers the subscription with a snapshot's first part, then the port closes.
        setTimeout(() => {
          panelEnd.onMessage.emit(JSON.stringify({ source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges: [], settings: { preserveLog: false, preciseMode: false }, status: { fallback: 'none', dropped: 0 }, preciseAvailability: 'available', more: true }));
          workerEnd.disconnect();
        }, 0);
        return panelEnd as unknown as Runtime.Port;
      });
      panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB });
      for (let ms = 0; ms < 3000; ms += 10) vi.advanceTimersByTime(10);
      // 50, 100, 200, 400, 800 ms... rather than every 50 ms (60 times in 3 s).
      expect(opened).toBeLessThanOrEqual(7);
      panel.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
