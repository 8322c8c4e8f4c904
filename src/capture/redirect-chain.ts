// Chains the entries of one redirected request into its hops.
//
// DevTools exports each hop of a redirected request as an entry of its own: the 3xx with its
// `redirectURL`, then a request to that URL. https://fetch.spec.whatwg.org/#http-redirect-fetch
// makes the next hop from the `Location` of the 3xx (step 3), with the same method except that a
// 301/302 turns POST into GET and a 303 turns anything but HEAD into GET (step 12). So the next
// hop of a 3xx is the first later request to its `redirectURL`, with that method, that no other
// redirect took, and that started soon after the 3xx ended.

import { isRedirectStatus, methodAfterRedirect } from '../cors/index.ts';
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
