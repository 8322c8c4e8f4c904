// Benchmark 2 of issue #3: the panel holding 50,000 exchanges.
//
// The panel is built by Vite in production mode (as in the extension) around `browser-panel-page.ts`
// and served from 127.0.0.1; the page sends it `count` generated exchanges through the memory
// transport, as one snapshot.
//
// - Filter latency: keystrokes typed into the filter box in the page itself (set the value,
//   dispatch `input`), each timed from the event to the list re-rendered, and to the frame after
//   it painted. The panel renders in the animation frame after a store change, so the time also
//   has the wait for that frame in it; "work" leaves the wait out: the input handler, plus the
//   frame from its first animation-frame callback to the task after its paint.
// - Memory: the page's JS heap (Runtime.getHeapUsage after HeapProfiler.collectGarbage) with 0 and
//   with `count` exchanges, the difference per exchange, less the headers' own bytes.

import preact from '@preact/preset-vite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import type { HeaderList } from '../src/cors/exchange.ts';
import { manyExchanges } from '../src/ui/plain/samples.ts';
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { BASE_ARGS, CHROMIUM_PATH } from '../test/browser/helpers/launch.ts';
import { median, percentile, sleep, summarizeProfile, type CpuProfile } from './browser-stats.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'bench/browser-panel-page.ts';
/** A realistic search: a path typed letter by letter, then deleted letter by letter. */
const QUERY = 'v1/items/42';

interface Keystroke {
  text: string;
  /** Rows the list holds after the keystroke (its aria-setsize; 0 when empty). */
  shown: number;
  domMs: number;
  paintMs: number;
  workMs: number;
}

export interface PanelResult {
  count: number;
  query: string;
  firstRenderMs: number;
  keystrokes: Keystroke[];
  domMedian: number;
  domP90: number;
  paintMedian: number;
  paintP90: number;
  workMedian: number;
  workP90: number;
  heap: {
    emptyBytes: number;
    fullBytes: number;
    perExchange: number;
    headerBytesPerExchange: number;
    overheadPerExchange: number;
    jsonBytesPerExchange: number;
  };
  notes: string[];
}

// ---- Build and serve ---------------------------------------------------------------------------

async function buildPage(outDir: string): Promise<{ script: string; styles: string[] }> {
  await build({
    configFile: false,
    root: REPO,
    logLevel: 'error',
    mode: 'production',
    plugins: [preact()],
    build: { outDir, emptyOutDir: true, manifest: true, target: 'chrome116', minify: false, rollupOptions: { input: { panel: join(REPO, ENTRY) } } },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; css?: string[] }>;
  const entry = manifest[ENTRY];
  if (!entry) throw new Error(`no ${ENTRY} in the build manifest`);
  return { script: entry.file, styles: entry.css ?? [] };
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

function serve(outDir: string, page: { script: string; styles: string[] }): Promise<{ base: string; server: Server }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Panel benchmark</title>
${page.styles.map((href) => `<link rel="stylesheet" href="/${href}">`).join('\n')}
<script type="module" src="/${page.script}"></script></head><body><div id="panel"></div></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const file = normalize(join(outDir, path));
    try {
      if (!file.startsWith(outDir)) throw new Error('outside');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

// ---- In the page -------------------------------------------------------------------------------
// Passed to page.evaluate as source text: a function compiled by tsx could carry helpers the page
// does not have.

const READY = `(count) => {
  if (document.querySelector('.cp-bench-held')) return performance.now();
  const option = document.querySelector('[role="option"]');
  if (count === 0) return document.querySelector('.cp-empty-title') ? performance.now() : undefined;
  return option && option.getAttribute('aria-setsize') === String(count) ? performance.now() : undefined;
}`;

const TYPE_AND_DELETE = `async (query) => {
  const input = document.querySelector('input.cp-search');
  const root = document.getElementById('panel');
  if (!input || !root) throw new Error('no filter box');
  const texts = [];
  for (let i = 1; i <= query.length; i++) texts.push(query.slice(0, i));
  for (let i = query.length - 1; i >= 0; i--) texts.push(query.slice(0, i));
  let lastMutation = -1;
  const observer = new MutationObserver(() => { lastMutation = performance.now(); });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const out = [];
  for (const text of texts) {
    // Typing pace, with a jitter so that keystrokes fall anywhere within a frame.
    await new Promise((r) => setTimeout(r, 90 + Math.random() * 17));
    const t = await new Promise((resolve) => {
      let frameStart = -1;
      // Registered before the keystroke: runs first in the frame that renders it.
      requestAnimationFrame(() => { frameStart = performance.now(); });
      lastMutation = -1;
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      // Registered after: runs after the panel's own frame callback and the render it triggers.
      requestAnimationFrame(() => {
        const tRendered = performance.now();
        const channel = new MessageChannel();
        // The first task after the frame: style, layout and paint are done.
        channel.port1.onmessage = () => resolve({ t0, t1, frameStart, tRendered, tPainted: performance.now(), tDom: lastMutation });
        channel.port2.postMessage(null);
      });
    });
    const option = document.querySelector('[role="option"]');
    out.push({
      text,
      shown: option ? Number(option.getAttribute('aria-setsize')) : 0,
      domMs: Math.max(t.tDom, t.tRendered) - t.t0,
      paintMs: Math.max(t.tPainted, t.tDom) - t.t0,
      workMs: (t.t1 - t.t0) + (Math.max(t.tPainted, t.tDom) - t.frameStart),
    });
  }
  observer.disconnect();
  return out;
}`;

async function openPanel(browser: Browser, base: string, count: number, hold?: string): Promise<{ page: Page; firstRenderMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}?count=${count}${hold ? `&hold=${hold}` : ''}`);
  const handle = await page.waitForFunction(`(${READY})(${count})`, undefined, { timeout: 120_000, polling: 'raf' });
  const firstRenderMs = (await handle.jsonValue()) as number;
  if (errors.length > 0) throw new Error(`the panel page threw: ${errors.join('; ')}`);
  // Let whatever follows the first render (effects, idle work) finish before measuring.
  await sleep(500);
  return { page, firstRenderMs };
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Several passes: objects kept by finalizers or weak maps go in later ones.
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

// ---- The headers' own size ---------------------------------------------------------------------

function headerListBytes(list: HeaderList | undefined): number {
  let total = 0;
  for (const [name, value] of list ?? []) total += Buffer.byteLength(name) + Buffer.byteLength(value);
  return total;
}

/** Bytes of every header name and value the exchanges carry (request, preflight, responses). */
function headerBytes(exchanges: readonly CapturedExchange[]): number {
  let total = 0;
  for (const { exchange } of exchanges) {
    total += headerListBytes(exchange.request.headers);
    for (const hop of exchange.hops) {
      total += headerListBytes(hop.preflight?.requestHeaders);
      total += headerListBytes(hop.preflight?.response?.headers);
      total += headerListBytes(hop.response?.headers);
    }
  }
  return total;
}

// ---- The benchmark -----------------------------------------------------------------------------

export interface PanelOptions {
  count: number;
  profile: boolean;
  log(line: string): void;
}

export async function runPanelBenchmark(options: PanelOptions): Promise<PanelResult> {
  const { count } = options;
  const outDir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-panel-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  const notes: string[] = [];
  try {
    const built = await buildPage(outDir);
    const served = await serve(outDir, built);
    server = served.server;
    browser = await chromium.launch({ headless: true, executablePath: CHROMIUM_PATH, args: BASE_ARGS });

    const empty = await openPanel(browser, served.base, 0);
    const emptyBytes = await heapUsed(empty.page);
    await empty.page.context().close();

    const full = await openPanel(browser, served.base, count);
    const fullBytes = await heapUsed(full.page);

    const keystrokes = (await full.page.evaluate(`(${TYPE_AND_DELETE})(${JSON.stringify(QUERY)})`)) as Keystroke[];
    const shownAtQuery = keystrokes.find((k) => k.text === QUERY)?.shown ?? -1;
    const cleared = keystrokes.at(-1)?.shown ?? -1;
    notes.push(`rows listed at "${QUERY}": ${shownAtQuery.toLocaleString('en-US')}; after deleting it: ${cleared.toLocaleString('en-US')}`);
    if (cleared !== count || shownAtQuery <= 0 || shownAtQuery >= count) notes.push('WARNING: the filter did not narrow and restore the list as expected');
    notes.push(`heap after the keystrokes: ${((await heapUsed(full.page)) / 1024 / 1024).toFixed(1)} MB`);

    if (options.profile) {
      const cdp = await full.page.context().newCDPSession(full.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await full.page.evaluate(`(${TYPE_AND_DELETE})(${JSON.stringify(QUERY)})`);
      const { profile } = await cdp.send('Profiler.stop');
      notes.push('CPU profile of a second pass of the keystrokes (idle time included):', ...summarizeProfile(profile as CpuProfile, 15));
      await cdp.detach();
    }
    await full.page.context().close();

    const perExchangeNow = (fullBytes - emptyBytes) / count;
    if (options.profile || perExchangeNow - headerBytes(manyExchanges(count)) / count > 2048) {
      // Where the memory goes: the same exchanges held without the panel, step by step.
      notes.push('heap per exchange, held without the panel:');
      let previous = 0;
      for (const [hold, what] of [
        ['data', 'the exchanges as delivered'],
        ['entries', '+ the store entries (search keys)'],
        ['diagnoses', '+ a diagnosis of each (failures-first order)'],
      ] as const) {
        const held = await openPanel(browser, served.base, count, hold);
        const perExchange = ((await heapUsed(held.page)) - emptyBytes) / count;
        await held.page.context().close();
        notes.push(`  ${what.padEnd(46)} ${(perExchange / 1024).toFixed(2)} KB  (${perExchange - previous >= 0 ? '+' : ''}${Math.round(perExchange - previous)} B)`);
        previous = perExchange;
      }
      notes.push(`  the panel (all the above, sorted lists, memo)    ${(perExchangeNow / 1024).toFixed(2)} KB  (+${Math.round(perExchangeNow - previous)} B)`);
    }

    // What the page sent, measured here from the same generator.
    const exchanges = manyExchanges(count);
    const headerBytesPerExchange = headerBytes(exchanges) / count;
    const jsonBytesPerExchange = exchanges.reduce((sum, x) => sum + Buffer.byteLength(JSON.stringify(x)), 0) / count;
    const perExchange = (fullBytes - emptyBytes) / count;
    const dom = keystrokes.map((k) => k.domMs);
    const paint = keystrokes.map((k) => k.paintMs);
    const work = keystrokes.map((k) => k.workMs);
    return {
      count,
      query: QUERY,
      firstRenderMs: full.firstRenderMs,
      keystrokes,
      domMedian: median(dom),
      domP90: percentile(dom, 0.9),
      paintMedian: median(paint),
      paintP90: percentile(paint, 0.9),
      workMedian: median(work),
      workP90: percentile(work, 0.9),
      heap: { emptyBytes, fullBytes, perExchange, headerBytesPerExchange, overheadPerExchange: perExchange - headerBytesPerExchange, jsonBytesPerExchange },
      notes,
    };
  } finally {
    await browser?.close();
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
