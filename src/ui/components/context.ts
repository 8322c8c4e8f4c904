// What every component of the panel reaches: the store, the memoized engine, and the way back to
// the capture side.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Analyzer } from '../analysis.ts';
import type { PanelMessage } from '../protocol.ts';
import type { PanelStore } from '../store/store.ts';

export interface PanelContextValue {
  store: PanelStore;
  analyzer: Analyzer;
  tabId: number;
  send(message: PanelMessage): void;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel() outside <PanelContext.Provider>');
  return value;
}
