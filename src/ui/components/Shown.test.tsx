// `shownNodes` read from the VNode tree (no DOM needed): a datum is one `<bdi dir="ltr">`, prose
// isolates only its words that are not printable ASCII, and no raw control reaches a node.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { UNPRINTABLE } from '../../export/index.ts';
import { shownNodes } from './Shown.tsx';

type Node = VNode<{ children?: unknown; dir?: string; class?: string }>;

const list = (nodes: unknown): unknown[] => (Array.isArray(nodes) ? nodes : [nodes]);
const textOf = (node: unknown): string => (typeof node === 'string' ? node : textOf((node as Node).props.children));
const isolates = (nodes: unknown): Node[] => list(nodes).filter((n): n is Node => typeof n === 'object' && n !== null && (n as Node).type === 'bdi');

describe('shownNodes', () => {
  it('a header value is one left-to-right isolate, its bidi control an escape', () => {
    const nodes = shownNodes('\u202e*:nigirO-wollA-lortnoC-sseccA');
    const [bdi, ...more] = isolates(nodes);
    expect(more).toEqual([]);
    expect(bdi!.props.dir).toBe('ltr');
    expect(bdi!.props.class).toBe('cp-data');
    expect(textOf(bdi)).toBe('\\u202e*:nigirO-wollA-lortnoC-sseccA');
  });

  it('prose keeps its words plain and isolates the one that holds a value it cannot tell apart', () => {
    const nodes = list(shownNodes("origin ('https://app.example\u202e'). Send \u05e9 200", 'prose'));
    expect(nodes.map(textOf).join('')).toBe("origin ('https://app.example\\u202e'). Send \u05e9 200");
    expect(isolates(nodes).map(textOf)).toEqual(['\u05e9']);
  });

  it('no kind lets a raw control through', () => {
    for (const kind of ['value', 'prose', 'lines'] as const) {
      const shown = list(shownNodes('a\u202eb\u2066c\u200fd\u009be\u007ff\ufeffg\u200bh\ud800i', kind)).map(textOf).join('');
      expect([...shown].filter((c) => UNPRINTABLE.test(c))).toEqual([]);
    }
  });
});
