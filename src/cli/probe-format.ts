// `probe`'s output: as text for a person, or as one JSON document (`--json`). Every value the
// server sent is shown with its control characters escaped: the answer is not trusted. What the
// probe sent is shown through `ProbeSecrets`: its secrets redacted unless `--include-secrets`.

import { explain, findingText, firefoxVerdict, headline, preflightPassed, MDN_CORS_ERRORS, plannedRequestCount, type Fix, type PlannedProbe, type ProbeFinding, type ProbeOutcome } from '../cors/index.ts';
import { inertJson, showControls } from '../export/index.ts';
import type { ProbeArgs } from './probe-args.ts';
import type { ProbeRun } from './probe-run.ts';
import type { ProbeSecrets } from './probe-secrets.ts';

export interface ProbeReport {
  args: ProbeArgs;
  run: ProbeRun;
  findings: ProbeFinding[];
  fixes: Fix[];
}

const shown = (value: string | null): string => (value === null ? '(none)' : showControls(value));

function grantWords(outcome: ProbeOutcome): string {
  if (outcome.grant.credentials) return 'read, with credentials';
  if (outcome.grant.read) return outcome.allowOrigin === '*' ? 'read, without credentials (Access-Control-Allow-Origin: *)' : 'read, without credentials';
  return 'not granted';
}

function namedLines(report: ProbeReport, secrets: ProbeSecrets): string[] {
  const { named } = report.run;
  const { diagnosis, answers } = named;
  const shownNamed = secrets.outcome(named);
  const lines = [`${report.args.origin} (the origin named): ${diagnosis.verdict === 'allowed' ? 'allowed' : `${diagnosis.verdict}: ${showControls(headline(shownNamed.diagnosis, shownNamed.exchange))}`}`];
  const maxAge = diagnosis.preflight.maxAge;
  if (answers.preflight === null) lines.push('  Preflight: not needed (a simple request)');
  else {
    // What the browsers keep only where the preflight passed: a failed one is not cached (`preflightPassed`).
    const kept = maxAge !== undefined && preflightPassed(diagnosis) ? ` (Chromium keeps it ${maxAge.chromiumSeconds} s, Firefox ${maxAge.firefoxSeconds} s)` : '';
    const age = maxAge === undefined ? '' : `, Access-Control-Max-Age: ${shown(maxAge.found)}${kept}`;
    lines.push(`  Preflight: ${answers.preflight.status}${age}`);
  }
  const response = answers.response;
  if (response === null) lines.push('  Request: not sent (the browser would not send it after that preflight)');
  else lines.push(`  Response: ${response.status}, Access-Control-Allow-Origin: ${shown(named.allowOrigin)}, credentials: ${named.grant.credentials ? 'allowed' : 'not allowed'}, Vary: ${shown(named.vary)}`);
  const firefox = firefoxOf(report.args, named);
  if (firefox !== null && firefox.reason !== null) lines.push(`  Firefox: ${firefox.outcome}, ${firefox.reason} (${firefox.mdn})`);
  if (diagnosis.verdict !== 'allowed') lines.push(`  ${showControls(probeExplanation(report.args, named, secrets))}`);
  return lines;
}

/**
 * Why the named origin's request was judged as it was, in the words of the browser whose rules
 * judged it (`--browser`: Firefox names its reasons as its console does), its secrets redacted.
 */
export function probeExplanation(args: ProbeArgs, named: ProbeOutcome, secrets: ProbeSecrets): string {
  const shown = secrets.outcome(named);
  return explain(shown.diagnosis, shown.exchange, { fixes: 'first', firefox: 'skip', browser: args.browser }).explanation;
}

/** Firefox's verdict on the named origin, with its reason's MDN page, when judged by its rules. */
function firefoxOf(args: ProbeArgs, named: ProbeOutcome): { outcome: string; reason: string | null; mdn: string | null } | null {
  if (args.browser !== 'firefox') return null;
  const { outcome, reason } = firefoxVerdict(named.diagnosis, named.exchange);
  return { outcome, reason, mdn: reason === null ? null : MDN_CORS_ERRORS + reason };
}

/** The report as text, ending with a line break. */
export function probeText(report: ProbeReport, secrets: ProbeSecrets): string {
  const { args, run, findings, fixes } = report;
  const headerNames = args.headers.map(([name]) => secrets.headerName(name)).join(', ');
  const lines = [
    `Probe of ${args.method} ${showControls(secrets.url(args.url))}${headerNames === '' ? '' : ` with ${headerNames}`}, credentials ${args.credentials ? 'included' : 'omitted'}${args.browser === 'firefox' ? ", judged by Firefox's rules" : ''}: ${run.sent} requests sent`,
    '',
    ...namedLines(report, secrets),
    '',
    `Crafted origins (${run.crafted[0]?.probe.sendsRequest === false ? 'the preflight only' : 'the same request'}, one each):`,
  ];
  const width = Math.max(0, ...run.crafted.map((outcome) => outcome.probe.origin.length));
  for (const outcome of run.crafted) lines.push(`  ${showControls(outcome.probe.origin.padEnd(width))}  ${grantWords(outcome).padEnd(22)}  ${outcome.probe.crafted?.trick ?? ''}`);
  lines.push('');
  if (findings.length === 0) lines.push('No findings: no crafted origin was trusted, and the answers vary with the origin only with Vary: Origin (or not at all).');
  else {
    lines.push('Findings:');
    for (const finding of findings) lines.push(`  ${finding.severity.toUpperCase().padEnd(6)} ${finding.kind}: ${showControls(findingText(finding))}`);
  }
  for (const fix of fixes) {
    lines.push('', `Fix: ${fix.title}`, ...showControls(fix.snippet, { keepLayout: true }).split('\n').map((line) => `    ${line}`));
    if (fix.trap !== undefined) lines.push(`  Trap: ${showControls(fix.trap)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What was asked for, as both JSON documents begin. */
function askedFor(args: ProbeArgs, secrets: ProbeSecrets): { url: string; origin: string; method: string; headers: string[]; credentials: boolean; browser: string; includeSecrets: boolean } {
  const { origin, method, credentials, browser, includeSecrets } = args;
  return { url: secrets.url(args.url), origin, method, headers: args.headers.map(([name]) => secrets.headerName(name)), credentials, browser, includeSecrets };
}

/** The report as one JSON document. */
export function probeJson(report: ProbeReport, expectMet: boolean | null, secrets: ProbeSecrets): string {
  const { args, run, findings, fixes } = report;
  const { named } = run;
  const shown = secrets.outcome(named);
  const maxAge = named.diagnosis.preflight.maxAge;
  // Seconds kept only where the preflight passed: a failed one is not cached (`preflightPassed`).
  const keptMaxAge = preflightPassed(named.diagnosis) ? maxAge : undefined;
  const document = {
    ...askedFor(args, secrets),
    requestsSent: run.sent,
    named: {
      verdict: named.diagnosis.verdict,
      corsError: named.diagnosis.corsError,
      failedParameter: shown.diagnosis.failedParameter,
      headline: headline(shown.diagnosis, shown.exchange),
      preflight:
        named.answers.preflight === null
          ? null
          : { status: named.answers.preflight.status, maxAge: maxAge?.found ?? null, chromiumMaxAgeSeconds: keptMaxAge?.chromiumSeconds ?? null, firefoxMaxAgeSeconds: keptMaxAge?.firefoxSeconds ?? null },
      status: named.answers.response?.status ?? null,
      allowOrigin: named.allowOrigin,
      read: named.grant.read,
      readWithCredentials: named.grant.credentials,
      vary: named.vary,
      firefox: firefoxOf(args, named),
    },
    crafted: run.crafted.map((outcome) => ({
      origin: outcome.probe.origin,
      tests: outcome.probe.crafted?.tests ?? null,
      sent: outcome.probe.sendsRequest ? 'request' : 'preflight',
      allowOrigin: outcome.allowOrigin,
      read: outcome.grant.read,
      credentials: outcome.grant.credentials,
    })),
    findings: findings.map(({ kind, severity, origin, credentials }) => ({ kind, severity, origin, credentials })),
    fixes: fixes.map(({ target, title, language, snippet }) => ({ target, title, language, snippet })),
    ...(args.expect === null ? {} : { expect: { wanted: args.expect, met: expectMet } }),
    redactions: secrets.redactions(),
  };
  return `${inertJson(JSON.stringify(document, null, 2))}\n`;
}

/**
 * `--dry-run --json`: the planned requests as one JSON document, in the order they would be sent
 * (a request marked `onlyIfPreflightPasses` is sent only when the preflight before it lets it through).
 */
export function probePlanJson(args: ProbeArgs, plan: readonly PlannedProbe[], secrets: ProbeSecrets): string {
  const requests = plan.flatMap((probe) => {
    const sent = [
      ...(probe.preflight === null ? [] : [{ request: probe.preflight, onlyIfPreflightPasses: false }]),
      ...(probe.sendsRequest ? [{ request: probe.request, onlyIfPreflightPasses: probe.preflight !== null }] : []),
    ];
    return sent.map(({ request, onlyIfPreflightPasses }) => {
      const { role, method, url, headers } = secrets.request(request);
      return { origin: probe.origin, tests: probe.crafted?.tests ?? null, role, method, url, headers, onlyIfPreflightPasses };
    });
  });
  const document = { ...askedFor(args, secrets), dryRun: true, requestsPlanned: plannedRequestCount(plan), requests, redactions: secrets.redactions() };
  return `${inertJson(JSON.stringify(document, null, 2))}\n`;
}
