// Firefox's side of browser-specifics.ts.

import browser from 'webextension-polyfill';
import { detailsFromFirefox } from '../../src/capture/index.ts';
import { PRECISE_MODE_HELP } from '../../src/ui/precise-mode-help.ts';
import type { BrowserSpecifics } from './browser-specifics.ts';

/** What turning precise mode on answers, should a panel tick the box it shows disabled here. */
const NO_PRECISE_MODE = PRECISE_MODE_HELP['chromium-only'].explanation;

export const BROWSER: BrowserSpecifics = {
  name: 'firefox',
  // Firefox shows preflights and every header to any listener; it has no such option to ask for.
  extraInfoSpec: [],
  details: detailsFromFirefox,
  // Firefox's names (MDN `webRequest.ResourceType`): as Chromium's list, with `beacon` for
  // `sendBeacon`, `imageset` for srcset images, `web_manifest`, `xslt`, `xml_dtd`. Left out:
  // `sub_frame`, `websocket`, `object`, `object_subrequest`, `speculative` (never CORS requests).
  corsTypes: ['main_frame', 'xmlhttprequest', 'other', 'ping', 'beacon', 'script', 'stylesheet', 'image', 'imageset', 'font', 'media', 'csp_report', 'web_manifest', 'xslt', 'xml_dtd'],
  precise: () => ({ availability: () => Promise.resolve('chromium-only'), attach: () => Promise.resolve(NO_PRECISE_MODE), detach: () => Promise.resolve() }),
  onThemeChanged(handler) {
    browser.devtools?.panels?.onThemeChanged?.addListener(handler);
  },
  evalInInspectedPage: async (expression) => {
    const inspected = browser.devtools?.inspectedWindow;
    if (!inspected) return undefined;
    const [result, exception] = await inspected.eval(expression);
    return exception ? undefined : result;
  },
};
