// `npm start` as a user meets it, headless (no display): the demo loads in the tab (not
// about:blank), DevTools shows the CORS panel listing the demo's requests, what is printed lets a
// server reach the browser, Chromium's own stderr stays out of the terminal, and Ctrl-C stops the
// browser and the servers, exit status 0. Runs on the suite's build (`--no-build`).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright';
import { afterAll, expect, it } from 'vitest';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { listening } from './helpers/net.ts';
import { npmStart, type NpmStart } from './helpers/npm-start.ts';

let start: NpmStart | undefined;

afterAll(() => start?.killIfRunning());

it('shows the demo and the CORS panel with its rows, and stops cleanly on Ctrl-C', { timeout: 240_000 }, async () => {
  start = npmStart([]);
  const { child, exited, printed } = start;

  const [ready] = await printed(/✔ CORS panel showing (\d+) requests of the demo \((\d+) failed\).*\d s after npm start\./, 'the "panel showing" line');
  expect(ready).toBeTruthy();
  const pageUrl = (await printed(/page: +(http:\/\/127\.0\.0\.1:\d+\/)/, 'the page URL'))[1]!;
  const apiOrigin = (await printed(/api: +(http:\/\/127\.0\.0\.1:\d+)/, 'the API origin'))[1]!;
  const extensionId = (await printed(/\(id ([a-p]{32})\)/, 'the extension id'))[1]!;
  const address = (await printed(/over the DevTools protocol: +(http:\/\/127\.0\.0\.1:\d+)/, 'the debugging address'))[1]!;
  const log = (await printed(/its own messages go to (\S+)/, "Chromium's log"))[1]!;
  const har = (await printed(/cors-inspector explain (\S+\.har)/, 'the HAR'))[1]!;
  const screenshot = (await printed(/DevTools with the CORS panel, as it is now: +(\S+\.png)/, 'the screenshot'))[1]!;

  // Through the printed address, as one would from a server.
  const browser = await chromium.connectOverCDP(address);
  try {
    const context = browser.contexts()[0]!;
    const page = context.pages().find((p) => !p.url().startsWith('devtools://'));
    expect(page?.url()).toBe(pageUrl);
    expect(await page!.locator('body').getAttribute('data-done')).toBe('true');

    const devtools = await DevtoolsDriver.connect({ context });
    const frontend = await devtools.frontendFor(pageUrl);
    expect(await devtools.selectedPanel(frontend)).toContain(extensionId);
    const panelFrame = await devtools.extensionFrame(extensionId, 'extension/panel.html');
    const rows = await devtools.panelRows(panelFrame);
    expect(Number(rows[0]?.size)).toBe(Number(ready.match(/showing (\d+)/)![1]));
    expect(rows.some((row) => row.verdict === 'blocked' && row.label.includes(`${apiOrigin}/broken/`))).toBe(true);
    // The printed screenshot is DevTools' own part of the window (docked, the page's part of a
    // headless window is drawn blank: it was half white, first-run review s40). A PNG's size is in
    // its IHDR chunk, bytes 16-23.
    const png = readFileSync(screenshot);
    const devtoolsBox = (await devtools.devtoolsBox(frontend))!;
    const windowWidth = await devtools.evaluate<number>(frontend, 'innerWidth');
    expect(devtoolsBox.width).toBeLessThan(windowWidth);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.round(devtoolsBox.width), Math.round(devtoolsBox.height)]);
  } finally {
    // Disconnects only: the browser belongs to npm start.
    await browser.close();
  }
  // What a server can read without a browser: Chromium's log and a HAR the CLI explains.
  expect(existsSync(log)).toBe(true);
  expect(readFileSync(har, 'utf8')).toContain(`${apiOrigin}/broken/missing-allow-origin`);
  // Nothing of Chromium's own stderr (the Debian wrapper, GPU lines) is printed as ours.
  expect(start.stderr()).toBe('');
  expect(child.exitCode).toBeNull();

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  for (const url of [pageUrl, apiOrigin, address]) expect(await listening(Number(new URL(url).port))).toBe(false);
  // A clean stop leaves no profile behind, and keeps what it printed for use after it: the HAR
  // the printed `cors-inspector explain` reads (first-run review s40: Ctrl-C deleted it).
  expect(existsSync(log)).toBe(false);
  expect(readFileSync(har, 'utf8')).toContain(`${apiOrigin}/broken/missing-allow-origin`);
  rmSync(dirname(har), { recursive: true, force: true });
});
