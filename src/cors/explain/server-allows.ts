// What the server already allows, read from its own CORS answers, and the lists a fix sends: the
// server's values kept, the request's needs added. A fix that listed only what this request needs
// would, applied in place of the server's CORS lines, take away what the server's other calls rely
// on (credentials, Authorization, PUT, …): it must keep the server's list and add to it.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps: methods, header names, credentials)
// https://fetch.spec.whatwg.org/#http-access-control-allow-headers

import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { headerLinesJoined, lowerHeaderName, toAsciiLowerCase } from '../header-list.ts';
import { FIREFOX_MAX_AGE_CAP } from '../max-age.ts';
import { splitList } from './facts.ts';
import { isToken } from './snippet-values.ts';

export interface ServerAllows {
  /** Access-Control-Allow-Methods items, as sent (methods compare case-sensitively), each once. */
  methods: string[];
  /** Access-Control-Allow-Headers items, in the server's first spelling, each once (case-insensitively). */
  headers: string[];
  /** Access-Control-Expose-Headers items, the same way. */
  expose: string[];
  /** Whether an answer carried `Access-Control-Allow-Credentials: true`. */
  credentials: boolean;
  /** The largest `Access-Control-Max-Age` (delta-seconds) an answer carried; null when none did. */
  maxAge: number | null;
  /**
   * Items that are not HTTP tokens (a list the browser could not parse): no snippet carries them.
   * Those of Access-Control-Allow-Methods apart (an unparsable one is read as `keptMethods`).
   */
  dropped: string[];
  droppedMethods: string[];
  /**
   * The distinct methods, request headers and exposed headers left out because SERVER_ALLOWS_LIMIT
   * of their kind were kept already, each once (`m:`, `h:`, `e:` and its key): a snippet that
   * replaces the server's lines loses them, so the words say how many (`keptFromServerWords`).
   */
  cut: string[];
}

/**
 * At most this many values of each kind are kept: a hostile capture may hold a list of millions. Far
 * above any real server's list (a long Access-Control-Allow-Headers names a few dozen), so that a
 * real one is kept whole; past it, `cut` counts what was left out.
 */
export const SERVER_ALLOWS_LIMIT = 1024;

export function noServerAllows(): ServerAllows {
  return { methods: [], headers: [], expose: [], credentials: false, maxAge: null, dropped: [], droppedMethods: [], cut: [] };
}

const DELTA_SECONDS = /^[0-9]{1,10}$/;

/** Adds one response's CORS headers to `into` (in place): a preflight's, or an actual response's. */
export function addServerAnswer(into: ServerAllows, headers: HeaderList | undefined): void {
  if (headers === undefined) return;
  const list = (name: string, target: string[], caseless: boolean): void => {
    const dropped = target === into.methods ? into.droppedMethods : into.dropped;
    for (const item of splitList(headerLinesJoined(headers, name))) {
      if (!isToken(item)) {
        if (dropped.length < SERVER_ALLOWS_LIMIT && !dropped.includes(item)) dropped.push(item);
      } else {
        addItem(into, target, item, caseless);
      }
    }
  };
  list('access-control-allow-methods', into.methods, false);
  list('access-control-allow-headers', into.headers, true);
  list('access-control-expose-headers', into.expose, true);
  // https://fetch.spec.whatwg.org/#concept-cors-check step 7: the value `true`, byte for byte.
  if (headerLinesJoined(headers, 'access-control-allow-credentials')?.trim() === 'true') into.credentials = true;
  const age = headerLinesJoined(headers, 'access-control-max-age')?.trim();
  // Capped at Firefox's cap (Chromium keeps 7,200 s): no browser keeps more, and a 10-digit value
  // copied into a snippet is out of range for Spring's int, S3's and IIS's 32-bit fields.
  if (age !== undefined && DELTA_SECONDS.test(age)) into.maxAge = Math.min(FIREFOX_MAX_AGE_CAP, Math.max(into.maxAge ?? 0, Number(age)));
}

/** `b` added to `a` (in place): the union of two servers' answers, as a server configuration merges them. */
export function addServerAllows(a: ServerAllows, b: ServerAllows): void {
  for (const m of b.methods) addItem(a, a.methods, m, false);
  for (const h of b.headers) addItem(a, a.headers, h, true);
  for (const h of b.expose) addItem(a, a.expose, h, true);
  for (const c of b.cut) addCut(a, c);
  for (const d of b.dropped) if (a.dropped.length < SERVER_ALLOWS_LIMIT && !a.dropped.includes(d)) a.dropped.push(d);
  for (const d of b.droppedMethods) if (a.droppedMethods.length < SERVER_ALLOWS_LIMIT && !a.droppedMethods.includes(d)) a.droppedMethods.push(d);
  if (b.credentials) a.credentials = true;
  if (b.maxAge !== null) a.maxAge = Math.max(a.maxAge ?? 0, b.maxAge);
}

/**
 * What the server of `exchange`'s hop `hop` answered: that hop's preflight and response, and those
 * of every other hop to the same origin (one server, several answers: their union).
 */
export function serverAllowsAt(exchange: ObservedExchange, hop: number): ServerAllows {
  const out = noServerAllows();
  const origin = originOf(exchange.hops[hop]?.url);
  exchange.hops.forEach((h, i) => {
    if (i !== hop && (origin === null || originOf(h.url) !== origin)) return;
    addServerAnswer(out, h.preflight?.response?.headers);
    addServerAnswer(out, h.response?.headers);
  });
  return out;
}

/**
 * `addServerAllows(into, serverAllowsAt(exchange, hop))`, for a server configuration that adds the
 * requests of a server one after another (`addToNeed`): tens of thousands of them in a big capture,
 * whose answers carry a few distinct sets of CORS lines (the 45,000-entry benchmark HAR: 15). A
 * one-hop exchange's answers are read once per distinct set (`answersKey`), and a set `into` has
 * taken already is not added again: adding the same answers twice changes nothing (each list keeps
 * an item once, `cut` and `dropped` too; credentials and Max-Age only grow).
 */
export function addServerAllowsAt(into: ServerAllows, exchange: ObservedExchange, hop: number): void {
  // Hop 0 of one: what is read is that hop's answers alone (any other `hop` reads none of them).
  const only = exchange.hops.length === 1 && hop === 0 ? exchange.hops[0]! : undefined;
  const key = only === undefined ? null : answersKey(only.preflight?.response?.headers, only.response?.headers);
  if (key === null) {
    addServerAllows(into, serverAllowsAt(exchange, hop));
    return;
  }
  let answers = answersRead.get(key);
  if (answers === undefined) {
    answers = serverAllowsAt(exchange, hop);
    if (answersRead.size >= ANSWERS_READ_LIMIT) answersRead.clear();
    answersRead.set(key, answers);
  }
  let taken = answersTaken.get(into);
  if (taken === undefined) answersTaken.set(into, (taken = new Set()));
  if (taken.has(answers)) return;
  // Bounded as `answersRead` is: a capture of tens of thousands of distinct answers to one server
  // (a hostile one's long lists) would otherwise keep every one alive for the whole run.
  if (taken.size >= ANSWERS_TAKEN_LIMIT) taken.clear();
  taken.add(answers);
  addServerAllows(into, answers);
}

/** The answers read, by `answersKey` (bounded: emptied when full). Never changed once read. */
const answersRead = new Map<string, ServerAllows>();
const ANSWERS_READ_LIMIT = 256;
/** Which of those each ServerAllows has taken (bounded: emptied when full; adding again changes nothing). */
const answersTaken = new WeakMap<ServerAllows, Set<ServerAllows>>();
const ANSWERS_TAKEN_LIMIT = 64;
/** Longer keys (a hostile capture's long lists) are not kept: their answers are read each time. */
const ANSWERS_KEY_LIMIT = 4096;

/**
 * Every `access-control-*` line of a preflight's answer and of a response (a superset of what
 * `addServerAnswer` reads), each as its lower-case name and its value with their lengths before them,
 * so no two sets of lines share a key; null past ANSWERS_KEY_LIMIT characters.
 */
function answersKey(preflight: HeaderList | undefined, response: HeaderList | undefined): string | null {
  let key = 'p';
  for (let list = 0; list < 2; list++) {
    const headers = list === 0 ? preflight : response;
    if (list === 1) key += 'r';
    if (headers !== undefined) {
      for (let i = 0; i < headers.length; i++) {
        const [name, value] = headers[i]!;
        // `access-control-` is 15 characters; the names read are 22 to 32.
        if (name.length < 22 || (name.charCodeAt(0) | 0x20) !== 0x61) continue;
        const lower = lowerHeaderName(name);
        if (!lower.startsWith('access-control-')) continue;
        key += `${lower.length},${value.length}:${lower}${value}`;
        if (key.length > ANSWERS_KEY_LIMIT) return null;
      }
    }
  }
  return key;
}

function originOf(url: string | undefined): string | null {
  const m = url === undefined ? null : /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return m === null ? null : m[0].toLowerCase();
}

/**
 * The keys (lower-cased where names compare so) of the items a list of a ServerAllows holds or cut,
 * kept beside it: a list of SERVER_ALLOWS_LIMIT items is too long to scan for each new item of a
 * hostile capture's millions.
 */
const keysOf = new WeakMap<string[], Set<string>>();

/**
 * `item` appended to `list` (one of `into`'s lists) unless it has it; past SERVER_ALLOWS_LIMIT
 * items, counted in `into.cut` instead (each distinct item once).
 */
function addItem(into: ServerAllows, list: string[], item: string, caseless: boolean): void {
  const keyOf = (x: string): string => (caseless ? toAsciiLowerCase(x) : x);
  let seen = keysOf.get(list);
  if (seen === undefined) {
    seen = new Set(list.map(keyOf));
    keysOf.set(list, seen);
  }
  const key = keyOf(item);
  if (seen.has(key)) return;
  if (list.length < SERVER_ALLOWS_LIMIT) {
    seen.add(key);
    list.push(item);
  } else {
    addCut(into, `${list === into.methods ? 'm' : list === into.headers ? 'h' : 'e'}:${key}`);
  }
}

function addCut(into: ServerAllows, key: string): void {
  let seen = keysOf.get(into.cut);
  if (seen === undefined) {
    seen = new Set(into.cut);
    keysOf.set(into.cut, seen);
  }
  if (seen.has(key)) return;
  seen.add(key);
  into.cut.push(key);
}

/**
 * `list` with each of `items` it lacks appended, in order (`caseless`: names compare without ASCII
 * case). One Set of the keys seen, so that a request of 100,000 names stays linear (a scan of the
 * list per name took minutes on diagnose.scale.test.ts).
 */
function appendMissing(list: string[], items: Iterable<string>, caseless: boolean): string[] {
  const key = (x: string): string => (caseless ? toAsciiLowerCase(x) : x);
  const seen = new Set(list.map(key));
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    list.push(item);
  }
  return list;
}

/**
 * Access-Control-Allow-Headers for a fix: the server's list as it answered, then each needed name it
 * lacks (names compare case-insensitively). `*` stays where the server sent it; it covers a needed
 * name only for a request without credentials, and never `Authorization`
 * (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name), so such names are added.
 */
export function mergeAllowHeaders(server: readonly string[], needed: readonly string[], credentials: boolean): string[] {
  const wildcard = !credentials && server.includes('*');
  return appendMissing([...server], wildcard ? needed.filter((name) => toAsciiLowerCase(name) === 'authorization') : needed, true);
}

/**
 * The methods a fix lists beyond GET, HEAD and POST: the server's (case kept: `patch` is not
 * `PATCH`), then each needed one it lacks. `*` covers every method for a request without credentials
 * only; with them it is the literal name `*` (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0).
 */
export function mergeAllowMethods(server: readonly string[], needed: readonly string[], credentials: boolean): string[] {
  const wildcard = !credentials && server.includes('*');
  return appendMissing(server.filter((m) => !SAFELISTED.has(m)), wildcard ? [] : needed.filter((m) => !SAFELISTED.has(m)), false);
}

/** Access-Control-Expose-Headers: the server's list, then the names the page cannot read yet. */
export function mergeExposeHeaders(server: readonly string[], needed: readonly string[], credentials: boolean): string[] {
  // `*` exposes every name to a response without credentials (https://fetch.spec.whatwg.org/#http-access-control-expose-headers).
  if (!credentials && server.includes('*')) return [...server];
  return appendMissing([...server], needed, true);
}

// https://fetch.spec.whatwg.org/#cors-safelisted-method: never needs listing, and a fix lists it anyway.
const SAFELISTED = new Set(['GET', 'HEAD', 'POST']);
