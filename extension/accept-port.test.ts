// The service worker's ports, on fake ports: who may connect, what each port name is for, and that
// a port's closing lets go of what it held.

import { describe, expect, it } from 'vitest';
import type { CaptureTransport, PanelMessage } from '../src/ui/protocol.ts';
import { acceptPort, type PortConsumer } from './accept-port.ts';
import { FakeEvent } from './testing-ports.ts';
import { DEVTOOLS_PORT_NAME, PANEL_PORT_NAME, type WorkerPort } from './port-transport.ts';

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';

class FakePort implements WorkerPort {
  readonly onMessage = new FakeEvent<(message: unknown) => void>();
  readonly onDisconnect = new FakeEvent<() => void>();
  readonly posted: unknown[] = [];
  disconnected = false;
  constructor(
    readonly name: string,
    readonly sender: { id?: string } | undefined,
  ) {}
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

/** Records what the ports asked of the capture service. */
class FakeService implements PortConsumer {
  readonly panels: CaptureTransport[] = [];
  readonly held = new Map<number, number>();
  readonly released: string[] = [];
  connectPanel(transport: CaptureTransport) {
    this.panels.push(transport);
    return { disconnect: (closedHere?: boolean) => void this.released.push(closedHere === true ? 'panel, closed here' : 'panel') };
  }
  connectDevtools(tabId: number) {
    this.held.set(tabId, (this.held.get(tabId) ?? 0) + 1);
    return { disconnect: () => void this.released.push(`devtools ${tabId}`) };
  }
}

const inspecting = (tabId: unknown) => ({ source: 'cors-inspector-devtools', type: 'inspecting', tabId });

describe('acceptPort', () => {
  it.each([
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }],
    ['no sender id', {}],
    ['no sender', undefined],
  ])('disconnects a port from %s', (_name, sender) => {
    const port = new FakePort(PANEL_PORT_NAME, sender);
    const service = new FakeService();
    acceptPort(port, EXTENSION, service);
    expect(port.disconnected).toBe(true);
    expect(service.panels).toEqual([]);
  });

  it("gives the panel's port to the service as a transport, and lets go when it closes", () => {
    const port = new FakePort(PANEL_PORT_NAME, { id: EXTENSION });
    const service = new FakeService();
    acceptPort(port, EXTENSION, service);
    expect(service.panels).toHaveLength(1);
    const received: PanelMessage[] = [];
    service.panels[0]!.listen((message) => received.push(message));
    port.onMessage.emit({ source: 'cors-inspector-panel', type: 'subscribe', tabId: 4 });
    port.onMessage.emit({ source: 'cors-inspector-panel', type: 'subscribe', tabId: 'four' });
    expect(received).toEqual([{ source: 'cors-inspector-panel', type: 'subscribe', tabId: 4 }]);
    service.panels[0]!.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: 4 });
    expect(port.posted).toEqual([{ source: 'cors-inspector-capture', type: 'cleared', tabId: 4 }]);
    expect(service.released).toEqual([]);
    port.onDisconnect.emit();
    expect(service.released).toEqual(['panel']);
    expect(port.disconnected).toBe(false);
  });

  it("lets go of the panel's port once when a message to it could not be posted, and closes the port", () => {
    const port = new FakePort(PANEL_PORT_NAME, { id: EXTENSION });
    port.postMessage = () => {
      throw new Error('Could not serialize message.');
    };
    const service = new FakeService();
    acceptPort(port, EXTENSION, service);
    const quiet = console.error;
    console.error = () => {};
    try {
      service.panels[0]!.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: 4 });
      service.panels[0]!.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: 4 });
    } finally {
      console.error = quiet;
    }
    expect(port.disconnected).toBe(true);
    // The panel connects again: the service keeps its tabs held meanwhile (capture-service.test.ts).
    expect(service.released).toEqual(['panel, closed here']);
    port.onDisconnect.emit();
    expect(service.released).toEqual(['panel, closed here']);
  });

  it("holds the tab the devtools page names, once, until its port closes; other messages are dropped", () => {
    const port = new FakePort(DEVTOOLS_PORT_NAME, { id: EXTENSION });
    const service = new FakeService();
    acceptPort(port, EXTENSION, service);
    for (const wrong of [null, 'inspecting', inspecting(-1), inspecting(1.5), inspecting('3'), { ...inspecting(3), source: 'cors-inspector-panel' }]) port.onMessage.emit(wrong);
    expect([...service.held]).toEqual([]);
    port.onMessage.emit(inspecting(3));
    port.onMessage.emit(inspecting(5));
    expect([...service.held]).toEqual([[3, 1]]);
    expect(service.panels).toEqual([]);
    port.onDisconnect.emit();
    expect(service.released).toEqual(['devtools 3']);
  });

  it('leaves a port of another name alone', () => {
    const port = new FakePort('something-else', { id: EXTENSION });
    const service = new FakeService();
    acceptPort(port, EXTENSION, service);
    port.onMessage.emit(inspecting(3));
    port.onMessage.emit({ source: 'cors-inspector-panel', type: 'subscribe', tabId: 3 });
    expect(service.panels).toEqual([]);
    expect([...service.held]).toEqual([]);
    expect(port.disconnected).toBe(false);
  });
});
