// The DevTools page: runs once per DevTools window, as soon as DevTools opens on a tab and for as
// long as it is open, before any panel is shown. It adds the CORS panel and opens a port to the
// service worker at once: that port starts the capture of the inspected tab (so the traffic made
// while another panel is shown is captured too, preflights and all), and its closing, when DevTools
// closes, ends the capture (unless "Keep capturing" is on).

import browser from 'webextension-polyfill';
import { DEVTOOLS_PORT_NAME, holdDevtoolsPort } from './port-transport.ts';

const tabId = browser.devtools.inspectedWindow.tabId;

holdDevtoolsPort(() => browser.runtime.connect({ name: DEVTOOLS_PORT_NAME }), tabId);
// From the extension's root (the build keeps `extension/panel.html` there): an absolute path, the
// same page however a browser resolves relative ones.
void browser.devtools.panels.create('CORS', '', '/extension/panel.html');
