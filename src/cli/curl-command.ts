// `cors-inspector curl FILE.har --url-contains TEXT`: the curl pair (preflight + actual request)
// that reproduces each matching exchange, for bash, PowerShell or cmd.exe.

import { curlExport, headerNameSources, SecretNameNumbers } from '../export/index.ts';
import { oneInput } from './args.ts';
import { browserOption, inputBrowser } from './browser-option.ts';
import { CliError, EXIT, EXIT_STATUS_HELP_CURL, type Command } from './command.ts';
import { readInput } from './input.ts';
import { messageLine, writeChunks } from './output.ts';
import { contextFor, runCommand, warnSkipped } from './run-command.ts';
import { selectItems } from './select-items.ts';
import { shellOption } from './shell-option.ts';

export const CURL_USAGE = `Usage: cors-inspector curl FILE.har --url-contains TEXT [--shell bash|powershell|cmd]
                           [--include-secrets] [--browser chromium|firefox]

Prints curl commands that send what the browser sent (the preflight, then the actual request) for
each cross-origin request in FILE.har whose URL contains TEXT, with the headers the server must
return as comments. Secrets are replaced by REDACTED placeholders. FILE.har may also be a bundle
written by \`share\`; - reads standard input.

Options:
  --url-contains TEXT  which requests (required)
  --shell SHELL        bash (default), powershell or cmd
  --include-secrets    keep cookies, tokens and keys as captured, to replay an authenticated request
  --browser NAME       the browser that captured FILE.har: chromium or firefox (the default: the
                       HAR's creator, Firefox or else Chromium), whose
                       Sec-Fetch-Site after a redirect differs (same-site only over https)
  -h, --help           show this help

${EXIT_STATUS_HELP_CURL}`;

export const curlCommand: Command = {
  name: 'curl',
  usage: CURL_USAGE,
  options: { flags: ['include-secrets'], values: ['url-contains', 'shell', 'browser'] },
  async run(args, context) {
    const file = oneInput('curl', args.files);
    const urlFilter = args.values.get('url-contains');
    if (urlFilter === undefined || urlFilter === '') throw new CliError('usage', 'curl needs --url-contains TEXT (which request to reproduce)');
    const shell = shellOption(args.values);
    const given = browserOption(args.values);
    const input = await readInput(file, context.stdin);
    const browser = inputBrowser(given, input);
    warnSkipped(context, 'curl', input);
    const items = selectItems(input, urlFilter, true);
    const includeSecrets = args.flags.has('include-secrets');
    const refusals: string[] = [];
    const scripts = function* (): Generator<string> {
      // One numbering for the run: a header name shaped like a secret is the same placeholder in every script.
      const names = new SecretNameNumbers(headerNameSources(items.map((item) => item.exchange)));
      for (let i = 0; i < items.length; i++) {
        const { script, refusal } = curlExport(items[i]!.exchange, shell, { includeSecrets, browser, names });
        if (refusal !== null) refusals.push(refusal);
        yield `${i === 0 ? '' : '\n'}${script}`;
      }
    };
    await writeChunks(context.stdout, scripts());
    // A script without its command says why only in a comment, easy to miss in a long output (a cmd
    // line over 8,191 characters, a value the shell cannot carry): said once more where people look.
    if (refusals.length > 0) context.stderr.write(messageLine('curl', refusalNote(refusals, items.length)));
    // Nothing to run (`curl ... > repro.sh` in CI): a status of its own. With some commands written,
    // the script does reproduce those requests: 0, and the line above counts the rest.
    return refusals.length === items.length ? EXIT.noCommand : EXIT.ok;
  },
};

/** What standard error says when some scripts have no command: how many, and the first reason. */
function refusalNote(refusals: readonly string[], total: number): string {
  return `no curl command for ${refusals.length} of ${total} request${total === 1 ? '' : 's'} (the script says why in a comment): ${refusals[0]!}`;
}

/** `curl` with these arguments, as `main` runs it (for tests). */
export function runCurl(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, stdin?: NodeJS.ReadableStream): Promise<number> {
  return runCommand(curlCommand, args, contextFor({ stdout: out, stderr: err, ...(stdin ? { stdin } : {}) }));
}
