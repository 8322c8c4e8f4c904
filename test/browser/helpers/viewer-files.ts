// Opening a page of the static site (the viewer, the plain panel) and dropping a file on its list as
// a person would: the browser tests that open bundles and HARs share these.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import type { StaticSite } from './static-server.ts';

/** `path` of `site` in a context of its own (1400x900), once its list shows; its page errors collected. */
export async function openListPage(site: StaticSite, path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.base}${path}`);
  await expect(page.getByRole('listbox', { name: 'Cross-origin requests' })).toBeVisible();
  return { page, errors };
}

/** Drops a file on the list the way a person would: a `drop` event carrying it. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([fileName, body]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([body!], fileName!, { type: 'application/json' }));
      const target = document.querySelector('.cp-list')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}
