// `cors-inspector share FILE.har --out FILE.json`: the cross-origin exchanges of a HAR as a
// diagnosis bundle (docs/bundle-schema.md) to send to someone, secrets redacted unless asked.

import { writeFile } from 'node:fs/promises';
import { createBundle, serializeBundle } from '../export/bundle.ts';
import { selectExchanges } from '../export/select.ts';
import type { Command } from './command.ts';
import { ExportCommandError, fileErrorMessage, oneFile, packageVersion, parseArgs, readHarExchanges, runExportCommand } from './export-input.ts';

export const SHARE_USAGE = `Usage: cors-inspector share FILE.har --out FILE.json [--author NAME] [--url-contains TEXT] [--include-secrets]

Writes the cross-origin requests of FILE.har, with what CORS Inspector says about each, as one
bundle file that another CORS Inspector opens. Cookies, Authorization, API keys, JWTs and
Set-Cookie are replaced by REDACTED placeholders.

Options:
  --out FILE.json      where to write the bundle (required; - for standard output)
  --author NAME        your name, recorded in the bundle
  --url-contains TEXT  only requests whose URL contains TEXT
  --include-secrets    keep cookies, tokens and keys as captured (only for people you trust)
  -h, --help           show this help`;

export async function runShare(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    out.write(`${SHARE_USAGE}\n`);
    return 0;
  }
  return runExportCommand('share', err, async () => {
    const parsed = parseArgs('share', args, ['--include-secrets'], ['--out', '--author', '--url-contains']);
    const file = oneFile('share', parsed.files);
    const target = parsed.values.get('--out');
    if (target === undefined || target === '') throw new ExportCommandError('share needs --out FILE.json');
    const author = parsed.values.get('--author');
    const urlFilter = parsed.values.get('--url-contains');
    const exchanges = selectExchanges(await readHarExchanges(file), urlFilter === undefined ? {} : { urlContains: urlFilter });
    if (exchanges.length === 0) {
      throw new ExportCommandError(urlFilter === undefined ? `${file} has no cross-origin requests` : `no cross-origin request in ${file} has a URL containing ${JSON.stringify(urlFilter)}`);
    }
    const bundle = createBundle({
      exchanges: exchanges.map((exchange) => ({ exchange })),
      engineVersion: packageVersion(),
      ...(author !== undefined && author !== '' ? { author: { name: author } } : {}),
      includeSecrets: parsed.flags.has('--include-secrets'),
    });
    const text = serializeBundle(bundle);
    if (target === '-') {
      out.write(text);
      return 0;
    }
    try {
      await writeFile(target, text, 'utf8');
    } catch (error) {
      throw new ExportCommandError(`cannot write ${target}: ${fileErrorMessage(error)}`);
    }
    const secrets = bundle.secretsIncluded ? 'secrets INCLUDED' : `${bundle.redactions.length} secret${bundle.redactions.length === 1 ? '' : 's'} redacted`;
    err.write(`cors-inspector share: wrote ${bundle.exchanges.length} request${bundle.exchanges.length === 1 ? '' : 's'} to ${target} (${secrets})\n`);
    return 0;
  });
}

export const shareCommand: Command = {
  name: 'share',
  summary: 'write a HAR\'s cross-origin requests as a bundle to share (secrets redacted)',
  usage: SHARE_USAGE,
  run: (args, context) => runShare(args, context.stdout, context.stderr),
};
