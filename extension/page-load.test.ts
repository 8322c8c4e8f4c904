import { describe, expect, it } from 'vitest';
import { EvaluationRefused } from './browser/evaluation-refused.ts';
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

describe('watchDocuments: a navigation within the document is no new page', () => {
  // The documents: O shown when the panel opened, D and E loaded later.
  const start = 1_800_000_000_000.5;
  const pages: Record<string, unknown> = { O: start, D: start + 900, E: start + 5_000, '-': undefined };

  /**
   * Whether each navigation loaded a new document, and the pauses asked for, after `steps` in turn:
   * - `ask`: the panel asks the page's start for another reason (`pageStart`, when its first snapshot comes);
   * - `nav`: DevTools tells a navigation (`navigated`), which reads the page's start; the Nth is `navN`;
   * - `ask=D`, `nav1=O`: that read answered by that document (`-`: no time; `!`: the read failed;
   *   `#`: DevTools refused to evaluate there);
   * - `nav1+`: the pause nav1 asked for after a read with no start ends (it may then read again: `nav1=D`).
   */
  async function watch(steps: string): Promise<{ newDocument: boolean[]; pauses: number[] }> {
    const reads = new Map<string, { answer: (page: string) => void }>();
    const paused = new Map<string, () => void>();
    const pauses: number[] = [];
    let reading = '';
    let pausing = '';
    const documents = watchDocuments(
      () =>
        new Promise((resolve, reject) => {
          reads.set(reading, {
            answer: (page) => (page === '!' ? reject(new Error('no page')) : page === '#' ? reject(new EvaluationRefused('Permission denied')) : resolve(pages[page])),
          });
        }),
      (ms) =>
        new Promise((resolve) => {
          pauses.push(ms);
          paused.set(pausing, resolve);
        }),
    );
    const navigations: Promise<boolean>[] = [];
    let asked: Promise<unknown> = Promise.resolve();
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
    for (const step of steps.split(' ')) {
      const [read, page] = step.split('=');
      if (page !== undefined) {
        const answered = reads.get(read!)!;
        reads.delete(read!);
        pausing = read!;
        answered.answer(page);
        if (read === 'ask') await expect(asked).resolves.toBe(pages[page]);
      } else if (step.endsWith('+')) {
        reading = step.slice(0, -1);
        paused.get(reading)!();
        paused.delete(reading);
      } else if (step === 'ask') {
        reading = 'ask';
        asked = documents.pageStart();
      } else {
        reading = `nav${navigations.length + 1}`;
        navigations.push(documents.navigated().then((navigation) => navigation.newDocument));
      }
      await settle();
    }
    // A read or a pause still out here would keep its navigation waiting for good.
    expect([...reads.keys(), ...paused.keys()], 'still waiting').toEqual([]);
    return { newDocument: await Promise.all(navigations), pauses };
  }

  // Orderings the watch already got right before it ordered answers by navigation (b081938's and older), kept so the table is whole.
  it.each([
    ['the page shown read, then history.pushState on it: no new document', 'ask ask=O nav nav1=O', [false]],
    ['a new document, then pushState on it, then another document', 'ask ask=O nav nav1=D nav nav2=D nav nav3=E', [true, false, true]],
    ['the first navigation when the page shown was never read: a new document', 'nav nav1=O nav nav2=O', [true, false]],
    ['a page that gives no start, asked again: a new document, as before', 'ask ask=O nav nav1=- nav1+ nav1=! nav1+ nav1=- nav1+ nav1=-', [true]],
    ['a new page that gives no start while it replaces the old one, asked again: a pushState on it then none', 'ask ask=O nav nav1=! nav1+ nav1=- nav1+ nav1=D nav nav2=D', [true, false]],
    ['the ask out at a new page, answered by the page before it: a new document', 'ask nav ask=O nav1=D nav nav2=D', [true, false]],
    ['the ask out at a new page, answered after the navigation’s read: a new document, and pushState then none', 'ask nav nav1=D ask=D nav nav2=D', [true, false]],
    ['the ask answered late by the page before: the start the navigation read stays', 'ask nav nav1=D ask=O nav nav2=D', [true, false]],
    ['the ask made after the navigation was told, answered after its read', 'nav ask nav1=D ask=D nav nav2=D', [true, false]],
    ['the new page never gives a start and the ask answers first: its start is known for the pushState after', 'ask nav ask=D nav1=! nav1+ nav1=- nav1+ nav1=- nav1+ nav1=- nav nav2=D', [true, false]],
    ['the new page never gives a start and the ask answers after: its start is known for the pushState after', 'ask nav nav1=! ask=D nav1+ nav1=- nav1+ nav1=- nav1+ nav1=- nav nav2=D', [true, false]],
    ['a new page then pushState, told before either read is answered', 'ask ask=O nav nav nav1=D nav2=D', [true, false]],
  ])('%s', async (_about, steps, newDocument) => expect((await watch(steps)).newDocument).toEqual(newDocument));

  // Orderings each taken wrongly before (M4#6, and what the reads again opened), each row failed then.
  it.each([
    // The page answers a read in the document it shows by then: the ask, out when a new page loads, may be answered by it.
    ['the ask out at a new page, answered by it before the navigation’s read: a new document', 'ask nav ask=D nav1=D nav nav2=D', [true, false]],
    ['the ask made after the navigation was told, answered before its read: a new document', 'nav ask ask=D nav1=D nav nav2=D', [true, false]],
    ['the ask answers while the new page is asked again: the start read again decides', 'ask nav nav1=- ask=D nav1+ nav1=D nav nav2=D', [true, false]],
    // The price (was no new document before): nothing read before says which document was shown, and a new page answering the ask first looks the same.
    ['pushState while the ask is out, the ask answered first: taken for a new document', 'ask nav ask=O nav1=O nav nav2=O', [true, false]],
    ['two new pages, the later one’s read answered first: it decides, the earlier answer is older news', 'ask ask=O nav nav nav2=E nav1=D nav nav3=E', [false, true, false]],
    // A second navigation while the first waits to ask again.
    ['a second navigation during the wait: the first stops asking and leaves it to the second', 'ask ask=O nav nav1=- nav nav1+ nav2=E nav nav3=E', [false, true, false]],
    ['a second navigation while the first asks again: the first’s late answer does not overtake it', 'ask ask=O nav nav1=- nav1+ nav nav2=E nav1=D nav nav3=E', [false, true, false]],
    // DevTools will not evaluate there (a page of the browser's own): no use asking again.
    ['DevTools refuses to evaluate in the new page: a new document at once', 'ask ask=O nav nav1=# nav nav2=#', [true, true]],
    ['DevTools refuses at the first read, then a page it evaluates in: compared with the page before', 'ask ask=O nav nav1=# nav nav2=O', [true, false]],
  ])('%s', async (_about, steps, newDocument) => expect((await watch(steps)).newDocument).toEqual(newDocument));

  it('a new page that gives no start is asked again after 100, 300 and 600 ms', async () => {
    expect((await watch('ask ask=O nav nav1=- nav1+ nav1=- nav1+ nav1=- nav1+ nav1=-')).pauses).toEqual([100, 300, 600]);
  });

  it('a page DevTools refuses to evaluate in is not asked again', async () => {
    expect(await watch('ask ask=O nav nav1=#')).toEqual({ newDocument: [true], pauses: [] });
  });

  it('tells the start a new document gave', async () => {
    const documents = watchDocuments(() => Promise.resolve(start + 900), async () => {});
    expect(await documents.navigated()).toEqual({ newDocument: true, documentStart: start + 900 });
  });
});
