// Exchanges back to a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/), laid out the
// way Chromium's DevTools writes one, so any HAR viewer opens it and `exchangesFromHar` reads back
// the same exchanges: each preflight an entry of its own (`_resourceType: "preflight"`,
// `_initiator: {type: "preflight", url, requestId}`), each redirect hop an entry of its own (the 3xx
// with its `redirectURL`, then the next URL with the method, headers and body the redirect left it:
// a POST answered 303 goes on as a GET without its body, a 307/308 keeps both, after a redirect
// that tainted the origin the hop says `Origin: null`, a GET that started at the page's own origin
// without an Origin gets one where it reached another origin, `Cookie` only where the browser sent
// it there, hop-cookie.ts, and its own `Host`, `Sec-Fetch-Site`, `Referer` and
// `Sec-Fetch-Storage-Access`, hop-headers.ts, by the rules of the browser that sent it), a
// request that never got a response with
// status 0, a failed one with `response._error`, one the browser's cache answered with `_fromCache`.
//
// Sanitized by default like Chrome's own export since Chrome 130, which leaves out cookies,
// `Set-Cookie` and `Authorization` unless asked: here every secret the redact module knows becomes a
// `REDACTED-...` placeholder (header names stay: a `Cookie` header tells the credentials mode), and
// `log._redactions` lists what was taken from which exchange (kind and place, never the value).

import type { Entry, Har, Header, Log, QueryString, Response } from 'har-format';
import { FIREFOX_REQUESTS_FIELD, firstHeader } from '../capture/index.ts';
import { isRedirectStatus, isSameOrigin, requestAfterRedirect, serializeOrigin, taintsOrigin, type HeaderList, type ObservedExchange, type ObservedResponse } from '../cors/index.ts';
import type { Redaction } from './redact.ts';
import { cookieAtHop } from './hop-cookie.ts';
import { networkHeadersAtHop } from './hop-headers.ts';
import { storageAccessNotShown, storageAccessSiteUnknown } from './storage-access-at-hop.ts';
import { distinctRedactions, redactExchange } from './redact-exchange.ts';
import { SecretNameNumbers, headerNameSources } from './secret-name-numbers.ts';
import { VALUES_NOT_CAPTURED, valuesNotCaptured } from './unsent-values.ts';
import { inertJson } from './visible-controls.ts';

/**
 * A HAR entry as Chromium's DevTools writes one, and as we do: HAR 1.2 (`har-format`) with the
 * fields the HAR reader finds preflights, redirects and failures by.
 */
interface ExportedEntry extends Entry {
  response: Response & { _error: string | null };
  _resourceType: 'fetch' | 'preflight';
  _requestId: string;
  _initiator: { type: 'script' } | { type: 'preflight'; url: string; requestId: string };
  /**
   * DevTools' mark of a response the browser's own cache gave: `memory` or `disk`, absent when it came
   * from the network. The capture keeps only that a cache gave it (webRequest's `fromCache` does not
   * say which, `ObservedResponse.fromCache`), so the export writes `disk`, the HTTP cache; the HAR
   * reader takes either as `fromCache`.
   */
  _fromCache?: 'memory' | 'disk';
}

/** One redaction in a sanitized HAR: `exchange` is the `_requestId` prefix of that exchange's entries. */
interface HarRedaction extends Redaction {
  exchange: string;
}

export interface ExportedHar extends Har {
  log: Log & {
    /** `_browser: 'firefox'` when Firefox made every request (`FIREFOX_REQUESTS_FIELD`). */
    creator: Log['creator'] & { _browser?: 'firefox' };
    entries: ExportedEntry[];
    /** Sanitized HARs only: what was replaced, by exchange, kind and place; never the values. */
    _redactions?: HarRedaction[];
  };
}

export interface HarExportOptions {
  /** Keep cookies, tokens and keys as captured. Off by default. */
  includeSecrets?: boolean;
  /**
   * The browser that sent each exchange, by index (Chromium where not given): the lines it writes
   * again at each redirect hop follow its rules (hop-headers.ts), so a Firefox capture's later hops
   * say the `Sec-Fetch-Site` Firefox sent there.
   */
  browsers?: readonly ('chromium' | 'firefox')[];
  creator?: { name: string; version: string };
}

const HOP_SPACING_MS = 2;

function harHeaders(headers: HeaderList): Header[] {
  return headers.map(([name, value]) => ({ name, value }));
}

/** The query string as HAR lists it; values as written (HAR viewers decode them themselves). */
function queryString(url: string): QueryString[] {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const question = beforeHash.indexOf('?');
  if (question === -1) return [];
  return beforeHash
    .slice(question + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 200: 'OK', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };
  return texts[status] ?? '';
}

function harResponse(response: ObservedResponse | null, redirectURL: string, error: string | undefined): ExportedEntry['response'] {
  const headers = response?.headers ?? [];
  return {
    status: response?.status ?? 0,
    statusText: response ? statusText(response.status) : '',
    httpVersion: response ? 'HTTP/1.1' : '',
    cookies: [],
    headers: harHeaders(headers),
    content: { size: 0, mimeType: firstHeader(headers, 'content-type') ?? '' },
    redirectURL,
    headersSize: -1,
    bodySize: -1,
    _error: error ?? null,
  };
}

function toIso(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}

/** HAR 1.2, one `fetch` entry per hop and one `preflight` entry per observed preflight. */
export function harFromExchanges(exchanges: readonly ObservedExchange[], options: HarExportOptions = {}): ExportedHar {
  const keep = options.includeSecrets === true;
  const entries: ExportedEntry[] = [];
  const redactions: HarRedaction[] = [];
  const pages = new Map<string, string>();
  // Exchanges without a start time are laid after the previous one, keeping their order.
  let clock = 0;

  // One numbering for the file: a header name shaped like a secret is the same placeholder in every entry.
  const names = new SecretNameNumbers(headerNameSources(exchanges));
  exchanges.forEach((original, n) => {
    const found: Redaction[] = [];
    const exchange = keep ? original : redactExchange(original, found, names);
    for (const redaction of distinctRedactions(found)) redactions.push({ exchange: `cors-inspector.${n + 1}`, ...redaction });
    const start = exchange.startedAt ?? clock + 1;
    clock = Math.max(clock, start + exchange.hops.length * HOP_SPACING_MS);
    const origin = exchange.request.initiatorOrigin;
    let pageref: string | undefined;
    if (typeof origin === 'string' && origin !== 'null') {
      pageref = pages.get(origin);
      if (pageref === undefined) pages.set(origin, (pageref = `page_${pages.size + 1}`));
    }

    // The request as sent to each hop: DevTools logs every hop with its own method and headers,
    // and the HAR reader finds a 3xx's next hop by the method the redirect turned it into.
    let sent = { method: exchange.request.method, headers: exchange.request.headers };
    // The page's origin, which a redirect compares against to taint the request's origin.
    const initiator = exchange.request.initiatorOrigin ?? firstHeader(exchange.request.headers, 'origin');
    let tainted = false;
    // Whether the request's response tainting is "cors" (https://fetch.spec.whatwg.org/#main-fetch
    // step 12): a CORS-mode request that reached another origin than the page's, at this hop or an
    // earlier one. From then on Chromium sends an Origin header on every hop ("append a request
    // `Origin` header"), also when the request started at the page's own origin as a GET and had none
    // (seen in real Chromium: test/conformance/har-export-origin.test.ts).
    let corsTainting = false;
    exchange.hops.forEach((hop, i) => {
      const requestId = `cors-inspector.${n + 1}.${i}`;
      const at = start + i * HOP_SPACING_MS;
      const last = i === exchange.hops.length - 1;
      const next = exchange.hops[i + 1];
      const redirectURL = next?.url ?? (hop.response ? (firstHeader(hop.response.headers, 'location') ?? hop.response.locationUrl ?? '') : '');
      const before = exchange.hops[i - 1];
      if (before?.response) {
        const from = serializeOrigin(before.url);
        const to = serializeOrigin(hop.url);
        sent = requestAfterRedirect(before.response.status, sent.method, sent.headers, from, to);
        // https://fetch.spec.whatwg.org/#http-redirect-fetch step 14: from then on the browser sends
        // `Origin: null` (Chromium logs it so on that hop and every later one).
        if (typeof initiator === 'string' && taintsOrigin(from, to, initiator)) tainted = true;
      }
      // A redirect that turned the method into GET dropped the body: the hop was sent without one.
      const bodyDropped = sent.method !== exchange.request.method;
      if (exchange.request.mode === 'cors' && typeof initiator === 'string' && !isSameOrigin(initiator, serializeOrigin(hop.url))) corsTainting = true;
      // Later hops: with the Origin the browser sent there, `null` once tainted, else as the
      // preflight shows it, else the page's; a request captured without one gets it once tainting is "cors".
      const origin = tainted ? 'null' : hop.preflight && firstHeader(hop.preflight.requestHeaders, 'origin');
      const withOriginLine = i === 0 ? sent.headers : withOrigin(sent.headers, origin, corsTainting ? (origin ?? initiator ?? undefined) : undefined);
      // The browser adds cookies at each hop (hop-cookie.ts): the first hop's line where it sent the
      // same ones again, none where it sent none, and none with a comment saying so where the capture
      // cannot tell (`Authorization` set by the page is dropped at another origin by
      // `requestAfterRedirect`, https://fetch.spec.whatwg.org/#http-redirect-fetch step 13).
      const cookie = cookieAtHop(urlsUpTo(exchange.hops, i), initiator, exchange.request.credentialsMode, firstHeader(exchange.request.headers, 'cookie') !== undefined);
      const withCookie = cookie === 'as-captured' ? withOriginLine : withoutCookie(withOriginLine);
      // `Host`, `Sec-Fetch-Site` and `Referer` as the browser wrote them for this hop (hop-headers.ts).
      const requestHeaders = networkHeadersAtHop(withCookie, urlsUpTo(exchange.hops, i), initiator, options.browsers?.[n]);
      const entry: ExportedEntry = {
        startedDateTime: toIso(at),
        time: 1,
        request: {
          method: sent.method,
          url: hop.url,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: harHeaders(requestHeaders),
          queryString: queryString(hop.url),
          headersSize: -1,
          bodySize: bodyDropped ? 0 : (exchange.request.bodySize ?? (exchange.request.body !== undefined ? new TextEncoder().encode(exchange.request.body).length : -1)),
        },
        response: harResponse(hop.response, hop.response && !isRedirectStatus(hop.response.status) ? '' : redirectURL, last ? exchange.errorText : undefined),
        cache: {},
        timings: { send: 0, wait: 1, receive: 0 },
        _resourceType: 'fetch',
        _requestId: requestId,
        _initiator: { type: 'script' },
      };
      if (pageref !== undefined) entry.pageref = pageref;
      if (hop.response?.fromCache === true) entry._fromCache = 'disk';
      const comments: string[] = [];
      // The request the failed preflight kept off the wire: its lines are names without values.
      if (i === 0 && valuesNotCaptured(exchange, exchange.request.headers)) comments.push(VALUES_NOT_CAPTURED);
      if (cookie === 'unknown') comments.push(UNKNOWN_COOKIE_COMMENT);
      const capturedStorageAccess = firstHeader(exchange.request.headers, 'sec-fetch-storage-access') !== undefined;
      if (storageAccessNotShown(capturedStorageAccess, urlsUpTo(exchange.hops, i), initiator, exchange.request.credentialsMode)) comments.push(STORAGE_ACCESS_COMMENT);
      if (storageAccessSiteUnknown(capturedStorageAccess, urlsUpTo(exchange.hops, i), initiator)) comments.push(STORAGE_ACCESS_SITE_COMMENT);
      if (comments.length > 0) entry.request.comment = comments.join(' ');
      // A 307/308 keeps method and body: Chromium logs the body again on the next hop.
      if (exchange.request.body !== undefined && !bodyDropped) {
        entry.request.postData = { mimeType: firstHeader(exchange.request.headers, 'content-type') ?? '', text: exchange.request.body };
      }
      entries.push(entry);

      if (hop.preflight) {
        const preflight = hop.preflight;
        const preflightEntry: ExportedEntry = {
          // Chromium starts the request, then its preflight: the preflight's time is just after.
          startedDateTime: toIso(at + 1),
          time: 1,
          request: {
            method: 'OPTIONS',
            url: preflight.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(preflight.requestHeaders),
            queryString: queryString(preflight.url),
            headersSize: -1,
            bodySize: 0,
          },
          response: harResponse(
            preflight.response,
            preflight.response && isRedirectStatus(preflight.response.status) ? (firstHeader(preflight.response.headers, 'location') ?? preflight.response.locationUrl ?? '') : '',
            preflight.networkError,
          ),
          cache: {},
          timings: { send: 0, wait: 1, receive: 0 },
          _resourceType: 'preflight',
          _requestId: `${requestId}.preflight`,
          _initiator: { type: 'preflight', url: hop.url, requestId },
        };
        if (pageref !== undefined) preflightEntry.pageref = pageref;
        entries.push(preflightEntry);
      }
    });
  });

  const creator: ExportedHar['log']['creator'] = { ...(options.creator ?? { name: 'CORS Inspector', version: '' }) };
  // Firefox made every request: a reader judges them by Firefox's rules, as it judges a HAR Firefox's
  // DevTools wrote (`isFirefoxCreator`). `log.creator` because the streaming readers take it along
  // with `log.pages` (the CLI's `walkHar`); a mix is read by one browser's rules, the reader's.
  const firefox = exchanges.length > 0 && exchanges.every((_, n) => options.browsers?.[n] === 'firefox');
  if (firefox) creator[FIREFOX_REQUESTS_FIELD] = 'firefox';
  const har: ExportedHar = {
    log: {
      version: '1.2',
      creator,
      // DevTools titles a page with its URL; the HAR reader takes the page's origin from it.
      pages: [...pages].map(([origin, id]) => ({ startedDateTime: toIso(0), id, title: `${origin}/`, pageTimings: {} })),
      entries,
    },
  };
  const comments: string[] = [];
  if (!keep) {
    comments.push(
      // An exchange sanitized before (a sanitized HAR or bundle opened again) has its placeholders already.
      redactions.length > 0 || JSON.stringify(entries).includes('REDACTED-')
        ? 'Sanitized by CORS Inspector: secrets were replaced by REDACTED-... placeholders; log._redactions lists where (the values are not in this file).'
        : 'Sanitized by CORS Inspector: it found no secret to replace (log._redactions is empty).',
    );
    har.log._redactions = redactions;
  }
  if (firefox) comments.push(`Firefox made these requests (log.creator.${FIREFOX_REQUESTS_FIELD}): CORS Inspector judges them by Firefox's rules.`);
  if (comments.length > 0) har.log.comment = comments.join(' ');
  return har;
}

const UNKNOWN_COOKIE_COMMENT =
  'Cookie: not known. The browser added this URL\'s cookies here if the request\'s credentials mode was "include", none otherwise; the capture has the cookies sent to the first URL only.';

const STORAGE_ACCESS_COMMENT =
  'Sec-Fetch-Storage-Access: not written. Chromium and Firefox send it on a request with credentials "include" to another site than the page\'s (none unless the page holds storage access there); the capture has the first URL\'s lines only.';

const STORAGE_ACCESS_SITE_COMMENT =
  "Sec-Fetch-Storage-Access: not written. The browser sent it here only if this URL is on another site than the page's, which the Public Suffix List tells and CORS Inspector does not read.";

function urlsUpTo(hops: ObservedExchange['hops'], i: number): string[] {
  return hops.slice(0, i + 1).map((hop) => hop.url);
}

function withoutCookie(headers: HeaderList): HeaderList {
  return headers.filter(([name]) => name.toLowerCase() !== 'cookie');
}

/** `headers` with their `Origin` line set to `origin` (none added where the capture has none). */
/**
 * The headers with each Origin line saying `origin` (as they are when it is undefined); with none,
 * `Origin: added` when given, placed as DevTools lists it, among names in alphabetical order.
 */
function withOrigin(headers: HeaderList, origin: string | undefined, added: string | undefined): HeaderList {
  if (firstHeader(headers, 'origin') === undefined) {
    if (added === undefined) return headers;
    const at = headers.findIndex(([name]) => name.toLowerCase() > 'origin');
    return at === -1 ? [...headers, ['Origin', added]] : [...headers.slice(0, at), ['Origin', added], ...headers.slice(at)];
  }
  if (origin === undefined) return headers;
  return headers.map(([name, value]) => (name.toLowerCase() === 'origin' ? [name, origin] : [name, value]));
}

/**
 * The file's text, made inert as bundles and `--json` are (`inertJson`): the characters a terminal
 * acts on that JSON.stringify leaves raw (DEL, C1, bidi controls, U+2028/9) written as `\uXXXX`,
 * so `cat` of the file cannot drive the terminal. JSON.parse gives back the same values.
 */
export function serializeHar(har: Har): string {
  return inertJson(`${JSON.stringify(har, null, 2)}\n`);
}
