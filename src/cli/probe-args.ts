// `probe`'s arguments read into what to send: the URL, the origin, the method and headers, and the
// options. Every mistake is a usage error (status 2) naming what is wrong.

import { isForbiddenRequestHeader, normalizeMethod, parseNamedOrigin, type HeaderLine } from '../cors/index.ts';
import { quoted, redactUrl, type Shell } from '../export/index.ts';
import type { ParsedArgs } from './args.ts';
import { browserOption } from './browser-option.ts';
import { CliError } from './command.ts';
import type { Browser } from './report.ts';
import { shellOption } from './shell-option.ts';

export interface ProbeArgs {
  url: string;
  origin: string;
  method: string;
  headers: HeaderLine[];
  credentials: boolean;
  json: boolean;
  dryRun: boolean;
  /** `--shell`: whom `--dry-run`'s script is written for. */
  shell: Shell;
  /** `--include-secrets`: print header values, secret-shaped header names and the URL's secrets as given, not as placeholders. */
  includeSecrets: boolean;
  expect: 'allowed' | 'blocked' | null;
  timeoutMs: number;
  /** Whose rules decide the preflight and judge the answers (`--browser`). */
  browser: Browser;
}

/** The value a header named without one (`--header X-Token`) is sent with. */
export const BARE_HEADER_VALUE = 'probe';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DEFAULT_TIMEOUT_SECONDS = 10;
const FIELD_VALUE_INVALID = /[^\t\x20-\x7e\x80-\xff]/;

export function readProbeArgs(args: ParsedArgs): ProbeArgs {
  if (args.files.length !== 1) throw new CliError('usage', args.files.length === 0 ? 'probe needs a URL' : `probe takes one URL, got ${args.files.length}`);
  const url = probeUrl(args.files[0]!);
  const originValue = args.values.get('origin');
  if (originValue === undefined) throw new CliError('usage', "probe needs --origin ORIGIN (the page's origin, e.g. https://app.example.com)");
  // `null`: what the browser sends after a redirect to another origin (the tainted origin flag),
  // so that a request the page makes through a redirect can be probed where it ends.
  const origin = originValue === 'null' ? null : parseNamedOrigin(originValue);
  if (origin !== null && !origin.ok) throw new CliError('usage', `--origin: ${origin.reason}`);
  if (new URL(url).origin === originValue) throw new CliError('usage', `${redactUrl(url)} is on ${originValue} itself: a same-origin request is no CORS request, there is nothing to probe`);
  const expect = args.values.get('expect') ?? null;
  if (expect !== null && expect !== 'allowed' && expect !== 'blocked') throw new CliError('usage', `--expect ${quoted(expect, 40)}: use allowed or blocked`);
  const dryRun = args.flags.has('dry-run');
  const json = args.flags.has('json');
  // Only --dry-run writes commands to run; the probe itself sends from here.
  if (args.values.has('shell') && (!dryRun || json)) throw new CliError('usage', '--shell chooses the shell of the script --dry-run prints: give it with --dry-run, without --json');
  return {
    url,
    origin: originValue,
    method: probeMethod(args.values.get('method') ?? 'GET'),
    headers: probeHeaders(args.lists.get('header') ?? []),
    credentials: args.flags.has('credentials'),
    json,
    dryRun,
    shell: shellOption(args.values),
    includeSecrets: args.flags.has('include-secrets'),
    expect,
    timeoutMs: timeoutSeconds(args.values.get('timeout')) * 1000,
    browser: browserOption(args.values) ?? 'chromium',
  };
}

function probeUrl(value: string): string {
  // Said back with its secrets redacted, as everything the probe prints.
  const given = JSON.stringify(redactUrl(value));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError('usage', `${given} is not a URL (http://host/path or https://host/path)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('usage', `${given}: probe sends only to http(s) URLs`);
  if (url.username !== '' || url.password !== '') throw new CliError('usage', 'the URL carries a user name or password: browsers refuse such URLs in fetch(), leave them out');
  url.hash = '';
  return url.href;
}

function probeMethod(value: string): string {
  if (!TOKEN.test(value)) throw new CliError('usage', `--method ${JSON.stringify(value)} is not an HTTP method (a token)`);
  const method = normalizeMethod(value);
  // https://fetch.spec.whatwg.org/#forbidden-method
  if (['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase())) throw new CliError('usage', `--method ${method}: browsers never let a page send it`);
  if (method === 'OPTIONS') throw new CliError('usage', '--method OPTIONS: name the method of the request the page makes; probe sends the preflight itself');
  return method;
}

/**
 * What an error may repeat of a malformed `--header`: up to the first space, `:` or `=`, clipped.
 * `Authorization Bearer …` and `X-Api-Key=…` are common typos whose rest is a secret.
 */
function headerArgumentStart(given: string): string {
  return quoted(given.split(/[\s:=]/, 1)[0] ?? '', 40);
}

/** `NAME` or `NAME: VALUE`, each at most once, none a header the browser sets itself. */
function probeHeaders(values: readonly string[]): HeaderLine[] {
  const headers: HeaderLine[] = [];
  const seen = new Set<string>();
  for (const given of values) {
    const colon = given.indexOf(':');
    const name = (colon === -1 ? given : given.slice(0, colon)).trim();
    const value = colon === -1 ? BARE_HEADER_VALUE : given.slice(colon + 1).trim();
    if (!TOKEN.test(name)) throw new CliError('usage', `--header starting ${headerArgumentStart(given)}: not NAME or "NAME: VALUE" with NAME a token (the rest is not shown: it may hold a secret)`);
    if (/[\0\r\n]/.test(value)) throw new CliError('usage', `--header ${name}: the value holds a line break or NUL`);
    // https://www.rfc-editor.org/rfc/rfc9110#name-field-values: visible ASCII, space, tab and obs-text
    // (bytes 0x80-0xFF). Node's http refuses anything else, which would end the probe with an internal
    // error after it had started sending: refused here, before anything is sent.
    if (FIELD_VALUE_INVALID.test(value)) throw new CliError('usage', `--header ${name}: the value holds a control character or a character beyond Latin-1, which an HTTP header cannot carry`);
    if (isForbiddenRequestHeader(name, value)) throw new CliError('usage', `--header ${name}: the browser sets it itself, a page cannot (a forbidden request header)`);
    if (seen.has(name.toLowerCase())) throw new CliError('usage', `--header ${name} given twice`);
    seen.add(name.toLowerCase());
    headers.push([name, value]);
  }
  return headers;
}

function timeoutSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds > 0) || seconds > 300) throw new CliError('usage', `--timeout ${JSON.stringify(value)}: seconds, more than 0 and at most 300`);
  return seconds;
}
