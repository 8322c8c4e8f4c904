// `cors-inspector explain FILE.har`: every cross-origin request in a HAR (or a bundle), diagnosed
// and explained.

import { mapHar } from '../capture/index.ts';
import { browserRules, diagnose, diagnoseCause, type Verdict, type ObservedExchange } from '../cors/index.ts';
import { CauseGroups, HeaderNameMasking, headerNameSources, HostSecretWords, SecretNameNumbers, withMethodsMasked, withUrlSecretsMasked } from '../export/index.ts';
import { oneInput, type ParsedArgs } from './args.ts';
import { EXIT, EXIT_STATUS_HELP, type CliContext, type Command, type ExitStatus } from './command.ts';
import { formatJson, jsonDocumentPieces } from './format-json.ts';
import { formatText, summaryLine, textChunks } from './format-text.ts';
import { readInput } from './input.ts';
import { writeChunks, writePieces } from './output.ts';
import { count, Progress } from './progress.ts';
import { browserOption, inputBrowser } from './browser-option.ts';
import { buildReport, isSameOriginRequest, reportExchange, type Browser, type Report, type ReportedExchange } from './report.ts';
import { warnSkipped } from './run-command.ts';

/**
 * HAR text → the whole output, and the report it came from. Throws `HarError` for a non-HAR. Judged
 * as `explain` judges the file: by `options.browser` where given, else by Firefox's rules for a HAR
 * Firefox wrote and Chromium's for any other (`inputBrowser`).
 */
export function explainHarText(text: string, options: { json: boolean; color?: boolean; width?: number; browser?: Browser }): { output: string; report: Report } {
  const { exchanges, skippedEntries, writtenByFirefox } = mapHar(text);
  const browser = inputBrowser(options.browser, { judgedByFirefoxRules: writtenByFirefox });
  const hosts = new HostSecretWords();
  const shown = shownAs(false, new SecretNameNumbers(headerNameSources(exchanges)), hosts);
  const report = buildReport(exchanges.map(shown), skippedEntries, browser);
  const output = options.json
    ? formatJson(report, hosts)
    : formatText(report, { color: options.color ?? false, width: options.width ?? 100, browser }, hosts);
  return { output, report };
}

export const explainCommand: Command = {
  name: 'explain',
  usage: `Usage: cors-inspector explain [--json] [--fail-on-blocked] [--browser chromium|firefox]
                              [--include-secrets] FILE.har

Explains why the browser blocked cross-origin requests in FILE.har (as exported by the DevTools
Network panel), and what the server must send instead: one block per cause (the same error on the
same API origin) with its requests listed compactly, the requests that passed as a count, then for
each API origin one server configuration covering every request the page made to it. FILE.har may
also be a bundle written by \`share\`; - reads standard input. Secrets in URLs and origins (a
password, a token in the query or the path) are printed as REDACTED placeholders, as every export
writes them; a URL's user name is kept unless it has a credential's shape (the exports mask it).

Options:
  --json             one JSON document, one object per request, in the order they were made,
                     then the causes (groups) and the server configurations (serverConfigs)
  --fail-on-blocked  exit with status 1 when any request was blocked by CORS (for CI)
  --browser NAME     judge by chromium's rules or firefox's (the default: firefox's for a HAR
                     Firefox wrote, chromium's for anything else); with firefox, --json gives
                     Firefox's outcome and reason (firefox.reason, MDN's name)
  --include-secrets  print URLs and origins as captured, their passwords and tokens too (not in CI
                     logs)
  -h, --help         show this help

${EXIT_STATUS_HELP}`,
  options: { flags: ['json', 'fail-on-blocked', 'include-secrets'], values: ['browser'] },

  async run(args, context) {
    const progress = new Progress(context.stderr, 'cors-inspector explain', context.clock);
    try {
      return await explainRun(args, context, progress);
    } finally {
      progress.stop();
    }
  },
};

async function explainRun(args: ParsedArgs, context: CliContext, progress: Progress): Promise<ExitStatus> {
  const given = browserOption(args.values);
  const input = await readInput(oneInput('explain', args.files), context.stdin, progress);
  const browser = inputBrowser(given, input);
  const rules = browserRules(browser);
  progress.clear();
  warnSkipped(context, 'explain', input);
  const crossOrigin: ObservedExchange[] = [];
  // One numbering of secret-shaped header names for the output (the names it prints, the probe
  // lines), skipping any number a name of the run already holds (`secret-name-numbers.ts`): made from
  // the exchanges as captured, read when the first name is numbered.
  const names = new SecretNameNumbers(headerNameSources(input.items.map((item) => item.exchange)));
  // Its output goes into CI logs: a URL's secrets and a secret-shaped header name are masked before
  // anything reads the exchange; a secret-shaped part of a host, which the engine compares, in the words.
  const hosts = new HostSecretWords();
  const shown = shownAs(args.flags.has('include-secrets'), names, hosts);
  for (const { exchange } of input.items) if (!isSameOriginRequest(exchange)) crossOrigin.push(shown(exchange));
  const counts = { sameOrigin: input.items.length - crossOrigin.length, skippedEntries: input.skippedEntries };
  const failOnBlocked = args.flags.has('fail-on-blocked');
  let blocked = false;
  const tell = (done: number, what: string): void => progress.update(() => count(done, crossOrigin.length, what));

  // Each exchange is diagnosed and worded when its turn comes and then let go: nothing but the
  // exchanges themselves and the causes (a key, a count, a few URLs each) is held for the run.
  if (args.flags.has('json')) {
    // The status must not depend on how much of the output was read (`| head`): decided first.
    if (failOnBlocked) {
      blocked = crossOrigin.some((exchange, i) => {
        tell(i, 'requests diagnosed');
        return diagnose(exchange, rules).verdict === 'blocked';
      });
    }
    // On a terminal the line would sit among the output's lines: shown only while stdout goes elsewhere.
    if (isTerminal(context.stdout)) progress.stop();
    const reported = function* (): Generator<ReportedExchange> {
      for (let i = 0; i < crossOrigin.length; i++) {
        tell(i, 'requests explained');
        yield reportExchange(crossOrigin[i]!, browser);
      }
    };
    await writePieces(context.stdout, jsonDocumentPieces(reported(), () => counts, names, hosts, !args.flags.has('include-secrets')));
  } else {
    // One pass: the causes, then the text, which opens with the counts.
    const grouping = new CauseGroups();
    const tally = new Map<Verdict, number>();
    for (let i = 0; i < crossOrigin.length; i++) {
      tell(i, 'requests diagnosed');
      const exchange = crossOrigin[i]!;
      // The grouping reads a few fields of each diagnosis; the text words only each group's first.
      const diagnosis = diagnoseCause(exchange, rules);
      tally.set(diagnosis.verdict, (tally.get(diagnosis.verdict) ?? 0) + 1);
      grouping.addCause(exchange, diagnosis, () => diagnose(exchange, rules));
    }
    blocked = tally.has('blocked');
    progress.stop();
    await writeChunks(context.stdout, textChunks(summaryLine(tally, counts), grouping, { color: context.color, width: context.width, browser }, names, hosts));
  }
  return failOnBlocked && blocked ? EXIT.blocked : EXIT.ok;
}

/**
 * The exchange as explain shows it: every URL's secrets masked (the password, the query's and the
 * path's tokens), and every origin's, and its header names and methods written as the exports write
 * them (`masked-header-names.ts`, `secret-methods.ts`, numbered by `names`), or with --include-secrets
 * as captured. The masking keeps each URL's origin, an origin with a secret is none before or after,
 * and names and methods are renamed as the exports rename them, so the verdict is the same either way.
 * The hosts and ports stay as captured (the engine compares them): `hosts` sees each, and masks the
 * parts shaped like secrets in the words.
 */
function shownAs(includeSecrets: boolean, names: SecretNameNumbers, hosts: HostSecretWords): (exchange: ObservedExchange) => ObservedExchange {
  if (includeSecrets) return (exchange) => exchange;
  const masking = new HeaderNameMasking(names);
  return (exchange) => masking.masked(withMethodsMasked(withUrlSecretsMasked(exchange, hosts.see), names));
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
