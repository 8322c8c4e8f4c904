// Notes people write on an exchange, or pinned to one header line of it. The shape is the bundle's
// (`BundleNote`), so a note travels through export and import unchanged.

import type { BundleNote, HeaderSide, NoteTarget } from '../../export/index.ts';

export type PanelNote = BundleNote;
export type { HeaderSide, NoteTarget };

/** Which header list of a message pair a line belongs to, in the bundle's terms. */
export function headerSideOf(step: 'request' | 'preflight', side: 'sent' | 'received'): HeaderSide {
  if (step === 'preflight') return side === 'sent' ? 'preflight-request' : 'preflight-response';
  return side === 'sent' ? 'request' : 'response';
}

/**
 * The targets of the first `count` lines of a header list: each line's name, and which occurrence of
 * that name it is (0-based, names compared case-insensitively), so two `Set-Cookie` lines keep
 * separate notes. One pass, whatever the number of lines.
 */
export function headerLineTargets(headers: readonly (readonly [string, string])[], count: number, on: HeaderSide, hop: number): NoteTarget[] {
  const seen = new Map<string, number>();
  const targets: NoteTarget[] = [];
  for (let i = 0; i < Math.min(count, headers.length); i++) {
    const name = headers[i]![0];
    const lower = name.toLowerCase();
    const index = seen.get(lower) ?? 0;
    seen.set(lower, index + 1);
    targets.push({ kind: 'header', on, hop, name, index });
  }
  return targets;
}

/** The target of line `lineIndex` of a header list (see `headerLineTargets`); null past the end. */
export function headerLineTarget(headers: readonly (readonly [string, string])[], lineIndex: number, on: HeaderSide, hop: number): NoteTarget | null {
  return headerLineTargets(headers, lineIndex + 1, on, hop)[lineIndex] ?? null;
}

/**
 * One string per header line a note can be pinned to: equal for the same side, hop, name (ASCII
 * case-insensitive) and occurrence (an absent `index` means the first line).
 */
export function lineKey(target: NoteTarget & { kind: 'header' }): string {
  return `${target.on}\n${target.hop}\n${target.name.toLowerCase()}\n${target.index ?? 0}`;
}

/** The notes pinned to header lines, by `lineKey`: each line then finds its own in one lookup. */
export function notesByLine(notes: readonly PanelNote[]): Map<string, PanelNote[]> {
  const byLine = new Map<string, PanelNote[]>();
  for (const note of notes) {
    if (note.target.kind !== 'header') continue;
    const key = lineKey(note.target);
    const list = byLine.get(key);
    if (list === undefined) byLine.set(key, [note]);
    else list.push(note);
  }
  return byLine;
}

/** What a note is about, in words: "the exchange", "response header Vary (after redirect 1)". */
export function describeTarget(target: NoteTarget): string {
  if (target.kind === 'exchange') return 'the exchange';
  const on = { request: 'request header', 'preflight-request': 'preflight request header', 'preflight-response': 'preflight response header', response: 'response header' }[target.on];
  return `${on} ${target.name}${target.index ? ` #${target.index + 1}` : ''}${target.hop > 0 ? ` (after redirect ${target.hop})` : ''}`;
}
