// The plain page (src/ui/plain: the panel with a memory transport and a fake capture side), served
// by a Vite dev server on 127.0.0.1, and the system Chromium to drive it. No build needed.

import preact from '@preact/preset-vite';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright';
import { expect } from 'playwright/test';
import { createServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchPlain } from './launch.ts';

const PLAIN_ROOT = fileURLToPath(new URL('../../../src/ui/plain/', import.meta.url));

export interface PlainPage {
  browser: Browser;
  /** A page of its own context (axe needs one), at `?query`, once the list is shown. */
  open(query: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Uncaught exceptions of a page opened here: a hostile value that ran would likely throw too. */
  errors(page: Page): string[];
  close(): Promise<void>;
}

export async function startPlainPage(): Promise<PlainPage> {
  const server = await createServer({
    configFile: false,
    root: PLAIN_ROOT,
    plugins: [preact()],
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false },
    // Preact is ESM already; serving it as is avoids a dependency pre-bundling pass and its reload.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const base = `http://127.0.0.1:${(server.httpServer?.address() as AddressInfo).port}/`;
  const browser = await launchPlain();
  const uncaught = new WeakMap<Page, string[]>();
  return {
    browser,
    async open(query, viewport = { width: 1280, height: 760 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      uncaught.set(page, errors);
      await page.goto(`${base}?${query}`);
      await expect(page.getByRole('listbox', { name: 'Cross-origin requests' })).toBeVisible();
      return page;
    },
    errors: (page) => uncaught.get(page) ?? [],
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Starts the plain page before the file's tests and closes it after them; read it inside a test. */
export function plainPageForTests(): () => PlainPage {
  let plain: PlainPage | undefined;
  beforeAll(async () => {
    plain = await startPlainPage();
  });
  afterAll(async () => {
    await plain?.close();
  });
  return () => {
    if (!plain) throw new Error('the plain page is not started');
    return plain;
  };
}
