// Shared launch helpers for browser tests: the system Chromium (never a downloaded one), headless,
// with or without the built extension (`dist/`, or the precise build `dist-precise/`, both made by
// `npm run build`).

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright';

import type { WorkerDebugGlobals } from '../../../extension/service-worker.ts';
import type { CapturedExchange, CaptureSettings } from '../../../src/ui/protocol.ts';
import { chromiumPath, CHROMIUM_ARGS } from '../../conformance/chromium.ts';
import { waitFor } from '../../../scripts/devtools-frontend.ts';

export const CHROMIUM_PATH = chromiumPath();
export const DIST = resolve(import.meta.dirname, '../../../dist');
/** The precise build: the same extension with the `debugger` permission (scripts/precise-manifest.ts). */
export const DIST_PRECISE = resolve(import.meta.dirname, '../../../dist-precise');

/** The flags every browser test uses (no network but loopback, nothing running in the background). */
export const BASE_ARGS = CHROMIUM_ARGS;

/** A plain browser, no extension. */
export function launchPlain(): Promise<Browser> {
  return chromium.launch({ headless: true, executablePath: CHROMIUM_PATH, args: BASE_ARGS });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The profile directory: what the browser wrote to disk. */
  userDataDir: string;
  /** The extension's service worker as it is now (it changes after the worker is stopped). */
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export interface ExtensionLaunchOptions {
  /** Open DevTools for every new tab (`--auto-open-devtools-for-tabs`). */
  devtools?: boolean;
  /** Headed when a display exists and this is false (for `npm start`); tests keep the default. */
  headless?: boolean;
  extraArgs?: string[];
  /** Another build of the extension (`DIST_PRECISE`, or see `patchedDist`); `dist/` by default. */
  dist?: string;
}

/**
 * A copy of `dist/` with its manifest changed, for tests of other permission states (host
 * permissions withheld). Remove it when done.
 */
export function patchedDist(patch: (manifest: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  patch(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return dir;
}

export async function launchWithExtension(options: ExtensionLaunchOptions = {}): Promise<ExtensionBrowser> {
  const dist = options.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`No built extension in ${dist}: run \`npm run build\` first.`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-inspector-profile-'));
  const args = [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, ...BASE_ARGS, ...(options.extraArgs ?? [])];
  if (options.devtools) args.push('--auto-open-devtools-for-tabs');
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: options.headless ?? true,
    executablePath: CHROMIUM_PATH,
    args,
    viewport: { width: 1400, height: 1000 },
  });
  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  };
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker: async () => {
      // After a stop the old Worker object is stale: prefer the newest one.
      const workers = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return workers.at(-1) ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The browser's tab id of `page`, asked of the extension (`chrome.tabs.query` needs no permission for ids). */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  for (let attempt = 0; attempt < 50; attempt++) {
    const worker = await browser.serviceWorker();
    // Without the "tabs" permission `url` is only visible for hosts we have access to (all of them).
    const tabs = await worker.evaluate(() => chrome.tabs.query({}).then((all) => all.map((t) => ({ id: t.id, url: t.url ?? t.pendingUrl }))));
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id !== undefined) return tab.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab with url ${url}`);
}

/** The panel opened as an ordinary tab, subscribed to `tabId`. */
export async function openPanelTab(browser: ExtensionBrowser, tabId: number, viewport = { width: 1400, height: 4000 }): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize(viewport);
  await panel.goto(`chrome-extension://${browser.extensionId}/extension/panel.html?tabId=${tabId}`);
  // The capture of the tab starts when the service worker has handled the subscription: it then
  // has the tab in its store, and writes it to its log.
  await waitFor(async () => ((await isStored(browser, tabId)) ? true : undefined), `the panel's subscription to tab ${tabId}`);
  return panel;
}

/** Whether the worker's log has a capture of the tab (asked inside the worker: the capture may be large). */
async function isStored(browser: ExtensionBrowser, tabId: number): Promise<boolean> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async (tab) => (await (self as unknown as WorkerDebugGlobals).corsInspectorStored(tab)) !== null, tabId);
}

type StoredCapture = NonNullable<Awaited<ReturnType<WorkerDebugGlobals['corsInspectorStored']>>>;

/** What the service worker has stored for a tab (its log in IndexedDB, decrypted), or null. */
export async function storedCapture(browser: ExtensionBrowser, tabId: number): Promise<StoredCapture | null> {
  const worker = await browser.serviceWorker();
  return worker.evaluate((tab) => (self as unknown as WorkerDebugGlobals).corsInspectorStored(tab), tabId);
}

/** The exchanges the service worker has stored for a tab. */
export async function storedExchanges(browser: ExtensionBrowser, tabId: number): Promise<CapturedExchange[]> {
  return (await storedCapture(browser, tabId))?.exchanges ?? [];
}

/** The tabs the service worker captures now. */
export async function capturedTabs(browser: ExtensionBrowser): Promise<number[]> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorTabs());
}

/** Send a settings change as the panel's toolbar does, from an extension page, on a port of its own. */
export async function setCaptureSettings(extensionPage: Page, tabId: number, settings: Partial<CaptureSettings>): Promise<void> {
  await extensionPage.evaluate(
    ([tab, wanted]) =>
      new Promise<void>((resolve) => {
        const port = chrome.runtime.connect({ name: 'cors-inspector-panel' });
        port.onMessage.addListener((message: { type: string }) => {
          if (message.type === 'status') {
            port.disconnect();
            resolve();
          }
        });
        port.postMessage({ source: 'cors-inspector-panel', type: 'subscribe', tabId: tab });
        port.postMessage({ source: 'cors-inspector-panel', type: 'set-settings', tabId: tab, settings: wanted });
      }),
    [tabId, settings] as const,
  );
}

export { waitFor } from '../../../scripts/devtools-frontend.ts';

/** An error Chromium found in the extension's manifest, as chrome://extensions lists it. */
export interface ManifestError {
  manifestKey?: string;
  manifestSpecific?: string;
  message: string;
}

/**
 * The manifest errors chrome://extensions shows for the extension (with Developer mode on, as a
 * person sees them under "Errors"), read with the page's own `chrome.developerPrivate`. Chromium
 * only records them while Developer mode is on, so this turns it on (and off again after) and
 * reloads the extension: its worker and pages start again (call it last, or in a browser of its own). They are read once
 * chrome://extensions hears the reloaded extension is installed (`INSTALLED`), which Chromium's
 * error console, listening longer, hears first and records its manifest's errors on.
 */
export async function manifestErrors(browser: ExtensionBrowser): Promise<ManifestError[]> {
  const page = await browser.context.newPage();
  try {
    await page.goto('chrome://extensions');
    interface DeveloperPrivate {
      updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
      reload(id: string, options: { failQuietly: boolean }): Promise<void>;
      getExtensionInfo(id: string): Promise<{ manifestErrors: ManifestError[] }>;
      onItemStateChanged: { addListener(listener: (event: { event_type: string; item_id: string }) => void): void };
    }
    return await page.evaluate(async (id) => {
      const developer = (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate;
      await developer.updateProfileConfiguration({ inDeveloperMode: true });
      try {
        const installed = new Promise<void>((resolve) => developer.onItemStateChanged.addListener((event) => event.event_type === 'INSTALLED' && event.item_id === id && resolve()));
        await developer.reload(id, { failQuietly: true });
        await installed;
        return (await developer.getExtensionInfo(id)).manifestErrors.map(({ manifestKey, manifestSpecific, message }) => ({ manifestKey, manifestSpecific, message }));
      } finally {
        // Developer mode back off: the tests after this one meet the browser as they would have.
        await developer.updateProfileConfiguration({ inDeveloperMode: false });
      }
    }, browser.extensionId);
  } finally {
    await page.close();
  }
}
