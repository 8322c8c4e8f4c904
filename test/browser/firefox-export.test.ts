// The Firefox build's export menu, clicked in the real panel (opened as a tab) in Debian's
// firefox-esr: what "Copy as curl" and "Copy Markdown report" put on the clipboard follows Firefox's
// rules. The demo page (http://127.0.0.1:P) fetches a server of this test on 127.0.0.1:S, whose /a
// redirects (302, with Access-Control-Allow-Origin) to /b, which answers without it: blocked at /b
// in both browsers, but after that http redirect Firefox sends `Sec-Fetch-Site: cross-site` to /b
// where Chromium sends `same-site` (src/export/sec-fetch-site.ts). The server records what Firefox
// really sent to /b, and Firefox's console its real reason: the curl command must carry the one,
// the report the other.
//
// The buttons are clicked with the mouse (BiDi input): Firefox lets a page write to the clipboard
// only on a user's gesture, which a script's `click()` is not (the menu then says the browser refused
// the clipboard). The clipboard is read from Firefox's own chrome (`Services.clipboard`, the
// headless clipboard when headless), not from the page: what a paste would give.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/devtools-frontend.ts';
import { corsConsoleReasons, openDemoInFirefox, storedExchanges, type DemoInFirefox, type ExtensionTab, type FirefoxBrowser } from './helpers/firefox.ts';

let opened: DemoInFirefox;
let firefox: FirefoxBrowser;
let panel: ExtensionTab;
let server: Server;
let api: string;
/** The request headers each path of the test server got, as Firefox sent them. */
const received = new Map<string, IncomingHttpHeaders>();

/** The clipboard's text, read in Firefox's parent process. */
function clipboardText(): Promise<string> {
  return firefox.chrome<string>(`(() => {
    const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
    transferable.init(null);
    transferable.addDataFlavor('text/plain');
    Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard);
    const data = {};
    try {
      transferable.getTransferData('text/plain', data);
    } catch {
      return '';
    }
    return data.value.QueryInterface(Ci.nsISupportsString).data;
  })()`);
}

/** Puts `text` on the clipboard from Firefox's parent process: what a copy must replace. */
function setClipboard(text: string): Promise<null> {
  return firefox.chrome<null>(`(Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(${JSON.stringify(text)}), null)`);
}

/**
 * Opens the row of `url` (its detail is then what the menu exports), opens the export menu, clicks
 * the button named `label` with the mouse (Firefox lets a page write to the clipboard only on a
 * user's gesture: BiDi input, as a user's click), and returns the menu's status line once it says
 * how it went.
 */
async function clickExport(url: string, label: string): Promise<string> {
  const button = await waitFor(
    () =>
      panel.evaluate<{ x: number; y: number } | undefined>(`(() => {
        const row = [...document.querySelectorAll('[role="option"]')].find((r) => (r.getAttribute('aria-label') ?? '').includes(${JSON.stringify(` ${url}.`)}));
        if (!row) return undefined;
        if (!row.classList.contains('cp-row-selected')) { row.click(); return undefined; }
        if (!(document.querySelector('.cp-detail .cp-detail-url')?.textContent ?? '').includes(${JSON.stringify(url)})) return undefined;
        const menu = document.getElementById('cp-export-menu');
        if (!menu) { [...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Export'))?.click(); return undefined; }
        const button = [...menu.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(label)});
        if (!button || button.disabled) return undefined;
        button.scrollIntoView({ block: 'center' });
        const box = button.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      })()`),
    `the ${label} button for ${url}`,
  );
  await panel.click(button.x, button.y);
  return waitFor(
    () => panel.evaluate<string | undefined>(`(() => { const s = document.querySelector('#cp-export-menu .cp-export-status')?.textContent ?? ''; return s.startsWith(${JSON.stringify(label)}) ? s : undefined; })()`),
    `the status of ${label}`,
  );
}

/** Closes the export menu (Escape), so that the next click starts from a closed one. */
function closeMenu(): Promise<null> {
  return panel.evaluate<null>(`(document.getElementById('cp-export-menu')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })), null)`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    received.set(path, req.headers);
    const origin = req.headers.origin ?? '';
    if (path === '/a') res.writeHead(302, { Location: '/b', 'Access-Control-Allow-Origin': origin });
    // No Access-Control-Allow-Origin: Firefox refuses the response (CORSMissingAllowOrigin).
    else res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  opened = await openDemoInFirefox();
  firefox = opened.firefox;
  panel = await firefox.openExtensionPage(`extension/panel.html?tabId=${opened.tabId}`);
  // From the demo page, a plain GET (no preflight) that the server redirects on its own origin.
  await firefox.page.evaluate(`fetch(${JSON.stringify(`${api}/a`)}).then(() => 'allowed', (e) => String(e))`);
  await waitFor(async () => {
    const all = await storedExchanges(opened.extensionPage, opened.tabId);
    return all.some((x) => x.exchange.hops[0]!.url === `${api}/a` && !x.pending) ? true : undefined;
  }, 'the redirected request in the capture');
}, 180_000);

afterAll(async () => {
  await opened?.close();
  await new Promise((done) => server?.close(done));
});

describe("the Firefox build's export menu, clicked in the real panel", () => {
  it("Copy as curl (bash): the request to /b with the Sec-Fetch-Site Firefox sent there, and Firefox's verdict", async () => {
    const sent = received.get('/b')?.['sec-fetch-site'];
    // Firefox's own: cross-site after an http redirect, where Chromium sends same-site.
    expect(sent).toBe('cross-site');
    await setClipboard('before the copy');
    const status = await clickExport(`${api}/a`, 'Copy as curl (bash)');
    expect(status).toBe('Copy as curl (bash): done, for the open request');
    const curl = await clipboardText();
    expect(curl).toContain(`--url ${api}/b`);
    expect(curl).toContain(`-H 'Sec-Fetch-Site: ${sent}'`);
    expect(curl).not.toContain("Sec-Fetch-Site: same-site");
    expect(curl).toContain('(blocked: CORSMissingAllowOrigin)');
    await closeMenu();
  });

  it("Copy Markdown report: Firefox's verdict and reason as its console gave them, and its console line", async () => {
    const reasons = await corsConsoleReasons(firefox);
    const logged = reasons.find((r) => r.message.includes(`${api}/b`) && !r.category.startsWith('CORSDidNotSucceed'));
    // The console's category carries a version digit (`CORSMissingAllowOrigin2`); MDN's name, the report's, has none.
    const reason = logged?.category.replace(/\d+$/, '');
    expect(reason).toBe('CORSMissingAllowOrigin');
    await setClipboard('before the copy');
    const status = await clickExport(`${api}/a`, 'Copy Markdown report');
    expect(status).toBe('Copy Markdown report: done, for the open request');
    const report = await clipboardText();
    expect(report).toContain('## CORS Inspector report');
    expect(report).toMatch(new RegExp(`^- \\*\\*Firefox:\\*\\* blocked, \`${reason}\`$`, 'm'));
    expect(report).toContain('**Console message (Firefox):**');
    expect(report).toContain(`Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api}/b.`);
    expect(report).not.toContain('**Console message (Chromium):**');
    expect(report).not.toContain('has been blocked by CORS policy');
    await closeMenu();
  });
});
