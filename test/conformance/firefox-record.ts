// Replays a scenario file in Firefox and records, per run, what the page saw, the reasons Firefox
// logged to its console, and whether a preflight reached the server; then the file's HAR as
// Firefox DevTools exports it.

import type { Page } from 'puppeteer-core';
import type { PageResult } from './browser-verdict.ts';
import type { FirefoxConsoleMessage, LaunchedFirefox } from './firefox.ts';
import { fetchInit } from './record.ts';
import { hopUrl, runCount, type Origins, type Outcome, type Scenario, type ScenarioFile } from './scenario-file.ts';
import { startScenarioServers, type ScenarioServers } from './servers.ts';

/** One run as Firefox reported it. */
interface FirefoxRun {
  outcome: Outcome;
  /** Firefox's reason: the first CORS error it logged other than CORSDidNotSucceed, else that one, else null. */
  reason: string | null;
  /** Every CORS error category logged, version digits removed (`CORSMissingAllowOrigin2` → `CORSMissingAllowOrigin`). */
  reasons: string[];
  /** CORS warning categories (e.g. CORSAllowHeaderFromPreflightDeprecation). */
  warnings: string[];
  /** An OPTIONS for the scenario reached the server during the run. */
  preflight: boolean;
  pageError: string | null;
}

export interface FirefoxRunRecord {
  scenario: Scenario;
  run: number;
  hop0Url: string;
  firefox: FirefoxRun;
  messages: FirefoxConsoleMessage[];
}

export interface FirefoxFileRecord {
  runs: FirefoxRunRecord[];
  /** The DevTools HAR of the whole file (text). */
  har: string;
}

/** The reason name as MDN spells it: the console category without its version digits. */
function reasonName(category: string): string {
  return category.replace(/\d+$/, '');
}

const DID_NOT_SUCCEED = 'CORSDidNotSucceed';

/**
 * What Firefox decided. The page sees "NetworkError" either way: a CORS failure is told by a CORS
 * reason in the console other than CORSDidNotSucceed (which Firefox also logs for a refused
 * connection and after a failed preflight).
 */
function firefoxRun(page: PageResult, messages: readonly FirefoxConsoleMessage[], preflight: boolean): FirefoxRun {
  const cors = messages.filter((m) => m.category.startsWith('CORS'));
  const reasons = cors.filter((m) => !m.warning).map((m) => reasonName(m.category));
  const warnings = cors.filter((m) => m.warning).map((m) => reasonName(m.category));
  const decisive = reasons.find((r) => r !== DID_NOT_SUCCEED);
  let outcome: Outcome;
  if (page.settled === 'resolved') outcome = 'allowed';
  else outcome = decisive !== undefined ? 'blocked' : 'network-error';
  return {
    outcome,
    reason: decisive ?? reasons[0] ?? null,
    reasons,
    warnings,
    preflight,
    pageError: page.settled === 'rejected' ? page.message : null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The scenario path (`/s/<id>/`) a console message names, if any (Firefox quotes the URL). */
function scenarioPathIn(message: string): string | undefined {
  return /\/s\/[a-z0-9-]+\//.exec(message)?.[0];
}

/**
 * Console messages arrive asynchronously, some after the page saw its fetch fail (the
 * CORSDidNotSucceed of a failed preflight's request comes last): each run takes the messages that
 * name its scenario's URL, plus those that name none, and leaves the others for their own run.
 */
class ConsoleRouter {
  private pending: FirefoxConsoleMessage[] = [];
  constructor(private readonly firefox: LaunchedFirefox) {}

  async drain(): Promise<void> {
    await this.firefox.takeConsoleMessages();
    this.pending = [];
  }

  private async poll(scenarioPath: string): Promise<FirefoxConsoleMessage[]> {
    this.pending.push(...(await this.firefox.takeConsoleMessages()));
    return this.pending.filter((m) => scenarioPathIn(m.message) === scenarioPath);
  }

  /** The run's messages: a rejected fetch waits (up to 2 s) for a CORS message, then until none has come for 150 ms. */
  async forRun(scenarioPath: string, page: PageResult): Promise<FirefoxConsoleMessage[]> {
    let mine = await this.poll(scenarioPath);
    for (let waited = 0; page.settled === 'rejected' && waited < 2000 && !mine.some((m) => m.category.startsWith('CORS')); waited += 50) {
      await sleep(50);
      mine = await this.poll(scenarioPath);
    }
    // A failure's messages come one after another: wait until none has come for 150 ms.
    for (let count = page.settled === 'rejected' ? -1 : this.pending.length; count !== this.pending.length; ) {
      count = this.pending.length;
      await sleep(150);
      await this.poll(scenarioPath);
    }
    const taken = this.pending.filter((m) => {
      const path = scenarioPathIn(m.message);
      return path === undefined || path === scenarioPath;
    });
    this.pending = this.pending.filter((m) => !taken.includes(m));
    return taken;
  }
}

/** How many times each URL path is listed in a HAR's text: all entries, and those with a response. */
function listedInHar(har: string): { listed: Map<string, number>; answered: Map<string, number> } {
  const listed = new Map<string, number>();
  const answered = new Map<string, number>();
  const entries = (JSON.parse(har) as { log?: { entries?: { request?: { url?: string }; response?: { status?: number } }[] } }).log?.entries ?? [];
  for (const e of entries) {
    if (e.request?.url === undefined) continue;
    const url = new URL(e.request.url);
    const path = url.pathname + url.search;
    listed.set(path, (listed.get(path) ?? 0) + 1);
    if ((e.response?.status ?? 0) !== 0) answered.set(path, (answered.get(path) ?? 0) + 1);
  }
  return { listed, answered };
}

const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/**
 * The hops a run's redirect led to that were never sent (the CORS check refused the redirect, or
 * its target): Firefox lists them in its HAR with no response, some time after the run, and the
 * engine reads such an entry as the redirect having been followed. Hop n counts when hop n-1's
 * request (not its preflight) reached the server and hop n's did not.
 */
function neverSentHops(origins: Origins, s: Scenario, served: readonly { method: string; url: string }[]): string[] {
  const reached = new Set(served.filter((r) => r.method !== 'OPTIONS').map((r) => r.url.split('?')[0]));
  const out: string[] = [];
  for (let n = 1; n < s.hops.length; n++) {
    const before = pathOf(hopUrl(origins, s, n - 1));
    const hop = pathOf(hopUrl(origins, s, n));
    if (reached.has(before) && !reached.has(hop)) out.push(hop);
  }
  return out;
}

/**
 * The HAR once it lists every request the servers answered, with its response, and every
 * never-sent redirect target: the network monitor receives its events asynchronously, so an export
 * right after the last run can miss the last ones. Waits up to 13 s for the answered ones, and
 * for the never-sent ones only during the first 3 s (a redirect under "manual" or "error" mode
 * leads nowhere, and Firefox lists a refused target only sometimes), then returns what it has: the
 * comparison names what is missing.
 */
async function completeHar(firefox: LaunchedFirefox, served: readonly { url: string }[], neverSent: readonly string[]): Promise<string> {
  const wanted = new Map<string, number>();
  for (const r of served) if (r.url.startsWith('/s/')) wanted.set(r.url, (wanted.get(r.url) ?? 0) + 1);
  const wantedListed = new Map<string, number>();
  for (const path of neverSent) wantedListed.set(path, (wantedListed.get(path) ?? 0) + 1);
  const has = (counts: Map<string, number>, want: Map<string, number>): boolean => [...want].every(([path, n]) => (counts.get(path) ?? 0) >= n);
  // Other requests never sent (a preflight's failure leaves its request unsent) have no trace to
  // wait for either: a moment for their events first.
  await sleep(500);
  let har = await firefox.exportHar();
  for (let waited = 0; waited < 13_000; waited += 200) {
    const { listed, answered } = listedInHar(har);
    if (has(answered, wanted) && (has(listed, wantedListed) || waited >= 3_000)) break;
    await sleep(200);
    har = await firefox.exportHar();
  }
  return har;
}

/**
 * What a replay needs beyond the file's scenarios (firefox-lna.test.ts: Firefox's Local Network
 * Access prefs and permissions). The main conformance replay passes none.
 */
export interface FirefoxReplayOptions {
  /** The scenarios replayed, the servers serving only these (default: all the file's). */
  scenarios?: readonly Scenario[];
  /** Once the servers listen, before the page loads (prefs that name their ports, permissions). */
  setUp?: (servers: ScenarioServers) => Promise<void>;
  /** Undoes `setUp`, before the servers stop: always, even when `setUp` or a run failed. */
  tearDown?: (servers: ScenarioServers) => Promise<void>;
}

/** Replays `file` on `tab`, its servers started and stopped here. Not a `page` file, unless `options` set it up. */
export async function recordFileInFirefox(firefox: LaunchedFirefox, tab: Page, file: ScenarioFile, options: FirefoxReplayOptions = {}): Promise<FirefoxFileRecord> {
  const scenarios = options.scenarios ?? file.scenarios;
  const servers = await startScenarioServers(scenarios);
  const { origins } = servers;
  const runs: FirefoxRunRecord[] = [];
  const neverSent: string[] = [];
  try {
    await options.setUp?.(servers);
    // A navigation starts the network monitor's HAR collection afresh: the HAR is this file's.
    await tab.goto(`${origins.page}/`);
    await tab.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
    const console = new ConsoleRouter(firefox);
    await console.drain();
    for (const s of scenarios) {
      const hop0Url = hopUrl(origins, s, 0);
      const init = fetchInit(s, origins);
      const scenarioPath = `/s/${s.id}/`;
      for (let run = 0; run < runCount(s); run++) {
        const servedBefore = servers.served.length;
        const page = (await tab.evaluate(
          (url: string, i: unknown) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(url, i),
          hop0Url,
          init,
        )) as PageResult;
        const messages = await console.forRun(scenarioPath, page);
        const preflight = servers.served.slice(servedBefore).some((r) => r.method === 'OPTIONS' && r.url.startsWith(scenarioPath));
        runs.push({ scenario: s, run, hop0Url, firefox: firefoxRun(page, messages, preflight), messages });
        neverSent.push(...neverSentHops(origins, s, servers.served.slice(servedBefore)));
      }
    }
    return { runs, har: await completeHar(firefox, servers.served, neverSent) };
  } finally {
    try {
      await options.tearDown?.(servers);
    } finally {
      await servers.close();
    }
  }
}
