import { describe, expect, it } from 'vitest';
import { createMemoryTransport } from './memory-transport.ts';
import type { CaptureMessage, PanelMessage } from './protocol.ts';

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('createMemoryTransport', () => {
  it('delivers panel messages to the capture side and capture messages to the panel', async () => {
    const { panel, capture } = createMemoryTransport();
    const atCapture: PanelMessage[] = [];
    const atPanel: CaptureMessage[] = [];
    capture.listen((m) => atCapture.push(m));
    panel.listen((m) => atPanel.push(m));
    panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: 7 });
    capture.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: 7 });
    await flush();
    expect(atCapture).toEqual([{ source: 'cors-inspector-panel', type: 'subscribe', tabId: 7 }]);
    expect(atPanel).toEqual([{ source: 'cors-inspector-capture', type: 'cleared', tabId: 7 }]);
  });

  it('delivers asynchronously and as a copy, like a port', async () => {
    const { panel, capture } = createMemoryTransport();
    const received: PanelMessage[] = [];
    capture.listen((m) => received.push(m));
    const message = { source: 'cors-inspector-panel' as const, type: 'set-settings' as const, tabId: 1, settings: { preserveLog: true } };
    panel.send(message);
    expect(received).toHaveLength(0);
    message.settings.preserveLog = false;
    await flush();
    expect(received).toHaveLength(1);
    expect(received[0]).not.toBe(message);
    expect(received[0]).toEqual({ ...message, settings: { preserveLog: true } });
  });

  it('stops delivering once a listener unsubscribes', async () => {
    const { panel, capture } = createMemoryTransport();
    const received: CaptureMessage[] = [];
    const stop = panel.listen((m) => received.push(m));
    stop();
    capture.send({ source: 'cors-inspector-capture', type: 'cleared', tabId: 1 });
    await flush();
    expect(received).toHaveLength(0);
  });
});
