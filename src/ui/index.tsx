// The DevTools CORS panel, as a Preact app that knows nothing of the browser: it speaks the
// protocol of `protocol.ts` through a transport, and runs the engine on what it is sent.

import { render } from 'preact';
import { createAnalyzer, type Engine } from './analysis.ts';
import { App } from './components/App.tsx';
import { PanelContext, type PanelContextValue } from './components/context.ts';
import { realEngine } from './engine.ts';
import type { PanelTransport } from './protocol.ts';
import { createPanelStore } from './store/store.ts';
import './styles.css';

export { createMemoryTransport } from './memory-transport.ts';
export type { PanelTransport, CaptureTransport, CaptureMessage, PanelMessage, CapturedExchange } from './protocol.ts';

export interface PanelOptions {
  tabId: number;
  /** DevTools' theme; when absent, the system's colour scheme. */
  theme?: 'light' | 'dark';
}

export interface PanelHandle {
  setTheme(theme: 'light' | 'dark'): void;
  /** Stops listening, unmounts, and empties `root`. */
  unmount(): void;
}

function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function mountWithEngine(root: HTMLElement, transport: PanelTransport, options: PanelOptions, engine: Engine): PanelHandle {
  const analyzer = createAnalyzer(engine);
  const store = createPanelStore({ tabId: options.tabId, classify: analyzer.classify });
  const context: PanelContextValue = { store, analyzer, tabId: options.tabId, send: (message) => transport.send(message) };
  let theme = options.theme ?? systemTheme();

  const draw = (): void =>
    render(
      <PanelContext.Provider value={context}>
        <App theme={theme} />
      </PanelContext.Provider>,
      root,
    );

  root.classList.add('cp-host');
  const stopListening = transport.listen((message) => store.apply(message));
  draw();
  transport.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId: options.tabId });

  return {
    setTheme(next) {
      theme = next;
      draw();
    },
    unmount() {
      stopListening();
      render(null, root);
      root.classList.remove('cp-host');
    },
  };
}

export function mountPanel(root: HTMLElement, transport: PanelTransport, options: PanelOptions): PanelHandle {
  return mountWithEngine(root, transport, options, realEngine);
}
