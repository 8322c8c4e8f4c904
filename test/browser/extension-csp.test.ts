// The extension's pages run under an explicit content security policy (manifest.json,
// `content_security_policy.extension_pages`): scripts only from the extension itself, no eval, no
// plugins, and no network at all (`connect-src 'none'`: the panel and the worker talk to nothing but
// each other). The built pages load under it without a single violation.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { DIST, launchWithExtension, openPanelTab, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { startRealisticServers, type RealisticServers } from './helpers/realistic-api.ts';

let servers: RealisticServers;
let browser: ExtensionBrowser;

beforeAll(async () => {
  servers = await startRealisticServers();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

/** `directive → sources` of a policy string. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

it('the built manifest declares the policy for extension pages', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { content_security_policy?: { extension_pages?: string } };
  const policy = directives(manifest.content_security_policy?.extension_pages ?? '');
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('connect-src')).toEqual(["'none'"]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
});

/** The console errors and uncaught exceptions of a page, from the moment it opens. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

it('the panel loads and works under it, without a violation; eval and the network are refused', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/`);
  const tabId = await tabIdOf(browser, page);
  const panel = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  const errors = watchErrors(panel);
  // Loaded again with the listeners in place from the start, the UI's lazy chunk and styles included.
  await panel.reload();
  await panel.getByRole('toolbar').waitFor();
  expect(await panel.evaluate(() => getComputedStyle(document.querySelector('.cp-toolbar')!).display)).not.toBe('inline');
  await page.evaluate((url) => fetch(url).then((r) => r.status), `${servers.apiOrigin}/item/under-csp`);
  await waitFor(async () => {
    const size = await panel.$eval('[role="option"]', (el) => Number(el.getAttribute('aria-setsize'))).catch(() => 0);
    return size === 1 ? true : undefined;
  }, 'the panel listing the request');
  expect(errors).toEqual([]);

  // The policy is enforced, not only declared: what it forbids fails, and is reported.
  // (Run from the page itself: code the DevTools protocol evaluates is exempt from eval checks.)
  const refused = await panel.evaluate(async (url) => {
    const page = window as unknown as Record<string, unknown>;
    const violated: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violated.push(event.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.ranInline = true';
    document.head.append(inline);
    // A string handler is eval: refused without 'unsafe-eval'.
    setTimeout('window.ranEval = true' as unknown as () => void, 0);
    const fetched = await fetch(url).then(() => 'fetched', (error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { inline: page['ranInline'] === true, evaluated: page['ranEval'] === true, fetched, violated: [...new Set(violated)].sort() };
  }, `${servers.apiOrigin}/item/from-the-panel`);
  expect(refused).toEqual({ inline: false, evaluated: false, fetched: 'TypeError', violated: ['connect-src', 'script-src', 'script-src-elem'] });
  expect(servers.paths).not.toContain('/item/from-the-panel');
  await waitFor(async () => (errors.some((e) => e.includes('Content Security Policy')) ? true : undefined), 'the violation reported');
});
