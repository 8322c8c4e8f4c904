import { describe, expect, it } from 'vitest';
import { describeTarget, headerLineTarget, headerSideOf, isOnLine, type PanelNote } from './notes.ts';

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

describe('isOnLine', () => {
  const note = (target: PanelNote['target']): PanelNote => ({ id: 'n', text: 't', target, createdAt: '2026-01-01T00:00:00Z' });
  const second = headerLineTarget(headers, 2, 'response', 0)!;
  it('matches the same line, names case-insensitively', () => {
    expect(isOnLine(note({ kind: 'header', on: 'response', hop: 0, name: 'SET-COOKIE', index: 1 }), second)).toBe(true);
  });
  it.each([
    ['another occurrence', { kind: 'header', on: 'response', hop: 0, name: 'Set-Cookie', index: 0 }],
    ['another side', { kind: 'header', on: 'request', hop: 0, name: 'Set-Cookie', index: 1 }],
    ['another hop', { kind: 'header', on: 'response', hop: 1, name: 'Set-Cookie', index: 1 }],
    ['the exchange', { kind: 'exchange' }],
  ] as const)('does not match %s', (_what, target) => {
    expect(isOnLine(note(target), second)).toBe(false);
  });
  it('an absent index is the first line', () => {
    expect(isOnLine(note({ kind: 'header', on: 'response', hop: 0, name: 'vary' }), headerLineTarget(headers, 1, 'response', 0)!)).toBe(true);
  });
});

describe('describeTarget', () => {
  it.each([
    [{ kind: 'exchange' }, 'the exchange'],
    [{ kind: 'header', on: 'preflight-response', hop: 0, name: 'Access-Control-Allow-Headers', index: 0 }, 'preflight response header Access-Control-Allow-Headers'],
    [{ kind: 'header', on: 'response', hop: 1, name: 'Set-Cookie', index: 1 }, 'response header Set-Cookie #2 (hop 1)'],
  ] as const)('%j → %s', (target, text) => {
    expect(describeTarget(target)).toBe(text);
  });
});
