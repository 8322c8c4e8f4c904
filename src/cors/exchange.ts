// What the engine reads: one exchange as it was observed on the wire.
//
// Everything here is what a capture source (DevTools protocol, webRequest, a HAR file) can actually
// see. Anything the wire does not carry (the credentials mode, the request mode) is optional, and
// the engine says what it had to assume instead of guessing silently.

/** One header line as sent or received: order kept, names as written, duplicates allowed. */
export type HeaderLine = readonly [name: string, value: string];
export type HeaderList = readonly HeaderLine[];

/** https://fetch.spec.whatwg.org/#concept-request-credentials-mode */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** https://fetch.spec.whatwg.org/#concept-request-mode */
export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';

/** https://fetch.spec.whatwg.org/#concept-request-redirect-mode */
export type RedirectMode = 'follow' | 'manual' | 'error';

export interface ObservedResponse {
  status: number;
  headers: HeaderList;
  /**
   * The response's location URL (https://fetch.spec.whatwg.org/#concept-response-location-url),
   * absolute, when the capture recorded where a redirect status pointed apart from its headers and
   * the headers carry no `Location` line: a HAR's `response.redirectURL`, webRequest's
   * `onBeforeRedirect` `redirectUrl`. The engine reads it as the `Location` it stands for. Absent
   * when a `Location` line carries the target, or the capture does not know it.
   */
  locationUrl?: string;
  /**
   * Optional, added: the browser took this response from its own HTTP cache (a HAR entry's
   * `_fromCache`, `disk` or `memory` in Chrome's; webRequest's `fromCache`), so it may have been
   * stored for an earlier request with another Origin. Absent when it came from the network, or
   * the capture does not say.
   */
  fromCache?: true;
}

/**
 * The `OPTIONS` request the browser sent before one hop, and what came back.
 * `response` is null when the preflight itself failed on the network (refused, reset, DNS).
 */
export interface ObservedPreflight {
  url: string;
  requestHeaders: HeaderList;
  response: ObservedResponse | null;
  /** A network error text for the preflight itself, e.g. `net::ERR_CONNECTION_REFUSED`. */
  networkError?: string;
}

/** A preflight cache entry that answered a request, as a capture found it. */
export interface PreflightCacheAnswer {
  /** The `Access-Control-Max-Age` value of the preflight that made the entry (null: absent). */
  maxAge: string | null;
  /** Whole milliseconds from that preflight's response to the request's start. */
  ageMs: number;
}

/**
 * One URL the request visited. Hop 0 is the URL the page asked for; each later hop is the
 * `Location` of the previous hop's 3xx response.
 */
export interface ObservedHop {
  url: string;
  /**
   * The preflight sent for this hop, when one was observed. `undefined` means none was seen: either
   * none was needed or it was served from the preflight cache (the engine tells which).
   */
  preflight?: ObservedPreflight;
  /**
   * Set by a capture source that saw no preflight for this hop but saw an earlier successful one
   * for the same origin, URL and credentials, still within its `Access-Control-Max-Age` as the
   * capturing browser keeps it (`BrowserRules.preflightMaxAge`: 5 s by default in both, at most
   * 7200 s in Chromium, 86400 s in Firefox), that covers this request's method and headers: that
   * browser answered the preflight from its cache. Absent when the source cannot tell.
   */
  preflightFromCache?: boolean;
  /**
   * With `preflightFromCache`: the cached preflight that answered, as the capture found it (its
   * `Access-Control-Max-Age` and age). Another browser's cache, keeping that value for another time
   * (`BrowserRules.preflightMaxAge`), may not have held it: the diagnosis keeps both browsers'
   * reading (`Diagnosis.preflight.cacheEntry`).
   */
  preflightCacheEntry?: PreflightCacheAnswer;
  /**
   * The IP address space the browser judged this hop's server to be in, when the capture has it
   * (DevTools protocol: the Audits CORS issue's `resourceIPAddressSpace`); otherwise the engine reads
   * it from the URL's host. It can differ from the host: a name resolves to any address, and
   * Chromium's `--ip-address-space-overrides` moves an address to another space.
   * https://wicg.github.io/local-network-access/#ip-address-space
   */
  targetAddressSpace?: 'loopback' | 'local' | 'public';
  /**
   * Set by a writer that rewrote `url` after the capture (a secret masked as a placeholder) when the
   * rewritten URL reads as hop 0's but the captured URLs differed (`?token=aaa`, then `?token=bbb`).
   * Chromium's console line says "(redirected from ...)" when its first and last URLs differ, as
   * captured. Absent: `url` itself tells.
   */
  urlDiffersFromFirst?: boolean;
  /**
   * The response to the actual request at this hop; null when none arrived (the browser never sent
   * the request because the preflight failed, or the network failed).
   */
  response: ObservedResponse | null;
}

export interface ObservedRequest {
  method: string;
  /** Headers the page set, plus what the browser added (`Origin`, `Cookie`, ...) when seen. */
  headers: HeaderList;
  /**
   * The origin of the page that made the request (`https://app.example`), or `null` for an opaque
   * origin. When unknown from the capture, the `Origin` request header is used.
   */
  initiatorOrigin?: string | null;
  /**
   * The page's IP address space when the capture has it (DevTools protocol `clientSecurityState.
   * initiatorIPAddressSpace`); otherwise the engine infers it from the page's host.
   * https://wicg.github.io/local-network-access/#ip-address-space
   */
  initiatorAddressSpace?: 'loopback' | 'local' | 'public';
  /**
   * Whether the page was a secure context, when the capture has it (`clientSecurityState.
   * initiatorIsSecureContext`); otherwise inferred from the page's origin.
   */
  initiatorSecureContext?: boolean;
  /**
   * Set when the capture shows that the page's `fetch()` declared a `targetAddressSpace` the server
   * was not in (DevTools protocol: an Audits CORS issue `InvalidLocalNetworkAccess` for the
   * request); absent when the capture cannot tell (a HAR does not record the option).
   * https://wicg.github.io/local-network-access/#request-target-address-space
   */
  targetAddressSpaceMismatch?: boolean;
  /** Unknown on the wire for HAR and webRequest; a `Cookie` header proves `include`/`same-origin`. */
  credentialsMode?: CredentialsMode;
  /** Unknown on the wire; `cors` is assumed for fetch/XHR traffic that carries an `Origin`. */
  mode?: RequestMode;
  redirectMode?: RedirectMode;
  /** The request body's size in bytes when known (curl export and advisories only). */
  bodySize?: number;
  /** The request body as text, when the capture has it (HAR `postData.text`); curl export only. */
  body?: string;
}

export interface ObservedExchange {
  request: ObservedRequest;
  /** At least one hop. */
  hops: readonly ObservedHop[];
  /**
   * The browser's network error text when the request failed (`net::ERR_FAILED` for a CORS block,
   * `net::ERR_CONNECTION_REFUSED`, ...). Absent when it completed.
   */
  errorText?: string;
  /** When the request started, ms since the epoch, for ordering and the preflight cache. */
  startedAt?: number;
  /**
   * What the browser itself said, when a capture source knows it (DevTools protocol
   * `corsErrorStatus`). The engine decides from the headers, and the UI shows disagreements; the one
   * reason it reads from here is where the headers it needs are not in the capture: a 304 to the
   * browser's revalidation, checked on the cached copy (`Diagnosis.cachedCopyBlocked`).
   */
  browserVerdict?: { corsError: string; failedParameter: string } | null;
}
