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
//       fake clock, a panel subscribed through the worker's port transport (each message
//       JSON-serialised as Chromium's messaging does), the log sealed into a memory record store.
//       Prints the service's counts and the CPU (process.cpuUsage) of the store's ingest and of the
//       whole replay, per replay and their medians (N replays each after 3 to warm up; default 15).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
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
    const service = new CaptureService({ webRequest: { setListening: () => {} }, log, precise: () => ({ attach: async () => null, detach: async () => null }), hostAccess: async () => true, clock, showBlocked: () => {} });
    let toService: ((message: unknown) => void) | undefined;
    let [messages, messageBytes] = [0, 0];
    service.connectPanel(
      createCapturePortTransport({
        name: 'panel',
        postMessage: (message) => {
          messages++;
          messageBytes += JSON.stringify(message).length;
        },
        disconnect: () => {},
        onMessage: { addListener: (listener) => void (toService = listener), removeListener: () => {} },
        onDisconnect: { addListener: () => {}, removeListener: () => {} },
      }),
    );
    toService?.({ source: 'cors-inspector-panel', tabId, type: 'subscribe' });
    await clock.advanceTo(clock.time + 1_500);
    await service.settled();
    [ingestMs, messages, messageBytes] = [0, 0, 0];
    const statsBefore = { ...service.stats };
    const before = process.cpuUsage();
    for (const [name, details, at] of events) {
      if (details.tabId !== tabId) continue;
      if (at > clock.time) await clock.advanceTo(at);
      service.queueWebRequest(name as Parameters<typeof service.queueWebRequest>[0], details);
    }
    await clock.advanceTo(clock.time + 8_000);
    await service.settled();
    const spent = process.cpuUsage(before);
    const stats = Object.fromEntries(Object.entries(service.stats).map(([key, value]) => [key, value - (statsBefore[key as keyof typeof statsBefore] ?? 0)]));
    return { ingestMs, totalMs: (spent.user + spent.system) / 1000, stats, messages, messageBytes };
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

async function replay(file: string): Promise<void> {
  const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const rounds = Number(option('rounds') ?? 15);
  const rev = option('baseline');
  const baseline = rev === undefined ? undefined : extracted(rev);
  try {
    const subjects: [string, (recording: Recording) => Promise<Replayed>][] = [['this tree', await subject(root)]];
    if (baseline !== undefined) subjects.push([rev!, await subject(baseline)]);
    const figures = new Map(subjects.map(([label]) => [label, { ingest: [] as number[], total: [] as number[] }]));
    // Warm-up: the first replays of each run several times slower while V8 optimises.
    for (let i = 0; i < 3; i++) for (const [, run] of subjects) await run(recording);
    for (let round = 0; round < rounds; round++) {
      // Interleaved, the order alternating.
      for (const [label, run] of round % 2 === 0 ? subjects : [...subjects].reverse()) {
        const replayed = await run(recording);
        figures.get(label)!.ingest.push(replayed.ingestMs);
        figures.get(label)!.total.push(replayed.totalMs);
        if (round === 0) {
          const { batches, mapped, stored, upserts, upsertedExchanges, writes, persistBytes } = replayed.stats;
          console.log(
            `${label}: ${batches} batches, ${mapped ?? '?'} exchanges mapped, ${stored ?? '?'} stored; ${upserts} upserts of ${upsertedExchanges} exchanges, ${replayed.messages} messages (${(replayed.messageBytes / 1e6).toFixed(1)} MB); ${writes} writes, ${((persistBytes ?? 0) / 1e6).toFixed(1)} MB`,
          );
        }
      }
    }
    const list = (values: number[]): string => values.map((v) => v.toFixed(0)).join(' ');
    for (const [label, { ingest, total }] of figures) console.log(`${label}: the store's ingest ${median(ingest).toFixed(0)} ms CPU [${list(ingest)}], the whole replay ${median(total).toFixed(0)} ms [${list(total)}]`);
  } finally {
    if (baseline !== undefined) rmSync(baseline, { recursive: true, force: true });
  }
}

const recordTo = option('record');
const events = option('events');
if (recordTo !== undefined) await record(recordTo);
else if (events !== undefined) await replay(events);
else throw new Error('--record=FILE or --events=FILE (see the first lines of bench/capture-cost/replay.ts)');
