// What every fix is built from: the policy the server needs (origin, methods, headers,
// credentials), the error, and the headers the server must send.

import type { CorsError } from '../../cors-error.ts';
import type { Diagnosis } from '../../diagnosis.ts';
import type { CredentialsMode } from '../../exchange.ts';
import { corsErrorFacts } from '../../cors-errors/index.ts';
import type { ObservedExchange } from '../../exchange.ts';
import { headerLinesJoined } from '../../header-list.ts';
import type { ServerMustSend, ServerShouldSend } from '../explanation.ts';
import type { NeededPolicy } from '../policy.ts';
import { leftOutNames } from '../snippet-values.ts';
import { ORIGIN_LIST_LIMIT } from '../kept-origin.ts';

export interface FixContext {
  policy: NeededPolicy;
  error: CorsError | null;
  /**
   * The headers the plain-headers fix sets, per response: what the browser checks (`serverMustSend`),
   * then the advised `Vary: Origin` (`serverShouldSend`), which a fix sets too though no browser checks it,
   * and for an older Chromium's Private Network Access code the header it asked for.
   */
  mustSend: (ServerMustSend | ServerShouldSend)[];
  /** The failing hop's status when it was an error response (a 4xx/5xx without CORS headers). */
  errorStatus: number | null;
  /**
   * Optional, added: the page's credentials mode as the diagnosis read it (`Diagnosis.credentialsMode`),
   * which the fetch() call of a page-side fix keeps; absent, the default (`same-origin`). Not
   * `policy.credentials`, which also keeps the server's own Allow-Credentials.
   */
  pageCredentials?: CredentialsMode;
  /**
   * Optional, added: the response the browser refused was a 304 Not Modified without
   * Access-Control-Allow-Origin (to the page's conditional request, or the browser's revalidation
   * of its cached copy). A stack whose conditional-GET layer rebuilds a 304 without the headers a
   * CORS layer inside it added names that layer (Django's ConditionalGetMiddleware). Absent otherwise.
   */
  notModified?: true;
  /**
   * Optional, added: an OPTIONS answer that was not 2xx carried the CORS lines and passed their check
   * (`PreflightInvalidStatus`): a CORS library that answers the preflight itself did not send them,
   * so its fix names the code that did (`HAND_SET_LINES`). Absent otherwise.
   */
  corsOnRefusedPreflight?: true;
  /**
   * Optional, added: which AWS entry point the headers show (`awsEntryOf`), for the order of the
   * API Gateway tabs; absent when unknown (the HTTP API tab first, as before).
   */
  awsEntry?: AwsEntry;
  /**
   * Optional, added: whether the failing hop's answers vary by Origin (`Vary: Origin`), for a CDN's
   * fix (CloudFront's cache policy keyed on Origin); absent when they do not, or nothing says.
   */
  originVaries?: boolean;
  /**
   * Optional, added: the Node app the answers show behind IIS (iisnode, or ARR as a reverse proxy:
   * `Server: Microsoft-IIS` with Express's or Next.js's X-Powered-By), for IIS's fix: the app answers
   * there, not IIS's CORS module. Absent when IIS runs .NET Framework or PHP, or is not there.
   */
  iisInFrontOf?: IisNodeApp;
  /**
   * Optional, added: for a merged configuration (no error of its own), a preflight of its requests
   * was answered with a redirect (PreflightDisallowedRedirect); a request's own context says it
   * with its `error`. Absent otherwise. Read through `preflightRedirected`.
   */
  preflightRedirected?: true;
  /**
   * Optional, added: the layers the failing hop's answers show sending CORS lines already
   * (`HeaderAttribution.setBy` of each, `layers/read-layers.ts`), each the single named sender of a
   * line. A library fix for one of them says to put it in place of that layer's CORS setup
   * (`replacesSetupLines`), not beside it. Absent when no answer carried a CORS line one layer sent.
   */
  corsSentBy?: readonly string[];
  /**
   * Optional, added: the layers that may have sent a CORS line the answers carry, where the reading
   * names several candidates for it (`no line tells which of these layers added it`) and not them
   * as the single sender of another: a fix for one of them says to replace that setup only if the
   * app has one (`replacesSetupLines`). Absent when none.
   */
  corsMaybeSentBy?: readonly string[];
}

/** Whether the preflight (of this request, or of one the merged configuration serves) was answered with a redirect. */
export function preflightRedirected(ctx: FixContext): 'this' | 'one' | null {
  return ctx.error === 'PreflightDisallowedRedirect' ? 'this' : ctx.preflightRedirected === true ? 'one' : null;
}

/** `FixContext.corsSentBy` from a reading's attributions: each layer that is a line's single sender, named once. */
export function corsSentByOf(headers: readonly { setBy: readonly string[] }[]): string[] {
  return [...new Set(headers.filter((h) => h.setBy.length === 1).map((h) => h.setBy[0]!))].filter((n) => n !== 'unknown');
}

/** `FixContext.corsMaybeSentBy` from a reading's attributions: the candidates of lines with several, not a single sender elsewhere. */
export function corsMaybeSentByOf(headers: readonly { setBy: readonly string[] }[]): string[] {
  const sure = corsSentByOf(headers);
  return [...new Set(headers.filter((h) => h.setBy.length > 1).flatMap((h) => h.setBy))].filter((n) => n !== 'unknown' && !sure.includes(n));
}

/**
 * The words for an Express or Koa app whose answers show its CORS middleware already (`library`,
 * registered as `call`): two of them both run (checked on the real libraries, cors 2.8 and
 * @koa/cors 5), the first answering the OPTIONS preflight, the second overwriting the first's
 * Access-Control-Allow-Origin on every other response, so a fix put beside the old setup is still refused.
 */
export const TWO_MIDDLEWARES = (library: string, call: string): string[] => [
  `This replaces the app's existing ${library} setup (its answers already carry CORS headers from it):`,
  `remove that ${call} call. With both, the first answers the OPTIONS preflight and the`,
  "second overwrites the first's Access-Control-Allow-Origin on the other responses.",
];

/**
 * The replace words where the app's CORS lines came on an OPTIONS answer that was not 2xx
 * (`FixContext.corsOnRefusedPreflight`): `library` answers the preflight itself unless `passOn`, so those lines
 * came from other code of the app (a hook or middleware setting them), or from `call` so configured.
 */
export const HAND_SET_LINES = (library: string, call: string, passOn: string): string[] => [
  "This replaces the code that sets the app's CORS headers now: its OPTIONS answer carried them on",
  `a status that is not 2xx, which ${library} does not send: it answers OPTIONS itself unless`,
  `${passOn}. Remove that code (a hook or middleware setting Access-Control-* headers,`,
  `or that ${call} call): left in, it may overwrite the headers set here.`,
];

/** `TWO_MIDDLEWARES` hedged, where `library` is only a candidate sender of the CORS lines (`FixContext.corsMaybeSentBy`). */
export const TWO_MIDDLEWARES_MAYBE = (library: string, call: string): string[] => [
  `If the app already calls ${call}, replace that call with this one (no header tells whether`,
  `${library} or another layer added the CORS headers its answers carry). With both, the first answers the`,
  "OPTIONS preflight and the second overwrites the first's Access-Control-Allow-Origin on the other responses.",
];

/**
 * Where `stack` is only one of the layers that may have sent the CORS lines (`FixContext.corsMaybeSentBy`):
 * the replace words hedged, as the app may have no CORS setup of its own to remove.
 */
const MAYBE_REPLACES = [
  'If the app already sets up CORS itself, put this in place of that setup, not beside it: its',
  'answers carry CORS headers, but no header tells whether the app or another layer added them.',
];

/**
 * `words` as comment lines (after `marker`) when the answers show `stack` sending CORS lines
 * already (`FixContext.corsSentBy`): the fix replaces that setup, and says so before its own lines.
 * `maybeWords` (by default `MAYBE_REPLACES`) when `stack` is only a candidate sender (`FixContext.corsMaybeSentBy`).
 */
export function replacesSetupLines(ctx: FixContext, stack: string, marker: string, words: readonly string[], maybeWords: readonly string[] = MAYBE_REPLACES): string[] {
  const lines = ctx.corsSentBy?.includes(stack) === true ? words : ctx.corsMaybeSentBy?.includes(stack) === true ? maybeWords : [];
  if (lines.length === 0) return [];
  return [...lines, ...(picksByOrigin(ctx) ? COPY_ORIGINS : [])].map((w) => `${marker} ${w}`);
}

/**
 * The old setup picks by Origin, and which origins it allows the capture cannot show: its answers
 * vary by Origin, or carried CORS lines but no Access-Control-Allow-Origin (the `cors` package
 * answering an origin not on its list), and no fixed origin of its was kept (`NeededPolicy.keptOrigins`).
 */
function picksByOrigin(ctx: FixContext): boolean {
  if ((ctx.policy.keptOrigins?.length ?? 0) > 0) return false;
  return ctx.originVaries === true || ctx.error === 'MissingAllowOriginHeader' || ctx.error === 'PreflightMissingAllowOriginHeader';
}

/** Said after the replace words when the old setup picks by Origin (`picksByOrigin`): its list would be lost. */
const COPY_ORIGINS = [
  "Add the origins your old setup allows beside the page's origin below: this capture only shows",
  'that it picks by Origin, not which origins it allows.',
];

/** The Node apps IIS is seen in front of (layers/fingerprints.ts, IIS_IN_FRONT). */
export type IisNodeApp = 'express' | 'nextjs';

/** The Node app behind IIS in `layers` (outer to inner), null when IIS is not in front of one. */
export function iisNodeAppOf(layers: readonly { names: readonly string[]; role: string }[]): IisNodeApp | null {
  if (!layers.some((l) => l.role === 'front' && l.names.includes('iis'))) return null;
  const app = layers.find((l) => l.role === 'app' && (l.names.includes('express') || l.names.includes('nextjs')));
  return app === undefined ? null : app.names.includes('express') ? 'express' : 'nextjs';
}

/**
 * Whether the response the browser refused was a 304 Not Modified without Access-Control-Allow-Origin
 * (`FixContext.notModified`): the check read it as it came, or the cached copy it updated. A request's
 * own fix and the merged configuration (`MergedNeed.notModified`) ask the same.
 */
export function notModifiedWithoutAllowOrigin(diagnosis: Pick<Diagnosis, 'failedAt'>, exchange: ObservedExchange): boolean {
  if (diagnosis.failedAt?.phase !== 'response') return false;
  const response = exchange.hops[diagnosis.failedAt.hop]?.response;
  return response?.status === 304 && headerLinesJoined(response.headers, 'access-control-allow-origin') === null;
}

/** Whether a hop's answers vary by Origin (`Vary: Origin` on its preflight's or its response's): `FixContext.originVaries`. */
export function answersVaryByOrigin(hop: ObservedExchange['hops'][number] | undefined): boolean {
  return [hop?.preflight?.response, hop?.response].some((r) => r != null && (headerLinesJoined(r.headers, 'vary') ?? '').split(',').some((v) => v.trim().toLowerCase() === 'origin'));
}

/**
 * `rest-api`: x-amz-apigw-id, which only a REST API sends; `http-api`: apigw-requestid;
 * `request-id-only`: x-amzn-RequestId without either, which a Lambda function URL sends as well.
 */
export type AwsEntry = 'rest-api' | 'http-api' | 'request-id-only';

/** The entry point the API Gateway layer's evidence shows, null when there is no such layer. */
export function awsEntryOf(layers: readonly { names: readonly string[]; evidence: readonly { header: string }[] }[]): AwsEntry | null {
  const layer = layers.find((l) => l.names.includes('aws-api-gateway'));
  if (layer === undefined) return null;
  const names = new Set(layer.evidence.map((e) => e.header.toLowerCase()));
  return names.has('x-amz-apigw-id') ? 'rest-api' : names.has('apigw-requestid') ? 'http-api' : 'request-id-only';
}

/** Errors a change of the server's CORS policy fixes (the rest need the page or the user to change). */
export function isPolicyError(error: CorsError | null): boolean {
  if (error === null) return false;
  const mustSend = corsErrorFacts(error).mustSend;
  return mustSend === 'actual-response' || mustSend === 'allow-credentials' || mustSend === 'preflight';
}

/** A one-line note put at the top of snippets whose values had to be replaced. */
export function replacedNote(policy: NeededPolicy): string | null {
  const parts: string[] = [];
  if (policy.originReplaced) parts.push("the page's Origin was not a valid origin: put your page's origin here");
  if (policy.dropped.length > 0) parts.push(`${policy.dropped.length} value(s) that are not valid HTTP tokens were left out`);
  const leftOut = leftOutNamesWords(leftOutNames([...policy.headers, ...policy.expose]));
  if (leftOut !== null) parts.push(leftOut);
  const kept = keptOriginsWords(policy);
  if (kept !== null) parts.push(kept);
  return parts.length > 0 ? `NOTE: ${parts.join('; ')}.` : null;
}

/**
 * `NOTE: ...` for the plain headers fix, which lists no replaced values but the names (see
 * `leftOutNamesWords`) and the server's own origin it keeps (`keptOriginsWords`).
 */
export function leftOutNamesNote(policy: NeededPolicy): string | null {
  const words = [leftOutNamesWords(leftOutNames([...policy.headers, ...policy.expose])), keptOriginsWords(policy)].filter((w): w is string => w !== null);
  return words.length === 0 ? null : `NOTE: ${words.join('; ')}.`;
}

/**
 * Why an origin no page of the capture came from is in the list (`NeededPolicy.keptOrigins`): the
 * server answered it as a fixed Access-Control-Allow-Origin, or in a list of them the browser
 * refused (`keptOriginsList`), and the fix replaces that setting. Null when none is kept and no
 * list item was left out.
 */
function keptOriginsWords(policy: Pick<NeededPolicy, 'keptOrigins' | 'keptOriginsList'>): string | null {
  const kept = policy.keptOrigins ?? [];
  const list = policy.keptOriginsList;
  if (list === undefined) {
    if (kept.length === 0) return null;
    return `${kept.join(', ')} is kept from the server's own answer (its fixed Access-Control-Allow-Origin, not the request's Origin echoed back), as this replaces its CORS settings: remove it if that origin is not yours`;
  }
  const words = kept.length === 0
    ? []
    : [
        kept.length === 1
          ? `${kept[0]!} is kept from the server's own answer (the list it sent as Access-Control-Allow-Origin, which the browser refuses: here each request gets back only its own Origin, when listed), as this replaces its CORS settings: remove it if that origin is not yours`
          : `${kept.join(', ')} are kept from the server's own answer (the list it sent as Access-Control-Allow-Origin, which the browser refuses: here each request gets back only its own Origin, when listed), as this replaces its CORS settings: remove any of them that is not yours`,
      ];
  if (list.leftOut > 0) words.push(keptListLeftOutWords(list.leftOut));
  return words.length === 0 ? null : words.join('; ');
}

/**
 * How many items of the server's Access-Control-Allow-Origin list no fix keeps
 * (`KeptOrigins.list.leftOut`), for the note and the merged configuration's words.
 */
export function keptListLeftOutWords(leftOut: number): string {
  return `${leftOut} other ${leftOut === 1 ? 'value' : 'values'} in the server's Access-Control-Allow-Origin list ${leftOut === 1 ? 'was' : 'were'} left out (kept are only http(s) origins written as a browser sends them, no *, null, pattern, path or quote; at most ${ORIGIN_LIST_LIMIT}; no http: origin where credentials are allowed): add by hand any that is yours`;
}

// Names said one by one in the note: a hostile capture may hold 64 of them.
const LEFT_OUT_SAID = 4;

/**
 * What placeholders in a list of header names stand for (`leftOutNames`), for a developer about to
 * paste the list: `REDACTED-TOKEN-1 is not a real header name: ...`; null when there is none.
 * `server`: all of them are names the server's own answers listed (what a fix keeps).
 */
export function leftOutNamesWords(names: readonly string[], server = false): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) {
    return server
      ? `${names[0]} is not a real header name: it stands for one your server already allows that looks like a secret, which this output does not show; keep the real name`
      : `${names[0]} is not a real header name: it stands for one of yours (your page sends it, or your server already allows it) that looks like a secret, so this output does not show it; write the real name in its place`;
  }
  const said = names.slice(0, LEFT_OUT_SAID);
  const more = names.length - said.length;
  const list = more > 0 ? `${said.join(', ')} and ${more} more` : `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}`;
  return server
    ? `${list} are not real header names: each stands for one your server already allows that looks like a secret, which this output does not show; keep the real names`
    : `${list} are not real header names: each stands for one of yours (your page sends it, or your server already allows it) that looks like a secret, so this output does not show them; write the real names in their place`;
}

/**
 * After a tainting redirect the browser sends `Origin: null`; allowing that value looks like the fix
 * but trusts every sandboxed iframe, data: document and other opaque origin as well.
 */
export const NULL_ORIGIN_TRAP =
  "Do not allow null as an origin: after the cross-origin redirect this page sends Origin: null, but so does any sandboxed iframe or other opaque origin, and allowing null lets all of them in. Send * (no credentials), or avoid the cross-origin redirect.";

/** The same for a page whose own origin is opaque: what it sends is what every other opaque page sends. */
export const OPAQUE_PAGE_NULL_TRAP =
  'Do not allow null as an origin: this page has an opaque origin (a sandboxed iframe, a data: or file: document) and sends Origin: null, but so does every other sandboxed iframe and file: page, and allowing null lets all of them in. Send * (no credentials), or serve the page from a real origin and allow that one.';

/**
 * The trap for this very error, and for an error status (a 4xx/5xx without CORS headers), shared
 * by every stack.
 */
export function errorTrap(ctx: FixContext): string | null {
  const parts = [
    ctx.error !== null ? corsErrorFacts(ctx.error).trap ?? null : null,
    ctx.policy.originTainted ? NULL_ORIGIN_TRAP : ctx.policy.originOpaque ? OPAQUE_PAGE_NULL_TRAP : null,
    ctx.errorStatus !== null ? errorStatusTrap(ctx.errorStatus, ctx.error) : null,
  ].filter((t): t is string => t !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Statuses an authentication or access layer answers with (https://httpwg.org/specs/rfc9110.html#status.401). */
const AUTH_STATUSES: ReadonlySet<number> = new Set([401, 403, 407]);

const PREFLIGHT_AUTH_TRAP = 'The preflight carries no cookies and no Authorization: authentication must let OPTIONS through.';

/**
 * An error status beside the error. A preflight fails on a status that is not ok whatever headers it
 * carries (https://fetch.spec.whatwg.org/#cors-preflight-fetch), so CORS headers on the error would
 * not help; on the actual response, the headers missing from an error answer are the usual cause.
 */
function errorStatusTrap(status: number, error: CorsError | null): string {
  if (error !== null && corsErrorFacts(error).group === 'preflight') {
    // The CORS check runs before the status check: with PreflightInvalidStatus Access-Control-Allow-Origin
    // passed; with any other preflight code the headers failed too, and a 2xx alone would be refused next.
    const needs =
      error === 'PreflightInvalidStatus'
        ? `The preflight was answered ${status}: its Access-Control-Allow-Origin passed, but the OPTIONS request must also get a 2xx (200 or 204)`
        : `The preflight was answered ${status}${error === 'PreflightMissingAllowOriginHeader' ? ' without Access-Control-Allow-Origin' : ''}: the OPTIONS request needs both a 2xx (200 or 204) and the CORS headers of this fix (a 2xx alone is refused next)`;
    return `${needs}, so let it reach the CORS layer before any route, auth or error handler.${AUTH_STATUSES.has(status) ? ` ${PREFLIGHT_AUTH_TRAP}` : ''}`;
  }
  if (error === 'MissingAllowOriginHeader') {
    return `The failing response was a ${status}: fix that error first, and make sure the CORS headers are added to error responses too (register CORS before anything that can fail).`;
  }
  return `The failing response was a ${status}: fix that error too (check the server log).`;
}

/**
 * The private-network lines the OPTIONS answer must carry too (`mustSend`'s `private-network-access`
 * advice: `Access-Control-Allow-Private-Network: true`, which only an older Chromium's Private Network
 * Access reads), whose value a snippet can write as it is. A device's Private-Network-Access-Id or
 * -Name has no such value (it is the device's own): `privateNetworkWords` says it instead.
 * https://wicg.github.io/private-network-access/#cors-preflight
 */
export function privateNetworkHeaders(ctx: FixContext): [header: string, value: string][] {
  return privateNetworkAdvice(ctx).filter(([, value]) => value === 'true');
}

function privateNetworkAdvice(ctx: FixContext): [header: string, value: string][] {
  const out: [string, string][] = [];
  for (const m of ctx.mustSend) if ('advice' in m && m.advice === 'private-network-access' && !out.some(([h]) => h === m.header)) out.push([m.header, m.value]);
  return out;
}

/** The comment above a snippet's private-network line (without the comment marker). */
export const PRIVATE_NETWORK_COMMENT = "Only an older Chromium's Private Network Access reads this, on the OPTIONS answer (Chromium 156 asks the user instead):";

/**
 * The words for the private-network lines a snippet does not carry: all of them when `name`'s
 * library cannot send one (`sends` false), else those with no literal value. Null when none.
 */
export function privateNetworkWords(ctx: FixContext, name: string, sends: boolean): string | null {
  const left = privateNetworkAdvice(ctx).filter(([, value]) => !sends || value !== 'true');
  if (left.length === 0) return null;
  const lines = left.map(([h, v]) => `${h}: ${v}`).join(', ');
  return sends
    ? `Also send ${lines} on the OPTIONS preflight answer: only an older Chromium's Private Network Access reads it.`
    : `${name} has no setting for ${lines}, which only an older Chromium's Private Network Access reads on the OPTIONS preflight answer: add it to that answer in a layer that can (a proxy in front, or your own handler for OPTIONS).`;
}
