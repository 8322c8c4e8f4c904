// A capture side without a browser: holds a list of exchanges for one tab and answers the panel
// the way the extension's service worker does (snapshot on subscribe, cleared on clear, status on
// set-settings). Used by the plain page and its browser test. Its snapshot says precise mode is
// available, as the precise build's worker does, unless `init` says otherwise; then, as the
// worker does, it refuses to turn it on (with the same words), and counts the requests, so that a
// test can tell that a disabled box sent none.

import { DEFAULT_SETTINGS } from '../../capture/index.ts';
import { PRECISE_MODE_HELP } from '../precise-mode-help.ts';
import type { CaptureSettings, CaptureStatus, CaptureTransport, CapturedExchange, PreciseAvailability } from '../protocol.ts';

export interface FakeCapture {
  /** Adds or replaces exchanges and tells the panel. */
  upsert(exchanges: CapturedExchange[]): void;
  setStatus(status: Partial<CaptureStatus>): void;
  readonly settings: CaptureSettings;
  /** How many set-settings asked to turn precise mode on. */
  readonly preciseModeAsked: number;
  stop(): void;
}

export function startFakeCapture(
  transport: CaptureTransport,
  init: { tabId: number; exchanges: CapturedExchange[]; settings?: Partial<CaptureSettings>; status?: Partial<CaptureStatus>; preciseAvailability?: PreciseAvailability },
): FakeCapture {
  const { tabId } = init;
  const held = new Map(init.exchanges.map((e) => [e.id, e]));
  let settings: CaptureSettings = { ...DEFAULT_SETTINGS, ...init.settings };
  let status: CaptureStatus = { fallback: 'none', dropped: 0, ...init.status };
  const preciseAvailability = init.preciseAvailability ?? 'available';
  let preciseModeAsked = 0;
  const sendStatus = (): void => transport.send({ source: 'cors-inspector-capture', type: 'status', tabId, settings, status });

  const stop = transport.listen((message) => {
    if (message.tabId !== tabId) return;
    switch (message.type) {
      case 'subscribe':
        transport.send({ source: 'cors-inspector-capture', type: 'snapshot', tabId, exchanges: [...held.values()], settings, status, preciseAvailability });
        return;
      case 'clear':
        held.clear();
        transport.send({ source: 'cors-inspector-capture', type: 'cleared', tabId });
        return;
      case 'set-settings':
        if (message.settings.preciseMode === true) preciseModeAsked++;
        if (message.settings.preciseMode === true && preciseAvailability !== 'available') {
          settings = { ...settings, ...message.settings, preciseMode: false };
          status = { ...status, problem: PRECISE_MODE_HELP[preciseAvailability].explanation };
        } else {
          settings = { ...settings, ...message.settings };
        }
        sendStatus();
        return;
      case 'visibility':
        // The plain page is always shown.
        return;
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  });

  return {
    upsert(exchanges) {
      for (const e of exchanges) held.set(e.id, e);
      transport.send({ source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges });
    },
    setStatus(next) {
      status = { ...status, ...next };
      sendStatus();
    },
    get settings() {
      return settings;
    },
    get preciseModeAsked() {
      return preciseModeAsked;
    },
    stop,
  };
}
