// What every component of the panel reaches: the store, the memoized engine, and the way back to
// the capture side.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Analyzer } from '../analysis.ts';
import type { PanelBrowser } from '../engine.ts';
import type { PanelStorage } from '../panel-storage.ts';
import type { PanelMessage } from '../protocol.ts';
import type { ShareHost } from '../share/share-host.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import type { PanelStore } from '../store/store.ts';

export interface PanelContextValue {
  store: PanelStore;
  analyzer: Analyzer;
  tabId: number;
  send(message: PanelMessage): void;
  /** Clipboard and file saving, from the host page. */
  share: ShareHost;
  /** This engine's package version, named in exports and beside an importer's. */
  engineVersion: string;
  /** No capture controls (the viewer page: only what was opened is shown). */
  readOnly: boolean;
  /** Reads a dropped or picked file into the list; never throws (failures go to `importStatus`). */
  importFile(file: File): Promise<void>;
  /** The panel's own preferences (the splitter's place). */
  storage: PanelStorage;
  /** Reloads the inspected page, when the host can (inside DevTools). */
  reloadPage?: () => void;
  /** The browser the panel runs in, whose rules judge and whose console line the detail shows. */
  browser: PanelBrowser;
  /** The rules one exchange is judged and worded by: the panel's, or an opened file's (`share/import-rules.ts`). */
  rulesOf(entry: ExchangeEntry): PanelBrowser;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel() outside <PanelContext.Provider>');
  return value;
}
