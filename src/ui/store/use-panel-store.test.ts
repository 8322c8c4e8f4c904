import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../protocol.ts';
import { createPanelStore } from './store.ts';
import { onlyTraffic } from './use-panel-store.ts';

const TAB = 2;
const exchange = (id: string): CapturedExchange => ({
  id,
  source: 'webRequest',
  exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.example/${id}`, response: { status: 200, headers: [] } }], startedAt: 1 },
});

describe('onlyTraffic: which changes wait for the traffic interval', () => {
  const store = createPanelStore({ tabId: TAB, classify: () => ({ verdict: 'allowed', preflighted: false }) });
  store.apply({ source: 'cors-inspector-capture', type: 'snapshot', tabId: TAB, exchanges: [exchange('a')], settings: { preserveLog: false, preciseMode: false }, status: { fallback: 'none', dropped: 0 }, preciseAvailability: 'available' });

  it('exchanges arriving are traffic', () => {
    const before = store.getState();
    store.apply({ source: 'cors-inspector-capture', type: 'upsert', tabId: TAB, exchanges: [exchange('b')] });
    expect(store.getState()).not.toBe(before);
    expect(onlyTraffic(before, store.getState())).toBe(true);
  });

  it('what the person does is not: a keystroke, a selection, a check', () => {
    for (const act of [() => store.setFilters({ text: 'x' }), () => store.select('a'), () => store.toggleChecked('a'), () => store.setOrder('time')]) {
      const before = store.getState();
      act();
      expect(onlyTraffic(before, store.getState())).toBe(false);
    }
  });

  it('nor is a change of settings or status from the capture side', () => {
    const before = store.getState();
    store.apply({ source: 'cors-inspector-capture', type: 'status', tabId: TAB, settings: { preserveLog: true, preciseMode: false }, status: { fallback: 'none', dropped: 3 } });
    expect(onlyTraffic(before, store.getState())).toBe(false);
  });
});
