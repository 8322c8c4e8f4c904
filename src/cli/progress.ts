// A progress line for a long run (`explain` of a HAR of hundreds of megabytes takes seconds): one
// line on stderr, redrawn in place. Shown only when stderr is a terminal (never in a file, a pipe or
// a CI log), only once the run has taken a few seconds (a quick run shows nothing), never wider
// than the terminal (a wrapped line is not erased by `\r`), and erased before the output is written
// or an error is reported. The output itself is on stdout: the line
// never reaches it, `--json` or not.
//
// The work it follows is synchronous (the walk of the HAR, the diagnoses), so no timer could fire:
// the work calls `update` as it goes, and the clock is read there.

import { showControls } from '../export/index.ts';

/** A run shorter than this shows no progress. */
export const PROGRESS_DELAY_MS = 2000;
/** At most this often a redraw. */
const REDRAW_MS = 250;
/** Back to the line's start and erase it (ECMA-48 EL). */
const ERASE = '\r\u001b[K';
/** The width when the terminal does not say (`columns` unset or 0). */
const FALLBACK_COLUMNS = 80;

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * The cells a character may take on a terminal: ASCII one; anything else counted as two, which a
 * wide (CJK) character or an emoji takes. Counting more than a character takes only makes the line
 * shorter, never wrap.
 */
const cells = (char: string): number => (char.charCodeAt(0) < 0x80 ? 1 : 2);

/**
 * `line`, cut with `...` to fit in `columns - 1` cells: a line as wide as the terminal can leave the
 * cursor on the next row, and `\r` then erases only that row. Cut between code points, never
 * inside a surrogate pair. `...`, not `…`: what the CLI writes of its own is ASCII (a terminal in
 * another encoding shows `…` as mojibake).
 */
function fitted(line: string, columns: number): string {
  const room = columns - 1;
  const chars = [...line];
  let width = 0;
  for (const char of chars) width += cells(char);
  if (width <= room) return line;
  const ellipsis = '...';
  let out = '';
  let used = ellipsis.length;
  for (const char of chars) {
    if (used + cells(char) > room) break;
    out += char;
    used += cells(char);
  }
  return used > room ? '' : out + ellipsis;
}

export class Progress {
  private enabled: boolean;
  private shown = false;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private readonly started: number;

  /** `label`: what the line starts with (`cors-inspector explain`). `now`: ms, for tests. */
  constructor(
    private readonly stream: Stream,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.enabled = stream.isTTY === true;
    this.started = this.enabled ? now() : 0;
  }

  /**
   * Redraws the line with `state()` (built only when drawn), if it is time to. `phase`: a new stage
   * of the work, drawn at once (once past the delay) rather than at the next redraw.
   */
  update(state: () => string, phase = false): void {
    if (!this.enabled) return;
    const at = this.now();
    if (at - this.started < PROGRESS_DELAY_MS || (!phase && at - this.lastDraw < REDRAW_MS)) return;
    this.lastDraw = at;
    this.shown = true;
    // Read at each draw: the terminal may have been resized since.
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : FALLBACK_COLUMNS;
    this.stream.write(`${ERASE}${fitted(showControls(`${this.label}: ${state()}`), columns)}`);
  }

  /** Erases the line (before a message on the same stream); the next update draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.stream.write(ERASE);
  }

  /** Erases the line, and draws no more. */
  stop(): void {
    this.clear();
    this.enabled = false;
  }
}

/** `9% (12.3 of 139 MB)` */
export function megabytes(done: number, total: number): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
  return `${total === 0 ? 100 : Math.floor((done / total) * 100)}% (${mb(done)} of ${mb(total)} MB)`;
}

/** `12,000 of 60,000 requests` */
export function count(done: number, total: number, noun: string): string {
  return `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun}`;
}
