// What the engine says about one exchange. Reasons are data: every field here is a fact or a
// code; the words people read are built from them in `src/cors/explain/`.

import type { CorsError } from './cors-error.ts';
import type { AddressSpace } from './local-network-access.ts';
import type { CredentialsMode, RequestMode } from './exchange.ts';
import type { FailureReason } from './failure-reason.ts';

/**
 * - `allowed`: the page could read the response.
 * - `blocked`: the browser refused the response for a CORS reason (`corsError` says which).
 * - `network-error`: the request failed before any CORS check (refused, DNS, TLS, reset, ...).
 * - `not-cors`: same-origin, or `mode: "no-cors"` (opaque response, nothing to check).
 * - `uncertain`: what was observed is not enough to tell (e.g. the browser reported a failure the
 *   engine cannot explain from the headers it was given).
 */
export type Verdict = 'allowed' | 'blocked' | 'network-error' | 'not-cors' | 'uncertain';

export type CheckOutcome = 'passed' | 'failed' | 'skipped';

/** The checks the browser runs, named after the spec step they come from. */
export type CheckName =
  | 'request-mode' // same-origin mode against a cross-origin URL: DisallowedByMode
  | 'cors-enabled-scheme' // CorsDisabledScheme
  | 'preflight-needed' // informative: whether and why a preflight was needed
  | 'preflight-cache' // informative: a needed preflight that was not sent came from the cache
  | 'preflight-redirect' // PreflightDisallowedRedirect
  | 'preflight-allow-origin' // https://fetch.spec.whatwg.org/#concept-cors-check on the preflight
  | 'preflight-allow-credentials'
  | 'preflight-ok-status' // PreflightInvalidStatus
  | 'preflight-allow-methods-syntax' // InvalidAllowMethodsPreflightResponse
  | 'preflight-allow-headers-syntax' // InvalidAllowHeadersPreflightResponse
  | 'preflight-method' // MethodDisallowedByPreflightResponse
  | 'preflight-headers' // HeaderDisallowedByPreflightResponse
  | 'redirect-location' // RedirectContainsCredentials, CorsDisabledScheme on a Location
  | 'redirect-mode' // NoCorsRedirectModeNotFollow, redirect: "error"
  | 'allow-origin' // https://fetch.spec.whatwg.org/#concept-cors-check
  | 'allow-credentials'
  | 'local-network-access' // https://wicg.github.io/local-network-access/: InsecureLocalNetwork, LocalNetworkAccessPermissionDenied
  | 'network'; // the request reached a server at all

export type CheckPhase = 'request' | 'preflight' | 'redirect' | 'response';

export interface Check {
  name: CheckName;
  phase: CheckPhase;
  /** Index of the hop (`ObservedExchange.hops`) this check ran on. */
  hop: number;
  outcome: CheckOutcome;
  /** The header compared, lower-case (`access-control-allow-origin`), when the check reads one. */
  header?: string;
  /** A value that would pass, as the server should send it (`http://127.0.0.1:5173`, `true`). */
  expected?: string;
  /** What was found; `null` when the header was absent. */
  found?: string | null;
  /** The Fetch Standard step this check restates. */
  spec: string;
  /** Why it failed, when the rule has more than one way to fail (`failed` checks only). */
  reason?: FailureReason;
}

/** Why a request needed a preflight. https://fetch.spec.whatwg.org/#cors-preflight-fetch */
export type PreflightReason =
  | { kind: 'method'; method: string }
  | {
      kind: 'header';
      /** Lower-case header name. */
      name: string;
      /** `name`: not a safelisted name; `value`: a safelisted name with a value that is not. */
      why: 'name' | 'value' | 'value-too-long' | 'total-too-long';
      value: string;
    };

export interface PreflightFacts {
  /**
   * The hop these facts are about: the first whose URL is not same origin with the page (0 for a
   * cross-origin request; for a same-origin request redirected to another origin, that hop, where
   * the browser sends its first preflight).
   */
  hop: number;
  /** Whether the request, as sent at `hop`, needed a preflight. */
  required: boolean;
  reasons: PreflightReason[];
  /**
   * - `sent`: an `OPTIONS` was observed.
   * - `cached`: needed but not observed, and a cached preflight explains it.
   * - `not-needed`: a simple request.
   * - `missing`: needed but not observed, and the capture may simply have missed it.
   */
  observed: 'sent' | 'cached' | 'not-needed' | 'missing';
  /** `Access-Control-Max-Age` of the observed preflight: what was sent and what browsers keep. */
  maxAge?: {
    found: string | null;
    /** Seconds Chromium caches the result (5 when absent, capped at 7200). */
    chromiumSeconds: number;
    /** Seconds Firefox caches it (capped at 86400; 0, not cached, for a value that is not digits). */
    firefoxSeconds: number;
  };
  /**
   * When `cached` and the capture found the entry (`ObservedHop.preflightCacheEntry`): its
   * `Access-Control-Max-Age` as each browser keeps it, and its age when the request started. The
   * capturing browser held it; the other may not have (`preflightCacheHeldBy`): Chromium keeps
   * `100000` 7200 s, Firefox 86400 s; Firefox keeps `abc` not at all, Chromium 5 s.
   */
  cacheEntry?: { maxAge: NonNullable<PreflightFacts['maxAge']>; ageMs: number };
}

/** How the allowed origin differs from the request's origin. */
export type OriginDifference =
  | 'scheme'
  | 'host'
  | 'port'
  | 'default-port' // the default port written out (`https://a.example:443`)
  | 'trailing-slash'
  | 'path'
  | 'case'
  | 'localhost-vs-loopback'
  | 'list' // several origins where one is allowed
  | 'whitespace'
  | 'null' // `null` sent or expected
  | 'invalid'; // not an origin at all

export interface OriginComparison {
  /** The `Access-Control-Allow-Origin` value as the browser read it. */
  allowOrigin: string;
  /** The origin the browser compared it with (may be `null` after a tainting redirect). */
  requestOrigin: string;
  differences: OriginDifference[];
}

/**
 * What a response the browser accepted (or, for `cached-for-another-origin`, refused) says about the server's policy, as facts (the words are
 * `explain/advisory-text.ts`'s). Only what this one exchange proves: whether the server would answer
 * *another* origin the same way (echo any Origin, trust a look-alike) cannot be told from it, and is
 * never claimed; `credentials-for-request-origin` says so and leads to `cors-inspector probe`.
 */
export type Advisory =
  /** `Access-Control-Allow-Origin` names the request's origin and `Access-Control-Allow-Credentials: true`. */
  | { kind: 'credentials-for-request-origin'; severity: 'info'; hop: number; allowOrigin: string }
  /** `Access-Control-Allow-Origin: null` was accepted. */
  | { kind: 'null-origin-trusted'; severity: 'high'; hop: number; credentials: boolean }
  /** An `http:` origin granted by an `https:` resource (high when credentials are allowed). */
  | { kind: 'insecure-origin-trusted'; severity: 'high' | 'medium'; hop: number; allowOrigin: string; credentials: boolean }
  /** Chromium let `Authorization` through on `Access-Control-Allow-Headers: *`; the standard does not. */
  | { kind: 'wildcard-allow-headers-covers-authorization'; severity: 'medium'; hop: number }
  /** `Access-Control-Allow-Headers: *` allowed request headers named like secrets (`headers`, lower-case). */
  | { kind: 'wildcard-allow-headers-with-secrets'; severity: 'low'; hop: number; headers: string[]; anyOrigin: boolean }
  /** `Access-Control-Allow-Origin` names the request's origin, and `Vary` does not name `Origin`. */
  | { kind: 'missing-vary-origin'; severity: 'low'; hop: number; allowOrigin: string; vary: string | null }
  /** `Access-Control-Max-Age` above what `browser`, whose rules judged, keeps (`capSeconds`). */
  | { kind: 'max-age-above-browser-cap'; severity: 'low'; hop: number; maxAge: string; capSeconds: number; browser: 'chromium' | 'firefox' }
  /**
   * On a blocked exchange (the verdict and its reason stay as they are): a cache (CDN, proxy) answered
   * with a stored copy (`cache`: the response's lines that say so) whose `Access-Control-Allow-Origin`
   * is another origin, `allowOrigin`: the copy was made for a request from that origin. `varyOrigin`:
   * the response said `Vary: Origin` (the cache ignored it) or not (`vary`: its Vary, if any). `cdn`:
   * the CDN its headers name, for the words on keying its cache on Origin.
   * https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
   */
  | {
      kind: 'cached-for-another-origin';
      severity: 'medium';
      hop: number;
      allowOrigin: string;
      cache: { header: string; value: string }[];
      vary: string | null;
      varyOrigin: boolean;
      cdn: 'cloudfront' | 'cloudflare' | null;
    };

export type AdvisoryKind = Advisory['kind'];
export type AdvisorySeverity = Advisory['severity'];

/**
 * Why CORS did not apply (`verdict: 'not-cors'`). https://fetch.spec.whatwg.org/#main-fetch step 12
 * and https://fetch.spec.whatwg.org/#http-fetch:
 * - `same-origin`: the URL's origin is the page's;
 * - `data-url`: a `data:` URL, which the browser reads itself (a basic response, no CORS check);
 * - `no-cors`: mode "no-cors", an opaque response;
 * - `navigate`: a navigation;
 * - `opaque-redirect`: redirect mode "manual", the page got the redirect itself, opaque.
 */
export type NotCorsReason = 'same-origin' | 'data-url' | 'no-cors' | 'navigate' | 'opaque-redirect';

/** A URL of the exchange that leaves the verdict `uncertain`. */
export interface UrlProblem {
  /** The hop whose URL it is. */
  hop: number;
  url: string;
  /**
   * - `invalid`: not a valid absolute URL (relative, no scheme, a bad host or port). Browsers send
   *   requests only to valid URLs: the capture was edited, or recorded the URL some other way.
   * - `opaque-blob`: a `blob:` URL made by a page of an opaque origin (`blob:null/…`), fetched by a
   *   page of an opaque origin: whether the two are the same origin is not on the wire.
   */
  kind: 'invalid' | 'opaque-blob';
}

/** A failure that is not a CORS failure at all. */
export interface NetworkFailure {
  errorText: string;
  kind: 'connection-refused' | 'dns' | 'tls' | 'timeout' | 'reset' | 'aborted' | 'blocked-by-client' | 'other';
  /** Which request failed: the preflight, or the actual request. */
  phase: 'preflight' | 'request';
  hop: number;
}

/** Facts that make a CORS error look worse than it is: e.g. a 500 without CORS headers. */
export interface ErrorResponseHint {
  hop: number;
  status: number;
  phase: 'preflight' | 'response';
}

/** What the engine could not see and had to assume. */
export interface Assumption {
  about:
    | 'credentials-mode'
    | 'request-mode'
    | 'initiator-origin'
    | 'initiator-address-space'
    | 'initiator-secure-context'
    // Local Network Access: the server's address space, and fetch()'s `targetAddressSpace` option.
    | 'target-address-space'
    | 'target-address-space-option';
  assumed: string;
  /** `origin-host`: read from the page origin's host name or scheme (the address space, the secure context). */
  /** `url-host`: read from the request URL's host (an IP range, `localhost`, `.local`), not the address the browser connected to. */
  because: 'known' | 'cookie-header' | 'authorization-header' | 'default' | 'browser-error' | 'origin-header' | 'origin-host' | 'url-host';
}

/**
 * A request into a less public address space than its page's, which Local Network Access refused.
 * https://wicg.github.io/local-network-access/
 */
export interface LocalNetworkAccessFacts {
  /** The hop whose URL is in the less public space. */
  hop: number;
  initiatorAddressSpace: AddressSpace;
  targetAddressSpace: AddressSpace;
  initiatorSecureContext: boolean;
  /** The permission a secure page needs: `loopback-network` for a loopback target, `local-network` otherwise. */
  permission: 'loopback-network' | 'local-network';
}

/** The outcome under another reading of what the wire does not say. */
export interface Alternative {
  assume: { credentialsMode?: CredentialsMode; mode?: RequestMode };
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
}

/** What the page can read of the response once it is allowed. */
export interface Exposure {
  /** Lower-case names of response headers the page can read. */
  readable: string[];
  /** Lower-case names of response headers present but hidden from the page. */
  hidden: string[];
  /** `Access-Control-Expose-Headers` as found (`null` when absent). */
  exposeHeaders: string | null;
}

export interface Diagnosis {
  verdict: Verdict;
  /** Exactly Chromium's `Network.CorsError`, or null when not blocked. */
  corsError: CorsError | null;
  /** Exactly Chromium's `failedParameter` ("" when Chromium gives none), or null when not blocked. */
  failedParameter: string | null;
  /**
   * Why the failed check failed, when blocked by a check whose rule has several ways to fail (the
   * failed check's `reason`); else null. Tells apart what `failedParameter` may not: Chromium names
   * '' both for a missing Access-Control-Allow-Credentials and for an empty one.
   */
  failureReason: FailureReason | null;
  /** The hop and phase at which the browser stopped, when blocked. */
  failedAt: { hop: number; phase: CheckPhase } | null;
  /** The origin the browser sent (serialized, `null` after tainting), per hop. */
  requestOrigins: string[];
  /** The credentials mode and request mode the verdict is computed under. */
  credentialsMode: CredentialsMode;
  mode: RequestMode;
  checks: Check[];
  preflight: PreflightFacts;
  originComparison: OriginComparison | null;
  networkFailure: NetworkFailure | null;
  errorResponse: ErrorResponseHint | null;
  exposure: Exposure | null;
  advisories: Advisory[];
  assumptions: Assumption[];
  alternatives: Alternative[];
  /** Optional, added: why CORS did not apply, when `verdict` is `not-cors`. */
  notCors?: NotCorsReason;
  /** Optional, added: the URL that left the verdict `uncertain`, when one did. */
  urlProblem?: UrlProblem;
  /**
   * Optional, added: the capture stops at a redirect that passed its checks, with no error, and
   * cannot tell whether the page got it (redirect "manual") or the request failed ("error"): a
   * Firefox DevTools HAR lists the two alike (`BrowserRules.redirectModeErrorLeavesErrorText`).
   */
  redirectModeUnknown?: true;
  /**
   * Optional, added: the browser whose rules the diagnosis follows sends a preflight at
   * `failedAt.hop` that the capture holds no answer to, so what it makes of the response there
   * cannot be told: Firefox preflights a redirected request on the CORS-unsafe headers the page set,
   * even after the redirect removed them, and at every hop after one that needed a preflight
   * (`BrowserRules.preflightCarriedAcrossRedirects`), where the browser that made the capture
   * (Chromium) sent none. `preflight` says which hop first needed one, and why.
   */
  preflightUnanswered?: true;
  /**
   * Optional, added, when blocked: the hop at which the browser whose rules the diagnosis follows
   * sends a preflight the capture holds no answer to (Firefox's after a redirect, as for
   * `preflightUnanswered`), before the response that failed. The verdict is blocked whatever that
   * preflight answered: the check that failed reads the response, the request's origin and its
   * credentials mode, no preflight, so a failed preflight blocks and a passing one leads to the same
   * failure (https://fetch.spec.whatwg.org/#concept-cors-check).
   */
  preflightUnansweredAt?: number;
  /** Optional, added: why Local Network Access refused the request, when it did. */
  localNetworkAccess?: LocalNetworkAccessFacts;
  /**
   * Optional, added, when blocked on a 304 to the browser's own revalidation that left out a CORS
   * header: the check read the browser's cached copy, updated with the 304's headers
   * (stored-response.ts), and the capture does not hold that copy's headers. Also when the capture
   * cannot tell whether the 304 answered that revalidation or the page's own conditional request
   * (`revalidationUnknown`): then either the copy or the 304 as it came failed.
   */
  cachedCopyBlocked?: CachedCopyBlocked;
}

/**
 * A CORS check that failed on the browser's cached copy after a 304 (`Diagnosis.cachedCopyBlocked`).
 * https://fetch.spec.whatwg.org/#http-network-or-cache-fetch
 */
export interface CachedCopyBlocked {
  /** The header the 304 left out, read from the cached copy instead (lower-case). */
  header: 'access-control-allow-origin' | 'access-control-allow-credentials';
  /**
   * The codes the cached copy's headers could have given, `corsError` the first: the capture does
   * not tell which (no Access-Control-Allow-Origin, or another origin's, from a copy stored for a
   * request of another page origin without `Vary: Origin`). Absent when only one could, or when
   * Chromium's own reason was recorded (`ObservedExchange.browserVerdict`) and gave `corsError`.
   */
  oneOf?: CorsError[];
  /**
   * Optional, added: the capture cannot tell whether the browser revalidated its cached copy or the
   * page made the request conditional itself (stored-response.ts `unknown`: it needed a preflight and
   * none was recorded). Then the check read the cached copy, or the 304 as it came, which lacked
   * `header` (`corsError`, the first of `oneOf`, is that reading's code). Absent when it was the
   * browser's revalidation.
   */
  revalidationUnknown?: true;
}
