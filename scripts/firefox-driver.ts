// Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core (Playwright cannot drive a
// stock Firefox), with or without the Firefox build of the extension (`dist-firefox/`, made by
// `npm run build`): for the browser tests (test/browser/helpers/firefox.ts) and `npm start -- --firefox`.
// The DevTools toolbox and the CORS panel in it: scripts/firefox-toolbox.ts.
//
// What automation cannot do in Firefox, and what is done instead:
// - navigate to a `moz-extension://` URL: the browser's own chrome (the parent process, reachable
//   over BiDi with `--remote-allow-system-access`) opens the extension page in a new tab, and BiDi
//   then evaluates in that tab like in any page;
// - reach the extension's background page: an extension page asks for it
//   (`runtime.getBackgroundPage()`, which also wakes it when it was suspended).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { WorkerDebugGlobals } from '../extension/service-worker.ts';
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { waitFor } from './devtools-frontend.ts';

export const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
export const DIST_FIREFOX = resolve(import.meta.dirname, '../dist-firefox');

export interface FirefoxOptions {
  /** Install `dist-firefox/` (the default). */
  extension?: boolean;
  /** Open the toolbox for the tab at start (`--devtools`): the extension's devtools page then runs. */
  devtools?: boolean;
  headless?: boolean;
  /** Ctrl-C (and SIGTERM, SIGHUP) are the caller's to handle (`npm start`); puppeteer's otherwise. */
  handleSignals?: boolean;
  /** Preferences besides the driver's own (e.g. the network monitor's HAR export). */
  prefs?: Record<string, string | number | boolean>;
}

export interface FirefoxBrowser {
  browser: Browser;
  /** The tab Firefox opened with (the toolbox is open on it with `devtools`). */
  page: Page;
  /** The extension's id (its gecko id), or null without the extension. */
  extensionId: string | null;
  /** Firefox's version, e.g. `153.0.1`. */
  version: string;
  /** Evaluates `expression` in the browser's chrome (parent process), privileged; awaits a promise. */
  chrome<T>(expression: string): Promise<T>;
  /**
   * A tab showing the extension's page at `path` (e.g. `extension/panel.html?tabId=1`), its
   * viewport tall enough that the panel's list (which draws only the rows in view) shows them all.
   */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<ExtensionTab>;
  close(): Promise<void>;
}

/** A tab showing one of the extension's pages: script runs there with the extension's APIs. */
export interface ExtensionPage {
  /** Evaluates `expression` (a script returning JSON-able data, or a promise of it) in the page. */
  evaluate<T>(expression: string): Promise<T>;
}

/** An extension page in a tab of its own (`openExtensionPage`). */
export interface ExtensionTab extends ExtensionPage {
  /**
   * Clicks at (`x`, `y`) in the page's viewport with the mouse (BiDi `input.performActions`): a
   * user's gesture, which a script's `click()` is not (Firefox lets a page write to the clipboard
   * only on one).
   */
  click(x: number, y: number): Promise<void>;
}

interface BidiResult {
  result: { type: 'success'; result: { type: string; value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
}
interface BidiConnection {
  send(method: string, params: object): Promise<BidiResult & { result: { contexts?: { context: string; url: string }[] } }>;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxBrowser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH}: install Debian's firefox-esr (apt-get install firefox-esr, as scripts/setup.sh does), or set FIREFOX_PATH.`);
  const withExtension = options.extension ?? true;
  if (withExtension && !existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`No Firefox build in ${DIST_FIREFOX}: run \`npm run build\` first.`);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: options.headless ?? true,
      ...(options.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
      args: [...(options.devtools ? ['--devtools'] : []), '--remote-allow-system-access'],
      extraPrefsFirefox: {
        // No network but loopback, nothing running in the background.
        'network.proxy.type': 0,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'extensions.update.enabled': false,
        ...options.prefs,
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot start ${FIREFOX_PATH} (Debian package firefox-esr; run scripts/setup.sh): ${reason}`);
  }
  try {
    const extensionId = withExtension ? await browser.installExtension(DIST_FIREFOX) : null;
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const evaluateIn = async <T>(context: string, expression: string): Promise<T> => {
      const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true, resultOwnership: 'none' });
      if (result.type === 'exception') throw new Error(`in Firefox: ${result.exceptionDetails.text}`);
      const value = result.result;
      return (value.type === 'string' ? JSON.parse(String(value.value)) : undefined) as T;
    };
    const contexts = async (scope: 'chrome' | 'content'): Promise<{ context: string; url: string }[]> =>
      (await connection.send('browsingContext.getTree', scope === 'chrome' ? { 'moz:scope': 'chrome' } : {})).result.contexts ?? [];
    // Every evaluation returns its result as JSON text: BiDi's own serialization stops at a depth.
    const asJson = (expression: string): string => `(async () => JSON.stringify(await (${expression})))()`;
    const chrome = async <T>(expression: string): Promise<T> => {
      const windows = await contexts('chrome');
      const window = windows.find((c) => c.url === 'chrome://browser/content/browser.xhtml') ?? windows[0];
      if (!window) throw new Error('Firefox has no browser window');
      return evaluateIn<T>(window.context, asJson(expression));
    };
    return {
      browser,
      page,
      extensionId,
      version: (await browser.version()).replace(/^firefox\//i, ''),
      chrome,
      async openExtensionPage(path, viewport = { width: 1400, height: 4000 }) {
        if (extensionId === null) throw new Error('launched without the extension');
        const url = await chrome<string>(`WebExtensionPolicy.getByID(${JSON.stringify(extensionId)}).getURL(${JSON.stringify(path)})`);
        await chrome(`(gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }), null)`);
        const context = await waitFor(async () => (await contexts('content')).find((c) => c.url === url)?.context, `the tab of ${url}`);
        await connection.send('browsingContext.setViewport', { context, viewport });
        // Loaded far enough for its script to have run (module scripts are deferred).
        await waitFor(() => evaluateIn<boolean>(context, asJson(`document.readyState === 'complete' || undefined`)), `${url} to load`);
        return {
          evaluate: (expression) => evaluateIn(context, asJson(expression)),
          async click(x, y) {
            const at = { x: Math.round(x), y: Math.round(y) };
            await connection.send('input.performActions', {
              context,
              actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', ...at }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
            });
          },
        };
      },
      async close() {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** One of Firefox's console messages (an nsIScriptError): a CORS block's category names its reason. */
export interface FirefoxConsoleMessage {
  category: string;
  message: string;
  warning: boolean;
}

/** Firefox's console (script errors and warnings, from every page), oldest first; `forget` empties it after. */
export function consoleMessages(firefox: Pick<FirefoxBrowser, 'chrome'>, { forget = false } = {}): Promise<FirefoxConsoleMessage[]> {
  return firefox.chrome(`(() => {
    const all = Services.console.getMessageArray() || [];
    if (${forget}) Services.console.reset();
    return all.filter((m) => m instanceof Ci.nsIScriptError)
      .map((m) => ({ category: m.category, message: m.errorMessage, warning: (m.flags & Ci.nsIScriptError.warningFlag) !== 0 }));
  })()`);
}

/** The debug globals of the extension's background page, as an extension page reaches them. */
const BACKGROUND = `browser.runtime.getBackgroundPage()`;

/**
 * A tab's capture as the background reads it back from its log (not from memory); [] when none.
 * `writeNow`: a write still waiting for its delay (the traffic quiet for a second) is made first.
 */
export function storedExchanges(extensionPage: ExtensionPage, tabId: number, { writeNow = false } = {}): Promise<CapturedExchange[]> {
  const ready = writeNow ? 'corsInspectorWritten' : 'corsInspectorSettled';
  return extensionPage.evaluate<CapturedExchange[]>(
    `${BACKGROUND}.then(async (w) => { await w.${ready}(); return (await w.corsInspectorStored(${tabId}))?.exchanges ?? []; })`,
  );
}

/** The tabs the background captures now. */
export function capturedTabs(extensionPage: ExtensionPage): Promise<ReturnType<WorkerDebugGlobals['corsInspectorTabs']>> {
  return extensionPage.evaluate(`${BACKGROUND}.then((w) => w.corsInspectorTabs())`);
}

/** The id of the tab showing `url`, as the extension knows it. */
export async function tabIdOf(extensionPage: ExtensionPage, url: string): Promise<number> {
  return waitFor(() => extensionPage.evaluate<number | undefined>(`browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id)`), `a tab on ${url}`);
}

