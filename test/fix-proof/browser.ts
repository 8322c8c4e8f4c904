// Chromium making the page's request, and what it decided: the verdict from the DevTools protocol
// (`Network.loadingFailed` with `corsErrorStatus` means Chromium blocked it), and the HAR DevTools
// would export for it, built from the same events the conformance harness records.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright';
import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
import { browserRun, isPreflightEvent, mainRequestId, type BrowserRun, type PageResult } from '../conformance/browser-verdict.ts';
import { launchChromium } from '../conformance/chromium.ts';
import { buildHar, type DevToolsHar } from '../conformance/har-builder.ts';
import { RECORDED_EVENTS, runSettled } from '../conformance/record.ts';
import { pageHtml } from '../conformance/servers.ts';

/** The page's `fetch()` options: the page adds nothing. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  credentials?: 'omit' | 'same-origin' | 'include';
  body?: string;
}

export interface Replayed {
  url: string;
  run: BrowserRun;
  har: DevToolsHar;
  events: CdpEvent[];
}

/** The page (the conformance harness's, with `runScenario`) on its own 127.0.0.1 port. */
export interface PageSite {
  browser: Browser;
  /** The page's origin, `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/**
 * `addressSpace`: the address space Chromium counts the page's port in (`--ip-address-space-overrides`),
 * e.g. `public` for a page that stands for a site on the internet calling this machine (Local Network
 * Access then applies; http://127.0.0.1 stays a secure context, so Chromium asks the permission).
 */
export async function openPageSite(options: { addressSpace?: 'public' | 'local' } = {}): Promise<PageSite> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const browser = await launchChromium(options.addressSpace === undefined ? [] : [`--ip-address-space-overrides=127.0.0.1:${port}=${options.addressSpace}`]);
  return {
    browser,
    origin,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Another page origin: the same page on a port of its own (`pages` collects the servers, for the
 * caller to close); its origin, `http://127.0.0.1:<port>`.
 */
export async function openPage(pages: Server[]): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One request the page makes: `fetch(url, init)`; a path is the page's own origin's. */
export interface PageRequest {
  url: string;
  init?: FetchInit;
}

/**
 * Loads `pageUrl` in a fresh browser context (no cache, no cookies from an earlier replay), makes
 * each request from it in turn, waiting until every request of one settled before the next, and
 * gives each request's verdict and events, and the HAR of them all. `grant`: permissions given to
 * the page's origin in that context first, by their DevTools protocol names (`loopbackNetwork`);
 * without them headless Chromium denies what it would ask the user.
 */
export async function replayAll(
  browser: Browser,
  pageUrl: string,
  requests: readonly PageRequest[],
  grant: readonly string[] = [],
): Promise<{ har: DevToolsHar; replayed: Replayed[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    if (grant.length > 0) {
      const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
      const browserSession = await browser.newBrowserCDPSession();
      // Kept attached: Chromium drops a session's permission grants when it detaches.
      await browserSession.send('Browser.grantPermissions', { permissions: grant as never, origin: new URL(pageUrl).origin, browserContextId: targetInfo.browserContextId });
    }
    const events: CdpEvent[] = [];
    for (const method of RECORDED_EVENTS) session.on(method, (params: unknown) => void events.push({ method, params }));
    await session.send('Network.enable');
    await page.goto(pageUrl);
    await page.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
    const first = events.length;
    const replayed: Replayed[] = [];
    for (const { url, init } of requests) {
      const start = events.length;
      // The page's script takes absolute URLs only.
      const absolute = new URL(url, pageUrl).href;
      const result = (await page.evaluate(
        ([u, i]) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(u, i),
        [absolute, { method: 'GET', credentials: 'same-origin', ...init }] as const,
      )) as PageResult;
      const path = new URL(absolute).pathname;
      const deadline = Date.now() + 10_000;
      while (!runSettled(events.slice(start), absolute, path) && Date.now() < deadline) await sleep(50);
      // One protocol round trip: events sent before its answer arrive before it.
      await session.send('Runtime.evaluate', { expression: '0' });
      const mine = events.slice(start);
      replayed.push({ url: absolute, run: browserRun(mine, absolute, result), har: buildHar(mine, { browserVersion: browser.version() }), events: mine });
    }
    return { har: buildHar(events.slice(first), { browserVersion: browser.version() }), replayed };
  } finally {
    await context.close();
  }
}

/** `replayAll` with one request. */
export async function replay(browser: Browser, pageUrl: string, url: string, init: FetchInit = {}, grant: readonly string[] = []): Promise<Replayed> {
  const { replayed } = await replayAll(browser, pageUrl, [{ url, init }], grant);
  return replayed[0]!;
}

/** One response as it came off the wire: status and header lines, names as the server cased them, in its order. */
export interface WireResponse {
  status: number;
  headers: [string, string][];
}

interface ExtraInfo {
  requestId?: string;
  statusCode?: number;
  headersText?: string;
  headers?: Record<string, string>;
}

function wireResponse(events: readonly CdpEvent[], requestId: string | undefined): WireResponse | null {
  if (requestId === undefined) return null;
  const extra = events.find((e) => e.method === 'Network.responseReceivedExtraInfo' && (e.params as ExtraInfo).requestId === requestId);
  if (extra === undefined) return null;
  const p = extra.params as ExtraInfo;
  // headersText is the raw HTTP/1.1 header block: it keeps order, casing and repeated lines.
  const lines = (p.headersText ?? '').split('\r\n').slice(1).filter((l) => l !== '');
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(':');
    return [l.slice(0, colon), l.slice(colon + 1).trim()];
  });
  return { status: p.statusCode ?? 0, headers };
}

/** The preflight's and the request's responses as Chromium received them. */
export function wireResponses(replayed: Replayed): { preflight: WireResponse | null; response: WireResponse | null } {
  const id = mainRequestId(replayed.events, replayed.url);
  const preflightSent = replayed.events.find(
    (e) => e.method === 'Network.requestWillBeSent' && isPreflightEvent(e) && (e.params as { initiator?: { requestId?: string } }).initiator?.requestId === id,
  );
  return {
    preflight: wireResponse(replayed.events, (preflightSent?.params as { requestId?: string } | undefined)?.requestId),
    response: wireResponse(replayed.events, id),
  };
}
