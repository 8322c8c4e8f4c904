// `cors-inspector share FILE.har --out FILE.json`: the cross-origin exchanges of a HAR as a
// diagnosis bundle (docs/bundle-schema.md) to send to someone, secrets redacted unless asked.
// Written as it is made, and split into several files where one would pass the importer's limits.

import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { bundleItemProblem, bundleParts, describeLimits, type BundleChunk, type BundleStats } from '../export/bundle-parts.ts';
import type { BundleInput } from '../export/bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from '../export/bundle-schema.ts';
import { oneInput } from './args.ts';
import { CliError, EXIT, EXIT_STATUS_HELP, type Command } from './command.ts';
import { fileErrorMessage, readInput, type InputItem } from './input.ts';
import { batched, messageLine, writePiece } from './output.ts';
import { contextFor, runCommand, shortUrl, warnSkipped } from './run-command.ts';
import { selectItems } from './select-items.ts';
import { PACKAGE_VERSION } from './version.ts';

export const SHARE_USAGE = `Usage: cors-inspector share FILE.har --out FILE.json [--author NAME] [--url-contains TEXT] [--include-secrets]

Writes the cross-origin requests of FILE.har, with what CORS Inspector says about each, as one
bundle file that another CORS Inspector opens. Cookies, Authorization, API keys, JWTs and
Set-Cookie are replaced by REDACTED placeholders. FILE.har may also be a bundle; - reads standard
input.

A bundle holds ${describeLimits(DEFAULT_BUNDLE_LIMITS)}: more are written as FILE-1.json,
FILE-2.json, ... A request no bundle can hold (more than ${DEFAULT_BUNDLE_LIMITS.maxHopsPerExchange} hops, more than
${DEFAULT_BUNDLE_LIMITS.maxHeadersPerList.toLocaleString('en-US')} header lines in one list) is refused: leave it out with --url-contains.

Options:
  --out FILE.json      where to write the bundle (required; - for standard output, one bundle only)
  --author NAME        your name, recorded in the bundle
  --url-contains TEXT  only requests whose URL contains TEXT
  --include-secrets    keep cookies, tokens and keys as captured (only for people you trust)
  -h, --help           show this help

${EXIT_STATUS_HELP}`;

export const shareCommand: Command = shareCommandWithin(DEFAULT_BUNDLE_LIMITS);

/** `share`, writing bundles within `limits` (the importer's own, but for tests). */
export function shareCommandWithin(limits: BundleLimits): Command {
  return {
    name: 'share',
    usage: SHARE_USAGE,
    options: { flags: ['include-secrets'], values: ['out', 'author', 'url-contains'] },
    async run(args, context) {
      const file = oneInput('share', args.files);
      const target = args.values.get('out');
      if (target === undefined || target === '') throw new CliError('usage', 'share needs --out FILE.json');
      const author = args.values.get('author');
      const input = await readInput(file, context.stdin);
      warnSkipped(context, 'share', input);
      const items = selectItems(input, args.values.get('url-contains'), true);
      refuseUnbundleable(items, limits, args.flags.has('include-secrets'));
      const bundle: BundleInput = {
        exchanges: items,
        engineVersion: PACKAGE_VERSION,
        ...(author !== undefined && author !== '' ? { author: { name: author } } : {}),
        includeSecrets: args.flags.has('include-secrets'),
      };
      const stats: BundleStats = { exchanges: 0, redactions: 0, parts: 0 };
      // A request no bundle can hold throws `BundleLimitError`: runCommand words it.
      const chunks = bundleParts(bundle, limits, stats);
      if (target === '-') {
        await writeOneBundle(context.stdout, chunks, limits);
        return EXIT.ok;
      }
      const files = await writeBundleFiles(target, chunks);
      const secrets = bundle.includeSecrets === true ? 'secrets INCLUDED' : `${stats.redactions} secret${stats.redactions === 1 ? '' : 's'} redacted`;
      const where = files.length === 1 ? files[0]! : `${files.length} bundles, ${files.join(', ')} (a bundle holds ${describeLimits(limits)})`;
      context.stderr.write(messageLine('share', `wrote ${items.length} request${items.length === 1 ? '' : 's'} to ${where} (${secrets})`));
      return EXIT.ok;
    },
  };
}

/** Refuses, before anything is written, when a request cannot be in any bundle. */
function refuseUnbundleable(items: readonly InputItem[], limits: BundleLimits, includeSecrets: boolean): void {
  let first: { index: number; problem: string } | undefined;
  let more = 0;
  items.forEach((item, index) => {
    const problem = bundleItemProblem(item, limits, includeSecrets);
    if (problem === null) return;
    if (first === undefined) first = { index, problem };
    else more++;
  });
  if (first === undefined) return;
  const { exchange } = items[first.index]!;
  throw new CliError(
    'input',
    `cannot share ${exchange.request.method} ${shortUrl(exchange.hops[0]?.url ?? '')}: ${first.problem}${more > 0 ? ` (and ${more} more request${more === 1 ? '' : 's'})` : ''}; leave ${more > 0 ? 'them' : 'it'} out with --url-contains TEXT matching only the requests to share`,
  );
}

/** To standard output: one bundle, or a refusal when it would need more than one. */
async function writeOneBundle(stream: NodeJS.WritableStream, chunks: Iterable<BundleChunk>, limits: BundleLimits): Promise<void> {
  const texts = function* (): Generator<string> {
    for (const chunk of chunks) {
      if (chunk.part > 0) {
        throw new CliError(
          'input',
          `these requests need more than one bundle (a bundle holds ${describeLimits(limits)}), and the output so far is incomplete: write to a file with --out FILE.json to have them split, or narrow them with --url-contains`,
        );
      }
      yield chunk.text;
    }
  };
  for (const piece of batched(texts())) if (!(await writePiece(stream, piece))) return;
}

/**
 * To files: each part to a temporary file beside the target, renamed when all are written (so a
 * failure leaves no half bundle under the name asked for). One part takes the name asked for;
 * several are FILE-1.json, FILE-2.json, ...
 */
async function writeBundleFiles(target: string, chunks: Iterable<BundleChunk>): Promise<string[]> {
  const temporary: string[] = [];
  let handle: FileHandle | undefined;
  let current = -1;
  let pending: string[] = [];
  let pendingSize = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    pendingSize = 0;
    await handle!.write(text);
  };
  try {
    for (const chunk of chunks) {
      if (chunk.part !== current) {
        await flush();
        await handle?.close();
        handle = undefined;
        const path = `${target}.${process.pid}-${chunk.part + 1}.partial`;
        temporary.push(path);
        handle = await open(path, 'w');
        current = chunk.part;
      }
      pending.push(chunk.text);
      pendingSize += chunk.text.length;
      if (pendingSize >= 1 << 16) await flush();
    }
    await flush();
    await handle?.close();
    handle = undefined;
    const names = temporary.length === 1 ? [target] : temporary.map((_, i) => numbered(target, i + 1));
    for (let i = 0; i < temporary.length; i++) await rename(temporary[i]!, names[i]!);
    return names;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await Promise.all(temporary.map((path) => rm(path, { force: true }).catch(() => undefined)));
    if (error instanceof CliError) throw error;
    if (typeof (error as { code?: unknown } | null)?.code === 'string') throw new CliError('input', `cannot write ${target}: ${fileErrorMessage(error)}`);
    throw error;
  }
}

/** `diagnosis.json`, 2 → `diagnosis-2.json`. */
export function numbered(target: string, n: number): string {
  const extension = extname(target);
  return join(dirname(target), `${basename(target, extension)}-${n}${extension}`);
}

/** `share` with these arguments, as `main` runs it (for tests). */
export function runShare(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, stdin?: NodeJS.ReadableStream, limits = DEFAULT_BUNDLE_LIMITS): Promise<number> {
  return runCommand(shareCommandWithin(limits), args, contextFor({ stdout: out, stderr: err, ...(stdin ? { stdin } : {}) }));
}
