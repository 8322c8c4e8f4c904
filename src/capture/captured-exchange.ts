// What the capture side hands on: one observed exchange with where it came from, and the state of a
// tab's capture. The panel's protocol (src/ui/protocol.ts) carries these shapes, but they belong to
// the capture: defined here so that the capture never imports the UI (cors ← capture ← ui).

import type { ObservedExchange } from '../cors/index.ts';

/** Where an exchange was observed. */
type CaptureSource = 'webRequest' | 'devtools-protocol' | 'devtools-network' | 'import';

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
  /**
   * Go on capturing the tab after DevTools (and every panel of it) closed, until the tab closes or
   * this is turned off. Off (or absent) by default: closing DevTools stops the capture and forgets
   * it, as people expect of a DevTools tool that sees their cookies and Authorization headers.
   */
  keepCapturing?: boolean;
}

/**
 * Whether this build of the extension can turn precise mode on (Chromium's own verdict of each
 * request, through `chrome.debugger`). A fact of the build, not of a tab, so it is not one of the
 * tab's settings or status (which the capture log keeps): `available` in the precise build;
 * `needs-precise-build` in the default Chromium build, which has no `debugger` permission (Chromium
 * grants it only at install); `chromium-only` in Firefox, which offers extensions no such protocol.
 */
export type PreciseAvailability = 'available' | 'needs-precise-build' | 'chromium-only';

export interface CaptureStatus {
  /** Host permission missing: the capture falls back to DevTools' own network log. */
  fallback: 'none' | 'devtools-network';
  /** Exchanges dropped because the per-tab bound was reached. */
  dropped: number;
  /** A human-readable problem (e.g. "precise mode needs the debugger permission"). */
  problem?: string;
  /**
   * When this capture started seeing the tab's traffic (ms since the epoch; DevTools opened on the
   * tab). DevTools' own network log fills in what started before it, which webRequest missed.
   */
  capturingSince?: number;
}
