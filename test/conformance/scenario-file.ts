// A scenario file (`cors-scenarios/1`, see /work/shared/cors-scenarios/FORMAT.md): reading it,
// checking it, and substituting its placeholders once the harness knows its ports.

import type { CorsError } from '../../src/cors/cors-error.ts';

type HostName = 'page' | 'api' | 'other' | 'closed';
export type Outcome = 'allowed' | 'blocked' | 'network-error';
export type HeaderPairs = readonly (readonly [string, string])[];

/**
 * https://fetch.spec.whatwg.org/#concept-request-cache-mode (a project extension of the shared
 * format, see test/scenarios/FORMAT.md). "no-store" and "reload" make the browser add
 * `Cache-Control`/`Pragma` to the request after the preflight was decided.
 */
type ScenarioCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';

interface ScenarioFetch {
  method?: string;
  headers?: HeaderPairs;
  credentials?: 'omit' | 'same-origin' | 'include';
  mode?: 'cors' | 'no-cors' | 'same-origin';
  redirect?: 'follow' | 'manual' | 'error';
  body?: string;
  /** The request's cache mode; left out, the page's fetch() passes none ("default"). */
  cache?: ScenarioCacheMode;
  /** fetch()'s Local Network Access option (https://wicg.github.io/local-network-access/#request-target-address-space). */
  targetAddressSpace?: AddressSpace;
}

type AddressSpace = 'public' | 'local' | 'loopback';

export interface ScenarioAnswer {
  status: number;
  headers: HeaderPairs;
  body?: string;
}

interface ScenarioHop {
  host: HostName;
  response: ScenarioAnswer;
  preflight?: ScenarioAnswer;
}

export interface ScenarioExpect {
  outcome: Outcome;
  preflight: boolean;
  corsError: CorsError | null;
  failedParameter: string | null;
}

/**
 * What the engine must conclude from the HAR alone where the HAR lacks a fact the browser decided
 * on (FORMAT.md, "fromHar"): these fields replace the browser's in the HAR comparison only.
 */
interface ScenarioFromHar {
  corsError: CorsError | null;
  because: string;
}

export interface Scenario {
  id: string;
  about?: string;
  fromHar?: ScenarioFromHar;
  fetch?: ScenarioFetch;
  hops: readonly ScenarioHop[];
  repeat?: number;
  expect: ScenarioExpect | readonly ScenarioExpect[];
}

/**
 * How the page is served, for Local Network Access (FORMAT.md, "Where the page lives"): under a
 * public-looking host name, over http or https, in an address space, with permissions granted.
 */
export interface ScenarioPage {
  host?: string;
  scheme?: 'http' | 'https';
  addressSpace?: AddressSpace;
  /** The address space Chromium counts the `api` server in (`--ip-address-space-overrides`), e.g. `local` for a LAN device. */
  apiAddressSpace?: AddressSpace;
  grant?: readonly string[];
  /**
   * The scenarios run inside an iframe of the page, served by the page's server under `host`
   * (cross-origin, same address space), with the iframe's `allow` attribute when given. `{origin}`
   * is then the frame's origin; `grant` still goes to the top-level page's.
   */
  frame?: { host: string; allow?: string };
}

export interface ScenarioFile {
  format: 'cors-scenarios/1';
  page?: ScenarioPage;
  scenarios: readonly Scenario[];
}

/** The four origins of one run of a file. */
export interface Origins {
  page: string;
  api: string;
  other: string;
  closed: string;
}

export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

const HOSTS: ReadonlySet<string> = new Set(['page', 'api', 'other', 'closed']);
const OUTCOMES: ReadonlySet<string> = new Set(['allowed', 'blocked', 'network-error']);
const CACHE_MODES: ReadonlySet<string> = new Set<ScenarioCacheMode>(['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPairs(v: unknown, where: string): void {
  if (!Array.isArray(v)) throw new ScenarioFileError(`${where}: headers must be a list of [name, value] pairs`);
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new ScenarioFileError(`${where}: each header must be a [name, value] pair of strings`);
    }
  }
}

function checkAnswer(v: unknown, where: string): void {
  if (!isObject(v) || typeof v['status'] !== 'number') throw new ScenarioFileError(`${where}: needs a numeric status`);
  checkPairs(v['headers'] ?? [], where);
  if (v['body'] !== undefined && typeof v['body'] !== 'string') throw new ScenarioFileError(`${where}: body must be text`);
}

function isAddressSpace(v: unknown): v is AddressSpace {
  return v === 'public' || v === 'local' || v === 'loopback';
}

function checkPage(page: unknown, name: string): void {
  if (page === undefined) return;
  if (!isObject(page)) throw new ScenarioFileError(`${name}: page must be an object`);
  const host = page['host'];
  if (host !== undefined && (typeof host !== 'string' || !/^[a-z0-9.-]+$/.test(host))) throw new ScenarioFileError(`${name}: page.host must be a host name`);
  if (page['scheme'] !== undefined && page['scheme'] !== 'http' && page['scheme'] !== 'https') throw new ScenarioFileError(`${name}: page.scheme must be http or https`);
  for (const key of ['addressSpace', 'apiAddressSpace']) {
    if (page[key] !== undefined && !isAddressSpace(page[key])) throw new ScenarioFileError(`${name}: page.${key} must be public, local or loopback`);
  }
  const frame = page['frame'];
  if (frame !== undefined && (!isObject(frame) || typeof frame['host'] !== 'string' || !/^[a-z0-9.-]+$/.test(frame['host']) || (frame['allow'] !== undefined && typeof frame['allow'] !== 'string'))) {
    throw new ScenarioFileError(`${name}: page.frame needs a host name, and allow must be text`);
  }
  const grant = page['grant'];
  if (grant !== undefined && (!Array.isArray(grant) || !grant.every((g) => typeof g === 'string'))) throw new ScenarioFileError(`${name}: page.grant must be a list of permission names`);
}

/** Checks the shape the harness relies on; throws `ScenarioFileError` naming the first problem. */
export function parseScenarioFile(json: unknown, name = 'scenario file'): ScenarioFile {
  if (!isObject(json) || json['format'] !== 'cors-scenarios/1' || !Array.isArray(json['scenarios'])) {
    throw new ScenarioFileError(`${name}: not a cors-scenarios/1 file`);
  }
  checkPage(json['page'], name);
  const seen = new Set<string>();
  for (const s of json['scenarios'] as unknown[]) {
    if (!isObject(s) || typeof s['id'] !== 'string' || !/^[a-z0-9-]+$/.test(s['id'])) {
      throw new ScenarioFileError(`${name}: a scenario has no valid id`);
    }
    const id = s['id'];
    if (seen.has(id)) throw new ScenarioFileError(`${name}: duplicate scenario id ${id}`);
    seen.add(id);
    const hops = s['hops'];
    if (!Array.isArray(hops) || hops.length === 0) throw new ScenarioFileError(`${id}: needs at least one hop`);
    hops.forEach((hop: unknown, n) => {
      if (!isObject(hop) || typeof hop['host'] !== 'string' || !HOSTS.has(hop['host'])) {
        throw new ScenarioFileError(`${id}: hop ${n} has no valid host`);
      }
      checkAnswer(hop['response'], `${id} hop ${n} response`);
      if (hop['preflight'] !== undefined) checkAnswer(hop['preflight'], `${id} hop ${n} preflight`);
    });
    const f = s['fetch'];
    if (f !== undefined) {
      if (!isObject(f)) throw new ScenarioFileError(`${id}: fetch must be an object`);
      if (f['headers'] !== undefined) checkPairs(f['headers'], `${id} fetch`);
      const cache = f['cache'];
      if (cache !== undefined && (typeof cache !== 'string' || !CACHE_MODES.has(cache))) {
        throw new ScenarioFileError(`${id}: fetch.cache must be one of ${[...CACHE_MODES].join(', ')}`);
      }
      if (f['targetAddressSpace'] !== undefined && !isAddressSpace(f['targetAddressSpace'])) {
        throw new ScenarioFileError(`${id}: fetch.targetAddressSpace must be public, local or loopback`);
      }
    }
    const fromHar = s['fromHar'];
    if (fromHar !== undefined && (!isObject(fromHar) || typeof fromHar['because'] !== 'string' || !('corsError' in fromHar))) {
      throw new ScenarioFileError(`${id}: fromHar needs a corsError and a because`);
    }
    const repeat = s['repeat'] ?? 1;
    if (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1) {
      throw new ScenarioFileError(`${id}: repeat must be a positive integer`);
    }
    const expects = Array.isArray(s['expect']) ? s['expect'] : [s['expect']];
    if (Array.isArray(s['expect']) && expects.length !== repeat) {
      throw new ScenarioFileError(`${id}: expect has ${expects.length} entries for ${repeat} runs`);
    }
    for (const e of expects) {
      if (!isObject(e) || typeof e['outcome'] !== 'string' || !OUTCOMES.has(e['outcome'])) {
        throw new ScenarioFileError(`${id}: expect needs an outcome (allowed, blocked, network-error)`);
      }
    }
  }
  return json as unknown as ScenarioFile;
}

/** `expect` for run `run` (0-based): one object for every run, or one per run. */
export function expectForRun(s: Scenario, run: number): ScenarioExpect {
  const e = Array.isArray(s.expect) ? s.expect[run] : s.expect;
  if (e === undefined) throw new ScenarioFileError(`${s.id}: no expect for run ${run + 1}`);
  return e as ScenarioExpect;
}

export function runCount(s: Scenario): number {
  return s.repeat ?? 1;
}

/** The absolute URL of hop `n` of scenario `s`. */
export function hopUrl(origins: Origins, s: Scenario, n: number): string {
  const hop = s.hops[n];
  if (hop === undefined) throw new ScenarioFileError(`${s.id}: {hop:${n}} names no hop`);
  return `${origins[hop.host]}/s/${s.id}/${n}`;
}

/** Replaces `{origin}`, `{api}`, `{other}`, `{host:api}`, `{host:other}`, `{id}`, `{hop:N}`. */
export function substitute(text: string, origins: Origins, s: Scenario): string {
  return text.replace(/\{(origin|api|other|id|host:api|host:other|hop:(\d+))\}/g, (_m, name: string, n?: string) => {
    switch (name) {
      case 'origin':
        return origins.page;
      case 'api':
        return origins.api;
      case 'other':
        return origins.other;
      case 'id':
        return s.id;
      case 'host:api':
        return new URL(origins.api).host;
      case 'host:other':
        return new URL(origins.other).host;
      default:
        return hopUrl(origins, s, Number(n));
    }
  });
}

export function substitutePairs(pairs: HeaderPairs | undefined, origins: Origins, s: Scenario): [string, string][] {
  return (pairs ?? []).map(([n, v]) => [n, substitute(v, origins, s)]);
}

export function substituteExpect(e: ScenarioExpect, origins: Origins, s: Scenario): ScenarioExpect {
  return {
    ...e,
    corsError: e.corsError ?? null,
    failedParameter: e.failedParameter === null || e.failedParameter === undefined ? null : substitute(e.failedParameter, origins, s),
  };
}
