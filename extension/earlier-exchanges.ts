// The capture starts when DevTools opens on a tab, a moment after DevTools' own network log does
// (the devtools page loads, the service worker wakes). What started in that moment, webRequest
// missed; DevTools' log has it. This picks, from that log, what to add to the capture: the requests
// that started before the capture did, and that webRequest did not see after all. A request still
// in flight when the panel opened started after the capture did: webRequest has it (perhaps not
// yet delivered), so it is never taken from the log as well.

import type { CapturedExchange } from '../src/ui/protocol.ts';

/**
 * How far apart webRequest's time stamp and DevTools' `startedDateTime` may put the start of one
 * request: both are the browser's wall clock, taken at different steps of sending it.
 */
export const START_SKEW_MS = 1_000;

const requestKey = (captured: CapturedExchange): string => `${captured.exchange.request.method} ${captured.exchange.hops[0]?.url ?? ''}`;

/**
 * The exchanges of DevTools' network log (`fromLog`) that the capture (`captured`, started at
 * `capturingSince`, ms since the epoch) lacks: started before the capture, and not matched by one
 * of its exchanges with the same method and URL that started within `START_SKEW_MS` of it (each
 * captured exchange stands for one request of the log at most).
 */
export function missedByCapture(fromLog: readonly CapturedExchange[], captured: Iterable<CapturedExchange>, capturingSince: number): CapturedExchange[] {
  const before = fromLog.filter((x) => x.exchange.startedAt !== undefined && x.exchange.startedAt < capturingSince);
  if (before.length === 0) return [];
  // Start times of the captured requests, by method and URL: only those the log could repeat.
  const wanted = new Set(before.map(requestKey));
  const starts = new Map<string, number[]>();
  for (const x of captured) {
    if (x.source === 'devtools-network' || x.exchange.startedAt === undefined) continue;
    const key = requestKey(x);
    if (!wanted.has(key)) continue;
    const list = starts.get(key);
    if (list) list.push(x.exchange.startedAt);
    else starts.set(key, [x.exchange.startedAt]);
  }
  // Pairs of a log entry and a captured request within the skew, nearest first: each side is used once.
  const pairs: { logIndex: number; captured: string; distance: number }[] = [];
  before.forEach((x, logIndex) => {
    const key = requestKey(x);
    (starts.get(key) ?? []).forEach((start, i) => {
      const distance = Math.abs(start - x.exchange.startedAt!);
      if (distance <= START_SKEW_MS) pairs.push({ logIndex, captured: `${i} ${key}`, distance });
    });
  });
  pairs.sort((a, b) => a.distance - b.distance);
  const matchedLog = new Set<number>();
  const matchedCaptured = new Set<string>();
  for (const { logIndex, captured: which } of pairs) {
    if (matchedLog.has(logIndex) || matchedCaptured.has(which)) continue;
    matchedLog.add(logIndex);
    matchedCaptured.add(which);
  }
  return before.filter((_, logIndex) => !matchedLog.has(logIndex));
}
