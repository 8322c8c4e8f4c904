// Driving real DevTools windows (opened by `--auto-open-devtools-for-tabs`) through the browser's
// DevTools protocol: find the frontend of a tab, show an extension's panel in it, and read the
// panel's page. Sessions are not flattened, so messages go through Target.sendMessageToTarget.
// Used by `npm start` (scripts/start.mjs), to open DevTools on the CORS panel, and by the browser
// tests that check the panel in real DevTools.

import type { BrowserContext, CDPSession, Page } from 'playwright';

interface ProtocolReply {
  result?: Record<string, unknown> & { result?: { value?: unknown }; exceptionDetails?: unknown };
  error?: unknown;
}

/** A row of the panel's exchange list as DevTools shows it (the list is virtual: `size` is its length). */
export interface PanelRow {
  verdict: string | null;
  label: string;
  size: string | null;
}

/** Poll `check` until it returns a value that is not undefined (no fixed sleeps). */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export class DevtoolsDriver {
  readonly #cdp: CDPSession;
  readonly #sessions = new Map<string, string>();
  readonly #pending = new Map<number, (message: ProtocolReply) => void>();
  #nextId = 0;

  private constructor(cdp: CDPSession) {
    this.#cdp = cdp;
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as ProtocolReply & { id?: number };
      if (message.id !== undefined) this.#pending.get(message.id)?.(message);
    });
  }

  /** `browser` is anything holding the persistent context (a test's ExtensionBrowser, or `{ context }`). */
  static async connect(browser: { context: BrowserContext }): Promise<DevtoolsDriver> {
    const owner = browser.context.browser();
    if (!owner) throw new Error('no browser behind the context');
    return new DevtoolsDriver(await owner.newBrowserCDPSession());
  }

  async targets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.#cdp.send('Target.getTargets');
    return targetInfos;
  }

  /** One protocol command sent to a target (a DevTools window, the panel's frame). */
  async send(targetId: string, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    let sessionId = this.#sessions.get(targetId);
    if (!sessionId) {
      ({ sessionId } = await this.#cdp.send('Target.attachToTarget', { targetId, flatten: false }));
      this.#sessions.set(targetId, sessionId);
    }
    const id = ++this.#nextId;
    const reply = new Promise<ProtocolReply>((resolve) => {
      this.#pending.set(id, resolve);
    });
    await this.#cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    // A frontend that is still loading may never answer: give up on this try after a while.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const message = await Promise.race([
      reply,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from ${targetId}`)), 5_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      this.#pending.delete(id);
    });
    if (message.error || message.result?.exceptionDetails) throw new Error(`${method} failed: ${JSON.stringify(message.error ?? message.result?.exceptionDetails)}`);
    return message.result ?? {};
  }

  /** `Runtime.evaluate` in a target (awaiting promises, value returned by value). */
  async evaluate<T>(targetId: string, expression: string): Promise<T> {
    const result = await this.send(targetId, 'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    return (result['result'] as { value?: unknown } | undefined)?.value as T;
  }

  /** The rows of the CORS panel's list in view, read from its frame. */
  async panelRows(panelFrame: string): Promise<PanelRow[]> {
    return this.evaluate<PanelRow[]>(
      panelFrame,
      `[...document.querySelectorAll('[role="option"]')].map((el) => ({ verdict: el.getAttribute('data-verdict'), label: el.getAttribute('aria-label') ?? '', size: el.getAttribute('aria-setsize') }))`,
    );
  }

  /** A PNG of a DevTools window as it is drawn now (works headless too). */
  async screenshot(targetId: string): Promise<Buffer> {
    const { data } = await this.send(targetId, 'Page.captureScreenshot', { format: 'png' });
    return Buffer.from(String(data), 'base64');
  }

  /**
   * A PNG of DevTools' own part of a docked window (its tabs and the panel shown), as drawn now. A
   * docked frontend spans the whole window, and headless the inspected page's part of it is drawn
   * blank: the whole window's screenshot was half white (first-run review, session 40).
   */
  async panelScreenshot(frontend: string): Promise<Buffer> {
    const clip = await this.devtoolsBox(frontend);
    const { data } = await this.send(frontend, 'Page.captureScreenshot', { format: 'png', ...(clip === null ? {} : { clip: { ...clip, scale: 1 } }) });
    return Buffer.from(String(data), 'base64');
  }

  /** Where DevTools' own view (InspectorView: the tabs and panels) is in its frontend's window, in CSS pixels. */
  async devtoolsBox(frontend: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return this.evaluate(
      frontend,
      `(async () => { const box = (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().element.getBoundingClientRect(); return box.width > 0 && box.height > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null; })()`,
    );
  }

  /** The DevTools frontend that inspects the page at `url`. */
  async frontendFor(url: string): Promise<string> {
    let lastProblem = '';
    let seen: string[] = [];
    return waitFor(async () => {
      seen = [];
      for (const target of await this.targets()) {
        if (target.type !== 'page' || !target.url.startsWith('devtools://devtools/')) continue;
        const inspected = await this.evaluate<string | null>(
          target.targetId,
          `(async () => (await import('./core/sdk/sdk.js')).TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null)()`,
        ).catch((error: unknown) => {
          // Not loaded yet, or gone: try again; forget the session, it may be stale.
          this.#sessions.delete(target.targetId);
          lastProblem = String(error);
          return null;
        });
        seen.push(String(inspected));
        if (inspected === url) return target.targetId;
      }
      return undefined;
    }, `the DevTools window of ${url}`).catch((error: unknown) => {
      throw new Error(`${String(error)} (inspected: ${seen.join(', ')}; last problem: ${lastProblem})`);
    });
  }

  /** Show the panel an extension added (its tab id in DevTools contains `extensionId`). */
  async showExtensionPanel(frontend: string, extensionId: string): Promise<string> {
    const panelId = await waitFor(async () => {
      const ids = await this.evaluate<string[]>(
        frontend,
        `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.tabIds())()`,
      );
      return ids.find((id) => id.includes(extensionId));
    }, "the extension's panel in DevTools");
    await this.evaluate(
      frontend,
      `(async () => { await (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)}); return true; })()`,
    );
    return panelId;
  }

  /** The id of the panel DevTools shows now (an extension's contains its id). */
  async selectedPanel(frontend: string): Promise<string | null> {
    return this.evaluate<string | null>(
      frontend,
      `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.selectedTabId ?? null)()`,
    );
  }

  /**
   * Show the panel again if DevTools selected another one meanwhile: a frontend that is still
   * starting up may select its default panel after ours was shown.
   */
  async keepPanelShown(frontend: string, panelId: string): Promise<void> {
    await this.evaluate(
      frontend,
      `(async () => { const view = (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance(); if (view.tabbedPane.selectedTabId !== ${JSON.stringify(panelId)}) await view.showPanel(${JSON.stringify(panelId)}); return true; })()`,
    );
  }

  /** Open DevTools on a page that has none yet, as the user does with F12; returns its window. */
  async openFrontend(page: Page): Promise<string> {
    const session = await page.context().newCDPSession(page);
    const { targetInfo } = await session.send('Target.getTargetInfo');
    await session.detach();
    const { targetId } = await this.#cdp.send('Target.openDevTools', { targetId: targetInfo.targetId });
    return targetId;
  }

  /** Close a DevTools window, as the user does (its devtools page and panels go with it). */
  async closeFrontend(frontend: string): Promise<void> {
    this.#sessions.delete(frontend);
    await this.#cdp.send('Target.closeTarget', { targetId: frontend });
  }

  /** The target of a page of the extension's (e.g. the panel's iframe), once it exists. */
  async extensionFrame(extensionId: string, path: string): Promise<string> {
    return waitFor(async () => {
      const target = (await this.targets()).find((t) => t.url.startsWith(`chrome-extension://${extensionId}/${path}`));
      return target?.targetId;
    }, `the frame chrome-extension://${extensionId}/${path}`);
  }
}
