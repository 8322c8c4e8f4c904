// The Firefox proofs' page: the conformance harness's page (with `runScenario`) on its own
// 127.0.0.1 port, and Firefox ESR (test/conformance/firefox.ts) with a tab to load it in.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type LaunchedFirefox } from '../conformance/firefox.ts';
import { pageHtml } from '../conformance/servers.ts';

export interface FirefoxPage {
  firefox: LaunchedFirefox;
  tab: Page;
  /** The page's origin, `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export async function openFirefoxPage(): Promise<FirefoxPage> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  let firefox: LaunchedFirefox;
  try {
    firefox = await launchFirefox();
  } catch (error) {
    await close();
    throw error;
  }
  const tab = (await firefox.browser.pages())[0] ?? (await firefox.browser.newPage());
  return {
    firefox,
    tab,
    origin,
    async close() {
      await firefox.close();
      await close();
    },
  };
}
