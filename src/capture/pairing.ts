// Pairs each CORS preflight in a capture log with the request it was sent for.
//
// A HAR (and DevTools' network log) lists a preflight as an entry of its own, with nothing but its
// URL, its `Access-Control-Request-Method`/`-Headers` and its time to say which request it
// belongs to (DevTools' HAR names the preflight's request id, but not the request's own).
// https://fetch.spec.whatwg.org/#cors-preflight-fetch builds that preflight from the request: same
// URL (step 1), `Access-Control-Request-Method` = the request's method (step 3),
// `Access-Control-Request-Headers` = its CORS-unsafe request-header names (steps 4-5). So a
// preflight belongs to a request with that URL, method and unsafe header names. Among several
// (the same call made again and again, or at once), time decides:
// - Chromium starts the preflight after the request (https://fetch.spec.whatwg.org/#http-fetch
//   step 4.1 runs inside the request's fetch; the recorded HAR shows it 1-3 ms later), and the
//   request waits for it: a candidate started at or before the preflight, and had not ended yet.
// - First in, first out: the oldest such request still without a preflight.
// - Consistency first: a request whose preflight failed is never sent, so it got no response; one
//   whose preflight passed did. Among the candidates, one that fits the preflight's outcome (by the
//   engine's check, see preflight-outcome.ts) is taken before the oldest.

import { corsUnsafeRequestHeaderNames, type HeaderList } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { firstHeader } from './header-lookup.ts';
import { UnclaimedSlots } from './next-unclaimed.ts';
import { passedFor, preflightOutcome, type PreflightOutcome } from './preflight-outcome.ts';
import { parseRequestHeadersList } from './requested-header-names.ts';

/**
 * Requests a preflight may be weighed against, in time order: those with its URL, method and
 * CORS-unsafe header names (the exact pass), or with its URL and method carrying every header it
 * requests (the loose pass). A request may sit in several; taking it marks it in `taken` only, and
 * each group drops it from its slots when a walk next meets it.
 */
interface Group {
  members: number[];
  times: number[];
  /** The members not yet taken (as far as this group has seen). Grows with the group. */
  slots: UnclaimedSlots;
  /**
   * Of those, the members not yet found ended at some preflight's time (END_SLACK_MS): preflights
   * come in time order, so such a member is never again open without the late slack, and the first
   * walk steps over it once rather than at every preflight for as long as it may still be late.
   */
  live: UnclaimedSlots;
}

/**
 * The requests with one URL and method. Its groups are filled as preflights reach the members, in
 * time order, each from its own cursor: a member's names (or whether it carries a requested set) are
 * worked out only when a preflight to its URL and method starts after it, never for those that
 * started after every such preflight or more than MAX_PREFLIGHT_DELAY_MS before the first.
 */
interface UrlMethodGroup {
  members: number[];
  times: number[];
  /** Members before this index have been put into `byNames` (those taken before their turn are left out). */
  split: number;
  /**
   * Its members not yet taken: a fill jumps over the taken ones. Without it, each new requested
   * header set's first fill stepped over every taken member of its 10 s window, quadratic in a log
   * where each preflight asks for a set of its own (40,000 such requests: 2.8-3.1 s, 0.75 s with it).
   */
  untaken: UnclaimedSlots;
  /** The exact pass's groups, by CORS-unsafe header names. */
  byNames?: Map<string, Group>;
  /**
   * The loose pass's groups, by the requested header names (every member carrying them all), each
   * with its cursor: walking the whole URL-and-method group instead would step over every request
   * that lacks one, and a request without a duration is open at every time and never retired, so
   * many such requests to one URL made each preflight walk all of its 10 s window (quadratic).
   */
  byRequested?: Map<string, { group: Group; next: number }>;
}

// When the headers a log lists for a request are not what the page set (DevTools' "disable cache"
// adds `Cache-Control`, provisional headers miss some), the exact key fails; the loose pass then
// looks for one that carries every requested header. Either pass weighs at most this many
// candidates (concurrent identical requests), which keeps a huge log linear.
const CANDIDATE_SPAN = 32;

// How long before a preflight its request may have started. Chromium starts the preflight at once
// (1-3 ms in the recorded HAR); this only bounds the search, generously for a busy machine. A
// request's own end, when the log gives its duration, is the sharper limit (see `isOpenAt`).
const MAX_PREFLIGHT_DELAY_MS = 10_000;
// How much earlier than its preflight's logged start a request may look ended. HAR times are
// rounded to the millisecond (END_SLACK_MS). But DevTools stamps a preflight when the network service
// reports it, which on a busy machine comes after the request it was sent for has already failed:
// harness HARs show the preflight starting 10-25 ms after its request's end (with time 0). So a
// request that looks ended is still taken when no request that was open fits
// (LATE_PREFLIGHT_SLACK_MS); one that ended longer ago had no preflight to wait for.
const END_SLACK_MS = 1;
const LATE_PREFLIGHT_SLACK_MS = 1_000;

/**
 * Pairs preflights with requests. `entries` must be sorted by `startedAt`.
 * Returns, for each paired request's index, the index of its preflight.
 * `sentHeaders[i]`, where given, is the header list entry `i` was sent with when the log lists
 * fewer (`requestHeadersAlongRedirects`: a later hop the preflight kept unsent lists provisional
 * headers only); the names are matched on it instead of the entry's own.
 */
export function pairPreflights(entries: readonly CapturedEntry[], sentHeaders: readonly (HeaderList | undefined)[] = []): Map<number, number> {
  const headersOf = (request: number): HeaderList => sentHeaders[request] ?? entries[request]!.requestHeaders;
  const preflightOf = new Map<number, number>();
  const urlMethodGroups = new Map<string, UrlMethodGroup>();
  const byRequestId = new Map<string, number>();
  // 1: paired with a preflight, or out of reach of every later one (retired); no group offers it again.
  const taken = new Uint8Array(entries.length);
  // Where each request sits in its URL-and-method group, so that taking it frees no fill from stepping over it.
  const urlMethodSlot = new Int32Array(entries.length).fill(-1);
  const urlMethodGroupOf: (UrlMethodGroup | undefined)[] = [];

  // Only requests to a URL some preflight went to can pair: the others skip the work below.
  const preflightUrls = new Set<string>();
  for (const entry of entries) if (entry.isPreflight) preflightUrls.add(entry.url);

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isPreflight) continue;
    if (entry.requestId !== undefined) byRequestId.set(entry.requestId, i);
    if (!preflightUrls.has(entry.url)) continue;
    const key = `${entry.url}\n${entry.method}`;
    let group = urlMethodGroups.get(key);
    if (group === undefined) {
      // Made holding its first request: most such URLs have one or two requests, and an array
      // grown from empty by push keeps room for 17 while the pairing runs.
      group = { members: [i], times: [entry.startedAt], split: 0, untaken: new UnclaimedSlots(1) };
      urlMethodGroups.set(key, group);
      urlMethodSlot[i] = 0;
    } else {
      urlMethodSlot[i] = group.members.length;
      group.members.push(i);
      group.times.push(entry.startedAt);
      group.untaken.append();
    }
    urlMethodGroupOf[i] = group;
  }

  /** Marks a request taken: paired with `preflight`, or (-1) out of reach. */
  const take = (request: number, preflight: number): void => {
    if (preflight !== -1) preflightOf.set(request, preflight);
    taken[request] = 1;
    urlMethodGroupOf[request]?.untaken.claim(urlMethodSlot[request]!);
  };

  /** Adds `from`'s members from `cursor` on, started at or before `time` and not taken, each to the group `groupOf` gives it (none: left out); returns the new cursor. */
  const fill = (from: UrlMethodGroup, cursor: number, time: number, groupOf: (request: number) => Group | undefined): number => {
    for (; cursor < from.members.length; cursor++) {
      cursor = from.untaken.nextFree(cursor);
      if (cursor === -1) return from.members.length;
      if (from.times[cursor]! > time) break;
      const request = from.members[cursor]!;
      // Taken already (its preflight named by id, or retired): no pass can want it.
      if (taken[request] === 1) continue;
      const group = groupOf(request);
      if (group === undefined) continue;
      group.members.push(request);
      group.times.push(from.times[cursor]!);
      group.slots.append();
      group.live.append();
    }
    return cursor;
  };

  /** The exact pass's group for `names`, filled up to `time` (see UrlMethodGroup). */
  const exactGroup = (from: UrlMethodGroup, time: number, names: string): Group | undefined => {
    if (from.byNames === undefined) {
      from.byNames = new Map();
      // No member that started before the first preflight's window can be any preflight's.
      from.split = firstAtOrAfter(from.times, time - MAX_PREFLIGHT_DELAY_MS);
    }
    const byNames = from.byNames;
    from.split = fill(from, from.split, time, (request) => {
      const key = corsUnsafeRequestHeaderNames(headersOf(request)).join(',');
      let group = byNames.get(key);
      if (group === undefined) {
        group = newGroup();
        byNames.set(key, group);
      }
      return group;
    });
    return byNames.get(names);
  };

  /** The loose pass's group for `requested`, filled up to `time` (see UrlMethodGroup). */
  const looseGroup = (from: UrlMethodGroup, time: number, requested: readonly string[], key: string): Group => {
    const byRequested = (from.byRequested ??= new Map());
    let loose = byRequested.get(key);
    if (loose === undefined) {
      loose = { group: newGroup(), next: firstAtOrAfter(from.times, time - MAX_PREFLIGHT_DELAY_MS) };
      byRequested.set(key, loose);
    }
    const group = loose.group;
    loose.next = fill(from, loose.next, time, (request) => (carriesEveryHeader(headersOf(request), requested) ? group : undefined));
    return group;
  };

  for (let p = 0; p < entries.length; p++) {
    const preflight = entries[p]!;
    if (!preflight.isPreflight) continue;
    const method = firstHeader(preflight.requestHeaders, 'access-control-request-method');
    if (method === undefined) continue; // An OPTIONS that names no method was sent for no request.
    const requested = parseRequestHeadersList(firstHeader(preflight.requestHeaders, 'access-control-request-headers'));

    // 1. The log says which request it was for (DevTools' `_initiator.requestId`), when the request
    //    carries that id too.
    if (preflight.initiatorRequestId !== undefined) {
      const request = byRequestId.get(preflight.initiatorRequestId);
      if (request !== undefined && !preflightOf.has(request) && entries[request]!.url === preflight.url) {
        take(request, p);
        continue;
      }
    }
    // The preflight's outcome is asked for only when candidates compete (computed once).
    let outcome: PreflightOutcome | undefined;
    const outcomeOf = (): PreflightOutcome => (outcome ??= preflightOutcome(preflight));
    const group = urlMethodGroups.get(`${preflight.url}\n${method}`);
    if (group === undefined) continue;
    const key = requested.join(',');
    // 2. Same URL, method and CORS-unsafe header names: the oldest open one, consistent first.
    const exact = exactGroup(group, preflight.startedAt, key);
    let match = exact === undefined ? -1 : openCandidate(exact, entries, taken, preflight.startedAt, outcomeOf, take);
    // 3. Same URL and method, and every requested header present on the request: one still open
    //    is taken before an exact one that looks ended (a page-set If-None-Match, whose request
    //    Chromium lists with a `Cache-Control: max-age=0` of its own, against the browser's own
    //    revalidation of the same URL just before it: test/fix-proof/django-not-modified.test.ts).
    const loose = match === -1 ? looseGroup(group, preflight.startedAt, requested, key) : undefined;
    if (loose !== undefined) match = openCandidate(loose, entries, taken, preflight.startedAt, outcomeOf, take);
    if (match === -1 && exact !== undefined) match = lateCandidate(exact, entries, taken, preflight.startedAt, outcomeOf, take);
    if (match === -1 && loose !== undefined) match = lateCandidate(loose, entries, taken, preflight.startedAt, outcomeOf, take);
    if (match !== -1) take(match, p);
  }
  return preflightOf;
}

function newGroup(): Group {
  return { members: [], times: [], slots: new UnclaimedSlots(0), live: new UnclaimedSlots(0) };
}

/** Whether the request was still waiting at `time` (give or take `slack`), or its end is unknown. */
function isOpenAt(entry: CapturedEntry, time: number, slack: number): boolean {
  return entry.durationMs <= 0 || entry.startedAt + entry.durationMs + slack >= time;
}

/**
 * Whether what became of the request fits the preflight's outcome (see the file's comment): 0 fits,
 * 1 cannot tell, 2 contradicts. A request that got a response carries its full headers, so its
 * credentials show (a `Cookie`); one that never went out lists provisional headers only.
 */
function fateRank(entry: CapturedEntry, outcome: PreflightOutcome): number {
  const gotResponse = entry.response !== null;
  const credentials = gotResponse ? (firstHeader(entry.requestHeaders, 'cookie') !== undefined ? 'include' : 'same-origin') : null;
  const passed = passedFor(outcome, credentials);
  if (passed === null) return 1;
  return gotResponse === passed ? 0 : 2;
}

/**
 * The request a preflight started at `time` was sent for, among the members of `group` not
 * `taken`: started at or before `time` and still open then; the oldest one whose fate fits the
 * preflight's outcome, else the oldest. -1 when there is none. Members that can no longer be any
 * later preflight's request (ended before `time`: preflights come in time order) are `retire`d on
 * the way, so each is stepped over once.
 */
function openCandidate(
  group: Group,
  entries: readonly CapturedEntry[],
  taken: Uint8Array,
  time: number,
  outcomeOf: () => PreflightOutcome,
  retire: (request: number, preflight: -1) => void,
): number {
  return candidateAmong(group, group.live, entries, taken, time, outcomeOf, retire, END_SLACK_MS);
}

/**
 * `openCandidate` when none was open, among the members that look ended by less than the late
 * slack. Every member the walk meets is then one of them, or retired, or taken, so it steps over
 * each once.
 */
function lateCandidate(
  group: Group,
  entries: readonly CapturedEntry[],
  taken: Uint8Array,
  time: number,
  outcomeOf: () => PreflightOutcome,
  retire: (request: number, preflight: -1) => void,
): number {
  return candidateAmong(group, group.slots, entries, taken, time, outcomeOf, retire, LATE_PREFLIGHT_SLACK_MS);
}

/** A candidate (see `openCandidate`) among the requests open at `time` give or take `slack`, walking `walked` (the group's `live` or `slots`). */
function candidateAmong(
  group: Group,
  walked: UnclaimedSlots,
  entries: readonly CapturedEntry[],
  taken: Uint8Array,
  time: number,
  outcomeOf: () => PreflightOutcome,
  retire: (request: number, preflight: -1) => void,
  slack: number,
): number {
  let oldest = -1;
  // The best of the candidates weighed so far, and its `fateRank` (-1: not asked yet).
  let best = -1;
  let bestRank = -1;
  let weighed = 0;
  // Requests that started before the search window are left alone: unreachable, not worth a claim.
  for (let slot = walked.nextFree(firstAtOrAfter(group.times, time - MAX_PREFLIGHT_DELAY_MS)); slot !== -1; slot = walked.nextFree(slot + 1)) {
    if (group.times[slot]! > time) break;
    const request = group.members[slot]!;
    if (taken[request] === 1) {
      // Taken through another group (or retired): dropped from this one.
      group.slots.claim(slot);
      group.live.claim(slot);
      continue;
    }
    const entry = entries[request]!;
    if (!isOpenAt(entry, time, slack)) {
      // Ended before `time` (give or take `slack`): so for every later preflight too.
      group.live.claim(slot);
      if (!isOpenAt(entry, time, LATE_PREFLIGHT_SLACK_MS)) {
        retire(request, -1);
        group.slots.claim(slot);
      }
      continue;
    }
    if (oldest === -1) {
      oldest = request;
      continue;
    }
    // Candidates compete: the oldest wins if its fate fits the preflight; else the oldest that
    // fits; else the oldest that does not contradict it; else the oldest.
    const outcome = outcomeOf();
    if (bestRank === -1) bestRank = fateRank(entries[oldest]!, outcome);
    if (bestRank === 0) return oldest;
    const rank = fateRank(entry, outcome);
    if (rank === 0) return request;
    if (rank < bestRank) {
      best = request;
      bestRank = rank;
    }
    if (++weighed >= CANDIDATE_SPAN) break;
  }
  return best !== -1 ? best : oldest;
}

/** Index of the first time greater than or equal to `time` (times are sorted). */
function firstAtOrAfter(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

function carriesEveryHeader(headers: HeaderList, lowerNames: readonly string[]): boolean {
  return lowerNames.every((name) => firstHeader(headers, name) !== undefined);
}
