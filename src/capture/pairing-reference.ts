// The pairing of preflights with requests as it was before its loose pass kept a group per
// requested header set (681d40e, session 24), for pairing.test.ts only: the new pairing must give
// exactly the pairs this one gives. Its loose pass walked every request to the URL and method, so a
// request without a duration (open at every time, never retired) that lacks a requested header was
// stepped over by each preflight in its 10 s window. See pairing.ts for what each part means.
// A copy on purpose, helpers included (`duplicates` lists it): an oracle that shares no code with
// what it checks. Change it only to change which pairs the pairing should give.

import { corsUnsafeRequestHeaderNames } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { firstHeader } from './header-lookup.ts';
import { UnclaimedSlots } from './next-unclaimed.ts';
import { passedFor, preflightOutcome, type PreflightOutcome } from './preflight-outcome.ts';
import { parseRequestHeadersList } from './requested-header-names.ts';

/** Requests that share the keys a preflight is matched on, in time order. */
interface Group {
  members: number[];
  times: number[];
  /** Free/taken slots of a large group, or of a group that grows (`UrlMethodGroup.byNames`'s). */
  slots?: UnclaimedSlots;
  /** Taken slots of a small group (see SCAN_LIMIT). */
  taken?: number[];
}

/**
 * The requests with one URL and method (the loose pass's group), and the same split by their
 * CORS-unsafe header names (the exact pass's groups). The split is made as preflights reach the
 * members, in time order: a request's names are worked out only when a preflight to its URL and
 * method starts after it (never for those that started after every such preflight), and each
 * exact pass walks the members with its own names only (a walk over the whole group, which a
 * request with no duration never leaves, would make many such requests with other names
 * quadratic).
 */
interface UrlMethodGroup extends Group {
  /** Members before this index have been split (those taken before their turn are left out). */
  split: number;
  byNames?: Map<string, Group>;
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
 */
export function pairPreflightsReference(entries: readonly CapturedEntry[]): Map<number, number> {
  const preflightOf = new Map<number, number>();
  const looseGroups = new Map<string, UrlMethodGroup>();
  const byRequestId = new Map<string, number>();
  // Where each request sits in its two groups, so that taking it in one takes it in both.
  const exactSlot = new Int32Array(entries.length).fill(-1);
  const looseSlot = new Int32Array(entries.length).fill(-1);
  const exactGroupOf: (Group | undefined)[] = [];
  const looseGroupOf: (Group | undefined)[] = [];

  // Only requests to a URL some preflight went to can pair: the others skip the work below.
  const preflightUrls = new Set<string>();
  for (const entry of entries) if (entry.isPreflight) preflightUrls.add(entry.url);

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isPreflight) continue;
    if (entry.requestId !== undefined) byRequestId.set(entry.requestId, i);
    if (!preflightUrls.has(entry.url)) continue;
    const loose = groupFor(looseGroups, `${entry.url}\n${entry.method}`);
    looseSlot[i] = loose.members.length;
    looseGroupOf[i] = loose;
    loose.members.push(i);
    loose.times.push(entry.startedAt);
  }

  /** Takes a request out of both its groups (the exact one once split): paired with `preflight`, or (-1) out of reach. */
  const take = (request: number, preflight: number): void => {
    if (preflight !== -1) preflightOf.set(request, preflight);
    const exact = exactGroupOf[request];
    if (exact !== undefined) claimSlot(exact, exactSlot[request]!);
    claimSlot(looseGroupOf[request]!, looseSlot[request]!);
  };

  /** Splits `group`'s members started at or before `time` by their CORS-unsafe names (see UrlMethodGroup). */
  const splitUpTo = (group: UrlMethodGroup, time: number): Map<string, Group> => {
    const byNames = (group.byNames ??= new Map());
    for (; group.split < group.members.length && group.times[group.split]! <= time; group.split++) {
      // Taken already (its preflight named by id, or retired by the loose pass): no exact pass can want it.
      if (!isFreeSlot(group, group.split)) continue;
      const request = group.members[group.split]!;
      const names = corsUnsafeRequestHeaderNames(entries[request]!.requestHeaders).join(',');
      let exact = byNames.get(names);
      if (exact === undefined) {
        exact = { members: [], times: [], slots: new UnclaimedSlots(0) };
        byNames.set(names, exact);
      }
      exactSlot[request] = exact.members.length;
      exactGroupOf[request] = exact;
      exact.members.push(request);
      exact.times.push(group.times[group.split]!);
      exact.slots!.append();
    }
    return byNames;
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
    const loose = looseGroups.get(`${preflight.url}\n${method}`);
    if (loose === undefined) continue;
    // 2. Same URL, method and CORS-unsafe header names: the oldest open one, consistent first.
    const exact = splitUpTo(loose, preflight.startedAt).get(requested.join(','));
    const carries = (request: number): boolean => carriesEveryHeader(entries[request]!, requested);
    // 2. Same URL, method and CORS-unsafe header names; 3. same URL and method, and every requested
    //    header present on the request. A request still open at the preflight's start, by either
    //    pass, before one that looks ended (LATE_PREFLIGHT_SLACK_MS).
    let match = exact === undefined ? -1 : candidateAmong(exact, entries, preflight.startedAt, () => true, outcomeOf, take, END_SLACK_MS);
    if (match === -1) match = candidateAmong(loose, entries, preflight.startedAt, carries, outcomeOf, take, END_SLACK_MS);
    if (match === -1 && exact !== undefined) match = candidateAmong(exact, entries, preflight.startedAt, () => true, outcomeOf, take, LATE_PREFLIGHT_SLACK_MS);
    if (match === -1) match = candidateAmong(loose, entries, preflight.startedAt, carries, outcomeOf, take, LATE_PREFLIGHT_SLACK_MS);
    if (match !== -1) take(match, p);
  }
  return preflightOf;
}

function groupFor(groups: Map<string, UrlMethodGroup>, key: string): UrlMethodGroup {
  let group = groups.get(key);
  if (group === undefined) {
    group = { members: [], times: [], split: 0 };
    groups.set(key, group);
  }
  return group;
}

// Below this size a group is scanned: allocating the union-find arrays costs more than it saves.
const SCAN_LIMIT = 16;

function slotsOf(group: Group): UnclaimedSlots {
  group.slots ??= new UnclaimedSlots(group.members.length);
  return group.slots;
}

/** Whether the group's taken slots are kept in `slots`: a large group, or one that grows (made with them). */
function hasSlots(group: Group): boolean {
  return group.slots !== undefined || group.members.length > SCAN_LIMIT;
}

/** Marks a member taken: in the group's slots when it has them, else in `group.taken`. */
function claimSlot(group: Group, slot: number): void {
  if (hasSlots(group)) slotsOf(group).claim(slot);
  else (group.taken ??= []).push(slot);
}

function isFreeSlot(group: Group, slot: number): boolean {
  return hasSlots(group) ? slotsOf(group).isFree(slot) : !(group.taken?.includes(slot) ?? false);
}

function nextFree(group: Group, from: number): number {
  if (hasSlots(group)) return slotsOf(group).nextFree(from);
  for (let slot = Math.max(from, 0); slot < group.members.length; slot++) if (isFreeSlot(group, slot)) return slot;
  return -1;
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
 * The request a preflight started at `time` was sent for, among `group`'s members that `accepts`
 * and still open at `time` give or take `slack`: the oldest one whose fate fits the preflight's
 * outcome, else the oldest. -1 when there is none. Members out of reach of every later preflight
 * are `retire`d on the way.
 */
function candidateAmong(
  group: Group,
  entries: readonly CapturedEntry[],
  time: number,
  accepts: (request: number) => boolean,
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
  for (let slot = nextFree(group, firstAtOrAfter(group.times, time - MAX_PREFLIGHT_DELAY_MS)); slot !== -1; slot = nextFree(group, slot + 1)) {
    if (group.times[slot]! > time) break;
    const request = group.members[slot]!;
    const entry = entries[request]!;
    if (!isOpenAt(entry, time, slack)) {
      if (!isOpenAt(entry, time, LATE_PREFLIGHT_SLACK_MS)) retire(request, -1);
      continue;
    }
    if (!accepts(request)) continue;
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

function carriesEveryHeader(request: CapturedEntry, lowerNames: readonly string[]): boolean {
  return lowerNames.every((name) => firstHeader(request.requestHeaders, name) !== undefined);
}
