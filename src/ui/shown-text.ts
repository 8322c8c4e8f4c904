// Captured text as the panel shows it. A capture (or a file someone sent) can hold bidi controls,
// zero-width characters and other format characters that change what is SHOWN: U+202E reverses the
// text after it, so a header `X: \u202E*:nigirO-…` reads as `Access-Control-Allow-Origin:*`, and a
// URL ending `?next=\u202Egnp.lanigiro` as `original.png`. So every such character is shown as an
// escape (`\u202e`, as the CLI and the row's headline show it: `showControls`), never dropped (a
// developer must see that the server sent one), and each piece of data is put in an isolate, so
// even characters no list foresees (right-to-left letters, Arabic digits) reorder only inside it.
// The copy actions copy the data itself, not this.

import { showControls } from '../export/index.ts';
import { clipLine } from './format.ts';

/**
 * How a text is shown. `value`: one datum (a header value, a URL), on one line: line feeds and tabs
 * are escapes too, and the whole is one isolate. `prose`: sentences that quote data (the engine's
 * explanation, a headline, a note's line): the data's spans are not marked, so each word that holds
 * anything but printable ASCII is its own isolate. `lines`: prose or code whose line breaks and
 * tabs are its layout (a fix snippet, a note), kept as they are.
 */
export type ShownKind = 'value' | 'prose' | 'lines';

/** A piece of shown text; `isolate` when it must be laid out apart from the text around it. */
export interface ShownRun {
  text: string;
  isolate: boolean;
}

// Printable ASCII has no right-to-left or embedding bidi class: an LTR paragraph of it (and of
// isolates) is laid out in the order it is written. Anything else may not be.
const NOT_PLAIN = /[^\u0020-\u007e\t\n\r]/;
const SPACES = /(\s+)/;

/** `text` with every control and format character shown as an escape (`value`: line feeds and tabs too). */
function shownText(text: string, kind: ShownKind = 'value'): string {
  return showControls(text, { keepLayout: kind === 'lines' });
}

/** The runs `text` is shown as: escapes in place of controls, then isolates as `kind` says. */
export function shownRuns(text: string, kind: ShownKind = 'value'): ShownRun[] {
  const shown = shownText(text, kind);
  if (kind === 'value') return [{ text: shown, isolate: shown !== '' }];
  if (!NOT_PLAIN.test(shown)) return [{ text: shown, isolate: false }];
  const runs: ShownRun[] = [];
  let plain = '';
  // Split at spaces (kept in the odd slots): a word is isolated whole, so a combining mark stays
  // with its letter, and punctuation around a quoted value stays in the sentence's order.
  const parts = shown.split(SPACES);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1 || !NOT_PLAIN.test(part)) {
      plain += part;
      continue;
    }
    if (plain !== '') runs.push({ text: plain, isolate: false });
    plain = '';
    runs.push({ text: part, isolate: true });
  }
  if (plain !== '') runs.push({ text: plain, isolate: false });
  return runs;
}

/** For a `title` or `aria-label` attribute, which holds no element to isolate with: escapes, one line, cut. */
export function shownAttribute(text: string, length?: number): string {
  return shownText(clipLine(text, length));
}
