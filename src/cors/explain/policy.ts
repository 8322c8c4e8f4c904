// What the server's CORS policy must allow for this exchange to pass, computed from the
// Diagnosis (why a preflight was needed, what failed) and the request itself. Every fix snippet
// is rendered from this one value, so they all agree.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { fastHttpOriginEnd, OPAQUE_ORIGIN, parseUrl } from '../origin.ts';
import { headerLinesJoined, headerNameSet, toAsciiLowerCase } from '../header-list.ts';
import { requestAtHop } from '../redirect.ts';
import { explainFacts, type FactsDiagnosis, scoped, splitList, worthExposing } from './facts.ts';
import { snippetOrigin, snippetTokens } from './snippet-values.ts';
import { mergeAllowHeaders, mergeAllowMethods, mergeExposeHeaders, serverAllowsAt } from './server-allows.ts';
import { keptFromServer, type KeptOrigins, serverOriginsAt } from './kept-origin.ts';

// https://fetch.spec.whatwg.org/#cors-safelisted-method
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

export interface NeededPolicy {
  /**
   * The origin the server must allow, ready for a snippet: the page's origin (a placeholder when the
   * observed one is not an origin), or `*` when a cross-origin redirect tainted the request's origin
   * (`originTainted`): the browser then sends `Origin: null`, which the page's origin never matches.
   */
  origin: string;
  /**
   * Whether a redirect to another origin made the browser send `Origin: null` at the failing hop.
   * Only `*` (without credentials) passes there; allowing `null` would let in every sandboxed or
   * opaque origin, so no fix does; with credentials only avoiding the redirect helps.
   */
  originTainted: boolean;
  /**
   * Whether the page's own origin is opaque (it sent `Origin: null` from the start). Without
   * credentials `origin` is then `*`; with them nothing the server may send is safe (only `null`
   * would pass, which every sandboxed iframe and file: page sends too): the page needs a real origin.
   */
  originOpaque: boolean;
  /**
   * Set by a merged configuration (fixes/merged.ts) whose server some requests reached with the
   * page's origin and credentials, others without credentials after a cross-origin redirect
   * (`Origin: null`): besides `origin` with credentials, answer `*` to `Origin: null`. The browser
   * accepts `*` only for a request without credentials, but from any page that sends Origin: null
   * (a sandboxed iframe, on any site): any page can read what the server answers one without them.
   * Set without credentials too where the stack can say it (`answersNullApart`). Only the fixes that
   * can say it read it; the others serve `origin` alone.
   */
  nullOriginAny?: true;
  /**
   * Set by a merged configuration (fixes/merged.ts) whose server the page's requests reached from
   * several page origins: every one to allow, `origin` first. Every fix allows each in its stack's
   * list form (each answered with its own origin, any other with none: never the request's Origin
   * unchecked); where a layer holds one static value, its words say so and which part can pick.
   */
  origins?: string[];
  /**
   * Optional, added: the origins in `origins` that are no page origin but the server's own fixed
   * Access-Control-Allow-Origin (`kept-origin.ts`), kept because the fix replaces its CORS settings;
   * the snippet's note says so (`keptOriginsWords`). Absent when none is kept.
   */
  keptOrigins?: string[];
  /**
   * Optional, added: the server's Access-Control-Allow-Origin was a list in one value, which the
   * browser refuses (several origins): `keptOrigins` are its items, and `leftOut` how many other
   * items were not kept (`KeptOrigins.list`); the note says both. Absent otherwise.
   */
  keptOriginsList?: { leftOut: number };
  /** True when the observed origin was not a valid origin and `origin` is a placeholder. */
  originReplaced: boolean;
  /**
   * Whether the fix allows credentials: the request went with them, or the server already answered
   * `Access-Control-Allow-Credentials: true` (the capture cannot tell whether the page's other calls
   * send credentials: the server's own `true` says so, and a fix must not take it away).
   */
  credentials: boolean;
  /**
   * Optional, added: `credentials` is true only because the server already answered
   * `Access-Control-Allow-Credentials: true`, not because this request went with credentials
   * (`keptFromServerNote` says so beside the line). Absent otherwise.
   */
  credentialsKept?: true;
  /**
   * Methods to list in `Access-Control-Allow-Methods` beyond GET, HEAD and POST: the server's own
   * (as it answered, `server-allows.ts`), then those the request needs that it lacks, as sent.
   */
  methods: string[];
  /**
   * When the server sent an Access-Control-Allow-Methods the browser could not parse (`GET, PUT;DELETE`):
   * its items that are method names (`GET`), with the request's method added if it was missing and
   * not safelisted (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0: the method must be in the
   * parsed list unless safelisted); an item that is no method name (`PUT;DELETE`) is left out and
   * named in the words (`keptMethods`).
   * The explanation, the must-send line and every fix list exactly these (its methods, none added),
   * instead of GET, HEAD, POST and `methods`. Absent otherwise.
   */
  keptMethods?: string[];
  /**
   * Header names to list in `Access-Control-Allow-Headers`: the server's own list as it answered
   * (its spelling), then the lower-case names the request needs that it lacks.
   */
  headers: string[];
  /** Values dropped because they are not tokens (reported, never put in a snippet). */
  dropped: string[];
  /** Whether the request needs a preflight (so the server must answer `OPTIONS`). */
  preflight: boolean;
  /** `Access-Control-Expose-Headers`: the server's own, then the response headers the page cannot read today. */
  expose: string[];
  /** The server's own `Access-Control-Max-Age` (seconds), kept by the fixes that write one. */
  maxAge?: number;
  /** The origin of the URL that failed (`http://127.0.0.1:8080`), for dev-proxy targets. */
  targetOrigin: string | null;
  /** The path of that URL, for dev-proxy prefixes. */
  targetPath: string;
}

/** The page origins a fix allows: `origins` when a merged configuration set several, else `origin`. */
export function allowedOrigins(p: Pick<NeededPolicy, 'origin' | 'origins'>): string[] {
  return p.origins ?? [p.origin];
}

/** `scheme://host[:port]` and the path (with the query) of a URL with a tuple origin; null otherwise. */
export function splitUrl(url: string): { origin: string; path: string } | null {
  // Every exchange worded has one: the usual http(s) URL, written as the parser would write it,
  // split where it stands rather than parsed.
  const end = fastHttpOriginEnd(url);
  if (end !== -1) {
    const rest = end === url.length ? '' : url.slice(end);
    if (PLAIN_PATH_AND_QUERY.test(rest)) return { origin: end === url.length ? url : url.slice(0, end), path: rest === '' || rest.charCodeAt(0) === 0x3f ? `/${rest}` : rest };
  }
  const parsed = parseUrl(url);
  if (parsed === null || parsed.origin === OPAQUE_ORIGIN) return null;
  return { origin: parsed.origin, path: parsed.pathname + parsed.search };
}

/**
 * A path and query the URL parser keeps as they are (pathname + search): path segments of
 * characters outside the path percent-encode set with no `.` or `%` (no dot segment, `%2e` being
 * one), then a query, not empty (an empty one is no search), of characters outside the special-query
 * percent-encode set; no fragment, no `\\` (a slash to the parser).
 * https://url.spec.whatwg.org/#path-state, #query-state
 */
const PLAIN_PATH_AND_QUERY = /^(?:\/[A-Za-z0-9_~!$&()*+,;=:@-]*)*(?:\?[A-Za-z0-9_~!$&()*+,;=:@/?.%-]+)?$/;

export function neededPolicy(diagnosis: Diagnosis, exchange: ObservedExchange): NeededPolicy {
  return scoped('neededPolicy', diagnosis, exchange, () => computeNeededPolicy(diagnosis, exchange));
}

/**
 * The part of `neededPolicy` that the request itself decides: its page's origin, credentials,
 * methods and header names. A merged configuration (`addToNeed`) reads only this, for every
 * exchange of a log; the target URL and the exposed headers (a URL parsed, a pattern per hidden
 * header) are left to the exchanges that are worded.
 */
export interface RequestNeeds {
  origin: { value: string; replaced: boolean };
  /** `NeededPolicy.originTainted`. */
  originTainted: boolean;
  /** `NeededPolicy.originOpaque`. */
  originOpaque: boolean;
  credentials: boolean;
  methods: { values: string[]; dropped: string[] };
  headers: { values: string[]; dropped: string[] };
}

/** What `requestNeeds` reads of a diagnosis (a log's grouping has only these: `diagnoseCause`). */
export type NeedsDiagnosis = FactsDiagnosis & Pick<Diagnosis, 'corsError' | 'failedParameter'> & { preflight: Pick<Diagnosis['preflight'], 'reasons'> };

export function requestNeeds(diagnosis: NeedsDiagnosis, exchange: ObservedExchange): RequestNeeds {
  return scoped('requestNeeds', diagnosis, exchange, () => computeRequestNeeds(diagnosis, exchange));
}

function computeRequestNeeds(diagnosis: NeedsDiagnosis, exchange: ObservedExchange): RequestNeeds {
  const facts = explainFacts(diagnosis, exchange);
  // Sets keep the order of first insertion, and keep a request with many names linear.
  const methodSet = new Set<string>();
  const headerSet = new Set<string>();
  const addMethod = (m: string): void => {
    if (m && !SAFELISTED_METHODS.has(m)) methodSet.add(m);
  };
  const addHeader = (h: string): void => {
    const name = h.toLowerCase();
    if (name) headerSet.add(name);
  };

  // The request as the browser sent it to the failing hop: after a redirect, a POST may have become a
  // GET without its body headers, and Authorization is dropped across origins
  // (https://fetch.spec.whatwg.org/#http-redirect-fetch steps 12-13). The preflight reasons are those
  // of the request at the first preflight's hop (`Diagnosis.preflight.hop`, maybe before this one): a
  // name a redirect dropped since is nothing this hop's server must allow.
  const atHop = facts.hop > 0 ? requestAtHop(exchange, facts.hop) : null;
  // A set of the names sent there, read once: a request of many headers stays linear.
  const sentNames = atHop === null ? null : headerNameSet(atHop.headers);
  addMethod(atHop === null ? exchange.request.method : atHop.method);
  for (const reason of diagnosis.preflight.reasons) {
    if (reason.kind === 'method') {
      if (atHop === null) addMethod(reason.method);
    } else if (sentNames === null || sentNames.has(toAsciiLowerCase(reason.name))) addHeader(reason.name);
  }
  // What the browser itself asked for in the preflight, when one was seen (from the failing hop on:
  // an earlier hop's preflight asked another request, maybe of another server).
  for (let i = facts.hop; i < exchange.hops.length; i++) {
    const asked = exchange.hops[i]!.preflight?.requestHeaders;
    const m = headerLinesJoined(asked, 'access-control-request-method');
    if (m !== null) addMethod(m.trim());
    for (const h of splitList(headerLinesJoined(asked, 'access-control-request-headers'))) addHeader(h);
  }
  if (diagnosis.corsError === 'MethodDisallowedByPreflightResponse' && diagnosis.failedParameter) {
    addMethod(diagnosis.failedParameter);
  }
  if (diagnosis.corsError === 'HeaderDisallowedByPreflightResponse' && diagnosis.failedParameter) {
    addHeader(diagnosis.failedParameter);
  }
  return {
    // What Access-Control-Allow-Origin must carry at the failing hop, not the page's origin: after a
    // tainting redirect the page's origin is exactly what fails (the browser sent `null`), and an
    // opaque page has none to name; `*` is the one safe value then (without credentials).
    origin: facts.originTainted || facts.originOpaque ? { value: '*', replaced: false } : snippetOrigin(facts.pageOrigin),
    originTainted: facts.originTainted,
    originOpaque: facts.originOpaque,
    credentials: facts.credentials,
    methods: snippetTokens([...methodSet]),
    headers: snippetTokens([...headerSet]),
  };
}

function computeNeededPolicy(diagnosis: Diagnosis, exchange: ObservedExchange): NeededPolicy {
  const facts = explainFacts(diagnosis, exchange);
  const { origin, originTainted, originOpaque, credentials: requestCredentials, methods: m, headers: h } = requestNeeds(diagnosis, exchange);
  const e = snippetTokens((diagnosis.exposure?.hidden ?? []).filter(worthExposing));
  const target = splitUrl(facts.url);
  const kept = diagnosis.corsError === 'InvalidAllowMethodsPreflightResponse'
    ? keptMethods(headerLinesJoined(facts.hopData?.preflight?.response?.headers, 'access-control-allow-methods'), facts.method)
    : null;
  // What the server already allows is kept, and what the request needs is added to it.
  const server = serverAllowsAt(exchange, facts.hop);
  // Its `true` is kept, except where `*` is the answer (Origin: null), which the browser refuses with credentials.
  const credentials = requestCredentials || (server.credentials && !originTainted && !originOpaque);
  // The server's own fixed Access-Control-Allow-Origin, beside the page's origin: the fix replaces it.
  const keptOrigin: KeptOrigins = origin.replaced || originTainted || originOpaque ? { origins: [] } : keptFromServer(serverOriginsAt(exchange, facts.hop), [origin.value], credentials);
  return {
    ...(kept !== null ? { keptMethods: kept.values } : {}),
    origin: origin.value,
    ...keptOriginsPolicy([origin.value], keptOrigin),
    originReplaced: origin.replaced,
    originTainted,
    originOpaque,
    credentials,
    ...(credentials && !requestCredentials ? { credentialsKept: true as const } : {}),
    // An unparsable list is kept as `keptMethods` (what it meant), not read here.
    methods: mergeAllowMethods(kept !== null ? [] : server.methods, m.values, credentials),
    headers: mergeAllowHeaders(server.headers, h.values, credentials),
    dropped: [...m.dropped, ...h.dropped, ...e.dropped, ...(kept?.dropped ?? []), ...server.dropped, ...(kept !== null ? [] : server.droppedMethods)],
    preflight: diagnosis.preflight.required || m.values.length > 0 || h.values.length > 0,
    expose: mergeExposeHeaders(server.expose, e.values, credentials),
    ...(server.maxAge !== null ? { maxAge: server.maxAge } : {}),
    targetOrigin: target && snippetOrigin(target.origin).replaced === false ? target.origin : null,
    targetPath: target?.path ?? '/',
  };
}

/**
 * The fields of a policy that keep the server's own origins beside `pageOrigins` (`origins`,
 * `keptOrigins`, `keptOriginsList`): none when nothing is kept and no list item was left out.
 */
export function keptOriginsPolicy(pageOrigins: readonly string[], kept: KeptOrigins): Pick<NeededPolicy, 'origins' | 'keptOrigins' | 'keptOriginsList'> {
  const origins = [...pageOrigins, ...kept.origins];
  return {
    ...(origins.length > 1 ? { origins } : {}),
    ...(kept.origins.length > 0 ? { keptOrigins: kept.origins } : {}),
    ...(kept.list !== undefined && (kept.origins.length > 0 || kept.list.leftOut > 0) ? { keptOriginsList: kept.list } : {}),
  };
}

/**
 * What a fix keeps of an Access-Control-Allow-Methods the browser could not parse (`GET, PUT;DELETE`,
 * before a PATCH): its items split at commas only, as the browser splits a header list
 * (https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split), those that are method names
 * (tokens) kept in the server's order and spelling, then the request's method if the list lacks it
 * (method names compare case-sensitively) and it is not safelisted. An item that is no token
 * (`PUT;DELETE`) is what made the list unparsable: it is `dropped`, not read as the methods it might
 * stand for (`DEL;ETE` is no two methods), and the words name it. Never empty: the request's method then.
 */
export function keptMethods(sent: string | null, method: string): { values: string[]; dropped: string[] } {
  const items = snippetTokens([...new Set(splitList(sent))]);
  const values = new Set(items.values);
  if (!values.has(method) && (!SAFELISTED_METHODS.has(method) || values.size === 0)) values.add(method);
  const out = snippetTokens([...values]);
  return { values: out.values, dropped: [...items.dropped, ...out.dropped] };
}

/**
 * The methods a fix lists (a header's value, or its library's method option): the server's own list
 * when it is kept (`keptMethods`), else the safelisted three, which a library's option replaces
 * (listed so GET, HEAD and POST keep working), then those the request needs.
 */
export function fixMethods(p: NeededPolicy): string[] {
  return p.keptMethods ?? ['GET', 'HEAD', 'POST', ...p.methods];
}

/** Whether a fix that may leave the methods out must list them: the request needs one, or the server's list is kept (it replaces the unparsable one). */
export function listsMethods(p: NeededPolicy): boolean {
  return p.keptMethods !== undefined || p.methods.length > 0;
}
