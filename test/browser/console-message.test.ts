// The console messages of src/cors/explain/console-message.ts against Chromium's own: each case
// makes real Chromium block a real request (fetch and XMLHttpRequest), reads its verdict from the
// DevTools protocol, and compares consoleMessage() for that verdict with what Chromium printed.

import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorsError, isCorsError } from '../../src/cors/cors-error.ts';
import type { Diagnosis, HeaderList, ObservedExchange, ObservedHop } from '../../src/cors/index.ts';
import { type ConsoleInitiator, consoleMessage } from '../../src/cors/explain/console-message.ts';

type Route = { status: number; headers: Record<string, string>; preflight?: { status: number; headers: Record<string, string> } };

let pageServer: http.Server;
let apiServer: http.Server;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let PAGE = '';
let API = '';
const routes = new Map<string, (page: string, api: string) => Route>();
const consoleLines: string[] = [];
const verdicts: { corsError: string; failedParameter: string }[] = [];

const listen = (s: http.Server): Promise<string> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));

function route(path: string, make: (page: string, api: string) => Route): void {
  routes.set(path, make);
}

route('/no-acao', () => ({ status: 200, headers: {} }));
route('/other', () => ({ status: 200, headers: { 'access-control-allow-origin': 'http://example.com' } }));
route('/list', (p) => ({ status: 200, headers: { 'access-control-allow-origin': `${p}, http://example.com` } }));
route('/latin1', () => ({ status: 200, headers: { 'access-control-allow-origin': 'http://ex\u00e9.com' } }));
route('/star', () => ({ status: 200, headers: { 'access-control-allow-origin': '*' } }));
route('/no-acac', (p) => ({ status: 200, headers: { 'access-control-allow-origin': p } }));
route('/pf-404', (p) => ({ status: 200, headers: {}, preflight: { status: 404, headers: { 'access-control-allow-origin': p } } }));
route('/pf-no-acao', () => ({ status: 200, headers: {}, preflight: { status: 204, headers: {} } }));
route('/pf-redirect', (p, a) => ({ status: 200, headers: {}, preflight: { status: 302, headers: { location: `${a}/no-acao`, 'access-control-allow-origin': p } } }));
route('/pf-methods', (p) => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': p, 'access-control-allow-methods': 'GET' } } }));
route('/pf-headers', (p) => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': p } } }));
route('/pf-bad-methods', (p) => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': p, 'access-control-allow-methods': 'GET PUT' } } }));
route('/pf-bad-headers', (p) => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': p, 'access-control-allow-headers': 'x-a x-b' } } }));
route('/pf-star', () => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': '*' } } }));
route('/pf-acac', (p) => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': p, 'access-control-allow-headers': 'x-trace', 'access-control-allow-credentials': 'True' } } }));
route('/pf-other', () => ({ status: 200, headers: {}, preflight: { status: 204, headers: { 'access-control-allow-origin': 'http://example.com' } } }));
route('/userinfo-redirect', (_p, a) => ({ status: 302, headers: { location: a.replace('://', '://u:p@') + '/star', 'access-control-allow-origin': '*' } }));
route('/redirect', (_p, a) => ({ status: 302, headers: { location: `${a}/no-acao`, 'access-control-allow-origin': '*' } }));

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const make = routes.get(path);
  if (!make) {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>page</title>');
    return;
  }
  const r = make(PAGE, API);
  const answer = req.method === 'OPTIONS' ? (r.preflight ?? { status: 405, headers: {} }) : r;
  // Latin-1 header bytes, as a misconfigured server would send them.
  res.writeHead(answer.status, Object.entries(answer.headers).map(([n, v]) => [n, Buffer.from(v, 'latin1').toString('latin1')]).flat());
  res.end('x');
}

beforeAll(async () => {
  pageServer = http.createServer(serve);
  apiServer = http.createServer(serve);
  PAGE = await listen(pageServer);
  API = await listen(apiServer);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFailed', (e) => {
    if (e.corsErrorStatus) verdicts.push(e.corsErrorStatus);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleLines.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  pageServer?.close();
  apiServer?.close();
});

/** Runs one request in the page; returns Chromium's console line and its protocol verdict. */
async function run(code: string, wantVerdict: boolean): Promise<{ line: string; verdict: { corsError: string; failedParameter: string } | null }> {
  consoleLines.length = 0;
  verdicts.length = 0;
  await page.evaluate(`(${code}).then(() => 0, () => 0)`);
  for (let i = 0; i < 100 && (consoleLines.length === 0 || (wantVerdict && verdicts.length === 0)); i++) await page.waitForTimeout(20);
  expect(consoleLines).toHaveLength(1);
  return { line: consoleLines[0] ?? '', verdict: verdicts[0] ?? null };
}

function diagnosisFor(error: CorsError, failedParameter: string, hop: number): Diagnosis {
  return {
    verdict: 'blocked', corsError: error, failedParameter, failureReason: null, failedAt: { hop, phase: 'response' }, requestOrigins: [PAGE, PAGE],
    credentialsMode: 'same-origin', mode: 'cors', checks: [], preflight: { hop: 0, required: false, reasons: [], observed: 'not-needed' },
    originComparison: null, networkFailure: null, errorResponse: null, exposure: null, advisories: [], assumptions: [], alternatives: [],
  };
}

function exchangeFor(pageOrigin: string, urls: string[], headers: HeaderList = []): ObservedExchange {
  const hops: ObservedHop[] = urls.map((url) => ({ url, response: { status: 200, headers } }));
  return { request: { method: 'GET', headers: [], initiatorOrigin: pageOrigin }, hops };
}

const fetchCall = (path: string, init = '{}'): string => `fetch(API + '${path}', ${init})`;
const xhrCall = (path: string, withCredentials = false): string =>
  `new Promise((r) => { const x = new XMLHttpRequest(); x.open('GET', API + '${path}'); x.withCredentials = ${withCredentials}; x.onloadend = r; x.send(); })`;

const cases: { name: string; initiator: ConsoleInitiator; code: string; path: string; redirectTo?: string; headers?: HeaderList }[] = [
  { name: 'no ACAO', initiator: 'fetch', code: fetchCall('/no-acao'), path: '/no-acao' },
  { name: 'other origin', initiator: 'fetch', code: fetchCall('/other'), path: '/other' },
  { name: 'list', initiator: 'fetch', code: fetchCall('/list'), path: '/list' },
  { name: 'latin-1 ACAO', initiator: 'fetch', code: fetchCall('/latin1'), path: '/latin1', headers: [['Access-Control-Allow-Origin', 'http://ex\u00e9.com']] },
  { name: 'wildcard with credentials', initiator: 'fetch', code: fetchCall('/star', "{ credentials: 'include' }"), path: '/star' },
  { name: 'no ACAC', initiator: 'fetch', code: fetchCall('/no-acac', "{ credentials: 'include' }"), path: '/no-acac' },
  { name: 'preflight 404', initiator: 'fetch', code: fetchCall('/pf-404', "{ method: 'DELETE' }"), path: '/pf-404' },
  { name: 'preflight without ACAO', initiator: 'fetch', code: fetchCall('/pf-no-acao', "{ method: 'DELETE' }"), path: '/pf-no-acao' },
  { name: 'preflight redirect', initiator: 'fetch', code: fetchCall('/pf-redirect', "{ method: 'DELETE' }"), path: '/pf-redirect' },
  { name: 'method', initiator: 'fetch', code: fetchCall('/pf-methods', "{ method: 'PUT' }"), path: '/pf-methods' },
  { name: 'header', initiator: 'fetch', code: fetchCall('/pf-headers', "{ headers: { 'X-Trace': '1' } }"), path: '/pf-headers' },
  { name: 'bad methods', initiator: 'fetch', code: fetchCall('/pf-bad-methods', "{ method: 'PUT' }"), path: '/pf-bad-methods' },
  { name: 'bad headers', initiator: 'fetch', code: fetchCall('/pf-bad-headers', "{ headers: { 'X-Trace': '1' } }"), path: '/pf-bad-headers' },
  { name: 'preflight wildcard', initiator: 'fetch', code: fetchCall('/pf-star', "{ method: 'PUT', credentials: 'include' }"), path: '/pf-star' },
  { name: 'preflight ACAC', initiator: 'fetch', code: fetchCall('/pf-acac', "{ headers: { 'X-Trace': '1' }, credentials: 'include' }"), path: '/pf-acac' },
  { name: 'preflight other origin', initiator: 'fetch', code: fetchCall('/pf-other', "{ method: 'PUT' }"), path: '/pf-other' },
  { name: 'userinfo redirect', initiator: 'fetch', code: fetchCall('/userinfo-redirect'), path: '/userinfo-redirect' },
  { name: 'redirect', initiator: 'fetch', code: fetchCall('/redirect'), path: '/redirect', redirectTo: '/no-acao' },
  { name: 'xhr no ACAO', initiator: 'xmlhttprequest', code: xhrCall('/no-acao'), path: '/no-acao' },
  { name: 'xhr other', initiator: 'xmlhttprequest', code: xhrCall('/other'), path: '/other' },
  { name: 'xhr wildcard', initiator: 'xmlhttprequest', code: xhrCall('/star', true), path: '/star' },
  { name: 'xhr no ACAC', initiator: 'xmlhttprequest', code: xhrCall('/no-acac', true), path: '/no-acac' },
];

describe('consoleMessage matches Chromium', () => {
  it.each(cases)('$name', async (c) => {
    await page.goto(`${PAGE}/`);
    await page.evaluate(`window.API = ${JSON.stringify(API)}`);
    const { line, verdict } = await run(c.code, true);
    expect(verdict).not.toBeNull();
    const error = verdict?.corsError;
    if (!isCorsError(error)) throw new Error(`not a CorsError: ${String(error)}`);
    const urls = [`${API}${c.path}`, ...(c.redirectTo ? [`${API}${c.redirectTo}`] : [])];
    const d = diagnosisFor(error, verdict?.failedParameter ?? '', urls.length - 1);
    expect(consoleMessage(d, exchangeFor(PAGE, urls, c.headers), { initiator: c.initiator })).toBe(line);
  });

  it.each([
    ['DisallowedByMode', "{ mode: 'same-origin' }", '/star'],
    ['NoCorsRedirectModeNotFollow', "{ mode: 'no-cors', redirect: 'manual' }", '/redirect'],
  ] as const)('%s (refused by the Fetch API)', async (error, init, path) => {
    await page.goto(`${PAGE}/`);
    await page.evaluate(`window.API = ${JSON.stringify(API)}`);
    const { line } = await run(fetchCall(path, init), false);
    expect(consoleMessage(diagnosisFor(error, '', 0), exchangeFor(PAGE, [`${API}${path}`]))).toBe(line);
  });

  it('CorsDisabledScheme from a file: page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-file-'));
    writeFileSync(join(dir, 'page.html'), '<!doctype html><title>file</title>');
    writeFileSync(join(dir, 'data.txt'), 'x');
    await page.goto(`file://${dir}/page.html`);
    const { line, verdict } = await run(`fetch('file://${dir}/data.txt')`, true);
    expect(verdict?.corsError).toBe('CorsDisabledScheme');
    expect(consoleMessage(diagnosisFor('CorsDisabledScheme', '', 0), exchangeFor('null', [`file://${dir}/data.txt`]))).toBe(line);
  });
});
