// `cors-inspector probe URL --origin ORIGIN`: asks the live server, with the named origin and with
// origins crafted from it, and reports with the engine whether the origin works and whom else the
// server trusts. Opt-in and bounded: it sends only to the URL named, at most MAX_PROBE_REQUESTS
// requests, one at a time, no retries, and says what it will send before it sends anything.

import { browserRules, MAX_PROBE_REQUESTS, plannedRequestCount, probeFindings, probeFixes, probePlan, type PlannedProbe } from '../cors/index.ts';
import { curlRequestsScript, redactionNote, type Shell } from '../export/index.ts';
import { EXIT, type Command } from './command.ts';
import { messageLine } from './output.ts';
import { readProbeArgs, type ProbeArgs } from './probe-args.ts';
import { probeExplanation, probeJson, probePlanJson, probeText } from './probe-format.ts';
import { runProbe } from './probe-run.ts';
import { probeSecrets, type ProbeSecrets } from './probe-secrets.ts';
import { PACKAGE_VERSION } from './version.ts';

export const PROBE_USAGE = `Usage: cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME[: VALUE]]...
                           [--credentials] [--json] [--dry-run [--shell bash|powershell|cmd]]
                           [--expect allowed|blocked] [--include-secrets]

Asks the server at URL, as a page of ORIGIN would (the preflight when the request needs one, then
the request), whether ORIGIN may read the answer; then sends the same with origins crafted from
ORIGIN, to find whom else the server trusts: https://evil.example (any origin), null, the http://
version of ORIGIN, ORIGINHOST.evil.example (prefix check), evilORIGINHOST (suffix check), the host
with a dot replaced (unescaped dot in a pattern), evil.ORIGINHOST (any subdomain), and
ORIGINHOST_.evil.example and ORIGINHOST%60.evil.example (special characters). Findings are named:
reflects-any-origin, trusts-null, trusts-http, trusts-prefix, trusts-suffix, trusts-any-subdomain,
unescaped-dot, missing-vary-origin, each with its severity and the fix for the server stack.

It sends to URL only, at most ${MAX_PROBE_REQUESTS} requests, one at a time, without cookies, no retries, and
prints one line on stderr saying what it sends before it starts. When the request needs a
preflight, crafted origins get the preflight only (a PUT or DELETE is never repeated). Redirects
are reported, never followed.

Options:
  --origin ORIGIN          the page's origin, scheme://host[:port] (required); null for the
                           Origin a browser sends after a cross-origin redirect
  --method M               the request's method (default GET)
  --header NAME[: VALUE]   a header the page sets (repeatable); a bare NAME is sent as "NAME: probe"
  --credentials            the page sends credentials (fetch's credentials: 'include')
  --json                   one JSON document: the named origin, each crafted origin, findings
                           [{kind, severity, origin, credentials}] and fixes
  --dry-run                print the curl commands that would be sent, send nothing (with
                           --json: the requests as one JSON document)
  --shell SHELL            with --dry-run: the commands for bash (default), powershell or cmd
  --include-secrets        print --header values, header names shaped like a secret and the
                           URL's tokens as given (by default they are REDACTED placeholders in
                           every output, --dry-run's commands included, but for the values of
                           CORS-safelisted headers such as Content-Type, which decide the
                           preflight; the requests always carry the real values)
  --expect allowed|blocked exit 1, with the engine's explanation, unless the browser would allow
                           (or block) ORIGIN's request: a CORS contract check for CI
  --timeout SECONDS        how long to wait for each answer (default 10)
  --browser chromium|firefox
                           whose rules decide the preflight and judge the answers (default
                           chromium); with firefox, a blocked origin also gets Firefox's reason
  -h, --help               show this help

Exit status: 0 done, 1 --expect not met, 2 bad usage, 3 the URL cannot be probed (refused, no
answer in time, a redirect, not HTTP), 4 --dry-run wrote no command at all (the shell cannot carry
the request), 70 internal error (a bug).`;

export const probeCommand: Command = {
  name: 'probe',
  usage: PROBE_USAGE,
  options: { flags: ['credentials', 'json', 'dry-run', 'include-secrets'], values: ['origin', 'method', 'expect', 'timeout', 'browser', 'shell'], lists: ['header'] },
  async run(parsed, context) {
    const args = readProbeArgs(parsed);
    const plan = probePlan({ url: args.url, origin: args.origin, method: args.method, headers: args.headers, userAgent: `cors-inspector/${PACKAGE_VERSION} (probe)`, rules: browserRules(args.browser) });
    const secrets = probeSecrets(args.includeSecrets, args.headers);
    if (args.dryRun) {
      if (args.json) {
        context.stdout.write(probePlanJson(args, plan, secrets));
        return EXIT.ok;
      }
      const { script, refusals, total } = dryRunScript(plan, secrets, args.shell);
      context.stdout.write(script);
      if (refusals.length === 0) return EXIT.ok;
      // As `cors-inspector curl` does: said where people look, and no command at all is status 4.
      context.stderr.write(messageLine('probe', `no curl command for ${refusals.length} of ${total} requests (the script says why in a comment): ${refusals[0]!}`));
      return refusals.length === total ? EXIT.noCommand : EXIT.ok;
    }
    context.stderr.write(messageLine('probe', announcement(args, plan, secrets)));
    const run = await runProbe(plan, args.credentials ? 'include' : 'omit', args.timeoutMs);
    const findings = probeFindings(run.named, run.crafted);
    const report = { args, run, findings, fixes: probeFixes(secrets.outcome(run.named), findings, args.credentials) };
    const allowed = run.named.diagnosis.verdict === 'allowed';
    const expectMet = args.expect === null ? null : (args.expect === 'allowed') === allowed;
    context.stdout.write(args.json ? probeJson(report, expectMet, secrets) : probeText(report, secrets));
    if (expectMet !== false) return EXIT.ok;
    const why = allowed
      ? `${args.origin} may read ${args.method} ${secrets.url(args.url)} (Access-Control-Allow-Origin: ${run.named.allowOrigin ?? '(none)'})`
      : probeExplanation(args, run.named, secrets);
    context.stderr.write(messageLine('probe', `expected ${args.expect}, but the browser would ${allowed ? 'allow it' : 'block it'}: ${why}`));
    return EXIT.blocked;
  },
};

/** The one line said before anything is sent. */
function announcement(args: ProbeArgs, plan: readonly PlannedProbe[], secrets: ProbeSecrets): string {
  const named = plan[0]!;
  const crafted = plan.length - 1;
  const first = named.preflight === null ? `${args.method} with Origin ${args.origin}` : `an OPTIONS preflight and (if it passes) ${args.method} with Origin ${args.origin}`;
  const then = named.preflight === null ? `${args.method}` : 'an OPTIONS preflight';
  return `sending at most ${plannedRequestCount(plan)} requests to ${secrets.url(args.url)}, one at a time: ${first}, then ${then} with each of ${crafted} crafted Origin values (--dry-run lists them); no cookies, no retries`;
}

/**
 * `--dry-run`: the requests as curl commands for `--shell`, in the order they would be sent, written
 * by the curl export (its checks and quoting make them safe to paste), secrets redacted unless asked for.
 */
function dryRunScript(plan: readonly PlannedProbe[], secrets: ProbeSecrets, shell: Shell): { script: string; refusals: string[]; total: number } {
  const requests: { note: string; request: PlannedProbe['request'] }[] = [];
  for (const probe of plan) {
    const who = probe.crafted === null ? `Origin ${probe.origin} (the origin named)` : `Origin ${probe.origin} (${probe.crafted.trick}: ${probe.crafted.tests} if granted)`;
    if (probe.preflight !== null) requests.push({ note: `${who}: the preflight`, request: secrets.request(probe.preflight) });
    if (probe.sendsRequest) requests.push({ note: `${who}: ${probe.preflight === null ? 'the request' : 'the request, sent only if the preflight passes'}`, request: secrets.request(probe.request) });
  }
  const redacted = redactionNote(secrets.redactions());
  const titles = [
    `cors-inspector probe --dry-run: the ${plannedRequestCount(plan)} requests a probe sends, one at a time, stopping at the first failure.`,
    ...(redacted === null ? [] : [`${redacted} Or add --include-secrets.`]),
  ];
  return { ...curlRequestsScript(shell, titles, requests), total: requests.length };
}
