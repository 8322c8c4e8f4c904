// `cors-inspector report FILE.har`: a Markdown report to paste into an issue, on standard output.

import { markdownReportChunks } from '../export/index.ts';
import { browserRules } from '../cors/index.ts';
import { oneInput } from './args.ts';
import { browserOption, inputBrowser } from './browser-option.ts';
import { EXIT, EXIT_STATUS_HELP_NEVER_BLOCKED, type Command } from './command.ts';
import { readInput } from './input.ts';
import { writeChunks } from './output.ts';
import { contextFor, runCommand, warnSkipped } from './run-command.ts';
import { selectItems } from './select-items.ts';
import { PACKAGE_VERSION } from './version.ts';

export const REPORT_USAGE = `Usage: cors-inspector report FILE.har [--url-contains TEXT] [--include-secrets] [--full]
                             [--browser chromium|firefox]

Prints a Markdown report of the cross-origin requests in FILE.har, ready to paste into a GitHub or
GitLab issue: the failures grouped by cause (the same error on the same API origin), each with
Chromium's error, the failing check, the headers, the fix and a curl pair of its first request;
the requests that passed as a count; and one server configuration per API origin covering every
request the page made to it. It stays under 60,000 characters (a GitHub issue takes 65,536): what
does not fit is counted. Secrets are replaced by REDACTED placeholders. FILE.har may also be a
bundle written by \`share\` (its notes are included); - reads standard input.

Options:
  --url-contains TEXT  only requests whose URL contains TEXT
  --include-secrets    keep cookies, tokens and keys as captured
  --full               every cause in full and every request listed, however long
  --browser NAME       judge by chromium's rules or firefox's (the default: firefox's for a HAR
                       Firefox wrote, chromium's for anything else); where the two
                       browsers disagree on a request, its section says so
  -h, --help           show this help

${EXIT_STATUS_HELP_NEVER_BLOCKED}`;

export const reportCommand: Command = {
  name: 'report',
  usage: REPORT_USAGE,
  options: { flags: ['include-secrets', 'full'], values: ['url-contains', 'browser'] },
  async run(args, context) {
    const given = browserOption(args.values);
    const input = await readInput(oneInput('report', args.files), context.stdin);
    const rules = browserRules(inputBrowser(given, input));
    warnSkipped(context, 'report', input);
    const items = selectItems(input, args.values.get('url-contains'), false);
    await writeChunks(context.stdout, markdownReportChunks(items, { includeSecrets: args.flags.has('include-secrets'), full: args.flags.has('full'), engineVersion: PACKAGE_VERSION, rules }));
    return EXIT.ok;
  },
};

/** `report` with these arguments, as `main` runs it (for tests). */
export function runReport(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, stdin?: NodeJS.ReadableStream): Promise<number> {
  return runCommand(reportCommand, args, contextFor({ stdout: out, stderr: err, ...(stdin ? { stdin } : {}) }));
}
