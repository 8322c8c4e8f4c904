// The Firefox browser tests' helpers: the driver (scripts/firefox-driver.ts), and reading the
// extension's capture and Firefox's console.

import type { FirefoxBrowser } from '../../../scripts/firefox-driver.ts';

export { capturedTabs, launchFirefox, storedExchanges, tabIdOf, type ExtensionPage, type FirefoxBrowser } from '../../../scripts/firefox-driver.ts';

/** Firefox's console: each blocked request's CORS reason (the message's category), by the URL it names. */
export async function corsConsoleReasons(firefox: FirefoxBrowser): Promise<{ category: string; message: string }[]> {
  return firefox.chrome(
    `Services.console.getMessageArray().filter((m) => m instanceof Ci.nsIScriptError && /^CORS/.test(m.category)).map((m) => ({ category: m.category, message: m.errorMessage }))`,
  );
}
