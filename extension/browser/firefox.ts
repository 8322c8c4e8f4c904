// Firefox's side of browser-specifics.ts.

import browser from 'webextension-polyfill';
import { detailsFromFirefox } from '../../src/capture/index.ts';
import type { BrowserSpecifics } from './browser-specifics.ts';

const NO_PRECISE_MODE = 'Precise mode reads Chromium’s DevTools protocol, which Firefox does not offer to extensions: the verdicts shown are the engine’s, from the headers.';

export const BROWSER: BrowserSpecifics = {
  name: 'firefox',
  // Firefox shows preflights and every header to any listener; it has no such option to ask for.
  extraInfoSpec: [],
  details: detailsFromFirefox,
  // Firefox's names (MDN `webRequest.ResourceType`): as Chromium's list, with `beacon` for
  // `sendBeacon`, `imageset` for srcset images, `web_manifest`, `xslt`, `xml_dtd`. Left out:
  // `sub_frame`, `websocket`, `object`, `object_subrequest`, `speculative` (never CORS requests).
  corsTypes: ['main_frame', 'xmlhttprequest', 'other', 'ping', 'beacon', 'script', 'stylesheet', 'image', 'imageset', 'font', 'media', 'csp_report', 'web_manifest', 'xslt', 'xml_dtd'],
  precise: () => ({ attach: () => Promise.resolve(NO_PRECISE_MODE), detach: () => Promise.resolve() }),
  onThemeChanged(handler) {
    browser.devtools?.panels?.onThemeChanged?.addListener(handler);
  },
};
