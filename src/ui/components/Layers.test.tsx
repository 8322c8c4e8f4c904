// The layers line as data: the VNode tree's text, no DOM needed.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { StackReading } from '../../cors/index.ts';
import { Layers, undecidedStacks } from './Layers.tsx';

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
  // A front server alone names itself: the app behind it may have sent the line as well. The
  // engine's `unknown` is worded, and it makes no "could not tell apart" nor a "one of these" tab
  // (it has no fix): the front server's fix, which replaces a copy from behind it, is the one.
  it('words a layer the headers do not name, and does not count it as undecided', () => {
    const r = reading({
      layers: [{ names: ['nginx'], role: 'front', evidence: [] }],
      headers: [{ on: 'response', header: 'Access-Control-Allow-Origin', value: 'https://app.example.com', setBy: ['nginx', 'unknown'], evidence: 'only nginx names itself', duplicate: false }],
      undecided: ['nginx', 'unknown'],
    });
    expect(text(Layers({ reading: r }))).toBe('Layers: nginx · Allow-Origin from nginx or an unnamed layer (often the app)');
    expect(undecidedStacks(r)).toEqual([]);
    expect(undecidedStacks(reading({ undecided: ['fastify', 'hono', 'unknown'] }))).toEqual(['fastify', 'hono']);
  });
  it('names the pass-through layers as their makers do', () => {
    const r = reading({ layers: [{ names: ['cloudfront'], role: 'platform', evidence: [] }, { names: ['express'], role: 'app', evidence: [] }] });
    expect(text(Layers({ reading: r }))).toBe('Layers: CloudFront → Express');
  });
});
