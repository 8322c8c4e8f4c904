// The empty list inside DevTools: the usual first run is a broken page, then DevTools opened on it.
// The panel said "No cross-origin requests yet" beside a Console full of errors, and "requests made
// before DevTools was opened could not be seen" on a tab DevTools had been open on from the start.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { ExchangeEntry } from '../store/entry.ts';
import { NothingCaptured, sharedTarget } from './ExchangeList.tsx';

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
    const shown = NothingCaptured({ since: 'opened', loadedBeforeCapture: true, reloadPage: reload });
    const [title, button] = children(shown);
    expect(text(title)).toBe('Nothing captured since DevTools opened');
    expect(button?.type).toBe('button');
    expect(text(button)).toBe('Reload page to capture');
  });

  it('a page loaded with DevTools open: nothing said about requests before it, and no reload (the capture saw its loading)', () => {
    const node = NothingCaptured({ since: 'opened', loadedBeforeCapture: false, reloadPage: reload });
    const shown = text(node);
    expect(shown).not.toContain('before DevTools');
    expect(shown).toContain('The capture was on while this page loaded, and saw no cross-origin request.');
    expect(shown).toContain('Cross-origin requests this page makes appear here as they happen.');
    expect(children(node).map((c) => c.type)).toEqual(['p', 'p', 'p']);
  });

  it('a page loaded before the capture began: its first requests were not seen, and reloading captures them', () => {
    const shown = text(NothingCaptured({ since: 'opened', loadedBeforeCapture: true, reloadPage: reload }));
    expect(shown).toContain('This page loaded before DevTools was opened: the requests it made then could not be seen. Reload it to capture them.');
  });

  it('not yet told when the page loaded: the reload is offered, nothing said about missed requests', () => {
    const node = NothingCaptured({ since: 'opened', loadedBeforeCapture: null, reloadPage: reload });
    expect(children(node).map((c) => c.type)).toEqual(['p', 'button', 'p']);
  });

  it('no button where the host cannot reload the page', () => {
    expect(children(NothingCaptured({ since: 'opened', loadedBeforeCapture: true, reloadPage: undefined })).map((c) => c.type)).toEqual(['p', 'p', 'p']);
  });

  it('after Clear: the list was cleared (nothing about DevTools opening), new requests show, and a reload captures the page again', () => {
    for (const loadedBeforeCapture of [true, false, null]) {
      const node = NothingCaptured({ since: 'cleared', loadedBeforeCapture, reloadPage: reload });
      const [title, button] = children(node);
      expect(text(title)).toBe('List cleared');
      expect(text(button)).toBe('Reload page to capture');
      expect(text(node)).toContain('Cross-origin requests the page makes from now on appear here as they happen.');
      expect(text(node)).not.toContain('DevTools');
    }
  });

  it('after a new page loaded (Preserve log off): nothing since it loaded, and no reload, which would show the same', () => {
    const node = NothingCaptured({ since: 'page-loaded', loadedBeforeCapture: false, reloadPage: reload });
    const [title] = children(node);
    expect(text(title)).toBe('Nothing captured since this page loaded');
    expect(children(node).some((c) => c.type === 'button')).toBe(false);
    expect(text(node)).toContain('The capture was on while this page loaded, and saw no cross-origin request.');
    expect(text(node)).not.toContain('DevTools');
  });
});

describe('sharedTarget', () => {
  const entry = (...urls: string[]): ExchangeEntry =>
    ({ captured: { id: urls.join(), source: 'webRequest', exchange: { request: { method: 'GET', headers: [] }, hops: urls.map((url) => ({ url })) } } }) as unknown as ExchangeEntry;

  it('the one origin every listed exchange ended at, its last hop being the one that counts', () => {
    expect(sharedTarget([entry('http://127.0.0.1:46067/a'), entry('http://127.0.0.1:46067/b?x=1'), entry('http://other.test/r', 'http://127.0.0.1:46067')])).toBe('http://127.0.0.1:46067');
  });

  it('none when they went to more than one (another port is another server), or none is listed', () => {
    expect(sharedTarget([entry('http://127.0.0.1:3000/api/items'), entry('http://127.0.0.1:3001/api/items')])).toBeNull();
    expect(sharedTarget([entry('http://api.test/a'), entry('https://api.test/a')])).toBeNull();
    expect(sharedTarget([])).toBeNull();
  });
});
