// The set-up most extension tests share: the demo servers, Chromium with the built extension, and
// the demo page open in a tab (in `?manual` mode: nothing runs until the test says so).

import type { Page } from 'playwright';
import { startDemo, type DemoServers } from '../../../demo/server.ts';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from './launch.ts';

export interface DemoTab {
  demo: DemoServers;
  browser: ExtensionBrowser;
  page: Page;
  tabId: number;
  close(): Promise<void>;
}

export async function openDemoTab(): Promise<DemoTab> {
  const demo = await startDemo();
  const browser = await launchWithExtension();
  const page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  const tabId = await tabIdOf(browser, page);
  return {
    demo,
    browser,
    page,
    tabId,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}
