// Replays a scenario file in Firefox and records, per run, what the page saw, the reasons Firefox
// logged to its console, and whether a preflight reached the server; then the file's HAR as
// Firefox DevTools exports it.

import type { Page } from 'puppeteer-core';
import type { PageResult } from './browser-verdict.ts';
import type { FirefoxConsoleMessage, LaunchedFirefox } from './firefox.ts';
import { fetchInit } from './record.ts';
import { hopUrl, runCount, type Outcome, type Scenario, type ScenarioFile } from './scenario-file.ts';
import { startScenarioServers } from './servers.ts';

/** One run as Firefox reported it. */
export interface FirefoxRun {
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
export function reasonName(category: string): string {
  return category.replace(/\d+$/, '');
}

const DID_NOT_SUCCEED = 'CORSDidNotSucceed';

/**
 * What Firefox decided. The page sees "NetworkError" either way: a CORS failure is told by a CORS
 * reason in the console other than CORSDidNotSucceed (which Firefox also logs for a refused
 * connection and after a failed preflight).
 */
export function firefoxRun(page: PageResult, messages: readonly FirefoxConsoleMessage[], preflight: boolean): FirefoxRun {
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

/** The console messages of one run: a rejected fetch waits (up to 1 s) for Firefox's reason. */
async function runMessages(firefox: LaunchedFirefox, page: PageResult): Promise<FirefoxConsoleMessage[]> {
  const messages = await firefox.takeConsoleMessages();
  for (let waited = 0; page.settled === 'rejected' && waited < 1000 && !messages.some((m) => m.category.startsWith('CORS')); waited += 50) {
    await sleep(50);
    messages.push(...(await firefox.takeConsoleMessages()));
  }
  return messages;
}

/** Replays `file` (not a `page` file) on `tab`, its servers started and stopped here. */
export async function recordFileInFirefox(firefox: LaunchedFirefox, tab: Page, file: ScenarioFile): Promise<FirefoxFileRecord> {
  const servers = await startScenarioServers(file.scenarios);
  const { origins } = servers;
  const runs: FirefoxRunRecord[] = [];
  try {
    // A navigation starts the network monitor's HAR collection afresh: the HAR is this file's.
    await tab.goto(`${origins.page}/`);
    await tab.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
    await firefox.takeConsoleMessages();
    for (const s of file.scenarios) {
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
        const messages = await runMessages(firefox, page);
        const preflight = servers.served.slice(servedBefore).some((r) => r.method === 'OPTIONS' && r.url.startsWith(scenarioPath));
        runs.push({ scenario: s, run, hop0Url, firefox: firefoxRun(page, messages, preflight), messages });
      }
    }
    return { runs, har: await firefox.exportHar() };
  } finally {
    await servers.close();
  }
}
