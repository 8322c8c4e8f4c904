// `PanelTransport` and `CaptureTransport` over a `runtime.Port` (webextension-polyfill's type; the
// ports themselves are the browser's own in Chromium and Firefox alike).
//
// Every message that crosses is checked with protocol.ts's guards: a port can be reached by any
// page of the extension, and a message of the wrong shape is dropped, not trusted.
//
// The MV3 service worker can be stopped at any time (idle, or by the browser); that disconnects
// the panel's port. The panel side reconnects and repeats its subscriptions, so the service
// worker (restored from storage) answers with a fresh snapshot.

import type { Runtime } from 'webextension-polyfill';
import { capturedJson, jsonWithExchangeTexts } from '../src/capture/index.ts';
import {
  isCaptureMessage,
  isPanelMessage,
  type CaptureMessage,
  type CaptureTransport,
  type PanelMessage,
  type PanelTransport,
} from '../src/ui/protocol.ts';

/** The panel's port: its `PanelMessage`s, the capture's `CaptureMessage`s back. */
export const PANEL_PORT_NAME = 'cors-inspector-panel';
/** The devtools page's port: open while DevTools is open on the tab it names. */
export const DEVTOOLS_PORT_NAME = 'cors-inspector-devtools';

/**
 * What the panel's page defines on its window for the devtools page, which is told when DevTools
 * shows or hides the panel (`ExtensionPanel.onShown`/`onHidden`, given the panel's window).
 */
export interface PanelWindow {
  corsInspectorPanelShown?(shown: boolean): void;
}

/** The one message of the devtools page: which tab its DevTools window inspects. */
export interface DevtoolsMessage {
  source: 'cors-inspector-devtools';
  type: 'inspecting';
  tabId: number;
}

export function isDevtoolsMessage(value: unknown): value is DevtoolsMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { source, type, tabId } = value as Partial<Record<keyof DevtoolsMessage, unknown>>;
  return source === 'cors-inspector-devtools' && type === 'inspecting' && typeof tabId === 'number' && Number.isSafeInteger(tabId) && tabId >= 0;
}

/**
 * Chromium logs "Unchecked runtime.lastError" when a port's disconnect goes unread. Read from
 * `chrome`, which both browsers define: importing the polyfill here would break the unit tests
 * that load this module outside an extension.
 */
function readLastError(): void {
  void globalThis.chrome?.runtime?.lastError;
}

/** How long to wait before opening a port again after it closed (the worker stopped): doubling up to 2 s. */
function backoff(): { next(): number; reset(): void } {
  let delay = 50;
  return {
    next() {
      const now = delay;
      delay = Math.min(delay * 2, 2000);
      return now;
    },
    reset() {
      delay = 50;
    },
  };
}

/**
 * The devtools page's side: a port that says which tab it inspects and stays open, opened again
 * whenever the worker stopped. Its closing, when DevTools closes, is what ends the tab's capture.
 */
export function holdDevtoolsPort(connect: () => Runtime.Port, tabId: number): void {
  const retry = backoff();
  const open = (): void => {
    const port = connect();
    port.onMessage.addListener(() => retry.reset());
    port.onDisconnect.addListener(() => {
      readLastError();
      setTimeout(open, retry.next());
    });
    port.postMessage({ source: 'cors-inspector-devtools', type: 'inspecting', tabId } satisfies DevtoolsMessage);
  };
  open();
}

/** The panel's side. `connect` opens a new port (called again after a disconnect). */
export function createPanelPortTransport(connect: () => Runtime.Port): PanelTransport & { close(): void } {
  const listeners = new Set<(message: CaptureMessage) => void>();
  // What to repeat on a new port: the subscription per tab, then whether the panel is shown.
  const subscriptions = new Map<number, PanelMessage>();
  const visibility = new Map<number, PanelMessage>();
  let port: Runtime.Port | null = null;
  let closed = false;
  const retry = backoff();

  const onMessage = (received: unknown): void => {
    // Exchanges come as JSON text (`captureMessageTexts`); anything else as an object.
    let message = received;
    if (typeof received === 'string') {
      try {
        message = JSON.parse(received);
      } catch {
        return;
      }
    }
    if (!isCaptureMessage(message)) return;
    // The worker answers: quick reconnections again. Not on a part with more to come: a port
    // that keeps closing after a snapshot's first part must not be reopened every 50 ms.
    if (!('more' in message && message.more === true)) retry.reset();
    for (const listener of listeners) listener(message);
  };
  const onDisconnect = (): void => {
    port = null;
    readLastError();
    if (closed) return;
    // Reconnecting wakes the service worker again; back off a little in case it keeps failing.
    setTimeout(open, retry.next());
  };
  function open(): void {
    if (closed || port) return;
    port = connect();
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(onDisconnect);
    for (const message of subscriptions.values()) port.postMessage(message);
    for (const message of visibility.values()) port.postMessage(message);
  }

  return {
    send(message) {
      if (message.type === 'subscribe') subscriptions.set(message.tabId, message);
      if (message.type === 'visibility') visibility.set(message.tabId, message);
      if (!port) {
        // Opening the port sends every subscription and visibility, this one included.
        open();
        if (message.type === 'subscribe' || message.type === 'visibility') return;
      }
      port?.postMessage(message);
    },
    listen(onMessageListener) {
      listeners.add(onMessageListener);
      return () => listeners.delete(onMessageListener);
    },
    close() {
      closed = true;
      port?.disconnect();
      port = null;
    },
  };
}

interface PortEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** What the service worker uses of a `Runtime.Port` it was handed (a fake in unit tests). */
export interface WorkerPort {
  readonly name: string;
  readonly sender?: { id?: string } | undefined;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: PortEvent<(message: unknown) => void>;
  readonly onDisconnect: PortEvent<() => void>;
}

/**
 * Characters of exchanges' JSON per message, past which a message carrying exchanges is split.
 * A message over 64 MiB cannot be posted at all (Chromium throws), and 2,000 exchanges with 64 KB
 * request bodies would be ~128 MB; 8 Mi characters stay under that limit however they are encoded
 * (JSON text again, or a clone of UTF-16 text), and a busy page's 2,000 exchanges are ~2.6 M.
 * Measured in Chromium 156 (session 27): a JSON port counts the UTF-8 of the text stringified
 * again, so 21 Mi characters of '€' (3 bytes each) go and 22 Mi do not, 31 Mi quotes (escaped, 2
 * bytes each) go and 33 Mi do not; a cloning port takes 22 Mi '€' and 33 Mi quotes, and refuses
 * 65 Mi ASCII characters as both do. `extension-json-messages` posts ~8 Mi-character parts as JSON.
 */
export const MESSAGE_TEXT_LIMIT = 8 * 1024 * 1024;

/**
 * A message carrying exchanges, as JSON text built from the store's own text of each exchange
 * (`capturedJson`): posting the object made the worker serialise every exchange again for the
 * port, its largest cost after the mapping under a busy page (bench/capture-cost.ts). Past
 * `MESSAGE_TEXT_LIMIT` it goes as several: a snapshot's first part keeps its settings and status,
 * the rest go as upserts of the same tab (as `CaptureService` sends a snapshot's later chunks),
 * every part but the last marked `more` (protocol.ts), so the panel applies them as one message.
 * The text crosses as a structured clone (manifest.json's `message_serialization`, Chromium 148+;
 * Firefox always): a copy of its bytes. With Chromium's default, JSON, the port stringified the
 * text again (escaping every quote) and the panel parsed it twice: ~0.07 s of CPU a load of a
 * busy page against ~0.045 s (bench/capture-cost/messaging.ts, session 26). An older Chromium
 * still sends JSON: the text arrives the same. Sending exchanges as text also keeps them
 * JSON-shaped in both modes (no `undefined` member a clone would keep), which `sameJson` and the
 * guards rely on.
 */
export function captureMessageTexts(message: CaptureMessage, limit = MESSAGE_TEXT_LIMIT): (string | CaptureMessage)[] {
  if (message.type !== 'upsert' && message.type !== 'snapshot') return [message];
  const { exchanges, ...whole } = message;
  let rest: Omit<CaptureMessage & { type: 'upsert' | 'snapshot' }, 'exchanges'> = whole;
  const texts: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const exchange of exchanges) {
    const json = capturedJson(exchange);
    if (json.length > limit) {
      // One exchange alone past the limit (URLs of megabytes through many redirects) might not be
      // postable at all, and a message that fails is sent again on every reconnection: it is left
      // out, and said so where the extension's errors are read.
      console.error(`CORS Inspector: exchange ${exchange.id} is too large to show in the panel (${json.length} characters of JSON).`);
      continue;
    }
    if (part.length > 0 && size + json.length > limit) {
      // Every part but the last says `more`; the last says what the message said.
      texts.push(jsonWithExchangeTexts({ ...rest, more: true }, part));
      rest = { source: message.source, type: 'upsert', tabId: message.tabId, ...(message.more ? { more: message.more } : {}) };
      part = [];
      size = 0;
    }
    part.push(json);
    size += json.length + 1;
  }
  texts.push(jsonWithExchangeTexts(rest, part));
  return texts;
}

/**
 * The service worker's side of one connected port. `closedHere` is called when this side closes
 * the port (a message could not be posted): a port's own `disconnect()` fires no `onDisconnect`
 * on its side.
 */
export function createCapturePortTransport(port: WorkerPort, closedHere: () => void = () => {}): CaptureTransport & { connected(): boolean } {
  let connected = true;
  port.onDisconnect.addListener(() => {
    connected = false;
  });
  return {
    send(message) {
      if (!connected) return;
      try {
        for (const text of captureMessageTexts(message)) port.postMessage(text);
      } catch (error) {
        // The panel went away between the check and the post; or the message could not be posted
        // (a value a structured clone refuses, or over the browser's size limit), and the panel
        // missed it: closing the port makes it connect again and ask for a fresh snapshot, rather
        // than wait for messages that will never come.
        connected = false;
        if (!String(error).includes('disconnected port')) console.error('CORS Inspector: a message to the panel could not be sent:', error);
        try {
          port.disconnect();
        } catch {
          // Already closed.
        }
        closedHere();
      }
    },
    listen(onMessage) {
      const listener = (message: unknown): void => {
        if (isPanelMessage(message)) onMessage(message);
      };
      port.onMessage.addListener(listener);
      return () => port.onMessage.removeListener(listener);
    },
    connected: () => connected,
  };
}
