// Precise mode turned on, then off while the debugger is still attaching, ends off: a tab's
// settings changes apply in the order they came (a review's finding: the "off" finished first,
// found nothing attached, and the attach then finished and turned precise mode on).

import { expect, it } from 'vitest';
import { createMemoryTransport } from '../src/ui/memory-transport.ts';
import type { CaptureMessage } from '../src/ui/protocol.ts';
import { CaptureService, type Clock } from './capture-service.ts';
import { PreciseMode, type DebuggerApi } from './precise-mode.ts';

const TAB = 7;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('on, then off before the attach finished: off, and the debugger detached', async () => {
  const attached = new Set<number>();
  let finishAttach: () => void = () => {};
  const api: DebuggerApi = {
    hasPermission: async () => true,
    // The attach finishes only when the test says so, after "off" has come.
    attach: (tabId) =>
      new Promise<void>((resolve) => {
        finishAttach = () => {
          attached.add(tabId);
          resolve();
        };
      }),
    detach: async (tabId) => void attached.delete(tabId),
    sendCommand: async () => ({}),
    onEvent: () => {},
    onDetach: () => {},
  };
  const clock: Clock = { now: () => Date.now(), later: (ms, run) => void setTimeout(run, ms) };
  const service = new CaptureService({
    webRequest: { setListening: () => {} },
    log: Promise.reject(new Error('no log')),
    precise: (hooks) => new PreciseMode(hooks, api),
    hostAccess: async () => true,
    clock,
  });
  await service.restored.catch(() => undefined);
  const { panel, capture } = createMemoryTransport();
  service.connectPanel(capture);
  let settings: { preciseMode: boolean } | undefined;
  panel.listen((message: CaptureMessage) => {
    if (message.type === 'status' || message.type === 'snapshot') settings = message.settings;
  });
  panel.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: TAB });
  await settle(20);
  panel.send({ source: 'cors-inspector-panel', type: 'set-settings', tabId: TAB, settings: { preciseMode: true } });
  await settle(5);
  panel.send({ source: 'cors-inspector-panel', type: 'set-settings', tabId: TAB, settings: { preciseMode: false } });
  await settle(5);
  finishAttach();
  await settle(50);
  expect(settings?.preciseMode).toBe(false);
  expect(attached.has(TAB)).toBe(false);
});
