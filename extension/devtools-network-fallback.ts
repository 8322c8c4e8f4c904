// DevTools' own network log (`browser.devtools.network`, which needs no permission, only an open
// DevTools), mapped with the HAR mapper, read in the panel when it is shown inside DevTools:
// - followed, as the capture without host permission; the service worker says when it is needed
//   (`CaptureStatus.fallback === 'devtools-network'`);
// - read once, when the panel opens: the requests DevTools saw before the capture started (in the
//   moment between DevTools opening and its devtools page starting the capture), which webRequest
//   did not see (earlier-exchanges.ts picks those).

import browser, { type Devtools } from 'webextension-polyfill';

/** `browser.devtools.network` (its namespace is not exported by the polyfill's types). */
type DevtoolsNetwork = Devtools.Static['network'];
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { BROWSER } from './browser/current.ts';
import { exchangesFromDevtoolsLog } from './devtools-log-exchanges.ts';
import { refreshHeld } from './devtools-log-refresh.ts';
import { startedInDocument } from './document-entries.ts';

export interface DevtoolsNetworkFollower {
  /** Send the whole list again (after a snapshot replaced what the panel had). */
  republish(): void;
  /**
   * A navigation loaded a new page (without "Preserve log"): keep only the requests that started
   * since `documentStart` (document-entries.ts), and take no request that started before it later;
   * with no start known, forget everything read so far.
   */
  startOver(documentStart: number | null): void;
  stop(): void;
}

/** How long the log stays quiet before the entries held are read again (see `settle`). */
const SETTLE_MS = 1_000;
/** The least time between two reads again: each reads the whole log, which a polling page makes long. */
const REREAD_EVERY_MS = 10_000;

/** The entries of DevTools' network log now (the polyfill types the HAR loosely). */
async function harEntries(network: DevtoolsNetwork): Promise<HARFormatEntry[]> {
  const har = (await network.getHAR()) as { entries?: HARFormatEntry[] };
  return har.entries ?? [];
}

/** What DevTools' network log holds now, as exchanges. Read once, when the panel opens. Empty outside DevTools. */
export function readDevtoolsNetworkLog(): Promise<CapturedExchange[]> {
  const network = browser.devtools?.network;
  if (!network) return Promise.resolve([]);
  return harEntries(network).then((entries) => exchangesFromDevtoolsLog(entries, BROWSER.name, { error: null }) ?? [], () => []);
}

/** Start following DevTools' network log; `onExchanges` gets the whole list each time it changes. */
export function followDevtoolsNetwork(onExchanges: (exchanges: CapturedExchange[]) => void): DevtoolsNetworkFollower {
  const network = browser.devtools?.network;
  if (!network) return { republish: () => undefined, startOver: () => undefined, stop: () => undefined };
  let entries: HARFormatEntry[] = [];
  /** When the document shown started, once a navigation started the list over: requests started before it are not taken. */
  let documentStart: number | null = null;
  const ofThisDocument = (entry: HARFormatEntry): boolean => documentStart === null || startedInDocument(entry, documentStart);
  let scheduled = false;
  // What the fallback did, readable from the panel page's console (and by the fallback's browser test).
  const debug = { started: true, published: 0, entries: 0, error: null as string | null, reread: 0, refreshed: 0 };
  Object.assign(globalThis, { corsInspectorFallback: debug });
  const publish = (): void => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const exchanges = exchangesFromDevtoolsLog(entries, BROWSER.name, debug);
      if (exchanges === null) return; // not a HAR we can read: nothing to show rather than a broken panel
      debug.published = exchanges.length;
      debug.entries = entries.length;
      onExchanges(exchanges);
    }, 50);
  };
  void harEntries(network).then(
    (earlier) => {
      entries = [...earlier.filter(ofThisDocument), ...entries];
      publish();
    },
    () => undefined,
  );
  // The entry `onRequestFinished` passes is DevTools' request as it stood when it finished. What the
  // protocol says of it later is only in a later read of the log: DevTools applies
  // `requestWillBeSentExtraInfo`/`responseReceivedExtraInfo` (the headers as sent and received, with
  // the Cookie that shows the credentials mode) whenever they come, and they may come after
  // `loadingFinished` (DevTools' NetworkManager keeps an ExtraInfoBuilder for that). So once the log
  // has been quiet for a second (and at most every 10 s), the entries held are read again; none is
  // added or dropped.
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReread = Number.NEGATIVE_INFINITY;
  const settle = (): void => {
    settleTimer = undefined;
    lastReread = Date.now();
    const held = entries;
    void harEntries(network).then(
      (fresh) => {
        if (entries !== held) return; // cleared meanwhile: what was read is of another page
        debug.reread++;
        const refreshed = refreshHeld(held, fresh);
        if (refreshed === 0) return;
        debug.refreshed += refreshed;
        publish();
      },
      () => undefined,
    );
  };
  const onRequestFinished = (entry: Parameters<Parameters<DevtoolsNetwork['onRequestFinished']['addListener']>[0]>[0]): void => {
    // Chromium and Firefox both pass the HAR entry itself (with a `getContent` method added).
    // A request of the page before may finish after the navigation (DevTools' own log drops it).
    if (!ofThisDocument(entry as unknown as HARFormatEntry)) return;
    entries.push(entry as unknown as HARFormatEntry);
    publish();
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settle, Math.max(SETTLE_MS, lastReread + REREAD_EVERY_MS - Date.now()));
  };
  network.onRequestFinished.addListener(onRequestFinished);
  return {
    republish: publish,
    startOver: (start) => {
      documentStart = start;
      // A new array: a read again under way (`settle`) was of the page before, and is dropped.
      entries = start === null ? [] : entries.filter(ofThisDocument);
    },
    stop: () => {
      clearTimeout(settleTimer);
      network.onRequestFinished.removeListener(onRequestFinished);
    },
  };
}
