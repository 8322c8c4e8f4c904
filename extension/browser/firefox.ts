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
  askForPreciseMode: () => Promise.resolve(),
  precise: () => ({ attach: () => Promise.resolve(NO_PRECISE_MODE), detach: () => Promise.resolve() }),
  onThemeChanged(handler) {
    browser.devtools?.panels?.onThemeChanged?.addListener(handler);
  },
};
