// Captured text on screen: escapes for the characters that would change what is shown, and an
// isolate (`<bdi dir="ltr">`) around each datum, so nothing in it can reorder or hide the text
// around it. Every component that shows captured data (or engine words that quote it) renders it
// through `Shown`, or `LongText` for text that may be huge. See `shown-text.ts`.

import type { ComponentChildren } from 'preact';
import { shownRuns, type ShownKind } from '../shown-text.ts';

/** The nodes for `text`: plain strings, and `<bdi>` isolates where `kind` calls for them. */
export function shownNodes(text: string, kind: ShownKind = 'value'): ComponentChildren {
  const runs = shownRuns(text, kind);
  if (runs.length === 1 && !runs[0]!.isolate) return runs[0]!.text;
  return runs.map((run, i) =>
    run.isolate ? (
      <bdi key={i} dir="ltr" class="cp-data">
        {run.text}
      </bdi>
    ) : (
      run.text
    ),
  );
}

/** Short captured text (a method, an origin, a header name, a headline): shown as `kind` says. */
export function Shown({ text, kind = 'value' }: { text: string; kind?: ShownKind }) {
  return <>{shownNodes(text, kind)}</>;
}
