// The Firefox browser tests' helpers: the driver (scripts/firefox-driver.ts), the demo in
// Firefox, and Firefox's console.

import { GALLERY } from '../../../demo/gallery.ts';
import { startDemo, type DemoServers } from '../../../demo/server.ts';
import { waitFor } from '../../../scripts/devtools-frontend.ts';
import { capturedTabs, consoleMessages, launchFirefox, tabIdOf, type ExtensionPage, type FirefoxBrowser, type FirefoxConsoleMessage } from '../../../scripts/firefox-driver.ts';

export { capturedTabs, launchFirefox, storedExchanges, type ExtensionPage, type ExtensionTab, type FirefoxBrowser } from '../../../scripts/firefox-driver.ts';
export { panelRows, type PanelRow } from '../../../scripts/firefox-toolbox.ts';

/** Firefox's console: each blocked request's CORS reason (the message's category), by the URL it names. */
export async function corsConsoleReasons(firefox: FirefoxBrowser): Promise<FirefoxConsoleMessage[]> {
  return (await consoleMessages(firefox)).filter((m) => m.category.startsWith('CORS'));
}

export interface DemoInFirefox {
  demo: DemoServers;
  firefox: FirefoxBrowser;
  /** An extension page (the panel without a tab): reads the background's capture. */
  extensionPage: ExtensionPage;
  /** The tab of the demo page. */
  tabId: number;
  close(): Promise<void>;
}

/**
 * The demo servers, Firefox with the extension and the toolbox open, the demo page in its tab (in
 * `?manual` mode: nothing runs until the test says so), once the toolbox's devtools page has
 * started the capture of the tab (no panel has subscribed yet).
 */
export async function openDemoInFirefox(): Promise<DemoInFirefox> {
  const demo = await startDemo();
  let firefox: FirefoxBrowser | undefined;
  try {
    firefox = await launchFirefox({ devtools: true });
    const pageUrl = `${demo.pageUrl}?manual`;
    await firefox.page.goto(pageUrl);
    const extensionPage = await firefox.openExtensionPage('extension/panel.html');
    const tabId = await tabIdOf(extensionPage, pageUrl);
    await waitFor(async () => ((await capturedTabs(extensionPage)).includes(tabId) ? true : undefined), 'the devtools page to start the capture');
    const opened = firefox;
    return {
      demo,
      firefox,
      extensionPage,
      tabId,
      async close() {
        await opened.close();
        await demo.close();
      },
    };
  } catch (error) {
    await firefox?.close();
    await demo.close();
    throw error;
  }
}

/** The URL the demo page calls for an endpoint's variant. */
export function demoUrl(demo: DemoServers, id: string, variant: 'broken' | 'fixed'): string {
  const endpoint = GALLERY.find((e) => e.id === id)!;
  return endpoint.target?.(demo, variant) ?? `${demo.apiOrigin}/${variant}/${id}`;
}

/** Every call the demo page makes: each endpoint, broken then fixed. */
export const DEMO_RUNS = GALLERY.flatMap((endpoint) => (['broken', 'fixed'] as const).map((variant) => ({ endpoint, variant })));

