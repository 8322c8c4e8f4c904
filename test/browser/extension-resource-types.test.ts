// The webRequest listeners are registered only for the resource types a CORS request or its
// preflight can have (browser/chromium.ts `corsTypes`). What that must not lose: every kind of
// CORS request a page makes besides fetch (a `crossorigin` image, stylesheet, module script, a
// font, a preloaded fetch, a `sendBeacon` whose preflight has another type than its request); what
// it leaves out (an iframe's navigation, a WebSocket handshake) is not an exchange either way, nor
// is a plain no-cors image (same type as a crossorigin one: the mapping tells them apart). The
// beacon is allowed (credentials): one a failed preflight blocks is not captured, before the
// filter as after (its request is typed `ping` and never shows its headers).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let api: Server;
let site: Server;
let apiOrigin: string;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

const BODIES: Record<string, [type: string, body: string]> = {
  '/font.woff2': ['font/woff2', 'x'],
  '/module.js': ['text/javascript', 'export default 1;'],
  '/style.css': ['text/css', 'p {}'],
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  api = createServer((req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type, x-trace', 'access-control-allow-methods': 'PUT', 'access-control-allow-credentials': 'true' } : {};
    const [type, body] = BODIES[req.url ?? ''] ?? ['image/gif', 'GIF89a'];
    res.writeHead(200, { ...cors, 'content-type': type });
    res.end(body);
  });
  apiOrigin = await listen(api);
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>types</title><body>');
  });
  const pageUrl = await listen(site);
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(pageUrl);
  tabId = await tabIdOf(browser, page);
  await openPanelTab(browser, tabId);
});

afterAll(async () => {
  await browser?.close();
  api?.closeAllConnections();
  api?.close();
  site?.close();
});

it('captures every kind of CORS request, and only those', async () => {
  await page.evaluate((origin) => {
    const add = (html: string): void => document.body.insertAdjacentHTML('beforeend', html);
    add(`<style>@font-face { font-family: F; src: url(${origin}/font.woff2); } p { font-family: F; }</style><p>text</p>`);
    add(`<img src="${origin}/plain.gif"><img crossorigin src="${origin}/cors.gif">`);
    add(`<link rel="stylesheet" crossorigin href="${origin}/style.css"><link rel="preload" as="fetch" crossorigin href="${origin}/preload">`);
    add(`<iframe src="${origin}/frame"></iframe>`);
    const script = document.createElement('script');
    script.type = 'module';
    script.src = `${origin}/module.js`;
    document.body.append(script);
    void fetch(`${origin}/put`, { method: 'PUT', headers: { 'x-trace': '1' } });
    navigator.sendBeacon(`${origin}/beacon`, new Blob(['{}'], { type: 'application/json' }));
    try {
      new WebSocket(`${origin.replace('http', 'ws')}/socket`).onerror = () => undefined;
    } catch {
      // Refused at once: nothing to capture either way.
    }
  }, apiOrigin);

  const wanted = ['/cors.gif', '/style.css', '/preload', '/font.woff2', '/module.js', '/put', '/beacon'].map((path) => apiOrigin + path);
  const exchanges = await waitFor(async () => {
    const all = await storedExchanges(browser, tabId);
    const done = all.filter((x) => !x.pending);
    return wanted.every((url) => done.some((x) => x.exchange.hops[0]!.url === url)) ? all : undefined;
  }, 'every CORS request captured');
  const urls = exchanges.map((x) => x.exchange.hops[0]!.url);
  expect(urls).not.toContain(`${apiOrigin}/plain.gif`);
  expect(urls).not.toContain(`${apiOrigin}/frame`);
  expect(urls.some((url) => url.startsWith('ws'))).toBe(false);
  // The preflights were seen too: the fetch's (typed `xmlhttprequest`) and the beacon's (`other`).
  const preflighted = (url: string) => exchanges.find((x) => x.exchange.hops[0]!.url === url)?.exchange.hops[0]!.preflight;
  expect(preflighted(`${apiOrigin}/put`)).toBeDefined();
  expect(preflighted(`${apiOrigin}/beacon`)).toBeDefined();
});
