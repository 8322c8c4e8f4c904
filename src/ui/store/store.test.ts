import { describe, expect, it } from 'vitest';
import type { CaptureMessage, CaptureSettings, CaptureStatus, CapturedExchange } from '../protocol.ts';
import type { Classify, RowClass } from './order.ts';
import { createPanelStore } from './store.ts';

const TAB = 3;
const settings: CaptureSettings = { preserveLog: false, preciseMode: false };
const status: CaptureStatus = { fallback: 'none', dropped: 0 };

function captured(id: string, startedAt: number, status = 200): CapturedExchange {
  return {
    id,
    source: 'devtools-protocol',
    exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.example/${id}`, response: { status, headers: [] } }], startedAt },
  };
}

// The verdict is read from the response status so that an upsert can change it: 4xx means blocked.
const classify: Classify = (e): RowClass => {
  const s = e.captured.exchange.hops[0]?.response?.status ?? 0;
  return { verdict: s >= 400 ? 'blocked' : 'allowed', preflighted: e.id.startsWith('pf') };
};

const snapshot = (exchanges: CapturedExchange[], tabId = TAB): Extract<CaptureMessage, { type: 'snapshot' }> => ({
  source: 'cors-inspector-capture',
  type: 'snapshot',
  tabId,
  exchanges,
  settings,
  status,
  preciseAvailability: 'available',
});
const upsert = (exchanges: CapturedExchange[], tabId = TAB): CaptureMessage => ({ source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges });

function storeWith(exchanges: CapturedExchange[]) {
  const store = createPanelStore({ tabId: TAB, classify });
  store.apply(snapshot(exchanges));
  return store;
}
const ids = (store: ReturnType<typeof storeWith>): string[] => store.visible().map((e) => e.id);

describe('createPanelStore: messages', () => {
  it('is not connected until a snapshot arrives, then holds its exchanges, settings and status', () => {
    const store = createPanelStore({ tabId: TAB, classify });
    expect(store.getState().connected).toBe(false);
    store.apply({ ...snapshot([captured('a', 1)]), settings: { preserveLog: true, preciseMode: true }, status: { fallback: 'devtools-network', dropped: 12 } });
    const state = store.getState();
    expect(state.connected).toBe(true);
    expect(state.total).toBe(1);
    expect(state.settings).toEqual({ preserveLog: true, preciseMode: true });
    expect(state.status).toEqual({ fallback: 'devtools-network', dropped: 12 });
  });

  it('takes from the snapshot whether precise mode is available (not connected until then: the box is shown disabled); a status keeps it', () => {
    const store = createPanelStore({ tabId: TAB, classify });
    expect([store.getState().connected, store.getState().preciseAvailability]).toEqual([false, 'available']);
    store.apply({ ...snapshot([]), preciseAvailability: 'needs-precise-build' });
    expect(store.getState().connected).toBe(true);
    expect(store.getState().preciseAvailability).toBe('needs-precise-build');
    store.apply({ source: 'cors-inspector-capture', type: 'status', tabId: TAB, settings, status });
    expect(store.getState().preciseAvailability).toBe('needs-precise-build');
    store.apply({ ...snapshot([]), preciseAvailability: 'chromium-only' });
    expect(store.getState().preciseAvailability).toBe('chromium-only');
  });

  it('ignores messages about another tab', () => {
    const store = storeWith([captured('a', 1)]);
    store.apply(upsert([captured('b', 2)], TAB + 1));
    store.apply({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB + 1 });
    expect(ids(store)).toEqual(['a']);
  });

  it('a snapshot replaces everything held before', () => {
    const store = storeWith([captured('a', 1), captured('b', 2)]);
    store.apply(snapshot([captured('c', 3)]));
    expect(ids(store)).toEqual(['c']);
  });

  it('upsert adds new exchanges and replaces known ones, bumping their version', () => {
    const store = storeWith([captured('a', 1)]);
    expect(store.get('a')?.version).toBe(1);
    store.apply(upsert([captured('a', 1, 500), captured('b', 2)]));
    expect(store.getState().total).toBe(2);
    expect(store.get('a')?.version).toBe(2);
    expect(store.get('a')?.captured.exchange.hops[0]?.response?.status).toBe(500);
    expect(store.get('b')?.version).toBe(1);
  });

  it('an upsert that changes a verdict re-sorts failures first', () => {
    const store = storeWith([captured('a', 1), captured('b', 2)]);
    expect(ids(store)).toEqual(['a', 'b']);
    store.apply(upsert([captured('b', 2, 403)]));
    expect(ids(store)).toEqual(['b', 'a']);
  });

  it('cleared empties the list and the selection', () => {
    const store = storeWith([captured('a', 1)]);
    store.select('a');
    store.openDetail();
    store.apply({ source: 'cors-inspector-capture', type: 'cleared', tabId: TAB });
    expect(store.getState()).toMatchObject({ total: 0, selectedId: null, detailOpen: false });
    expect(ids(store)).toEqual([]);
  });

  it('status replaces settings and status but keeps the exchanges', () => {
    const store = storeWith([captured('a', 1)]);
    store.apply({ source: 'cors-inspector-capture', type: 'status', tabId: TAB, settings: { preserveLog: true, preciseMode: false }, status: { fallback: 'none', dropped: 4, problem: 'x' } });
    expect(store.getState().settings.preserveLog).toBe(true);
    expect(store.getState().status).toEqual({ fallback: 'none', dropped: 4, problem: 'x' });
    expect(ids(store)).toEqual(['a']);
  });

  it('setSettings shows a change at once; a later status from the capture side wins', () => {
    const store = storeWith([]);
    store.setSettings({ preciseMode: true });
    expect(store.getState().settings).toEqual({ preserveLog: false, preciseMode: true });
    store.apply({ source: 'cors-inspector-capture', type: 'status', tabId: TAB, settings: { preserveLog: false, preciseMode: false }, status });
    expect(store.getState().settings.preciseMode).toBe(false);
  });

  it('notifies subscribers on every change and stops after unsubscribe', () => {
    const store = storeWith([]);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.apply(upsert([captured('a', 1)]));
    store.setFilters({ text: 'x' });
    expect(calls).toBe(2);
    stop();
    store.setFilters({ text: 'y' });
    expect(calls).toBe(2);
  });
});

describe('createPanelStore: order and filters', () => {
  const all = [captured('a', 1), captured('pf-b', 2, 404), captured('c', 3, 403), captured('pf-d', 4)];

  it('lists failures first by default, and in time order on request', () => {
    const store = storeWith(all);
    expect(ids(store)).toEqual(['pf-b', 'c', 'a', 'pf-d']);
    store.setOrder('time');
    expect(ids(store)).toEqual(['a', 'pf-b', 'c', 'pf-d']);
  });

  it.each([
    [{ blockedOnly: true }, ['pf-b', 'c']],
    [{ preflightedOnly: true }, ['pf-b', 'pf-d']],
    [{ blockedOnly: true, preflightedOnly: true }, ['pf-b']],
    [{ text: 'API.example/C' }, ['c']],
  ])('filters %j', (filters, expected) => {
    const store = storeWith(all);
    store.setFilters(filters);
    expect(ids(store)).toEqual(expected);
  });

  it('returns the same array while nothing changed, a new one after a keystroke', () => {
    const store = storeWith(all);
    const first = store.visible();
    expect(store.visible()).toBe(first);
    store.setFilters({ text: 'a' });
    expect(store.visible()).not.toBe(first);
  });

  it('re-filters without re-sorting on a keystroke', () => {
    let calls = 0;
    const counting: Classify = (e) => {
      calls++;
      return classify(e);
    };
    const store = createPanelStore({ tabId: TAB, classify: counting });
    store.apply(snapshot(all));
    store.visible();
    const afterSort = calls;
    expect(afterSort).toBe(all.length);
    store.setFilters({ text: 'example' });
    store.visible();
    expect(calls).toBe(afterSort);
  });
});

describe('createPanelStore: typing in the filter', () => {
  const many = Array.from({ length: 40 }, (_, i) => captured(i % 3 === 0 ? `pf-${i}` : `row-${i}`, i, i % 5 === 0 ? 404 : 200));

  it('gives, keystroke by keystroke, the same rows as filtering the whole list afresh', () => {
    const typing = storeWith(many);
    const keystrokes = ['r', 'ro', 'row', 'row-', 'row-1', 'row-', 'row', 'p', 'pf', 'pf-3', 'pf-', 'pf- e', 'pf-', ''];
    for (const text of keystrokes) {
      typing.setFilters({ text });
      const fresh = storeWith(many);
      fresh.setFilters({ text });
      expect(ids(typing), text).toEqual(ids(fresh));
    }
  });

  it('narrows from the previous result instead of the whole list', () => {
    const store = storeWith(many);
    store.setFilters({ text: 'pf' });
    const pf = store.visible();
    store.setFilters({ text: 'pf-1' });
    const narrowed = store.visible();
    expect(narrowed.every((entry) => pf.includes(entry))).toBe(true);
    store.setFilters({ text: 'pf' });
    expect(store.visible()).toBe(pf); // deleting the letters finds the earlier result
  });
});

describe('createPanelStore: selection', () => {
  const all = [captured('a', 1), captured('b', 2), captured('c', 3), captured('d', 4)];

  it.each([
    [null, 'next', 'a'],
    [null, 'previous', 'd'],
    ['a', 'next', 'b'],
    ['d', 'next', 'd'],
    ['b', 'previous', 'a'],
    ['a', 'previous', 'a'],
    ['b', 'last', 'd'],
    ['c', 'first', 'a'],
    ['a', 'page-down', 'c'],
    ['d', 'page-up', 'b'],
  ] as const)('from %s, %s selects %s', (from, move, expected) => {
    const store = storeWith(all);
    store.select(from);
    store.moveSelection(move, 2);
    expect(store.getState().selectedId).toBe(expected);
  });

  it('moves within the filtered list only', () => {
    const store = storeWith(all);
    store.setFilters({ text: '/c' });
    store.moveSelection('next');
    expect(store.getState().selectedId).toBe('c');
    store.moveSelection('next');
    expect(store.getState().selectedId).toBe('c');
  });

  it('opens the detail only with a selection; selecting nothing closes it', () => {
    const store = storeWith(all);
    store.openDetail();
    expect(store.getState().detailOpen).toBe(false);
    store.select('b');
    store.openDetail();
    expect(store.getState().detailOpen).toBe(true);
    store.moveSelection('next');
    expect(store.getState()).toMatchObject({ selectedId: 'c', detailOpen: true });
    store.closeDetail();
    expect(store.getState()).toMatchObject({ selectedId: 'c', detailOpen: false });
    store.openDetail();
    store.select(null);
    expect(store.getState().detailOpen).toBe(false);
  });

  it('ignores selecting an unknown id', () => {
    const store = storeWith(all);
    store.select('zzz');
    expect(store.getState().selectedId).toBeNull();
  });

  it('keeps the selection across a snapshot that still holds it, drops it otherwise', () => {
    const store = storeWith(all);
    store.select('b');
    store.openDetail();
    store.apply(snapshot([captured('b', 2), captured('e', 5)]));
    expect(store.getState()).toMatchObject({ selectedId: 'b', detailOpen: true });
    store.apply(snapshot([captured('e', 5)]));
    expect(store.getState()).toMatchObject({ selectedId: null, detailOpen: false });
  });

  it('indexOf gives the position in the visible list', () => {
    const store = storeWith(all);
    expect(store.indexOf('c')).toBe(2);
    store.setFilters({ text: '/c' });
    expect(store.indexOf('c')).toBe(0);
    expect(store.indexOf('a')).toBe(-1);
  });

  it('clear() empties at once', () => {
    const store = storeWith(all);
    store.select('a');
    store.clear();
    expect(store.getState()).toMatchObject({ total: 0, selectedId: null });
    expect(ids(store)).toEqual([]);
  });
});

describe('the search and the reasons', () => {
  const reasonStore = (asked: string[]) =>
    createPanelStore({
      tabId: TAB,
      classify,
      reason: (e) => {
        asked.push(e.id);
        return e.id === 'b' ? 'Header X-Foo not allowed by preflight' : 'Allowed';
      },
    });

  it('matches a row by its reason', () => {
    const store = reasonStore([]);
    store.apply(snapshot([captured('a', 1), captured('b', 2)]));
    store.setFilters({ text: 'x-foo' });
    expect(store.visible().map((e) => e.id)).toEqual(['b']);
  });

  it('warmSearch works the reasons out ahead, a budget at a time, and the search then asks for none', () => {
    const asked: string[] = [];
    const store = reasonStore(asked);
    store.apply(snapshot([captured('a', 1), captured('b', 2), captured('c', 3)]));
    expect(store.warmSearch(2)).toBe(true);
    expect(asked).toHaveLength(2);
    expect(store.warmSearch(2)).toBe(false);
    expect(asked.sort()).toEqual(['a', 'b', 'c']);
    store.setFilters({ text: 'zzz' });
    store.visible();
    expect(asked).toHaveLength(3);
    // An update is a new version: its reason is worked out again.
    store.apply(upsert([captured('a', 1, 404)]));
    expect(store.warmSearch(10)).toBe(false);
    expect(asked.filter((id) => id === 'a')).toHaveLength(2);
  });

  it('Clear leaves nothing to warm', () => {
    const asked: string[] = [];
    const store = reasonStore(asked);
    store.apply(snapshot([captured('a', 1)]));
    store.clear();
    expect(store.warmSearch(10)).toBe(false);
    expect(asked).toEqual([]);
  });
});

describe('createPanelStore: cause groups', () => {
  // The cause is read from the status too: 403 and 404 are two causes, per host.
  const cause = (e: { captured: CapturedExchange }) => {
    const hop = e.captured.exchange.hops[0]!;
    const s = hop.response?.status ?? 0;
    if (s < 400) return null;
    const apiOrigin = new URL(hop.url).origin;
    return { key: `${apiOrigin} ${s}`, apiOrigin, verdict: 'blocked' as const, corsError: 'AllowOriginMismatch', parameter: String(s) };
  };
  const other = (id: string, startedAt: number, status: number): CapturedExchange => {
    const c = captured(id, startedAt, status);
    return { ...c, exchange: { ...c.exchange, hops: [{ ...c.exchange.hops[0]!, url: `https://other.example/${id}` }] } };
  };

  function grouped() {
    let asked = 0;
    const store = createPanelStore({
      tabId: TAB,
      classify,
      cause: (e) => {
        asked++;
        return cause(e);
      },
    });
    store.apply(snapshot([captured('a', 1, 404), captured('b', 2, 403), captured('c', 3, 403), captured('d', 4), other('e', 5, 403), captured('f', 6, 403)]));
    return { store, asked: () => asked };
  }

  it('counts the failures by cause, most requests first, first seen first among equals', () => {
    const { store } = grouped();
    expect(store.causeGroups().map((g) => [g.cause.key, g.count, g.first.id])).toEqual([
      ['https://api.example 403', 3, 'b'],
      ['https://api.example 404', 1, 'a'],
      ['https://other.example 403', 1, 'e'],
    ]);
  });

  it('filters the list to one cause, with the other filters, and clears back to all', () => {
    const { store } = grouped();
    const all = ids(store);
    store.setFilters({ cause: 'https://api.example 403' });
    expect(ids(store).sort()).toEqual(['b', 'c', 'f']);
    store.setFilters({ text: 'api.example/c' });
    expect(ids(store)).toEqual(['c']);
    store.setFilters({ text: '' });
    expect(ids(store).sort()).toEqual(['b', 'c', 'f']);
    store.setFilters({ cause: null });
    expect(ids(store)).toEqual(all);
  });

  it('asks for each exchange its cause once, and regroups when exchanges change', () => {
    const { store, asked } = grouped();
    const groups = store.causeGroups();
    store.setFilters({ cause: 'https://api.example 404' });
    store.setFilters({ cause: null });
    expect(store.causeGroups()).toBe(groups);
    expect(asked()).toBe(6);
    store.apply(upsert([captured('a', 1, 403)]));
    expect(store.causeGroups().map((g) => [g.cause.key, g.count])).toEqual([
      ['https://api.example 403', 4],
      ['https://other.example 403', 1],
    ]);
    // Only the exchange that changed was asked again.
    expect(asked()).toBe(7);
  });

  it("counts where each group's fixes go, server by server, and keeps it up to date", () => {
    // b and c were refused at a redirect's target (the CDN), f on the API itself.
    const onCdn = new Set(['b', 'c']);
    const store = createPanelStore({ tabId: TAB, classify, cause, fixOrigin: (e) => (onCdn.has(e.id) ? 'https://cdn.example' : null) });
    store.apply(snapshot([captured('b', 2, 403), captured('c', 3, 403), captured('f', 6, 403)]));
    const fixOn = () => store.causeGroups().map((g) => [g.cause.key, [...g.fixOn]]);
    expect(fixOn()).toEqual([['https://api.example 403', [['https://cdn.example', 2], ['https://api.example', 1]]]]);
    // c again, changed, now refused on the API.
    onCdn.delete('c');
    const c = captured('c', 3, 403);
    store.apply(upsert([{ ...c, exchange: { ...c.exchange, errorText: 'net::ERR_FAILED' } }]));
    expect(fixOn()).toEqual([['https://api.example 403', [['https://cdn.example', 1], ['https://api.example', 2]]]]);
  });

  it('has no groups without a cause function', () => {
    expect(storeWith([captured('a', 1, 404)]).causeGroups()).toEqual([]);
  });
});
