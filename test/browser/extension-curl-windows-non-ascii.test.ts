// WorstFit in the panel, in real DevTools: a request whose header value or body holds a character
// outside ASCII gets no curl command for PowerShell or cmd (curl.exe may read its command line
// through the Windows ANSI code page, where U+FF02 "best-fit" maps to `"` and can add options),
// only a comment saying why and pointing to the bash version; the bash version carries it.
// The demo page sends both requests to the demo API (127.0.0.1, another port); each is copied with
// the row's context menu (Copy as cURL, per shell), and the clipboard and the status line are read.

import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type DemoServers } from '../../demo/server.ts';
import { DevtoolsDriver } from './helpers/devtools-frontend.ts';
import { launchWithExtension, storedCapture, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { waitInPanel, type PanelWhere } from './helpers/panel-state.ts';

let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let where: PanelWhere;

// The fixed twin of the demo's header case: its preflight allows what was asked, its answer allows the page.
const PATH = '/fixed/header-not-allowed';
// `é` as a page sends it in a header: its UTF-8 bytes (a header value is bytes; fetch takes each
// character below U+0100 as one byte), which the browser reports as `café`.
const CAFE_AS_SENT = Buffer.from('café', 'utf8').toString('latin1');
// A body as a WorstFit attack writes it: U+FF02 where curl.exe may read a quote.
const WORST_BODY = '{"note":"a\uff02 --next --url http://evil.example/ \uff02"}';

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchWithExtension({ devtools: true });
  page = await browser.context.newPage();
  await page.goto(`${demo.pageUrl}?manual`);
  const devtools = await DevtoolsDriver.connect(browser);
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, browser.extensionId);
  const panelFrame = await devtools.extensionFrame(browser.extensionId, 'extension/panel.html');
  const tabId = await tabIdOf(browser, page);
  where = { browser, devtools, page, tabId, frontend, panelId, panelFrame };
  await waitFor(async () => ((await storedCapture(browser, tabId)) !== null ? true : undefined), 'the capture started by DevTools opening');
  // Read the clipboard from the page's origin (the panel's frame has no clipboard-read).
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.pageOrigin });
  const statuses = await page.evaluate(
    async ({ header, body, api }) => {
      const withHeader = await fetch(`${api}?case=header`, { headers: { 'X-Trace-Id': header }, cache: 'no-store' });
      const withBody = await fetch(`${api}?case=body`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, cache: 'no-store' });
      return [withHeader.status, withBody.status];
    },
    { header: CAFE_AS_SENT, body: WORST_BODY, api: `${demo.apiOrigin}${PATH}` },
  );
  // Both reached the server and were allowed: the commands are for requests that worked in the browser.
  expect(statuses).toEqual([200, 200]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** A shell as the menu names it. */
type ShellLabel = 'bash' | 'PowerShell' | 'cmd';

/**
 * Right-click the row whose URL holds `?case=<which>`, pick "Copy as cURL (<shell>)", and return the
 * status line it writes and the clipboard. Run as a user gesture (the clipboard asks for one).
 */
async function copyAsCurl(which: string, shell: ShellLabel): Promise<{ status: string; clipboard: string }> {
  const { devtools, panelFrame } = where;
  const label = `Copy as cURL (${shell})`;
  // Opening the menu empties the status line: what it shows after the click is this copy's.
  let clicked = false;
  const status = await waitInPanel(
    where,
    async () => {
      const reply = await devtools.send(panelFrame, 'Runtime.evaluate', {
        userGesture: true,
        returnByValue: true,
        expression: `(() => {
          if (${clicked}) return { status: document.querySelector('.cp-copied')?.textContent ?? '' };
          const item = [...document.querySelectorAll('[role="menuitem"]')].find((el) => el.textContent === ${JSON.stringify(label)});
          if (item) {
            item.click();
            return { clicked: true };
          }
          const row = [...document.querySelectorAll('[role="option"]')].find((el) => (el.getAttribute('aria-label') ?? '').includes(${JSON.stringify(`${PATH}?case=${which}`)}));
          if (!row || row.getAttribute('data-verdict') !== 'allowed') return {};
          const box = row.getBoundingClientRect();
          row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + 10, clientY: box.top + 5, button: 2 }));
          return {};
        })()`,
      });
      const value = (reply['result'] as { value?: { clicked?: boolean; status?: string } } | undefined)?.value;
      if (value?.clicked) clicked = true;
      return value?.status ? value.status : undefined;
    },
    `"${label}" on the ${which} request`,
  );
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  if (process.env['SHOW_COPIED']) console.log(`--- ${which} ${shell}\n${status}\n${clipboard}`);
  return { status, clipboard };
}

/** How each Windows shell's script starts a comment (the reason is one). */
const COMMENT = { PowerShell: '#', cmd: 'REM' } as const;

const REASON = (where: string, char: string) =>
  new RegExp(`No curl command for 1 of 1 \\(the copied text says why\\): ${where} holds ${char.replace('+', '\\+')}, a character outside ASCII: .*use the bash version \\(WSL or Git Bash\\)\\.$`);

it('a header value holding é: PowerShell and cmd get the reason, no command; bash gets the command with the value', async () => {
  for (const shell of ['PowerShell', 'cmd'] as const) {
    const { status, clipboard } = await copyAsCurl('header', shell);
    expect(status).toMatch(REASON('the value of the X-Trace-Id header', 'U+00E9'));
    expect(clipboard).toMatch(new RegExp(`^${COMMENT[shell]} No curl command: the value of the X-Trace-Id header holds U\\+00E9, a character outside ASCII: `, 'm'));
    expect(clipboard).not.toMatch(/^curl\.exe /m);
  }
  const { status, clipboard } = await copyAsCurl('header', 'bash');
  expect(status).toBe('Copied as cURL (bash).');
  expect(clipboard).not.toContain('No curl command');
  expect(clipboard).toMatch(/^curl /m);
  expect(clipboard).toContain('X-Trace-Id: café');
});

it('a body holding U+FF02: PowerShell and cmd get the reason, no command; bash gets the command with the body', async () => {
  for (const shell of ['PowerShell', 'cmd'] as const) {
    const { status, clipboard } = await copyAsCurl('body', shell);
    expect(status).toMatch(REASON('the body', 'U+FF02'));
    expect(clipboard).toMatch(new RegExp(`^${COMMENT[shell]} No curl command: the body holds U\\+FF02, a character outside ASCII: `, 'm'));
    expect(clipboard).not.toMatch(/^curl\.exe /m);
    expect(clipboard).not.toContain('\uff02');
  }
  const { status, clipboard } = await copyAsCurl('body', 'bash');
  expect(status).toBe('Copied as cURL (bash).');
  expect(clipboard).toMatch(/^curl /m);
  expect(clipboard).toContain('--data-raw');
  expect(clipboard).toContain('\uff02 --next --url http://evil.example/ \uff02');
});
