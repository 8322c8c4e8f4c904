// The one typed message protocol between the capture side (the extension's service worker, or a
// fake in tests and the plain page) and the panel. The panel knows nothing of the browser: it only
// speaks this protocol through a `Transport`.

import type { CaptureSettings, CaptureStatus, CapturedExchange, PreciseAvailability } from '../capture/index.ts';

// The shapes the capture produces live with the capture (it must not import the UI); the protocol
// carries them and re-exports them for the panel's code.
export type { CaptureSettings, CaptureStatus, CapturedExchange, PreciseAvailability } from '../capture/index.ts';

/** Panel → capture side. Every message names the tab it is about. */
export type PanelMessage =
  | { source: 'cors-inspector-panel'; type: 'subscribe'; tabId: number }
  | { source: 'cors-inspector-panel'; type: 'clear'; tabId: number }
  | { source: 'cors-inspector-panel'; type: 'set-settings'; tabId: number; settings: Partial<CaptureSettings> }
  /**
   * DevTools showed or hid the panel (it is shown until it says otherwise). While hidden it is
   * sent no upserts; on being shown again, one upsert of what changed meanwhile.
   */
  | { source: 'cors-inspector-panel'; type: 'visibility'; tabId: number; shown: boolean };

/**
 * Capture side → panel. A snapshot too big for one message comes in parts: the snapshot with the
 * first exchanges, then upserts with the rest, every part but the last marked `more`. The panel
 * applies the parts as one snapshot when the last arrives: applied part by part, the first would
 * drop the notes, checks and selection of every exchange still to come. The snapshot, the first
 * message a panel gets, also says whether this build can do precise mode at all, so the panel can
 * say so before anyone ticks the box.
 */
export type CaptureMessage =
  | {
      source: 'cors-inspector-capture';
      type: 'snapshot';
      tabId: number;
      exchanges: CapturedExchange[];
      settings: CaptureSettings;
      status: CaptureStatus;
      preciseAvailability: PreciseAvailability;
      more?: true;
    }
  | { source: 'cors-inspector-capture'; type: 'upsert'; tabId: number; exchanges: CapturedExchange[]; more?: true }
  | { source: 'cors-inspector-capture'; type: 'cleared'; tabId: number }
  | { source: 'cors-inspector-capture'; type: 'status'; tabId: number; settings: CaptureSettings; status: CaptureStatus }
  /**
   * Whether the page shown in the tab started loading before the capture began (DevTools opened on
   * a page already loaded): its first requests were then made where no capture could see them. Sent
   * by the extension's panel page, which can ask the inspected page; the panel only says it.
   * `startedOver`: a new page loaded in the tab while the panel was open, with Preserve log off, so
   * the capture started over with it: what the list holds (nothing, when empty) is this page's since
   * it loaded.
   */
  | { source: 'cors-inspector-capture'; type: 'page'; tabId: number; loadedBeforeCapture: boolean; startedOver?: true };

// The guards check the whole shape a handler reads, not only the tag: a message comes from another
// context (a port, a window), and one of the wrong shape must be dropped before any code trusts it.

type Fields = Record<string, unknown>;

/**
 * A plain object, as JSON makes: a structured clone (Firefox's messages, and Chromium's with
 * manifest.json's `message_serialization`) can also carry a Map, a Date or a typed array, which
 * no message of the protocol is.
 */
function isRecord(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Chromium's tab ids are non-negative integers (-1, "no tab", never names a capture). */
function isTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const SETTING_NAMES: ReadonlySet<string> = new Set<keyof CaptureSettings>(['preserveLog', 'preciseMode', 'keepCapturing']);

/** Only known settings, each a boolean (what `set-settings` may change). */
function isSettingsChange(value: unknown): value is Partial<CaptureSettings> {
  return isRecord(value) && Object.entries(value).every(([name, on]) => SETTING_NAMES.has(name) && (on === undefined || typeof on === 'boolean'));
}

function isSettings(value: unknown): value is CaptureSettings {
  return isSettingsChange(value) && typeof value.preserveLog === 'boolean' && typeof value.preciseMode === 'boolean';
}

function isStatus(value: unknown): value is CaptureStatus {
  return (
    isRecord(value) &&
    (value['fallback'] === 'none' || value['fallback'] === 'devtools-network') &&
    typeof value['dropped'] === 'number' &&
    Number.isSafeInteger(value['dropped']) &&
    value['dropped'] >= 0 &&
    (value['problem'] === undefined || typeof value['problem'] === 'string') &&
    (value['capturingSince'] === undefined || (typeof value['capturingSince'] === 'number' && Number.isFinite(value['capturingSince'])))
  );
}

const PRECISE_AVAILABILITIES: ReadonlySet<unknown> = new Set<PreciseAvailability>(['available', 'needs-precise-build', 'chromium-only']);

function isPreciseAvailability(value: unknown): value is PreciseAvailability {
  return PRECISE_AVAILABILITIES.has(value);
}

/** The fields every reader of an exchange relies on (the engine checks the rest as it reads). */
function isExchangeList(value: unknown): value is CapturedExchange[] {
  return (
    Array.isArray(value) &&
    value.every((item: unknown) => {
      if (!isRecord(item) || typeof item['id'] !== 'string' || typeof item['source'] !== 'string') return false;
      const exchange = item['exchange'];
      return isRecord(exchange) && isRecord(exchange['request']) && Array.isArray(exchange['hops']) && exchange['hops'].length > 0;
    })
  );
}

export function isPanelMessage(value: unknown): value is PanelMessage {
  if (!isRecord(value) || value['source'] !== 'cors-inspector-panel' || !isTabId(value['tabId'])) return false;
  switch (value['type']) {
    case 'subscribe':
    case 'clear':
      return true;
    case 'set-settings':
      return isSettingsChange(value['settings']);
    case 'visibility':
      return typeof value['shown'] === 'boolean';
    default:
      return false;
  }
}

function isMore(value: unknown): boolean {
  return value === undefined || value === true;
}

export function isCaptureMessage(value: unknown): value is CaptureMessage {
  if (!isRecord(value) || value['source'] !== 'cors-inspector-capture' || !isTabId(value['tabId'])) return false;
  switch (value['type']) {
    case 'snapshot':
      return (
        isExchangeList(value['exchanges']) &&
        isSettings(value['settings']) &&
        isStatus(value['status']) &&
        isPreciseAvailability(value['preciseAvailability']) &&
        isMore(value['more'])
      );
    case 'upsert':
      return isExchangeList(value['exchanges']) && isMore(value['more']);
    case 'cleared':
      return true;
    case 'status':
      return isSettings(value['settings']) && isStatus(value['status']);
    case 'page':
      return typeof value['loadedBeforeCapture'] === 'boolean' && (value['startedOver'] === undefined || value['startedOver'] === true);
    default:
      return false;
  }
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
