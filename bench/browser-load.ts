// Benchmark 1 of issue #3: what the extension costs a busy page.
//
// A page on one 127.0.0.1 port makes 2,000 cross-origin fetches to a second 127.0.0.1 port, 64 at a
// time, and reports `performance.now()` (milliseconds since its navigation started) when every one
// has settled. The mix is what the capture has to deal with in real traffic:
//   50% simple GETs answered with Access-Control-Allow-Origin        (allowed)
//   10% simple GETs answered without it                              (blocked: MissingAllowOriginHeader)
//   30% PUTs with a JSON body and a custom header, preflight allowed (allowed)
//   10% the same PUTs, preflight not allowing PUT                    (blocked: MethodDisallowedByPreflightResponse)
// Every URL is distinct, so no preflight comes from the preflight cache and nothing from the HTTP cache.
//
// Three browsers, one per configuration, measured in alternation (the order rotates every round):
//   plain      Chromium without the extension;
//   installed  the extension loaded, no panel open (no tab captured);
//   capturing  the extension loaded and its panel open as a tab for the page's tab, so the service
//              worker captures it (as the browser tests do).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { BASE_ARGS, CHROMIUM_PATH, launchWithExtension, openPanelTab, setCaptureSettings, storedExchanges, tabIdOf, type ExtensionBrowser } from '../test/browser/helpers/launch.ts';
import { median, sleep } from './browser-stats.ts';

export const FETCHES = 2000;
/** Fetches the page keeps in flight at once. */
const CONCURRENCY = 64;
/** Fetches of each kind out of every ten, in the order the page issues them. */
const MIX = ['get-ok', 'get-ok', 'get-ok', 'get-ok', 'get-ok', 'get-no-acao', 'put-ok', 'put-ok', 'put-ok', 'put-denied'] as const;
export const EXPECTED_ALLOWED = (FETCHES / MIX.length) * MIX.filter((k) => k === 'get-ok' || k === 'put-ok').length;

/** `capturing-no-panel`: capturing, with the panel tab closed once subscribed (the worker's share alone). */
type LoadConfig = 'plain' | 'installed' | 'capturing' | 'capturing-no-panel';

interface LoadRun {
  config: LoadConfig;
  round: number;
  /** performance.now() in the page when the last fetch settled: ms since navigation start. */
  settledMs: number;
  allowed: number;
  failed: number;
  /** Capturing only: finished exchanges of this run the service worker stored. */
  captured?: number;
  /** Capturing only: the service worker's own account of this run (its `corsInspectorStats`). */
  worker?: { events: number; batches: number; ingestMs: number; persistMs: number; writes: number; persistBytes: number };
}

type Settled = Pick<LoadRun, 'captured' | 'worker'>;
type WorkerStats = NonNullable<LoadRun['worker']>;

export interface LoadResult {
  runs: LoadRun[];
  medians: Partial<Record<LoadConfig, number>> & Record<'plain' | 'installed' | 'capturing', number>;
  panelVisibility: string;
}

// ---- The two servers ---------------------------------------------------------------------------

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function pageHtml(apiOrigin: string): string {
  // performance.now() counts from the navigation's start (the time origin), so the number the
  // page reports is navigation start → the last fetch settled.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>2,000 cross-origin fetches</title></head>
<body><p id="state">idle</p>
<script>
const params = new URLSearchParams(location.search);
const run = params.get('run');
// n: fewer fetches, for a warm-up (bench/capture-cost.ts).
const COUNT = Number(params.get('n') ?? ${FETCHES});
if (run) {
  const API = ${JSON.stringify(apiOrigin)};
  const MIX = ${JSON.stringify(MIX)};
  const results = [];
  const one = (i) => {
    const kind = MIX[i % MIX.length];
    const url = API + '/' + kind + '?run=' + run + '&i=' + i;
    const init = kind.startsWith('put')
      ? { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-' + i }, body: JSON.stringify({ i, run }) }
      : {};
    return fetch(url, init).then((r) => r.text().then(() => true), () => false).then((ok) => { results[i] = [kind, ok]; });
  };
  // ${CONCURRENCY} fetches in flight at a time, as an app's request queue would: Chromium refuses
  // (net::ERR_INSUFFICIENT_RESOURCES) when one page has a couple of thousand outstanding.
  let next = 0;
  const lane = () => (next < COUNT ? one(next++).then(lane) : Promise.resolve());
  const jobs = Array.from({ length: ${CONCURRENCY} }, lane);
  Promise.all(jobs).then(() => {
    const settledMs = performance.now();
    const allowed = results.filter(([, ok]) => ok).length;
    const failedByKind = {};
    for (const [kind, ok] of results) if (!ok) failedByKind[kind] = (failedByKind[kind] || 0) + 1;
    window.__loadBench = { settledMs, allowed, failed: results.length - allowed, failedByKind };
    document.getElementById('state').textContent = 'done';
  });
}
</script></body></html>`;
}

function apiHandler(pageOrigin: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const kind = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const allowOrigin = { 'Access-Control-Allow-Origin': pageOrigin, Vary: 'Origin' };
    // Drain any body before answering, so the connection can be reused.
    req.resume();
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        // The preflight: put-ok is allowed; put-denied gets an answer that does not list PUT.
        if (kind === 'put-ok') {
          res.writeHead(204, { ...allowOrigin, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type, x-request-id' });
        } else {
          res.writeHead(204, { ...allowOrigin, 'Access-Control-Allow-Methods': 'GET, POST' });
        }
        res.end();
        return;
      }
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
      res.writeHead(200, kind === 'get-no-acao' ? headers : { ...headers, ...allowOrigin });
      res.end('{"ok":true}');
    });
  };
}

export interface Servers {
  pageOrigin: string;
  apiOrigin: string;
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  let apiOrigin = '';
  const page = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(pageHtml(apiOrigin));
  });
  const pageOrigin = `http://127.0.0.1:${await listen(page)}`;
  const api = createServer(apiHandler(pageOrigin));
  // Chromium keeps up to 6 connections per host open; never let node drop them mid-run.
  api.keepAliveTimeout = 60_000;
  apiOrigin = `http://127.0.0.1:${await listen(api)}`;
  return { pageOrigin, apiOrigin, close: async () => void (await Promise.all([close(page), close(api)])) };
}

// ---- The three browsers ------------------------------------------------------------------------

interface Subject {
  config: LoadConfig;
  page: Page;
  /** Waits until whatever the configuration does after the page (the capture) is done; returns what it counted. */
  settle(run: string): Promise<Settled>;
  close(): Promise<void>;
}

/** Plain Chromium, with a persistent profile like the extension's browsers have (same disk cache, same window). */
async function plainSubject(): Promise<Subject> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-plain-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: BASE_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    config: 'plain',
    page,
    settle: async () => ({}),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function installedSubject(): Promise<Subject> {
  const browser = await launchWithExtension();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { config: 'installed', page, settle: async () => ({}), close: () => browser.close() };
}

async function workerStats(browser: ExtensionBrowser): Promise<WorkerStats> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(() => ({ ...(self as unknown as { corsInspectorStats: WorkerStats }).corsInspectorStats }));
}

async function capturingSubject(servers: Servers, keepPanel = true): Promise<Subject & { panel: Page; browser: ExtensionBrowser }> {
  const browser = await launchWithExtension();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${servers.pageOrigin}/?idle`);
  const tabId = await tabIdOf(browser, page);
  const panel = await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  await page.bringToFront();
  // Closing the panel ends the capture unless "Keep capturing" is on: turn it on first.
  if (!keepPanel) {
    await setCaptureSettings(panel, tabId, { keepCapturing: true });
    await panel.close();
  }
  let last = await workerStats(browser);
  return {
    config: keepPanel ? 'capturing' : 'capturing-no-panel',
    page,
    panel,
    browser,
    // The capture goes on after the page is done (batches, the panel, storage writes). Wait for it
    // before the next measurement, so that one configuration's leftovers do not load another's.
    async settle(run) {
      const deadline = Date.now() + 60_000;
      let count = 0;
      while (Date.now() < deadline) {
        const stored = await storedExchanges(browser, tabId);
        count = stored.filter((x) => !x.pending && (x.exchange.hops[0]?.url ?? '').includes(`run=${run}&`)).length;
        if (count >= FETCHES) break;
        await sleep(500);
      }
      const now = await workerStats(browser);
      const worker = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - last[k as keyof WorkerStats]])) as WorkerStats;
      last = now;
      return { captured: count, worker };
    },
    close: () => browser.close(),
  };
}

async function measure(subject: Subject, servers: Servers, round: number): Promise<LoadRun> {
  const run = `${subject.config}-${round}-${Math.random().toString(36).slice(2, 8)}`;
  await subject.page.goto(`${servers.pageOrigin}/?run=${run}`);
  const handle = await subject.page.waitForFunction(() => (window as unknown as { __loadBench?: unknown }).__loadBench, undefined, {
    timeout: 120_000,
    polling: 100,
  });
  const result = (await handle.jsonValue()) as { settledMs: number; allowed: number; failed: number };
  const settled = await subject.settle(run);
  return { config: subject.config, round, ...result, ...settled };
}

export interface LoadOptions {
  /** Also measure `capturing-no-panel`. */
  attribute: boolean;
  rounds: number;
  warmup: number;
  log(line: string): void;
}

export async function runLoadBenchmark(options: LoadOptions): Promise<LoadResult> {
  const servers = await startServers();
  const subjects: Subject[] = [];
  try {
    const capturing = await capturingSubject(servers);
    subjects.push(await plainSubject(), await installedSubject(), capturing);
    if (options.attribute) subjects.push(await capturingSubject(servers, false));
    const panelVisibility = await capturing.panel.evaluate(() => document.visibilityState);
    const runs: LoadRun[] = [];
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      // Rotate who goes first: a fixed order would favour whoever runs on the coolest machine.
      const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
      for (const subject of order) {
        const result = await measure(subject, servers, round);
        const warm = round < options.warmup;
        options.log(
          `  ${warm ? 'warm-up' : `round ${round - options.warmup + 1}`} ${subject.config.padEnd(18)} ${result.settledMs.toFixed(0).padStart(6)} ms` +
            `  (${result.allowed} allowed, ${result.failed} failed${result.captured !== undefined ? `, ${result.captured} captured` : ''}` +
            `${result.worker ? `; worker: ${result.worker.events} events in ${result.worker.batches} batches, ingest ${result.worker.ingestMs.toFixed(0)} ms, storage ${result.worker.persistMs.toFixed(0)} ms` : ''})`,
        );
        if (!warm) runs.push(result);
        // A moment for the browser just measured to go idle (GC, the network service's cleanup).
        await sleep(300);
      }
    }
    const medians = Object.fromEntries(subjects.map((s) => s.config).map((c) => [c, median(runs.filter((r) => r.config === c).map((r) => r.settledMs))])) as LoadResult['medians'];
    return { runs, medians, panelVisibility };
  } finally {
    for (const subject of subjects) await subject.close().catch(() => undefined);
    await servers.close();
  }
}
