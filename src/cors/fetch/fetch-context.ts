// What every step of a replayed fetch reads: the exchange as captured, the request as the replay
// resolved it, the browser's rules, where checks are recorded, and the request's state as
// redirects change it (https://fetch.spec.whatwg.org/#concept-request: its method, header list,
// tainted origin flag, and the CORS flag main fetch carries along).

import type { Advisory, LocalNetworkAccessFacts, NetworkFailure, NotCorsReason, UrlProblem } from '../diagnosis.ts';
import type { BrowserRules } from '../browser-rules.ts';
import type { CheckLog } from '../checks.ts';
import type { CredentialsMode, HeaderList, ObservedExchange, ObservedResponse, RedirectMode, RequestMode } from '../exchange.ts';
import { normalizeMethod } from '../methods.ts';
import { chromiumErrorText, firefoxErrorText } from '../firefox/error-texts.ts';
import { classifyNetworkError } from '../network-failure.ts';
import { OPAQUE_ORIGIN, schemeOfValidUrl, urlOrigin } from '../origin.ts';
import { readCorsResponseHeaders, type CorsResponseHeaders } from '../response-headers.ts';

/** The origin and CORS headers of one hop, read once per diagnosis and shared by all its replays. */
export interface HopHeaders {
  /** The serialized origin of the hop's URL (`null` when opaque, or when the URL is invalid). */
  origin: string;
  /** Whether the hop's URL is a valid URL at all. */
  validUrl: boolean;
  /** The scheme of the hop's URL (`https`), read with its origin; null when the URL is invalid. */
  scheme: string | null;
  preflight: CorsResponseHeaders | null;
  response: CorsResponseHeaders | null;
}

/**
 * The origin and CORS headers of every hop. `checksOnly` (the verdict-only path) leaves out the
 * response headers that only the full account reads (see `readCorsResponseHeaders`).
 */
export function readHopHeaders(exchange: ObservedExchange, checksOnly = false): HopHeaders[] {
  const hops = exchange.hops;
  const result = new Array<HopHeaders>(hops.length);
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const preflight = hop.preflight?.response;
    const origin = urlOrigin(hop.url);
    result[i] = {
      origin: origin ?? OPAQUE_ORIGIN,
      validUrl: origin !== null,
      scheme: origin === null ? null : schemeOfValidUrl(hop.url),
      preflight: preflight ? readResponseHeaders(preflight, checksOnly) : null,
      response: hop.response ? readResponseHeaders(hop.response, checksOnly) : null,
    };
  }
  return result;
}

/**
 * `response`'s CORS headers, its `location` the location URL the capture recorded apart from the
 * headers when no `Location` line carries one (a HAR's `redirectURL`): the browser read a Location
 * there, which the capture left out of the header list.
 */
function readResponseHeaders(response: ObservedResponse, checksOnly: boolean): CorsResponseHeaders {
  const headers = readCorsResponseHeaders(response.headers, checksOnly);
  if (headers.location === null && response.locationUrl !== undefined) headers.location = response.locationUrl;
  return headers;
}

/**
 * The first hop whose URL is not a valid URL (a relative path, no scheme, a bad host or port), or
 * null. Browsers fetch only valid URLs (https://fetch.spec.whatwg.org/#fetching starts from a parsed
 * URL), so such an exchange was not observed as sent: nothing about it can be decided.
 */
export function invalidUrlOf(exchange: ObservedExchange, hopHeaders: readonly HopHeaders[]): UrlProblem | null {
  for (let i = 0; i < hopHeaders.length; i++) {
    if (!hopHeaders[i]!.validUrl) return { hop: i, url: exchange.hops[i]!.url, kind: 'invalid' };
  }
  return null;
}

/** What a detailed replay collects beside its outcome (`Diagnosis.requestOrigins`, `advisories`, `preflight.required`). */
export interface FetchDetails {
  requestOrigins: string[];
  advisories: Advisory[];
  /**
   * The hop of the first CORS-preflight fetch (-1: none ran): hop 0 for a cross-origin request, the
   * first cross-origin hop for one a redirect took there (`preflightHop`).
   */
  preflightHop: number;
  /** That hop needed a CORS-preflight. */
  preflightRequired: boolean;
  /** The request's method and header list as sent at that hop (a 303 may have made it a GET). */
  preflightMethod: string;
  preflightHeaderList: HeaderList | null;
  /** Why Local Network Access refused the request, and which of its facts were inferred; null when it did not. */
  /**
   * Local Network Access's refusal, and which of its inputs the capture did not have: the page's
   * space and secure context, the server's space (read from the URL), the fetch() option.
   */
  localNetworkAccess: {
    facts: LocalNetworkAccessFacts;
    spaceInferred: boolean;
    secureContextInferred: boolean;
    targetInferred: boolean;
    optionUnknown: boolean;
  } | null;
}

export function newFetchDetails(): FetchDetails {
  return { requestOrigins: [], advisories: [], preflightHop: -1, preflightRequired: false, preflightMethod: '', preflightHeaderList: null, localNetworkAccess: null };
}

/** The request as the replay changes it from hop to hop. */
interface ReplayedRequest {
  method: string;
  headerList: HeaderList;
  /** https://fetch.spec.whatwg.org/#main-fetch: set for a cross-origin CORS request, and for good after a cross-origin redirect. */
  corsFlag: boolean;
  /** https://fetch.spec.whatwg.org/#concept-request-tainted-origin: the request's origin is then sent as `null`. */
  taintedOrigin: boolean;
  /** A hop before needed a CORS-preflight (read by `BrowserRules.preflightCarriedAcrossRedirects`). */
  preflightRequired: boolean;
  /**
   * The first hop whose preflight the capture holds no answer to (-1: none): the replay goes on
   * past it as if it passed, and `replayFetch` keeps only a block that no answer could undo.
   */
  unansweredPreflightHop: number;
  /** How much the log and the details held then: an uncertain ending shows nothing after it. */
  unansweredMark: { checks: number; requestOrigins: number; advisories: number };
  /** Why CORS did not apply at hop 0 (main fetch step 12), when it did not. */
  notCorsWhy: NotCorsReason;
  /** The CORS-unsafe names of `unsafeNamesOf` (the header list they were found for; null: none yet). */
  unsafeNamesOf: HeaderList | null;
  unsafeNames: readonly string[];
}

export interface FetchContext {
  readonly exchange: ObservedExchange;
  readonly hopHeaders: readonly HopHeaders[];
  /** request's origin: the page's serialized origin (`null` when opaque). */
  readonly initiator: string;
  readonly mode: RequestMode;
  readonly credentialsMode: CredentialsMode;
  /** The request's redirect mode, "follow" when the capture did not say. */
  readonly redirectMode: RedirectMode;
  readonly rules: BrowserRules;
  /** Where every check is recorded; null on the verdict-only path. */
  readonly log: CheckLog;
  /** What a detailed replay collects; null when only the outcome is wanted. */
  readonly details: FetchDetails | null;
  /** The browser's error text ("" when it reported none) and its network failure kind. */
  readonly errorText: string;
  readonly networkKind: NetworkFailure['kind'] | null;
  /** The exchange as captured, the browser's own request header lines included (`ReplayInput.observed`). */
  readonly observed: ObservedExchange;
  readonly request: ReplayedRequest;
}

/** What one diagnosis knows before it replays anything; shared by all its replays. */
export interface ReplayInput {
  exchange: ObservedExchange;
  hopHeaders: readonly HopHeaders[];
  initiator: string;
  mode: RequestMode;
  rules: BrowserRules;
  /** Hop 0's CORS-unsafe request-header names when already found (once per diagnosis), else null. */
  firstHopUnsafeNames: readonly string[] | null;
  /**
   * The exchange as captured, before `withPageSetHeaders` took out the request header lines the
   * browser added: whether a 304 answered the browser's own revalidation is read from them
   * (stored-response.ts). `exchange` itself when nothing was taken out.
   */
  observed: ObservedExchange;
}

const NO_MARK = { checks: 0, requestOrigins: 0, advisories: 0 };

/** No CORS-unsafe request-header names: shared, so a replay that needs none allocates none. */
export const NO_UNSAFE_NAMES: readonly string[] = [];

/**
 * The browser's error text as the browser whose rules judge names it: a failure the capture gave
 * Chromium's `net::` name is worded with Firefox's own under Firefox's rules, and one it kept in
 * Firefox's name (NS_ERROR_ABORT) with Chromium's under Chromium's. Classified (networkKind)
 * from the captured text, which the engine's table reads.
 */
export function errorTextUnder(rules: BrowserRules, errorText: string): string {
  return rules.browser === 'firefox' ? firefoxErrorText(errorText) : chromiumErrorText(errorText);
}

/** The context of one replay under `credentialsMode`. */
export function fetchContext(input: ReplayInput, credentialsMode: CredentialsMode, log: CheckLog, details: FetchDetails | null): FetchContext {
  const exchange = input.exchange;
  const request = exchange.request;
  return {
    exchange,
    hopHeaders: input.hopHeaders,
    initiator: input.initiator,
    mode: input.mode,
    credentialsMode,
    redirectMode: request.redirectMode ?? 'follow',
    rules: input.rules,
    log,
    details,
    errorText: errorTextUnder(input.rules, exchange.errorText ?? ''),
    networkKind: classifyNetworkError(exchange.errorText),
    observed: input.observed,
    request: {
      method: normalizeMethod(request.method),
      headerList: request.headers,
      corsFlag: false,
      taintedOrigin: false,
      preflightRequired: false,
      unansweredPreflightHop: -1,
      unansweredMark: NO_MARK,
      notCorsWhy: 'same-origin',
      unsafeNamesOf: input.firstHopUnsafeNames === null ? null : request.headers,
      unsafeNames: input.firstHopUnsafeNames ?? NO_UNSAFE_NAMES,
    },
  };
}
