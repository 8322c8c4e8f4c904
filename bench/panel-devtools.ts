// Issue #14, the panel row: the CORS panel inside REAL DevTools holding 50,000 exchanges, a keystroke
// in its filter box → the next frame presented on screen.
//
//   npm run build && npx tsx bench/panel-devtools.ts [--count=N] [--rounds=N] [--trace=FILE] [--detailed] [--profile] [--dist=DIR]
//
// Chromium (the system one) with the built extension (`dist/`) and `--auto-open-devtools-for-tabs`;
// the DevTools window of a tab is driven through the browser's protocol (`DevtoolsDriver`: sessions
// attached with `flatten: false`), the CORS panel shown in it. The exchanges reach the panel the way
// a person would open them: a bundle file of `count` generated exchanges (the samples the plain-page
// bench uses) set on the panel's "Open…" file input (`DOM.setFileInputFiles`), read, checked and
// diagnosed by the panel itself.
//
// Keystrokes are real input: `Input.dispatchKeyEvent` sent to the DevTools window, routed by the
// browser to the focused element of the panel's frame (another renderer process), typing a query
// letter by letter and deleting it with Backspace. Each is measured by Chromium's own input-latency
// accounting (the `EventLatency` trace events: from the key event's creation in the browser to the
// presentation of the first frame that shows its effect, the metric behind INP), and, from inside
// the panel's frame, from the key event's timestamp to the end of the frame that rendered the list
// (main-thread work done, before the compositor and the display).
//
// Session 24 (2026-12-05 10:12–10:40Z, load average 4.4–13 on the 2 cores: two other helpers
// benchmarking browsers; every figure below is disturbed by them). Why this bench printed "panel
// still busy ... 120 s after the rows were listed" for several sessions:
// - In the panel's frame inside headless DevTools, Chromium gives idle periods only after a frame,
//   never while nothing is drawn (no long idle periods). Measured right after 50,000 rows were
//   listed, with nothing animating: 1 idle callback in 3 s (1.2 ms left); with an animation-frame
//   loop running: 147 in 3 s, none timed out, median 15.2 ms left (154 frames).
// - So the idle test (TRACK_IDLE) never ran its check: the count stayed 0. And the panel's warming
//   ran only at its idle callback's timeout: the build of 107e7c8, instrumented, made 125 warming
//   calls in the 127 s after opening, 121 of them timed out, one slice (100 exchanges) each,
//   15.9 ms of work in all: 50,000 would have taken ~500 s.
// - It was the bench's test and the panel both. The idle test now keeps frames coming while it
//   waits (a requestAnimationFrame loop, stopped after); the panel's warming (src/ui/warming.ts)
//   goes on in tasks of 4 ms when an idle callback comes at its timeout, until all are warm.
//   With frames kept coming, 107e7c8 warms in idle time too (idle 0.5–0.7 s after listing, below).
// - Does a person meet it? For an opened bundle, hardly: an imported row's reason is the exporter's
//   headline (~1.3 µs each, the figures above), so a search working out the unwarmed ones itself
//   costs little. Three interleaved pairs of runs (--dist; 10:22–10:40Z, load 4.4–13), 107e7c8 /
//   this build:
//     typing right after the list is complete ("v", then Backspace; key event → the frame's
//       main-thread work done): 26.0, 44.7 / 48.2, 100.1; 78.5, 18.1 / 266.6, 75.2; 21.7, 12.1 /
//       21.3, 8.7 ms. The same in both at this noise (an early probe of 107e7c8: 45.6, 40.7, 15.3,
//       55.6 ms): the first filter and render of 50,000 rows under load, not the reasons.
//     idle after listing (frames now kept coming): 0.7, 0.5, 0.6 s / 0.8, 1.5, 0.5 s.
//     keystrokes after idle (EventLatency, median / p90 / first / worst, ms): 10.6/53.3/8.6/272.4,
//       10.7/27.1/13.7/163.0, 9.5/23.1/23.0/192.0 / 9.9/48.3/9.1/81.9, 11.8/34.9/12.1/155.2,
//       9.4/68.2/33.2/171.0. Medians within the goal; the worst ones are the load (both builds).
//     list complete: 10.4, 7.0, 6.2 s / 7.7, 4.1, 8.2 s (the load: 3.4 and 4.4 s in quieter runs of
//       107e7c8 at 10:14–10:17Z).
//   For captured rows (the reason from the engine; an estimate from WARM_BUDGET's "a few
//   milliseconds" per 100, not measured) an unwarmed 50,000 would cost one keystroke ~1.5 s;
//   warming starved to a slice a second left that window open for ~8 minutes in a panel drawing no
//   frames, now a few seconds (tasks of 4 ms, setTimeout-clamped gaps). Not measured (the bench
//   opens a bundle): what I would measure next, with a live capture of 50,000.
//   The bench now prints the first and the worst keystroke beside the median and p90.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { createBundle, serializeBundle } from '../src/export/index.ts';
import { ENGINE_VERSION } from '../src/ui/share/engine-version.ts';
import { manyExchanges } from '../src/ui/plain/samples.ts';
import { DevtoolsDriver } from '../scripts/devtools-frontend.ts';
import { launchWithExtension, waitFor, type ExtensionBrowser } from '../test/browser/helpers/launch.ts';
import { inclusiveTimes, median, ms, percentile, sleep, summarizeProfile, type CpuProfile } from './browser-stats.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNT = Number(option('count') ?? '50000');
/** Passes of typing the query and deleting it; every keystroke of every pass is one sample. */
const ROUNDS = Number(option('rounds') ?? '3');
const TRACE_FILE = option('trace');
/** Also record what the panel's main thread does (style, layout, paint, JS): slows everything down. */
const DETAILED = args.includes('--detailed');
/** Also a CPU profile of the panel's frame while typing (self time per function). */
const PROFILE = args.includes('--profile');
/** A CPU profile of the panel's frame from opening the file until the panel is idle (self and total time per function). */
const PROFILE_LOAD = args.includes('--profile-load');
/** Another build of the extension than `dist/` (to compare two builds). */
const DIST = option('dist');
/** A realistic search: a path typed letter by letter, then deleted letter by letter (as the plain-page bench). */
const QUERY = 'v1/items/42';
const GOAL_MS = 16;
/** Opening 50,000 exchanges: the list complete (verdicts, failures first) within a few seconds. */
const LOAD_GOAL_S = 5;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

// ---- The page DevTools inspects, and the bundle file -------------------------------------------

function serveBlankPage(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inspected page</title></head><body><p>Inspected by DevTools.</p></body></html>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

function writeBundle(dir: string, count: number): string {
  const exchanges = manyExchanges(count).map((captured) => ({ id: captured.id, exchange: captured.exchange }));
  const path = join(dir, `cors-inspector-${count}.json`);
  writeFileSync(path, serializeBundle(createBundle({ exchanges, engineVersion: ENGINE_VERSION })));
  return path;
}

// ---- In the panel's frame ----------------------------------------------------------------------
// Source text for Runtime.evaluate: the frame has none of this file's helpers.

/** How many rows the list holds (its options' aria-setsize), 0 when it shows none. */
const LISTED = `(() => { const o = document.querySelector('[role="option"]'); return o ? Number(o.getAttribute('aria-setsize')) : 0; })()`;

/**
 * Listens to the filter box: for each key event, its timestamp, and the end of the frame that
 * rendered the list after it (the panel renders in the animation frame after a store change; a
 * frame callback registered from the `input` listener runs after the panel's, then a message
 * posted from it is the first task after that frame's style, layout and paint).
 */
const INSTRUMENT = `(() => {
  const input = document.querySelector('input.cp-search');
  if (!input) throw new Error('no filter box');
  const bench = { samples: [], pending: null };
  window.corsBench = bench;
  input.addEventListener('keydown', (event) => { bench.pending = { key: event.key, tKey: event.timeStamp }; });
  input.addEventListener('input', () => {
    const sample = bench.pending;
    if (!sample) return;
    bench.pending = null;
    sample.tInput = performance.now();
    requestAnimationFrame(() => {
      sample.tRendered = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        sample.tFrameDone = performance.now();
        sample.listed = ${LISTED};
        sample.text = input.value;
        bench.samples.push(sample);
      };
      channel.port2.postMessage(null);
    });
  });
  input.focus();
  return document.activeElement === input;
})()`;

/**
 * Counts idle callbacks in a row that had room to spare (the main thread had nothing to do); any
 * busy one starts the count again. `corsBenchQuiet` is that count. Frames are kept coming meanwhile
 * (an animation frame loop, stopped by `corsBenchStopFrames`): in the panel's frame inside headless
 * DevTools, Chromium gives idle periods only after a frame, none while nothing is drawn (no long
 * idle periods), so without frames an idle callback never runs and the panel looked "busy" forever.
 */
const TRACK_IDLE = `(() => {
  window.corsBenchQuiet = 0;
  let frames = true;
  window.corsBenchStopFrames = () => { frames = false; };
  const frame = () => { if (frames) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const check = (deadline) => {
    window.corsBenchQuiet = deadline.timeRemaining() >= 10 ? window.corsBenchQuiet + 1 : 0;
    if (frames) requestIdleCallback(check);
  };
  requestIdleCallback(check);
  return true;
})()`;

interface FrameSample {
  key: string;
  text: string;
  listed: number;
  tKey: number;
  tInput: number;
  tRendered: number;
  tFrameDone: number;
}

// ---- Keys --------------------------------------------------------------------------------------

function keyEvents(char: string | 'Backspace'): Record<string, unknown>[] {
  if (char === 'Backspace') {
    const key = { key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8, nativeVirtualKeyCode: 8 };
    return [{ type: 'rawKeyDown', ...key }, { type: 'keyUp', ...key }];
  }
  const upper = char.toUpperCase();
  const code = /[a-z]/.test(char) ? `Key${upper}` : /[0-9]/.test(char) ? `Digit${char}` : char === '/' ? 'Slash' : '';
  const vk = /[a-z0-9]/.test(char) ? upper.charCodeAt(0) : char === '/' ? 191 : 0;
  const key = { key: char, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk };
  return [{ type: 'keyDown', ...key, text: char, unmodifiedText: char }, { type: 'keyUp', ...key }];
}

// ---- Trace: EventLatency ------------------------------------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  id2?: { local?: string };
  args?: { event_latency?: { event_type?: string } };
}

/** One key press as Chromium accounted it, in ms from the event's creation in the browser. */
interface KeyLatency {
  /** Creation → presentation of the frame that showed its effect. */
  total: number;
  /** Creation → the panel's main thread starts handling it (browser, IPC, renderer's queue). */
  toMain: number;
  /** The key's handlers on the panel's main thread (keydown, keypress, input). */
  handlers: number;
  /** Handlers done → the frame's commit: waiting for the frame, the panel's render, style, layout, paint. */
  toCommit: number;
  /** Commit → presented: the compositor, the display compositor, the swap. */
  toPresent: number;
}

/**
 * EventLatency slices of the key presses that led to a frame. Chromium writes each slice with its
 * stages when it ends; ids are reused, so a stage belongs to the open slice of its process, thread
 * and id.
 */
function keyLatencies(trace: Buffer): KeyLatency[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const open = new Map<string, { type: string; begin: number; stages: Map<string, [number, number]> }>();
  const out: KeyLatency[] = [];
  for (const event of events) {
    if (event.ph !== 'b' && event.ph !== 'e') continue;
    const key = `${event.pid}:${event.tid}:${event.id2?.local ?? ''}`;
    if (event.name === 'EventLatency') {
      if (event.ph === 'b') {
        open.set(key, { type: event.args?.event_latency?.event_type ?? '?', begin: event.ts, stages: new Map() });
        continue;
      }
      const slice = open.get(key);
      open.delete(key);
      const main = slice?.stages.get('RendererMainProcessing');
      const commit = slice?.stages.get('Commit');
      const toCommit = slice?.stages.get('RendererMainFinishedToCommit');
      if (!slice || slice.type !== 'KEY_PRESSED' || !main || !commit || !toCommit) continue;
      out.push({
        total: (event.ts - slice.begin) / 1000,
        toMain: (main[0] - slice.begin) / 1000,
        handlers: (main[1] - main[0]) / 1000,
        toCommit: (toCommit[1] - toCommit[0]) / 1000,
        toPresent: (event.ts - commit[0]) / 1000,
      });
      continue;
    }
    const slice = open.get(key);
    if (!slice) continue;
    const stage = slice.stages.get(event.name) ?? [event.ts, event.ts];
    stage[event.ph === 'b' ? 0 : 1] = event.ts;
    slice.stages.set(event.name, stage);
  }
  return out;
}

// ---- The benchmark -----------------------------------------------------------------------------

async function openPanel(browser: ExtensionBrowser, pageUrl: string, bundle: string): Promise<{ devtools: DevtoolsDriver; frontend: string; panel: string; firstRowsMs: number; loadMs: number }> {
  const page = await browser.context.newPage();
  await page.goto(pageUrl);
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panel = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  await waitFor(async () => ((await devtools.evaluate<boolean>(panel, `!!document.querySelector('input[type="file"]')`)) ? true : undefined), 'the panel rendered');

  // "Open…": the file set on the panel's file input, as the file picker does.
  if (PROFILE_LOAD) {
    await devtools.send(panel, 'Profiler.enable');
    await devtools.send(panel, 'Profiler.setSamplingInterval', { interval: 500 });
    await devtools.send(panel, 'Profiler.start');
  }
  const started = Date.now();
  const { root } = (await devtools.send(panel, 'DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeId } = (await devtools.send(panel, 'DOM.querySelector', { nodeId: root.nodeId, selector: 'input[type="file"]' })) as { nodeId: number };
  await devtools.send(panel, 'DOM.setFileInputFiles', { nodeId, files: [bundle] });
  let firstRowsMs = -1;
  await waitFor(
    async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      const listed = await devtools.evaluate<number>(panel, LISTED);
      if (listed > 0 && firstRowsMs < 0) firstRowsMs = Date.now() - started;
      return listed === COUNT ? true : undefined;
    },
    `${COUNT} rows in the panel`,
    300_000,
  );
  return { devtools, frontend, panel, firstRowsMs, loadMs: Date.now() - started };
}

async function typeAndDelete(devtools: DevtoolsDriver, frontend: string): Promise<void> {
  const keys: (string | 'Backspace')[] = [...QUERY, ...Array.from(QUERY, () => 'Backspace' as const)];
  for (const key of keys) {
    // Typing pace, with a jitter so that keystrokes fall anywhere within a frame.
    await sleep(120 + Math.random() * 17);
    for (const event of keyEvents(key)) await devtools.send(frontend, 'Input.dispatchKeyEvent', event);
  }
  await sleep(300);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-devtools-'));
  const served = await serveBlankPage();
  let browser: ExtensionBrowser | undefined;
  try {
    const bundle = writeBundle(dir, COUNT);
    browser = await launchWithExtension({ devtools: true, ...(DIST ? { dist: DIST } : {}) });
    const { devtools, frontend, panel, firstRowsMs, loadMs } = await openPanel(browser, served.url, bundle);
    log(`panel in real DevTools: ${COUNT.toLocaleString('en-US')} exchanges opened from a bundle: first rows listed in ${(firstRowsMs / 1000).toFixed(1)} s, all of them in ${(loadMs / 1000).toFixed(1)} s`);
    log(
      `ROW | panel in real DevTools, ${COUNT.toLocaleString('en-US')} exchanges: opened → list complete | ${(loadMs / 1000).toFixed(1)} s | goal <= ${LOAD_GOAL_S} s | ${loadMs <= LOAD_GOAL_S * 1000 ? 'met' : 'not met'}`,
    );
    // What the panel does once a file is open (the reasons the search matches, worked out a slice a
    // task) is over before the person types: typing right after opening 50,000 is another measure.
    // A person typing right away: one letter and its deletion as soon as the list is complete,
    // while the panel still works the reasons out (the search works out those it lacks itself).
    const idleFrom = Date.now();
    if (!(await devtools.evaluate<boolean>(panel, INSTRUMENT))) throw new Error('the filter box did not take the focus');
    for (const key of [QUERY[0]!, 'Backspace' as const]) {
      await sleep(120 + Math.random() * 17);
      for (const event of keyEvents(key)) await devtools.send(frontend, 'Input.dispatchKeyEvent', event);
    }
    await waitFor(async () => ((await devtools.evaluate<number>(panel, 'window.corsBench.samples.length')) >= 2 ? true : undefined), 'the early keystrokes', 30_000);
    const early = await devtools.evaluate<FrameSample[]>(panel, 'window.corsBench.samples.splice(0)');
    log(`  typing right after the list is complete: key event → its frame's main-thread work done  ${early.map((s) => `"${s.key}" ${ms(s.tFrameDone - s.tKey)}`).join(', ')}`);
    await devtools.evaluate(panel, TRACK_IDLE);
    const idle = await waitFor(async () => ((await devtools.evaluate<number>(panel, 'window.corsBenchQuiet')) >= 5 ? true : undefined), 'the panel idle', 120_000).catch(() => false);
    await devtools.evaluate(panel, 'window.corsBenchStopFrames()');
    log(`  panel ${idle ? 'idle' : 'still busy (WARNING: the keystrokes may wait for it)'} ${((Date.now() - idleFrom) / 1000).toFixed(1)} s after the rows were listed`);
    if (PROFILE_LOAD) {
      const { profile } = (await devtools.send(panel, 'Profiler.stop')) as { profile: CpuProfile };
      for (const line of summarizeProfile(profile, 30)) log(line);
      for (const line of inclusiveTimes(profile, { top: 40 })) log(line);
    }
    const owner = browser.context.browser() as Browser;
    const categories = ['benchmark', 'cc', 'input', 'latencyInfo', ...(DETAILED ? ['devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline'] : [])];
    await owner.startTracing(undefined, { categories });
    if (PROFILE) {
      await devtools.send(panel, 'Profiler.enable');
      await devtools.send(panel, 'Profiler.setSamplingInterval', { interval: 100 });
      await devtools.send(panel, 'Profiler.start');
    }
    for (let round = 0; round < ROUNDS; round++) await typeAndDelete(devtools, frontend);
    const trace = await owner.stopTracing();
    if (PROFILE) {
      const { profile } = (await devtools.send(panel, 'Profiler.stop')) as { profile: CpuProfile };
      for (const line of summarizeProfile(profile, 25)) log(line);
    }
    if (TRACE_FILE) writeFileSync(TRACE_FILE, trace);

    const samples = await devtools.evaluate<FrameSample[]>(panel, 'window.corsBench.samples');
    const expected = ROUNDS * QUERY.length * 2;
    const atQuery = samples.find((s) => s.text === QUERY)?.listed ?? -1;
    const restored = samples.at(-1)?.listed ?? -1;
    log(`  ${samples.length} of ${expected} keystrokes seen in the panel; rows at "${QUERY}": ${atQuery}; after deleting it: ${restored}`);
    if (samples.length !== expected || restored !== COUNT || atQuery <= 0 || atQuery >= COUNT) log('  WARNING: the filter did not narrow and restore the list as expected');
    const inFrame = samples.map((s) => s.tFrameDone - s.tKey);
    const queued = samples.map((s) => s.tInput - s.tKey);
    log(`  in the panel's frame: key event → its frame's main-thread work done  median ${ms(median(inFrame))}  p90 ${ms(percentile(inFrame, 0.9))}  first ${ms(inFrame[0] ?? NaN)}  worst ${ms(Math.max(...inFrame))}`);
    log(`    of which key event created → input handled (IPC, queue)            median ${ms(median(queued))}`);

    const latencies = keyLatencies(trace);
    const stat = (pick: (k: KeyLatency) => number): string => ms(median(latencies.map(pick)));
    log(`  key press → next frame presented (Chromium's EventLatency, ${latencies.length} key presses):`);
    const totals = latencies.map((k) => k.total);
    log(`    median ${stat((k) => k.total)}  p90 ${ms(percentile(totals, 0.9))}  first ${ms(totals[0] ?? NaN)}  worst ${ms(Math.max(...totals))}  (goal: ${GOAL_MS} ms, one frame)`);
    log(`    stages (medians): to the panel's main thread ${stat((k) => k.toMain)}; handlers ${stat((k) => k.handlers)}; frame wait + render + paint ${stat((k) => k.toCommit)}; commit → presented ${stat((k) => k.toPresent)}`);
    const measured = median(latencies.map((k) => k.total));
    log(`ROW | panel in real DevTools, ${COUNT.toLocaleString('en-US')} exchanges: filter keystroke → next frame presented (median) | ${ms(measured)} | goal <= ${GOAL_MS} ms | ${measured <= GOAL_MS ? 'met' : 'not met'}`);
  } finally {
    await browser?.close();
    served.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
