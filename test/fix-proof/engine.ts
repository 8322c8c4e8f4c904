// The project's own answer for a captured exchange: `cors-inspector explain --json` on the HAR
// (run in-process, the same function the CLI runs), and the engine's fixes for the stack it
// detected (what the CLI's text output and the panel print).

import { mapHar } from '../../src/capture/index.ts';
import { explainHarText } from '../../src/cli/explain-command.ts';
import { diagnose, explain, type Fix, mergedFix, type ServerStack } from '../../src/cors/index.ts';
import { CauseGroups } from '../../src/export/index.ts';
import type { DevToolsHar } from '../conformance/har-builder.ts';

/** One request of `explain --json` (the fields these tests read). */
export interface ExplainedExchange {
  url: string;
  verdict: string;
  corsError: string | null;
  failedParameter: string | null;
  /** One name today; outer to inner names once layers are reported (`["nginx", "express"]`). */
  stack: string | string[] | null;
  fix: Fix | null;
  /** The row's words. */
  headline: string;
  /** Why it failed, in words. */
  explanation: string;
}

/** The layers `explain --json` named for a request, outer to inner, whichever shape `stack` has. */
export function layersOf(explained: ExplainedExchange): string[] {
  if (Array.isArray(explained.stack)) return explained.stack;
  return explained.stack === null ? [] : [explained.stack];
}

interface ExplainedServerConfig {
  apiOrigin: string | null;
  stack: string | null;
  fix: Fix;
}

export interface ExplainJson {
  exchanges: ExplainedExchange[];
  groups: { corsError: string | null; count: number }[];
  serverConfigs: ExplainedServerConfig[];
}

/** `explain --json` on this HAR. */
export function explainJson(har: DevToolsHar): ExplainJson {
  return JSON.parse(explainHarText(JSON.stringify(har), { json: true }).output) as ExplainJson;
}

/** The request to `url` in `explain --json`'s output; fails when it is not there. */
export function explainedRequest(json: ExplainJson, url: string): ExplainedExchange {
  const found = json.exchanges.find((e) => e.url === url);
  if (found === undefined) throw new Error(`explain --json has no request to ${url}: ${json.exchanges.map((e) => e.url).join(', ')}`);
  return found;
}

/**
 * Every fix the engine writes for the request to `url`, for the stack it read from the headers (the
 * CLI text and the panel list them all; `--json` only the first). Not told the stack: a proof
 * applies only what the engine found by itself.
 */
function fixesFor(har: DevToolsHar, url: string): Fix[] {
  const exchange = mapHar(JSON.stringify(har)).exchanges.find((e) => e.hops[0]?.url === url);
  if (exchange === undefined) throw new Error(`no exchange for ${url} in the HAR`);
  return explain(diagnose(exchange), exchange).fixes;
}

/** The engine's fix for `target`, or a failure listing the fixes it wrote instead. */
export function fixFor(har: DevToolsHar, url: string, target: Fix['target']): Fix {
  const fixes = fixesFor(har, url);
  const fix = fixes.find((f) => f.target === target);
  if (fix === undefined) throw new Error(`the engine wrote no ${target} fix for ${url}: ${fixes.map((f) => f.target).join(', ')}`);
  return fix;
}

/**
 * The merged configuration (`explain --json`'s serverConfigs) for the server at `apiOrigin`,
 * written for `target`: what the engine prints once that server's stack is recognised. The proofs
 * of stacks whose responses name no software (Fastify, Koa send no Server header) read the same
 * grouping and ask for their stack, as `fixFor` does for one request.
 */
export function mergedFixFor(har: DevToolsHar, apiOrigin: string, target: ServerStack): Fix {
  const grouping = new CauseGroups();
  for (const exchange of mapHar(JSON.stringify(har)).exchanges) grouping.add(exchange, diagnose(exchange));
  const config = grouping.serverConfigs().find((c) => c.apiOrigin === apiOrigin);
  if (config === undefined) throw new Error(`no merged configuration for ${apiOrigin}`);
  return mergedFix(target, config.need, apiOrigin);
}
