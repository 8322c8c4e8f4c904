// The empty list inside DevTools: the usual first run is a broken page, then DevTools opened on it.
// The panel said "No cross-origin requests yet" beside a Console full of errors, and "requests made
// before DevTools was opened could not be seen" on a tab DevTools had been open on from the start.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { ExchangeEntry } from '../store/entry.ts';
import { listTarget, NothingCaptured, targetKeyOfBothEnds } from './ExchangeList.tsx';

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

describe('listTarget', () => {
  const entry = (...urls: string[]): ExchangeEntry =>
    ({ captured: { id: urls.join(), source: 'webRequest', exchange: { request: { method: 'GET', headers: [] }, hops: urls.map((url) => ({ url })) } } }) as unknown as ExchangeEntry;

  it('the one origin every listed exchange ended at, its last hop being the one that counts', () => {
    expect(listTarget([entry('http://127.0.0.1:46067/a'), entry('http://127.0.0.1:46067/b?x=1'), entry('http://other.test/r', 'http://127.0.0.1:46067')])).toEqual({
      origin: 'http://127.0.0.1:46067',
      key: 'http://127.0.0.1:46067',
      count: 3,
      total: 3,
    });
  });

  // The demo: 32 requests to its API, one redirected to localhost, one to a closed port. Named on
  // every row, the API left each path a few characters and was itself cut: `1….1:37995/broken/…`.
  it('the origin most went to, with how many, when a few went elsewhere', () => {
    const api = 'http://127.0.0.1:37995';
    const list = [
      ...Array.from({ length: 16 }, (_, i) => entry(`${api}/broken/${i}`)),
      entry(`${api}/broken/tainted-origin`, 'http://localhost:33131/broken/tainted-origin/final'),
      entry('http://127.0.0.1:37501/broken/connection-refused'),
      ...Array.from({ length: 16 }, (_, i) => entry(`${api}/fixed/${i}`)),
    ];
    expect(listTarget(list)).toEqual({ origin: api, key: api, count: 32, total: 34 });
  });

  it('none when no origin has more than half (another port is another server, another scheme another origin), or none is listed', () => {
    expect(listTarget([entry('http://127.0.0.1:3000/api/items'), entry('http://127.0.0.1:3001/api/items')])).toBeNull();
    expect(listTarget([entry('http://api.test/a'), entry('https://api.test/a')])).toBeNull();
    expect(listTarget([entry('http://a.test/'), entry('http://b.test/'), entry('http://a.test/'), entry('http://c.test/')])).toBeNull();
    expect(listTarget([])).toBeNull();
  });

  it('a majority found whatever the order (the vote is not misled by the rows before it)', () => {
    const [a, b, c] = ['http://a.test', 'http://b.test', 'http://c.test'];
    const list = [entry(`${b}/1`), entry(`${c}/1`), entry(`${a}/1`), entry(`${a}/2`), entry(`${b}/2`), entry(`${a}/3`), entry(`${a}/4`)];
    expect(listTarget(list)).toMatchObject({ origin: a, count: 4, total: 7 });
  });

  it('URLs with no server (data:) are named by no line, however many', () => {
    expect(listTarget([entry('data:text/plain,x'), entry('data:text/plain,x'), entry('http://a.test/')])).toBeNull();
  });

  it('worked out once per list: the same answer for the same array, read again only for another', () => {
    const list = [entry('http://a.test/1'), entry('http://a.test/2')];
    const first = listTarget(list);
    expect(listTarget(list)).toBe(first);
    expect(listTarget([...list, entry('http://b.test/'), entry('http://b.test/')])).toBeNull();
  });
});

describe('targetKeyOfBothEnds (a row may leave its server unnamed under the list\'s line)', () => {
  it('is the target\'s key when the first hop went to that server too', () => {
    expect(targetKeyOfBothEnds('https://api.example/v1/a', 'https://api.example/v1/a')).toBe('https://api.example');
    expect(targetKeyOfBothEnds('https://api.example/v1/a', 'https://api.example/v2/b')).toBe('https://api.example');
  });

  it('never a list\'s key when a redirect came from another server (M6: /login on auth.example read as the named server\'s)', () => {
    const key = targetKeyOfBothEnds('https://auth.example/login', 'https://api.example/home');
    expect(key).not.toBe('https://api.example');
    expect(key).not.toBe('https://auth.example');
  });
});
