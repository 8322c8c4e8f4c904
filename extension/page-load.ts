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

/**
 * The same for the read of the page shown when the panel opens, for longer (16 s of pauses, and up
 * to 2 s each read unanswered: at most 32 s): nothing waits on it
 * (a navigation's read decides whether the capture starts over), and without its answer the empty
 * panel never says whether the capture saw the page load (seen in CI under load: the one read, made
 * as DevTools took in the page just loaded, gave no start, and nothing was said).
 */
const SHOWN_READ_AGAIN_AFTER_MS = [100, 300, 600, 1_000, 2_000, 4_000, 8_000];

/** A read not answered by then counts as no answer, and is asked again: one that never settled would end the asking. */
const READ_GIVES_UP_AFTER_MS = 2_000;

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
   * When the document shown now started, read from the page (asked again while it gives none), and
   * kept as the document known unless a navigation's read came first; null when it never gave one,
   * or when a navigation began meanwhile (that navigation tells).
   */
  shown(): Promise<number | null>;
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
export function watchDocuments(readPageStart: () => Promise<unknown>, pause: (ms: number) => Promise<void> = wait, now: () => number = Date.now): DocumentWatch {
  let current: number | null = null;
  // A document that started before the watch did (the panel's page) is the one shown when the panel
  // opened, or one before it: a page navigated to since starts its document after (M10: with the
  // panel's own read still unanswered, a pushState on that page read as a new page, and the panel
  // said the capture saw a page load that it did not).
  const watchSince = now();
  /** Navigations begun so far: a navigation's own read decides its document, so the panel's read then stops and keeps nothing. */
  let navigations = 0;
  const read = (): Promise<number | null> => {
    let givenUp: ReturnType<typeof setTimeout> | undefined;
    const unanswered = new Promise<null>((resolve) => (givenUp = setTimeout(() => resolve(null), READ_GIVES_UP_AFTER_MS)));
    return Promise.race([readPageStart().then(pageStartOf, () => null), unanswered]).finally(() => clearTimeout(givenUp));
  };
  // Asked while a new page replaces the old one (or DevTools takes it in), the page may give no
  // answer: asked again after each of `waits` (seen in CI: the new page's read failed, and the
  // document known stayed the page before, so the next pushState read as a new page).
  const readPatiently = async (waits: readonly number[], wanted: () => boolean = () => true): Promise<number | null> => {
    let start = await read();
    for (const ms of waits) {
      if (start !== null || !wanted()) break;
      await pause(ms);
      start = await read();
    }
    return start;
  };
  return {
    async navigated() {
      navigations++;
      const start = await readPatiently(READ_AGAIN_AFTER_MS);
      const same = start !== null && (start === current || (current === null && start < watchSince));
      if (start !== null) current = start;
      return { newDocument: !same, documentStart: start };
    },
    async shown() {
      const at = navigations;
      const unmoved = (): boolean => navigations === at;
      const start = await readPatiently(SHOWN_READ_AGAIN_AFTER_MS, unmoved);
      // Answered after a navigation began, by the page shown now or the one before: which one cannot
      // be told, and taken for the document known, the new page would read as a pushState. Nor is a
      // document that started after the panel's page the one shown when it opened: a page loading
      // whose navigation DevTools has not told yet (M10, M11), which that navigation decides.
      if (!unmoved() || (start !== null && start > watchSince)) return null;
      current ??= start;
      return start;
    },
  };
}
