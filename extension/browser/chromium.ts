// Chromium's side of browser-specifics.ts.

import { type DebuggerApi, PreciseMode } from '../precise-mode.ts';
import type { BrowserSpecifics } from './browser-specifics.ts';

/**
 * `chrome.debugger`: Chromium only (not in webextension-polyfill, no Firefox equivalent), and only in
 * the precise build, whose manifest has the permission (the default build's has not: there
 * `chrome.debugger` is undefined).
 */
function chromeDebuggerApi(): DebuggerApi {
  return {
    hasPermission: async () => chrome.debugger !== undefined && (await chrome.permissions.contains({ permissions: ['debugger'] })),
    attach: (tabId, version) => chrome.debugger.attach({ tabId }, version),
    detach: (tabId) => chrome.debugger.detach({ tabId }),
    sendCommand: (tabId, method, params) => chrome.debugger.sendCommand({ tabId }, method, params),
    onEvent: (listener) => chrome.debugger.onEvent.addListener((source, method, params) => listener(source.tabId, method, params)),
    onDetach: (listener) => chrome.debugger.onDetach.addListener((source, reason) => listener(source.tabId, String(reason))),
  };
}

export const BROWSER: BrowserSpecifics = {
  name: 'chromium',
  // Without 'extraHeaders' Chromium hides preflights, `Cookie` and the raw response headers from
  // webRequest (each listener with it costs the page a little).
  extraInfoSpec: ['extraHeaders'],
  details: (details) => details,
  // Checked on Chromium 156 (the types webRequest gave each request of a page making one of every
  // kind): fetch, XHR, EventSource and a fetch's preflight are `xmlhttprequest`; a `sendBeacon`
  // is `ping` but its preflight `other`, as is `<link rel=preload as=fetch>`; `crossorigin` images,
  // media, stylesheets, classic and module scripts and every font are CORS requests of their own
  // type (the filter cannot tell them from no-cors ones: the mapping does). Left out: `sub_frame`
  // (a navigation), `websocket` (an Origin, but no CORS check), `object` (always no-cors).
  corsTypes: ['main_frame', 'xmlhttprequest', 'other', 'ping', 'script', 'stylesheet', 'image', 'font', 'media', 'csp_report', 'webbundle'],
  // `chrome.debugger`: Chromium's own verdict (`Network.loadingFailed.corsErrorStatus`).
  precise: (hooks) => new PreciseMode(hooks, chromeDebuggerApi()),
  onThemeChanged(handler) {
    // Not in the polyfill's types: Chromium's own name for it.
    const panels = chrome.devtools?.panels as { setThemeChangeHandler?: (handler: (name: string) => void) => void } | undefined;
    panels?.setThemeChangeHandler?.(handler);
  },
  // Chromium's own callback: the polyfill's promise for it was never settled (Chromium 156, in a
  // panel's page).
  evalInInspectedPage: (expression) =>
    new Promise((resolve) => {
      const inspected = chrome.devtools?.inspectedWindow;
      if (!inspected) return resolve(undefined);
      inspected.eval(expression, (result: unknown, exception: unknown) => resolve(exception ? undefined : result));
    }),
};
