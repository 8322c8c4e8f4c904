// `explain --json`: one JSON document, one object per request made, in the order they were made.

import type { Check } from '../cors/diagnosis.ts';
import type { Report, ReportedExchange } from './report.ts';

/**
 * One exchange a line: still one JSON document, but cheap to write for logs with thousands of
 * requests (indenting doubles the size) and easy to grep or page through.
 */
export function formatJson(report: Report): string {
  const checkSpecs: Record<string, string> = {};
  const parts: string[] = ['{"exchanges": [\n'];
  report.exchanges.forEach((reported, index) => {
    parts.push(index === 0 ? '' : ',\n', JSON.stringify(jsonExchange(reported, checkSpecs)));
  });
  parts.push(
    `\n], "checkSpecs": ${JSON.stringify(checkSpecs)}, "sameOriginSkipped": ${report.sameOrigin}, "skippedEntries": ${report.skippedEntries}}\n`,
  );
  return parts.join('');
}

/**
 * A check's Fetch Standard link is the same for every check of that name, and was half of the
 * output: it is written once, in the top-level `checkSpecs`, and on a check only when it differs.
 */
function compactChecks(checks: readonly Check[], checkSpecs: Record<string, string>): Record<string, unknown>[] {
  return checks.map(({ spec, ...rest }) => {
    checkSpecs[rest.name] ??= spec;
    return checkSpecs[rest.name] === spec ? rest : { ...rest, spec };
  });
}

export function jsonExchange(reported: ReportedExchange, checkSpecs: Record<string, string>): Record<string, unknown> {
  const { exchange, diagnosis, explanation, stack } = reported;
  const firstHop = exchange.hops[0]!;
  const preflightHop = exchange.hops.find((hop) => hop.preflight !== undefined);
  return {
    url: firstHop.url,
    method: exchange.request.method,
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt,
    preflight: preflightHop?.preflight
      ? { url: preflightHop.preflight.url, status: preflightHop.preflight.response?.status ?? null }
      : null,
    preflightObserved: diagnosis.preflight.observed,
    hops: exchange.hops.map((hop) => ({ url: hop.url, status: hop.response?.status ?? null })),
    errorText: exchange.errorText ?? null,
    startedAt: exchange.startedAt === undefined ? null : new Date(exchange.startedAt).toISOString(),
    stack,
    headline: explanation.headline,
    consoleMessage: explanation.consoleMessage,
    explanation: explanation.explanation,
    serverMustSend: explanation.serverMustSend,
    // The detected stack's fix (or the generic one); the others are a `--json` consumer's to build.
    fix: explanation.fixes[0] ?? null,
    advisories: explanation.advisories,
    assumptions: explanation.assumptions,
    assumed: diagnosis.assumptions,
    alternatives: diagnosis.alternatives,
    checks: compactChecks(diagnosis.checks, checkSpecs),
    firefox: explanation.firefox,
  };
}
