// Launching Debian's firefox-esr for the conformance harness, over WebDriver BiDi (puppeteer-core;
// Playwright cannot drive a stock Firefox), with what the harness reads from Firefox's own side:
// - the console service of the chrome scope (`--remote-allow-system-access`): Firefox's reason for
//   a blocked request is the `category` of its console message (e.g. `CORSMissingAllowOrigin2`);
// - the DevTools toolbox (`--devtools`) with HAR auto-export on, whose `harAutomation` exports
//   the network monitor's HAR: the same file "Save All As HAR" writes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

function firefoxPath(): string {
  return process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
}

/** One console message of Firefox's (an nsIScriptError). */
export interface FirefoxConsoleMessage {
  category: string;
  message: string;
  warning: boolean;
}

export interface LaunchedFirefox {
  browser: Browser;
  version: string;
  /** The console messages logged since the last call (then forgotten), oldest first. */
  takeConsoleMessages(): Promise<FirefoxConsoleMessage[]>;
  /** The HAR of the selected tab's network monitor, as DevTools exports it (text). */
  exportHar(): Promise<string>;
  close(): Promise<void>;
}

interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: unknown }>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text?: string };
}

const TAKE_CONSOLE = `(() => {
  const all = Services.console.getMessageArray() || [];
  Services.console.reset();
  return JSON.stringify(all.filter((m) => m instanceof Ci.nsIScriptError)
    .map((m) => ({ category: m.category, message: m.errorMessage, warning: (m.flags & Ci.nsIScriptError.warningFlag) !== 0 })));
})()`;

const EXPORT_HAR = `(async () => {
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
  if (!toolbox) throw new Error('no DevTools toolbox on the tab (was Firefox started with --devtools?)');
  if (!toolbox.harAutomation) throw new Error('no HAR automation (devtools.netmonitor.har.enableAutoExportToFile is off)');
  return await toolbox.harAutomation.triggerExport({});
})()`;

/** Starts firefox-esr headless; a missing binary fails with the Debian package to install. */
export async function launchFirefox(): Promise<LaunchedFirefox> {
  const harDir = mkdtempSync(join(tmpdir(), 'cors-firefox-har-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      args: ['--remote-allow-system-access', '--devtools'],
      extraPrefsFirefox: {
        'devtools.netmonitor.har.enableAutoExportToFile': true,
        'devtools.netmonitor.har.defaultLogDir': harDir,
        'devtools.netmonitor.har.includeResponseBodies': false,
        'devtools.toolbox.selectedTool': 'netmonitor',
        'devtools.netmonitor.persistlog': false,
      },
    });
  } catch (e) {
    rmSync(harDir, { recursive: true, force: true });
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`cannot start ${firefoxPath()} (Debian package firefox-esr; run scripts/setup.sh): ${reason}`);
  }
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const chromeContext = async (): Promise<string> => {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as { contexts: { context: string; url: string }[] };
    const top = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml') ?? tree.contexts[0];
    if (top === undefined) throw new Error('no chrome-scope window (was Firefox started with --remote-allow-system-access?)');
    return top.context;
  };
  const context = await chromeContext();
  const evaluate = async (expression: string): Promise<string> => {
    const r = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as EvaluateResult;
    if (r.type !== 'success' || typeof r.result?.value !== 'string') throw new Error(`chrome-scope script failed: ${r.exceptionDetails?.text ?? JSON.stringify(r.result)}`);
    return r.result.value;
  };
  return {
    browser,
    version: (await browser.version()).replace(/^firefox\//i, ''),
    takeConsoleMessages: async () => JSON.parse(await evaluate(TAKE_CONSOLE)) as FirefoxConsoleMessage[],
    exportHar: () => evaluate(EXPORT_HAR),
    close: async () => {
      try {
        await browser.close();
      } finally {
        rmSync(harDir, { recursive: true, force: true });
      }
    },
  };
}
