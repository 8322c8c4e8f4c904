// A snapshot in parts (a snapshot marked `more`, then upserts, the last one unmarked): the panel
// applies it as one. Applied part by part, the first part dropped the notes, checks and selection
// of every exchange still to come (a review's finding; the worker splits past 2,000 exchanges and
// past the port's text limit).

import { describe, expect, it } from 'vitest';
import type { CaptureMessage, CaptureSettings, CaptureStatus, CapturedExchange } from '../protocol.ts';
import { createPanelStore } from './store.ts';

const TAB = 3;
const settings: CaptureSettings = { preserveLog: false, preciseMode: false };
const status: CaptureStatus = { fallback: 'none', dropped: 0 };
const captured = (id: string, startedAt: number): CapturedExchange => ({
  id,
  source: 'devtools-protocol',
  exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.example/${id}`, response: { status: 200, headers: [] } }], startedAt },
});
const classify = () => ({ verdict: 'allowed' as const, preflighted: false });
const all = Array.from({ length: 10 }, (_, i) => captured(`x${i}`, i));
const whole: CaptureMessage = { source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges: all, settings, status, preciseAvailability: 'available' };
/**
 * Three exchanges a part, as protocol.ts says a message in parts comes (the worker's split is
 * tested in extension/port-transport.test.ts): the first part the message itself, the rest
 * upserts, every part but the last marked `more`.
 */
function parts(message: CaptureMessage): CaptureMessage[] {
  if (message.type !== 'snapshot' && message.type !== 'upsert') return [message];
  const { exchanges } = message;
  const split: CaptureMessage[] = [];
  for (let i = 0; i < exchanges.length; i += 3) {
    const chunk = exchanges.slice(i, i + 3);
    const more = i + 3 < exchanges.length ? { more: true as const } : {};
    split.push(i === 0 ? { ...message, exchanges: chunk, ...more } : { source: message.source, type: 'upsert', tabId: message.tabId, exchanges: chunk, ...more });
  }
  return split;
}

function afterSnapshotAgain(messages: CaptureMessage[]) {
  const store = createPanelStore({ tabId: TAB, classify });
  store.apply(whole);
  store.select('x9');
  store.toggleChecked('x9');
  store.addNote('x9', { text: 'my note', target: { kind: 'exchange' } as never });
  let renders = 0;
  store.subscribe(() => void renders++);
  // The worker sends its snapshot again (the panel reconnected).
  for (const message of messages) store.apply(message);
  const state = store.getState();
  return { selected: state.selectedId, checked: [...state.checkedIds], notes: store.notesOf('x9').length, total: state.total, renders };
}

describe('a snapshot in parts', () => {
  it('keeps selection, notes and checks as the whole snapshot does, applied once', () => {
    const once = afterSnapshotAgain([whole]);
    expect(afterSnapshotAgain(parts(whole))).toEqual(once);
    expect(once).toMatchObject({ selected: 'x9', checked: ['x9'], notes: 1, total: 10, renders: 1 });
  });

  it('cut short by a message that is not its next part, is dropped and that message applied', () => {
    const store = createPanelStore({ tabId: TAB, classify });
    const [first, second] = parts(whole);
    store.apply(first!);
    store.apply(second!);
    expect(store.getState().total).toBe(0);
    store.apply({ source: 'cors-inspector-capture', type: 'status', tabId: TAB, settings: { ...settings, preserveLog: true }, status });
    expect(store.getState().settings?.preserveLog).toBe(true);
    // Its last part, coming after all, is an upsert of its own now.
    store.apply(parts(whole).at(-1)!);
    expect(store.getState().total).toBe(1);
  });

  it("the page's fact (loaded before the capture began), coming between its parts, neither cuts it short nor is lost", () => {
    const store = createPanelStore({ tabId: TAB, classify });
    const [first, ...rest] = parts(whole);
    store.apply(first!);
    store.apply({ source: 'cors-inspector-capture', type: 'page', tabId: TAB, loadedBeforeCapture: true });
    for (const part of rest) store.apply(part);
    expect(store.getState()).toMatchObject({ total: 10, pageLoadedBeforeCapture: true });
    store.apply({ source: 'cors-inspector-capture', type: 'page', tabId: TAB, loadedBeforeCapture: false });
    expect(store.getState().pageLoadedBeforeCapture).toBe(false);
  });

  it('since when the list holds what was captured: the opening, then the user\'s Clear, then a new page that started the capture over', () => {
    const store = createPanelStore({ tabId: TAB, classify });
    for (const part of parts(whole)) store.apply(part);
    expect(store.getState().listSince).toBe('opened');
    store.clear();
    expect(store.getState()).toMatchObject({ total: 0, listSince: 'cleared' });
    // The capture side's own word on the Clear, or a navigation with Preserve log on: still cleared.
    store.apply({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB });
    store.apply({ source: 'cors-inspector-capture', type: 'page', tabId: TAB, loadedBeforeCapture: false });
    expect(store.getState().listSince).toBe('cleared');
    store.apply({ source: 'cors-inspector-capture', type: 'page', tabId: TAB, loadedBeforeCapture: false, startedOver: true });
    expect(store.getState().listSince).toBe('page-loaded');
    store.clear();
    expect(store.getState().listSince).toBe('cleared');
  });

  it('an upsert in parts with no snapshot before it applies part by part', () => {
    const store = createPanelStore({ tabId: TAB, classify });
    for (const part of parts({ source: 'cors-inspector-capture', type: 'upsert', tabId: TAB, exchanges: all })) store.apply(part);
    expect(store.getState().total).toBe(10);
  });
});
