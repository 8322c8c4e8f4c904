// Failures grouped by root cause: the same Chromium error, with the same failing value (a header
// name, a method, an Access-Control-Allow-Origin value), on the same API origin, is one problem to
// fix however many requests hit it. And per API origin, one merged server configuration covering
// every request the page made to it, failing or working. One pass, linear: a group holds its key,
// its count, a few example requests and the first member, never the whole list.
//
// In the export layer, not the engine: titles are worded from the causes side by side, and every surface
// (CLI text and JSON, Markdown report, panel) shows the same groups.

import {
  addressSpaceOfUrl,
  addToNeed,
  answersNullApart,
  type Advisory,
  type AwsEntry,
  awsEntryOf,
  type CauseDiagnosis,
  corsMaybeSentByOf,
  corsSentByOf,
  type Diagnosis,
  emptyNeed,
  failedOnTaintedOrigin,
  type FailureReason,
  type Fix,
  type HeaderList,
  isRedirectHop,
  type MergedNeed,
  mergedFix,
  nullOriginAnyStacks,
  nullOriginAnyStackWords,
  type ObservedExchange,
  onlyTaintedWithCredentials,
  type RefusedPreflight,
  refusedPreflightAt,
  revalidationRefusedAt,
  serializeOrigin,
  urlOrigin,
  servesNullOriginAny,
  type ServerStack,
  stacksOf,
  stackReadingOf,
  type Verdict,
} from '../cors/index.ts';
import { causeTitleIn, distinctTitles } from './cause-title.ts';

interface GroupedRequest {
  method: string;
  url: string;
}

/** How many of a group's requests must be fixed on one server (`fixOriginOf`). */
export interface FixOn {
  origin: string;
  count: number;
}

/** At most this many servers are kept per group: a hostile capture may redirect anywhere. */
const FIX_ON_LIMIT = 8;

export interface CauseGroup extends Cause {
  /**
   * Where the fix goes (`fixOriginOf`), per server, first seen first: `apiOrigin` unless the browser
   * refused a redirect target's answer. The members may differ (a cause is keyed by `apiOrigin`).
   */
  fixOn: FixOn[];
  /** Members left out of `fixOn` because FIX_ON_LIMIT servers were already kept. */
  fixOnOmitted: number;
  /**
   * What went wrong in plain words, without the count: `x-trace not in Access-Control-Allow-Headers`.
   * Worded from the key, so true of every member; no two groups' titles read alike (`distinctTitles`).
   */
  title: string;
  count: number;
  /**
   * Of the group's requests, how many were refused on a redirect (3xx) and on an error status
   * (4xx, 5xx): the one that explains the group may be a 200, and servers often add their CORS
   * headers to 2xx answers only, so those responses need a fix of their own.
   */
  redirects: number;
  errorStatuses: number;
  /** The first requests of the group, in the order given, at most `examples` of them. */
  requests: GroupedRequest[];
  /** The first member, which the group is explained by, and its position in the input. */
  first: { exchange: ObservedExchange; diagnosis: Diagnosis; index: number };
}

export interface ServerConfig {
  apiOrigin: string;
  /** The server software recognised on its responses, null for none. */
  stack: ServerStack | null;
  /** Every origin, method and header the page's requests to it need. */
  need: MergedNeed;
  requests: number;
  /** Of those, blocked by CORS (a network error is no server configuration's to fix). */
  blocked: number;
  /** The configuration for `stack` (or the plain headers). */
  fix: Fix;
}

export interface CauseGroupsOptions {
  /** Example requests kept per group. Default 3; `Infinity` keeps all (`--full`). */
  examples?: number;
}

/** How many blocked requests to one API origin are read for the layers sending CORS lines (`ApiOrigin.corsSentBy`). */
const SENT_BY_READS = 16;

interface ApiOrigin {
  /** Undefined until a request to it is blocked (`stacksOf` of the first one). */
  stack: ServerStack | null | undefined;
  /** Whether the first blocked request's headers named any layer (a CDN with no fix of its own included). */
  layerNamed: boolean;
  /** The API Gateway entry point the first blocked request's headers showed (`awsEntryOf`), null for none. */
  awsEntry: AwsEntry | null;
  /**
   * The layers the blocked requests' answers show sending CORS lines (`FixContext.corsSentBy`), over
   * the first SENT_BY_READS of them: the first may be an error page with none (an Express 500 before
   * its cors middleware ran) where a later one shows the app's own setup, which the configuration,
   * put beside it, would not replace. Each read is a full diagnosis: bounded.
   */
  corsSentBy: string[];
  /** The layers that may have sent them, over the same requests (`FixContext.corsMaybeSentBy`); those in `corsSentBy` left out when used. */
  corsMaybeSentBy: string[];
  /** How many blocked requests `corsSentBy` has read. */
  sentByReads: number;
  /**
   * The first stack another request to it revealed (`revealedStack`): the fallback where the blocked
   * one names no layer. Read only while it may be needed, each read a full diagnosis.
   */
  revealed: ServerStack | null;
  need: MergedNeed;
  requests: number;
  blocked: number;
}

const PASSED: ReadonlySet<Verdict> = new Set<Verdict>(['allowed', 'not-cors']);

/** What a cause is read from: the verdict path's answer (`VerdictOnly`) is enough; a full diagnosis adds the network error's text. */
// Generic in the error's type: a bundle stores Chromium's error as a plain string.
// The check's reason (`failureReason`, as the engine decided it) tells an empty Allow-Credentials
// from a missing one; a bundle's is a plain string too, unchecked (and absent from older bundles).
type CauseFields<E extends string | null> = Pick<Diagnosis, 'verdict' | 'failedParameter'> & {
  corsError: E;
  networkFailure?: Diagnosis['networkFailure'];
  failureReason?: string | null;
  /** Where the browser stopped: a bundle's, to read an older bundle's Allow-Credentials at that hop. */
  failedAt?: Diagnosis['failedAt'];
  /** The failing hop where `failedAt` is not given (the verdict path's `VerdictOnly.failedHop`). */
  failedHop?: number | null;
  /**
   * Whether the failed check compared Access-Control-Allow-Origin with a `null` Origin a redirect
   * made (`failedOnTaintedOrigin` of the full diagnosis, which the verdict path does not give):
   * asked only for a mismatch after a redirect, whose words say so. Not given: read from the
   * fields when they are a full diagnosis's (`originComparison`, `requestOrigins`), else false.
   */
  originTainted?: () => boolean;
  originComparison?: Diagnosis['originComparison'];
  requestOrigins?: string[];
};

/** One failure's cause: what a group is keyed and titled by. */
export interface Cause<E extends string | null = Diagnosis['corsError']> {
  /** API origin, verdict, Chromium's error and the failing value normalised, as one string. */
  key: string;
  apiOrigin: string;
  verdict: Verdict;
  corsError: E;
  /** The failing value: a header name lower-cased, a method, a value; the network error's text. */
  parameter: string | null;
  /**
   * Why the check failed, where the words depend on it and `parameter` does not tell (`credentialsReason`);
   * null otherwise, and then not in `key`.
   */
  reason?: FailureReason | null;
  /**
   * The preflight answer that refused it with a status that is not ok (`refusedPreflightAt`): its
   * status and the layer that answered tell the words and the fix apart, so they are in `key`;
   * null otherwise, and then not in `key`.
   */
  refused?: RefusedPreflight | null;
  /**
   * Blocked on a 304 that left out the header the check read, to the browser's revalidation of its
   * cached copy (`browser`) or to a request the capture cannot place (`unknown`):
   * `revalidationRefusedAt`, the engine's `Diagnosis.cachedCopyBlocked`. Its fix (the header and
   * Vary: Origin on both the 200 and the 304) and its words are not a plain missing header's, so it
   * is in `key`; null otherwise, and then not in `key`.
   */
  revalidation?: 'browser' | 'unknown' | null;
  /**
   * An Access-Control-Allow-Origin mismatch where a cross-origin redirect made the request's Origin
   * `null` (`Diagnosis.requestOrigins` at the failing hop): the value refused is then often the
   * page's own origin, and the words say so, so it is in `key`; false otherwise, and then not in `key`.
   */
  originTainted?: boolean;
}

/** The errors whose words say when the Origin compared was `null` (`mismatchHeadline`). */
const ORIGIN_MISMATCH_ERRORS: ReadonlySet<string | null> = new Set<Diagnosis['corsError']>(['AllowOriginMismatch', 'PreflightAllowOriginMismatch']);

/** `CauseFields.originTainted` (or `asked`, the same question), asked or read from a full diagnosis's fields. */
function taintedOf(fields: CauseFields<string | null>, asked: (() => boolean) | undefined): boolean {
  if (asked !== undefined) return asked();
  if (fields.originTainted !== undefined) return fields.originTainted();
  const { originComparison, requestOrigins } = fields;
  if (originComparison === undefined || requestOrigins === undefined) return false;
  return failedOnTaintedOrigin({ failedAt: fields.failedAt ?? null, originComparison, requestOrigins });
}

/** Whether `corsError`'s words depend on the request's Origin at the failing hop (`Cause.originTainted`). */
function causeReadsRequestOrigin(corsError: string | null): boolean {
  return ORIGIN_MISMATCH_ERRORS.has(corsError);
}

/**
 * The cause of one exchange, null when it passed (allowed, not CORS). Cheap: no explanation, only
 * the origin of the first URL parsed, so the panel can key every exchange it holds. `originTainted`, when
 * given, answers `CauseFields.originTainted` (asked only for a mismatch after a redirect).
 */
export function causeOf<E extends string | null>(exchange: ObservedExchange, fields: CauseFields<E>, originTainted?: () => boolean): Cause<E> | null {
  if (PASSED.has(fields.verdict)) return null;
  const apiOrigin = serializeOrigin(exchange.hops[0]?.url ?? '');
  const parameter = normalisedParameter(exchange, fields);
  const reason = credentialsReason(exchange, fields);
  const failedHop = fields.failedAt?.hop ?? fields.failedHop ?? 0;
  const refused = fields.verdict === 'blocked' ? refusedPreflightAt(exchange, fields.corsError, failedHop) : null;
  const revalidation = fields.verdict === 'blocked' ? revalidationRefusedAt(exchange, fields.corsError, failedHop) : null;
  const tainted = fields.verdict === 'blocked' && failedHop > 0 && causeReadsRequestOrigin(fields.corsError) && taintedOf(fields, originTainted);
  const parts: unknown[] = [apiOrigin, fields.verdict, fields.corsError, parameter];
  if (reason !== null) parts.push(reason);
  if (refused !== null) parts.push(['refused', refused.status, refused.edge, refused.stack]);
  if (revalidation !== null) parts.push(['revalidation', revalidation]);
  if (tainted) parts.push('origin-null');
  return { key: JSON.stringify(parts), apiOrigin, verdict: fields.verdict, corsError: fields.corsError, parameter, reason, refused, revalidation, originTainted: tainted };
}

const ALLOW_CREDENTIALS_ERRORS: ReadonlySet<string | null> = new Set<Diagnosis['corsError']>(['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials']);
const ALLOW_CREDENTIALS_REASONS: readonly FailureReason[] = ['no-allow-credentials', 'allow-credentials-not-true'];

/**
 * Chromium names '' as the failed parameter both when Access-Control-Allow-Credentials is missing
 * and when it is empty, but the two are worded apart ("Missing …", "Empty …"): the CORS check's
 * reason says which (`failureReason`). A bundle from an older exporter stores no reason: the
 * response it holds tells (`allowCredentialsSeen`). Null for any other cause, where the parameter
 * tells (or the words do not depend on the reason), and where neither tells (a reason that names
 * something else, a response the bundle does not hold): the words then say "missing or empty".
 */
function credentialsReason(exchange: ObservedExchange, fields: CauseFields<string | null>): FailureReason | null {
  if (!ALLOW_CREDENTIALS_ERRORS.has(fields.corsError) || (fields.failedParameter ?? '') !== '') return null;
  if (fields.failureReason === undefined) return allowCredentialsSeen(exchange, fields.corsError === 'PreflightInvalidAllowCredentials', fields.failedAt);
  return ALLOW_CREDENTIALS_REASONS.find((reason) => reason === fields.failureReason) ?? null;
}

/**
 * An older bundle's reason, read from the response the check failed on: the preflight's or the
 * actual response's at the failing hop (the last hop with one when the bundle names none). No
 * Access-Control-Allow-Credentials line is a missing one; a line whose value Chromium named as ''
 * is an empty one. Null when the bundle does not hold that response.
 */
function allowCredentialsSeen(exchange: ObservedExchange, onPreflight: boolean, failedAt: Diagnosis['failedAt'] | undefined): FailureReason | null {
  const answerAt = (i: number): HeaderList | null => {
    const hop = exchange.hops[i];
    return (onPreflight ? hop?.preflight?.response?.headers : hop?.response?.headers) ?? null;
  };
  let headers: HeaderList | null = null;
  if (failedAt !== undefined && failedAt !== null) headers = answerAt(failedAt.hop);
  else for (let i = exchange.hops.length - 1; i >= 0 && headers === null; i--) headers = answerAt(i);
  if (headers === null) return null;
  return headers.some(([name]) => name.toLowerCase() === 'access-control-allow-credentials') ? 'allow-credentials-not-true' : 'no-allow-credentials';
}

/**
 * The origin of the server whose configuration must change: a redirect's target when the browser
 * blocked the answer that came from it (a redirect that tainted the origin is its problem too),
 * else the first URL's, `apiOrigin`. A target that never answered (a refused connection) or an
 * uncertain verdict says nothing of the target's configuration. Causes are keyed by `apiOrigin`
 * (where the page sent them, as the panel keys them too); this only says where the fix goes.
 */
function fixOriginOf(exchange: ObservedExchange, apiOrigin: string, diagnosis: Pick<CauseDiagnosis, 'verdict' | 'failedAt'>): string {
  return fixOriginAt(exchange, apiOrigin, diagnosis.verdict, diagnosis.failedAt?.hop ?? null);
}

/**
 * `fixOriginOf` from the verdict and the failing hop alone, as the verdict path gives them
 * (`VerdictOnly.failedHop`): the panel's cause strip names the same server as the CLI's "Fix on".
 */
export function fixOriginAt(exchange: ObservedExchange, apiOrigin: string, verdict: Verdict, failedHop: number | null): string {
  const hop = failedHop ?? 0;
  if (hop === 0 || verdict !== 'blocked') return apiOrigin;
  const target = exchange.hops[hop];
  const answered = target !== undefined && (target.response !== null || (target.preflight?.response ?? null) !== null);
  return answered ? serializeOrigin(target.url) : apiOrigin;
}

/**
 * The group's "Fix on" line, null when every member's fix is on `apiOrigin`: the redirect target
 * alone when all members share it, else each server with its share, so it is true of every member.
 */
export function fixOnLine(group: Pick<CauseGroup, 'apiOrigin' | 'count' | 'fixOn' | 'fixOnOmitted'>): string | null {
  const [first] = group.fixOn;
  if (first === undefined || (group.fixOn.length === 1 && group.fixOnOmitted === 0 && first.origin === group.apiOrigin)) return null;
  if (group.fixOn.length === 1 && group.fixOnOmitted === 0) return `${first.origin} (the redirect's target, whose answer was refused)`;
  const each = group.fixOn.map(({ origin, count }, i) => `${origin} (${count}${i === 0 ? ` of ${group.count} requests` : ''}${origin === group.apiOrigin ? '' : ', after a redirect'})`);
  if (group.fixOnOmitted > 0) each.push(`${group.fixOnOmitted} more elsewhere`);
  return each.join('; ');
}

function countFixOn(group: CauseGroup, origin: string): void {
  for (const entry of group.fixOn) {
    if (entry.origin === origin) {
      entry.count++;
      return;
    }
  }
  if (group.fixOn.length < FIX_ON_LIMIT) group.fixOn.push({ origin, count: 1 });
  else group.fixOnOmitted++;
}

/** Headers whose names Chromium reports as the failed parameter: compared without case. */
const HEADER_NAME_ERRORS: ReadonlySet<string | null> = new Set<Diagnosis['corsError']>(['HeaderDisallowedByPreflightResponse']);

/**
 * Advice on requests that passed: an advisory of medium or high severity (a trusted `null` or
 * `http:` origin, Authorization let through by `Access-Control-Allow-Headers: *`, which the
 * standard and Firefox refuse), per kind and API origin, worded from its first request. Listing
 * the passed requests themselves would bury the failures; these are what works today and should
 * change. Low ones (`Vary: Origin` missing...) stay with each request (`--json`, the panel).
 */
export interface PassedAdvice {
  advisory: Advisory;
  apiOrigin: string;
  count: number;
}

/** At most this many kinds × API origins are kept: a hostile capture may name any number of servers. */
const PASSED_ADVICE_LIMIT = 20;

/** Collects exchanges one at a time; read the groups when all were added. */
export class CauseGroups {
  private readonly byKey = new Map<string, CauseGroup>();
  private readonly origins = new Map<string, ApiOrigin>();
  /**
   * Per server (`fixOriginOf`), the first layer in front of an app that refused a preflight itself
   * (`RefusedPreflight.front`): the app's configuration never sees those OPTIONS, so the one
   * configuration is that layer's.
   */
  private readonly refusedInFront = new Map<string, ServerStack>();
  /**
   * The servers (`fixOriginOf`) where Cloudflare's security rules challenged a preflight: the app
   * behind never saw it, but will once a rule lets it through, so its configuration is the app's
   * (another request revealed it), after that rule.
   */
  private readonly challenged = new Set<string>();
  private readonly examples: number;
  /** Requests that passed (allowed, not CORS), counted by verdict only. */
  readonly passed = new Map<Verdict, number>();
  private readonly advice = new Map<string, PassedAdvice>();
  /** Advisories left out of `passedAdvice()` because PASSED_ADVICE_LIMIT entries were kept. */
  passedAdviceOmitted = 0;
  private added = 0;

  constructor(options: CauseGroupsOptions = {}) {
    this.examples = options.examples ?? 3;
  }

  add(exchange: ObservedExchange, diagnosis: Diagnosis): void {
    this.addCause(exchange, diagnosis, () => diagnosis);
  }

  /**
   * `add` from the fields a cause and a server configuration read (`diagnoseCause`): the full
   * diagnosis, `diagnosed()`, is asked for only by the first member of each group, which the group
   * is explained by. It must be the diagnosis those fields come from.
   */
  addCause(exchange: ObservedExchange, diagnosis: CauseDiagnosis, diagnosed: () => Diagnosis): void {
    const index = this.added++;
    const url = exchange.hops[0]?.url ?? '';
    // The full diagnosis at most once, for the group's first member, the origin's stack and the cause alike.
    let full: Diagnosis | undefined;
    const once = (): Diagnosis => (full ??= diagnosed());
    // The diagnosis as given (a copy of it per exchange, spread, made every field's read megamorphic).
    const cause = causeOf(exchange, diagnosis, () => failedOnTaintedOrigin(once()));
    // A redirect target whose answer the browser blocked: its configuration is the one to change,
    // and the request counts there, not in the first server's (`ServerConfig.requests`).
    const apiOrigin = cause?.apiOrigin ?? serializeOrigin(url);
    const fixOrigin = cause === null ? apiOrigin : fixOriginOf(exchange, apiOrigin, diagnosis);
    // Before the origin's stack is read: a challenged preflight names Cloudflare, and the app behind
    // it is then read from the other requests (`addToOrigin`).
    if (cause?.refused?.edge === 'cloudflare-challenge') this.challenged.add(fixOrigin);
    this.addToOrigin(fixOrigin, exchange, diagnosis, once);
    if (cause === null) {
      this.passed.set(diagnosis.verdict, (this.passed.get(diagnosis.verdict) ?? 0) + 1);
      if (diagnosis.verdict === 'allowed') this.addAdvice(apiOrigin, diagnosis.advisories);
      return;
    }
    if (cause.refused?.front === true && cause.refused.stack !== null && !this.refusedInFront.has(fixOrigin)) this.refusedInFront.set(fixOrigin, cause.refused.stack);
    let group = this.byKey.get(cause.key);
    if (group === undefined) {
      group = { ...cause, fixOn: [], fixOnOmitted: 0, title: '', count: 0, redirects: 0, errorStatuses: 0, requests: [], first: { exchange, diagnosis: once(), index } };
      this.byKey.set(cause.key, group);
    }
    group.count++;
    countFixOn(group, fixOrigin);
    const status = refusedResponseStatus(exchange, diagnosis.failedAt);
    if (diagnosis.failedAt !== null && diagnosis.failedAt.phase !== 'preflight' && isRedirectHop(exchange, diagnosis.failedAt.hop)) group.redirects++;
    else if (status >= 400) group.errorStatuses++;
    if (group.requests.length < this.examples) group.requests.push({ method: exchange.request.method, url });
  }

  private addToOrigin(apiOrigin: string, exchange: ObservedExchange, diagnosis: CauseDiagnosis, diagnosed: () => Diagnosis): void {
    let entry = this.origins.get(apiOrigin);
    if (entry === undefined) {
      entry = { stack: undefined, layerNamed: false, awsEntry: null, corsSentBy: [], corsMaybeSentBy: [], sentByReads: 0, revealed: null, need: emptyNeed(), requests: 0, blocked: 0 };
      this.origins.set(apiOrigin, entry);
    }
    entry.requests++;
    // The stack the first blocked request's own fix is for, from the same reading (`stacksOf`):
    // the configuration and that request's block name the same server. Where its headers name no
    // layer at all (a request redirected there, whose Origin: null answer shows no library's
    // shape), the first stack another request to it revealed, read the same way (an allowed
    // preflight's own defaults often name it); not where they name one that has no fix of its own
    // (a CDN that refused the preflight itself: the app behind it never saw it).
    if (diagnosis.verdict === 'blocked') entry.blocked++;
    if (diagnosis.verdict === 'blocked' && entry.stack === undefined) {
      const full = diagnosed();
      const reading = stackReadingOf(full, exchange);
      entry.stack = stacksOf(full, exchange, reading)[0] ?? null;
      entry.layerNamed = reading.layers.some((layer) => layer.names.some((name) => name !== 'unknown' && name !== 'proxy'));
      entry.awsEntry = awsEntryOf(reading.layers);
      entry.corsSentBy = corsSentByOf(reading.headers);
      entry.corsMaybeSentBy = corsMaybeSentByOf(reading.headers);
      entry.sentByReads = 1;
    } else {
      if (diagnosis.verdict === 'blocked' && entry.sentByReads < SENT_BY_READS) {
        entry.sentByReads++;
        const { headers } = stackReadingOf(diagnosed(), exchange);
        for (const layer of corsSentByOf(headers)) if (!entry.corsSentBy.includes(layer)) entry.corsSentBy.push(layer);
        for (const layer of corsMaybeSentByOf(headers)) if (!entry.corsMaybeSentBy.includes(layer)) entry.corsMaybeSentBy.push(layer);
      }
      if (entry.revealed === null && (entry.stack === undefined || entry.stack === null)) entry.revealed = revealedStack(diagnosed(), exchange);
    }
    addToNeed(entry.need, diagnosis, exchange);
  }

  private addAdvice(apiOrigin: string, advisories: readonly Advisory[]): void {
    for (const advisory of advisories) {
      if (advisory.severity !== 'high' && advisory.severity !== 'medium') continue;
      const key = `${advisory.kind}\n${apiOrigin}`;
      const entry = this.advice.get(key);
      if (entry !== undefined) entry.count++;
      else if (this.advice.size < PASSED_ADVICE_LIMIT) this.advice.set(key, { advisory, apiOrigin, count: 1 });
      else this.passedAdviceOmitted++;
    }
  }

  /** `PassedAdvice`, high before medium, then first seen first. */
  passedAdvice(): PassedAdvice[] {
    return [...this.advice.values()].sort((a, b) => (a.advisory.severity === b.advisory.severity ? 0 : a.advisory.severity === 'high' ? -1 : 1));
  }

  /**
   * The failures by cause: most requests first, then in the order first seen. `browser`: whose words
   * the titles may quote (`causeTitle`). A title marks a value it cut with `...`: only the CLI and
   * the report (copied from the panel too) print these titles, and what they print stays ASCII (`CutMark`).
   */
  groups(browser: 'chromium' | 'firefox' = 'chromium'): CauseGroup[] {
    const groups = [...this.byKey.values()].sort((a, b) => b.count - a.count || a.first.index - b.first.index);
    const titles = distinctTitles(groups.map((group) => ({ ...group, noApiOrigin: noApiOrigin(group) })), groups.map((group) => causeTitleIn(group, browser, '...')), false, '...');
    for (let i = 0; i < groups.length; i++) groups[i]!.title = titles[i]!;
    return groups;
  }

  /**
   * One merged configuration per API origin with at least one request blocked by CORS, first seen
   * first. Requests with no server origin (a captured URL that is no URL, `file:`, `data:`) have no
   * server to configure: their groups say so, and no "configuration for null" is written (M6).
   */
  serverConfigs(): ServerConfig[] {
    const configs: ServerConfig[] = [];
    for (const [apiOrigin, { stack: blockedStack, layerNamed, awsEntry, corsSentBy, corsMaybeSentBy, revealed, need, requests, blocked }] of this.origins) {
      if (blocked === 0 || apiOrigin === 'null') continue;
      const target = apiOrigin;
      const challenged = this.challenged.has(apiOrigin);
      const stack = this.refusedInFront.get(apiOrigin) ?? blockedStack ?? (layerNamed && !challenged ? null : revealed);
      const fix = mergedFix(stack, need, target, stack === blockedStack ? awsEntry : null, corsSentBy, corsMaybeSentBy.filter((layer) => !corsSentBy.includes(layer)));
      configs.push({ apiOrigin, stack, need, requests, blocked, fix: challenged ? { ...fix, trap: [CHALLENGED_FIRST, fix.trap].filter((t) => t !== undefined).join(' ') } : fix });
    }
    return configs;
  }
}

/** The status of the response (not a preflight's) the browser refused, 0 when none was. */
function refusedResponseStatus(exchange: ObservedExchange, failedAt: CauseDiagnosis['failedAt']): number {
  if (failedAt === null || failedAt.phase === 'preflight') return 0;
  return exchange.hops[failedAt.hop]?.response?.status ?? 0;
}

/**
 * A note for a group whose requests were not all refused on the same kind of answer: how many were
 * redirects and error statuses, which need the headers too. Null when they all were of one kind
 * (the group's example then explains it).
 */
export function answerKindsNote(group: Pick<CauseGroup, 'count' | 'redirects' | 'errorStatuses'>): string | null {
  const { count, redirects, errorStatuses } = group;
  if (redirects + errorStatuses === 0 || redirects === count || errorStatuses === count) return null;
  const parts: string[] = [];
  if (redirects > 0) parts.push(`${redirects} answered with a redirect (3xx)`);
  if (errorStatuses > 0) parts.push(`${errorStatuses} with an error status (4xx, 5xx)`);
  return `Of these ${count} requests, ${parts.join(' and ')}: those answers need the CORS headers too (servers often add them to 2xx answers only, and the browser checks a redirect before following it).`;
}

function normalisedParameter(exchange: ObservedExchange, diagnosis: CauseFields<string | null>): string | null {
  if (diagnosis.corsError === null) return diagnosis.networkFailure?.errorText ?? exchange.errorText ?? null;
  const parameter = (diagnosis.failedParameter ?? '').trim();
  return HEADER_NAME_ERRORS.has(diagnosis.corsError) ? parameter.toLowerCase() : parameter;
}

const CHALLENGED_FIRST =
  "First, Cloudflare's security rules challenged a preflight to it, which no header gets past: add a WAF custom rule that skips them for OPTIONS requests with Origin and Access-Control-Request-Method (that request's fix), then this configuration answers them.";

const NEVER_NULL = 'Never allow null: sandboxed iframes and other opaque origins send it too.';

/**
 * Where the reader of a server configuration's note can see the layers each request's answers
 * revealed, which the note points to: `explain --json`'s `stack` (the CLI's text, where the command
 * is at hand), a blocked request's Layers line in CORS Inspector's detail (a report copied from the
 * panel or from diagnosis.html, which both show it: FixFirst's `Layers`), or nowhere the surface
 * shows (a report written by the CLI, read where neither may be at hand): no pointer then.
 */
export type LayersShownIn = 'explain-json' | 'panel-detail' | 'none';

/**
 * The stacks to write the one configuration for when the server must answer both kinds of request
 * (the page's origin with credentials, and `*` for the ones that came with Origin: null) and no
 * server software was recognised from its answers (none named itself, or a web server in front
 * could have set the headers as well as the app): `ServerConfig.fix` is then plain headers for the
 * page's origin alone, and the one configuration exists only per stack, for the layer that adds the
 * headers. Null when that is not so (a recognised stack's note says what its snippet does).
 */
export function unrecognisedServerStacks(need: MergedNeed, stack: ServerStack | null): readonly ServerStack[] | null {
  return stack === null && need.taintedPlain && need.originCredentials ? nullOriginAnyStacks() : null;
}

const LAYERS_POINTER: Record<LayersShownIn, string> = {
  'explain-json': '; `cors-inspector explain --json` names the layers it saw under stack',
  'panel-detail': "; in CORS Inspector's panel or diagnosis.html, a blocked request's detail names any layers it saw on its Layers line",
  none: '',
};

/** Said of `unrecognisedServerStacks`, pointing to where `layersShownIn` shows the layers seen. */
function unrecognisedServerWords(stacks: readonly ServerStack[], layersShownIn: LayersShownIn, origins: number): string {
  return `The server software was not recognised from its answers, so the snippet below is plain headers for ${origins > 1 ? 'the page origins' : "the page's origin"} alone, not for Origin: null. The one configuration that answers both is written for ${nullOriginAnyStackWords(stacks)}: write it for the layer that adds your CORS headers (the web server in front when its configuration adds them, else the app${LAYERS_POINTER[layersShownIn]}), not for a layer that only passes them on.`;
}

/**
 * Said of a server some request reached after a cross-origin redirect (`MergedNeed.originTainted`),
 * worded for what the configuration can do: `*` serves the ones without credentials, unless
 * requests with the page's origin need credentials (one header value cannot be both); nothing
 * serves the ones with credentials.
 */
export function taintedNeedNote(need: MergedNeed, stack: ServerStack | null, layersShownIn: LayersShownIn, apiOrigin: string | null = null): string {
  const said: string[] = [];
  const unrecognised = unrecognisedServerStacks(need, stack);
  if (need.taintedPlain) {
    said.push(
      need.originCredentials && need.origins.length > 0 && servesNullOriginAny(stack)
        ? `Some requests reached it without credentials after a redirect from another origin, so the browser sent Origin: null, and others came with ${need.origins.length > 1 ? 'a page origin' : "the page's origin"} and credentials: the snippet answers both, ${need.origins.length > 1 ? 'each page origin with itself' : "the page's origin"} with credentials and * when the Origin is null. The browser accepts * only for a request without credentials (a request with credentials and Origin: null is still refused), but any page can send Origin: null (a sandboxed iframe does, on any site): it can read what this server answers a request with no cookies and no Authorization. Or have the page call this server directly.${privateApiWords(apiOrigin)}`
        : need.originCredentials
        ? `Some requests reached it without credentials after a redirect from another origin, so the browser sent Origin: null: only Access-Control-Allow-Origin: * lets them through, and the requests that came with the page's origin need it named with credentials, which * cannot be combined with in one header. Answer * (without Access-Control-Allow-Credentials) when the request's Origin is null and the page's origin as below otherwise, or have the page call this server directly.${unrecognised === null ? '' : ` ${unrecognisedServerWords(unrecognised, layersShownIn, need.origins.length)}`}${privateApiWords(apiOrigin)}`
        : answersNullApart(need, stack)
        ? `Some requests reached it without credentials after a redirect from another origin, so the browser sent Origin: null: the snippet answers * when the Origin is null, and each page origin with itself. Any page can send Origin: null (a sandboxed iframe does, on any site): it can read what this server answers a request with no cookies and no Authorization. Or have the page call this server directly.${privateApiWords(apiOrigin)}`
        : `Some requests reached it without credentials after a redirect from another origin, so the browser sent Origin: null: only Access-Control-Allow-Origin: * lets them through, and the snippet sends * to every request${need.origins.length > 0 ? ` (in place of the page origin${need.origins.length === 1 ? '' : 's'} it names otherwise)` : ''}: any page on any site can then read every response this server gives to a request with no cookies and no Authorization. ${need.origins.length > 0 ? "Where the server can, answer * only when the request's Origin is null and each page origin with itself; or" : 'Or'} have the page call this server directly.${privateApiWords(apiOrigin)}`,
    );
  }
  if (need.taintedCredentials) {
    said.push(
      `${onlyTaintedWithCredentials(need) ? 'Every request' : 'Some requests'} reached it with credentials after a redirect from another origin, so the browser sent Origin: null: no server setting lets ${onlyTaintedWithCredentials(need) ? 'them' : 'those'} through safely (with credentials the browser refuses *, and only null would match). Have the page call this server directly.`,
    );
  }
  return `${said.join(' ')} ${NEVER_NULL}`;
}

/**
 * Said when the API `*` is sent for is on a loopback or private address: there `*` lets a website
 * the user opens read what only the user's network position reaches
 * (https://wicg.github.io/local-network-access/#ip-address-space). Empty for any other host. The
 * same words under either browser's rules: Chromium 156 and Firefox ESR 153 both ask the user
 * (browser-rules.ts, test/conformance/firefox-lna.test.ts).
 */
function privateApiWords(apiOrigin: string | null): string {
  const space = apiOrigin === null ? null : addressSpaceOfUrl(apiOrigin);
  if (space === null || space.space === 'public') return '';
  const where = space.space === 'loopback' ? "on a loopback address (the user's own machine)" : 'on a private network address';
  return ` This server (${apiOrigin}) is ${where}: a website cannot reach it from outside, but through the browser of a user who can, * lets any website that user opens read it (Chromium and Firefox ask the user first, under Local Network Access; other browsers, and older versions, may not ask). Do not count on the network to keep those responses private.`;
}

/**
 * Said of a server configuration's page origins (`MergedNeed.origins`): they are the ones the
 * capture's requests came from, which the reader must check are theirs (a capture someone sent may
 * name any); an `http:` origin given credentials to an `https:` API (a page anyone on its network
 * path can rewrite, and with it read the API as the user); origins that name an IP address. Null
 * when there is no page origin.
 */
export function pageOriginsNote(need: MergedNeed, apiOrigin: string | null): string | null {
  if (need.origins.length === 0) return null;
  const said = [
    `The page origin${need.origins.length === 1 ? ' is the one' : 's are the ones'} this capture's requests came from: keep in the snippet only origins you own and serve the page from.`,
  ];
  const credentials = need.originCredentials || need.server.credentials;
  const plainHttp = need.origins.filter((o) => o.startsWith('http://') && addressSpaceOfUrl(o)?.space !== 'loopback');
  if (credentials && apiOrigin?.startsWith('https://') === true && plainHttp.length > 0) {
    said.push(
      `${plainHttp.join(', ')} ${plainHttp.length === 1 ? 'is' : 'are'} plain http and ${plainHttp.length === 1 ? 'gets' : 'get'} credentialed access to this https API: anyone on the network path can rewrite a page served over http and read this API as the user through it. Serve the page over https only, and take the http origin out of the list.`,
    );
  }
  const ips = need.origins.filter((o) => /^[a-z][a-z0-9+.-]*:\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])(?::\d+)?$/i.test(o));
  if (ips.length > 0) {
    said.push(
      `${ips.join(', ')} ${ips.length === 1 ? 'names an IP address' : 'name IP addresses'}, not a host name: allow ${ips.length === 1 ? 'it' : 'them'} only where the page is served from that address (a development or intranet address left in a production configuration lets in whatever page later answers there).`,
    );
  }
  return said.join(' ');
}

/** What tells a group's API origin: its key's, and its first request (the panel's groups too). */
type OriginOfGroup = Pick<CauseGroup, 'apiOrigin'> & { first: { exchange: Pick<ObservedExchange, 'hops'> } };

/**
 * Why a group has no API origin, or null when it has one: its captured URL is no URL (an edited
 * capture), whose origin is kept as `null`, the key it is grouped by, and would read as the opaque
 * origin a sandboxed page sends. Every surface says so in these words (`apiOriginWords`).
 */
export function noApiOrigin(group: OriginOfGroup): string | null {
  return group.apiOrigin === 'null' && urlOrigin(group.first.exchange.hops[0]?.url ?? '') === null ? 'the captured URL is not a valid URL' : null;
}

/** The group's API origin as a reader is told it: `none (the captured URL is not a valid URL)` when it has none. */
export function apiOriginWords(group: OriginOfGroup, origin: (apiOrigin: string) => string = (apiOrigin) => apiOrigin): string {
  const none = noApiOrigin(group);
  return none === null ? origin(group.apiOrigin) : `none (${none})`;
}

/**
 * `x-trace not in Access-Control-Allow-Headers - 37 requests`: a hyphen where the panel, which may
 * set type, passes its dash (`'—'`); what the CLI prints, the report included, stays ASCII.
 */
export function groupLine(group: Pick<CauseGroup, 'title' | 'count'>, dash: '-' | '—' = '-'): string {
  return `${group.title} ${dash} ${group.count} request${group.count === 1 ? '' : 's'}`;
}

/**
 * The stack a request's answers revealed of the server it is counted on, as its own fix would read
 * them: the first of its `stacksOf` that its reading (the answers of that server's hop) names.
 * `stacksOf` adds those seen on its other hops to the same origin after them.
 */
function revealedStack(diagnosis: Diagnosis, exchange: ObservedExchange): ServerStack | null {
  const reading = stackReadingOf(diagnosis, exchange);
  return stacksOf(diagnosis, exchange, reading).find((stack) => reading.layers.some((layer) => layer.names.includes(stack))) ?? null;
}

/**
 * The response headers that tell which software answered: the last response the request got,
 * else the last preflight's (a request blocked at its preflight has no other).
 */
export function serverStackHeaders(exchange: ObservedExchange): HeaderList {
  for (let i = exchange.hops.length - 1; i >= 0; i--) {
    const hop = exchange.hops[i]!;
    if (hop.response !== null) return hop.response.headers;
    if (hop.preflight?.response) return hop.preflight.response.headers;
  }
  return [];
}
