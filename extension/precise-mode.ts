// Precise mode: `chrome.debugger` on the inspected tab, for Chromium's own verdict of each request
// (`Network.loadingFailed.corsErrorStatus`), which webRequest never gives. Chromium shows a
// "started debugging this browser" bar while it is on, so it is off by default. Only the precise
// build (`dist-precise/`, scripts/precise-manifest.ts) has the `debugger` permission: Chromium
// grants it only at install (it cannot be optional), and the default build must not have it.

import { type BrowserVerdictReport, browserVerdictsFromCdp, type CdpNetworkEvent, type LocalNetworkFacts, type PreciseAvailability } from '../src/capture/index.ts';
import { PRECISE_MODE_HELP } from '../src/ui/precise-mode-help.ts';

export interface PreciseModeHooks {
  /** Verdicts for the tab's requests, to be attached to its webRequest exchanges. */
  onVerdicts(tabId: number, reports: BrowserVerdictReport[]): void;
  onDetached(tabId: number, reason: string): void;
}

/** What precise mode needs of `chrome.debugger` (and of the permission behind it). */
export interface DebuggerApi {
  hasPermission(): Promise<boolean>;
  attach(tabId: number, version: string): Promise<void>;
  detach(tabId: number): Promise<void>;
  sendCommand(tabId: number, method: string, params: object): Promise<unknown>;
  onEvent(listener: (tabId: number | undefined, method: string, params: unknown) => void): void;
  onDetach(listener: (tabId: number | undefined, reason: string) => void): void;
}

/**
 * What turning precise mode on says in a build without the `debugger` permission (the default one):
 * the words the panel shows beside its disabled box, so a panel that ticks it anyway is told the same.
 */
export const NEEDS_PRECISE_BUILD = PRECISE_MODE_HELP['needs-precise-build'].explanation;

/** The capture service's view of precise mode. */
export interface PreciseControl {
  /** Whether this build can attach at all: the panel shows the box disabled, and why, where not. */
  availability(): Promise<PreciseAvailability>;
  /** Resolves to null, or to the problem that prevented it. */
  attach(tabId: number): Promise<string | null>;
  detach(tabId: number): Promise<unknown>;
}

const PROTOCOL_VERSION = '1.3';

export class PreciseMode implements PreciseControl {
  readonly #hooks: PreciseModeHooks;
  readonly #api: DebuggerApi;
  readonly #attached = new Set<number>();
  readonly #started = new Map<number, Map<string, { url: string; method: string; startedAt: number }>>();
  /** Per tab, what the protocol said of requests' Local Network Access before they ended. */
  readonly #localNetwork = new Map<number, Map<string, LocalNetworkFacts>>();
  #queue: [number, CdpNetworkEvent][] = [];
  #scheduled = false;
  #listening = false;

  constructor(hooks: PreciseModeHooks, api: DebuggerApi) {
    this.#hooks = hooks;
    this.#api = api;
  }

  isAttached(tabId: number): boolean {
    return this.#attached.has(tabId);
  }

  /** The permission the attach below needs, asked the same way: only the precise build has it. */
  async availability(): Promise<PreciseAvailability> {
    return (await this.#api.hasPermission()) ? 'available' : 'needs-precise-build';
  }

  /** Attach to the tab; resolves to null, or to the problem that prevented it. */
  async attach(tabId: number): Promise<string | null> {
    if (!(await this.#api.hasPermission())) return NEEDS_PRECISE_BUILD;
    this.#listen();
    try {
      await this.#api.attach(tabId, PROTOCOL_VERSION);
    } catch (error) {
      // Still attached from before this worker restarted: that is fine, enable again.
      if (!/already attached/i.test(String(error))) return `Could not attach the debugger: ${String(error)}`;
    }
    try {
      await this.#api.sendCommand(tabId, 'Network.enable', {});
    } catch (error) {
      return `Could not enable network events: ${String(error)}`;
    }
    // The CORS issues say where the page and the server are for Local Network Access; without
    // them precise mode still gives the verdicts.
    await this.#api.sendCommand(tabId, 'Audits.enable', {}).catch(() => undefined);
    this.#attached.add(tabId);
    return null;
  }

  async detach(tabId: number): Promise<string | null> {
    if (!this.#attached.delete(tabId)) return null;
    this.#started.delete(tabId);
    this.#localNetwork.delete(tabId);
    try {
      await this.#api.detach(tabId);
    } catch {
      // Already detached (tab closed, or the user pressed "Cancel" on the bar).
    }
    return null;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#api.onEvent((tabId, method, params) => {
      // Tiny listener: queue, and map in a batch.
      if (tabId === undefined || !this.#attached.has(tabId) || !(method.startsWith('Network.') || method === 'Audits.issueAdded')) return;
      this.#queue.push([tabId, { method, params: (params ?? {}) as Record<string, unknown> }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setTimeout(() => this.#flush(), 0);
      }
    });
    this.#api.onDetach((tabId, reason) => {
      if (tabId === undefined || !this.#attached.delete(tabId)) return;
      this.#hooks.onDetached(tabId, reason === 'canceled_by_user' ? 'the debugging bar was cancelled' : reason);
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
      let localNetwork = this.#localNetwork.get(tabId);
      if (!localNetwork) this.#localNetwork.set(tabId, (localNetwork = new Map()));
      const reports = browserVerdictsFromCdp(events, started, localNetwork);
      if (reports.length > 0) this.#hooks.onVerdicts(tabId, reports);
    }
  }
}

