// Stopping the extension's service worker the way Chromium does when it is idle: DevTools
// protocol `ServiceWorker.stopWorker`, sent from a session on one of the extension's own pages
// (the ServiceWorker domain only lists the workers of its target's storage partition).

import type { Page } from 'playwright';
import type { ExtensionBrowser } from './launch.ts';

export async function stopExtensionServiceWorker(browser: ExtensionBrowser, extensionPage: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(extensionPage);
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const states: string[] = [];
  let versionId: string | null = null;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (!version.scriptURL.startsWith(prefix)) continue;
      versionId ??= version.versionId;
      states.push(version.runningStatus);
      if (version.runningStatus === 'stopped') resolveStopped();
    }
  });
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < 50 && versionId === null; i++) await new Promise((r) => setTimeout(r, 100));
  if (versionId === null) throw new Error('the extension service worker was not listed');
  await cdp.send('ServiceWorker.stopWorker', { versionId });
  await Promise.race([stopped, new Promise((_, reject) => setTimeout(() => reject(new Error(`not stopped: ${states.join(',')}`)), 10_000))]);
  await cdp.detach();
}
