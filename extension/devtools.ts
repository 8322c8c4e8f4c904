// The DevTools page: runs once per DevTools window, as soon as DevTools opens on a tab and for as
// long as it is open, before any panel is shown. It adds the CORS panel and opens a port to the
// service worker at once: that port starts the capture of the inspected tab (so the traffic made
// while another panel is shown is captured too, preflights and all), and its closing, when DevTools
// closes, ends the capture (unless "Keep capturing" is on).

import browser from 'webextension-polyfill';
import { panelTitle } from './panel-title.ts';
import { DEVTOOLS_PORT_NAME, holdDevtoolsPort, type PanelWindow } from './port-transport.ts';

const tabId = browser.devtools.inspectedWindow.tabId;

holdDevtoolsPort(() => browser.runtime.connect({ name: DEVTOOLS_PORT_NAME }), tabId);
// From the extension's root (the build keeps `extension/panel.html` there): an absolute path, the
// same page however a browser resolves relative ones. "CORS", or "CORS (precise)" in the precise build.
void browser.devtools.panels.create(panelTitle(browser.runtime.getManifest()), '', '/extension/panel.html').then((panel) => {
  // The panel says when it is hidden (another panel shown): the worker sends it nothing meanwhile.
  // Its page loads when first shown, and until it has said otherwise it counts as shown.
  let shownWindow: PanelWindow | null = null;
  const tell = (shown: boolean): void => {
    try {
      shownWindow?.corsInspectorPanelShown?.(shown);
    } catch {
      // The panel's page is gone (DevTools closing): nothing to tell.
    }
  };
  panel.onShown.addListener((window: unknown) => {
    shownWindow = window as PanelWindow;
    tell(true);
  });
  panel.onHidden.addListener(() => tell(false));
});
