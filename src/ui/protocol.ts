// The one typed message protocol between the capture side (the extension's service worker, or a
// fake in tests and the plain page) and the panel. The panel knows nothing of the browser: it only
// speaks this protocol through a `Transport`.

import type { ObservedExchange } from '../cors/exchange.ts';

/** Where an exchange was observed. */
export type CaptureSource = 'webRequest' | 'devtools-protocol' | 'devtools-network' | 'import';

export interface CapturedExchange {
  /** Stable id within a tab's capture (the browser's request id where there is one). */
  id: string;
  source: CaptureSource;
  exchange: ObservedExchange;
  /** Still in flight: more hops or the final response may come. */
  pending?: boolean;
}

export interface CaptureSettings {
  preserveLog: boolean;
  /** `chrome.debugger` attached: Chromium's own verdicts are available. */
  preciseMode: boolean;
}

export interface CaptureStatus {
  /** Host permission missing: the capture falls back to DevTools' own network log. */
  fallback: 'none' | 'devtools-network';
  /** Exchanges dropped because the per-tab bound was reached. */
  dropped: number;
  /** A human-readable problem (e.g. "precise mode needs the debugger permission"). */
  problem?: string;
}

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
