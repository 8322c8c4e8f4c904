// The whole comparison for scenario files: replay each in Chromium, build a HAR from the protocol
// events, run the engine on the HAR-derived and on the protocol-derived exchanges, and compare every
// run with the browser (and the browser with the file's `expect`).

import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright';
import { exchangesFromCdpEvents } from '../../src/capture/devtools-protocol.ts';
import type { Diagnosis, ObservedExchange } from '../../src/cors/index.ts';
import type { BrowserRun } from './browser-verdict.ts';
import { browserFacts, compareFacts, compareVerdictOnly, engineFacts, expectFacts, type Disagreement } from './compare.ts';
import type { Engine } from './engine.ts';
import { buildHar, type DevToolsHar } from './har-builder.ts';
import { launchChromium } from './chromium.ts';
import { openRecorder, recordScenarioFile, type FileRecord, type RunRecord } from './record.ts';
import { parseScenarioFile, type ScenarioFile, type ScenarioPage } from './scenario-file.ts';
import { startScenarioServers } from './servers.ts';

export interface RunResult {
  file: string;
  record: RunRecord;
  har?: { exchange: ObservedExchange | undefined; diagnosis: Diagnosis | undefined };
  cdp?: { exchange: ObservedExchange | undefined; diagnosis: Diagnosis | undefined };
  disagreements: Disagreement[];
}

export interface FileResult {
  file: string;
  record: FileRecord;
  har: DevToolsHar;
  runs: RunResult[];
}

export async function loadScenarioFile(path: string): Promise<ScenarioFile> {
  return parseScenarioFile(JSON.parse(await readFile(path, 'utf8')) as unknown, path);
}

/** The path of hop 0 of a scenario, the key that ties an exchange to its scenario. */
export function hop0Path(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Exchanges whose first hop is `/s/<id>/0`, grouped by that path, in the order they appear: the
 * k-th exchange of a path is the k-th run of that scenario.
 */
export function exchangesByScenarioPath(exchanges: readonly ObservedExchange[]): Map<string, ObservedExchange[]> {
  const byPath = new Map<string, ObservedExchange[]>();
  for (const x of exchanges) {
    const first = x.hops[0];
    if (first === undefined) continue;
    const path = hop0Path(first.url);
    if (!/^\/s\/[a-z0-9-]+\/0$/.test(path)) continue;
    const list = byPath.get(path) ?? [];
    list.push(x);
    byPath.set(path, list);
  }
  return byPath;
}

function judge(
  kind: 'engine≠browser (HAR)' | 'engine≠browser (CDP)',
  engine: Engine,
  browser: BrowserRun,
  exchange: ObservedExchange | undefined,
  onWire: boolean,
): { exchange: ObservedExchange | undefined; diagnosis: Diagnosis | undefined; disagreements: Disagreement[] } {
  if (exchange === undefined) {
    // Nothing reached the network, so no capture can hold it: only a network error agrees.
    if (!onWire && browser.outcome === 'network-error') return { exchange, diagnosis: undefined, disagreements: [] };
    return {
      exchange,
      diagnosis: undefined,
      disagreements: [{ kind, field: 'exchange', browser: null, other: 'no exchange for this run in the input' }],
    };
  }
  let diagnosis: Diagnosis;
  try {
    diagnosis = engine.diagnose(exchange);
  } catch (e) {
    return {
      exchange,
      diagnosis: undefined,
      disagreements: [{ kind, field: 'exchange', browser: null, other: `diagnose() threw: ${String(e)}` }],
    };
  }
  const disagreements = compareFacts(kind, browserFacts(browser), engineFacts(diagnosis));
  // The verdict-only path must say what the full account says, on every recorded exchange.
  if (engine.diagnoseVerdict !== undefined) disagreements.push(...compareVerdictOnly(diagnosis, engine.diagnoseVerdict(exchange)));
  return { exchange, diagnosis, disagreements };
}

export interface ConformanceOptions {
  engine: Engine | null;
  onRun?: (r: RunResult) => void;
  runTimeoutMs?: number;
}

/**
 * The Chromium flags that serve the page where a `page` file says (FORMAT.md, "Where the page
 * lives"): its host name resolved to 127.0.0.1, its port in its address space, its self-signed
 * certificate accepted.
 */
function pageArgs(page: ScenarioPage, pagePort: number, apiPort: number): string[] {
  const args: string[] = [];
  const names = [page.host, page.frame?.host].filter((n) => n !== undefined);
  if (names.length > 0) args.push(`--host-resolver-rules=${names.map((n) => `MAP ${n} 127.0.0.1`).join(', ')}`);
  const overrides = [
    ...(page.addressSpace === undefined ? [] : [`127.0.0.1:${pagePort}=${page.addressSpace}`]),
    ...(page.apiAddressSpace === undefined ? [] : [`127.0.0.1:${apiPort}=${page.apiAddressSpace}`]),
  ];
  if (overrides.length > 0) args.push(`--ip-address-space-overrides=${overrides.join(',')}`);
  if (page.scheme === 'https') args.push('--ignore-certificate-errors');
  return args;
}

/** A `page` file: its own servers, then its own browser with the flags that name their ports. */
async function recordPageFile(file: ScenarioFile & { page: ScenarioPage }, runTimeoutMs: number | undefined): Promise<FileRecord> {
  const servers = await startScenarioServers(file.scenarios, file.page);
  let browser;
  try {
    browser = await launchChromium(pageArgs(file.page, servers.pagePort, servers.apiPort));
  } catch (e) {
    await servers.close();
    throw e;
  }
  try {
    const recorder = await openRecorder(browser, { origin: servers.topOrigin ?? servers.origins.page, permissions: file.page.grant ?? [] });
    return await recordScenarioFile(recorder, file, { servers, ...(runTimeoutMs === undefined ? {} : { runTimeoutMs }) });
  } finally {
    await browser.close();
  }
}

/** Runs each file in the same browser (one page), servers started once per file; a `page` file in its own browser. */
export async function runConformance(
  browser: Browser,
  files: readonly { path: string; file: ScenarioFile }[],
  options: ConformanceOptions,
): Promise<FileResult[]> {
  const recorder = await openRecorder(browser);
  const results: FileResult[] = [];
  try {
    for (const { path, file } of files) {
      const record =
        file.page === undefined
          ? await recordScenarioFile(recorder, file, {
              ...(options.runTimeoutMs === undefined ? {} : { runTimeoutMs: options.runTimeoutMs }),
            })
          : await recordPageFile({ ...file, page: file.page }, options.runTimeoutMs);
      const har = buildHar(record.events, { browserVersion: recorder.chromiumVersion });
      let harExchanges = new Map<string, ObservedExchange[]>();
      let cdpExchanges = new Map<string, ObservedExchange[]>();
      let harError: string | undefined;
      if (options.engine !== null) {
        try {
          harExchanges = exchangesByScenarioPath(options.engine.exchangesFromHar(har));
        } catch (e) {
          harError = `exchangesFromHar() threw: ${String(e)}`;
        }
        cdpExchanges = exchangesByScenarioPath(exchangesFromCdpEvents(record.events));
      }
      const seen = new Map<string, number>();
      const runs: RunResult[] = [];
      for (const r of record.runs) {
        const path0 = hop0Path(r.hop0Url);
        const k = seen.get(path0) ?? 0;
        seen.set(path0, k + 1);
        const disagreements = compareFacts('browser≠expect', browserFacts(r.browser), expectFacts(r.expect));
        const result: RunResult = { file: path, record: r, disagreements };
        if (options.engine !== null) {
          if (harError !== undefined) {
            disagreements.push({ kind: 'engine≠browser (HAR)', field: 'exchange', browser: null, other: harError });
          } else {
            // Where the HAR lacks a fact the browser decided on, the file says what the engine must conclude without it.
            const fromHar = r.scenario.fromHar;
            const harTruth = fromHar === undefined ? r.browser : { ...r.browser, corsError: fromHar.corsError };
            const h = judge('engine≠browser (HAR)', options.engine, harTruth, harExchanges.get(path0)?.[k], r.reachedNetwork);
            result.har = { exchange: h.exchange, diagnosis: h.diagnosis };
            disagreements.push(...h.disagreements);
          }
          const c = judge('engine≠browser (CDP)', options.engine, r.browser, cdpExchanges.get(path0)?.[k], r.reachedNetwork);
          result.cdp = { exchange: c.exchange, diagnosis: c.diagnosis };
          disagreements.push(...c.disagreements);
        }
        runs.push(result);
        options.onRun?.(result);
      }
      results.push({ file: path, record, har, runs });
    }
  } finally {
    await recorder.close();
  }
  return results;
}

/** The `public.observed.json` shape: what Chromium did, per scenario and run. */
export interface ObservedFile {
  chromium: string;
  scenarios: { id: string; runs: BrowserRun[] }[];
}

export function observedFile(chromium: string, results: readonly FileResult[]): ObservedFile {
  const scenarios: ObservedFile['scenarios'] = [];
  for (const f of results) {
    for (const r of f.runs) {
      const id = r.record.scenario.id;
      const last = scenarios[scenarios.length - 1];
      if (r.record.run > 0 && last !== undefined && last.id === id) last.runs.push(r.record.browser);
      else scenarios.push({ id, runs: [r.record.browser] });
    }
  }
  return { chromium, scenarios };
}
