// One server configuration for everything a page asked of one API origin: the origins, methods and
// request headers of its failing AND working requests, merged, then written for the recognised
// stack by the same per-stack fixes a single exchange uses (so both always agree). What the server
// already answered (its lists, credentials, exposed headers, max-age) is kept and the needs added:
// the configuration replaces the server's CORS lines. No exposed header is added: whether the page
// reads a response header cannot be seen in a capture.

import type { Diagnosis } from '../../diagnosis.ts';
import type { ObservedExchange } from '../../exchange.ts';
import type { Fix, ServerMustSend, ServerShouldSend, ServerStack } from '../explanation.ts';
import { explainFacts } from '../facts.ts';
import { corsErrorFacts } from '../../cors-errors/index.ts';
import { privateNetworkLine } from '../must-send.ts';
import { fixMethods, keptOriginsPolicy, listsMethods, requestNeeds, type NeededPolicy, type NeedsDiagnosis } from '../policy.ts';
import { addServerAllowsAt, mergeAllowHeaders, SERVER_ALLOWS_LIMIT, mergeAllowMethods, mergeExposeHeaders, noServerAllows, type ServerAllows } from '../server-allows.ts';
import { leftOutNames, PLACEHOLDER_ORIGIN } from '../snippet-values.ts';
import { jsString } from '../escape.ts';
import { addServerOrigins, keptFromServer, type KeptOrigins, noServerOrigins, type ServerOrigins, serverOriginsAt } from '../kept-origin.ts';
import { answersVaryByOrigin, keptListLeftOutWords, leftOutNamesWords, notModifiedWithoutAllowOrigin, type AwsEntry, type FixContext } from './context.ts';
import { genericFix } from './generic.ts';
import { stackFixes } from './index.ts';

/** At most this many values of each kind are kept: a hostile capture may hold millions. */
export const MERGED_NEED_LIMIT = 64;

export interface MergedNeed {
  /** Page origins, as they may go into a snippet (tokens and origins only), first seen first. */
  origins: string[];
  /** Methods that must be listed in Access-Control-Allow-Methods (not GET, HEAD, POST). */
  methods: string[];
  /** Lower-case request header names for Access-Control-Allow-Headers. */
  headers: string[];
  /** Whether any request went with credentials (cookies, Authorization). */
  credentials: boolean;
  /** Whether a request that came with its page's origin (not tainted) went with credentials. */
  originCredentials: boolean;
  /**
   * Whether a request reached this server after a cross-origin redirect, which made the browser send
   * `Origin: null` (https://fetch.spec.whatwg.org/#concept-request-tainted-origin): its page's
   * origin is then no use here, and only `*` lets it through (never `null`: every sandboxed or
   * opaque origin sends it too).
   */
  originTainted: boolean;
  /** Of those tainted requests, whether one went without credentials: `*` lets it through. */
  taintedPlain: boolean;
  /**
   * Of those tainted requests, whether one went with credentials: nothing the server may safely
   * send lets it through (the browser refuses `*` with credentials, and only `null` would match).
   */
  taintedCredentials: boolean;
  /** Times a new value was left out because MERGED_NEED_LIMIT of its kind were already kept. */
  omitted: number;
  /**
   * What the server already allows, the union of its answers to every request (preflights and
   * responses): the configuration keeps it and adds the needs (`server-allows.ts`).
   */
  server: ServerAllows;
  /**
   * Set when a request asked for a private-network line on the preflight answer (`privateNetworkLine`:
   * an older Chromium's Private Network Access code, or a preflight with
   * Access-Control-Request-Private-Network: true): each distinct line, to send on the OPTIONS answer.
   */
  privateNetwork?: [header: string, value: string][];
  /**
   * Set when Local Network Access refused a request (Chromium 156: an http page, the user's permission
   * denied, a wrong targetAddressSpace): no response header lets it through.
   */
  localNetworkAccess?: true;
  /**
   * Set when an answer of the server varied by Origin (`Vary: Origin`): a CDN's configuration keys
   * its cache on Origin then (CloudFront's cache policy, `FixContext.originVaries`).
   */
  originVaries?: true;
  /** Set when a request's preflight was answered with a redirect (`FixContext.preflightRedirected`). */
  preflightRedirected?: true;
  /**
   * Set when the browser refused a request's 304 Not Modified for lacking Access-Control-Allow-Origin
   * (`notModifiedWithoutAllowOrigin`): the configuration names the layer that rebuilds a 304 without
   * the CORS headers, as that request's own fix does (`FixContext.notModified`).
   */
  notModified?: true;
  /** Set when a request's refused OPTIONS answer carried the CORS lines (`FixContext.corsOnRefusedPreflight`). */
  corsOnRefusedPreflight?: true;
  /**
   * Optional, added: the server's Access-Control-Allow-Origin values over every request
   * (`kept-origin.ts`): its one fixed origin is kept beside the page origins (`mergedKeptOrigins`).
   */
  serverOrigins?: ServerOrigins;
}

export function emptyNeed(): MergedNeed {
  return { origins: [], methods: [], headers: [], credentials: false, originCredentials: false, originTainted: false, taintedPlain: false, taintedCredentials: false, omitted: 0, server: noServerAllows() };
}

/** Adds what this exchange needs from its server to `need` (in place). */
export function addToNeed(need: MergedNeed, diagnosis: NeedsDiagnosis & Pick<Diagnosis, 'verdict'>, exchange: ObservedExchange): void {
  // A request the browser never sent under CORS rules needs nothing from the server's policy.
  if (diagnosis.verdict === 'not-cors') return;
  const hop = explainFacts(diagnosis, exchange).hop;
  const line = privateNetworkLine(diagnosis.corsError, exchange, hop);
  if (line !== null && !(need.privateNetwork ?? []).some(([h]) => h === line[0])) (need.privateNetwork ??= []).push(line);
  if (diagnosis.corsError !== null && corsErrorFacts(diagnosis.corsError).group === 'local-network') need.localNetworkAccess = true;
  if (diagnosis.corsError === 'PreflightDisallowedRedirect') need.preflightRedirected = true;
  if (diagnosis.corsError === 'PreflightInvalidStatus') need.corsOnRefusedPreflight = true;
  // Only what the request decides: the target and the exposed headers would be made for nothing.
  const needs = requestNeeds(diagnosis, exchange);
  if (needs.originTainted) {
    need.originTainted = true;
    if (needs.credentials) need.taintedCredentials = true;
    else need.taintedPlain = true;
  } else {
    // An opaque page has no origin to list (its `*` is no page origin).
    if (!needs.origin.replaced && !needs.originOpaque) addValue(need, need.origins, needs.origin.value);
    if (needs.credentials) need.originCredentials = true;
  }
  for (const method of needs.methods.values) addValue(need, need.methods, method);
  for (const header of needs.headers.values) addValue(need, need.headers, header);
  if (needs.credentials) need.credentials = true;
  addServerAllowsAt(need.server, exchange, hop);
  addServerOrigins((need.serverOrigins ??= noServerOrigins()), serverOriginsAt(exchange, hop));
  if (answersVaryByOrigin(exchange.hops[hop])) need.originVaries = true;
  if (notModifiedWithoutAllowOrigin(diagnosis, exchange)) need.notModified = true;
}

/**
 * The stacks whose fixes serve both kinds of request of a server (`NeededPolicy.nullOriginAny`):
 * the page's origin with credentials, and `*` for `Origin: null`. Each is proven on the real server
 * in Chromium (test/fix-proof/merged.test.ts, merged-stacks.test.ts); the others' snippets serve the
 * page's origin alone, and the caller's note says how to serve the rest.
 */
const SERVES_NULL_ORIGIN_ANY_NAMED: Readonly<Partial<Record<ServerStack, string>>> = {
  express: 'Express',
  fastify: 'Fastify',
  koa: 'Koa',
  flask: 'Flask',
  django: 'Django',
  nginx: 'nginx',
  apache: 'Apache',
  caddy: 'Caddy',
};
const NULL_ORIGIN_ANY_STACKS: readonly ServerStack[] = Object.freeze(Object.keys(SERVES_NULL_ORIGIN_ANY_NAMED) as ServerStack[]);
const SERVES_NULL_ORIGIN_ANY: ReadonlySet<ServerStack> = new Set(NULL_ORIGIN_ANY_STACKS);

/** Those stacks as data (`explain --json` names stacks so), in the order the words name them. */
export function nullOriginAnyStacks(): readonly ServerStack[] {
  return NULL_ORIGIN_ANY_STACKS;
}

/** Stacks of that list by name, for words: "Express, Fastify, … and Caddy". */
export function nullOriginAnyStackWords(stacks: readonly ServerStack[] = NULL_ORIGIN_ANY_STACKS): string {
  const names = stacks.map((stack) => SERVES_NULL_ORIGIN_ANY_NAMED[stack] ?? stack);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/**
 * Whether `stack`'s merged fix answers the requests that came with Origin: null (without
 * credentials) with `*` and each page origin with itself, rather than `*` to every request: there are
 * page origins to name and the stack can say it (SERVES_NULL_ORIGIN_ANY).
 */
export function answersNullApart(need: MergedNeed, stack: ServerStack | null): boolean {
  return need.taintedPlain && need.origins.length > 0 && servesNullOriginAny(stack);
}

/** Whether `stack`'s merged fix serves both kinds of request (SERVES_NULL_ORIGIN_ANY). */
export function servesNullOriginAny(stack: ServerStack | null): boolean {
  return stack !== null && SERVES_NULL_ORIGIN_ANY.has(stack);
}

/**
 * Whether no server configuration lets any of `need`'s requests through: every one came with
 * credentials after a cross-origin redirect (Origin: null), so the page must call the server directly.
 */
export function onlyTaintedWithCredentials(need: MergedNeed): boolean {
  return need.taintedCredentials && !need.taintedPlain && need.origins.length === 0 && !need.originCredentials;
}

/**
 * The words for a need's private-network lines and Local Network Access refusals (the section's own
 * lines, said once for every stack: each snippet carries the private-network line where its stack can send it), one sentence each; empty when neither.
 */
export function localNetworkNeedWords(need: MergedNeed): string[] {
  const out: string[] = [];
  if (need.privateNetwork !== undefined) {
    out.push(`Private network: on the OPTIONS preflight answer also send ${need.privateNetwork.map(([h, v]) => `${h}: ${v}`).join(', ')} (with the Access-Control-Allow-Origin line); only an older Chromium's Private Network Access reads it, Chromium 156 (Local Network Access) asks the user instead.`);
  }
  if (need.localNetworkAccess) {
    out.push("Local Network Access refused some of these requests: no response header lets them through; the page must be a secure context (https) and the user must allow local network access for the site (each request's own block says which applied).");
  }
  return out;
}

function addValue(need: MergedNeed, values: string[], value: string): void {
  if (values.includes(value)) return;
  if (values.length >= MERGED_NEED_LIMIT) need.omitted++;
  else values.push(value);
}

/**
 * The merged need as a policy for the per-stack fixes. With several page origins, `origins` lists
 * them: every stack's fix and the plain headers allow each in its own list form, each origin
 * answered with itself and any other with no Access-Control-Allow-Origin (proven on real servers in
 * Chromium: test/fix-proof/origin-list.test.ts).
 */
function mergedPolicy(need: MergedNeed, apiOrigin: string | null, stack: ServerStack | null): NeededPolicy {
  // `*` lets the requests that arrive with Origin: null without credentials through, and every page
  // origin with them, unless a request with the page's origin needs credentials (the browser refuses
  // `*` then: the caller says how to serve both). A tainted request with credentials passes nothing
  // the server may send (the page must avoid the redirect): the credentials are the direct ones'.
  // The server's own `Access-Control-Allow-Credentials: true` counts as a request with the page's
  // origin and credentials: the capture cannot tell which of the page's calls send them, and a
  // configuration that drops the server's `true` breaks every one that does.
  const originCredentials = mergedCredentials(need);
  // Without credentials too, a stack that can answer `*` to Origin: null alone does (`answersNullApart`):
  // `*` for every request would replace the server's own page origins and let any page read it all.
  const any = need.taintedPlain && !originCredentials && !answersNullApart(need, stack);
  // Both kinds: the page's origin with credentials, and `*` for Origin: null where a fix can say it.
  const both = need.taintedPlain && need.origins.length > 0 && (originCredentials || answersNullApart(need, stack));
  const credentials = originCredentials;
  // The server's own origins (its fixed Access-Control-Allow-Origin, or its list's), after the page origins (`mergedKeptOrigins`).
  const kept = mergedKeptOrigins(need, stack);
  return {
    ...(both ? { nullOriginAny: true as const } : {}),
    ...(any ? {} : keptOriginsPolicy(need.origins, kept)),
    origin: any ? '*' : need.origins[0] ?? PLACEHOLDER_ORIGIN,
    originReplaced: !any && need.origins.length === 0,
    originTainted: need.originTainted,
    originOpaque: false,
    credentials,
    methods: mergeAllowMethods(need.server.methods, need.methods, credentials),
    headers: mergeAllowHeaders(need.server.headers, need.headers, credentials),
    dropped: [...need.server.dropped, ...need.server.droppedMethods],
    preflight: need.methods.length > 0 || need.headers.length > 0,
    expose: mergeExposeHeaders(need.server.expose, [], credentials),
    ...(need.server.maxAge !== null ? { maxAge: need.server.maxAge } : {}),
    targetOrigin: apiOrigin,
    targetPath: '/',
  };
}

/** Whether a merged configuration allows credentials: a request with the page's origin went with them, or the server's own `true` is kept. */
function mergedCredentials(need: MergedNeed): boolean {
  return need.originCredentials || (need.server.credentials && need.origins.length > 0);
}

/**
 * Said after a kept list holding `*` where the configuration allows credentials: the browser reads
 * it as a wildcard only for a request without credentials, and as the literal name `*` for one with
 * them (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0), which is why the list names each
 * one as well (`mergeAllowHeaders`). Kept, as a request without credentials relies on it.
 */
function wildcardWords(list: readonly string[], credentials: boolean, what: string, but = ''): string {
  if (!credentials || !list.includes('*')) return '';
  return ` (its * stands for any ${what}${but} only for a request without credentials, and stays for those; for a request with credentials the browser reads it as the literal name *, so each ${what} such a request needs must be listed by name, as those this capture saw are)`;
}

/**
 * The server's own origins a merged configuration keeps beside the page origins (`keptFromServer`):
 * only with page origins to name, and not where every request gets `*`.
 */
function mergedKeptOrigins(need: MergedNeed, stack: ServerStack | null): KeptOrigins {
  if (need.serverOrigins === undefined || need.origins.length === 0) return { origins: [] };
  const originCredentials = need.originCredentials || need.server.credentials;
  if (need.taintedPlain && !originCredentials && !answersNullApart(need, stack)) return { origins: [] };
  return keptFromServer(need.serverOrigins, need.origins, originCredentials);
}

/** What the server must send for the merged need, on the preflight (when one is needed) and on every response. */
function mergedMustSend(policy: NeededPolicy, privateNetwork: readonly [string, string][]): (ServerMustSend | ServerShouldSend)[] {
  const out: (ServerMustSend | ServerShouldSend)[] = [];
  const add = (on: ServerMustSend['on'], header: string, value: string): void => {
    out.push({ on, hop: 0, header, value });
  };
  const origin = (on: ServerMustSend['on']): void => {
    add(on, 'Access-Control-Allow-Origin', policy.origin);
    if (policy.credentials) add(on, 'Access-Control-Allow-Credentials', 'true');
    if (policy.origin !== '*') add(on, 'Vary', 'Origin');
  };
  // A private-network preflight is answered with the origin lines too, whatever the request.
  if (policy.preflight || privateNetwork.length > 0) {
    origin('preflight');
    // The whole value, as each request's fix and must-send line write it (`fixMethods`).
    if (listsMethods(policy)) add('preflight', 'Access-Control-Allow-Methods', fixMethods(policy).join(', '));
    if (policy.headers.length > 0) add('preflight', 'Access-Control-Allow-Headers', policy.headers.join(', '));
    // The server's own, kept as the words say (`keptFromServerWords`): the lines replace its own.
    if (policy.maxAge !== undefined) add('preflight', 'Access-Control-Max-Age', String(policy.maxAge));
  }
  origin('response');
  if (policy.expose.length > 0) add('response', 'Access-Control-Expose-Headers', policy.expose.join(', '));
  // Read only by an older Chromium's Private Network Access code (genericFix heads them so).
  for (const [header, value] of privateNetwork) out.push({ on: 'preflight', hop: 0, header, value, advice: 'private-network-access' });
  return out;
}

/**
 * The configuration for `stack` (the plain headers when none was recognised) that lets every
 * request in `need` through. `apiOrigin` is the server's own origin (`https://api.example.com`);
 * `awsEntry`, the API Gateway entry point its headers showed (`awsEntryOf`), null when none;
 * `corsSentBy`, the layers its answers show sending CORS lines already (`FixContext.corsSentBy`), and
 * `corsMaybeSentBy` those that may have (`FixContext.corsMaybeSentBy`).
 */
export function mergedFix(stack: ServerStack | null, need: MergedNeed, apiOrigin: string | null, awsEntry: AwsEntry | null = null, corsSentBy: readonly string[] = [], corsMaybeSentBy: readonly string[] = []): Fix {
  if (onlyTaintedWithCredentials(need)) return callDirectlyFix(apiOrigin);
  const policy = mergedPolicy(need, apiOrigin, stack);
  const mustSend = mergedMustSend(policy, need.privateNetwork ?? []);
  // No error: the configuration is written for what the page needs, not against one failure. The
  // AWS entry the headers showed picks the API Gateway tab, as a request's own fix does.
  const context: FixContext = {
    policy,
    error: null,
    mustSend,
    errorStatus: null,
    ...(awsEntry === null ? {} : { awsEntry }),
    ...(need.originVaries ? { originVaries: true } : {}),
    ...(need.preflightRedirected ? { preflightRedirected: true } : {}),
    ...(need.notModified ? { notModified: true } : {}),
    ...(need.corsOnRefusedPreflight ? { corsOnRefusedPreflight: true } : {}),
    ...(corsSentBy.length > 0 ? { corsSentBy } : {}),
    ...(corsMaybeSentBy.length > 0 ? { corsMaybeSentBy } : {}),
  };
  const fix = (stack === null ? undefined : stackFixes(stack, context)[0]) ?? genericFix(context);
  // genericFix writes something whenever mustSend is not empty, and it never is.
  return fix!;
}

/**
 * For a server every request reached with credentials after a cross-origin redirect: no header
 * lets them through safely (https://fetch.spec.whatwg.org/#http-redirect-fetch step 14 taints the
 * origin; with credentials `*` is refused and only `null` would match), so the page must call it.
 */
function callDirectlyFix(apiOrigin: string | null): Fix {
  const url = `${apiOrigin ?? 'https://api.example'}/path`;
  return {
    target: 'generic',
    title: 'No server setting lets these requests through safely: have the page call this server directly',
    language: 'js',
    snippet: `// Each request went with credentials and reached this server after a redirect from another\n// origin, so the browser sent Origin: null. With credentials it refuses *, and allowing null\n// would let every sandboxed iframe and opaque origin in. Call this server's URL from the page\n// (or have the first server redirect within its own origin):\nfetch(${jsString(url)}, { credentials: 'include' });`,
  };
}

/** The server's own Access-Control-Max-Age: 0, kept (`keptFromServerWords`), and what it costs. */
const MAX_AGE_ZERO_WORDS =
  "max-age 0 (its own Access-Control-Max-Age: 0 turns the browser's preflight cache off, so each request that needs a preflight sends one every time; a single request's fix writes 600 where that request's answers carried no max-age: keep 0 if it is deliberate, else write 600 here too, and the browser reuses each preflight answer for 10 minutes)";

/**
 * What the configuration keeps of the server's own answers (`MergedNeed.server`), as words for the
 * text and the report (`methods PUT, DELETE; request headers Authorization; …`); null when the server
 * answered no list, credentials or max-age. The values are HTTP tokens (`server-allows.ts` keeps no
 * other), safe in any output.
 */
export function keptFromServerWords(need: MergedNeed, stack: ServerStack | null = null): string | null {
  const s = need.server;
  const kept = mergedKeptOrigins(need, stack);
  const origins = kept.origins;
  const credentials = mergedCredentials(need);
  const parts = [
    // Its one fixed value, or its list's (kept-origin.ts tells them from an echo of the request's Origin).
    origins.length > 0
      ? kept.list === undefined
        ? `origin ${origins.join(', ')} (a fixed Access-Control-Allow-Origin it answered, not the request's Origin echoed back: remove it if that origin is not yours)`
        : `${origins.length === 1 ? 'origin' : 'origins'} ${origins.join(', ')} (from the list it answered as Access-Control-Allow-Origin, which the browser refuses: the snippet answers each request its own Origin when listed; remove any origin that is not yours)`
      : null,
    kept.list !== undefined && kept.list.leftOut > 0 ? keptListLeftOutWords(kept.list.leftOut) : null,
    s.methods.length > 0 ? `methods ${s.methods.join(', ')}${wildcardWords(s.methods, credentials, 'method')}` : null,
    s.headers.length > 0 ? `request headers ${s.headers.join(', ')}${wildcardWords(s.headers, credentials, 'header name', ' but Authorization')}` : null,
    // As mergedPolicy keeps it: with a page origin to name. Requests that all came with Origin: null
    // get `*`, which the browser refuses beside credentials, so the server's `true` cannot stay.
    s.credentials
      ? need.originCredentials || need.origins.length > 0
        ? 'credentials (Access-Control-Allow-Credentials: true)'
        : 'not its Access-Control-Allow-Credentials: true (every request came with Origin: null, which only * answers, and * cannot carry credentials)'
      : null,
    s.expose.length > 0 ? `exposed headers ${s.expose.join(', ')}${wildcardWords(s.expose, credentials, 'response header name')}` : null,
    // An explicit 0 turns the browser's preflight cache off; a request's own fix, which sees only
    // its own answers, writes 600 where they carried none: the words say which to keep.
    s.maxAge === null ? null : s.maxAge === 0 ? MAX_AGE_ZERO_WORDS : `max-age ${s.maxAge}`,
    // Past SERVER_ALLOWS_LIMIT of a kind: the snippet replaces the server's lines without them.
    s.cut.length > 0
      ? `but not ${s.cut.length} more ${s.cut.length === 1 ? 'method or header name' : 'methods or header names'} it listed (over ${SERVER_ALLOWS_LIMIT} of a kind): copy ${s.cut.length === 1 ? 'it' : 'them'} from its current lines into the snippet`
      : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  // Names written as placeholders (session 38): said what they stand for, after the lists.
  const leftOut = leftOutNamesWords(leftOutNames([...s.headers, ...s.expose]), true);
  return leftOut === null ? parts.join('; ') : `${parts.join('; ')}; ${leftOut}`;
}
