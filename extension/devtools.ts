// The DevTools page: runs once per DevTools window, for as long as it is open. It adds the CORS
// panel, and once the panel has been shown (the capture of the tab started), it keeps a port to
// the service worker open: that port closing, when DevTools closes, ends the tab's capture
// (unless "Keep capturing" is on). Before the panel is shown nothing is captured, and no port
// keeps waking the worker.
// The path is relative to the extension's root; the build keeps `extension/panel.html` there.

import { DEVTOOLS_PORT_NAME, holdDevtoolsPort } from './port-transport.ts';

const tabId = chrome.devtools.inspectedWindow.tabId;

chrome.devtools.panels.create('CORS', '', 'extension/panel.html', (panel) => {
  let holding = false;
  panel.onShown.addListener(() => {
    if (holding) return;
    holding = true;
    holdDevtoolsPort(() => chrome.runtime.connect({ name: DEVTOOLS_PORT_NAME }), tabId);
  });
});
