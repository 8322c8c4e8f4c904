// Firefox's DevTools toolbox (opened with `--devtools`), reached from the browser's chrome scope:
// the CORS panel brought to the front, script run inside it, its list's rows read (there or in a
// tab). Used by the Firefox browser tests and `npm start -- --firefox`.
//
// The toolbox is DevTools' own chrome document in the browser window; an extension's panel is a
// `<browser>` in it (webext-panels.xhtml, browser/components/extensions/parent/ext-devtools-panels.js)
// showing the extension's page in the extension's process. WebDriver BiDi does not reach that page:
// it lists tabs and their frames, and leaves extension documents out. The chrome scope does: it
// loads a frame script into that `<browser>`, which runs in the extension's process beside the page
// and posts the result back. The script evaluates in a sandbox over the page's window (the
// extension's CSP forbids eval in the page itself): the page's DOM and globals, as the page sees them.

import type { ExtensionPage, FirefoxBrowser } from './firefox-driver.ts';

/** Chrome-scope statements binding `toolbox` to the selected tab's toolbox, or throwing. */
const TOOLBOX = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
  if (!toolbox) throw new Error('no DevTools toolbox on the tab (was Firefox started with --devtools?)');`;

/** …and `tool`, the extension's CORS panel in it (devtools.panels.create's title). */
const CORS_TOOL = `${TOOLBOX}
  const tool = toolbox.getAdditionalTools().find((t) => t.label === 'CORS');
  if (!tool) throw new Error('no CORS panel in the toolbox');`;

/**
 * The toolbox's CORS panel brought to the front; resolves to its tool id. Bounded: a panel whose
 * page never loads would leave `selectTool` pending until the protocol's own timeout (3 minutes).
 */
export function showCorsPanel(firefox: FirefoxBrowser, timeoutMs = 60_000): Promise<string> {
  return firefox.chrome<string>(`(async () => {${CORS_TOOL}
    let timer;
    try {
      await Promise.race([
        toolbox.selectTool(tool.id),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the toolbox did not bring the CORS panel to the front within ${timeoutMs} ms')), ${timeoutMs});
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return tool.id;
  })()`);
}

/** Runs in the frame script: evaluates `expression` over the page, posts its JSON (or error) as `reply`. */
function frameScript(reply: string, expression: string): string {
  const body = `(() => {
    const sandbox = Cu.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
    Promise.resolve()
      .then(() => Cu.evalInSandbox(${JSON.stringify(expression)}, sandbox))
      .then((json) => sendAsyncMessage(${JSON.stringify(reply)}, { json }), (error) => sendAsyncMessage(${JSON.stringify(reply)}, { error: String(error) }));
  })()`;
  return `data:,${encodeURIComponent(body)}`;
}

let replies = 0;

/**
 * The CORS panel as the toolbox shows it. Each evaluation checks that the panel is the toolbox's
 * selected tool (what the user sees), then runs in its page; `expression` as in
 * `ExtensionPage.evaluate`.
 */
export function toolboxCorsPanel(firefox: FirefoxBrowser): ExtensionPage {
  return {
    evaluate<T>(expression: string): Promise<T> {
      const reply = `cors-inspector-test:${++replies}`;
      const script = frameScript(reply, `(async () => JSON.stringify(await (${expression})))()`);
      return firefox.chrome<T>(`(async () => {${CORS_TOOL}
        if (toolbox.currentToolId !== tool.id) throw new Error('the CORS panel is not the selected tool (' + toolbox.currentToolId + ')');
        const browser = toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id)?.contentDocument?.querySelector('browser');
        if (!browser?.messageManager) throw new Error('the CORS panel has no page in the toolbox');
        const mm = browser.messageManager;
        // A page swapped or gone never answers: fail after 10 s rather than wait for ever.
        const { json, error } = await new Promise((resolve) => {
          const timer = setTimeout(() => {
            mm.removeMessageListener(${JSON.stringify(reply)}, listener);
            resolve({ error: 'no answer from the panel page within 10 s' });
          }, 10000);
          const listener = ({ data }) => {
            clearTimeout(timer);
            mm.removeMessageListener(${JSON.stringify(reply)}, listener);
            resolve(data);
          };
          mm.addMessageListener(${JSON.stringify(reply)}, listener);
          mm.loadFrameScript(${JSON.stringify(script)}, false);
        });
        if (error !== undefined) throw new Error('in the CORS panel: ' + error);
        return json === undefined ? undefined : JSON.parse(json);
      })()`);
    },
  };
}

/** A row of the panel's list as it is drawn. */
export interface PanelRow {
  /** 1-based place in the list (aria-posinset), and the list's length (aria-setsize). */
  position: number;
  size: number;
  verdict: string | null;
  /** "Blocked: GET <url>. <reason>" */
  label: string;
  /** The reason cell's text: the engine's headline. */
  reason: string;
}

/**
 * Every row of the panel's list. The list draws only the rows in view (and the toolbox is short):
 * it is scrolled a screenful at a time, each row read once drawn, then scrolled back to the top.
 */
export function panelRows(panel: ExtensionPage): Promise<PanelRow[]> {
  return panel.evaluate<PanelRow[]>(`(async () => {
    const list = document.querySelector('[role="listbox"]');
    if (!list) return [];
    const drawn = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const rows = new Map();
    const read = () => {
      for (const el of list.querySelectorAll('[role="option"][data-verdict]')) {
        const position = Number(el.getAttribute('aria-posinset'));
        rows.set(position, { position, size: Number(el.getAttribute('aria-setsize')), verdict: el.getAttribute('data-verdict'), label: el.getAttribute('aria-label') ?? '', reason: el.querySelector('.cp-reason')?.textContent ?? '' });
      }
    };
    // Scrolled only when the list is longer than its view (a frame is drawn after each scroll).
    const scrollTo = async (top) => {
      const before = list.scrollTop;
      list.scrollTop = top;
      if (list.scrollTop === before) return false;
      await drawn();
      return true;
    };
    await scrollTo(0);
    read();
    while (await scrollTo(list.scrollTop + list.clientHeight)) read();
    await scrollTo(0);
    return [...rows.values()].sort((a, b) => a.position - b.position);
  })()`);
}

/**
 * A PNG of the browser window as it is drawn: the tab and, docked below it, the toolbox with its
 * selected tool. WebDriver BiDi's `browsingContext.captureScreenshot` refuses the browser's chrome
 * (it captures a tab's page only, never the toolbox), so the chrome scope asks the window's
 * compositor for a snapshot (`WindowGlobalParent.drawSnapshot`, which draws the extension's panel
 * page too, though it runs in another process) and encodes it.
 */
export async function windowScreenshot(firefox: FirefoxBrowser): Promise<Buffer> {
  const dataUrl = await firefox.chrome<string>(`(async () => {
    const bitmap = await window.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
    const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    return canvas.toDataURL('image/png');
  })()`);
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error('Firefox drew no PNG of its window');
  return Buffer.from(dataUrl.slice(prefix.length), 'base64');
}
