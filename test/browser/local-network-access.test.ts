// Local Network Access in real Chromium: a page served under a public name calls a server on
// loopback (and one on the "local network"), and the engine must give, on the DevTools-protocol
// events and on the HAR built from them the way the conformance harness builds it, the CorsError
// Chromium itself reported in `Network.loadingFailed.corsErrorStatus`, and the console message
// Chromium printed.
//
// How a public page is made on a machine with only loopback (facts checked with Chromium 156):
// `--host-resolver-rules` maps app.example.com (the page) and router.local (a "device") to
// 127.0.0.1, and `--ip-address-space-overrides` makes the page's port public and the device's port
// local, so requests to the other loopback ports cross into a less public address space. The https
// page uses a throw-away self-signed certificate (test/fixtures/local-network-access/) accepted with
// `--ignore-certificate-errors`; the permission is granted through `Browser.grantPermissions`.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { expect as pwExpect } from 'playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangesFromCdpEvents, type CdpEvent } from '../../src/capture/devtools-protocol.ts';
import { exchangesFromHar } from '../../src/capture/har.ts';
import { diagnose, type Diagnosis, type ObservedExchange } from '../../src/cors/index.ts';
import { consoleMessage } from '../../src/cors/explain/console-message.ts';
import { browserRun } from '../conformance/browser-verdict.ts';
import { buildHar } from '../conformance/har-builder.ts';
import { RECORDED_EVENTS } from '../conformance/record.ts';
import { BASE_ARGS, CHROMIUM_PATH } from './helpers/launch.ts';
import { openStaticSite } from './helpers/static-server.ts';

const FIXTURES = new URL('../fixtures/local-network-access/', import.meta.url);
const PAGE_HOST = 'app.example.com';
const DEVICE_HOST = 'router.local';

const PAGE_HTML = `<!doctype html><meta charset="utf-8"><script>
window.run = async (url, init) => {
  try { const r = await fetch(url, init); return 'resolved ' + r.status; } catch (e) { return 'rejected'; }
};
</script>`;

/** The loopback "API": no Access-Control-Allow-Origin on responses; a preflight that allows anything. */
function apiHandler(served: string[]) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    served.push(`${req.method} ${req.url}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*', 'access-control-allow-headers': '*' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  };
}

const listen = (s: http.Server | https.Server): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

interface Run {
  url: string;
  page: string;
  events: CdpEvent[];
  console: string[];
}

interface Session {
  pageOrigin: string;
  api: string;
  device: string;
  served: string[];
  fetch(url: string, init?: Record<string, unknown>): Promise<Run>;
  close(): Promise<void>;
}

const open: Session[] = [];

async function session(scheme: 'http' | 'https', grant: string[] = []): Promise<Session> {
  const served: string[] = [];
  const pageServer =
    scheme === 'https'
      ? https.createServer({ cert: readFileSync(new URL('app.example.com.crt', FIXTURES)), key: readFileSync(new URL('app.example.com.key', FIXTURES)) }, (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE_HTML))
      : http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE_HTML));
  const apiServer = http.createServer(apiHandler(served));
  const deviceServer = http.createServer(apiHandler(served));
  const [pagePort, apiPort, devicePort] = [await listen(pageServer), await listen(apiServer), await listen(deviceServer)];
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...BASE_ARGS,
      `--host-resolver-rules=MAP ${PAGE_HOST} 127.0.0.1, MAP ${DEVICE_HOST} 127.0.0.1`,
      `--ip-address-space-overrides=127.0.0.1:${pagePort}=public,127.0.0.1:${devicePort}=local`,
      '--ignore-certificate-errors',
    ],
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const pageOrigin = `${scheme}://${PAGE_HOST}:${pagePort}`;
  if (grant.length > 0) {
    const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
    const browserSession = await browser.newBrowserCDPSession();
    await browserSession.send('Browser.grantPermissions', { permissions: grant as never, origin: pageOrigin, browserContextId: targetInfo.browserContextId });
  }
  const events: CdpEvent[] = [];
  for (const method of RECORDED_EVENTS) cdp.on(method as never, (params: unknown) => events.push({ method, params }));
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await cdp.send('Network.enable');
  // Its CORS issues carry the page's and the server's address spaces of a refused request.
  await cdp.send('Audits.enable');
  await page.goto(`${pageOrigin}/`);

  const s: Session = {
    pageOrigin,
    api: `http://127.0.0.1:${apiPort}`,
    device: `http://${DEVICE_HOST}:${devicePort}`,
    served,
    async fetch(url, init = {}) {
      const from = events.length;
      const consoleFrom = consoleLines.length;
      const result = await page.evaluate(([u, i]) => (window as unknown as { run: (u: string, i: unknown) => Promise<string> }).run(u, i), [url, init] as const);
      // Settled once the page's own request finished or failed (its preflight ends before it).
      const settled = (): boolean => {
        const id = (events.slice(from).find((e) => e.method === 'Network.requestWillBeSent' && (e.params as { request: { url: string; method: string } }).request.url === url && (e.params as { type?: string }).type !== 'Preflight')?.params as { requestId?: string } | undefined)?.requestId;
        return id !== undefined && events.slice(from).some((e) => (e.method === 'Network.loadingFailed' || e.method === 'Network.loadingFinished') && (e.params as { requestId: string }).requestId === id);
      };
      await expect.poll(settled, { timeout: 10_000 }).toBe(true);
      // One protocol round trip more: late events of the same request arrive before its answer.
      await cdp.send('Runtime.evaluate', { expression: '0' });
      return { url, page: result, events: events.slice(from), console: consoleLines.slice(consoleFrom) };
    },
    async close() {
      await browser.close();
      await Promise.all([pageServer, apiServer, deviceServer].map((x) => new Promise<void>((r) => { x.closeAllConnections(); x.close(() => r()); })));
    },
  };
  open.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

/** The exchange for `url` from the protocol events, and from the HAR built from them. */
function exchangesFor(run: Run): { cdp: ObservedExchange | undefined; har: ObservedExchange | undefined } {
  const pick = (xs: ObservedExchange[]): ObservedExchange | undefined => xs.find((x) => x.hops[0]?.url === run.url);
  return { cdp: pick(exchangesFromCdpEvents(run.events)), har: pick(exchangesFromHar(buildHar(run.events))) };
}

/** Chromium's verdict for the run, and the engine's on both inputs; the console line Chromium printed and the one the engine words. */
function judge(run: Run): { chromium: string | null; cdp: Diagnosis; har: Diagnosis; preflight: boolean; consoleLine: string | undefined; cdpExchange: ObservedExchange } {
  const b = browserRun(run.events, run.url, run.page.startsWith('resolved') ? { settled: 'resolved', type: 'cors', status: 200, body: null } : { settled: 'rejected', message: '' });
  const { cdp, har } = exchangesFor(run);
  expect(cdp, 'the protocol events hold the exchange').toBeDefined();
  expect(har, 'the HAR holds the exchange').toBeDefined();
  return {
    chromium: b.corsError,
    cdp: diagnose(cdp!),
    har: diagnose(har!),
    preflight: b.preflight,
    consoleLine: run.console.find((l) => l.startsWith('Access to fetch')),
    cdpExchange: cdp!,
  };
}

describe('Local Network Access in Chromium, and the engine on what was captured', () => {
  it('an http page on a public host: InsecureLocalNetwork, simple or preflighted, and nothing reaches the server', async () => {
    const s = await session('http');
    for (const [url, init] of [
      [`${s.api}/simple`, {}],
      [`${s.api}/pre`, { method: 'PUT', headers: { 'x-trace': '1' } }],
      [`${s.device}/status`, {}],
    ] as const) {
      const run = await s.fetch(url, init);
      const j = judge(run);
      expect(j.chromium, url).toBe('InsecureLocalNetwork');
      expect([j.cdp.verdict, j.cdp.corsError], `${url} (protocol)`).toEqual(['blocked', 'InsecureLocalNetwork']);
      expect([j.har.verdict, j.har.corsError], `${url} (HAR)`).toEqual(['blocked', 'InsecureLocalNetwork']);
      expect(j.cdp.preflight.observed === 'sent', `${url} preflight`).toBe(j.preflight);
      // The protocol's CORS issue says where the page is; the HAR does not, and the engine says it assumed it.
      expect(j.cdp.assumptions.map((a) => a.about)).not.toContain('initiator-address-space');
      expect(j.cdp.localNetworkAccess?.initiatorAddressSpace).toBe('public');
      expect(j.har.assumptions.map((a) => a.about)).toContain('initiator-address-space');
      expect(consoleMessage(j.cdp, j.cdpExchange)).toBe(j.consoleLine);
    }
    expect(s.served).toEqual([]);
  });

  it('an https page without the permission: LocalNetworkAccessPermissionDenied, and nothing reaches the server', async () => {
    const s = await session('https');
    for (const [url, init] of [
      [`${s.api}/simple`, {}],
      [`${s.api}/pre`, { method: 'PUT', headers: { 'x-trace': '1' } }],
    ] as const) {
      const run = await s.fetch(url, init);
      const j = judge(run);
      expect(j.chromium, url).toBe('LocalNetworkAccessPermissionDenied');
      expect([j.cdp.verdict, j.cdp.corsError], `${url} (protocol)`).toEqual(['blocked', 'LocalNetworkAccessPermissionDenied']);
      expect([j.har.verdict, j.har.corsError], `${url} (HAR)`).toEqual(['blocked', 'LocalNetworkAccessPermissionDenied']);
      expect(consoleMessage(j.cdp, j.cdpExchange)).toBe(j.consoleLine);
    }
    expect(s.served).toEqual([]);
  });

  it('an https page granted loopbackNetwork: the request goes out and ordinary CORS decides', async () => {
    const s = await session('https', ['loopbackNetwork']);
    const run = await s.fetch(`${s.api}/simple`);
    const j = judge(run);
    expect(j.chromium).toBe('MissingAllowOriginHeader');
    expect([j.cdp.verdict, j.cdp.corsError]).toEqual(['blocked', 'MissingAllowOriginHeader']);
    expect([j.har.verdict, j.har.corsError]).toEqual(['blocked', 'MissingAllowOriginHeader']);
    expect(j.cdp.localNetworkAccess).toBeUndefined();
    expect(s.served).toEqual(['GET /simple']);
  });
});

describe('the panel explains a Local Network Access block in plain words', () => {
  it('a real InsecureLocalNetwork run, opened as a HAR in the built viewer: what LNA is, why no CORS header helps, what does', async () => {
    const s = await session('http');
    const run = await s.fetch(`${s.api}/simple`);
    expect(judge(run).chromium).toBe('InsecureLocalNetwork');
    const site = await openStaticSite('lna');
    try {
      writeFileSync(join(site.files, 'lna.har'), JSON.stringify(buildHar(run.events)));
      const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.base}/viewer.html?theme=light&src=/files/lna.har`);
      const row = page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option').filter({ hasText: '/simple' });
      await pwExpect(row).toHaveCount(1);
      await row.click();
      const detail = page.locator('.cp-detail');
      await pwExpect(detail).toContainText('Local network access from an http page');
      // What failed, in address spaces rather than as a header.
      await pwExpect(detail.locator('.cp-what-failed')).toHaveText("Request: server on loopback address space, needed public like the page, or the user's permission on an https page");
      // The explanation: what LNA is, why no CORS header helps (nor the old preflight header), what does.
      for (const words of [
        'Local Network Access',
        'is on the public internet',
        'this device (loopback)',
        'Chromium protects devices on your machine and local network',
        'not a secure context',
        'No CORS header can change this',
        'Nor can Access-Control-Allow-Private-Network (what the older Private Network Access preflight asked for): Chromium 156 sends no such preflight and ignores that header.',
        'targetAddressSpace',
        'allow="local-network-access"',
        "for a developer's own browser only, never something to ask of users",
      ]) {
        await pwExpect(detail, words).toContainText(words);
      }
      await pwExpect(detail.locator('.cp-detail-must, [aria-label="What the server must send"]')).toHaveCount(0);
      // The fixes, one tab each, named for what they are; the first is the real fix.
      const tabs = detail.getByRole('tab');
      // No targetAddressSpace tab: naming the loopback space changes nothing for an http page (the
      // recorded lna-insecure-option-loopback), and a loopback URL is never mixed content.
      await pwExpect(tabs).toHaveText(['HTTPS + permission', 'iframe allow', 'Development only']);
      await pwExpect(detail.locator('.cp-fix-title')).toHaveText('Serve the page over HTTPS, then let the user allow local network access');
      // The flag and the policy appear only under "Development only", with the warning.
      await tabs.filter({ hasText: 'Development only' }).click();
      await pwExpect(detail.locator('.cp-code')).toContainText('chrome://flags/#local-network-access-check');
      await pwExpect(detail.locator('.cp-code')).toContainText('never asked of users');
      await pwExpect(detail.locator('.cp-trap')).toContainText('Never tell users to change a flag or a policy');
      await context.close();
    } finally {
      await site.close();
    }
  });
});
