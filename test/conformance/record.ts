// Replays a scenario file in Chromium and records, per run, what the page saw and the DevTools
// protocol `Network` events Chromium sent for it.

import type { Browser, CDPSession, Frame, Page } from 'playwright';
import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
import { browserRun, isPreflightEvent, mainRequestId, reachedNetwork, type BrowserRun, type PageResult } from './browser-verdict.ts';
import { launchChromium } from './chromium.ts';
import {
  expectForRun,
  hopUrl,
  runCount,
  substitute,
  substituteExpect,
  substitutePairs,
  type Origins,
  type Scenario,
  type ScenarioExpect,
  type ScenarioFile,
} from './scenario-file.ts';
import { startScenarioServers, type ScenarioServers, type ServedRequest } from './servers.ts';

/** The `Network` events the harness records (enough for a HAR and for the engine). */
export const RECORDED_EVENTS = [
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.loadingFinished',
  'Network.loadingFailed',
  // Local Network Access: the page's and the server's address spaces of a refused request.
  'Audits.issueAdded',
] as const;

export interface RunRecord {
  scenario: Scenario;
  /** 0-based index of the run (`repeat`). */
  run: number;
  hop0Url: string;
  /** `expect` of the file for this run, placeholders substituted. */
  expect: ScenarioExpect;
  page: PageResult;
  browser: BrowserRun;
  /** This run's events, in arrival order. */
  events: CdpEvent[];
  /** True when the run's events did not settle before the timeout (the record may be partial). */
  timedOut: boolean;
  /** False when the renderer rejected the fetch() before any request reached the network layer. */
  reachedNetwork: boolean;
}

export interface FileRecord {
  origins: Origins;
  runs: RunRecord[];
  /** Every recorded event of the file, in arrival order. */
  events: CdpEvent[];
  served: ServedRequest[];
}

/** One page and its protocol session, reused for every file. */
export interface Recorder {
  page: Page;
  session: CDPSession;
  chromiumVersion: string;
  close(): Promise<void>;
}

/** `grantTo`: the page's origin and the permissions granted to it before it loads (`page.grant`). */
export async function openRecorder(browser: Browser, grantTo?: { origin: string; permissions: readonly string[] }): Promise<Recorder & { log: CdpEvent[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: grantTo !== undefined });
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  if (grantTo !== undefined && grantTo.permissions.length > 0) {
    // Granted through the DevTools protocol, to the page's origin in this browser context.
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
    const browserSession = await browser.newBrowserCDPSession();
    await browserSession.send('Browser.grantPermissions', { permissions: grantTo.permissions as never, origin: grantTo.origin, browserContextId: targetInfo.browserContextId });
  }
  const log: CdpEvent[] = [];
  for (const method of RECORDED_EVENTS) {
    session.on(method, (params: unknown) => {
      log.push({ method, params });
      for (const wake of waiters.splice(0)) wake();
    });
  }
  await session.send('Network.enable');
  await session.send('Audits.enable');
  return {
    page,
    session,
    log,
    chromiumVersion: browser.version(),
    close: () => context.close(),
  };
}

const waiters: (() => void)[] = [];

function nextEvent(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    waiters.push(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

interface P {
  requestId?: string;
  request?: { url?: string };
  redirectResponse?: unknown;
  redirectHasExtraInfo?: boolean;
  hasExtraInfo?: boolean;
  response?: unknown;
}

/**
 * A run has settled when the page's request was seen, every request of the scenario (the fetch, its
 * preflights, its redirects, which reuse the fetch's request id) has finished or failed, and every
 * response that announced extra info (`hasExtraInfo`) got its `responseReceivedExtraInfo`.
 */
export function runSettled(events: readonly CdpEvent[], hop0Url: string, scenarioPath: string): boolean {
  if (mainRequestId(events, hop0Url) === undefined) return false;
  const ids = new Set<string>();
  const done = new Set<string>();
  const extraExpected = new Map<string, number>();
  const extraSeen = new Map<string, number>();
  const bump = (m: Map<string, number>, id: string): void => {
    m.set(id, (m.get(id) ?? 0) + 1);
  };
  for (const e of events) {
    const p = e.params as P;
    const id = p.requestId;
    if (id === undefined) continue;
    switch (e.method) {
      case 'Network.requestWillBeSent':
        if (p.request?.url?.includes(scenarioPath) || isPreflightEvent(e)) ids.add(id);
        if (p.redirectResponse !== undefined && p.redirectHasExtraInfo === true) bump(extraExpected, id);
        break;
      case 'Network.responseReceived':
        if (p.hasExtraInfo === true) bump(extraExpected, id);
        break;
      case 'Network.responseReceivedExtraInfo':
        bump(extraSeen, id);
        break;
      case 'Network.loadingFinished':
      case 'Network.loadingFailed':
        done.add(id);
        break;
    }
  }
  for (const id of ids) {
    if (!done.has(id)) return false;
    if ((extraExpected.get(id) ?? 0) > (extraSeen.get(id) ?? 0)) return false;
  }
  return true;
}

export function fetchInit(s: Scenario, origins: Origins): Record<string, unknown> {
  const f = s.fetch ?? {};
  const init: Record<string, unknown> = {
    method: f.method ?? 'GET',
    headers: substitutePairs(f.headers, origins, s),
    credentials: f.credentials ?? 'same-origin',
    mode: f.mode ?? 'cors',
    redirect: f.redirect ?? 'follow',
  };
  if (f.body !== undefined) init['body'] = substitute(f.body, origins, s);
  if (f.targetAddressSpace !== undefined) init['targetAddressSpace'] = f.targetAddressSpace;
  return init;
}

/** The page's iframe of `src` (with its `allow` attribute), once loaded: where a `page.frame` file's scenarios run. */
async function openFrame(page: Page, src: string, allow: string | undefined): Promise<Frame> {
  const handle = await page.evaluateHandle(
    ([url, policy]) =>
      new Promise<HTMLIFrameElement>((resolve) => {
        const iframe = document.createElement('iframe');
        if (policy !== undefined) iframe.allow = policy;
        iframe.onload = () => resolve(iframe);
        iframe.src = url;
        document.body.append(iframe);
      }),
    [src, allow] as const,
  );
  const frame = await handle.asElement()?.contentFrame();
  if (frame === null || frame === undefined) throw new Error(`the iframe of ${src} did not load`);
  return frame;
}

export interface RecordOptions {
  /** Longest wait for one run's events, in ms. */
  runTimeoutMs?: number;
  /** Called after each run (progress output). */
  onRun?: (r: RunRecord) => void;
  /** Servers already started for this file (a `page` file: the browser's flags name their ports); closed here. */
  servers?: ScenarioServers;
}

/** A file without `page`, replayed in a Chromium of its own: launched, the file recorded in one page, closed. */
export async function recordInChromium(file: ScenarioFile): Promise<FileRecord> {
  const browser = await launchChromium();
  try {
    return await recordScenarioFile(await openRecorder(browser), file);
  } finally {
    await browser.close();
  }
}

export async function recordScenarioFile(
  recorder: Recorder & { log: CdpEvent[] },
  file: ScenarioFile,
  options: RecordOptions = {},
): Promise<FileRecord> {
  const timeout = options.runTimeoutMs ?? 5000;
  const servers = options.servers ?? (await startScenarioServers(file.scenarios));
  const { origins } = servers;
  const fileStart = recorder.log.length;
  const runs: RunRecord[] = [];
  try {
    await recorder.page.goto(`${servers.topOrigin ?? origins.page}/`);
    const frame = file.page?.frame === undefined ? recorder.page.mainFrame() : await openFrame(recorder.page, `${origins.page}/`, file.page.frame.allow);
    await frame.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
    for (const s of file.scenarios) {
      const hop0Url = hopUrl(origins, s, 0);
      const init = fetchInit(s, origins);
      for (let run = 0; run < runCount(s); run++) {
        const start = recorder.log.length;
        const page = (await frame.evaluate(
          ([url, i]) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(url, i),
          [hop0Url, init] as const,
        )) as PageResult;
        const deadline = Date.now() + timeout;
        let timedOut = false;
        const scenarioPath = `/s/${s.id}/`;
        // A fetch() the renderer rejected on its own (a TypeError, mode "same-origin" to another
        // origin, ...) never reaches the network layer: once a protocol round trip shows no event
        // for it, there is nothing to wait for.
        await recorder.session.send('Runtime.evaluate', { expression: '0' }).catch(() => undefined);
        const neverSent = page.settled === 'rejected' && !reachedNetwork(recorder.log.slice(start), scenarioPath);
        while (!neverSent && !runSettled(recorder.log.slice(start), hop0Url, scenarioPath)) {
          const left = deadline - Date.now();
          if (left <= 0) {
            timedOut = true;
            break;
          }
          await nextEvent(left);
        }
        // One protocol round trip: events the browser sent before its answer arrive before it.
        await recorder.session.send('Runtime.evaluate', { expression: '0' }).catch(() => undefined);
        const events = recorder.log.slice(start);
        const record: RunRecord = {
          scenario: s,
          run,
          hop0Url,
          expect: substituteExpect(expectForRun(s, run), origins, s),
          page,
          browser: browserRun(events, hop0Url, page),
          events,
          timedOut,
          reachedNetwork: reachedNetwork(events, scenarioPath),
        };
        runs.push(record);
        options.onRun?.(record);
      }
    }
  } finally {
    await servers.close();
  }
  return { origins, runs, events: recorder.log.slice(fileStart), served: servers.served };
}
