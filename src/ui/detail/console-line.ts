// Which browser's console line the detail shows, and where. The panel judges by the rules of the
// browser it runs in (`PanelBrowser`, given by the extension): in Firefox's build the console
// section shows Firefox's own line, titled for Firefox, since Chromium's words are not what that
// developer's console shows; the "In Firefox" section then does not repeat it. Only which text goes
// where: the words are the engine's (`Explanation.consoleMessage`, `Explanation.firefox.console`).

import type { Explanation } from '../../cors/index.ts';
import type { PanelBrowser } from '../engine.ts';

interface ConsoleLine {
  /** The section's title, which is also the line's accessible name. */
  title: string;
  text: string;
  /** `cp-console` for Chromium's line, `cp-firefox-console` for Firefox's (styles and tests find them by it). */
  className: 'cp-console' | 'cp-firefox-console';
}

export interface ConsoleLines {
  /** The console section's line: the browser the panel runs in. */
  console: ConsoleLine | null;
  /** Firefox's line inside "In Firefox", where it is not already the console section's. */
  inFirefox: string | null;
}

export function consoleLines(browser: PanelBrowser, explanation: Pick<Explanation, 'consoleMessage' | 'firefox'>): ConsoleLines {
  const firefox = explanation.firefox?.console || null;
  if (browser === 'firefox') {
    return { console: firefox ? { title: 'Firefox console message', text: firefox, className: 'cp-firefox-console' } : null, inFirefox: null };
  }
  const chromium = explanation.consoleMessage || null;
  return { console: chromium ? { title: 'Chromium console message', text: chromium, className: 'cp-console' } : null, inFirefox: firefox };
}
