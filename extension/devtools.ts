// The DevTools page: runs once per DevTools window, only to add the CORS panel. The panel's page
// connects to the service worker itself when it is shown.
// The path is relative to the extension's root; the build keeps `extension/panel.html` there.
chrome.devtools.panels.create('CORS', '', 'extension/panel.html');
