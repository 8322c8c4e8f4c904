// The DevTools page: runs once per DevTools window, as soon as DevTools opens on a tab and for as
// long as it is open, before any panel is shown. It adds the CORS panel and opens a port to the
// service worker at once: that port starts the capture of the inspected tab (so the traffic made
// while another panel is shown is captured too, preflights and all), and its closing, when DevTools
// closes, ends the capture (unless "Keep capturing" is on).
// The path is relative to the extension's root; the build keeps `extension/panel.html` there.

import { DEVTOOLS_PORT_NAME, holdDevtoolsPort } from './port-transport.ts';

const tabId = chrome.devtools.inspectedWindow.tabId;

holdDevtoolsPort(() => chrome.runtime.connect({ name: DEVTOOLS_PORT_NAME }), tabId);
chrome.devtools.panels.create('CORS', '', 'extension/panel.html');
