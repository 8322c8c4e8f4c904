// The capture's worker-side work without the browser (bench/capture-cost.ts, session 25): under a
// shared machine's load the browser's figures cannot show a change of 0.1 s a load, this can.
//
//   npx tsx bench/capture-cost/replay.ts --record=FILE
//       one load of bench/browser-load.ts's page (2,000 fetches) in Chromium with an extension that
//       registers the capture's own listeners (extension/web-request-listeners.ts) and keeps each
//       event's details and the time it reached the worker; written to FILE as JSON.
//   npx tsx bench/capture-cost/replay.ts --events=FILE [--rounds=N] [--baseline=REV]
//       the recorded events fed to this tree's CaptureService (and REV's, a git revision, extracted
//       to a temporary folder; the two interleaved in one process) at their recorded times on a
//       fake clock, a panel subscribed through the worker's port transport, the log sealed into a
//       memory record store.
//       Prints the service's counts and the CPU (process.cpuUsage) of the store's ingest and of the
//       whole replay, per replay and their medians (N replays each after 3 to warm up; default 15),
//       and what the replay allocated on V8's heap (the heap's growth plus what each GC freed, by
//       node:v8's GCProfiler) and the GCs' own time. With --baseline, also whether the two
//       revisions sent the panel the same messages and wrote the same log (its records read back
//       and opened; SHA-256 of their JSON): a change of cost must not change what is captured.
//   npx tsx bench/capture-cost/replay.ts --events=FILE --heap-profile=OUT [--rounds=N]
//       this tree's replays (after the warm-up) under V8's sampling heap profiler, keeping the
//       objects GCs collected: where the allocations are made (OUT, a .heapprofile for DevTools).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GCProfiler, getHeapStatistics, serialize } from 'node:v8';
import { build } from 'esbuild';
import { launchWithExtension, tabIdOf } from '../../test/browser/helpers/launch.ts';
import { startServers } from '../browser-load.ts';

const root = resolve(import.meta.dirname, '../..');
const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** One event as the worker's listener got it: its name, its details, Date.now() in the worker. */
type Recorded = [name: string, details: { tabId: number }, at: number];
interface Recording {
  tabId: number;
  events: Recorded[];
}

async function record(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-replay-recorder-'));
  const listeners = JSON.stringify(join(root, 'extension/web-request-listeners.ts'));
  const chromium = JSON.stringify(join(root, 'extension/browser/chromium.ts'));
  writeFileSync(
    join(dir, 'entry.ts'),
    `import { BROWSER } from ${chromium};
import { webRequestListeners } from ${listeners};
const recorded: unknown[] = [];
(self as unknown as { recorded: unknown[] }).recorded = recorded;
webRequestListeners((name, details) => void recorded.push([name, details, Date.now()]), BROWSER).setListening(true);
`,
  );
  await build({ entryPoints: [join(dir, 'entry.ts')], bundle: true, format: 'esm', outfile: join(dir, 'worker.js'), logLevel: 'warning' });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'recorder', version: '1', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'worker.js', type: 'module' } }));
  const servers = await startServers();
  const browser = await launchWithExtension({ dist: dir });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const load = async (query: string): Promise<void> => {
      await page.goto(`${servers.pageOrigin}/?${query}`);
      await page.waitForFunction(() => (window as unknown as { __loadBench?: unknown }).__loadBench !== undefined, undefined, { timeout: 120_000 });
    };
    await load('run=warm&n=200');
    const worker = await browser.serviceWorker();
    await worker.evaluate(() => void ((self as unknown as { recorded: unknown[] }).recorded.length = 0));
    await load('run=recorded');
    await new Promise((done) => setTimeout(done, 1500));
    const recording: Recording = { tabId: await tabIdOf(browser, page), events: await worker.evaluate(() => (self as unknown as { recorded: Recorded[] }).recorded) };
    writeFileSync(file, JSON.stringify(recording));
    console.log(`${recording.events.length} events recorded (tab ${recording.tabId}) in ${file}`);
  } finally {
    await browser.close();
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Time as the service sees it: moved to each event's recorded time, running the timers due by then. */
class ReplayClock {
  #timers: { at: number; seq: number; run: () => void }[] = [];
  #seq = 0;
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  later(ms: number, run: () => void): void {
    this.#timers.push({ at: this.time + ms, seq: this.#seq++, run });
  }
  async advanceTo(until: number): Promise<void> {
    for (;;) {
      // What the last timer started (the service's promise chains) settles first.
      await new Promise((done) => setImmediate(done));
      // The earliest timer (set first among equals), found without sorting: the replay's own
      // allocations are kept out of what it measures.
      let index = -1;
      for (let i = 0; i < this.#timers.length; i++) {
        const timer = this.#timers[i]!;
        const best = this.#timers[index];
        if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) index = i;
      }
      const next = this.#timers[index];
      if (!next || next.at > until) break;
      this.#timers.splice(index, 1);
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = Math.max(this.time, until);
  }
}

interface Replayed {
  ingestMs: number;
  totalMs: number;
  stats: Record<string, number>;
  messages: number;
  messageBytes: number;
  /** Bytes allocated on V8's heap over the replay, and the GCs' time (ms) and count. */
  allocatedBytes: number;
  gcMs: number;
  gcs: number;
  /** SHA-256 of every message sent the panel (their JSON, in order), and of the log's records read back. */
  messagesHash: string;
  logHash: string;
}

/** What V8 allocated while `run` ran: the used heap's growth plus what each GC freed. */
async function allocations<T>(run: () => Promise<T>): Promise<{ result: T; allocatedBytes: number; gcMs: number; gcs: number }> {
  const profiler = new GCProfiler();
  const before = getHeapStatistics().used_heap_size;
  profiler.start();
  const result = await run();
  const after = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop() as { statistics: { cost: number; beforeGC: { heapStatistics: { usedHeapSize: number } }; afterGC: { heapStatistics: { usedHeapSize: number } } }[] };
  const freed = statistics.reduce((sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize, 0);
  return { result, allocatedBytes: after - before + freed, gcMs: statistics.reduce((sum, gc) => sum + gc.cost, 0) / 1000, gcs: statistics.length };
}

/** A tree's modules the replay drives (this one's, or a revision's extracted by `--baseline`). */
async function subject(tree: string): Promise<(recording: Recording) => Promise<Replayed>> {
  const { CaptureService } = (await import(join(tree, 'extension/capture-service.ts'))) as typeof import('../../extension/capture-service.ts');
  const { CaptureStore } = (await import(join(tree, 'src/capture/index.ts'))) as typeof import('../../src/capture/index.ts');
  const { createCapturePortTransport } = (await import(join(tree, 'extension/port-transport.ts'))) as typeof import('../../extension/port-transport.ts');
  const { loadCaptureKey } = (await import(join(tree, 'extension/capture-key.ts'))) as typeof import('../../extension/capture-key.ts');
  const { createEncryptedLog, createMemoryRecordStore } = (await import(join(tree, 'extension/capture-log.ts'))) as typeof import('../../extension/capture-log.ts');
  let ingestMs = 0;
  const ingest = CaptureStore.prototype.ingest;
  CaptureStore.prototype.ingest = function (this: InstanceType<typeof CaptureStore>, ...args: Parameters<typeof ingest>) {
    const before = process.cpuUsage();
    try {
      return ingest.apply(this, args);
    } finally {
      const spent = process.cpuUsage(before);
      ingestMs += (spent.user + spent.system) / 1000;
    }
  };
  return async ({ tabId, events }) => {
    const clock = new ReplayClock(events[0]![2] - 2_000);
    const session: Record<string, unknown> = {};
    const log = loadCaptureKey({ get: async (key) => (key in session ? { [key]: session[key] } : {}), set: async (items) => void Object.assign(session, items) }).then(({ key }) =>
      createEncryptedLog(key, createMemoryRecordStore()),
    );
    const service = new CaptureService({ webRequest: { setListening: () => {} }, log, precise: () => ({ availability: async () => 'available', attach: async () => null, detach: async () => null }), hostAccess: async () => true, clock, showBlocked: () => {} });
    let toService: ((message: unknown) => void) | undefined;
    // What the panel is sent, kept as posted; counted and hashed once the replay is measured.
    let posted: unknown[] = [];
    service.connectPanel(
      createCapturePortTransport({
        name: 'panel',
        postMessage: (message) => {
          posted.push(message);
          // What Chromium's structured-clone messaging does to it in the worker: serialise it
          // (a string made flat first, when it is a rope).
          serialize(message);
        },
        disconnect: () => {},
        onMessage: { addListener: (listener) => void (toService = listener), removeListener: () => {} },
        onDisconnect: { addListener: () => {}, removeListener: () => {} },
      }),
    );
    toService?.({ source: 'cors-inspector-panel', tabId, type: 'subscribe' });
    await clock.advanceTo(clock.time + 1_500);
    await service.settled();
    ingestMs = 0;
    posted = [];
    // Each event's details a copy of their own, as each listener call gets from the browser (the
    // mapping keeps what it made of an event's arrays by their identity), made before measuring.
    const fresh = events.filter(([, details]) => details.tabId === tabId).map(([name, details, at]) => [name, structuredClone(details), at] as const);
    const statsBefore = { ...service.stats };
    const before = process.cpuUsage();
    const { allocatedBytes, gcMs, gcs } = await allocations(async () => {
      for (const [name, details, at] of fresh) {
        if (at > clock.time) await clock.advanceTo(at);
        service.queueWebRequest(name as Parameters<typeof service.queueWebRequest>[0], details);
      }
      await clock.advanceTo(clock.time + 8_000);
      await service.settled();
    });
    const spent = process.cpuUsage(before);
    const stats = Object.fromEntries(Object.entries(service.stats).map(([key, value]) => [key, value - (statsBefore[key as keyof typeof statsBefore] ?? 0)]));
    const texts = posted.map((message) => (typeof message === 'string' ? message : JSON.stringify(message)));
    const messagesHash = texts.reduce((hash, text) => hash.update(text), createHash('sha256')).digest('hex');
    const [messages, messageBytes] = [texts.length, texts.reduce((sum, text) => sum + text.length, 0)];
    // The log as a restarted worker would read it: every record opened, in order.
    const { tabs } = await (await log).readAll();
    const logHash = createHash('sha256').update(JSON.stringify([...tabs])).digest('hex');
    return { ingestMs, totalMs: (spent.user + spent.system) / 1000, stats, messages, messageBytes, allocatedBytes, gcMs, gcs, messagesHash, logHash };
  };
}

/** REV's extension/ and src/ in a temporary folder, with this tree's node_modules. */
function extracted(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-replay-baseline-'));
  const archive = execFileSync('git', ['archive', rev, 'extension', 'src', 'package.json'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** This tree's replays under the sampling heap profiler (every object, collected or not). */
async function heapProfile(file: string, out: string): Promise<void> {
  const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const run = await subject(root);
  for (let i = 0; i < 3; i++) await run(recording);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const rounds = Number(option('rounds') ?? 5);
  for (let i = 0; i < rounds; i++) await run(recording);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  writeFileSync(out, JSON.stringify(profile));
  session.disconnect();
  console.log(`${rounds} replays' allocations in ${out}`);
}

async function replay(file: string): Promise<void> {
  const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const rounds = Number(option('rounds') ?? 15);
  const rev = option('baseline');
  const baseline = rev === undefined ? undefined : extracted(rev);
  try {
    const subjects: [string, (recording: Recording) => Promise<Replayed>][] = [['this tree', await subject(root)]];
    if (baseline !== undefined) subjects.push([rev!, await subject(baseline)]);
    const figures = new Map(subjects.map(([label]) => [label, { ingest: [] as number[], total: [] as number[], allocated: [] as number[], gc: [] as number[], outputs: new Set<string>() }]));
    // Warm-up: the first replays of each run several times slower while V8 optimises.
    for (let i = 0; i < 3; i++) for (const [, run] of subjects) await run(recording);
    for (let round = 0; round < rounds; round++) {
      // Interleaved, the order alternating.
      for (const [label, run] of round % 2 === 0 ? subjects : [...subjects].reverse()) {
        const replayed = await run(recording);
        const figure = figures.get(label)!;
        figure.ingest.push(replayed.ingestMs);
        figure.total.push(replayed.totalMs);
        figure.allocated.push(replayed.allocatedBytes / 1e6);
        figure.gc.push(replayed.gcMs);
        figure.outputs.add(`messages ${replayed.messagesHash.slice(0, 16)}, log ${replayed.logHash.slice(0, 16)}`);
        if (round === 0) {
          const { batches, mapped, stored, upserts, upsertedExchanges, writes, persistBytes } = replayed.stats;
          console.log(
            `${label}: ${batches} batches, ${mapped ?? '?'} exchanges mapped, ${stored ?? '?'} stored; ${upserts} upserts of ${upsertedExchanges} exchanges, ${replayed.messages} messages (${(replayed.messageBytes / 1e6).toFixed(1)} MB); ${writes} writes, ${((persistBytes ?? 0) / 1e6).toFixed(1)} MB`,
          );
        }
      }
    }
    const list = (values: number[]): string => values.map((v) => v.toFixed(0)).join(' ');
    for (const [label, { ingest, total, allocated, gc }] of figures) {
      console.log(`${label}: the store's ingest ${median(ingest).toFixed(0)} ms CPU [${list(ingest)}], the whole replay ${median(total).toFixed(0)} ms [${list(total)}]`);
      console.log(`${label}: allocated ${median(allocated).toFixed(1)} MB [${allocated.map((v) => v.toFixed(1)).join(' ')}], GC ${median(gc).toFixed(1)} ms [${list(gc)}]`);
    }
    const outputs = [...figures].map(([label, { outputs }]) => `${label}: ${[...outputs].join(' | ')}`);
    for (const line of outputs) console.log(line);
    const distinct = new Set([...figures.values()].flatMap(({ outputs }) => [...outputs]));
    console.log(distinct.size === 1 ? 'the same messages and log in every replay' : 'DIFFERENT messages or log (see above)');
  } finally {
    if (baseline !== undefined) rmSync(baseline, { recursive: true, force: true });
  }
}

const recordTo = option('record');
const events = option('events');
if (recordTo !== undefined) await record(recordTo);
else if (events !== undefined && option('heap-profile') !== undefined) await heapProfile(events, option('heap-profile')!);
else if (events !== undefined) await replay(events);
else throw new Error('--record=FILE or --events=FILE (see the first lines of bench/capture-cost/replay.ts)');
