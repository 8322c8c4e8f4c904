// The extension's service worker: watches the traffic of tabs whose CORS panel was opened, and
// serves each panel the exchanges it saw. It only observes: no listener here can block or change
// a request (no 'blocking' in any extraInfoSpec, no webRequestBlocking permission).
//
// MV3 stops this worker whenever it likes. Everything it knows lives in `chrome.storage.session`
// (written in batches) and is read back when it starts again; the listeners below are registered
// synchronously at the top level so that a webRequest event wakes it up.

import { CaptureStore, type PersistedChunk, type PersistedTabMeta, type TabChange } from '../src/capture/capture-store.ts';
import type { WebRequestEvent, WebRequestEventName } from '../src/capture/web-request.ts';
import type { CaptureMessage, CaptureTransport, PanelMessage } from '../src/ui/protocol.ts';
import { createCapturePortTransport, PORT_NAME } from './port-transport.ts';
import { PreciseMode } from './precise-mode.ts';

const store = new CaptureStore();

/** Counters for tests and debugging (read with `self.corsInspectorStats` in the worker's console). */
const stats = { events: 0, batches: 0, ingestMs: 0, writes: 0, persistMs: 0, persistBytes: 0 };
(self as unknown as { corsInspectorStats: typeof stats }).corsInspectorStats = stats;
(self as unknown as { corsInspectorTabs: () => number[] }).corsInspectorTabs = () => store.tabIds();

// ---- Capture: tiny listeners that only queue ------------------------------------------------

type Details = { tabId: number } & Record<string, unknown>;
let queue: [WebRequestEventName, Details][] = [];
const BATCH_DELAY_MS = 20;
/** Writes to storage are coalesced over this long: far below the 30 s after which MV3 stops an idle worker. */
const PERSIST_DELAY_MS = 500;
let flushScheduled = false;
let ready = false;

function listener(name: WebRequestEventName) {
  return (details: Details): undefined => {
    // Until the capture is restored we do not know which tabs are watched: keep everything.
    if (details.tabId < 0 || (ready && !store.has(details.tabId))) return undefined;
    queue.push([name, details]);
    if (!flushScheduled) {
      flushScheduled = true;
      // Events come one task each; waiting a few ms gathers a burst into one batch.
      setTimeout(flush, BATCH_DELAY_MS);
    }
    return undefined;
  };
}

const filter: chrome.webRequest.RequestFilter = { urls: ['<all_urls>'] };
// 'extraHeaders' is what makes preflights, `Cookie` and the raw response headers visible.
const requestSpec = ['requestHeaders', 'extraHeaders'];
const responseSpec = ['responseHeaders', 'extraHeaders'];
type Callback = (details: Details) => undefined;
type AnyEvent = {
  addListener(cb: Callback, filter: chrome.webRequest.RequestFilter, spec?: string[]): void;
  removeListener(cb: Callback): void;
};
// One listener per fact: the final request headers (`onSendHeaders`), the response headers
// (`onHeadersReceived`), the redirect, the end. `onBeforeSendHeaders` and `onResponseStarted` would
// repeat the same headers, and every listener with 'extraHeaders' costs the page.
const captureListeners: [AnyEvent, Callback, string[] | undefined][] = [
  [chrome.webRequest.onBeforeRequest as unknown as AnyEvent, listener('onBeforeRequest'), undefined],
  [chrome.webRequest.onSendHeaders as unknown as AnyEvent, listener('onSendHeaders'), requestSpec],
  [chrome.webRequest.onHeadersReceived as unknown as AnyEvent, listener('onHeadersReceived'), responseSpec],
  [chrome.webRequest.onBeforeRedirect as unknown as AnyEvent, listener('onBeforeRedirect'), responseSpec],
  [chrome.webRequest.onCompleted as unknown as AnyEvent, listener('onCompleted'), responseSpec],
  [chrome.webRequest.onErrorOccurred as unknown as AnyEvent, listener('onErrorOccurred'), ['extraHeaders']],
];
let listening = false;

/**
 * webRequest listeners cost every page in the browser, captured or not (measured on Chromium 156,
 * 400 fetches: about 1.8x the time with listeners filtered to another tab, 1.3x with the
 * permission alone). So they are only registered while some tab is being captured.
 * They are registered synchronously at start-up, so that an event wakes a stopped worker
 * that still has tabs to capture; once the stored state says no tab is, they are removed again.
 */
function setListening(on: boolean): void {
  if (on === listening) return;
  listening = on;
  for (const [event, callback, spec] of captureListeners) {
    if (on) event.addListener(callback, filter, spec);
    else event.removeListener(callback);
  }
}
setListening(true);

function toEvent([name, d]: [WebRequestEventName, Details]): WebRequestEvent {
  const event: WebRequestEvent = {
    event: name,
    requestId: String(d['requestId']),
    tabId: d.tabId,
    url: String(d['url']),
    method: String(d['method']),
    type: String(d['type']),
    timeStamp: Number(d['timeStamp']),
  };
  if (typeof d['initiator'] === 'string') event.initiator = d['initiator'];
  if (Array.isArray(d['requestHeaders'])) event.requestHeaders = d['requestHeaders'] as WebRequestEvent['requestHeaders'];
  if (Array.isArray(d['responseHeaders'])) event.responseHeaders = d['responseHeaders'] as WebRequestEvent['responseHeaders'];
  if (typeof d['statusCode'] === 'number') event.statusCode = d['statusCode'];
  if (typeof d['redirectUrl'] === 'string') event.redirectUrl = d['redirectUrl'];
  if (typeof d['error'] === 'string') event.error = d['error'];
  if (typeof d['fromCache'] === 'boolean') event.fromCache = d['fromCache'];
  return event;
}

async function flush(): Promise<void> {
  flushScheduled = false;
  await restored;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  const started = performance.now();
  const changes = store.ingest(batch.map(toEvent), Date.now());
  stats.events += batch.length;
  stats.batches++;
  stats.ingestMs += performance.now() - started;
  publish(changes);
}

// ---- Panels ---------------------------------------------------------------------------------

const subscribers = new Map<number, Set<CaptureTransport>>();

function sendTo(tabId: number, message: CaptureMessage): void {
  for (const transport of subscribers.get(tabId) ?? []) transport.send(message);
}

function sendStatus(tabId: number): void {
  sendTo(tabId, { source: 'cors-inspector-capture', type: 'status', tabId, settings: store.settings(tabId), status: store.status(tabId) });
}

function publish(changes: TabChange[]): void {
  for (const change of changes) {
    const { tabId } = change;
    if (change.cleared) sendTo(tabId, { source: 'cors-inspector-capture', type: 'cleared', tabId });
    if (change.upserted.length > 0) sendTo(tabId, { source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges: change.upserted });
    if (change.statusChanged) sendStatus(tabId);
  }
  if (changes.length > 0) schedulePersist();
}

const precise = new PreciseMode({
  onVerdicts: (tabId, reports) => {
    if (!store.has(tabId)) return;
    const changed = store.addBrowserVerdicts(tabId, reports);
    if (changed.length > 0) {
      sendTo(tabId, { source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges: changed });
      schedulePersist();
    }
  },
  onDetached: (tabId, reason) => {
    if (!store.has(tabId)) return;
    store.setSettings(tabId, { preciseMode: false });
    store.setStatus(tabId, { problem: `Precise mode ended: ${reason}.` });
    sendStatus(tabId);
    schedulePersist();
  },
});

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

async function handlePanelMessage(transport: CaptureTransport, message: PanelMessage): Promise<void> {
  await restored;
  const { tabId } = message;
  switch (message.type) {
    case 'subscribe': {
      const isNew = !store.has(tabId);
      store.ensureTab(tabId);
      setListening(true);
      let set = subscribers.get(tabId);
      if (!set) subscribers.set(tabId, (set = new Set()));
      set.add(transport);
      const fallback = (await hostAccess()) ? 'none' : 'devtools-network';
      if (store.status(tabId).fallback !== fallback) store.setStatus(tabId, { fallback });
      const snapshot = store.snapshot(tabId);
      transport.send({ source: 'cors-inspector-capture', type: 'snapshot', tabId, ...snapshot });
      if (isNew) schedulePersist();
      break;
    }
    case 'clear':
      store.ensureTab(tabId);
      setListening(true);
      store.clear(tabId);
      sendTo(tabId, { source: 'cors-inspector-capture', type: 'cleared', tabId });
      sendStatus(tabId);
      schedulePersist();
      break;
    case 'set-settings': {
      store.ensureTab(tabId);
      setListening(true);
      const { preserveLog, preciseMode } = message.settings;
      if (preserveLog !== undefined) store.setSettings(tabId, { preserveLog });
      if (preciseMode !== undefined) {
        const problem = preciseMode ? await precise.attach(tabId) : await precise.detach(tabId);
        store.setSettings(tabId, { preciseMode: preciseMode && problem === null });
        store.setStatus(tabId, { problem: problem ?? undefined });
      }
      sendStatus(tabId);
      schedulePersist();
      break;
    }
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  // Only the extension's own pages may connect (onConnect never hears web pages without
  // externally_connectable), but check anyway: the port's sender must be this extension.
  if (port.sender?.id !== chrome.runtime.id) {
    port.disconnect();
    return;
  }
  const transport = createCapturePortTransport(port);
  const stop = transport.listen((message) => void handlePanelMessage(transport, message));
  port.onDisconnect.addListener(() => {
    stop();
    for (const set of subscribers.values()) set.delete(transport);
  });
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void restored.then(async () => {
    if (!store.has(tabId)) return;
    store.removeTab(tabId);
    subscribers.delete(tabId);
    if (store.tabIds().length === 0) setListening(false);
    await precise.detach(tabId);
    const all = await chrome.storage.session.get(null);
    await chrome.storage.session.remove(Object.keys(all).filter((key) => key.startsWith(`tab:${tabId}:`)));
  });
});

// ---- Persistence ----------------------------------------------------------------------------
// Keys: `tab:<id>:meta` (settings, status, in-flight events, chunk list) and `tab:<id>:chunk:<n>`
// (exchanges, CHUNK_SIZE a piece). Only changed chunks are rewritten.

let persistScheduled = false;
let persisting: Promise<void> = Promise.resolve();

function schedulePersist(): void {
  if (persistScheduled) return;
  persistScheduled = true;
  setTimeout(() => {
    persistScheduled = false;
    persisting = persisting.then(persist, persist);
  }, PERSIST_DELAY_MS);
}

async function persist(): Promise<void> {
  const started = performance.now();
  const writes = store.takeWrites();
  if (writes.length === 0) return;
  stats.writes++;
  const items: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const write of writes) {
    items[`tab:${write.tabId}:meta`] = write.meta;
    for (const [index, chunk] of write.chunks) items[`tab:${write.tabId}:chunk:${index}`] = chunk;
    for (const index of write.removedChunks) removed.push(`tab:${write.tabId}:chunk:${index}`);
  }
  try {
    if (removed.length > 0) await chrome.storage.session.remove(removed);
    await chrome.storage.session.set(items);
    stats.persistMs += performance.now() - started;
  } catch (error) {
    // Most likely the session storage quota: the capture goes on in memory.
    for (const write of writes) {
      store.setStatus(write.tabId, { problem: `Could not save the capture (${String(error)}); it is kept in memory only.` });
      sendStatus(write.tabId);
    }
  }
}

async function restore(): Promise<void> {
  try {
    // Session storage is readable by this worker only (the default access level).
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      const match = /^tab:(\d+):meta$/.exec(key);
      if (!match) continue;
      const tabId = Number(match[1]);
      const meta = value as PersistedTabMeta;
      const chunks = meta.chunks
        .map((index) => all[`tab:${tabId}:chunk:${index}`] as PersistedChunk | undefined)
        .filter((chunk): chunk is PersistedChunk => chunk !== undefined);
      store.restore(tabId, meta, chunks);
      // The debugger attachment may outlive this worker, its event listener does not: attach again.
      if (meta.settings.preciseMode) {
        void precise.attach(tabId).then((problem) => {
          if (problem === null) return;
          store.setSettings(tabId, { preciseMode: false });
          store.setStatus(tabId, { problem });
          sendStatus(tabId);
        });
      }
    }
  } finally {
    ready = true;
    if (store.tabIds().length === 0) setListening(false);
  }
}

const restored: Promise<void> = restore();
