// `cors-inspector share FILE.har --out FILE.json`: the cross-origin exchanges of a HAR as a
// diagnosis bundle (docs/bundle-schema.md) to send to someone, secrets redacted unless asked.
// Written as it is made, and split into several files where one would pass the importer's limits.
// `--html FILE.html` writes the same bundle inside the viewer page as one diagnosis.html
// (`export/diagnosis-page.ts`); the viewer page is built with the CLI, beside it (scripts/build-cli.mjs).

import { fstatSync } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BundleItemChecker,
  bundleParts,
  describeLimits,
  type BundleChunk,
  type BundleStats,
  type BundleInput,
  DEFAULT_BUNDLE_LIMITS,
  type BundleLimits,
  diagnosisPage,
  MAX_NAME_LENGTH,
  redactUrl,
} from '../export/index.ts';
import { browserRules } from '../cors/index.ts';
import { oneInput } from './args.ts';
import { browserOption, inputBrowser } from './browser-option.ts';
import { CliError, EXIT, EXIT_STATUS_HELP_NEVER_BLOCKED, type Command } from './command.ts';
import { fileErrorMessage, readInput, type InputItem } from './input.ts';
import { batched, messageLine, writePiece } from './output.ts';
import { contextFor, runCommand, shortUrl, warnSkipped } from './run-command.ts';
import { selectItems } from './select-items.ts';
import { PACKAGE_VERSION } from './version.ts';

export const SHARE_USAGE = `Usage: cors-inspector share FILE.har --out FILE.json [--author NAME] [--url-contains TEXT]
                            [--include-secrets] [--browser chromium|firefox]
       cors-inspector share FILE.har --html FILE.html [--author NAME] [--url-contains TEXT]
                            [--include-secrets] [--browser chromium|firefox]

Writes the cross-origin requests of FILE.har, with what CORS Inspector says about each, as one
bundle file that another CORS Inspector opens. Cookies, Authorization, API keys, JWTs and
Set-Cookie are replaced by REDACTED placeholders. FILE.har may also be a bundle; - reads standard
input.

--html writes the bundle inside one web page (a diagnosis.html) that shows the requests, the notes
and the failures by cause in any browser, from disk or a mail attachment, with nothing installed
and nothing fetched.

A bundle holds ${describeLimits(DEFAULT_BUNDLE_LIMITS)}: more are written as FILE-1.json,
FILE-2.json, ... A request no bundle can hold (more than ${DEFAULT_BUNDLE_LIMITS.maxHopsPerExchange} hops, more than
${DEFAULT_BUNDLE_LIMITS.maxHeadersPerList.toLocaleString('en-US')} header lines in one list) is refused: leave it out with --url-contains.

Options:
  --out FILE.json      where to write the bundle (- for standard output, one bundle only)
  --html FILE.html     where to write the diagnosis.html (- for standard output; one bundle only)
  --author NAME        your name, recorded in the bundle
  --url-contains TEXT  only requests whose URL contains TEXT
  --browser NAME       judge by chromium's rules or firefox's (the default: firefox's for a HAR
                       Firefox wrote, chromium's for anything else)
  --include-secrets    keep cookies, tokens and keys as captured (only for people you trust)
  -h, --help           show this help

${EXIT_STATUS_HELP_NEVER_BLOCKED}`;

/** The viewer page `npm run build:cli` writes beside the CLI's bundle (dist-cli/viewer.html). */
const VIEWER_PAGE = new URL('./viewer.html', import.meta.url);

/** The viewer page, template of a diagnosis.html; a missing one is said with the way to build it. */
export async function readViewerPage(path: URL = VIEWER_PAGE): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError('input', `--html needs the viewer page that \`npm run build:cli\` writes beside the CLI: cannot read ${fileURLToPath(path)}: ${fileErrorMessage(error)}; run \`npm run build:cli\``);
  }
}

export const shareCommand: Command = shareCommandWithin(DEFAULT_BUNDLE_LIMITS);

/** `share`, writing bundles within `limits` (the importer's own, but for tests), the viewer page from `viewerPage`. */
export function shareCommandWithin(limits: BundleLimits, viewerPage: () => Promise<string> = readViewerPage): Command {
  return {
    name: 'share',
    usage: SHARE_USAGE,
    options: { flags: ['include-secrets'], values: ['out', 'html', 'author', 'url-contains', 'browser'] },
    async run(args, context) {
      const file = oneInput('share', args.files);
      const browser = browserOption(args.values);
      const given = (name: string): string | undefined => (args.values.get(name) === '' ? undefined : args.values.get(name));
      const target = given('out');
      const html = given('html');
      if (target === undefined && html === undefined) throw new CliError('usage', 'share needs --out FILE.json or --html FILE.html');
      if (target === '-' && html === '-') throw new CliError('usage', 'share can write only one of --out and --html to standard output (-)');
      const stdinFile = file === '-' ? fileReadBy(context.stdin) : null;
      await refuseWritingInput(file, stdinFile, [['--out', target], ['--html', html]]);
      // Read before the input: a CLI built without its viewer page says so at once.
      const page = html === undefined ? undefined : await viewerPage();
      const author = args.values.get('author');
      // An importer refuses a longer name (docs/bundle-schema.md#limits-and-errors): refused here, before any reading.
      if (author !== undefined && author.length > MAX_NAME_LENGTH) {
        throw new CliError('usage', `--author is ${author.length.toLocaleString('en-US')} characters, more than the ${MAX_NAME_LENGTH} a bundle holds`);
      }
      const input = await readInput(file, context.stdin);
      const rules = browserRules(inputBrowser(browser, input));
      warnSkipped(context, 'share', input);
      const items = selectItems(input, args.values.get('url-contains'), true);
      refuseUnbundleable(items, limits, args.flags.has('include-secrets'));
      const bundle: BundleInput = {
        exchanges: items,
        engineVersion: PACKAGE_VERSION,
        ...(author !== undefined && author !== '' ? { author: { name: author } } : {}),
        includeSecrets: args.flags.has('include-secrets'),
        rules,
      };
      const stats: BundleStats = { exchanges: 0, redactions: 0, parts: 0 };
      // A request no bundle can hold throws `BundleLimitError`: runCommand words it.
      let chunks: Iterable<BundleChunk> = bundleParts(bundle, limits, stats);
      const written: string[] = [];
      if (page !== undefined && html !== undefined) {
        // One page holds one bundle, made in memory (within the importer's limits) before anything is written.
        const single = [...oneBundle(chunks, limits, '--html')];
        chunks = single;
        const text = diagnosisPage(page, single.map((chunk) => chunk.text).join(''));
        if (html === '-') await writeOneBundle(context.stdout, [{ part: 0, text }], limits);
        else written.push(...(await writeBundleFiles(html, [{ part: 0, text }], file, stdinFile, bundle.includeSecrets === true)));
      }
      if (target === '-') await writeOneBundle(context.stdout, chunks, limits);
      else if (target !== undefined) {
        const files = await writeBundleFiles(target, chunks, file, stdinFile, bundle.includeSecrets === true);
        written.unshift(files.length === 1 ? files[0]! : `${files.length} bundles, ${files.join(', ')} (a bundle holds ${describeLimits(limits)})`);
      }
      if (written.length === 0) return EXIT.ok;
      const secrets = bundle.includeSecrets === true ? 'secrets INCLUDED' : `${stats.redactions} secret${stats.redactions === 1 ? '' : 's'} redacted`;
      context.stderr.write(messageLine('share', `wrote ${items.length} request${items.length === 1 ? '' : 's'} to ${written.join(' and ')} (${secrets})`));
      return EXIT.ok;
    },
  };
}

/** A file as the system knows it: links and other spellings of its path name the same one. */
interface FileId {
  dev: number;
  ino: number;
}

/** The file at `path`; null when there is none (the output, usually). */
async function fileAt(path: string): Promise<FileId | null> {
  try {
    const { dev, ino } = await stat(path);
    return { dev, ino };
  } catch {
    return null;
  }
}

/** The file a stream reads, when it reads one by its descriptor (`share - --out X < X`: fd 0 is X). */
function fileReadBy(stream: NodeJS.ReadableStream): FileId | null {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return null;
  try {
    const read = fstatSync(fd);
    return read.isFile() ? { dev: read.dev, ino: read.ino } : null;
  } catch {
    return null;
  }
}

/**
 * Whether `path` names the input: the file `input` names (the same path once resolved, or the same
 * inode: a link to it), or for `-`, the file standard input reads (`stdinFile`).
 */
async function isInput(path: string, input: string, stdinFile: FileId | null): Promise<boolean> {
  if (input !== '-' && resolve(path) === resolve(input)) return true;
  const [one, other] = await Promise.all([fileAt(path), input === '-' ? stdinFile : fileAt(input)]);
  return one !== null && other !== null && one.dev === other.dev && one.ino === other.ino;
}

/** What the refusal to write over the input says, after the option and its file. */
const OVER_INPUT = 'writing there would replace it; name another file';

/**
 * Refuses, before anything is read or written, an output that is the input file (`share X.har --out
 * X.har` replaced the raw capture with the redacted bundle): a mistake in the arguments, status 2.
 */
async function refuseWritingInput(input: string, stdinFile: FileId | null, outputs: readonly (readonly [string, string | undefined])[]): Promise<void> {
  for (const [option, path] of outputs) {
    if (path === undefined || path === '-' || !(await isInput(path, input, stdinFile))) continue;
    throw new CliError('usage', `${option} ${path} is the input file${input === '-' ? ' (standard input reads it)' : path === input ? '' : ` (${input})`}: ${OVER_INPUT}`);
  }
}

/**
 * Refuses, before anything is written, when a request cannot be in any bundle: each checked as the
 * bundle will store it (redacted, its notes too), after the ones before it.
 */
function refuseUnbundleable(items: readonly InputItem[], limits: BundleLimits, includeSecrets: boolean): void {
  let first: { index: number; problem: string } | undefined;
  let more = 0;
  const checker = new BundleItemChecker({ engineVersion: PACKAGE_VERSION, includeSecrets }, items.map((item) => item.exchange), limits);
  items.forEach((item, index) => {
    const problem = checker.problem(item, index);
    if (problem === null) return;
    if (first === undefined) first = { index, problem };
    else more++;
  });
  if (first === undefined) return;
  const { exchange } = items[first.index]!;
  // The URL redacted as the bundle would hold it: the refusal goes to a terminal or a CI log.
  const url = exchange.hops[0]?.url ?? '';
  throw new CliError(
    'input',
    `cannot share ${exchange.request.method} ${shortUrl(includeSecrets ? url : redactUrl(url))}: ${first.problem}${more > 0 ? ` (and ${more} more request${more === 1 ? '' : 's'})` : ''}; leave ${more > 0 ? 'them' : 'it'} out with --url-contains TEXT matching only the requests to share`,
  );
}

/** The chunks of the first bundle, or a refusal, at the first chunk of a second, for `where` that holds only one. */
function* oneBundle(chunks: Iterable<BundleChunk>, limits: BundleLimits, where: string): Generator<BundleChunk> {
  for (const chunk of chunks) {
    if (chunk.part > 0) {
      const split = where === '--html' ? '' : ', and the output so far is incomplete';
      throw new CliError(
        'input',
        `these requests need more than one bundle (a bundle holds ${describeLimits(limits)})${split}: write to a file with --out FILE.json to have them split, or narrow them with --url-contains`,
      );
    }
    yield chunk;
  }
}

/** To standard output: one bundle, or a refusal when it would need more than one. */
async function writeOneBundle(stream: NodeJS.WritableStream, chunks: Iterable<BundleChunk>, limits: BundleLimits): Promise<void> {
  const texts = function* (): Generator<string> {
    for (const chunk of oneBundle(chunks, limits, 'standard output')) yield chunk.text;
  };
  for (const piece of batched(texts())) if (!(await writePiece(stream, piece))) return;
}

/**
 * To files: each part to a temporary file beside the target, renamed when all are written (so a
 * failure leaves no half bundle under the name asked for). One part takes the name asked for;
 * several are FILE-1.json, FILE-2.json, ..., none of which may be the input file (`isInput`).
 */
async function writeBundleFiles(target: string, chunks: Iterable<BundleChunk>, input: string, stdinFile: FileId | null, secretsIncluded: boolean): Promise<string[]> {
  const temporary: string[] = [];
  let names: string[] = [];
  let renamed = 0;
  let failedName = target;
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
        const path = partialName(target, chunk.part + 1);
        // Created, never opened if there (`wx`): a name planted in a folder others can write to (a
        // link to the person's shell profile) must not be written through. With --include-secrets,
        // readable by its owner only (the mode stays with the renamed file); a redacted bundle, made
        // to be shared, as the umask has any new file.
        handle = await open(path, 'wx', secretsIncluded ? 0o600 : 0o666);
        temporary.push(path);
        current = chunk.part;
      }
      pending.push(chunk.text);
      pendingSize += chunk.text.length;
      if (pendingSize >= 1 << 16) await flush();
    }
    await flush();
    await handle?.close();
    handle = undefined;
    names = temporary.length === 1 ? [target] : temporary.map((_, i) => numbered(target, i + 1));
    // The target was checked before reading; a part's numbered name may still be the input's.
    for (let i = 0; i < names.length; i++) {
      if (names.length > 1 && (await isInput(names[i]!, input, stdinFile))) throw new CliError('usage', `--out ${target} would write part ${i + 1} to ${names[i]}, the input file${input === '-' ? ' (standard input reads it)' : ''}: ${OVER_INPUT}`);
    }
    // A name taken by a folder cannot be renamed onto: found before any part takes its name, so a
    // file of an earlier run under another part's name is neither replaced nor, by the cleanup, lost.
    for (const name of names) {
      if ((await stat(name).catch(() => null))?.isDirectory()) throw new CliError('input', `cannot write ${name}: is a directory`);
    }
    for (; renamed < temporary.length; renamed++) {
      try {
        await rename(temporary[renamed]!, names[renamed]!);
      } catch (error) {
        failedName = names[renamed]!;
        throw error;
      }
    }
    return names;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // The parts not yet renamed, and those already renamed (written by this run): no half set is
    // left under the names asked for (M8: `big-1.json` stayed, 44 MB, when `big-2.json` was a folder).
    await Promise.all([...temporary.slice(renamed), ...names.slice(0, renamed)].map((path) => rm(path, { force: true }).catch(() => undefined)));
    if (error instanceof CliError) throw error;
    // Named by the file asked for, never by a temporary name (`ENOTDIR: ... 'x.json.Q2w...-1.partial'`).
    if (typeof (error as { code?: unknown } | null)?.code === 'string') throw new CliError('input', `cannot write ${failedName}: ${fileErrorMessage(error, true)}`);
    throw error;
  }
}

/**
 * A part's temporary name beside `target`: random (M7: `${target}.${pid}-1.partial` could be
 * guessed, a link planted there, and the bundle written wherever it pointed).
 */
export function partialName(target: string, part: number): string {
  // Web Crypto's global, loaded when first used: importing node:crypto would load it at every start.
  const random = Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString('base64url');
  return `${target}.${random}-${part}.partial`;
}

/** `diagnosis.json`, 2 → `diagnosis-2.json`. */
export function numbered(target: string, n: number): string {
  const extension = extname(target);
  return join(dirname(target), `${basename(target, extension)}-${n}${extension}`);
}

/** `share` with these arguments, as `main` runs it (for tests). */
export function runShare(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  stdin?: NodeJS.ReadableStream,
  limits = DEFAULT_BUNDLE_LIMITS,
  viewerPage?: () => Promise<string>,
): Promise<number> {
  return runCommand(shareCommandWithin(limits, viewerPage), args, contextFor({ stdout: out, stderr: err, ...(stdin ? { stdin } : {}) }));
}
