// The extension's service worker: chrome.* wired to the capture service (capture-service.ts), which
// holds all the logic. It only observes: no listener here can block or change a request (no
// 'blocking' in any extraInfoSpec, no webRequestBlocking permission).
//
// MV3 stops this worker whenever it likes. The listeners are registered synchronously at the top
// level (by the service's constructor), so that a webRequest event wakes a stopped worker that
// still has tabs to capture; the capture is read back from its encrypted log (capture-log.ts).

import type { WebRequestEventName, WebRequestDetails } from '../src/capture/index.ts';
import { createEncryptedLog, type CaptureLog } from './capture-log.ts';
import { loadCaptureKey } from './capture-key.ts';
import { CaptureService } from './capture-service.ts';
import { createIdbRecordStore, openCaptureDatabase } from './idb-record-store.ts';
import { createCapturePortTransport, DEVTOOLS_PORT_NAME, isDevtoolsMessage, PORT_NAME } from './port-transport.ts';
import { chromeDebuggerApi, PreciseMode } from './precise-mode.ts';

function queued<D extends WebRequestDetails>(name: WebRequestEventName): (details: D) => undefined {
  return (details) => {
    service.queueWebRequest(name, details);
    return undefined;
  };
}

// One listener per fact: the body (`onBeforeRequest`), the final request headers
// (`onSendHeaders`), the response headers (`onHeadersReceived`), the redirect, the end.
// `onBeforeSendHeaders` and `onResponseStarted` would repeat the same headers, and every listener
// with 'extraHeaders' costs the page. 'extraHeaders' is what makes preflights, `Cookie` and the
// raw response headers visible.
const onBeforeRequest = queued<chrome.webRequest.OnBeforeRequestDetails>('onBeforeRequest');
const onSendHeaders = queued<chrome.webRequest.OnSendHeadersDetails>('onSendHeaders');
const onHeadersReceived = queued<chrome.webRequest.OnHeadersReceivedDetails>('onHeadersReceived');
const onBeforeRedirect = queued<chrome.webRequest.OnBeforeRedirectDetails>('onBeforeRedirect');
const onCompleted = queued<chrome.webRequest.OnCompletedDetails>('onCompleted');
const onErrorOccurred = queued<chrome.webRequest.OnErrorOccurredDetails>('onErrorOccurred');

const ALL_URLS: chrome.webRequest.RequestFilter = { urls: ['<all_urls>'] };

/**
 * webRequest listeners cost every page in the browser, captured or not (measured on Chromium 156,
 * 400 fetches: about 1.8x the time with listeners filtered to another tab, 1.3x with the
 * permission alone). So they are only registered while some tab is being captured.
 */
function setListening(on: boolean): void {
  const w = chrome.webRequest;
  if (on) {
    w.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS, ['requestBody']);
    w.onSendHeaders.addListener(onSendHeaders, ALL_URLS, ['requestHeaders', 'extraHeaders']);
    w.onHeadersReceived.addListener(onHeadersReceived, ALL_URLS, ['responseHeaders', 'extraHeaders']);
    w.onBeforeRedirect.addListener(onBeforeRedirect, ALL_URLS, ['responseHeaders', 'extraHeaders']);
    w.onCompleted.addListener(onCompleted, ALL_URLS, ['responseHeaders', 'extraHeaders']);
    w.onErrorOccurred.addListener(onErrorOccurred, ALL_URLS, ['extraHeaders']);
  } else {
    w.onBeforeRequest.removeListener(onBeforeRequest);
    w.onSendHeaders.removeListener(onSendHeaders);
    w.onHeadersReceived.removeListener(onHeadersReceived);
    w.onBeforeRedirect.removeListener(onBeforeRedirect);
    w.onCompleted.removeListener(onCompleted);
    w.onErrorOccurred.removeListener(onErrorOccurred);
  }
}

async function openLog(): Promise<CaptureLog> {
  const { key, created } = await loadCaptureKey(chrome.storage.session);
  const records = createIdbRecordStore(await openCaptureDatabase());
  // A new key: the browser was closed since the records were sealed, and they can never be read.
  if (created) await records.clear();
  return createEncryptedLog(key, records);
}

/**
 * Host permission decides whether webRequest sees the tab's traffic. Without it (the user set
 * site access to "on click", or removed it), the panel falls back to DevTools' own network log.
 */
async function hostAccess(): Promise<boolean> {
  try {
    return await chrome.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

const service = new CaptureService({
  webRequest: { setListening },
  log: openLog(),
  precise: (hooks) => new PreciseMode(hooks, chromeDebuggerApi()),
  hostAccess,
  clock: { now: () => Date.now(), later: (ms, run) => void setTimeout(run, ms) },
});

/** What the worker's console (and the browser tests, and the benchmark) can call. */
export interface WorkerDebugGlobals {
  corsInspectorStats: CaptureService['stats'];
  /** The tabs being captured. */
  corsInspectorTabs(): number[];
  /** A tab's capture as read back from the log in IndexedDB (not from memory); null when none. */
  corsInspectorStored: CaptureService['readStored'];
  /** Resolves when everything queued so far has been ingested and written. */
  corsInspectorSettled(): Promise<void>;
}
const debugGlobals: WorkerDebugGlobals = {
  corsInspectorStats: service.stats,
  corsInspectorTabs: () => service.tabIds(),
  corsInspectorStored: (tabId) => service.readStored(tabId),
  corsInspectorSettled: () => service.settled(),
};
Object.assign(self, debugGlobals);

chrome.runtime.onConnect.addListener((port) => {
  // Only the extension's own pages may connect (onConnect never hears web pages without
  // externally_connectable), but check anyway: the port's sender must be this extension.
  if (port.sender?.id !== chrome.runtime.id) {
    port.disconnect();
    return;
  }
  if (port.name === PORT_NAME) {
    const connection = service.connectPanel(createCapturePortTransport(port));
    port.onDisconnect.addListener(() => connection.disconnect());
  } else if (port.name === DEVTOOLS_PORT_NAME) {
    // The devtools page says which tab its DevTools inspects, once; it holds that tab's capture
    // until the port closes (DevTools closed).
    const onMessage = (message: unknown): void => {
      if (!isDevtoolsMessage(message)) return;
      port.onMessage.removeListener(onMessage);
      const connection = service.connectDevtools(message.tabId);
      port.onDisconnect.addListener(() => connection.disconnect());
    };
    port.onMessage.addListener(onMessage);
  }
});

chrome.tabs.onRemoved.addListener((tabId) => void service.tabClosed(tabId));
