// Which entries of DevTools' network log are the document's shown now, for the fallback's list to
// start over at a new page as the capture does. The capture starts over at the new document's own
// request (capture-store.ts, `startsNavigation`) and keeps it; DevTools' log tells the fallback of
// that request before or after it says the tab navigated, whichever comes first, so what the
// fallback held when the navigation was told cannot say whose an entry is. When it started can: a
// document's requests start once its navigation has (`performance.timeOrigin`, page-load.ts).

/**
 * How much earlier than the page's start a request of the page may seem to start: the times a page
 * reads may be coarsened (Firefox rounds them to the millisecond, with jitter), the log's have whole
 * milliseconds. A request of the page before started in those 2 ms is taken for the new page's.
 */
const CLOCK_GRACE_MS = 2;

/**
 * Whether `entry` started at or after `documentStart` (ms since the epoch, as the page gave it). An
 * entry whose start cannot be read is not the document's.
 */
export function startedInDocument(entry: Pick<HARFormatEntry, 'startedDateTime'>, documentStart: number): boolean {
  const started = Date.parse(entry.startedDateTime);
  return Number.isFinite(started) && started >= Math.floor(documentStart) - CLOCK_GRACE_MS;
}
