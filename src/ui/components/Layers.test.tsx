// The layers line as data: the VNode tree's text, no DOM needed.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { StackReading } from '../../cors/index.ts';
import { Layers } from './Layers.tsx';

function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  return text((node as VNode<{ children?: unknown }>).props.children);
}

const reading = (over: Partial<StackReading>): StackReading => ({ layers: [], headers: [], primary: null, undecided: [], ...over });

describe('Layers', () => {
  it('nothing when no layer was recognised', () => {
    expect(Layers({ reading: reading({}) })).toBeNull();
    expect(Layers({ reading: undefined })).toBeNull();
  });
  it('outer to inner, and who sent each Allow-Origin', () => {
    const r = reading({
      layers: [{ names: ['nginx'], role: 'front', evidence: [] }, { names: ['express'], role: 'app', evidence: [] }],
      headers: [
        { on: 'response', header: 'Access-Control-Allow-Origin', value: '*', setBy: ['express'], evidence: 'run', duplicate: true },
        { on: 'response', header: 'Access-Control-Allow-Origin', value: 'x', setBy: ['nginx'], evidence: 'after', duplicate: true },
      ],
      primary: 'express',
    });
    expect(text(Layers({ reading: r }))).toBe('Layers: nginx → Express · Allow-Origin from Express · Allow-Origin from nginx');
  });
  it('says which layers it could not tell apart', () => {
    const r = reading({ layers: [{ names: ['fastify', 'hono'], role: 'app', evidence: [] }], undecided: ['fastify', 'hono'] });
    expect(text(Layers({ reading: r }))).toContain('could not tell Fastify or Hono apart: both fixes below');
  });
});
