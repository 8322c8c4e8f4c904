// The one typed message protocol between the capture side (the extension's service worker, or a
// fake in tests and the plain page) and the panel. The panel knows nothing of the browser: it only
// speaks this protocol through a `Transport`.

import type { CaptureSettings, CaptureStatus, CapturedExchange } from '../capture/captured-exchange.ts';

// The shapes the capture produces live with the capture (it must not import the UI); the protocol
// carries them and re-exports them for the panel's code.
export type { CaptureSettings, CaptureSource, CaptureStatus, CapturedExchange } from '../capture/captured-exchange.ts';

/** Panel → capture side. Every message names the tab it is about. */
export type PanelMessage =
  | { source: 'cors-inspector-panel'; type: 'subscribe'; tabId: number }
  | { source: 'cors-inspector-panel'; type: 'clear'; tabId: number }
  | { source: 'cors-inspector-panel'; type: 'set-settings'; tabId: number; settings: Partial<CaptureSettings> };

/** Capture side → panel. */
export type CaptureMessage =
  | {
      source: 'cors-inspector-capture';
      type: 'snapshot';
      tabId: number;
      exchanges: CapturedExchange[];
      settings: CaptureSettings;
      status: CaptureStatus;
    }
  | { source: 'cors-inspector-capture'; type: 'upsert'; tabId: number; exchanges: CapturedExchange[] }
  | { source: 'cors-inspector-capture'; type: 'cleared'; tabId: number }
  | { source: 'cors-inspector-capture'; type: 'status'; tabId: number; settings: CaptureSettings; status: CaptureStatus };

export function isPanelMessage(value: unknown): value is PanelMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { source?: unknown }).source === 'cors-inspector-panel' &&
    typeof (value as { tabId?: unknown }).tabId === 'number'
  );
}

export function isCaptureMessage(value: unknown): value is CaptureMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { source?: unknown }).source === 'cors-inspector-capture' &&
    typeof (value as { tabId?: unknown }).tabId === 'number'
  );
}

/** The panel's side of a connection. */
export interface PanelTransport {
  send(message: PanelMessage): void;
  /** Returns a function that stops listening. */
  listen(onMessage: (message: CaptureMessage) => void): () => void;
}

/** The capture side of a connection. */
export interface CaptureTransport {
  send(message: CaptureMessage): void;
  listen(onMessage: (message: PanelMessage) => void): () => void;
}
