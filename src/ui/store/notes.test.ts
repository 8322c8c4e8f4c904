import { describe, expect, it } from 'vitest';
import { describeTarget, headerLineTarget, headerLineTargets, headerSideOf, lineKey, notesByLine, type NoteTarget, type PanelNote } from './notes.ts';

const headers = [
  ['Set-Cookie', 'a=1'],
  ['Vary', 'Origin'],
  ['set-cookie', 'b=2'],
] as const;

describe('headerSideOf', () => {
  it.each([
    ['request', 'sent', 'request'],
    ['request', 'received', 'response'],
    ['preflight', 'sent', 'preflight-request'],
    ['preflight', 'received', 'preflight-response'],
  ] as const)('%s step, %s side → %s', (step, side, expected) => {
    expect(headerSideOf(step, side)).toBe(expected);
  });
});

describe('headerLineTarget', () => {
  it.each([
    [0, 'Set-Cookie', 0],
    [1, 'Vary', 0],
    [2, 'set-cookie', 1],
  ])('line %i is %s occurrence %i', (line, name, index) => {
    expect(headerLineTarget(headers, line, 'response', 2)).toEqual({ kind: 'header', on: 'response', hop: 2, name, index });
  });
  it('is null past the end', () => {
    expect(headerLineTarget(headers, 3, 'response', 0)).toBeNull();
  });
});

describe('headerLineTargets', () => {
  it('gives each line its occurrence in one pass, up to the count asked', () => {
    expect(headerLineTargets(headers, 10, 'request', 0).map((t) => (t.kind === 'header' ? [t.name, t.index] : null))).toEqual([
      ['Set-Cookie', 0],
      ['Vary', 0],
      ['set-cookie', 1],
    ]);
    expect(headerLineTargets(headers, 2, 'request', 0)).toHaveLength(2);
  });
  it('100,000 lines of one name: the last is occurrence 99,999', () => {
    const many = Array.from({ length: 100_000 }, (_, i): readonly [string, string] => [i % 2 ? 'X-A' : 'x-a', String(i)]);
    expect(headerLineTargets(many, many.length, 'response', 0).at(-1)).toMatchObject({ name: 'X-A', index: 99_999 });
  });
});

describe('notesByLine', () => {
  const note = (id: string, target: PanelNote['target']): PanelNote => ({ id, text: id, target, createdAt: '2026-01-01T00:00:00Z' });
  it('groups the notes pinned to a line under the key of that line, and leaves exchange notes out', () => {
    const second = headerLineTarget(headers, 2, 'response', 0)!;
    const byLine = notesByLine([
      note('a', { kind: 'header', on: 'response', hop: 0, name: 'SET-COOKIE', index: 1 }),
      note('b', { kind: 'exchange' }),
      note('c', { kind: 'header', on: 'response', hop: 0, name: 'set-cookie', index: 1 }),
      note('d', { kind: 'header', on: 'response', hop: 0, name: 'Set-Cookie' }),
    ]);
    expect(second.kind === 'header' && byLine.get(lineKey(second))?.map((n) => n.id)).toEqual(['a', 'c']);
    expect([...byLine.values()].flat().map((n) => n.id).sort()).toEqual(['a', 'c', 'd']);
  });
  it('a newline in a name cannot make two lines share a key', () => {
    expect(lineKey({ kind: 'header', on: 'response', hop: 0, name: 'a\n1', index: 0 })).not.toBe(lineKey({ kind: 'header', on: 'response', hop: 0, name: 'a', index: 1 }));
  });
});

describe('lineKey: the same line exactly', () => {
  type HeaderTarget = NoteTarget & { kind: 'header' };
  const second = headerLineTarget(headers, 2, 'response', 0) as HeaderTarget;
  it('matches the same line, names case-insensitively', () => {
    expect(lineKey({ kind: 'header', on: 'response', hop: 0, name: 'SET-COOKIE', index: 1 })).toBe(lineKey(second));
  });
  it.each<[string, HeaderTarget]>([
    ['another occurrence', { kind: 'header', on: 'response', hop: 0, name: 'Set-Cookie', index: 0 }],
    ['another side', { kind: 'header', on: 'request', hop: 0, name: 'Set-Cookie', index: 1 }],
    ['another hop', { kind: 'header', on: 'response', hop: 1, name: 'Set-Cookie', index: 1 }],
  ])('does not match %s', (_what, target) => {
    expect(lineKey(target)).not.toBe(lineKey(second));
  });
  it('an absent index is the first line', () => {
    expect(lineKey({ kind: 'header', on: 'response', hop: 0, name: 'vary' })).toBe(lineKey(headerLineTarget(headers, 1, 'response', 0) as HeaderTarget));
  });
});

describe('describeTarget', () => {
  it.each([
    [{ kind: 'exchange' }, 'the exchange'],
    [{ kind: 'header', on: 'preflight-response', hop: 0, name: 'Access-Control-Allow-Headers', index: 0 }, 'preflight response header Access-Control-Allow-Headers'],
    [{ kind: 'header', on: 'response', hop: 1, name: 'Set-Cookie', index: 1 }, 'response header Set-Cookie #2 (after redirect 1)'],
  ] as const)('%j → %s', (target, text) => {
    expect(describeTarget(target)).toBe(text);
  });
});
