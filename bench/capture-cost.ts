// Issue #14, capture: where a busy page's time goes when the extension captures it, one cost at a
// time. The page of browser-load.ts (2,000 cross-origin fetches, preflights and blocked ones among
// them) is timed in a fresh Chromium for every measurement, configurations interleaved (the order
// rotates each round), medians over the rounds:
//
//   DevTools closed:  no extension | an extension with only the webRequest permission (no listener:
//                     the floor) | this extension installed, capturing nothing
//   DevTools open:    no extension (the anchor) | bare listeners returning at once, without and with
//                     'extraHeaders' (the capture's own listener set: the floor) | the capture with
//                     its mapping but no storage | the capture with storage, CORS panel not shown |
//                     the same with the CORS panel shown
//
//   npm run build && npx tsx bench/capture-cost.ts [--rounds=N] [--only=open|closed] [--profile]
//        [--configs=open,open-panel,...] [--dist=DIR] [--baseline=DIR]
//
// --dist: the extension to measure (default dist/); --baseline: another build of it (e.g. a copy of
// dist/ made before a change), measured as `<config>-before` beside each capture configuration.
// --profile: a CPU profile of the service worker during one "panel shown" run (self time by
// function), taken through the DevTools protocol (Playwright does not expose worker profiling).
// The variants are throwaway extensions built here with esbuild from the project's own modules
// (bench/capture-cost/), so what they register is exactly what the capture registers.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright';
import type { WorkerDebugGlobals } from '../extension/service-worker.ts';
import { DevtoolsDriver } from '../scripts/devtools-frontend.ts';
import { BASE_ARGS, CHROMIUM_PATH, DIST, launchWithExtension, tabIdOf, waitFor, type ExtensionBrowser } from '../test/browser/helpers/launch.ts';
import { EXPECTED_ALLOWED, FETCHES, startServers, type Servers } from './browser-load.ts';
import { median, sleep, summarizeProfile, type CpuProfile } from './browser-stats.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? '5');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const profile = args.includes('--profile');
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dist = resolve(option('dist') ?? DIST);
const baseline = option('baseline');
const picked = option('configs')?.split(',');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Which extension a browser gets. */
type Extension = 'none' | 'permission' | 'bare' | 'bare-extra' | 'capture-memory' | 'capture' | 'baseline';

interface Config {
  name: string;
  label: string;
  devtools: boolean;
  extension: Extension;
  /** The CORS panel shown in the tab's DevTools. */
  panel?: boolean;
}

const CONFIGS: Config[] = [
  { name: 'closed', label: 'DevTools closed, no extension', devtools: false, extension: 'none' },
  { name: 'closed-permission', label: 'DevTools closed, webRequest permission only (floor)', devtools: false, extension: 'permission' },
  { name: 'closed-installed', label: 'DevTools closed, extension installed', devtools: false, extension: 'capture' },
  { name: 'open', label: 'DevTools open, no extension (anchor)', devtools: true, extension: 'none' },
  { name: 'open-bare', label: "DevTools open, bare listeners without 'extraHeaders'", devtools: true, extension: 'bare' },
  { name: 'open-floor', label: "DevTools open, bare listeners as the capture's (floor)", devtools: true, extension: 'bare-extra' },
  { name: 'open-mapping', label: 'DevTools open, capture with mapping, no storage', devtools: true, extension: 'capture-memory' },
  { name: 'open-storage', label: 'DevTools open, capture with storage, panel not shown', devtools: true, extension: 'capture' },
  { name: 'open-panel', label: 'DevTools open, capture, CORS panel shown', devtools: true, extension: 'capture', panel: true },
];

interface Run {
  config: string;
  settledMs: number;
  allowed: number;
  /** Capture configurations: the worker's own account of the run. */
  worker?: WorkerDebugGlobals['corsInspectorStats'];
  panelShown?: boolean;
}

// ---- The extensions ----------------------------------------------------------------------------

/** esbuild's bundle of `entry` as one module script. */
async function bundle(entry: string, options: { define?: Record<string, string>; plugins?: Plugin[] } = {}): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'chrome116', write: false, logLevel: 'error', ...options });
  return result.outputFiles[0]!.text;
}

/** A throwaway extension with the webRequest permission for every site and `worker` as its service worker. */
function extensionDir(worker: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-ext-'));
  const manifest = { manifest_version: 3, name: 'bench', version: '1', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'worker.js', type: 'module' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'worker.js'), worker);
  return dir;
}

/** The built extension with its service worker rebuilt without storage (capture-log.ts replaced). */
async function captureWithoutStorage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-dist-'));
  cpSync(dist, dir, { recursive: true });
  const noStorage: Plugin = {
    name: 'no-storage',
    setup(b) {
      b.onResolve({ filter: /\/capture-log\.ts$/ }, () => ({ path: join(root, 'bench/capture-cost/no-storage-log.ts') }));
    },
  };
  writeFileSync(join(dir, 'bench-worker.js'), await bundle(join(root, 'extension/service-worker.ts'), { plugins: [noStorage] }));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest['background'] = { service_worker: 'bench-worker.js', type: 'module' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

async function prepareExtensions(): Promise<Record<Exclude<Extension, 'none'>, string>> {
  const bare = (extra: boolean) => bundle(join(root, 'bench/capture-cost/bare-listeners.ts'), { define: { BENCH_EXTRA_HEADERS: String(extra) } });
  return {
    // A worker that registers nothing (the helpers wait for an extension's worker to start).
    permission: extensionDir('// no listener\n'),
    bare: extensionDir(await bare(false)),
    'bare-extra': extensionDir(await bare(true)),
    'capture-memory': await captureWithoutStorage(),
    capture: dist,
    baseline: baseline === undefined ? dist : resolve(baseline),
  };
}

// ---- One measurement ---------------------------------------------------------------------------

interface Launched {
  context: BrowserContext;
  extension?: ExtensionBrowser;
  close(): Promise<void>;
}

async function launch(config: Config, dirs: Record<Exclude<Extension, 'none'>, string>): Promise<Launched> {
  if (config.extension !== 'none') {
    const extension = await launchWithExtension({ dist: dirs[config.extension], devtools: config.devtools });
    return { context: extension.context, extension, close: () => extension.close() };
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: config.devtools ? [...BASE_ARGS, '--auto-open-devtools-for-tabs'] : BASE_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function loadPage(page: Page, servers: Servers, query: string): Promise<{ settledMs: number; allowed: number }> {
  await page.goto(`${servers.pageOrigin}/?${query}`);
  // Generous: on a machine shared with other work one run has taken over two minutes.
  const handle = await page.waitForFunction(() => (window as unknown as { __loadBench?: unknown }).__loadBench, undefined, { timeout: 600_000, polling: 100 });
  return (await handle.jsonValue()) as { settledMs: number; allowed: number };
}

const isCapture = (config: Config): boolean => config.extension === 'capture' || config.extension === 'capture-memory' || config.extension === 'baseline';

async function measure(config: Config, servers: Servers, dirs: Record<Exclude<Extension, 'none'>, string>, withProfile: boolean): Promise<Run & { profile?: CpuProfile }> {
  const launched = await launch(config, dirs);
  try {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(`${servers.pageOrigin}/?idle`);
    const driver = config.devtools ? await DevtoolsDriver.connect({ context: launched.context }) : null;
    const frontend = driver ? await driver.frontendFor(page.url()) : null;
    const extension = launched.extension;
    let panelId: string | null = null;
    if (extension && isCapture(config) && config.devtools) {
      // DevTools open on the tab starts its capture (the devtools page's port): wait for it.
      const tabId = await tabIdOf(extension, page);
      await waitFor(async () => ((await (await extension.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorTabs())).includes(tabId) ? true : undefined), 'the capture of the tab');
    }
    if (driver && frontend && extension && config.panel) panelId = await driver.showExtensionPanel(frontend, extension.extensionId);
    // A short warm-up in the same browser: the first load compiles what the measured one reuses.
    await loadPage(page, servers, `run=warm-${Math.random().toString(36).slice(2, 8)}&n=200`);
    if (driver && frontend && panelId) await driver.keepPanelShown(frontend, panelId);
    await sleep(200);
    const workerTarget = withProfile && driver && extension ? (await driver.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extension.extensionId}/`)) : undefined;
    const before = extension && isCapture(config) ? await workerStats(extension) : undefined;
    if (driver && workerTarget) {
      await driver.send(workerTarget.targetId, 'Profiler.enable');
      await driver.send(workerTarget.targetId, 'Profiler.start');
    }
    const result = await loadPage(page, servers, `run=${config.name}-${Math.random().toString(36).slice(2, 8)}`);
    const run: Run & { profile?: CpuProfile } = { config: config.name, ...result };
    if (extension && before) {
      // The worker's share of this run, once what it queued is ingested and written.
      await (await extension.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorSettled());
      const after = await workerStats(extension);
      run.worker = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as Run['worker'];
    }
    if (driver && workerTarget) run.profile = (await driver.send(workerTarget.targetId, 'Profiler.stop'))['profile'] as CpuProfile;
    if (driver && frontend && panelId) run.panelShown = (await driver.selectedPanel(frontend)) === panelId;
    return run;
  } finally {
    await launched.close().catch(() => undefined);
  }
}

function workerStats(extension: ExtensionBrowser): Promise<WorkerDebugGlobals['corsInspectorStats']> {
  return extension.serviceWorker().then((w) => w.evaluate(() => ({ ...(self as unknown as WorkerDebugGlobals).corsInspectorStats })));
}

// ---- The rounds and the rows -------------------------------------------------------------------

const before: Config[] = baseline === undefined ? [] : CONFIGS.filter((c) => c.extension === 'capture').map((c) => ({ ...c, name: `${c.name}-before`, label: `${c.label} (baseline)`, extension: 'baseline' }));
const configs = [...CONFIGS, ...before].filter((c) => (only === undefined || (only === 'open') === c.devtools) && (picked === undefined || picked.includes(c.name)));
const servers = await startServers();
const dirs = await prepareExtensions();
const runs: Run[] = [];
const started = Date.now();
log(`Capture cost: ${FETCHES.toLocaleString('en-US')} cross-origin fetches (${EXPECTED_ALLOWED} allowed), navigation start → all settled; a fresh browser for every run, ${rounds} rounds, order rotated`);
try {
  let profiled = !profile;
  for (let round = 0; round < rounds; round++) {
    const order = configs.map((_, i) => configs[(i + round) % configs.length]!);
    for (const config of order) {
      const withProfile = !profiled && config.panel === true;
      const run = await measure(config, servers, dirs, withProfile).catch((error: unknown) => {
        // One run that failed (a timeout on a loaded machine) leaves a hole, not a lost bench.
        log(`  round ${round + 1} ${config.name.padEnd(18)} failed: ${String(error).split('\n')[0]}`);
        return null;
      });
      if (run === null) continue;
      if (withProfile && run.profile) {
        profiled = true;
        for (const line of summarizeProfile(run.profile, 20)) log(line);
      }
      const w = run.worker;
      log(
        `  round ${round + 1} ${config.name.padEnd(18)} ${run.settledMs.toFixed(0).padStart(6)} ms  (${run.allowed} allowed` +
          `${w ? `; worker: ${w.events} events in ${w.batches} batches, ingest ${w.ingestMs.toFixed(0)} ms, storage ${w.persistMs.toFixed(0)} ms in ${w.writes} writes, ${(w.persistBytes / 1024).toFixed(0)} KB, ${w.upserts} upserts to panels of ${w.upsertedExchanges} exchanges` : ''}` +
          `${run.panelShown === undefined ? '' : `; panel shown: ${run.panelShown}`})`,
      );
      runs.push({ ...run, profile: undefined } as Run);
    }
  }
} finally {
  await servers.close();
  for (const [name, dir] of Object.entries(dirs)) if (name !== 'capture' && name !== 'baseline') rmSync(dir, { recursive: true, force: true });
}

const medians = new Map(configs.map((c) => [c.name, median(runs.filter((r) => r.config === c.name).map((r) => r.settledMs))]));
/** The spread of a configuration's runs around their median: how noisy the machine was. */
function spread(name: string): string {
  const values = runs.filter((r) => r.config === name).map((r) => r.settledMs);
  const m = medians.get(name)!;
  return `±${((100 * (Math.max(...values) - Math.min(...values))) / 2 / m).toFixed(0)}%`;
}
const ratio = (name: string, anchor: string): number => medians.get(name)! / medians.get(anchor)!;
const x = (value: number): string => `${value.toFixed(2)}x`;

log('');
for (const config of configs) log(`  ${config.label.padEnd(58)} median ${medians.get(config.name)!.toFixed(0).padStart(6)} ms  (runs ${spread(config.name)})`);
log('');
const has = (...names: string[]): boolean => names.every((n) => medians.has(n));
if (has('open', 'open-floor')) {
  const floor = ratio('open-floor', 'open');
  for (const [name, what] of [
    ['open-bare', "capture cost: bare listeners without 'extraHeaders', DevTools open"],
    ['open-floor', "capture cost: the floor, bare listeners as the capture's, DevTools open"],
    ['open-mapping', 'capture cost: + queue and mapping (no storage), DevTools open'],
    ['open-storage', 'capture cost: + storage (panel not shown), DevTools open'],
    ['open-storage-before', 'capture cost before this change: storage (panel not shown), DevTools open'],
    ['open-panel-before', 'capture cost before this change: CORS panel shown, DevTools open'],
  ] as const) {
    if (has(name)) log(`ROW | ${what} vs DevTools open without the extension | ${x(ratio(name, 'open'))} | goal — | breakdown`);
  }
}
if (has('open', 'open-floor', 'open-panel')) {
  const floor = ratio('open-floor', 'open');
  const shown = ratio('open-panel', 'open');
  const met = shown <= 1.05 || shown / floor <= 1.05;
  log(`ROW | page making 2,000 cross-origin fetches, DevTools open with the CORS panel shown vs DevTools open without the extension | ${x(shown)} (floor ${x(floor)}, ${x(shown / floor)} of it) | goal ≤ 1.05x or ≤ 1.05x the floor | ${met ? 'met' : 'not met'}`);
}
if (has('closed', 'closed-installed', 'closed-permission')) {
  const installed = ratio('closed-installed', 'closed');
  const floor = ratio('closed-permission', 'closed');
  const met = installed <= 1.02 || installed / floor <= 1.05;
  log(`ROW | same, DevTools closed, extension installed vs not | ${x(installed)} (floor: webRequest permission alone ${x(floor)}, ${x(installed / floor)} of it) | goal ≤ 1.02x or ≤ 1.05x the floor | ${met ? 'met' : 'not met'}`);
}
log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
