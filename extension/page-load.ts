// Whether the page in the inspected tab started loading before the capture began: DevTools opened
// on a page already loaded (the usual first run: a broken page, then DevTools). Its first requests
// were then made where neither the capture nor DevTools' log could see them, and the empty panel
// says so; on a page loaded with DevTools open, it must not.

/** What the panel page asks the inspected page: when its navigation started, ms since the epoch. */
export const PAGE_START_EXPRESSION = 'performance.timeOrigin';

/**
 * `pageStart`: the inspected page's answer to `PAGE_START_EXPRESSION` (anything, as it comes from
 * the page); `capturingSince`: when the capture began, ms since the epoch (the same wall clock).
 * Null when the page gave no time: nothing is said then.
 */
export function loadedBeforeCapture(pageStart: unknown, capturingSince: number): boolean | null {
  if (typeof pageStart !== 'number' || !Number.isFinite(pageStart) || pageStart <= 0) return null;
  return pageStart < capturingSince;
}
