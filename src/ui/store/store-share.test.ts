// The store's sharing state: checked exchanges, notes, imported files, and a failed import that
// leaves everything as it was.

import { describe, expect, it } from 'vitest';
import type { CaptureMessage, CapturedExchange } from '../protocol.ts';
import type { Classify, RowClass } from './order.ts';
import { createPanelStore, type ImportBatch } from './store.ts';

const TAB = 3;

function captured(id: string, startedAt: number, status = 200): CapturedExchange {
  return {
    id,
    source: 'devtools-protocol',
    exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.example/${id}`, response: { status, headers: [] } }], startedAt },
  };
}

// 4xx: blocked; 5xx: network error; otherwise allowed.
const classify: Classify = (e): RowClass => {
  const s = e.captured.exchange.hops[0]?.response?.status ?? 0;
  return { verdict: s >= 500 ? 'network-error' : s >= 400 ? 'blocked' : 'allowed', preflighted: false };
};

const snapshot = (exchanges: CapturedExchange[]): CaptureMessage => ({
  source: 'cors-inspector-capture',
  type: 'snapshot',
  tabId: TAB,
  exchanges,
  settings: { preserveLog: false, preciseMode: false },
  status: { fallback: 'none', dropped: 0 },
  preciseAvailability: 'available',
});

function storeWith(exchanges: CapturedExchange[]) {
  const store = createPanelStore({ tabId: TAB, classify, order: 'time' });
  store.apply(snapshot(exchanges));
  return store;
}
const checked = (store: ReturnType<typeof storeWith>): string[] => [...store.getState().checkedIds].sort();
const all = [captured('a', 1), captured('b', 2, 403), captured('c', 3), captured('d', 4, 502), captured('e', 5)];

function batch(fileName: string, ids: string[], notes: string[] = []): ImportBatch {
  return {
    fileName,
    kind: 'bundle',
    summary: `${ids.length} from ${fileName}`,
    exchanges: ids.map((id, i) => ({
      captured: { ...captured(id, 100 + i), source: 'import' },
      notes: i === 0 ? notes.map((text, n) => ({ id: `note-${n + 1}`, text, target: { kind: 'exchange' }, createdAt: '2026-01-01T00:00:00.000Z' })) : [],
      origin: { fileName, kind: 'bundle', exported: null, rules: 'chromium', exporterRules: 'chromium', sentBy: 'chromium', verdictChange: null },
    })),
  };
}

describe('checking exchanges for export', () => {
  it('toggles one at a time, independent of the open exchange', () => {
    const store = storeWith(all);
    store.select('a');
    store.toggleChecked('b');
    store.toggleChecked('c');
    store.toggleChecked('b');
    expect(checked(store)).toEqual(['c']);
    expect(store.getState().selectedId).toBe('a');
  });

  it.each([
    ['forwards', 'b', 'd', ['b', 'c', 'd']],
    ['backwards', 'd', 'b', ['b', 'c', 'd']],
    ['onto itself', 'c', 'c', ['c']],
  ] as const)('Shift extends from the anchor %s', (_how, anchor, to, expected) => {
    const store = storeWith(all);
    store.toggleChecked(anchor);
    store.checkRange(to);
    expect(checked(store)).toEqual(expected);
  });

  it('a range without an anchor starts at the open exchange, and covers visible rows only', () => {
    const store = storeWith(all);
    store.select('a');
    store.setFilters({ text: 'api.example/' });
    store.checkRange('c');
    expect(checked(store)).toEqual(['a', 'b', 'c']);
    const filtered = storeWith(all);
    filtered.toggleChecked('a');
    filtered.setFilters({ blockedOnly: true });
    filtered.checkRange('b');
    // 'a' is filtered out, so the range is 'b' alone; 'a' stays checked.
    expect(checked(filtered)).toEqual(['a', 'b']);
  });

  it('"select all failures" adds the blocked and network-error rows, keeping other checks', () => {
    const store = storeWith(all);
    store.toggleChecked('e');
    store.checkFailures();
    expect(checked(store)).toEqual(['b', 'd', 'e']);
  });

  it('checkedEntries lists the checked exchanges in time order', () => {
    const store = storeWith(all);
    store.toggleChecked('d');
    store.toggleChecked('a');
    expect(store.checkedEntries().map((e) => e.id)).toEqual(['a', 'd']);
    store.uncheckAll();
    expect(store.checkedEntries()).toEqual([]);
  });

  it('ignores unknown ids, and forgets exchanges a snapshot no longer holds', () => {
    const store = storeWith(all);
    store.toggleChecked('zzz');
    expect(checked(store)).toEqual([]);
    store.toggleChecked('a');
    store.toggleChecked('b');
    store.apply(snapshot([captured('b', 2)]));
    expect(checked(store)).toEqual(['b']);
  });
});

describe('notes', () => {
  const target = { kind: 'header', on: 'response', hop: 0, name: 'Vary', index: 0 } as const;

  it('are kept per exchange, in the order written, with their target and author', () => {
    const store = storeWith(all);
    const before = store.getState().notesRevision;
    store.addNote('a', { text: 'first', target: { kind: 'exchange' } }, new Date('2026-02-03T04:05:06Z'));
    store.addNote('a', { text: 'on Vary', target, author: { name: 'Ana' } });
    store.addNote('b', { text: 'other', target: { kind: 'exchange' } });
    expect(store.notesOf('a').map((n) => [n.text, n.target, n.author?.name])).toEqual([
      ['first', { kind: 'exchange' }, undefined],
      ['on Vary', target, 'Ana'],
    ]);
    expect(store.notesOf('a')[0]!.createdAt).toBe('2026-02-03T04:05:06.000Z');
    expect(store.notesOf('c')).toEqual([]);
    expect(store.getState().notesRevision).toBe(before + 3);
  });

  it('refuse blank text and unknown exchanges', () => {
    const store = storeWith(all);
    expect(store.addNote('a', { text: '  \n', target: { kind: 'exchange' } })).toBeNull();
    expect(store.addNote('zzz', { text: 'x', target: { kind: 'exchange' } })).toBeNull();
    expect(store.notesOf('a')).toEqual([]);
  });

  it('can be removed one by one', () => {
    const store = storeWith(all);
    const one = store.addNote('a', { text: 'one', target: { kind: 'exchange' } })!;
    store.addNote('a', { text: 'two', target: { kind: 'exchange' } });
    store.removeNote('a', one.id);
    expect(store.notesOf('a').map((n) => n.text)).toEqual(['two']);
  });

  it('go with their exchange when it is cleared', () => {
    const store = storeWith(all);
    store.addNote('a', { text: 'one', target: { kind: 'exchange' } });
    store.clear();
    store.apply(snapshot(all));
    expect(store.notesOf('a')).toEqual([]);
  });
});

describe('imports', () => {
  it('adds the exchanges tagged import, with their notes and origin, beside the captured ones', () => {
    const store = storeWith(all);
    store.addImport(batch('team.json', ['a', 'x'], ['from Ana']));
    const ids = store.visible().map((e) => e.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'import-1:a', 'import-1:x']);
    expect(store.get('import-1:a')!.captured.source).toBe('import');
    expect(store.notesOf('import-1:a').map((n) => n.text)).toEqual(['from Ana']);
    expect(store.notesOf('a')).toEqual([]);
    expect(store.importOrigin('import-1:x')!.fileName).toBe('team.json');
    expect(store.importOrigin('a')).toBeUndefined();
    expect(store.getState()).toMatchObject({ total: 7, importStatus: { kind: 'done', message: '2 from team.json' } });
  });

  it('the same file twice is listed once, and says so', () => {
    const store = storeWith([]);
    store.addImport(batch('f.json', ['a', 'b']));
    store.addImport(batch('f.json', ['a', 'b']));
    expect(store.visible().map((e) => e.id)).toEqual(['import-1:a', 'import-1:b']);
    expect(store.getState()).toMatchObject({ total: 2, importStatus: { kind: 'done', message: 'f.json is already open: its 2 requests are listed, none added again.' } });
  });

  it('a file holding some requests already listed adds only the others', () => {
    const store = storeWith([]);
    store.addImport(batch('f.json', ['a']));
    store.addImport(batch('g.json', ['a', 'x']));
    expect(store.visible().map((e) => e.id)).toEqual(['import-1:a', 'import-2:x']);
    expect(store.getState().importStatus).toEqual({ kind: 'done', message: '2 from g.json 1 of them was listed already (an earlier import): not added again.' });
  });

  it('the same ids at other start times (another HAR, whose ids are its entry numbers) are other requests', () => {
    const store = storeWith([]);
    store.addImport(batch('f.json', ['a']));
    const later = batch('g.json', ['a']);
    later.exchanges[0]!.captured.exchange.startedAt = 999;
    store.addImport(later);
    expect(store.visible().map((e) => e.id)).toEqual(['import-1:a', 'import-2:a']);
  });

  it('once cleared, the file opens again', () => {
    const store = storeWith([]);
    store.addImport(batch('f.json', ['a']));
    store.clear();
    store.addImport(batch('f.json', ['a']));
    expect(store.visible().map((e) => e.id)).toEqual(['import-2:a']);
  });

  it("survive the capture side's snapshot and cleared, not the Clear button", () => {
    const store = storeWith(all);
    store.addImport(batch('f.json', ['x'], ['kept']));
    store.apply(snapshot([captured('z', 9)]));
    expect(store.visible().map((e) => e.id)).toEqual(['z', 'import-1:x']);
    store.apply({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB });
    expect(store.visible().map((e) => e.id)).toEqual(['import-1:x']);
    expect(store.notesOf('import-1:x')).toHaveLength(1);
    store.clear();
    expect(store.visible()).toEqual([]);
    expect(store.importOrigin('import-1:x')).toBeUndefined();
  });

  it('a failed import changes nothing but its status', () => {
    const store = storeWith(all);
    store.toggleChecked('b');
    store.select('c');
    store.addNote('a', { text: 'mine', target: { kind: 'exchange' } });
    const before = store.visible();
    store.setImportStatus({ kind: 'loading', fileName: 'bad.json', loadedBytes: 0, totalBytes: 10 });
    store.setImportStatus({ kind: 'error', fileName: 'bad.json', message: 'not JSON' });
    expect(store.visible()).toBe(before);
    expect(store.getState()).toMatchObject({ selectedId: 'c', total: 5, importStatus: { kind: 'error', message: 'not JSON' } });
    expect(checked(store)).toEqual(['b']);
    expect(store.notesOf('a').map((n) => n.text)).toEqual(['mine']);
  });
});
