// Waiting for what a person sees in the CORS panel inside real DevTools, and saying what the panel
// showed when that wait times out.
//
// DevTools is docked in the inspected page's tab: only while that tab is the active one of its
// window is DevTools visible, and the panel renders only while visible (it draws in animation
// frames, which a hidden page does not get). On a loaded machine another tab of the window (the
// context's first, blank one) sometimes ends up active after the test opened its page: the panel
// then holds the capture but shows none of it, and a click on a row opens nothing. A person reads
// the panel with its tab in front, so every try puts it there first.
//
// A timeout says which panel DevTools had selected, whether DevTools and the panel were visible,
// the panel's rows (verdict, selected), the detail and its what-if, the window's tabs (which is
// active) and what the service worker had stored for the tab: a flake seen once then says where
// the panel stood, not only what the test was waiting for.

import type { Page } from 'playwright';
import type { DevtoolsDriver } from '../../../scripts/devtools-frontend.ts';
import { storedCapture, waitFor, type ExtensionBrowser } from './launch.ts';

/** The panel frame's own view of itself (read inside it: the list is virtual, the detail optional). */
const PANEL_VIEW = `(() => {
  const rows = [...document.querySelectorAll('[role="option"]')].map((el) => ({
    label: el.getAttribute('aria-label') ?? '',
    verdict: el.getAttribute('data-verdict'),
    selected: el.getAttribute('aria-selected') === 'true',
  }));
  const details = document.querySelector('.cp-whatif');
  return {
    visibility: document.visibilityState,
    focused: document.hasFocus(),
    status: document.querySelector('.cp-statusbar')?.textContent ?? null,
    rows,
    detail: document.querySelector('.cp-detail .cp-detail-head')?.textContent ?? (document.querySelector('.cp-detail') ? '(no head)' : null),
    whatIf: details === null ? null : {
      open: details.open,
      valueInputs: [...details.querySelectorAll('input[aria-label^="Value of"]')].map((i) => i.getAttribute('aria-label') + '=' + i.value),
      verdict: details.querySelector('.cp-whatif-verdict [data-verdict]')?.getAttribute('data-verdict') ?? null,
    },
  };
})()`;

export interface PanelWhere {
  browser: ExtensionBrowser;
  devtools: DevtoolsDriver;
  /** The inspected page, and its tab's id. */
  page: Page;
  tabId: number;
  /** The DevTools window of the page, the CORS panel's id in it, and the panel's frame. */
  frontend: string;
  panelId: string;
  panelFrame: string;
}

/** What a person reading the panel has: the inspected tab in front, the CORS panel selected in its DevTools. */
async function showPanel(where: PanelWhere): Promise<void> {
  await where.page.bringToFront();
  await where.devtools.keepPanelShown(where.frontend, where.panelId);
}

/** A description of the panel and the tab's capture now; never throws (a part it cannot read says why). */
async function describePanel(where: PanelWhere): Promise<string> {
  const part = async (name: string, read: () => Promise<unknown>): Promise<string> => {
    try {
      return `${name}: ${JSON.stringify(await read())}`;
    } catch (error) {
      return `${name}: unreadable (${String(error)})`;
    }
  };
  return [
    await part('DevTools shows panel', () => where.devtools.selectedPanel(where.frontend)),
    await part('DevTools frontend', () => where.devtools.evaluate(where.frontend, `({ visibility: document.visibilityState, focused: document.hasFocus() })`)),
    await part('panel', () => where.devtools.evaluate(where.panelFrame, PANEL_VIEW)),
    await part('tabs', async () => {
      // Only the active tab of a window is shown, and with it the DevTools docked in it.
      const worker = await where.browser.serviceWorker();
      const tabs = await worker.evaluate(() => chrome.tabs.query({}));
      return tabs.map((t) => `${t.id === where.tabId ? '(inspected) ' : ''}window ${t.windowId}${t.active ? ' active' : ''} ${t.url ?? t.pendingUrl ?? '?'}`);
    }),
    // The worker's log, written a moment after the capture: it may lag what the panel was sent.
    await part('worker stored', async () => {
      const stored = await storedCapture(where.browser, where.tabId);
      if (stored === null) return 'nothing (no capture of the tab)';
      return {
        capturingSince: stored.status.capturingSince ?? null,
        exchanges: stored.exchanges.map((x) => `${x.exchange.request.method} ${x.exchange.hops[0]?.url ?? '?'}${x.pending ? ' (pending)' : ''} ${x.exchange.errorText ?? 'ok'}`),
      };
    }),
  ].join('\n  ');
}

/** `waitFor` something in the panel, shown before each try; a timeout says what the panel showed. */
export async function waitInPanel<T>(where: PanelWhere, check: () => Promise<T | undefined>, what: string, timeoutMs?: number): Promise<T> {
  try {
    return await waitFor(
      async () => {
        await showPanel(where);
        return check();
      },
      what,
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n  ${await describePanel(where)}`);
  }
}
