// The input of every command: a HAR file or a diagnosis bundle, from a file or from standard input
// (`-`). A HAR is read an entry at a time (json-members.ts), so that a big one is never held as one
// string and one object tree at once, and a HAR file through a window of its bytes, so that it is
// not held whole either; a bundle is at most 200 MB and is checked whole by the bundle's own
// validator.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { HarEntryReader, entriesFromHar, type HarEntries, exchangesFromEntries } from '../capture/index.ts';
import type { ObservedExchange } from '../cors/index.ts';
import { BUNDLE_FORMAT, bundleSender, formatBundleError, PAGE_KIND_WORDS, pageKind, parseBundle, type BundleNote } from '../export/index.ts';
import { CliError } from './command.ts';
import { JsonBytes, NotWalkable, type ReadBytes } from './json-members.ts';
import { megabytes, type Progress } from './progress.ts';
import { cliErrorFrom } from './run-command.ts';

export interface InputItem {
  exchange: ObservedExchange;
  /** A bundle's notes on the exchange. */
  notes?: BundleNote[];
  /**
   * The browser that sent it, whatever rules judge it (`--browser`): Firefox for a HAR Firefox
   * wrote, else Chromium; a bundle's exchange's `bundleSender`. `share` keeps it in the bundle.
   */
  sentBy: 'chromium' | 'firefox';
}

export interface Input {
  kind: 'har' | 'bundle';
  /** How messages name the input: the file name, or "standard input". */
  name: string;
  items: InputItem[];
  /** HAR entries left out, and why the first one was. */
  skippedEntries: number;
  firstSkipReason?: string;
  /**
   * A HAR Firefox wrote (`log.creator`), or a bundle the Firefox build or `share --browser firefox`
   * wrote (its `browser`): judged by Firefox's rules unless `--browser` says otherwise, as the panels
   * and the viewer judge it (`ui/share/import-rules.ts`).
   */
  judgedByFirefoxRules?: boolean;
}

const STANDARD_INPUT = 'standard input';

/** The input's name in messages. */
function inputName(file: string): string {
  return file === '-' ? STANDARD_INPUT : file;
}

/** The bytes of `file`, or of `stdin` for `-`. Throws `CliError` when they cannot be read. */
async function readInputBytes(file: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  try {
    if (file !== '-') return await readFile(file);
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  } catch (error) {
    throw new CliError('input', `cannot read ${inputName(file)}: ${fileErrorMessage(error)}`);
  }
}

/**
 * Reads a command's input. Throws `CliError` for one that cannot be read, or is no HAR or bundle.
 * `progress` follows the walk through a HAR's entries.
 */
export async function readInput(file: string, stdin: NodeJS.ReadableStream, progress?: Progress): Promise<Input> {
  progress?.update(() => `reading ${inputName(file)}`);
  if (file !== '-') {
    const walked = walkHarFile(file, progress);
    if (walked !== undefined) return walkedInput(walked, file, progress);
  }
  return inputFromBytes(await readInputBytes(file, stdin), inputName(file), progress);
}

/** The most bytes readFile reads (Node's kIoMaxLength): a bigger file is left to it, for its message. */
const READ_FILE_MAX = 2 ** 31 - 1;

/**
 * The entries of a HAR file, its bytes read through a window (JsonBytes): a 33 MB HAR read whole
 * touched 33 MB of fresh memory, ~8,000 page faults and 80-90 ms of CPU, for bytes each read once.
 * Undefined for anything but a regular file that walks as a HAR (a bundle, an odd HAR, a file that
 * does not open, a directory, a device): that is read whole as before, with the same messages.
 */
function walkHarFile(file: string, progress?: Progress): HarEntries | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > READ_FILE_MAX) return undefined;
    const read: ReadBytes = (into, offset, length, position) => {
      try {
        return readSync(fd, into, offset, length, position);
      } catch (error) {
        throw new CliError('input', `cannot read ${file}: ${fileErrorMessage(error)}`);
      }
    };
    const walked = walkHar(new JsonBytes(read), progress === undefined ? undefined : (at) => progress.update(() => `reading ${file}: ${megabytes(at, stat.size)}`));
    return walked === 'bundle' ? undefined : walked;
  } finally {
    closeSync(fd);
  }
}

function walkedInput(walked: HarEntries, name: string, progress?: Progress): Input {
  progress?.update(() => `pairing ${walked.entries.length.toLocaleString('en-US')} entries`, true);
  return harInput(walked, name);
}

/** HAR or bundle bytes → exchanges. Throws `CliError`. */
export function inputFromBytes(bytes: Buffer, name: string, progress?: Progress): Input {
  // The closure captures the size, not the bytes: they can go once the walk is done.
  const size = bytes.length;
  const walked = walkHar(bytes, progress === undefined ? undefined : (at) => progress.update(() => `reading ${name}: ${megabytes(at, size)}`));
  if (walked === 'bundle') return bundleInput(bytes, name);
  if (walked !== undefined) return walkedInput(walked, name, progress);
  // Not the usual shape: parse it whole, for JSON.parse's own message or its reading of odd JSON.
  let value: unknown;
  let text = '';
  try {
    text = withoutByteOrderMark(bytes.toString('utf8'));
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if ((error as { code?: unknown }).code === 'ERR_STRING_TOO_LONG') throw new CliError('input', `${name}: not a HAR file: too large to read unless it is a well-formed HAR (${reason})`);
    throw notJsonError(name, text, reason, size);
  }
  if (isObject(value) && value['format'] === BUNDLE_FORMAT) return bundleInput(bytes, name);
  try {
    return harInput(entriesFromHar(value), name);
  } catch (error) {
    throw cliErrorFrom(error, name) ?? error;
  }
}

/** What a page of ours given as the input is, and where it is read (FR#11: `explain diagnosis.html`). */
const PAGE_WORDS = {
  diagnosis: `${PAGE_KIND_WORDS.diagnosis}; this command reads the HAR it was made from, or a bundle (share FILE.har --out FILE.json)`,
  viewer: `${PAGE_KIND_WORDS.viewer}: open it in a browser and open the HAR or bundle there (Open..., or drop the file on it), or give this command the HAR or bundle itself`,
} as const;

/**
 * Why `text` (`bytes` long, the input's `name`) is no HAR, JSON.parse having refused it for `reason`:
 * empty, cut short (a copy or download that stopped), or JSON.parse's own words.
 */
export function notJsonError(name: string, text: string, reason: string, bytes: number): CliError {
  if (text.trim() === '') return new CliError('input', name === STANDARD_INPUT ? `${name} is empty: pipe a HAR file into it, or name the file instead of -` : `${name} is empty: no HAR in it`);
  const page = pageKind(text);
  if (page !== null) return new CliError('input', `${name}: ${PAGE_WORDS[page]}`);
  if (cutShort(reason, text)) return new CliError('input', `${name}: not a HAR file: it looks cut short (the JSON stops unfinished at byte ${bytes.toLocaleString('en-US')}, its end)`);
  return new CliError('input', `${name}: not a HAR file: not JSON (${reason})`);
}

/**
 * Whether JSON.parse's `reason` says the text ended while a value was still open: at its end
 * ("Unexpected end of JSON input"), or at a position past its last character (V8's "Unterminated
 * string in JSON at position N", "Expected ',' or '}' after property value in JSON at position N").
 */
function cutShort(reason: string, text: string): boolean {
  if (reason.startsWith('Unexpected end of JSON input')) return true;
  const at = / in JSON at position (\d+)/.exec(reason);
  return at !== null && Number(at[1]) >= text.trimEnd().length;
}


/**
 * A HAR whose every entry is unreadable: nothing would be judged, and `explain --fail-on-blocked`
 * would pass in CI on a capture it never read (status 3 then). Null otherwise: a HAR with no entries
 * at all is a capture of nothing (status 0), one with some readable entries says how many it skipped.
 */
export function nothingReadableError(name: string, read: Pick<HarEntries, 'entries' | 'skippedEntries' | 'firstSkipReason'>): CliError | null {
  if (read.entries.length > 0 || read.skippedEntries === 0) return null;
  const first = read.firstSkipReason === undefined ? '' : ` (first: ${read.firstSkipReason})`;
  const none = read.skippedEntries === 1 ? 'its one entry could not be read' : `none of its ${read.skippedEntries.toLocaleString('en-US')} entries could be read`;
  return new CliError('input', `${name}: ${none}, so nothing was judged${first}`);
}

function harInput(read: HarEntries, name: string): Input {
  const nothing = nothingReadableError(name, read);
  if (nothing !== null) throw nothing;
  const sentBy = read.writtenByFirefox ? 'firefox' : 'chromium';
  const input: Input = { kind: 'har', name, items: exchangesFromEntries(read.entries, sentBy).map((exchange) => ({ exchange, sentBy })), skippedEntries: read.skippedEntries };
  if (read.firstSkipReason !== undefined) input.firstSkipReason = read.firstSkipReason;
  if (read.writtenByFirefox) input.judgedByFirefoxRules = true;
  return input;
}

function bundleInput(bytes: Buffer, name: string): Input {
  const parsed = parseBundle(bytes);
  if (!parsed.ok) {
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more problem${parsed.errors.length === 2 ? '' : 's'})` : '';
    throw new CliError('input', `${name}: not a valid bundle: ${formatBundleError(parsed.errors[0]!)}${more}`);
  }
  const { bundle } = parsed;
  const items = bundle.exchanges.map((entry): InputItem => {
    const sentBy = bundleSender(entry, bundle);
    return entry.notes.length > 0 ? { exchange: entry.exchange, notes: entry.notes, sentBy } : { exchange: entry.exchange, sentBy };
  });
  const input: Input = { kind: 'bundle', name, items, skippedEntries: 0 };
  if (bundle.browser === 'firefox') input.judgedByFirefoxRules = true;
  return input;
}

class IsBundle {}

/**
 * The entries of a HAR shaped as HARs are (`{"log": {..., "pages": [...], "entries": [...]}}`),
 * read one at a time; 'bundle' for a bundle; undefined for anything else. `onEntry` is told where
 * each entry starts (a byte offset), for a progress line.
 */
export function walkHar(bytes: Buffer | JsonBytes, onEntry?: (at: number) => void): HarEntries | 'bundle' | undefined {
  const json = bytes instanceof JsonBytes ? bytes : new JsonBytes(bytes);
  const start = json.startsWithByteOrderMark() ? 3 : 0;
  let reader: HarEntryReader | undefined;
  try {
    const end = json.members(json.skipSpace(start), (key, at) => {
      if (key === 'log') {
        let pages: unknown;
        let creator: unknown;
        return json.members(at, (logKey, valueAt) => {
          if (logKey === 'entries') {
            const entries = new HarEntryReader(pages, creator);
            reader = entries;
            return json.elements(valueAt, (entry, from) => {
              onEntry?.(from);
              entries.add(entry);
            });
          }
          const valueEnd = json.valueEnd(valueAt);
          const value = json.parse(valueAt, valueEnd);
          if (logKey === 'pages') {
            // Pages after the entries: the entries were read without them.
            if (reader !== undefined) throw new NotWalkable();
            pages = value;
          }
          if (logKey === 'creator') {
            creator = value;
            // After the entries (Firefox writes it first; other tools may not): they were read
            // an entry at a time all the same, and the reader decides what they are in `finish`.
            reader?.setCreator(value);
          }
          return valueEnd;
        });
      }
      const valueEnd = json.valueEnd(at);
      // Parsed even when unused: a value JSON.parse refuses makes the file no JSON.
      const value = json.parse(at, valueEnd);
      if (key === 'format' && value === BUNDLE_FORMAT) throw new IsBundle();
      return valueEnd;
    });
    if (!json.isEnd(json.skipSpace(end))) return undefined;
  } catch (error) {
    if (error instanceof IsBundle) return 'bundle';
    if (error instanceof NotWalkable) return undefined;
    throw error;
  }
  return reader?.finish();
}

function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A file error as a few words: `no such file`. */
export function fileErrorMessage(error: unknown, withoutPath = false): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ERR_FS_FILE_TOO_LARGE') return 'larger than the 2 GB a file can be read in one piece';
  const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
  // Node's `CODE: description, syscall 'path'`: the path left out where the caller names the file.
  return withoutPath && typeof code === 'string' ? message.replace(/^([A-Z]+: [^,]*),.*$/, '$1') : message;
}
