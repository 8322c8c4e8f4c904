// Text that may be huge: a header value, a note, a URL, a list of 100,000 header names. Chromium
// lays out wrapped text at seconds per megabyte, so only the start is rendered, and more on request
// in bounded steps; nothing is cut from the data (Copy buttons beside such text copy all of it).
// What is rendered is shown as `kind` says (`shown-text.ts`): controls as escapes, data isolated.

import { useState } from 'preact/hooks';
import { textStart } from '../format.ts';
import type { ShownKind } from '../shown-text.ts';
import { shownNodes } from './Shown.tsx';

/** Characters rendered at first. */
const TEXT_SHOWN = 10_000;
/** Characters each "Show more" adds: about a tenth of a second of layout. */
const TEXT_STEP = 100_000;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * `kind`: `value` (the default) for one datum, `prose` or `lines` for text that quotes data.
 * `first`: characters rendered at first, where the text sits in a narrow column (a header value:
 * 10,000 characters there were a column some 8,500 px tall).
 */
export function LongText({ text, kind = 'value', first = TEXT_SHOWN }: { text: string; kind?: ShownKind; first?: number }) {
  const [shown, setShown] = useState(first);
  if (text.length <= shown) return <>{shownNodes(text, kind)}</>;
  const visible = textStart(text, shown);
  const rest = text.length - visible.length;
  return (
    <>
      {shownNodes(visible, kind)}
      <span class="cp-more-text">
        {'… '}
        <button type="button" class="cp-btn cp-btn-small cp-more-btn" onClick={() => setShown(visible.length + TEXT_STEP)}>
          Show {count(Math.min(rest, TEXT_STEP))} more characters
        </button>{' '}
        <span class="cp-muted">({count(rest)} not shown)</span>
      </span>
    </>
  );
}
