// Chains the entries of one redirected request into its hops.
//
// DevTools exports each hop of a redirected request as an entry of its own: the 3xx with its
// `redirectURL`, then a request to that URL. https://fetch.spec.whatwg.org/#http-redirect-fetch
// makes the next hop from the `Location` of the 3xx (step 3), with the same method except that a
// 301/302 turns POST into GET and a 303 turns anything but HEAD into GET (step 12). So the next
// hop of a 3xx is the first later request to its `redirectURL`, with that method, that no other
// redirect took, and that started soon after the 3xx ended.

import { type HeaderList, isRedirectStatus, methodAfterRedirect, requestAfterRedirect, serializeOrigin } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { UnclaimedSlots } from './next-unclaimed.ts';

// How long after a 3xx ended its next hop may start. Following a redirect takes the browser no
// time of its own; this only absorbs clock rounding and a busy machine.
const NEXT_HOP_SLACK_MS = 1000;
// When the log gives no duration for the 3xx, allow this much instead.
const NEXT_HOP_SLACK_UNKNOWN_DURATION_MS = 5000;

/**
 * Links each 3xx entry to the entry of its next hop. `entries` must be sorted by `startedAt`.
 * Returns, for each entry that redirected and was followed, the index of the next hop's entry.
 */
export function chainRedirects(entries: readonly CapturedEntry[]): Map<number, number> {
  const nextHop = new Map<number, number>();
  // Requests by URL, in log order; a slot is claimed once some redirect has taken it as its next hop.
  const byUrl = new Map<string, { members: number[]; slots?: UnclaimedSlots }>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isPreflight) continue;
    let group = byUrl.get(entry.url);
    if (group === undefined) byUrl.set(entry.url, (group = { members: [] }));
    group.members.push(i);
  }

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const status = entry.response?.status;
    // An entry that failed ended the request there (a blocked redirect, `redirect: "error"`).
    if (entry.isPreflight || status === undefined || !isRedirectStatus(status)) continue;
    if (entry.redirectUrl === undefined || entry.errorText !== undefined) continue;
    const group = byUrl.get(entry.redirectUrl);
    if (group === undefined) continue;
    group.slots ??= new UnclaimedSlots(group.members.length);
    const method = methodAfterRedirect(status, entry.method);
    const slack = entry.durationMs > 0 ? NEXT_HOP_SLACK_MS : NEXT_HOP_SLACK_UNKNOWN_DURATION_MS;
    const latestStart = entry.startedAt + entry.durationMs + slack;
    // The first free request to that URL logged after this one.
    for (let slot = group.slots.nextFree(firstMemberAfter(group.members, i)); slot !== -1; slot = group.slots.nextFree(slot + 1)) {
      const candidate = entries[group.members[slot]!]!;
      if (candidate.startedAt > latestStart) break;
      if (candidate.method !== method) continue;
      group.slots.claim(slot);
      nextHop.set(i, group.members[slot]!);
      break;
    }
  }
  return nextHop;
}

/**
 * The header list each later hop of a chain was sent with, where its entry lists provisional headers
 * only: a hop with no response never went out (its preflight failed, or the connection did), and
 * DevTools then lists only `User-Agent` and `Referer` for it. Its preflight still asked for the
 * page's headers, so pairing reads the first hop's list instead, as
 * https://fetch.spec.whatwg.org/#http-redirect-fetch steps 12-13 changed it on the way (a 303 drops
 * the body headers, another origin `Authorization`). Sparse: undefined for every other entry.
 */
export function requestHeadersAlongRedirects(entries: readonly CapturedEntry[], nextHop: ReadonlyMap<number, number>): (HeaderList | undefined)[] {
  const sent: (HeaderList | undefined)[] = [];
  const continues = new Set(nextHop.values());
  for (const [start] of nextHop) {
    if (continues.has(start)) continue;
    let method = entries[start]!.method;
    let headers = entries[start]!.requestHeaders;
    // chainRedirects links each 3xx only to a later entry: a chain cannot loop.
    for (let at = start, next = nextHop.get(at); next !== undefined && next > at; at = next, next = nextHop.get(at)) {
      const from = entries[at]!;
      const to = entries[next]!;
      ({ method, headers } = requestAfterRedirect(from.response!.status, method, headers, serializeOrigin(from.url), serializeOrigin(to.url)));
      if (to.response === null) sent[next] = headers;
    }
  }
  return sent;
}

function firstMemberAfter(members: readonly number[], index: number): number {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (members[mid]! <= index) low = mid + 1;
    else high = mid;
  }
  return low;
}
