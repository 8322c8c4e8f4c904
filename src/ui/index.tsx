// The DevTools CORS panel, as a Preact app that knows nothing of the browser: it speaks the
// protocol of `protocol.ts` through a transport, and runs the engine on what it is sent.

import { render } from 'preact';
import type { Cause } from '../export/index.ts';
import { createAnalyzer, type Engine } from './analysis.ts';
import { ENGINE_VERSION } from './share/engine-version.ts';
import { importFileInto, importTextInto } from './share/import-file.ts';
import { domShareHost, type ShareHost } from './share/share-host.ts';
import type { ExchangeEntry } from './store/entry.ts';
import type { Classify } from './store/order.ts';
import { App } from './components/App.tsx';
import { PanelContext, type PanelContextValue } from './components/context.ts';
import { rowView } from './components/row-view.ts';
import { engineFor, type PanelBrowser } from './engine.ts';
import { domStorage, type PanelStorage } from './panel-storage.ts';
import type { PanelTransport } from './protocol.ts';
import { createPanelStore } from './store/store.ts';
import { createWarming } from './warming.ts';
import './styles.css';
import './detail.css';

export { createMemoryTransport } from './memory-transport.ts';
export type { PanelTransport, CaptureTransport, CaptureMessage, PanelMessage, CapturedExchange } from './protocol.ts';
export { domShareHost, type ShareHost } from './share/share-host.ts';
export type { PanelStorage } from './panel-storage.ts';

export interface PanelOptions {
  tabId: number;
  /** DevTools' theme; when absent, the system's colour scheme. */
  theme?: 'light' | 'dark';
  /** Clipboard and file saving; DOM APIs by default (`navigator.clipboard`, `<a download>`). */
  share?: ShareHost;
  /**
   * Loads the built viewer page (`dist/viewer.html`), for "Download diagnosis.html"; the share
   * host's own `viewerPage` when absent. The extension imports it as `viewer-page.js`.
   */
  viewerPage?: () => Promise<string>;
  /** Hide the capture controls (Preserve log, Precise mode): the viewer page. */
  readOnly?: boolean;
  /** Files above this size are refused before being read; the bundle cap (200 MB) by default. */
  maxImportBytes?: number;
  /** Where the panel keeps its preferences (the splitter's place); the page's localStorage by default. */
  storage?: PanelStorage;
  /**
   * Reloads the inspected page, when the host can (the panel inside DevTools): an empty list then
   * offers it, since requests made before the capture started could not be seen.
   */
  reloadPage?: () => void;
  /** Whose rules judge the exchanges: the browser the panel runs in (Chromium's by default). */
  browser?: PanelBrowser;
}

export interface PanelHandle {
  setTheme(theme: 'light' | 'dark'): void;
  /** Opens a bundle or a HAR, as if dropped on the panel. Resolves when listed or refused. */
  importFile(file: File): Promise<void>;
  /** Opens the text of a bundle or a HAR (e.g. fetched by the viewer page). */
  importText(text: string, fileName: string): void;
  /** Shows a failure to obtain a file where import errors show (the viewer's `?src=`). */
  showImportError(fileName: string, message: string): void;
  /** Stops listening, unmounts, and empties `root`. */
  unmount(): void;
}

/** Exchanges whose reason is worked out per slice ahead of the search: a few milliseconds of engine. */
const WARM_BUDGET = 100;

function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function mountWithEngine(root: HTMLElement, transport: PanelTransport, options: PanelOptions, engine: Engine): PanelHandle {
  const browser = options.browser ?? 'chromium';
  // An opened file's exchanges are judged by the rules it was read under (`share/import-rules.ts`),
  // which for a Firefox bundle are Firefox's in any panel; everything else by the panel's own.
  const rulesOf = (entry: ExchangeEntry): PanelBrowser => (entry.captured.source === 'import' ? store.importOrigin(entry.id)?.rules : undefined) ?? browser;
  const analyzer = createAnalyzer((entry) => (rulesOf(entry) === browser ? engine : engineFor(rulesOf(entry))));
  // An opened file's exchanges sort, filter and group by this engine's verdict, as their rows show
  // it and as the CLI judges a bundle: a file's stored verdict is its claim, shown beside it
  // (`row-view.ts` `fileClaim`), never what the list is ordered or counted by.
  const classify: Classify = (entry) => analyzer.classify(entry);
  const cause = (entry: ExchangeEntry): Cause<string | null> | null => analyzer.cause(entry);
  const reason = (entry: ExchangeEntry): string => rowView(entry, analyzer.passing, store).headline;
  const fixOrigin = (entry: ExchangeEntry): string | null => analyzer.fixOrigin(entry);
  const store = createPanelStore({ tabId: options.tabId, classify, cause, fixOrigin, reason });
  const importOptions = { engineVersion: ENGINE_VERSION, browser, ...(options.maxImportBytes !== undefined ? { maxBytes: options.maxImportBytes } : {}) };
  const importFile = (file: File): Promise<void> => importFileInto(store, file, importOptions);
  const context: PanelContextValue = {
    store,
    analyzer,
    tabId: options.tabId,
    send: (message) => transport.send(message),
    share: options.viewerPage ? { ...(options.share ?? domShareHost), viewerPage: options.viewerPage } : (options.share ?? domShareHost),
    storage: options.storage ?? domStorage(),
    engineVersion: ENGINE_VERSION,
    readOnly: options.readOnly === true,
    importFile,
    browser,
    rulesOf,
    ...(options.reloadPage ? { reloadPage: options.reloadPage } : {}),
  };
  let theme = options.theme ?? systemTheme();

  const draw = (): void =>
    render(
      <PanelContext.Provider value={context}>
        <App theme={theme} />
      </PanelContext.Provider>,
      root,
    );

  // The reasons the search box matches, worked out a slice at a time after exchanges arrive, so
  // that the first search does not wait for the engine on every row (warming.ts: in idle time, or
  // in short tasks where the browser gives none).
  const warming = createWarming(() => store.warmSearch(WARM_BUDGET));
  const stopWarming = store.subscribe(() => warming.wake());

  root.classList.add('cp-host');
  const stopListening = transport.listen((message) => store.apply(message));
  draw();
  transport.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: options.tabId });

  return {
    setTheme(next) {
      theme = next;
      draw();
    },
    importFile,
    importText: (text, fileName) => importTextInto(store, text, fileName, importOptions),
    showImportError: (fileName, message) => store.setImportStatus({ kind: 'error', fileName, message }),
    unmount() {
      stopListening();
      stopWarming();
      warming.stop();
      render(null, root);
      root.classList.remove('cp-host');
    },
  };
}

export function mountPanel(root: HTMLElement, transport: PanelTransport, options: PanelOptions): PanelHandle {
  return mountWithEngine(root, transport, options, engineFor(options.browser ?? 'chromium'));
}
