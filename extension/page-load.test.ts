import { describe, expect, it } from 'vitest';
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

describe('watchDocuments: a navigation within the document is no new page', () => {
  const start = 1_800_000_000_000.5;
  /** Whether each navigation loaded a new document, the page answering `answers` in turn. */
  async function watch(known: unknown, answers: unknown[]): Promise<boolean[]> {
    const page = [...answers];
    const documents = watchDocuments(() => {
      const answer = page.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    }, noPause);
    documents.known(known);
    const newDocument: boolean[] = [];
    for (let i = 0; i < answers.length; i++) newDocument.push((await documents.navigated()).newDocument);
    return newDocument;
  }

  it.each([
    ['history.pushState on the page shown when DevTools opened: no new document', start, [start], [false]],
    ['a new document, then pushState on it, then another document', start, [start + 900, start + 900, start + 5_000], [true, false, true]],
    ['the first navigation when the page shown was never read: a new document', undefined, [start, start], [true, false]],
    ['a page that gives no start: every navigation is a new document, as before', start, [undefined, new Error('no page'), undefined], [true, true, true]],
  ])('%s', async (_about, known, answers, newDocument) => expect(await watch(known, answers)).toEqual(newDocument));

  it('a new page that gives no start while it replaces the old one is asked again: a pushState on it is no new page', async () => {
    const answers: unknown[] = [new Error('the page went away'), undefined, start + 900, start + 900];
    const pauses: number[] = [];
    const documents = watchDocuments(
      () => {
        const answer = answers.shift();
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      async (ms) => void pauses.push(ms),
    );
    documents.known(start);
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
    expect(pauses).toEqual([100, 300]);
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start + 900 });
  });

  it('the start read at a navigation is not replaced by a late answer to another question', async () => {
    const documents = watchDocuments(() => Promise.resolve(start + 900), noPause);
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
    documents.known(start);
    expect(await documents.navigated()).toEqual({ newDocument: false, documentStart: start + 900 });
  });
});
