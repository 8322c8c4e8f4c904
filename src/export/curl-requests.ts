// The two requests a curl reproduction sends: the preflight the browser sent (or would send) and
// the actual request, at the hop where the browser stopped. Shell syntax lives in `curl.ts`.

import {
  browserRules,
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  requestAtHop,
  serializeOrigin,
  urlOrigin,
  type Diagnosis,
  type HeaderLine,
  type HeaderList,
  type ObservedExchange,
  type Explanation,
} from '../cors/index.ts';
import { firstHeader } from '../capture/index.ts';
import type { Redaction } from './redact.ts';
import { engineValuesAsRedacted, listedNamesAsRedacted, redactExchange } from './redact-exchange.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader, redactHeaders } from './redact-header.ts';
import { redactUrl } from './redact-text.ts';
import { redactMethod } from './secret-methods.ts';
import { SecretNameNumbers, headerNameSources } from './secret-name-numbers.ts';
import { heldPlaceholders, type PlaceholderPlaces } from './held-placeholders.ts';
import { refererAtHop } from './referer-at-hop.ts';
import { secFetchSiteOf } from './sec-fetch-site.ts';
import { PUT_IN_VALUES, VALUES_NOT_CAPTURED, valuesNotCaptured } from './unsent-values.ts';

export interface CurlRequest {
  role: 'preflight' | 'request';
  /** `observed`: as captured; `rebuilt`: what the browser would send (cached or not captured). */
  provenance: 'observed' | 'rebuilt';
  method: string;
  url: string;
  headers: HeaderLine[];
  body: string | null;
  /** `Header: value` lines the server must return for the browser to accept this response. */
  expected: string[];
  /**
   * Optional, added: `Header: value` lines the server should return though the browser does not check
   * them (`Vary: Origin`), apart from `expected`.
   */
  advised?: string[];
  /** Where the command differs from what the browser sent, and why (comments above it). */
  notes: string[];
}

export interface CurlPair {
  hop: number;
  preflight: CurlRequest | null;
  request: CurlRequest;
  redactions: Redaction[];
  /** Where the commands send placeholders the capture itself held (sanitized before); absent when none. */
  placeholders?: PlaceholderPlaces;
}

// Headers curl writes itself from the URL and the body; sending the captured ones as well would
// duplicate them. HTTP/2 pseudo-headers (`:authority`) are not headers at all. Transfer-Encoding
// is framing too (and a forbidden request header, so only a hand-made HAR has one): curl frames
// the body with its own Content-Length, and a captured `Transfer-Encoding: gzip` beside it would
// give the server two framings of one body, which is what request smuggling is made of.
function curlManages(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-length' || lowerName === 'transfer-encoding' || lowerName === 'connection' || lowerName.startsWith(':');
}

// Forbidden request-header names (https://fetch.spec.whatwg.org/#forbidden-request-header) that
// would change what curl does, so only a hand-made HAR has them: `Expect: 100-continue` makes curl
// wait for a 100 before the body; `TE` asks for transfer codings curl does not undo unless given
// --tr-encoding; `Upgrade` asks to switch protocols; `Keep-Alive` is about the connection, which is
// curl's (with `Connection`, above; HTTP/2 forbids all of these but `TE: trailers`). The other
// forbidden names are kept because the browser itself sends them and the server's answer may hang
// on them: Origin, Cookie, Referer, Accept-Encoding, Sec-*, Access-Control-Request-* and the rest.
const CHANGES_THE_EXCHANGE: ReadonlyMap<string, string> = new Map([
  ['expect', 'The captured Expect header is left out: it would make curl wait for a 100 Continue before sending the body.'],
  ['te', 'The captured TE header is left out: it asks for transfer codings curl does not undo.'],
  ['upgrade', 'The captured Upgrade header is left out: it asks the server to switch protocols.'],
  ['keep-alive', "The captured Keep-Alive header is left out: the connection is curl's to manage."],
]);

function changesTheExchange(lowerName: string): boolean {
  return CHANGES_THE_EXCHANGE.has(lowerName);
}

/**
 * One note per header `sendable` leaves out because it would change what curl does: fixed words
 * that name the header (a known name, never the captured spelling or value), in the table's order.
 */
function droppedNotes(headers: HeaderList): string[] {
  const present = new Set(headers.map(([name]) => name.toLowerCase()));
  return [...CHANGES_THE_EXCHANGE].filter(([name]) => present.has(name)).map(([, note]) => `${note} No page can set it (a forbidden request header).`);
}

function sendable(headers: HeaderList): HeaderLine[] {
  // `Proxy-*` (Proxy-Authorization) went to the browser's proxy, never to the server: a replay sent
  // straight to the server must not hand it the proxy's credentials.
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !curlManages(lower) && !changesTheExchange(lower) && !lower.startsWith('proxy-');
  });
}

/** The origin the browser sent at a hop: `null` after a tainting redirect. */
function withOrigin(headers: HeaderLine[], origin: string | undefined): HeaderLine[] {
  if (origin === undefined) return headers;
  const index = headers.findIndex(([name]) => name.toLowerCase() === 'origin');
  if (index === -1) return [...headers, ['Origin', origin]];
  const copy = headers.slice();
  copy[index] = [headers[index]![0], origin];
  return copy;
}

/**
 * The preflight Chromium sends: https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 steps 1–5, plus
 * the headers Chromium adds to every request, copied from the actual request where it carries them.
 */
function rebuildPreflight(method: string, requestHeaders: HeaderList, origin: string): HeaderLine[] {
  const headers: HeaderLine[] = [
    ['Accept', '*/*'],
    ['Access-Control-Request-Method', method],
  ];
  const unsafeNames = corsUnsafeRequestHeaderNames(requestHeaders);
  // Chromium joins the names with "," and no space.
  if (unsafeNames.length > 0) headers.push(['Access-Control-Request-Headers', unsafeNames.join(',')]);
  headers.push(['Origin', origin]);
  for (const copied of ['user-agent', 'referer', 'accept-language', 'sec-fetch-site']) {
    const value = firstHeader(requestHeaders, copied);
    if (value !== undefined) headers.push([copied.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase()), value]);
  }
  headers.push(['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Dest', 'empty']);
  return headers;
}

/** A line the engine wrote from the captured exchange, as the export writes that header (`redactHeader`), or as it is. */
type Shown = (line: HeaderLine) => HeaderLine;

function expectedLines(explanation: Explanation | null, diagnosis: Diagnosis, hop: number, role: CurlRequest['role'], headers: HeaderList | null, shown: Shown): string[] {
  if (explanation && diagnosis.verdict === 'blocked') {
    const wanted = role === 'preflight' ? ['preflight'] : ['response', 'redirect'];
    const mustSend = explanation.serverMustSend
      .filter((line) => line.hop === hop && wanted.includes(line.on))
      .map((line) => shown([line.header, line.value]).join(': '));
    if (mustSend.length > 0) return mustSend;
  }
  // Nothing to change on this response: show the CORS headers that made it pass, so a regression shows
  // (from the exchange the pair sends: already redacted).
  return (headers ?? [])
    .filter(([name]) => name.toLowerCase().startsWith('access-control-allow-'))
    .map(([name, value]) => `${name}: ${value}`);
}

/** Said after the header an older Chromium's Private Network Access code asked for: Chromium 156 reads it no more. */
const OLDER_CHROMIUM_ONLY = ', only for an older Chromium, Chromium 156 ignores it';

/** What the explanation advises on this response beyond what the browser checks (`Vary: Origin`). */
function advisedLines(explanation: Explanation | null, diagnosis: Diagnosis, hop: number, role: CurlRequest['role'], shown: Shown): string[] {
  if (!explanation || diagnosis.verdict !== 'blocked') return [];
  const wanted = role === 'preflight' ? ['preflight'] : ['response', 'redirect'];
  return (explanation.serverShouldSend ?? [])
    .filter((line) => line.hop === hop && wanted.includes(line.on))
    .map((line) => `${shown([line.header, line.value]).join(': ')}${line.advice === 'private-network-access' ? OLDER_CHROMIUM_ONLY : ''}`);
}

export interface CurlPairOptions {
  /** Include cookies, tokens and keys as captured. Off by default: secrets become placeholders. */
  includeSecrets?: boolean;
  /**
   * The browser that made the capture, whose headers at a later hop the replay rebuilds (Chromium's
   * when left out): Firefox computes Sec-Fetch-Site after a redirect its own way.
   */
  browser?: 'chromium' | 'firefox';
  /** The export's numbering of header names shaped like a secret (`secret-name-numbers.ts`); the pair's own when left out. */
  names?: SecretNameNumbers;
}

export function curlPair(
  observed: ObservedExchange,
  diagnosis: Diagnosis,
  explanation: Explanation | null,
  options: CurlPairOptions = {},
): CurlPair {
  // What the commands and their comments write was replaced (`writtenRedactions`); not what the
  // exchange holds besides (a 401's WWW-Authenticate, the error text, a response's Set-Cookie).
  const redactions: Redaction[] = [];
  // Redact the whole exchange up front (headers, URLs, Referer, body) rather than field by field here,
  // so nothing this function copies can carry a secret past it.
  const numbers = options.names ?? new SecretNameNumbers(headerNameSources([observed]));
  const exchange = options.includeSecrets === true ? observed : redactExchange(observed, [], numbers);
  const hop = diagnosis.failedAt?.hop ?? 0;
  const observedHop = exchange.hops[hop] ?? exchange.hops[0]!;
  // The diagnosis words the exchange as captured: its origins as the redacted exchange writes them.
  const asExported = options.includeSecrets === true ? (text: string) => text : engineValuesAsRedacted(observed, exchange);
  // The explanation was written from the captured exchange too: the Location a redirect must send
  // (its userinfo removed) keeps the captured one's query, fragment and path, secrets and all. Each
  // line it asks for is written as the export writes that header in the exchange.
  const listed = listedNamesAsRedacted(observed, numbers);
  const shown: Shown = options.includeSecrets === true ? (line) => line : (line) => redactHeader(line, redactions, listed, numbers);
  const captured = diagnosis.requestOrigins[hop];
  const origin = captured !== undefined ? asExported(captured) : firstHeader(exchange.request.headers, 'origin');
  // The capture holds the request's headers as sent to the first URL; at a later hop, as the
  // browser sends them after each redirect (a method turned into GET, Authorization dropped).
  const atHop = requestAtHop(exchange, hop);
  const method = atHop.method;
  const notes: string[] = [];
  // The diagnosis reads the captured Origin as the page's origin serialized (scheme://host[:port]);
  // one that is not (a path, spaces: only a hand-made HAR has it) it takes for what it parses to,
  // or for an opaque origin. The replay sends what the diagnosis reasoned on, and says so. After a
  // redirect it sends the origin of this hop (`null` once a redirect tainted it), not the one read.
  const capturedOrigin = firstHeader(exchange.request.headers, 'origin');
  const originRead = diagnosis.requestOrigins[0] === undefined ? undefined : asExported(diagnosis.requestOrigins[0]);
  if (capturedOrigin !== undefined && originRead !== undefined && origin !== undefined && capturedOrigin !== originRead) {
    const notSerialized = `The captured Origin "${capturedOrigin}" is not a serialized origin (scheme://host[:port]), which no browser sends`;
    notes.push(
      origin === originRead
        ? `${notSerialized}; this replay sends Origin: ${origin}, the origin the diagnosis took it for.`
        : `${notSerialized}; the diagnosis took it for ${originRead}, and this replay sends Origin: ${origin}, as the browser does after ${hop === 1 ? 'the redirect' : `${hop} redirects`}.`,
    );
  }
  notes.push(...droppedNotes(atHop.headers));
  let headers = withOrigin(sendable(atHop.headers), origin);
  if (hop > 0) {
    const first = serializeOrigin(exchange.hops[0]!.url);
    const here = serializeOrigin(observedHop.url);
    // Cookies come from the browser's cookie store for each URL: the ones captured went to the
    // first URL's server, and sending them to another would hand its session to that one.
    if (first !== here && headers.some(([name]) => name.toLowerCase() === 'cookie')) {
      headers = headers.filter(([name]) => name.toLowerCase() !== 'cookie');
      notes.push(`The browser sent this request after ${hop === 1 ? 'a redirect' : `${hop} redirects`}, with the cookies it holds for ${here}; this replay has only the ones it sent to ${first}, which are left out.`);
    }
    // Sec-Fetch-Site is computed again over every URL of the chain so far (sec-fetch-site.ts).
    const siteAt = headers.findIndex(([name]) => name.toLowerCase() === 'sec-fetch-site');
    const pageOrigin = diagnosis.requestOrigins[0];
    if (siteAt !== -1 && pageOrigin !== undefined && pageOrigin !== 'null') {
      const site = secFetchSiteOf(pageOrigin, exchange.hops.slice(0, hop + 1).map((h) => h.url), browserRules(options.browser ?? 'chromium'));
      if (site.value !== headers[siteAt]![1]) headers = headers.map((line, i) => (i === siteAt ? [line[0], site.value] : line));
      if (site.unknown && site.value === 'same-site') {
        notes.push(`Sec-Fetch-Site: same-site assumes ${new URL(observedHop.url).hostname} and ${new URL(pageOrigin).hostname} share a registrable domain; the browser sent cross-site if their common suffix is a public one (such as github.io).`);
      }
    }
    const refererAt = headers.findIndex(([name]) => name.toLowerCase() === 'referer');
    if (refererAt !== -1) {
      const referer = refererAtHop(headers[refererAt]![1], exchange.hops[0]!.url, observedHop.url);
      if (referer === null) headers = headers.filter((_, i) => i !== refererAt);
      else if (referer !== headers[refererAt]![1]) headers = headers.map((line, i) => (i === refererAt ? [line[0], referer] : line));
    }
  } else if (valuesNotCaptured(exchange, headers)) {
    notes.push(`${VALUES_NOT_CAPTURED} ${PUT_IN_VALUES}`);
  }

  const request: CurlRequest = {
    role: 'request',
    provenance: 'observed',
    method,
    url: observedHop.url,
    headers,
    body: atHop.bodyDropped ? null : (exchange.request.body ?? null),
    expected: expectedLines(explanation, diagnosis, hop, 'request', observedHop.response?.headers ?? null, shown),
    advised: advisedLines(explanation, diagnosis, hop, 'request', shown),
    notes,
  };

  let preflight: CurlRequest | null = null;
  // The engine says whether the hop of the first preflight (`Diagnosis.preflight.hop`) needed one;
  // before it the request was same-origin, and after it the request as sent at this hop decides
  // (a 303 may have made it a simple GET).
  const preflightHop = diagnosis.preflight.hop;
  const needed =
    hop === preflightHop
      ? diagnosis.preflight.required
      : hop > preflightHop && (!isCorsSafelistedMethod(method) || corsUnsafeRequestHeaderNames(atHop.headers).length > 0);
  if (observedHop.preflight !== undefined || needed) {
    const observedPreflight = observedHop.preflight;
    preflight = {
      role: 'preflight',
      provenance: observedPreflight ? 'observed' : 'rebuilt',
      method: 'OPTIONS',
      url: observedPreflight?.url ?? observedHop.url,
      headers: observedPreflight
        ? withOrigin(sendable(observedPreflight.requestHeaders), origin)
        : rebuildPreflight(method, headers, origin ?? 'null'),
      body: null,
      expected: expectedLines(explanation, diagnosis, hop, 'preflight', observedPreflight?.response?.headers ?? null, shown),
      advised: advisedLines(explanation, diagnosis, hop, 'preflight', shown),
      notes: observedPreflight ? droppedNotes(observedPreflight.requestHeaders) : [],
    };
  }
  const written = preflight ? [preflight, request] : [request];
  let heldBy = written;
  if (options.includeSecrets !== true) {
    const withSecrets = curlPair(observed, diagnosis, explanation, { ...options, includeSecrets: true });
    // Put first without spreading them into a call: a body of 450,000 `password=` pairs has as many,
    // over the engine's limit on a call's arguments (M8: `Maximum call stack size exceeded`, exit 70).
    const ours = redactions.splice(0);
    for (const redaction of writtenRedactions(withSecrets, observed)) redactions.push(redaction);
    for (const redaction of ours) redactions.push(redaction);
    heldBy = withSecrets.preflight ? [withSecrets.preflight, withSecrets.request] : [withSecrets.request];
  }
  // Placeholders the capture held (a sanitized HAR or bundle), not those this export wrote: `redactions` lists these.
  const placeholders = heldPlaceholders(heldBy, written);
  return { hop, preflight, request, redactions, ...(placeholders ? { placeholders } : {}) };
}

/**
 * What redaction replaces in the requests of `captured` (the pair with secrets): the same policy
 * run again on just the fields the commands write, each as the exchange's redaction runs it
 * (request headers, method, URL, then the preflight's, then the body). The lines expected in the
 * responses record their own (`Shown`).
 */
function writtenRedactions(captured: CurlPair, observed: ObservedExchange): Redaction[] {
  const found: Redaction[] = [];
  // A numbering of its own: this pass only records, and must not number names in the export's.
  const numbers = new SecretNameNumbers(headerNameSources([observed]));
  const { request, preflight } = captured;
  redactHeaders(request.headers, found, undefined, numbers);
  redactMethod(request.method, found, 'method', numbers);
  redactUrl(request.url, found);
  if (preflight !== null) {
    redactUrl(preflight.url, found);
    redactHeaders(preflight.headers, found, undefined, numbers);
  }
  if (request.body !== null) redactBody(request.body, found, firstHeader(request.headers, 'content-type') ?? '');
  return found;
}
