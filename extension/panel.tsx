/// <reference types="vite/client" />
// The CORS panel's page: inside DevTools (from `chrome.devtools.panels.create`), or as a plain
// tab for tests (`extension/panel.html?tabId=N`). It mounts the UI with a port transport to the
// service worker; everything the UI knows comes through that transport.

import { render } from 'preact';
import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import type { CaptureMessage, CapturedExchange, PanelMessage, PanelTransport } from '../src/ui/protocol.ts';
import { BROWSER } from './browser/current.ts';
import { followDevtoolsNetwork, readDevtoolsNetworkLog, type DevtoolsNetworkFollower } from './devtools-network-fallback.ts';
import { missedByCapture } from './earlier-exchanges.ts';
import { loadedBeforeCapture, PAGE_START_EXPRESSION, watchDocuments } from './page-load.ts';
import { createPanelPortTransport, PANEL_PORT_NAME, type PanelWindow } from './port-transport.ts';

type Theme = 'light' | 'dark';

type MountPanel = (
  root: HTMLElement,
  transport: PanelTransport,
  options: { tabId: number; theme: Theme; browser: 'chromium' | 'firefox'; reloadPage?: () => void; viewerPage?: () => Promise<string> },
) => unknown;

function inspectedTabId(): number | null {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  return browser.devtools?.inspectedWindow?.tabId ?? null;
}

function currentTheme(): Theme {
  const fromQuery = new URLSearchParams(location.search).get('theme');
  if (fromQuery === 'dark' || fromQuery === 'light') return fromQuery;
  return browser.devtools?.panels?.themeName === 'dark' ? 'dark' : 'light';
}

/**
 * The port transport, plus what only an extension page can do for the UI:
 * - when the service worker reports no host permission, DevTools' network log is read here and
 *   fed to the UI as if it came from the service worker;
 * - when the panel opens, DevTools' network log is read once, and what it holds from before the
 *   capture started (DevTools opened a moment before its devtools page started the capture) that
 *   the capture lacks is shown the same way (earlier-exchanges.ts).
 */
function createTransport(tabId: number): PanelTransport {
  const port = createPanelPortTransport(() => browser.runtime.connect({ name: PANEL_PORT_NAME }));
  const local = new Set<(message: CaptureMessage) => void>();
  let fallback: DevtoolsNetworkFollower | null = null;
  let preserveLog = false;
  // When the capture does not say when it started (an older worker's), it starts with the panel's subscription.
  const panelOpened = Date.now();
  /** Read from DevTools' log, from before the capture started (forgotten on a new page or Clear). */
  let earlier: CapturedExchange[] = [];
  let lookedEarlier = false;
  /** What the capture delivered while DevTools' log was being read: the log's requests it has already. */
  let delivered: Map<string, CapturedExchange> | null = null;
  let page = 0;
  /** Navigations of the inspected tab seen since the panel opened. */
  let navigations = 0;
  // Called by the devtools page (devtools.ts) when DevTools shows or hides this panel.
  (window as PanelWindow).corsInspectorPanelShown = (shown) => port.send({ source: 'cors-inspector-panel', type: 'visibility', tabId, shown });
  const deliver = (message: CaptureMessage): void => {
    for (const listener of local) listener(message);
  };
  // A task later: after every listener of the message being handled (a snapshot replaces the list).
  const deliverEarlier = (): void => {
    setTimeout(() => {
      if (earlier.length > 0) deliver({ source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges: earlier });
    });
  };
  /** When the capture began (its first snapshot says), and whether the panel was told of the page since. */
  let capturingSince: number | null = null;
  let pageTold = false;
  const tellPage = (loaded: boolean, startedOver = false): void => {
    pageTold = true;
    deliver({ source: 'cors-inspector-capture', type: 'page', tabId, loadedBeforeCapture: loaded, ...(startedOver ? { startedOver } : {}) });
  };
  // What the navigations of the inspected tab were, and how the page answered when asked when it
  // started: readable from the panel page's console (and by the browser tests, which print it when
  // an answer never comes).
  const seen = { newDocument: 0, sameDocument: 0 };
  const pageStartReads = { asked: 0, answered: 0, last: '' };
  Object.assign(globalThis, { corsInspectorNavigations: seen, corsInspectorPageStartReads: pageStartReads });
  const documents = watchDocuments(async () => {
    pageStartReads.asked++;
    const answer = await BROWSER.evalInInspectedPage(PAGE_START_EXPRESSION);
    pageStartReads.answered++;
    pageStartReads.last = typeof answer;
    return answer;
  });
  browser.devtools?.network?.onNavigated.addListener(() => {
    void documents.navigated().then(({ newDocument, documentStart }) => {
      // Within the page (history.pushState): no page loaded, and the capture goes on.
      if (!newDocument) {
        seen.sameDocument++;
        // The panel's own read had given no start yet (and gives up once a navigation begins): the
        // navigation's read of the same page says when it loaded.
        const loaded = pageTold || capturingSince === null ? null : loadedBeforeCapture(documentStart, capturingSince);
        if (loaded !== null) tellPage(loaded);
        return;
      }
      // A new page, loaded with the capture running; without "Preserve log" the capture starts over with it.
      seen.newDocument++;
      navigations++;
      tellPage(false, !preserveLog);
      // The fallback too, as the service worker's capture does: the requests started before the new page go.
      if (fallback && !preserveLog) {
        fallback.startOver(documentStart);
        deliver({ source: 'cors-inspector-capture', type: 'cleared', tabId });
        fallback.republish();
      }
    });
  });
  /**
   * Whether the page shown when the panel opened loaded before the capture began (page-load.ts):
   * asked of the page itself. A page navigated to since then loaded with the capture running.
   */
  const askPageLoad = (since: number): void => {
    const askedAt = navigations;
    void documents.shown().then((pageStart) => {
      const loaded = loadedBeforeCapture(pageStart, since);
      if (loaded !== null && askedAt === navigations) tellPage(loaded);
    });
  };

  port.listen((message) => {
    if (message.tabId !== tabId) return;
    if (message.type === 'cleared') {
      earlier = [];
      page++;
    }
    if (delivered && message.type === 'snapshot') delivered.clear();
    if (delivered && (message.type === 'snapshot' || message.type === 'upsert')) for (const x of message.exchanges) delivered.set(x.id, x);
    if (message.type === 'snapshot' && !lookedEarlier) {
      lookedEarlier = true;
      const since = message.status.capturingSince ?? panelOpened;
      capturingSince = since;
      askPageLoad(since);
      if (message.status.fallback === 'none') {
        const readFor = page;
        delivered = new Map(message.exchanges.map((x) => [x.id, x]));
        void readDevtoolsNetworkLog().then((fromLog) => {
          const captured = delivered?.values() ?? [];
          delivered = null;
          if (readFor !== page) return;
          earlier = missedByCapture(fromLog, captured, since);
          deliverEarlier();
        });
      }
    } else if (message.type === 'snapshot') {
      // The worker restarted and sent its capture again: keep showing what was read before.
      deliverEarlier();
    }
    if (message.type === 'snapshot' || message.type === 'status') {
      preserveLog = message.settings.preserveLog;
      const wanted = message.status.fallback === 'devtools-network' && browser.devtools?.network !== undefined;
      if (wanted && !fallback) {
        fallback = followDevtoolsNetwork(
          // Delivered after the listeners of this message have run (a task later, at least).
          (exchanges: CapturedExchange[]) => deliver({ source: 'cors-inspector-capture', type: 'upsert', tabId, exchanges }),
        );
      } else if (wanted && fallback && message.type === 'snapshot') {
        // A snapshot replaces everything the panel had, the fallback's exchanges too.
        fallback.republish();
      } else if (!wanted && fallback) {
        fallback.stop();
        fallback = null;
      }
    }
  });

  return {
    // Turning precise mode on asks for no permission: the precise build has it from install. In any
    // other build the worker's snapshot says so and the box is shown disabled, with why; a tick
    // that comes anyway is answered with why precise mode cannot start.
    send(message: PanelMessage) {
      port.send(message);
    },
    listen(onMessage) {
      local.add(onMessage);
      const stop = port.listen(onMessage);
      return () => {
        local.delete(onMessage);
        stop();
      };
    },
  };
}

/** Shown until the UI's `mountPanel` exists, and when no tab is known. */
function Placeholder({ transport, tabId }: { transport: PanelTransport; tabId: number }) {
  const [exchanges, setExchanges] = useState<Map<string, CapturedExchange>>(new Map());
  useEffect(() => {
    const stop = transport.listen((message) => {
      if (message.tabId !== tabId) return;
      if (message.type === 'snapshot') setExchanges(new Map(message.exchanges.map((x) => [x.id, x])));
      if (message.type === 'cleared') setExchanges(new Map());
      if (message.type === 'upsert') {
        setExchanges((old) => {
          const next = new Map(old);
          for (const x of message.exchanges) next.set(x.id, x);
          return next;
        });
      }
    });
    transport.send({ source: 'cors-inspector-panel', type: 'subscribe', tabId });
    return stop;
  }, [transport, tabId]);
  return (
    <main>
      <h1>CORS ({exchanges.size})</h1>
      <ul>
        {[...exchanges.values()].map((x) => (
          <li key={x.id} data-exchange-id={x.id}>
            {x.exchange.request.method} {x.exchange.hops[0]?.url} {x.exchange.errorText ?? 'ok'}
          </li>
        ))}
      </ul>
    </main>
  );
}

async function main(): Promise<void> {
  const root = document.getElementById('root')!;
  const tabId = inspectedTabId();
  if (tabId === null) {
    root.textContent = 'No tab to inspect: open this panel from DevTools, or add ?tabId=N.';
    return;
  }
  const transport = createTransport(tabId);
  const theme = currentTheme();
  document.documentElement.dataset['theme'] = theme;
  // The UI module is another part of the project; until it exists, a placeholder list.
  const ui = import.meta.glob<{ mountPanel?: MountPanel }>('../src/ui/index.tsx');
  const load = Object.values(ui)[0];
  const mountPanel = load ? (await load()).mountPanel : undefined;
  if (!mountPanel) {
    render(<Placeholder transport={transport} tabId={tabId} />, root);
    return;
  }
  // Inside DevTools: the empty list offers to reload the inspected page (what it requested before
  // DevTools opened is in no log; reloaded, its requests are captured).
  const inspected = browser.devtools?.inspectedWindow;
  const reloadPage = inspected ? () => void inspected.reload({}) : undefined;
  // The viewer page, template of "Download diagnosis.html": a module of the extension's own (the
  // build writes it beside manifest.json), since the panel's CSP forbids fetching even its own
  // files. A literal path, left for the browser to load (vite.config.ts): Firefox's linter can see
  // it is the extension's own file.
  const viewerPage = (): Promise<string> => import('/viewer-page.js').then((m: { default: string }) => m.default);
  const handle = mountPanel(root, transport, { tabId, theme, browser: BROWSER.name, viewerPage, ...(reloadPage ? { reloadPage } : {}) }) as { setTheme?: (theme: Theme) => void } | undefined;
  // DevTools' theme can change while the panel is open (Settings → Appearance).
  BROWSER.onThemeChanged((name) => {
    const next: Theme = name === 'dark' ? 'dark' : 'light';
    document.documentElement.dataset['theme'] = next;
    handle?.setTheme?.(next);
  });
}

void main();
