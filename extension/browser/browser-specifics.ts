// What differs between the browsers the extension runs in, in one place. Everything else in
// extension/ calls `browser.*` (webextension-polyfill), the same in both. Each build includes one
// implementation: `chromium.ts` in `dist/` and `dist-precise/`, `firefox.ts` in `dist-firefox/`
// (vite.config.ts makes `current.ts` stand for it).

import type { WebRequestDetails } from '../../src/capture/index.ts';
import type { PreciseControl, PreciseModeHooks } from '../precise-mode.ts';

/** How webRequest is asked, and what it answers. */
export interface WebRequestSpecifics {
  /** Added to every listener's extraInfoSpec. */
  readonly extraInfoSpec: readonly 'extraHeaders'[];
  /**
   * The resource types the listeners are registered for (the filter's `types`): every type a
   * request the capture keeps, or its preflight, can have in this browser, and `main_frame` (a new
   * document clears the capture). Only what can never be a CORS request is left out.
   */
  readonly corsTypes: readonly string[];
  /** A listener's details as the capture reads them (Chromium's shape). */
  details(details: WebRequestDetails): WebRequestDetails;
}

export interface BrowserSpecifics extends WebRequestSpecifics {
  readonly name: 'chromium' | 'firefox';
  /** Precise mode: the browser's own verdict of each request, where the browser can give one. */
  precise(hooks: PreciseModeHooks): PreciseControl;
  /** Calls `handler` with DevTools' new theme name whenever the user changes it. */
  onThemeChanged(handler: (name: string) => void): void;
  /**
   * The value of `expression` in the inspected page (a DevTools page only); undefined when it
   * threw or cannot be asked.
   */
  evalInInspectedPage(expression: string): Promise<unknown>;
}
