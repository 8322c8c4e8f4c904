// Whether the page in the inspected tab started loading before the capture began: DevTools opened
// on a page already loaded (the usual first run: a broken page, then DevTools). Its first requests
// were then made where neither the capture nor DevTools' log could see them, and the empty panel
// says so; on a page loaded with DevTools open, it must not.

import { EvaluationRefused } from './browser/evaluation-refused.ts';

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

/** How long to wait before each new read of a page that gave no start after a navigation. */
const READ_AGAIN_AFTER_MS = [100, 300, 600];

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

/** What one read of the page's start found: a start, no start (ask again), or a page DevTools will not evaluate in. */
type Found = number | null | 'refused';

/**
 * Which navigations of the inspected tab loaded a new document. DevTools' `network.onNavigated` also
 * fires for a navigation within the document (a single-page app's `history.pushState`, a new
 * fragment), where no page loads and the capture does not start over (it does at a document's
 * request); taken for a new page, the empty panel said "since this page loaded" and that the
 * capture saw it load. Told apart by the document's start (`PAGE_START_EXPRESSION`), read after each
 * navigation (`readPageStart`): a document keeps its own. A start that cannot be read, even when
 * asked again (`pause` between), is taken for a new document, as every navigation was before; so
 * is one DevTools refuses to evaluate in (`EvaluationRefused`), at once: asking again cannot help.
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
 * but fills in when the later read found no start. A navigation still without a start when a later
 * one is told stops asking and leaves it to the later one (it reports no new document either).
 */
export function watchDocuments(readPageStart: () => Promise<unknown>, pause: (ms: number) => Promise<void> = wait): DocumentWatch {
  /** The document shown, as the read asked after the latest navigation found it. */
  let current: Read | null = null;
  /** Navigations told so far; and of those, how many are still reading. */
  let navigations = 0;
  let reading = 0;
  /** An answer to `pageStart` that came while a navigation was reading: taken once none is. */
  let held: Read | null = null;
  const read = (): Promise<Found> =>
    readPageStart().then(pageStartOf, (error: unknown) => (error instanceof EvaluationRefused ? 'refused' : null));
  /** Whether `found` is ordered after the document known (and so replaces it). */
  const later = (found: Read, known: Read | null): boolean => known === null || found.after > known.after;
  return {
    async navigated() {
      const after = ++navigations;
      reading++;
      let found = await read();
      // Asked while the new page replaced the old one, the page may give no answer: asked again
      // (seen in CI: the new page's read failed, and the document known stayed the page before, so
      // the next pushState read as a new page). Not once a later navigation was told: its own read
      // tells what the tab shows, and an answer to this one could come after it.
      for (const ms of READ_AGAIN_AFTER_MS) {
        if (found !== null || navigations !== after) break;
        await pause(ms);
        if (navigations !== after) break;
        found = await read();
      }
      reading--;
      const start = typeof found === 'number' ? found : null;
      // A later navigation was told before this one found a start, or its read was answered first:
      // that one tells what the tab shows now.
      const superseded = (start === null && found !== 'refused' && navigations !== after) || (current !== null && current.after > after);
      const same = start !== null && start === current?.start;
      if (start !== null && later({ start, after }, current)) current = { start, after };
      if (reading === 0 && held !== null) {
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
        if (reading > 0) {
          if (later(found, held)) held = found;
        } else if (later(found, current)) current = found;
      }
      return answer;
    },
  };
}
