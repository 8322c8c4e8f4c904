// Precise mode with `chrome.debugger` replaced: what it asks of the debugger, and what it reports.

import { describe, expect, it } from 'vitest';
import type { BrowserVerdictReport } from '../src/capture/index.ts';
import { NEEDS_PRECISE_BUILD, PreciseMode, type DebuggerApi } from './precise-mode.ts';

const URL_A = 'http://127.0.0.1:6000/a';

class FakeDebugger implements DebuggerApi {
  permission = true;
  attached = new Set<number>();
  commands: string[] = [];
  failAttach: string | null = null;
  #onEvent: ((tabId: number | undefined, method: string, params: unknown) => void) | null = null;
  #onDetach: ((tabId: number | undefined, reason: string) => void) | null = null;
  hasPermission = async () => this.permission;
  attach = async (tabId: number) => {
    if (this.failAttach) throw new Error(this.failAttach);
    this.attached.add(tabId);
  };
  detach = async (tabId: number) => void this.attached.delete(tabId);
  sendCommand = async (tabId: number, method: string) => void this.commands.push(`${tabId} ${method}`);
  onEvent: DebuggerApi['onEvent'] = (listener) => void (this.#onEvent = listener);
  onDetach: DebuggerApi['onDetach'] = (listener) => void (this.#onDetach = listener);
  emit(tabId: number, method: string, params: object): void {
    this.#onEvent?.(tabId, method, params);
  }
  cancel(tabId: number): void {
    this.attached.delete(tabId);
    this.#onDetach?.(tabId, 'canceled_by_user');
  }
}

function setUp() {
  const api = new FakeDebugger();
  const verdicts: [number, BrowserVerdictReport[]][] = [];
  const detached: [number, string][] = [];
  const precise = new PreciseMode({ onVerdicts: (tab, reports) => verdicts.push([tab, reports]), onDetached: (tab, reason) => detached.push([tab, reason]) }, api);
  return { api, precise, verdicts, detached };
}

describe('PreciseMode', () => {
  it('needs the debugger permission: without it (the default build) it says to use the precise build', async () => {
    const { api, precise } = setUp();
    api.permission = false;
    expect(await precise.attach(3)).toBe(NEEDS_PRECISE_BUILD);
    expect(NEEDS_PRECISE_BUILD).toMatch(/precise build.*only at install.*npm run build.*dist-precise\//);
    // Nothing in it asks the user to allow what Chromium can no longer grant.
    expect(NEEDS_PRECISE_BUILD).not.toMatch(/allow|again/i);
    expect(api.attached.size).toBe(0);
  });

  it('says whether it can attach at all from the same permission: the precise build can, the default build needs it', async () => {
    const { api, precise } = setUp();
    expect(await precise.availability()).toBe('available');
    api.permission = false;
    expect(await precise.availability()).toBe('needs-precise-build');
    expect(api.attached.size).toBe(0);
  });

  it('attaches, enables the network domain, and reports the verdicts of the tab it is attached to', async () => {
    const { api, precise, verdicts } = setUp();
    expect(await precise.attach(3)).toBeNull();
    expect(api.commands).toEqual(['3 Network.enable', '3 Audits.enable']);
    api.emit(3, 'Network.requestWillBeSent', { requestId: '1', request: { url: URL_A, method: 'GET' }, wallTime: 2, initiator: { type: 'script' } });
    api.emit(4, 'Network.requestWillBeSent', { requestId: '2', request: { url: URL_A, method: 'GET' }, wallTime: 2, initiator: { type: 'script' } });
    api.emit(3, 'Network.loadingFailed', { requestId: '1', corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(verdicts).toEqual([[3, [{ url: URL_A, method: 'GET', startedAt: 2000, verdict: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } }]]]);
  });

  it("passes the Audits CORS issues on: a Local Network Access refusal's page and server address spaces reach the verdict", async () => {
    const { api, precise, verdicts } = setUp();
    await precise.attach(3);
    const details = { corsErrorStatus: { corsError: 'InsecureLocalNetwork', failedParameter: '' }, request: { requestId: '1', url: URL_A }, resourceIPAddressSpace: 'Loopback', clientSecurityState: { initiatorIsSecureContext: false, initiatorIPAddressSpace: 'Public' } };
    api.emit(3, 'Network.requestWillBeSent', { requestId: '1', request: { url: URL_A, method: 'GET' }, wallTime: 2, initiator: { type: 'script' } });
    api.emit(3, 'Audits.issueAdded', { issue: { code: 'CorsIssue', details: { corsIssueDetails: details } } });
    api.emit(3, 'Network.loadingFailed', { requestId: '1', corsErrorStatus: { corsError: 'InsecureLocalNetwork', failedParameter: '' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(verdicts[0]?.[1][0]?.localNetwork).toEqual({ initiatorAddressSpace: 'public', initiatorSecureContext: false, targetAddressSpace: { url: URL_A, space: 'loopback' } });
  });

  it('is still attached from before a worker restart: that is fine', async () => {
    const { api, precise } = setUp();
    api.failAttach = 'Another debugger is already attached to the tab with id: 3.';
    expect(await precise.attach(3)).toBeNull();
    api.failAttach = 'Cannot access a chrome:// URL';
    expect(await precise.attach(4)).toBe('Could not attach the debugger: Error: Cannot access a chrome:// URL');
  });

  it('says why it ended when the user cancels the debugging bar', async () => {
    const { api, precise, detached } = setUp();
    await precise.attach(3);
    api.cancel(3);
    expect(detached).toEqual([[3, 'the debugging bar was cancelled']]);
    expect(precise.isAttached(3)).toBe(false);
  });
});
