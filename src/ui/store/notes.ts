// Notes people write on an exchange, or pinned to one header line of it. The shape is the bundle's
// (`BundleNote`), so a note travels through export and import unchanged.

import type { BundleNote, HeaderSide, NoteTarget } from '../../export/bundle-schema.ts';

export type PanelNote = BundleNote;
export type { HeaderSide, NoteTarget };

/** Which header list of a message pair a line belongs to, in the bundle's terms. */
export function headerSideOf(step: 'request' | 'preflight', side: 'sent' | 'received'): HeaderSide {
  if (step === 'preflight') return side === 'sent' ? 'preflight-request' : 'preflight-response';
  return side === 'sent' ? 'request' : 'response';
}

/**
 * The target of line `lineIndex` of a header list: its name, and which occurrence of that name it
 * is (0-based, names compared case-insensitively), so two `Set-Cookie` lines keep separate notes.
 */
export function headerLineTarget(headers: readonly (readonly [string, string])[], lineIndex: number, on: HeaderSide, hop: number): NoteTarget | null {
  const line = headers[lineIndex];
  if (!line) return null;
  const lower = line[0].toLowerCase();
  let index = 0;
  for (let i = 0; i < lineIndex; i++) if (headers[i]?.[0].toLowerCase() === lower) index++;
  return { kind: 'header', on, hop, name: line[0], index };
}

/** Whether a note is pinned to exactly this line (an absent `index` means the first line). */
export function isOnLine(note: PanelNote, target: NoteTarget): boolean {
  const t = note.target;
  if (t.kind !== 'header' || target.kind !== 'header') return t.kind === target.kind;
  return t.on === target.on && t.hop === target.hop && t.name.toLowerCase() === target.name.toLowerCase() && (t.index ?? 0) === (target.index ?? 0);
}

/** What a note is about, in words: "the exchange", "response header Vary (hop 1)". */
export function describeTarget(target: NoteTarget): string {
  if (target.kind === 'exchange') return 'the exchange';
  const on = { request: 'request header', 'preflight-request': 'preflight request header', 'preflight-response': 'preflight response header', response: 'response header' }[target.on];
  return `${on} ${target.name}${target.index ? ` #${target.index + 1}` : ''}${target.hop > 0 ? ` (hop ${target.hop})` : ''}`;
}
