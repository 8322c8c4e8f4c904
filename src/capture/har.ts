// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as Chromium's DevTools exports it →
// engine input. Firefox DevTools' HARs are read too; what they say differently is in har-firefox.ts.
//
// What such a HAR holds, and what it lacks: each preflight is an entry of its own
// (`_resourceType: "preflight"`, `_initiator: {type: "preflight", url, requestId}`); each redirect
// hop is an entry of its own (the 3xx with its `redirectURL`, then the next URL); a request that
// never went out (its preflight failed) has status 0 and only provisional request headers; a
// blocked request has `response._error` (`net::ERR_FAILED`) and nothing says why. The credentials
// mode is not in it at all.

import { isRedirectStatus, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { exchangesFromEntries, serializedOriginOf } from './exchanges-from-entries.ts';
import { firstHeader } from './header-lookup.ts';
import { firefoxNoResponseError, isFirefoxCreator, isPreflightByHeaders } from './har-firefox.ts';
import { HeaderLines } from './header-lines.ts';
import { urlAsSent } from './url-as-sent.ts';

export type HarErrorCode = 'not-json' | 'not-har';

/**
 * The longest header line (name and value) read: Chromium reads at most 256 KiB of a response's
 * headers (`kMaxHeaderBufSize`, ERR_RESPONSE_HEADERS_TOO_BIG), so no captured line is longer. A
 * longer one is no capture, and every output that quotes it would copy it several times.
 */
export const MAX_HEADER_LINE_LENGTH = 256 * 1024;
/** The longest URL read: Chromium's own limit (`url::kMaxURLChars`). */
export const MAX_URL_LENGTH = 2 * 1024 * 1024;

/** The input is not a HAR. `message` is one line, fit for a terminal. */
export class HarError extends Error {
  readonly code: HarErrorCode;
  constructor(code: HarErrorCode, message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'HarError';
    this.code = code;
  }
}

export interface HarMapping {
  exchanges: ObservedExchange[];
  /** The entries as read, sorted by start time (preflights and hops still separate). */
  entries: CapturedEntry[];
  /** Entries left out because a field they need is missing or of the wrong type. */
  skippedEntries: number;
  /** Why the first skipped entry was left out: `entries[3].response.status: ...`. */
  firstSkipReason?: string;
  /** Whether `log.creator` names Firefox: see `HarEntries`. */
  writtenByFirefox: boolean;
}

/** Parses HAR text. Throws `HarError` when it is not JSON or not a HAR. */
export function parseHarText(text: string): unknown {
  // Some tools write a byte-order mark; JSON.parse refuses it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarError('not-json', `not a HAR file: not JSON (${reason})`);
  }
}

/** HAR (text or parsed) → one exchange per request the page made, in the order they started. */
export function exchangesFromHar(har: unknown): ObservedExchange[] {
  return mapHar(har).exchanges;
}

/** Like `exchangesFromHar`, with the entries as read and what was skipped. */
export function mapHar(har: unknown): HarMapping {
  const read = entriesFromHar(typeof har === 'string' ? parseHarText(har) : har);
  return { exchanges: exchangesFromEntries(read.entries, read.writtenByFirefox ? 'firefox' : 'chromium'), ...read };
}

export interface HarEntries {
  entries: CapturedEntry[];
  skippedEntries: number;
  firstSkipReason?: string;
  /**
   * Whether Firefox wrote the HAR (`log.creator`): its requests were made under Firefox's rules, so
   * they are judged by them unless the reader asks for others (`--browser`).
   */
  writtenByFirefox: boolean;
}

/** Reads a HAR's entries, sorted by `startedDateTime` (stable). Throws `HarError` for a non-HAR. */
export function entriesFromHar(har: unknown): HarEntries {
  if (!isObject(har)) throw new HarError('not-har', 'not a HAR file: expected a JSON object with a "log"');
  const log = har['log'];
  if (!isObject(log)) throw new HarError('not-har', 'not a HAR file: no "log" object');
  const rawEntries = log['entries'];
  if (!Array.isArray(rawEntries)) throw new HarError('not-har', 'not a HAR file: "log.entries" is not a list');
  const reader = new HarEntryReader(log['pages'], log['creator']);
  for (const raw of rawEntries) reader.add(raw);
  return reader.finish();
}

/**
 * Reads `log.entries` one entry at a time, in log order, so that a caller can parse a big file an
 * entry at a time and never hold all of it. `pages` is `log.pages`.
 */
export class HarEntryReader {
  private readonly pageOrigins: Map<string, string>;
  private readonly entries: CapturedEntry[] = [];
  private skippedEntries = 0;
  private firstSkipReason: string | undefined;
  private count = 0;
  // An entry without a readable time keeps its place: it takes the time of the entry before it.
  private lastTime = 0;
  private firefox: boolean;
  /**
   * Entries with no response and no error field, with the error Firefox's HAR means by that (read
   * from their timings): given them in `finish` if Firefox wrote the HAR, as `log.creator` may come
   * after the entries. A few short constants, so the reader stays an entry at a time.
   */
  private readonly silent: [CapturedEntry, string][] = [];
  private readonly headerLines = new HeaderLines();

  /** `creator` is `log.creator`: a Firefox HAR's entries are read as Firefox writes them. */
  constructor(pages: unknown, creator?: unknown) {
    this.pageOrigins = readPageOrigins(pages);
    this.firefox = isFirefoxCreator(creator);
  }

  /**
   * `log.creator` where it comes after the entries (another tool's or a hand's order; Firefox
   * writes it first): decides, as the one before them does, whether they are read as Firefox's.
   */
  setCreator(creator: unknown): void {
    this.firefox = isFirefoxCreator(creator);
  }

  add(raw: unknown): void {
    const entry = readEntry(raw, this.count++, this.pageOrigins, this.lastTime, this.headerLines);
    if (entry instanceof Unreadable) {
      this.skippedEntries++;
      this.firstSkipReason ??= entry.reason;
      return;
    }
    if (entry instanceof Silent) {
      this.silent.push([entry.entry, entry.firefoxError]);
      this.lastTime = entry.entry.startedAt;
      this.entries.push(entry.entry);
      return;
    }
    this.lastTime = entry.startedAt;
    this.entries.push(entry);
  }

  finish(): HarEntries {
    if (this.firefox) for (const [entry, error] of this.silent) entry.errorText = error;
    // Array.prototype.sort is stable: entries that started in the same millisecond keep their order.
    this.entries.sort((a, b) => a.startedAt - b.startedAt);
    const out: HarEntries = { entries: this.entries, skippedEntries: this.skippedEntries, writtenByFirefox: this.firefox };
    if (this.firstSkipReason !== undefined) out.firstSkipReason = this.firstSkipReason;
    return out;
  }
}

/** Why an entry cannot be read, naming the field: `entries[3].response.status: ...`. */
class Unreadable {
  constructor(readonly reason: string) {}
}

/** An entry with status 0 and no error field, and the error it has if Firefox wrote the HAR. */
class Silent {
  constructor(
    readonly entry: CapturedEntry,
    readonly firefoxError: string,
  ) {}
}

function readPageOrigins(pages: unknown): Map<string, string> {
  const origins = new Map<string, string>();
  if (!Array.isArray(pages)) return origins;
  for (const page of pages) {
    if (!isObject(page) || typeof page['id'] !== 'string' || typeof page['title'] !== 'string') continue;
    // DevTools titles a page with its URL; other tools may use a document title, which is no URL.
    // Nor is a title longer than Chromium's longest URL: its origin would be too long to show.
    const isUrl = page['title'].length <= MAX_URL_LENGTH && /^[a-z][a-z0-9+.-]*:\/\//i.test(page['title']);
    const origin = isUrl ? serializedOriginOf(page['title']) : undefined;
    if (origin !== undefined) origins.set(page['id'], origin);
  }
  return origins;
}

function readEntry(raw: unknown, sourceIndex: number, pageOrigins: Map<string, string>, lastTime: number, lines: HeaderLines): CapturedEntry | Unreadable | Silent {
  const at = `entries[${sourceIndex}]`;
  if (!isObject(raw)) return new Unreadable(`${at}: expected an object, found ${describe(raw)}`);
  const request = raw['request'];
  if (!isObject(request)) return new Unreadable(`${at}.request: expected an object, found ${describe(request)}`);
  const method = request['method'];
  const url = request['url'];
  if (typeof method !== 'string' || method === '') return new Unreadable(`${at}.request.method: expected a non-empty string, found ${describe(method)}`);
  if (typeof url !== 'string' || url === '') return new Unreadable(`${at}.request.url: expected a non-empty string, found ${describe(url)}`);
  const tooLong = overLength(method, MAX_HEADER_LINE_LENGTH, `${at}.request.method`) ?? overLength(url, MAX_URL_LENGTH, `${at}.request.url`);
  if (tooLong !== undefined) return tooLong;

  // A missing response (or status) is a request that got none; one of the wrong type is unreadable.
  const rawResponse = raw['response'];
  if (rawResponse !== undefined && !isObject(rawResponse)) return new Unreadable(`${at}.response: expected an object, found ${describe(rawResponse)}`);
  const response = rawResponse ?? {};
  const status = response['status'] ?? 0;
  // https://fetch.spec.whatwg.org/#concept-response-status: an integer from 0 to 999.
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 999) {
    return new Unreadable(`${at}.response.status: expected an HTTP status (an integer from 0 to 999), found ${describe(status)}`);
  }
  const requestHeaders = readHeaders(request['headers'], `${at}.request.headers`, lines);
  if (requestHeaders instanceof Unreadable) return requestHeaders;
  const responseHeaders = readHeaders(response['headers'], `${at}.response.headers`, lines);
  if (responseHeaders instanceof Unreadable) return responseHeaders;
  const initiator = isObject(raw['_initiator']) ? raw['_initiator'] : {};
  const startedAt = Date.parse(typeof raw['startedDateTime'] === 'string' ? raw['startedDateTime'] : '');
  const time = raw['time'];

  const entry: CapturedEntry = {
    sourceIndex,
    isPreflight: raw['_resourceType'] === 'preflight' || initiator['type'] === 'preflight' || isPreflightByHeaders(method, requestHeaders),
    method,
    // As sent: a hand-made spelling (`https://evil.example\@api.example/`) is shown, judged and replayed as where it went.
    url: urlAsSent(url),
    requestHeaders,
    // HAR status 0: no response arrived (the request never went out, or the network failed).
    response: status > 0 ? { status, headers: responseHeaders } : null,
    startedAt: Number.isFinite(startedAt) ? startedAt : lastTime,
    durationMs: typeof time === 'number' && Number.isFinite(time) && time > 0 ? time : 0,
  };
  const error = response['_error'];
  if (typeof error === 'string' && error !== '') {
    const errorTooLong = overLength(error, MAX_HEADER_LINE_LENGTH, `${at}.response._error`);
    if (errorTooLong !== undefined) return errorTooLong;
    entry.errorText = error;
  }
  if (entry.response !== null && isRedirectStatus(status)) {
    const redirectTooLong = typeof response['redirectURL'] === 'string' ? overLength(response['redirectURL'], MAX_URL_LENGTH, `${at}.response.redirectURL`) : undefined;
    if (redirectTooLong !== undefined) return redirectTooLong;
    const location = firstHeader(responseHeaders, 'location');
    const target = typeof response['redirectURL'] === 'string' && response['redirectURL'] !== '' ? response['redirectURL'] : location;
    const absolute = target === undefined ? undefined : resolveUrl(target, entry.url);
    if (absolute !== undefined) {
      entry.redirectUrl = absolute;
      // The engine reads a redirect's target from its `Location`; a HAR may list the target alone
      // (headers left out by the tool that wrote it): without it, a redirect the browser did not
      // follow (its CORS check failed) read as a final response, and its fixes landed on "the response".
      if (location === undefined) entry.response.locationUrl = absolute;
    }
  }
  // Chrome's HAR marks a response its HTTP cache gave (`disk`, `memory`): stored for an earlier request.
  if (entry.response !== null && (raw['_fromCache'] === 'disk' || raw['_fromCache'] === 'memory')) entry.response.fromCache = true;
  const pageOrigin = typeof raw['pageref'] === 'string' ? pageOrigins.get(raw['pageref']) : undefined;
  if (pageOrigin !== undefined) entry.pageOrigin = pageOrigin;
  if (typeof raw['_requestId'] === 'string') entry.requestId = raw['_requestId'];
  if (typeof initiator['requestId'] === 'string') entry.initiatorRequestId = initiator['requestId'];
  const initiatorUrl = initiatorUrlOf(initiator);
  if (initiatorUrl !== undefined && initiatorUrl.length <= MAX_URL_LENGTH) entry.initiatorUrl = initiatorUrl;
  const bodySize = readBodySize(request);
  if (bodySize !== undefined) entry.bodySize = bodySize;
  const body = readBody(request['postData']);
  if (body !== undefined) entry.body = body;
  // Firefox writes no error field: whether it wrote the HAR is known once `log.creator` is read.
  return status === 0 && error == null ? new Silent(entry, firefoxNoResponseError(raw['timings'])) : entry;
}

/**
 * A HAR header list. A missing list is empty; a line whose name or value is not a string makes the
 * entry unreadable (guessing a value would change the verdict). A number as a value is taken as
 * written, as some tools write `Content-Length`.
 */
function readHeaders(raw: unknown, at: string, lines: HeaderLines): HeaderLine[] | Unreadable {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return new Unreadable(`${at}: expected an array, found ${describe(raw)}`);
  // Made at its full length (an array grown by push keeps up to twice its lines' room, and the
  // capture keeps every list for the whole run); shortened only when a pseudo-header is left out.
  const headers = new Array<HeaderLine>(raw.length);
  let kept = 0;
  for (let i = 0; i < raw.length; i++) {
    const header: unknown = raw[i];
    if (!isObject(header)) return new Unreadable(`${at}[${i}]: expected a {name, value} object, found ${describe(header)}`);
    const name = header['name'];
    const value = header['value'];
    if (typeof name !== 'string' || name === '') return new Unreadable(`${at}[${i}].name: expected a non-empty string, found ${describe(name)}`);
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
    else return new Unreadable(`${at}[${i}].value: expected a string, found ${describe(value)}`);
    if (name.length + text.length > MAX_HEADER_LINE_LENGTH) return overLength(name + text, MAX_HEADER_LINE_LENGTH, `${at}[${i}]`)!;
    // HTTP/2 pseudo-headers (`:authority`) are framing, not headers the CORS checks read.
    if (name.charCodeAt(0) === 0x3a) continue;
    headers[kept++] = lines.line(name, text);
  }
  if (kept < headers.length) headers.length = kept;
  return headers;
}

function readBodySize(request: Record<string, unknown>): number | undefined {
  const size = request['bodySize'];
  // HAR writes -1 for "unknown"; a fraction or a size past 2^53 is no byte count either.
  if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) return size;
  const postData = request['postData'];
  if (isObject(postData) && typeof postData['text'] === 'string') return new TextEncoder().encode(postData['text']).length;
  return undefined;
}

/**
 * The request body as sent: `postData.text`. HAR 1.2 has `params` instead of `text` for URL-encoded
 * forms only (they are mutually exclusive there); those are joined back with the form encoding,
 * which gives the sent bytes unless the sender encoded them differently. A form with files cannot
 * be rebuilt, so it has no body.
 */
function readBody(postData: unknown): string | undefined {
  if (!isObject(postData)) return undefined;
  if (typeof postData['text'] === 'string') return postData['text'];
  const params = postData['params'];
  if (!Array.isArray(params)) return undefined;
  const form = new URLSearchParams();
  for (const param of params) {
    if (!isObject(param) || typeof param['name'] !== 'string' || param['fileName'] !== undefined) return undefined;
    form.append(param['name'], typeof param['value'] === 'string' ? param['value'] : '');
  }
  return form.toString();
}

/** DevTools' `_initiator`: its `url`, else the URL of the top frame of its script stack. */
function initiatorUrlOf(initiator: Record<string, unknown>): string | undefined {
  if (typeof initiator['url'] === 'string' && initiator['url'] !== '') return initiator['url'];
  const stack = initiator['stack'];
  const frames = isObject(stack) ? stack['callFrames'] : undefined;
  const top: unknown = Array.isArray(frames) ? frames[0] : undefined;
  return isObject(top) && typeof top['url'] === 'string' && top['url'] !== '' ? top['url'] : undefined;
}

function resolveUrl(target: string, base: string): string | undefined {
  // Already absolute (the usual case): only serialized, as the next hop's URL is (`urlAsSent`).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return urlAsSent(target);
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Unreadable when `text` is longer than `max` characters. */
function overLength(text: string, max: number, at: string): Unreadable | undefined {
  if (text.length <= max) return undefined;
  return new Unreadable(`${at}: ${text.length.toLocaleString('en-US')} characters, more than the ${max.toLocaleString('en-US')} a browser sends or accepts`);
}

/** What a value is, for a message: never the value itself (it may be huge, or a secret). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? `the number ${value}` : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}
