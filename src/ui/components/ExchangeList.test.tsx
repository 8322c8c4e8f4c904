// The empty list inside DevTools: the usual first run is a broken page, then DevTools opened on it.
// The panel said "No cross-origin requests yet" beside a Console full of errors, and "requests made
// before DevTools was opened could not be seen" on a tab DevTools had been open on from the start.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { NothingCaptured } from './ExchangeList.tsx';

type Node = VNode<{ children?: unknown; class?: string }>;

/** The element children of a VNode, in order (what renders nothing left out). */
function children(node: Node): Node[] {
  const list = ([] as unknown[]).concat(node.props.children ?? []);
  return list.filter((child): child is Node => typeof child === 'object' && child !== null);
}

function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  return text((node as Node).props.children);
}

const reload = (): void => undefined;

describe('NothingCaptured', () => {
  it('says since when, with the Reload button first', () => {
    const shown = NothingCaptured({ loadedBeforeCapture: false, reloadPage: reload });
    const [title, button] = children(shown);
    expect(text(title)).toBe('Nothing captured since DevTools opened');
    expect(button?.type).toBe('button');
    expect(text(button)).toBe('Reload page to capture');
  });

  it('a page loaded with DevTools open: nothing said about requests before it', () => {
    const shown = text(NothingCaptured({ loadedBeforeCapture: false, reloadPage: reload }));
    expect(shown).not.toContain('before DevTools');
    expect(shown).toContain('Cross-origin requests this page makes appear here as they happen.');
  });

  it('a page loaded before the capture began: its first requests were not seen, and reloading captures them', () => {
    const shown = text(NothingCaptured({ loadedBeforeCapture: true, reloadPage: reload }));
    expect(shown).toContain('This page loaded before DevTools was opened: the requests it made then could not be seen. Reload it to capture them.');
  });

  it('no button where the host cannot reload the page', () => {
    expect(children(NothingCaptured({ loadedBeforeCapture: false, reloadPage: undefined })).map((c) => c.type)).toEqual(['p', 'p']);
  });
});
