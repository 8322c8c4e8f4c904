// The store keeps its sorted list, filtered lists and cause groups up to date from what changed
// (store.ts: the change log, merge-sorted.ts) rather than rebuilding them on every update. Whatever
// the messages, they must equal what rebuilding them from scratch gives.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureMessage, CapturedExchange } from '../protocol.ts';
import type { ExchangeEntry } from './entry.ts';
import { sortEntries, type Classify, type RowClass } from './order.ts';
import { filterEntries, type Filters } from './row-filter.ts';
import { createPanelStore } from './store.ts';

const TAB = 5;
const SEED = 1414;

// Verdict, preflight and cause are read from the exchange, so that an update can change them.
const classify: Classify = (e): RowClass => {
  const status = e.captured.exchange.hops[0]?.response?.status ?? 0;
  if (e.captured.pending) return { verdict: 'pending', preflighted: false };
  return { verdict: status >= 400 ? 'blocked' : status === 0 ? 'network-error' : 'allowed', preflighted: status % 2 === 1 };
};
const cause = (e: ExchangeEntry) => {
  const hop = e.captured.exchange.hops[0]!;
  const status = hop.response?.status ?? 0;
  if (e.captured.pending || status < 400) return null;
  const apiOrigin = new URL(hop.url).origin;
  return { key: `${apiOrigin} ${status}`, apiOrigin, verdict: 'blocked' as const, corsError: 'AllowOriginMismatch', parameter: String(status) };
};

function exchange(id: number, host: number, status: number, startedAt: number, pending: boolean): CapturedExchange {
  return {
    id: `x${id}`,
    source: 'webRequest',
    ...(pending ? { pending: true } : {}),
    exchange: {
      request: { method: 'GET', headers: [['Origin', 'https://page.example']] },
      hops: [{ url: `https://api${host}.example/items/${id}`, response: status === 0 ? null : { status, headers: [] } }],
      startedAt,
    },
  };
}

const exchangeArb = fc
  .record({
    id: fc.integer({ min: 0, max: 30 }),
    host: fc.integer({ min: 0, max: 2 }),
    status: fc.constantFrom(0, 200, 201, 403, 404, 500),
    // Few distinct times: ties are broken by arrival order.
    startedAt: fc.integer({ min: 0, max: 5 }),
    pending: fc.boolean(),
  })
  .map(({ id, host, status, startedAt, pending }) => exchange(id, host, status, startedAt, pending));

type Step =
  | { kind: 'message'; message: CaptureMessage }
  | { kind: 'filters'; filters: Partial<Filters> }
  | { kind: 'order'; order: 'failures-first' | 'time' }
  | { kind: 'look' };

const message = (type: 'snapshot' | 'upsert', exchanges: CapturedExchange[]): CaptureMessage =>
  type === 'snapshot'
    ? { source: 'cors-inspector-capture', type, tabId: TAB, exchanges, settings: { preserveLog: false, preciseMode: false }, status: { fallback: 'none', dropped: 0 }, preciseAvailability: 'available' }
    : { source: 'cors-inspector-capture', type, tabId: TAB, exchanges };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.array(exchangeArb, { maxLength: 6 }).map((list): Step => ({ kind: 'message', message: message('upsert', list) })) },
  { weight: 1, arbitrary: fc.array(exchangeArb, { maxLength: 12 }).map((list): Step => ({ kind: 'message', message: message('snapshot', list) })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'message', message: { source: 'cors-inspector-capture', type: 'cleared', tabId: TAB } }) },
  {
    weight: 2,
    arbitrary: fc
      .record({ text: fc.constantFrom('', 'api1', 'items/1', 'api2 items', 'origin: https', 'zzz'), blockedOnly: fc.boolean(), preflightedOnly: fc.boolean(), cause: fc.constantFrom(null, 'https://api1.example 403', 'https://api0.example 404') })
      .map((filters): Step => ({ kind: 'filters', filters })),
  },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: 'order', order: 'time' }, { kind: 'order', order: 'failures-first' }) },
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'look' }) },
);

/** Every exchange id that can be held: the store is asked for each. */
const ALL_IDS = Array.from({ length: 31 }, (_, i) => `x${i}`);

function rebuilt(store: ReturnType<typeof createPanelStore>): { visible: string[]; groups: [string, number, string][] } {
  const held = ALL_IDS.map((id) => store.get(id)).filter((e): e is ExchangeEntry => e !== undefined);
  const { order, filters } = store.getState();
  const causeKey = (e: ExchangeEntry) => cause(e)?.key ?? null;
  const visible = filterEntries(sortEntries(held, order, classify), filters, classify, undefined, causeKey).map((e) => e.id);
  const groups = new Map<string, ExchangeEntry[]>();
  for (const entry of held) {
    const key = causeKey(entry);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const firstOf = (list: ExchangeEntry[]) => list.reduce((a, b) => (b.seq < a.seq ? b : a));
  const sortedGroups = [...groups.entries()].sort(([, a], [, b]) => b.length - a.length || firstOf(a).seq - firstOf(b).seq);
  return { visible, groups: sortedGroups.map(([key, list]) => [key, list.length, firstOf(list).id]) };
}

describe('createPanelStore: kept up to date from the changes alone', () => {
  it('lists, filters and groups as rebuilding from scratch would, after any messages', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const store = createPanelStore({ tabId: TAB, classify, cause });
        for (const step of steps) {
          if (step.kind === 'message') store.apply(step.message);
          else if (step.kind === 'filters') store.setFilters(step.filters);
          else if (step.kind === 'order') store.setOrder(step.order);
          const expected = rebuilt(store);
          if (step.kind !== 'look' && steps.indexOf(step) % 3 !== 0) continue; // not looked at after every step
          expect(store.visible().map((e) => e.id)).toEqual(expected.visible);
          expect(store.causeGroups().map((g) => [g.cause.key, g.count, g.first.id])).toEqual(expected.groups);
          expect(store.getState().total).toBe(ALL_IDS.filter((id) => store.get(id)).length);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('createPanelStore: an exchange sent again unchanged', () => {
  const a = exchange(1, 0, 403, 1, false);
  const b = exchange(2, 1, 200, 2, false);

  it('keeps its entry, and what was worked out for it, through an upsert and a snapshot', () => {
    // Memoized per entry, as the panel's analyzer is: `asked` counts the verdicts worked out.
    let asked = 0;
    const memo = new WeakMap<ExchangeEntry, RowClass>();
    const counting: Classify = (e) => {
      let row = memo.get(e);
      if (row === undefined) {
        asked++;
        memo.set(e, (row = classify(e)));
      }
      return row;
    };
    const store = createPanelStore({ tabId: TAB, classify: counting, cause });
    store.apply(message('snapshot', [a, b]));
    store.visible();
    const entryA = store.get('x1');
    const before = asked;
    let notified = 0;
    store.subscribe(() => notified++);
    // A copy, as a message would bring it: equal, not the same object.
    store.apply(message('upsert', [structuredClone(a)]));
    expect(notified).toBe(0);
    store.apply(message('snapshot', [structuredClone(a), structuredClone(b)]));
    expect(store.get('x1')).toBe(entryA);
    expect(store.visible().map((e) => e.id)).toEqual(['x1', 'x2']);
    expect(asked).toBe(before);
  });

  it('is replaced when anything in it changed', () => {
    const store = createPanelStore({ tabId: TAB, classify, cause });
    store.apply(message('snapshot', [a, b]));
    const entryA = store.get('x1');
    const changed = structuredClone(a);
    changed.exchange.request.headers = [...changed.exchange.request.headers, ['X-Trace', '1']];
    store.apply(message('upsert', [changed]));
    expect(store.get('x1')).not.toBe(entryA);
    expect(store.get('x1')?.version).toBe(2);
  });
});
