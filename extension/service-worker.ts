// The extension's background: Chromium's service worker, Firefox's event page. `browser.*`
// (webextension-polyfill) wired to the capture service (capture-service.ts), which holds all the
// logic; the ports it accepts are accept-port.ts's, its webRequest listeners
// web-request-listeners.ts's, what differs between the browsers browser/current.ts's. Nothing but
// wiring here.
//
// MV3 stops this worker whenever it likes (Firefox suspends its event page when idle, the same). Every listener is registered synchronously at the top
// level (the webRequest ones by the service's constructor), so that an event wakes a stopped worker
// that still has tabs to capture; the capture is read back from its encrypted log (capture-log.ts).

import browser from 'webextension-polyfill';
import { acceptPort } from './accept-port.ts';
import { badgeText } from './blocked-count.ts';
import { loadCaptureKey } from './capture-key.ts';
import { createEncryptedLog, type CaptureLog } from './capture-log.ts';
import { BROWSER } from './browser/current.ts';
import { CaptureService } from './capture-service.ts';
import { createIdbRecordStore, openCaptureDatabase } from './idb-record-store.ts';
import { webRequestListeners } from './web-request-listeners.ts';

async function openLog(): Promise<CaptureLog> {
  const { key, created } = await loadCaptureKey(browser.storage.session);
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
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

/** DevTools' error red: the count of a tab's blocked requests on the extension's badge, for that tab. */
function showBlocked(tabId: number, blocked: number): void {
  // The tab may have closed meanwhile: nothing to show it on then.
  void browser.action.setBadgeText({ tabId, text: badgeText(blocked) }).catch(() => undefined);
  if (blocked > 0) void browser.action.setBadgeBackgroundColor({ tabId, color: '#d93025' }).catch(() => undefined);
}

const service: CaptureService = new CaptureService({
  webRequest: webRequestListeners((name, details) => service.queueWebRequest(name, details), BROWSER),
  log: openLog(),
  precise: (hooks) => BROWSER.precise(hooks),
  hostAccess,
  clock: { now: () => Date.now(), later: (ms, run) => void setTimeout(run, ms) },
  showBlocked,
});

/** What the worker's console (and the browser tests, and the benchmark) can call. */
export interface WorkerDebugGlobals {
  corsInspectorStats: CaptureService['stats'];
  /** The tabs being captured. */
  corsInspectorTabs(): number[];
  /** A tab's capture as read back from the log in IndexedDB (not from memory); null when none. */
  corsInspectorStored: CaptureService['readStored'];
  /** Resolves when everything queued so far has been ingested, and the writes started are done. */
  corsInspectorSettled(): Promise<void>;
  /** The same, with a write still waiting for its delay made now: the log holds everything ingested. */
  corsInspectorWritten(): Promise<void>;
}
const debugGlobals: WorkerDebugGlobals = {
  corsInspectorStats: service.stats,
  corsInspectorTabs: () => service.tabIds(),
  corsInspectorStored: (tabId) => service.readStored(tabId),
  corsInspectorSettled: () => service.settled(),
  corsInspectorWritten: () => service.written(),
};
Object.assign(self, debugGlobals);

browser.runtime.onConnect.addListener((port) => acceptPort(port, browser.runtime.id, service));
browser.tabs.onRemoved.addListener((tabId) => void service.tabClosed(tabId));
