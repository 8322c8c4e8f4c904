// The viewer opening a bundle: from the file chosen to the list of its `count` exchanges painted.
// An opened bundle's rows show this engine's verdicts (7efe248): every exchange is judged again, for
// the list's order and filters, before the list can show its first rows. Numbers only, no goal.
//
//   npm run build && npx tsx bench/viewer-open.ts [--count=N] [--rounds=N] [--dist=DIR]... [--profile]
//
// The built viewer (`dist/viewer.html`, one self-contained file) opened from the disk in Chromium
// (the system one); the bundle (the generated exchanges the panel benches use) set on its "Open…"
// file input, as the file picker does. Timed inside the page: from the input's `change` event to
// the end of the first frame whose list holds every exchange (a frame callback sees the list
// complete, then a message posted from it runs after that frame's style, layout and paint). Each
// round a fresh page. With several --dist, the builds alternate round by round, the order rotated.
// Beside the wall time, the CPU time of the page's renderer process over the same span (Chromium's
// own accounting, `SystemInfo.getProcessInfo`): on a shared machine the wall time moves with the
// load, the CPU time much less.
//
// Session 36 (2026-12-06 19:40–19:47Z, load average 21–26 on the 2 cores: four other helpers), 20,000
// exchanges, 3 rounds after a warm-up, builds interleaved: before the list judged opened bundles
// again (88ac3eb) median wall 13.5 s, renderer CPU 3.62 s (rounds 4.54, 3.41, 3.62); after (b0317b1)
// 16.4 s, 4.21 s (4.13, 4.21, 4.41). The rounds overlap: the change is within the noise here. In
// Node, the same 20,000 through the list's path (`createAnalyzer(...).classify`: the verdict path,
// the cause, the fix's origin) cost 77–234 ms of CPU; reading the file (parse, schema, the check
// against the exporter's verdicts, which both builds do) 1.2–1.5 s; the rows' reasons (a full
// diagnosis and headline each, the search's warming after the list is shown) 135–359 ms.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { createBundle, serializeBundle } from '../src/export/index.ts';
import { ENGINE_VERSION } from '../src/ui/share/engine-version.ts';
import { manyExchanges } from '../src/ui/plain/samples.ts';
import { BASE_ARGS, CHROMIUM_PATH } from '../test/browser/helpers/launch.ts';
import { median, summarizeProfile, type CpuProfile } from './browser-stats.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNT = Number(option('count') ?? '20000');
const ROUNDS = Number(option('rounds') ?? '3');
const DISTS = args.filter((a) => a.startsWith('--dist=')).map((a) => resolve(a.slice('--dist='.length)));
if (DISTS.length === 0) DISTS.push(resolve(import.meta.dirname, '../dist'));
/** A CPU profile of the page from the file chosen to the list painted (the last round of each build). */
const PROFILE = args.includes('--profile');
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Source text for the page: resolves with the ms from the input's change to the complete list painted. */
const TIME_OPENING = `new Promise((done) => {
  const input = document.querySelector('input[type="file"]');
  input.addEventListener('change', () => {
    const chosen = performance.now();
    const complete = () => {
      const row = document.querySelector('[role="option"]');
      if (row && Number(row.getAttribute('aria-setsize')) === ${COUNT}) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now() - chosen);
        channel.port2.postMessage(null);
      } else requestAnimationFrame(complete);
    };
    requestAnimationFrame(complete);
  }, { capture: true, once: true });
  window.corsBenchReady = true;
})`;

/** CPU seconds of every renderer process so far (one page is open at a time: its renderer's). */
async function rendererCpu(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  } finally {
    await session.detach();
  }
}

interface Opened {
  wallMs: number;
  cpuMs: number;
}

async function openOnce(browser: Browser, dist: string, bundle: string, profile: boolean): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(join(dist, 'viewer.html')).href}?theme=light`);
    await page.locator('input[type="file"]').waitFor({ state: 'attached' });
    const timed = page.evaluate<number>(TIME_OPENING);
    await page.waitForFunction(() => (window as unknown as { corsBenchReady?: boolean }).corsBenchReady === true);
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cpuBefore = await rendererCpu(browser);
    await page.locator('input[type="file"]').setInputFiles(bundle);
    const wallMs = await timed;
    const cpuMs = ((await rendererCpu(browser)) - cpuBefore) * 1000;
    if (cdp) {
      const { profile: recorded } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      for (const line of summarizeProfile(recorded, 20)) log(`    ${line}`);
    }
    return { wallMs, cpuMs };
  } finally {
    await context.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-viewer-'));
const browser = await chromium.launch({ headless: true, executablePath: CHROMIUM_PATH, args: BASE_ARGS });
try {
  const bundle = join(dir, `cors-inspector-${COUNT}.json`);
  const exchanges = manyExchanges(COUNT).map((captured) => ({ id: captured.id, exchange: captured.exchange }));
  writeFileSync(bundle, serializeBundle(createBundle({ exchanges, engineVersion: ENGINE_VERSION })));
  log(`viewer: a bundle of ${COUNT.toLocaleString('en-US')} exchanges opened → the list complete and painted; ${ROUNDS} rounds after 1 warm-up`);
  const times = new Map<string, Opened[]>(DISTS.map((dist) => [dist, []]));
  for (let round = -1; round < ROUNDS; round++) {
    const order = DISTS.map((_, i) => DISTS[(i + Math.max(round, 0)) % DISTS.length]!);
    for (const dist of order) {
      const opened = await openOnce(browser, dist, bundle, PROFILE && round === ROUNDS - 1);
      if (round >= 0) times.get(dist)!.push(opened);
      log(`  ${round < 0 ? 'warm-up' : `round ${round + 1}`}  ${dist}  wall ${seconds(opened.wallMs)}, renderer CPU ${seconds(opened.cpuMs)}`);
    }
  }
  const medians = (measured: Opened[]) => ({ wall: median(measured.map((m) => m.wallMs)), cpu: median(measured.map((m) => m.cpuMs)) });
  for (const [dist, measured] of times) {
    const { wall, cpu } = medians(measured);
    log(`  ${dist}: median wall ${seconds(wall)}, renderer CPU ${seconds(cpu)}`);
  }
  const { wall, cpu } = medians(times.get(DISTS[0]!)!);
  log(`ROW | viewer, ${COUNT.toLocaleString('en-US')} exchanges: bundle opened → list complete and painted (median) | ${seconds(wall)} (renderer CPU ${seconds(cpu)}) | goal none (measured) | -`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
