// Facts the wording needs, read once from a Diagnosis and the exchange it was computed from:
// which hop failed, its URL, what the page's origin was, and what each response carried.
// Nothing here decides anything; it only looks values up.

import type { Diagnosis } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from '../exchange.ts';
import { headerLinesJoined } from '../header-list.ts';
import { requestAtHop } from '../redirect.ts';
import { remembering } from './memo.ts';

/** Splits a comma-separated header value into trimmed, non-empty items. */
export function splitList(value: string | null): string[] {
  const items: string[] = [];
  if (value === null) return items;
  // One loop rather than map and filter: run for every preflight's list, the chain made two arrays
  // and two closures a call, and was where its optimized callers were thrown away (a new map).
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item.length > 0) items.push(item);
  }
  return items;
}

export interface ExplainFacts {
  /** The hop the browser stopped at (0 when it did not stop). */
  hop: number;
  hopData: ObservedHop | undefined;
  /** The URL the page asked for. */
  firstUrl: string;
  /** The URL of the failing hop. */
  url: string;
  /**
   * Whether the failing hop's URL differs from the first, as captured: after a redirect to a URL that
   * differs only in a secret, both may read the same once masked (`ObservedHop.urlDiffersFromFirst`).
   */
  urlChanged: boolean;
  /** The page's origin (serialized), as the console names it. */
  pageOrigin: string;
  /** The origin the browser sent at the failing hop (`null` after a tainting redirect). */
  hopOrigin: string;
  /**
   * Whether a redirect to another origin tainted the request's origin before the failing hop
   * (https://fetch.spec.whatwg.org/#concept-request-tainted-origin): the browser sent `Origin: null`
   * there though the page has an origin of its own (not an opaque page, whose origin is `null` anyway).
   */
  originTainted: boolean;
  /** The method the page's request started with. */
  firstMethod: string;
  /**
   * Whether the page's own origin is opaque (a sandboxed iframe, a data: or file: document): the
   * browser sent `Origin: null` from the first hop on (https://html.spec.whatwg.org/#concept-origin-opaque).
   */
  originOpaque: boolean;
  /**
   * The method sent at the failing hop: a 303 (or a 301/302 of a POST) made it `GET` on the way
   * (https://fetch.spec.whatwg.org/#http-redirect-fetch step 12), and a preflight there asked for that.
   */
  method: string;
  credentials: boolean;
  /** Whether the failure happened on the preflight. */
  onPreflight: boolean;
}

/**
 * Values computed once per `explain()` call and read by several of its parts (the facts, the
 * needed policy): set by `explain()` for the length of one call, so nothing outlives it and a
 * Diagnosis changed between calls is never answered from an old one.
 */
interface ExplainScope {
  diagnosis: Diagnosis;
  exchange: ObservedExchange;
  facts: ExplainFacts | null;
  memo: Map<string, unknown>;
}
let scope: ExplainScope | null = null;

/**
 * Runs `body` with the per-call memo for (diagnosis, exchange); calls nest safely. Within a scope
 * for the same pair (`explain --json` explaining an exchange and adding it to its cause's group),
 * that scope's memo serves both: what it holds depends on the pair alone. Not within `withoutMemo`.
 */
export function withExplainScope<T>(diagnosis: Diagnosis, exchange: ObservedExchange, body: () => T): T {
  const outer = scope;
  if (outer !== null && outer.diagnosis === diagnosis && outer.exchange === exchange && remembering()) return body();
  scope = { diagnosis, exchange, facts: null, memo: new Map() };
  try {
    return body();
  } finally {
    scope = outer;
  }
}

/** `compute()`, once per `explain()` call for the same (diagnosis, exchange) and `key`. */
export function scoped<T>(key: string, diagnosis: FactsDiagnosis, exchange: ObservedExchange, compute: () => T): T {
  const current = scope;
  if (current === null || current.diagnosis !== diagnosis || current.exchange !== exchange) return compute();
  if (current.memo.has(key)) return current.memo.get(key) as T;
  const value = compute();
  current.memo.set(key, value);
  return value;
}

/** What the facts read of a diagnosis (a log's grouping has only these: `diagnoseCause`). */
export type FactsDiagnosis = Pick<Diagnosis, 'failedAt' | 'networkFailure' | 'requestOrigins' | 'credentialsMode'>;

export function explainFacts(diagnosis: FactsDiagnosis, exchange: ObservedExchange): ExplainFacts {
  const current = scope;
  if (current !== null && current.diagnosis === diagnosis && current.exchange === exchange) {
    return (current.facts ??= readExplainFacts(diagnosis, exchange));
  }
  return readExplainFacts(diagnosis, exchange);
}

function readExplainFacts(diagnosis: FactsDiagnosis, exchange: ObservedExchange): ExplainFacts {
  const hop = diagnosis.failedAt?.hop ?? diagnosis.networkFailure?.hop ?? 0;
  const hopData = exchange.hops[hop] ?? exchange.hops[exchange.hops.length - 1];
  const firstUrl = exchange.hops[0]?.url ?? '';
  // The Origin header is read only when the capture did not name the page's origin (it mostly does).
  const pageOrigin = exchange.request.initiatorOrigin ?? headerLinesJoined(exchange.request.headers, 'origin') ?? diagnosis.requestOrigins[0] ?? 'null';
  const hopOrigin = diagnosis.requestOrigins[hop] ?? pageOrigin;
  const firstOrigin = diagnosis.requestOrigins[0] ?? pageOrigin;
  return {
    hop,
    hopData,
    firstUrl,
    url: hopData?.url ?? firstUrl,
    urlChanged: hopData !== undefined && (hopData.url !== firstUrl || hopData.urlDiffersFromFirst === true),
    pageOrigin,
    hopOrigin,
    originTainted: hop > 0 && hopOrigin === 'null' && firstOrigin !== 'null',
    firstMethod: exchange.request.method,
    originOpaque: pageOrigin === 'null' && hopOrigin === 'null',
    method: hop > 0 ? requestAtHop(exchange, hop).method : exchange.request.method,
    credentials: diagnosis.credentialsMode === 'include',
    onPreflight: diagnosis.failedAt?.phase === 'preflight' || diagnosis.networkFailure?.phase === 'preflight',
  };
}

// Response headers nobody needs to expose: CORS's own, hop-by-hop ones, and ones browsers never
// give to scripts (Set-Cookie). Listing them in Access-Control-Expose-Headers would be noise.
const NOT_WORTH_EXPOSING = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'date', 'server', 'vary', 'x-powered-by', 'set-cookie', 'set-cookie2',
  'alt-svc', 'strict-transport-security', 'timing-allow-origin', 'upgrade', 'proxy-connection',
]);

/** Whether a hidden response header is one an application may want to read. */
export function worthExposing(name: string): boolean {
  const n = name.toLowerCase();
  return !n.startsWith('access-control-') && !NOT_WORTH_EXPOSING.has(n);
}
