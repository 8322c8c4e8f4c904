// `cors-inspector report FILE.har`: a Markdown report to paste into an issue, on standard output.

import { markdownReport } from '../export/markdown-report.ts';
import { selectExchanges } from '../export/select.ts';
import type { Command } from './command.ts';
import { ExportCommandError, oneFile, packageVersion, parseArgs, readHarExchanges, runExportCommand } from './export-input.ts';

export const REPORT_USAGE = `Usage: cors-inspector report FILE.har [--url-contains TEXT] [--include-secrets]

Prints a Markdown report of the cross-origin requests in FILE.har, ready to paste into a GitHub or
GitLab issue: the verdict, Chromium's error, the failing check, the headers, the fix and a curl
pair for each. Secrets are replaced by REDACTED placeholders.

Options:
  --url-contains TEXT  only requests whose URL contains TEXT
  --include-secrets    keep cookies, tokens and keys as captured
  -h, --help           show this help`;

export async function runReport(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    out.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  return runExportCommand('report', err, async () => {
    const parsed = parseArgs('report', args, ['--include-secrets'], ['--url-contains']);
    const file = oneFile('report', parsed.files);
    const urlFilter = parsed.values.get('--url-contains');
    const exchanges = selectExchanges(await readHarExchanges(file), urlFilter === undefined ? {} : { urlContains: urlFilter });
    if (exchanges.length === 0 && urlFilter !== undefined) {
      throw new ExportCommandError(`no cross-origin request in ${file} has a URL containing ${JSON.stringify(urlFilter)}`);
    }
    out.write(markdownReport(exchanges.map((exchange) => ({ exchange })), { includeSecrets: parsed.flags.has('--include-secrets'), engineVersion: packageVersion() }));
    return 0;
  });
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'print a Markdown report of a HAR\'s cross-origin requests, for an issue',
  usage: REPORT_USAGE,
  run: (args, context) => runReport(args, context.stdout, context.stderr),
};
