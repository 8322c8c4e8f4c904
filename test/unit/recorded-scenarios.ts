// Reads the recorded truth in test/fixtures/ and lines up each HAR exchange with the scenario run
// it came from, for the tests that compare the engine (or the CLI) with what Chromium decided.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ObservedExchange } from '../../src/cors/exchange.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const RECORDED_HAR = `${FIXTURES}public.devtools.har`;

export interface ObservedRun {
  outcome: 'allowed' | 'blocked' | 'network-error';
  corsError: string | null;
  failedParameter: string | null;
  preflight: boolean;
  errorText: string | null;
  status: number | null;
}

export interface RecordedRun {
  id: string;
  run: number;
  observed: ObservedRun;
}

interface ScenarioExpect {
  failedParameter: string | null;
}

const observedFile = JSON.parse(readFileSync(`${FIXTURES}public.observed.json`, 'utf8')) as {
  scenarios: { id: string; runs: ObservedRun[] }[];
};
const scenarioFile = JSON.parse(readFileSync(`${FIXTURES}public.json`, 'utf8')) as {
  scenarios: { id: string; expect: ScenarioExpect | ScenarioExpect[] }[];
};

/** Every run Chromium made, in file order. */
export const recordedRuns: RecordedRun[] = observedFile.scenarios.flatMap((scenario) =>
  scenario.runs.map((observed, run) => ({ id: scenario.id, run, observed })),
);

/** `/s/<id>/<N>`: the scenario id of a URL, when it is hop 0 of one. */
function scenarioIdOfFirstHop(url: string): string | undefined {
  return /\/s\/([a-z0-9-]+)\/0(?:$|[?#])/.exec(new URL(url).pathname)?.[1];
}

/** Exchanges by scenario id, in the order they ran. */
export function exchangesByScenario<T>(items: readonly T[], urlOf: (item: T) => string): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const item of items) {
    const id = scenarioIdOfFirstHop(urlOf(item));
    if (id === undefined) continue;
    const list = byId.get(id) ?? [];
    list.push(item);
    byId.set(id, list);
  }
  return byId;
}

/** The page origin of a HAR's scenarios: the `Origin` the first scenario request sent. */
export function pageOriginOfHar(exchanges: readonly ObservedExchange[]): string {
  for (const exchange of exchanges) {
    if (scenarioIdOfFirstHop(exchange.hops[0]!.url) !== undefined && typeof exchange.request.initiatorOrigin === 'string') {
      return exchange.request.initiatorOrigin;
    }
  }
  throw new Error('no scenario request with an origin in the HAR');
}

/**
 * The page origin at the time public.observed.json was recorded, read back from a run whose
 * expected failedParameter (in public.json) is written with `{origin}`.
 */
export function pageOriginOfObserved(): string {
  for (const { id, run, observed } of recordedRuns) {
    const scenario = scenarioFile.scenarios.find((s) => s.id === id);
    const expect = Array.isArray(scenario?.expect) ? scenario.expect[run] : scenario?.expect;
    const template = expect?.failedParameter;
    const actual = observed.failedParameter;
    if (typeof template !== 'string' || actual === null) continue;
    const at = template.indexOf('{origin}');
    if (at === -1) continue;
    const suffix = template.slice(at + '{origin}'.length);
    if (actual.startsWith(template.slice(0, at)) && actual.endsWith(suffix)) return actual.slice(at, actual.length - suffix.length);
  }
  throw new Error('no run shows the page origin');
}

/** A failedParameter with the page origin written as `{origin}`, to compare across runs. */
export function withOriginPlaceholder(value: string | null, origin: string): string | null {
  return value === null ? null : value.split(origin).join('{origin}');
}

/**
 * The engine's verdict that means what Chromium reported. A `no-cors` fetch resolves (Chromium
 * says "allowed", status 0: an opaque response) but there is no CORS check: the engine says `not-cors`.
 */
export function expectedVerdict(observed: ObservedRun): string {
  if (observed.outcome === 'allowed' && observed.status === 0) return 'not-cors';
  return observed.outcome;
}
