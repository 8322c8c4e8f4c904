// One proof, in two runs: the server with its broken configuration (Chromium must block the page's
// request; the engine reads the HAR of it), then the same server restarted with the project's
// printed fix put in place of the broken part, verbatim (Chromium must allow the same request).

import type { RunningServer } from '../servers/process.ts';
import { type FetchInit, type PageSite, type Replayed, replay } from './browser.ts';
import { type ExplainedExchange, type ExplainJson, explainedRequest, explainJson } from './engine.ts';
import { recordHeaders } from './recorded-headers.ts';

export interface ProofCase {
  /** The stack as the recorded-headers file names it (`nginx-express`: nginx in front of Express). */
  stack: string;
  /** The broken configuration's name (`no-allowed-header`). */
  config: string;
  /** The layers, outer to inner, as recorded. */
  software: string[];
  /** The request the page makes, to this path on the API's origin. */
  path: string;
  init: FetchInit;
  /**
   * Starts the API with `corsSetup` in place of its CORS configuration: `null` is the broken one,
   * a string is the printed fix, inserted as it is.
   */
  start(corsSetup: string | null): Promise<RunningServer>;
  /** Where the page is loaded from, when not the page site (a dev server serves its own page). */
  pageUrl?: (api: RunningServer) => string;
  /** The URL the page fetches, when not the API's origin + `path` (through a dev proxy). */
  url?: (api: RunningServer, corsSetup: string | null) => string;
}

export interface BrokenRun {
  replayed: Replayed;
  json: ExplainJson;
  explained: ExplainedExchange;
}

async function run(site: PageSite, c: ProofCase, corsSetup: string | null, pageOrigin?: string): Promise<Replayed> {
  const api = await c.start(corsSetup);
  try {
    const url = c.url?.(api, corsSetup) ?? `${api.origin}${c.path}`;
    const page = pageOrigin === undefined ? (c.pageUrl?.(api) ?? `${site.origin}/`) : `${pageOrigin}/`;
    return await replay(site.browser, page, url, c.init);
  } finally {
    await api.stop();
  }
}

function record(c: ProofCase, config: string, replayed: Replayed): void {
  const request = { method: c.init.method ?? 'GET', path: c.path, headers: c.init.headers ?? {}, credentials: c.init.credentials ?? 'same-origin' };
  recordHeaders({ stack: c.stack, config, software: c.software, request }, replayed);
}

/** The configuration as the case starts it (`corsSetup` null), its headers recorded. */
export async function runRecorded(site: PageSite, c: ProofCase): Promise<Replayed> {
  const replayed = await run(site, c, null);
  record(c, c.config, replayed);
  return replayed;
}

/** The broken configuration: Chromium's verdict, and `explain --json` on the HAR of it. */
export async function runBroken(site: PageSite, c: ProofCase): Promise<BrokenRun> {
  const replayed = await runRecorded(site, c);
  const json = explainJson(replayed.har);
  return { replayed, json, explained: explainedRequest(json, replayed.url) };
}

/** The configuration with `snippet` applied as printed. */
export async function runFixed(site: PageSite, c: ProofCase, snippet: string): Promise<Replayed> {
  const replayed = await run(site, c, snippet);
  record(c, `${c.config}-fixed`, replayed);
  return replayed;
}

/**
 * The configuration with `snippet` applied as printed, the same request made from a page on
 * `pageOrigin` (another origin than the one the fix was written for): not recorded.
 */
export function runFixedFrom(site: PageSite, c: ProofCase, snippet: string, pageOrigin: string): Promise<Replayed> {
  return run(site, c, snippet, pageOrigin);
}

/** The redirect proofs' request (nginx's and Caddy's): a PUT with a JSON body to /api/v1/items, which the server redirects. */
export function redirectedPut(stack: string, software: string[], config: string, start: ProofCase['start']): ProofCase {
  return { stack, config, software, path: '/api/v1/items', init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, start };
}
