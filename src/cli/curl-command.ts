// `cors-inspector curl FILE.har --url-contains TEXT`: the curl pair (preflight + actual request)
// that reproduces each matching exchange, for bash, PowerShell or cmd.exe.

import { curlScriptFor } from '../export/curl-export.ts';
import { selectExchanges } from '../export/select.ts';
import type { Shell } from '../export/shell-quote.ts';
import type { Command } from './command.ts';
import { ExportCommandError, oneFile, parseArgs, readHarExchanges, runExportCommand } from './export-input.ts';

const SHELLS: readonly Shell[] = ['bash', 'powershell', 'cmd'];

export const CURL_USAGE = `Usage: cors-inspector curl FILE.har --url-contains TEXT [--shell bash|powershell|cmd] [--include-secrets]

Prints curl commands that send what the browser sent (the preflight, then the actual request) for
each cross-origin request in FILE.har whose URL contains TEXT, with the headers the server must
return as comments. Secrets are replaced by REDACTED placeholders.

Options:
  --url-contains TEXT  which requests (required)
  --shell SHELL        bash (default), powershell or cmd
  --include-secrets    keep cookies, tokens and keys as captured, to replay an authenticated request
  -h, --help           show this help`;

export async function runCurl(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    out.write(`${CURL_USAGE}\n`);
    return 0;
  }
  return runExportCommand('curl', err, async () => {
    const parsed = parseArgs('curl', args, ['--include-secrets'], ['--url-contains', '--shell']);
    const file = oneFile('curl', parsed.files);
    const urlFilter = parsed.values.get('--url-contains');
    if (urlFilter === undefined || urlFilter === '') throw new ExportCommandError('curl needs --url-contains TEXT (which request to reproduce)');
    const shellName = parsed.values.get('--shell') ?? 'bash';
    if (!(SHELLS as readonly string[]).includes(shellName)) throw new ExportCommandError(`unknown shell ${JSON.stringify(shellName)}: use bash, powershell or cmd`);
    const shell = shellName as Shell;
    const exchanges = selectExchanges(await readHarExchanges(file), { urlContains: urlFilter });
    if (exchanges.length === 0) throw new ExportCommandError(`no cross-origin request in ${file} has a URL containing ${JSON.stringify(urlFilter)}`);
    const includeSecrets = parsed.flags.has('--include-secrets');
    const scripts = exchanges.map((exchange) => curlScriptFor(exchange, shell, { includeSecrets }));
    out.write(scripts.join('\n'));
    return 0;
  });
}

export const curlCommand: Command = {
  name: 'curl',
  summary: 'print curl commands that reproduce a request from a HAR',
  usage: CURL_USAGE,
  run: (args, context) => runCurl(args, context.stdout, context.stderr),
};
