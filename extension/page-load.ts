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
  /** The page's answer to `PAGE_START_EXPRESSION`, asked for another reason: the document shown now. */
  known(pageStart: unknown): void;
}

/**
 * Which navigations of the inspected tab loaded a new document. DevTools' `network.onNavigated` also
 * fires for a navigation within the document (a single-page app's `history.pushState`, a new
 * fragment), where no page loads and the capture does not start over (it does at a document's
 * request); taken for a new page, the empty panel said "since this page loaded" and that the
 * capture saw it load. Told apart by the document's start (`PAGE_START_EXPRESSION`), read after each
 * navigation (`readPageStart`): a document keeps its own. A start that cannot be read, even when
 * asked again, is taken for a new document, as every navigation was before.
 */
export function watchDocuments(readPageStart: () => Promise<unknown>, pause: (ms: number) => Promise<void> = wait): DocumentWatch {
  let current: number | null = null;
  const read = (): Promise<number | null> => readPageStart().then(pageStartOf, () => null);
  return {
    async navigated() {
      let start = await read();
      // Asked while the new page replaced the old one, the page may give no answer: asked again
      // (seen in CI: the new page's read failed, and the document known stayed the page before, so
      // the next pushState read as a new page).
      for (const ms of READ_AGAIN_AFTER_MS) {
        if (start !== null) break;
        await pause(ms);
        start = await read();
      }
      const same = start !== null && start === current;
      if (start !== null) current = start;
      return { newDocument: !same, documentStart: start };
    },
    known(pageStart) {
      current ??= pageStartOf(pageStart);
    },
  };
}
