import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadedBeforeCapture, watchDocuments } from './page-load.ts';

describe('loadedBeforeCapture', () => {
  const since = 1_800_000_000_000;
  it.each([
    ['a page loaded before the capture began (DevTools opened on it)', since - 5_000.25, true],
    ['a page loaded after (DevTools open from the start, or a reload)', since + 12.5, false],
    ['no time from the page (an exception, a page that answers nothing)', undefined, null],
    ['a time that is no number', '1799999999000', null],
    ['a time that cannot be one', Number.NaN, null],
    ['zero (no navigation start known)', 0, null],
  ])('%s', (_about, pageStart, loaded) => expect(loadedBeforeCapture(pageStart, since)).toBe(loaded));
});

const noPause = async (): Promise<void> => {};

const start = 1_800_000_000_000.5;
// The panel's page opened after the page shown (`start`), before any page navigated to since.
const clock = (): number => start + 500;

/** A watch over a page answering `answers` in turn (an Error: the read fails), and the pauses it made. */
function over(answers: unknown[]): { documents: ReturnType<typeof watchDocuments>; pauses: number[] } {
  const pauses: number[] = [];
  const documents = watchDocuments(
    () => {
      const answer = answers.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    async (ms) => void pauses.push(ms),
    clock,
  );
  return { documents, pauses };
}

describe('watchDocuments: a navigation within the document is no new page', () => {
  /** Whether each navigation loaded a new document, the page answering `answers` in turn. */
  async function watch(known: unknown, answers: unknown[]): Promise<boolean[]> {
    const page = known === undefined ? [...answers] : [known, ...answers];
    const documents = watchDocuments(() => {
      const answer = page.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    }, noPause, clock);
    // The panel reads the page shown when it opens (undefined: it never did).
    if (known !== undefined) await documents.shown();
    const newDocument: boolean[] = [];
    for (let i = 0; i < answers.length; i++) newDocument.push((await documents.navigated()).newDocument);
    return newDocument;
  }

  it.each([
    ['history.pushState on the page shown when DevTools opened: no new document', start, [start], [false]],
    ['a new document, then pushState on it, then another document', start, [start + 900, start + 900, start + 5_000], [true, false, true]],
    ['the first navigation when the page shown was never read: a new document', undefined, [start + 900, start + 900], [true, false]],
    ['the first navigation when the page shown was never read, to a document older than the panel: that page, no new one', undefined, [start, start + 900], [false, true]],
    ['a page that gives no start: every navigation is a new document, as before', start, [undefined, new Error('no page'), undefined], [true, true, true]],
  ])('%s', async (_about, known, answers, newDocument) => expect(await watch(known, answers)).toEqual(newDocument));

  it('a new page that gives no start while it replaces the old one is asked again: a pushState on it is no new page', async () => {
    const { documents, pauses } = over([start, new Error('the page went away'), undefined, start + 900, start + 900]);
    expect(await documents.shown()).toBe(start);
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
    expect(pauses).toEqual([100, 300]);
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start + 900 });
  });

  it('the start read at a navigation is not replaced by a late answer to the panel\'s own read', async () => {
    const answers = [start + 900, start, start + 900];
    const documents = watchDocuments(() => Promise.resolve(answers.shift()), noPause, clock);
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
    expect(await documents.shown()).toBe(start);
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start + 900 });
  });
});

describe('watchDocuments: the page shown when the panel opens', () => {
  afterEach(() => void vi.useRealTimers());


  it('is asked again, for longer than at a navigation, while DevTools gives no start (CI: one read, no answer, nothing said)', async () => {
    const answers: unknown[] = [new Error('no context yet'), undefined, undefined, undefined, 'no time', start];
    const { documents, pauses } = over(answers);
    expect(await documents.shown()).toBe(start);
    expect(pauses).toEqual([100, 300, 600, 1_000, 2_000]);
    // The document it read is the one known: a pushState on it is no new page.
    answers.push(start);
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start });
  });

  it('gives no start when the page never does, after asking for about 16 s, and a navigation then decides alone', async () => {
    const answers: unknown[] = Array.from({ length: 8 }, () => undefined);
    const { documents, pauses } = over(answers);
    expect(await documents.shown()).toBeNull();
    expect(pauses).toEqual([100, 300, 600, 1_000, 2_000, 4_000, 8_000]);
    answers.push(start + 900);
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
  });

  it('a navigation while it is asked again decides alone: an answer from the new page does not make the new page a pushState', async () => {
    const reads: ((answer: unknown) => void)[] = [];
    const documents = watchDocuments(() => new Promise((resolve) => reads.push(resolve)), noPause, clock);
    const shown = documents.shown();
    reads[0]!(undefined);
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    const navigation = documents.navigated();
    // The panel's read is answered first, by the new page; then the navigation's.
    reads[1]!(start + 900);
    expect(await shown).toBeNull();
    reads[2]!(start + 900);
    expect(await navigation).toEqual({ newDocument: true, documentStart: start + 900 });
    // No more asking once a navigation began.
    expect(reads).toHaveLength(3);
  });

  it('a pushState while it is still asked: the page shown, older than the panel, is no new page (M10)', async () => {
    let answered!: () => void;
    const gate = new Promise<void>((resolve) => (answered = resolve));
    const answers: unknown[] = [undefined, start];
    const documents = watchDocuments(() => Promise.resolve(answers.shift()), () => gate, clock);
    const shown = documents.shown();
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start });
    answered();
    expect(await shown).toBeNull();
  });

  it('a read again answered by a document that began after it asked (a reload DevTools has not told yet): not kept, and the reload is a new page (M10)', async () => {
    const answers: unknown[] = [undefined, start + 900, start + 900];
    const documents = watchDocuments(() => Promise.resolve(answers.shift()), noPause, clock);
    expect(await documents.shown()).toBeNull();
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
  });

  it('a reload begun after the panel opened, answered before DevTools tells it: not the page shown, and a new page (M11)', async () => {
    // The panel's page at start + 500, the reload at start + 600, the panel's read asked at start + 700.
    const times = [start + 500, start + 700];
    const answers = [start + 600, start + 600];
    const documents = watchDocuments(() => Promise.resolve(answers.shift()), noPause, () => times.shift() ?? start + 800);
    expect(await documents.shown()).toBeNull();
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 600 });
  });

  it('a read DevTools never answers counts as none after 2 s, and is asked again', async () => {
    vi.useFakeTimers();
    const answers: Promise<unknown>[] = [new Promise(() => {}), Promise.resolve(start)];
    const pauses: number[] = [];
    const documents = watchDocuments(() => answers.shift()!, async (ms) => void pauses.push(ms), clock);
    const shown = documents.shown();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(pauses).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await shown).toBe(start);
    expect(pauses).toEqual([100]);
  });
});
