// For tests: requests and pairs to give the curl export, and how curl reads the arguments it gets.

import fc from 'fast-check';
import type { CurlPair, CurlRequest } from './curl-requests.ts';
import { bashExitStatus, CMD_HEADERS_ARGUMENT, HEADER_FILTERS } from './curl.ts';
import { CMD_MODEL_HEADERS_FILE } from './testing-cmd.ts';

export function curlRequest(overrides: Partial<CurlRequest> = {}): CurlRequest {
  return { role: 'request', provenance: 'observed', method: 'GET', url: 'http://api.test/x', headers: [], body: null, expected: [], notes: [], ...overrides };
}

export function curlPairOf(request: CurlRequest, preflight: CurlRequest | null = null): CurlPair {
  return { hop: 0, preflight, request, redactions: [] };
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bashFilterLine = `  ${escaped(HEADER_FILTERS.bash ?? '')}(?:${escaped(bashExitStatus(0))}|${escaped(bashExitStatus(1))})`;

/**
 * Every line a bash script of the curl export may have: a comment, a blank, a curl command's first
 * line or one of its option lines, and the line that pipes its output into the header filter.
 */
export const BASH_SCRIPT_LINE = new RegExp(`^(#.*|curl .*|  --?[A-Za-z].*|${bashFilterLine}|)$`);

export interface CurlReading {
  url: string;
  method: string | null;
  head: boolean;
  headers: string[];
  /** `--data-raw` text, or `@-` for `--data-binary @-` (standard input). */
  data: string | null;
}

// curl's options that take the next argument as their value, whatever it looks like, and those
// that take none. Only the ones the export uses: anything else is an error here.
const WITH_VALUE = new Set(['--proto', '--proto-redir', '-o', '-D', '-X', '--url', '-H', '--data-raw', '--data-binary']);
const WITHOUT_VALUE = new Set(['-sS', '--path-as-is', '-g', '--head']);

/**
 * How curl reads `args`, for the options the export uses, with every way captured text could
 * misuse them refused: an unknown option or a bare URL (anything after a value that curl would take
 * as an option or a URL of its own), a header read from a file (`-H @file`), a body read from a
 * file, a scheme other than http(s), and the protocol limits missing.
 */
export function readCurlArguments(args: readonly string[]): CurlReading {
  const reading: CurlReading = { url: '', method: null, head: false, headers: [], data: null };
  const seen = new Map<string, string>();
  // curl honours `-q` (no .curlrc) only as its first argument.
  if (args[0] !== '-q') throw new Error('no -q first: curl would read the .curlrc');
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (WITHOUT_VALUE.has(arg)) {
      if (arg === '--head') reading.head = true;
      continue;
    }
    if (!WITH_VALUE.has(arg)) throw new Error(`curl would read ${JSON.stringify(arg)} as ${arg.startsWith('-') ? 'an option' : 'a URL'}`);
    const value = args[++i];
    if (value === undefined) throw new Error(`${arg} without a value`);
    if (arg === '-H') {
      if (value.startsWith('@')) throw new Error(`-H ${JSON.stringify(value)} reads headers from a file`);
      reading.headers.push(value);
    } else if (arg === '--data-binary') {
      if (value !== '@-') throw new Error(`--data-binary ${JSON.stringify(value)} is not standard input`);
      reading.data = value;
    } else if (arg === '--data-raw') {
      reading.data = value;
    } else {
      if (seen.has(arg)) throw new Error(`${arg} given twice`);
      seen.set(arg, value);
    }
  }
  if (seen.get('--proto') !== '=http,https' || seen.get('--proto-redir') !== '=http,https') throw new Error('no --proto =http,https limits');
  const url = seen.get('--url');
  if (url === undefined || !/^https?:\/\//i.test(url)) throw new Error(`the URL ${JSON.stringify(url)} is not http(s)`);
  // The headers to standard output (through the header filter), or in cmd to the file the next line shows.
  const headersTo = seen.get('-D') ?? '';
  // cmd: the file its set line named, expanded by the model or as the export wrote it (`testing-curl-shells.ts`).
  const headersOk = headersTo === '-' || (seen.get('-o') === 'NUL' && (headersTo === CMD_HEADERS_ARGUMENT || CMD_MODEL_HEADERS_FILE.test(headersTo)));
  if (!['/dev/null', 'NUL'].includes(seen.get('-o') ?? '') || !headersOk) throw new Error('output not to the null device and headers to stdout');
  reading.url = url;
  reading.method = seen.get('-X') ?? null;
  return reading;
}

/**
 * Every character class that matters to some shell: quotes of all kinds (PowerShell reads the
 * typographic ones as quotes), expansions, escapes, cmd's metacharacters, white space, line breaks,
 * NUL, terminal escapes (ESC, BEL for OSC 52), C1 controls, bidi controls, line separators, non-ASCII
 * letters and astral characters.
 */
const SHELL_SPECIALS = [
  "'", '"', '`', '\\', '$', '(', ')', '{', '}', '[', ']', '!', '%', '^', '&', '|', '<', '>', ';', '*', '?', '~', '#', '=', ',', '@', '-', ':', '.', '/', '+',
  ' ', '\t', '\n', '\r', '\r\n', '\0', '\x1b', '\x07', '\x7f', '\x85', '\x9b', '\u00a0', '\u200b', '\u202e', '\u2066', '\u2028', '\ufeff',
  '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u201e', '\u2013',
  'a', 'Z', '0', '9', 'ü', '✓', '😀', '$(id)', '%PATH%', '!x!', '--%', '-K', '@/etc/passwd', '\x1b]52;c;aGk=\x07',
];

/** Any code point, lone surrogates included (fast-check's 'binary' unit is much slower). */
export const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

export function hostileText(maxLength = 24) {
  return fc.string({ unit: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SHELL_SPECIALS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }), maxLength });
}
