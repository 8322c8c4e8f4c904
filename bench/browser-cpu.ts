// CPU time used by one Chromium (its browser process and every process under it: renderers, the
// network service, GPU, extension workers), read from /proc. On a 2-core machine shared with
// other work, wall time of a page load spreads ±10-20% from run to run; the CPU the browser spent
// doing the same work is much steadier, so the capture-cost bench prints both.
//
// Linux only (the bench machine); elsewhere `browserCpu` returns null and only wall time is shown.

import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on every Linux the bench meets). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime of the process itself, in ticks. */
  own: number;
  /** cutime + cstime: ticks of its children that exited and were waited for. */
  reaped: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited meanwhile
  }
  // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); fields[0] is state.
  const n = (field: number): number => Number(fields[field - 3]);
  return { pid, ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** The process started with `--user-data-dir=<userDataDir>` whose parent was not: the browser process. */
function browserPid(userDataDir: string): number | null {
  const marked = new Set(allPids().filter((pid) => commandLine(pid).includes(`--user-data-dir=${userDataDir}`)));
  for (const pid of marked) {
    const stat = readStat(pid);
    if (stat && !marked.has(stat.ppid)) return pid;
  }
  return null;
}

/** CPU milliseconds used so far: by the whole browser, by its browser process alone, and by its extension processes. */
export interface CpuReading {
  tree: number;
  browserProcess: number;
  /** Processes started with `--extension-process` (an extension's service worker runs in one). */
  extensionProcesses: number;
  /**
   * By kind of process: `browser`, `extension`, or Chromium's `--type` (`renderer`, `gpu-process`,
   * `utility:<sub-type>` such as the network service), for telling where a cost lands.
   */
  byKind: Record<string, number>;
}

/** What kind of process a command line starts (see `CpuReading.byKind`). */
function processKind(commandLine: string): string {
  // Chromium rewrites its children's command line as one string (their process title): split on both.
  const args = commandLine.split(/[\0 ]/);
  const value = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const type = value('type');
  if (type === undefined) return 'browser';
  if (args.includes('--extension-process')) return 'extension';
  if (type === 'utility') return `utility:${value('utility-sub-type') ?? '?'}`;
  return type;
}

/**
 * Ticks of an extension process by thread: `main` (its pages' frames: the CORS panel and the
 * devtools page), `worker` (the service worker's thread), `other` (IPC, the thread pool, GC helpers).
 * A profile's busy time is sampled on the wall clock, so it counts a thread waiting for a core as
 * busy; these are the threads' own CPU.
 */
function extensionThreads(pid: number, threadNames: boolean): Record<string, number> {
  const ticks: Record<string, number> = { main: 0, worker: 0, other: 0 };
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return ticks;
  }
  for (const tid of tids) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile (its ticks are then in no thread's reading: the process's own still has them)
    }
    const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[14 - 3]) + Number(fields[15 - 3]);
    // The main thread is the process's first (its name, to the kernel, is the process's); others by
    // their name as the kernel keeps it (15 characters: "ServiceWorker t").
    const thread = Number(tid) === pid ? 'main' : name.startsWith('ServiceWorker') ? 'worker' : 'other';
    ticks[thread] = (ticks[thread] ?? 0) + own;
    // With `threadNames`, the other threads by name too (`other:Chrome_ChildIOT`, `other:CompositorTileW`...).
    if (thread === 'other' && threadNames) ticks[`other:${name}`] = (ticks[`other:${name}`] ?? 0) + own;
  }
  return ticks;
}

/**
 * CPU milliseconds the browser `root` and all its descendants have used so far (children that
 * exited included, once reaped). Differences of two readings are what the browser spent between them.
 */
function treeCpuMs(root: number, threadNames: boolean): CpuReading {
  const stats = allPids()
    .map(readStat)
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) {
    let list = children.get(s.ppid);
    if (!list) children.set(s.ppid, (list = []));
    list.push(s);
  }
  const rootStat = stats.find((s) => s.pid === root);
  if (!rootStat) return { tree: Number.NaN, browserProcess: Number.NaN, extensionProcesses: Number.NaN, byKind: {} };
  const ms = (t: number): number => (t * 1000) / TICKS_PER_SECOND;
  let ticks = 0;
  const byKind: Record<string, number> = {};
  const pending = [rootStat];
  while (pending.length > 0) {
    const s = pending.pop()!;
    ticks += s.own + s.reaped;
    const kind = s === rootStat ? 'browser' : processKind(commandLine(s.pid));
    byKind[kind] = (byKind[kind] ?? 0) + ms(s.own);
    if (kind === 'extension') for (const [thread, t] of Object.entries(extensionThreads(s.pid, threadNames))) byKind[`extension:${thread}`] = (byKind[`extension:${thread}`] ?? 0) + ms(t);
    pending.push(...(children.get(s.pid) ?? []));
  }
  return { tree: ms(ticks), browserProcess: ms(rootStat.own), extensionProcesses: byKind['extension'] ?? 0, byKind };
}

/**
 * Reads the CPU of the browser using `userDataDir`; null where /proc or the process is not found.
 * `threadNames`: an extension process's other threads also by name (see `extensionThreads`).
 */
export function browserCpu(userDataDir: string, options: { threadNames?: boolean } = {}): (() => CpuReading) | null {
  if (process.platform !== 'linux') return null;
  const pid = browserPid(userDataDir);
  return pid === null ? null : () => treeCpuMs(pid, options.threadNames === true);
}
