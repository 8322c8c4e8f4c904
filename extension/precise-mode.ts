// Precise mode: `chrome.debugger` on the inspected tab, for Chromium's own verdict of each request
// (`Network.loadingFailed.corsErrorStatus`), which webRequest never gives. Chromium shows a
// "started debugging this browser" bar while it is on, so it is off by default, and the
// `debugger` permission is optional: the panel requests it when the user turns this on.

import type { BrowserVerdictReport } from '../src/capture/capture-store.ts';
import { browserVerdictsFromCdp, type CdpNetworkEvent } from '../src/capture/web-request-verdicts.ts';

export interface PreciseModeHooks {
  /** Verdicts for the tab's requests, to be attached to its webRequest exchanges. */
  onVerdicts(tabId: number, reports: BrowserVerdictReport[]): void;
  onDetached(tabId: number, reason: string): void;
}

const PROTOCOL_VERSION = '1.3';

export class PreciseMode {
  readonly #hooks: PreciseModeHooks;
  readonly #attached = new Set<number>();
  readonly #started = new Map<number, Map<string, { url: string; method: string; startedAt: number }>>();
  #queue: [number, CdpNetworkEvent][] = [];
  #scheduled = false;
  #listening = false;

  constructor(hooks: PreciseModeHooks) {
    this.#hooks = hooks;
  }

  isAttached(tabId: number): boolean {
    return this.#attached.has(tabId);
  }

  /** Attach to the tab; resolves to null, or to the problem that prevented it. */
  async attach(tabId: number): Promise<string | null> {
    if (!chrome.debugger || !(await chrome.permissions.contains({ permissions: ['debugger'] }))) {
      return 'Precise mode needs the "debugger" permission; turn it on again and allow it.';
    }
    this.#listen();
    try {
      await chrome.debugger.attach({ tabId }, PROTOCOL_VERSION);
    } catch (error) {
      // Still attached from before this worker restarted: that is fine, enable again.
      if (!/already attached/i.test(String(error))) return `Could not attach the debugger: ${String(error)}`;
    }
    try {
      await chrome.debugger.sendCommand({ tabId }, 'Network.enable', {});
    } catch (error) {
      return `Could not enable network events: ${String(error)}`;
    }
    this.#attached.add(tabId);
    return null;
  }

  async detach(tabId: number): Promise<string | null> {
    if (!this.#attached.delete(tabId)) return null;
    this.#started.delete(tabId);
    try {
      await chrome.debugger.detach({ tabId });
    } catch {
      // Already detached (tab closed, or the user pressed "Cancel" on the bar).
    }
    return null;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    chrome.debugger.onEvent.addListener((source, method, params) => {
      // Tiny listener: queue, and map in a batch.
      if (source.tabId === undefined || !this.#attached.has(source.tabId) || !method.startsWith('Network.')) return;
      this.#queue.push([source.tabId, { method, params: (params ?? {}) as Record<string, unknown> }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setTimeout(() => this.#flush(), 0);
      }
    });
    chrome.debugger.onDetach.addListener((source, reason) => {
      if (source.tabId === undefined || !this.#attached.delete(source.tabId)) return;
      this.#hooks.onDetached(source.tabId, reason === 'canceled_by_user' ? 'the debugging bar was cancelled' : String(reason));
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const byTab = new Map<number, CdpNetworkEvent[]>();
    for (const [tabId, event] of this.#queue) {
      const list = byTab.get(tabId);
      if (list) list.push(event);
      else byTab.set(tabId, [event]);
    }
    this.#queue = [];
    for (const [tabId, events] of byTab) {
      let started = this.#started.get(tabId);
      if (!started) this.#started.set(tabId, (started = new Map()));
      const reports = browserVerdictsFromCdp(events, started);
      if (reports.length > 0) this.#hooks.onVerdicts(tabId, reports);
    }
  }
}

