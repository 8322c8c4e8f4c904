// The progress line: only on a terminal, only after the delay, erased before the output, and never
// part of what `explain` prints.

import { describe, expect, it } from 'vitest';
import { RECORDED_HAR_PATH } from '../export/testing-exchanges.ts';
import { EXIT } from './command.ts';
import { explainCommand } from './explain-command.ts';
import { count, megabytes, Progress, PROGRESS_DELAY_MS } from './progress.ts';
import { contextFor, runCommand } from './run-command.ts';
import { Collected } from './testing-streams.ts';

const ERASE = '\r\u001b[K';

/** A stream that says it is a terminal (or not), of `columns` (unset: not said), keeping what was written. */
function stream(isTTY: boolean, columns?: number): Collected & { isTTY?: boolean; columns?: number } {
  const collected = new Collected() as Collected & { isTTY?: boolean; columns?: number };
  if (isTTY) collected.isTTY = true;
  if (columns !== undefined) collected.columns = columns;
  return collected;
}

/** The lines drawn, each after its erase. */
const drawn = (text: string): string[] => text.split(ERASE).slice(1);

/** Cells a line takes on a terminal: CJK ideographs and emoji two, the rest one. */
const terminalCells = (line: string): number => [...line].reduce((sum, char) => sum + (/[\u{1100}-\u{115f}\u{2e80}-\u{a4cf}\u{ac00}-\u{d7a3}\u{f900}-\u{faff}\u{fe30}-\u{fe4f}\u{ff00}-\u{ff60}\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(char) ? 2 : 1), 0);

/** A clock that moves `step` ms at each reading. */
function ticking(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

describe('Progress', () => {
  it('draws nothing before the delay, then one line redrawn in place, erased by stop', () => {
    let now = 0;
    const err = stream(true);
    const progress = new Progress(err, 'cors-inspector explain', () => now);
    now = PROGRESS_DELAY_MS - 1;
    progress.update(() => 'early');
    expect(err.text).toBe('');
    now = PROGRESS_DELAY_MS;
    progress.update(() => 'one');
    // Too soon after the last redraw: skipped, unless it is a new phase.
    now += 10;
    progress.update(() => 'skipped');
    progress.update(() => 'phase', true);
    progress.stop();
    expect(err.text).toBe(`${ERASE}cors-inspector explain: one${ERASE}cors-inspector explain: phase${ERASE}`);
    now += 10_000;
    progress.update(() => 'after stop');
    expect(err.text.endsWith(ERASE)).toBe(true);
  });

  it('writes nothing at all when the stream is not a terminal, whatever its width', () => {
    const err = stream(false, 120);
    const progress = new Progress(err, 'x', ticking(10_000));
    for (let i = 0; i < 5; i++) progress.update(() => `step ${i}`, true);
    progress.stop();
    expect(err.text).toBe('');
  });

  it('shows control characters of a file name as escapes, and keeps the line within 80 columns when the terminal does not say', () => {
    const err = stream(true);
    const progress = new Progress(err, 'x', ticking(10_000));
    progress.update(() => `reading \u001b]52;c;evil\u0007${'a'.repeat(200)}`);
    const line = err.text.slice(ERASE.length);
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('\\x1b]52');
    // Short of the width: a line as wide as the terminal can wrap, and \r erases one row.
    expect(line.length).toBeGreaterThanOrEqual(78);
    expect(line.length).toBeLessThanOrEqual(79);
    // Cut with `...`: what the CLI writes of its own is ASCII (session 43: `…`, mojibake in another encoding).
    expect(line.endsWith('...')).toBe(true);
    expect(line).toMatch(/^[\x20-\x7e]*$/);
  });

  it.each([20, 40, 200])("fits the terminal's width (%i columns), and a line that fits is not cut", (columns) => {
    const err = stream(true, columns);
    const progress = new Progress(err, 'cli', ticking(10_000));
    progress.update(() => `reading ${'b'.repeat(300)}`);
    progress.update(() => 'done');
    const [long, short] = drawn(err.text);
    expect(long!.length).toBeGreaterThanOrEqual(columns - 2);
    expect(long!.length).toBeLessThanOrEqual(columns - 1);
    expect(long!.endsWith('...')).toBe(true);
    expect(long).toMatch(/^[\x20-\x7e]*$/);
    expect(short).toBe('cli: done');
  });

  it('counts wide characters as two cells, never splits a surrogate pair, and follows a resize', () => {
    const err = stream(true, 30);
    const progress = new Progress(err, 'x', ticking(10_000));
    const name = `reading ${'漢字😀'.repeat(40)}.har`;
    progress.update(() => name);
    err.columns = 50;
    progress.update(() => name);
    const lines = drawn(err.text);
    expect(lines.map(terminalCells).map((width, i) => width <= [30, 50][i]! - 1)).toEqual([true, true]);
    expect(terminalCells(lines[1]!)).toBeGreaterThan(terminalCells(lines[0]!));
    for (const line of lines) expect(line).not.toMatch(/\p{Cs}/u);
  });

  it('erases what it drew, once, and nothing when it drew nothing', () => {
    const err = stream(true, 40);
    let now = 0;
    const progress = new Progress(err, 'x', () => now);
    progress.stop();
    expect(err.text).toBe('');
    const again = new Progress(err, 'x', () => now);
    now = PROGRESS_DELAY_MS;
    again.update(() => 'one');
    again.clear();
    again.clear();
    again.stop();
    expect(err.text).toBe(`${ERASE}x: one${ERASE}`);
  });

  it('words its counts', () => {
    expect(megabytes(20e6, 151e6)).toBe('13% (20 of 151 MB)');
    expect(megabytes(1.25e6, 9e6)).toBe('13% (1.3 of 9.0 MB)');
    expect(count(1200, 60000, 'requests diagnosed')).toBe('1,200 of 60,000 requests diagnosed');
  });
});

describe('explain with a progress line', () => {
  async function explain(args: string[], stderrIsTTY: boolean): Promise<{ status: number; out: string; err: string }> {
    const out = new Collected();
    const err = stream(stderrIsTTY);
    // Each reading of the clock a second later: the run is "long" from its first step on.
    const context = { ...contextFor({ stdout: out, stderr: err }), clock: ticking(1000) };
    const status = await runCommand(explainCommand, [...args, RECORDED_HAR_PATH.pathname], context);
    return { status, out: out.text, err: err.text };
  }

  it.each([[[]], [['--json']], [['--json', '--fail-on-blocked']]])('%j: the same output; on a terminal stderr the line is drawn and erased', async (args) => {
    const quiet = await explain(args, false);
    const shown = await explain(args, true);
    expect(quiet.err).toBe('');
    expect(shown.out).toBe(quiet.out);
    expect(shown.status).toBe(quiet.status);
    expect(shown.err).toContain('cors-inspector explain: reading ');
    expect(shown.err).toMatch(/requests (diagnosed|explained)/);
    // Nothing left on the terminal's line: the last thing written erases it.
    expect(shown.err.endsWith(ERASE)).toBe(true);
    expect(shown.err.replaceAll(/\r\u001b\[K[^\r]*/g, '')).toBe('');
    expect([EXIT.ok, EXIT.blocked]).toContain(shown.status);
  });
});
