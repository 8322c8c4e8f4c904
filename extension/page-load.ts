// Whether the page in the inspected tab started loading before the capture began: DevTools opened
// on a page already loaded (the usual first run: a broken page, then DevTools). Its first requests
// were then made where neither the capture nor DevTools' log could see them, and the empty panel
// says so; on a page loaded with DevTools open, it must not.

/** What the panel page asks the inspected page: when its navigation started, ms since the epoch. */
export const PAGE_START_EXPRESSION = 'performance.timeOrigin';

/** A page start as the page gave it (anything), or null when it is no time. */
function pageStartOf(answer: unknown): number | null {
  return typeof answer === 'number' && Number.isFinite(answer) && answer > 0 ? answer : null;
}

/**
 * `pageStart`: the inspected page's answer to `PAGE_START_EXPRESSION` (anything, as it comes from
 * the page); `capturingSince`: when the capture began, ms since the epoch (the same wall clock).
 * Null when the page gave no time: nothing is said then.
 */
export function loadedBeforeCapture(pageStart: unknown, capturingSince: number): boolean | null {
  const start = pageStartOf(pageStart);
  return start === null ? null : start < capturingSince;
}

/** What a navigation of the inspected tab was. */
interface Navigation {
  /** Whether it loaded a new document (not a `history.pushState` or a new fragment). */
  newDocument: boolean;
  /** When the document shown after it started loading (`PAGE_START_EXPRESSION`), or null when the page gave no time. */
  documentStart: number | null;
}

export interface DocumentWatch {
  /** DevTools says the inspected tab navigated (`network.onNavigated`): what the navigation was. */
  navigated(): Promise<Navigation>;
  /**
   * The page's answer to `PAGE_START_EXPRESSION` (anything, as it comes from the page), asked now
   * for another reason; the watch learns from it the document shown.
   */
  pageStart(): Promise<unknown>;
}

/** A document start read from the page, and the navigation it was asked after (0: none yet). */
interface Read {
  start: number;
  after: number;
}

/**
 * Which navigations of the inspected tab loaded a new document. DevTools' `network.onNavigated` also
 * fires for a navigation within the document (a single-page app's `history.pushState`, a new
 * fragment), where no page loads and the capture does not start over (it does at a document's
 * request); taken for a new page, the empty panel said "since this page loaded" and that the
 * capture saw it load. Told apart by the document's start (`PAGE_START_EXPRESSION`), read after each
 * navigation (`readPageStart`): a document keeps its own. A start that cannot be read is taken for a
 * new document, as every navigation was before.
 *
 * The page answers each read in the document it shows by then: a read made before a navigation
 * may be answered by the new document. A navigation's own read reports what it finds; the read
 * `pageStart` makes reports nothing, so when its answer comes while a navigation's read is out, it
 * waits for that read: taken first, the new document's start would make its navigation look like
 * one within the page (no start over, no "page" told). The navigation is compared with what was
 * known before it; when nothing was, it is a new document (so is a pushState made while the panel's
 * first read was out: the answers cannot tell it from a new page). Each answer is ordered by the
 * navigation its read followed, and the document known is the latest one's: an answer to an earlier
 * read changes nothing (an earlier navigation's reports no new document: the later one decided),
 * but fills in when the later read found no start (a failed read at a reload).
 */
export function watchDocuments(readPageStart: () => Promise<unknown>): DocumentWatch {
  /** The document shown, as the read asked after the latest navigation found it. */
  let current: Read | null = null;
  /** Navigations told so far; and of those, whose read is not answered yet. */
  let navigations = 0;
  let unanswered = 0;
  /** An answer to `pageStart` that came while a navigation's read was out: taken once none is. */
  let held: Read | null = null;
  const read = (): Promise<number | null> => readPageStart().then(pageStartOf, () => null);
  /** Whether `found` is ordered after the document known (and so replaces it). */
  const later = (found: Read, known: Read | null): boolean => known === null || found.after > known.after;
  return {
    async navigated() {
      const after = ++navigations;
      unanswered++;
      const start = await read();
      unanswered--;
      // A later navigation's read was answered first: that one told what the tab shows now.
      const superseded = current !== null && current.after > after;
      const same = start !== null && start === current?.start;
      if (start !== null && later({ start, after }, current)) current = { start, after };
      if (unanswered === 0 && held !== null) {
        if (later(held, current)) current = held;
        held = null;
      }
      return { newDocument: !superseded && !same, documentStart: start };
    },
    async pageStart() {
      const after = navigations;
      const answer = await readPageStart();
      const start = pageStartOf(answer);
      if (start !== null) {
        const found = { start, after };
        if (unanswered > 0) {
          if (later(found, held)) held = found;
        } else if (later(found, current)) current = found;
      }
      return answer;
    },
  };
}
