// Pairs each CORS preflight in a capture log with the request it was sent for.
//
// A HAR (and DevTools' network log) lists a preflight as an entry of its own, with nothing but its
// URL, its `Access-Control-Request-Method`/`-Headers` and its time to say which request it
// belongs to. https://fetch.spec.whatwg.org/#cors-preflight-fetch builds that preflight from the
// request: same URL (step 1), `Access-Control-Request-Method` = the request's method (step 3),
// `Access-Control-Request-Headers` = its CORS-unsafe request-header names (steps 4-5). So a
// preflight belongs to a request with that URL, method and unsafe header names; among several
// (the same call made again and again), to the nearest one in time not yet paired.

import type { CapturedEntry } from './captured-entry.ts';
import { corsUnsafeHeaderNames, parseRequestHeadersList } from './cors-unsafe-header-names.ts';
import { firstHeader } from './header-lookup.ts';
import { UnclaimedSlots } from './next-unclaimed.ts';

/** Requests that share the keys a preflight is matched on, in time order. */
interface Group {
  members: number[];
  times: number[];
  /** Free/taken slots of a large group. */
  slots?: UnclaimedSlots;
  /** Taken slots of a small group (see SCAN_LIMIT). */
  taken?: number[];
}

// When the headers a log lists for a request are not what the page set (DevTools' "disable cache"
// adds `Cache-Control`, provisional headers miss some), the exact key fails; the loose pass then
// looks this many free requests either way for one that carries every requested header.
const LOOSE_SEARCH_SPAN = 16;

/**
 * Pairs preflights with requests. `entries` must be sorted by `startedAt`.
 * Returns, for each paired request's index, the index of its preflight.
 */
export function pairPreflights(entries: readonly CapturedEntry[]): Map<number, number> {
  const preflightOf = new Map<number, number>();
  const exactGroups = new Map<string, Group>();
  const looseGroups = new Map<string, Group>();
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
    const looseKey = `${entry.url}\n${entry.method}`;
    const exactKey = `${looseKey}\n${corsUnsafeHeaderNames(entry.requestHeaders).join(',')}`;
    const exact = groupFor(exactGroups, exactKey);
    exactSlot[i] = exact.members.length;
    exactGroupOf[i] = exact;
    exact.members.push(i);
    exact.times.push(entry.startedAt);
    const loose = groupFor(looseGroups, looseKey);
    looseSlot[i] = loose.members.length;
    looseGroupOf[i] = loose;
    loose.members.push(i);
    loose.times.push(entry.startedAt);
  }

  const take = (request: number, preflight: number): void => {
    preflightOf.set(request, preflight);
    claimSlot(exactGroupOf[request]!, exactSlot[request]!);
    claimSlot(looseGroupOf[request]!, looseSlot[request]!);
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
    // 2. Same URL, method and CORS-unsafe header names: the nearest free one in time.
    const looseKey = `${preflight.url}\n${method}`;
    const exact = exactGroups.get(`${looseKey}\n${requested.join(',')}`);
    const exactMatch = exact === undefined ? -1 : nearestFree(exact, preflight.startedAt, () => true);
    if (exactMatch !== -1) {
      take(exactMatch, p);
      continue;
    }
    // 3. Same URL and method, and every requested header present on the request.
    const loose = looseGroups.get(looseKey);
    if (loose === undefined) continue;
    const looseMatch = nearestFree(loose, preflight.startedAt, (request) =>
      carriesEveryHeader(entries[request]!, requested),
    );
    if (looseMatch !== -1) take(looseMatch, p);
  }
  return preflightOf;
}

function groupFor(groups: Map<string, Group>, key: string): Group {
  let group = groups.get(key);
  if (group === undefined) {
    group = { members: [], times: [] };
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

/** Marks a member taken: in the group's slots when it has them, else in `group.taken`. */
function claimSlot(group: Group, slot: number): void {
  if (group.members.length > SCAN_LIMIT) slotsOf(group).claim(slot);
  else (group.taken ??= []).push(slot);
}

function isFreeSlot(group: Group, slot: number): boolean {
  return group.members.length > SCAN_LIMIT ? slotsOf(group).isFree(slot) : !(group.taken?.includes(slot) ?? false);
}

function previousFree(group: Group, from: number): number {
  if (group.members.length > SCAN_LIMIT) return slotsOf(group).previousFree(from);
  for (let slot = Math.min(from, group.members.length - 1); slot >= 0; slot--) if (isFreeSlot(group, slot)) return slot;
  return -1;
}

function nextFree(group: Group, from: number): number {
  if (group.members.length > SCAN_LIMIT) return slotsOf(group).nextFree(from);
  for (let slot = Math.max(from, 0); slot < group.members.length; slot++) if (isFreeSlot(group, slot)) return slot;
  return -1;
}

/**
 * The free member nearest to `time` that `accepts`, or -1. On a tie the earlier one wins:
 * Chromium logs a request before the preflight it sends for it.
 */
function nearestFree(group: Group, time: number, accepts: (request: number) => boolean): number {
  const split = firstAfter(group.times, time);
  let left = previousFree(group, split - 1);
  let right = nextFree(group, split);
  for (let tries = 0; tries < LOOSE_SEARCH_SPAN * 2 && (left !== -1 || right !== -1); tries++) {
    const leftDistance = left === -1 ? Infinity : time - group.times[left]!;
    const rightDistance = right === -1 ? Infinity : group.times[right]! - time;
    if (leftDistance <= rightDistance) {
      if (accepts(group.members[left]!)) return group.members[left]!;
      left = previousFree(group, left - 1);
    } else {
      if (accepts(group.members[right]!)) return group.members[right]!;
      right = nextFree(group, right + 1);
    }
  }
  return -1;
}

/** Index of the first time strictly greater than `time` (times are sorted). */
function firstAfter(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

function carriesEveryHeader(request: CapturedEntry, lowerNames: readonly string[]): boolean {
  return lowerNames.every((name) => firstHeader(request.requestHeaders, name) !== undefined);
}
