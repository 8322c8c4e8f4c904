import { describe, expect, it } from 'vitest';
import { diagnose } from '../cors/index.ts';
import { exchangesFromCdpEvents, type CdpEvent } from './devtools-protocol.ts';
import { localNetworkFactsByRequest } from './local-network-issues.ts';
import { corsIssueEvent } from './testing-entries.ts';

const PAGE = 'http://app.example.com:4000';
const API = 'http://127.0.0.1:5000';

/** The CORS issue Chromium 156 raised for a request Local Network Access refused, from an http page. */
function corsIssue(requestId: string, corsError: string, more: Record<string, unknown> = {}): CdpEvent {
  const clientSecurityState = { initiatorIsSecureContext: false, initiatorIPAddressSpace: 'Public', localNetworkAccessRequestPolicy: 'BlockFromInsecureToMorePrivate' };
  return corsIssueEvent(requestId, `${API}/x`, corsError, { clientSecurityState, ...more });
}

/** The page's fetch() of `${API}/x`, refused: no wire extra info, `net::ERR_FAILED` with the CorsError. */
function refused(id: string, corsError: string): CdpEvent[] {
  return [
    { method: 'Network.requestWillBeSent', params: { requestId: id, documentURL: `${PAGE}/`, request: { url: `${API}/x`, method: 'GET', headers: {} }, timestamp: 1, wallTime: 1, type: 'Fetch' } },
    { method: 'Network.loadingFailed', params: { requestId: id, errorText: 'net::ERR_FAILED', corsErrorStatus: { corsError, failedParameter: '' } } },
  ];
}

describe('Local Network Access facts from the DevTools protocol', () => {
  it("reads the page's side from an issue's clientSecurityState, and the server's space from resourceIPAddressSpace", () => {
    // The two issues Chromium 156 raised for one refused request (http page → an address overridden to `local`).
    const events = [corsIssue('7', 'LocalNetworkAccessPermissionDenied', { resourceIPAddressSpace: 'Local' }), corsIssue('7', 'InsecureLocalNetwork', { initiatorOrigin: `${PAGE}/` }), ...refused('7', 'InsecureLocalNetwork')];
    expect(localNetworkFactsByRequest(events).get('7')).toEqual({ initiatorAddressSpace: 'public', initiatorSecureContext: false, targetAddressSpace: { url: `${API}/x`, space: 'local' } });
    const [x] = exchangesFromCdpEvents(events);
    expect([x!.request.initiatorAddressSpace, x!.request.initiatorSecureContext, x!.hops[0]!.targetAddressSpace, x!.request.targetAddressSpaceMismatch]).toEqual(['public', false, 'local', undefined]);
    const d = diagnose(x!);
    expect([d.corsError, d.localNetworkAccess?.permission]).toEqual(['InsecureLocalNetwork', 'local-network']);
    // Nothing about the page or the server was assumed: the protocol said it.
    expect(d.assumptions.map((a) => a.about)).not.toEqual(expect.arrayContaining(['initiator-address-space']));
    expect(d.assumptions.map((a) => a.about)).not.toContain('target-address-space');
  });

  it('an InvalidLocalNetworkAccess issue says the targetAddressSpace option did not match', () => {
    const events = [corsIssue('8', 'InvalidLocalNetworkAccess'), ...refused('8', 'InvalidLocalNetworkAccess')];
    const [x] = exchangesFromCdpEvents(events);
    expect(x!.request.targetAddressSpaceMismatch).toBe(true);
    expect(diagnose(x!).corsError).toBe('InvalidLocalNetworkAccess');
  });

  it("never reads an issue's CorsError as the verdict: Chromium 156 raises a denied issue for requests it lets through", () => {
    const facts = localNetworkFactsByRequest([corsIssue('9', 'LocalNetworkAccessPermissionDenied')]);
    expect(facts.get('9')).toEqual({ initiatorAddressSpace: 'public', initiatorSecureContext: false });
  });

  it('ignores other issues, unknown spaces and malformed details', () => {
    const events: CdpEvent[] = [
      { method: 'Audits.issueAdded', params: { issue: { code: 'DeprecationIssue', details: { deprecationIssueDetails: { type: 'InsecurePrivateNetworkSubresourceRequest' } } } } },
      { method: 'Audits.issueAdded', params: { issue: { code: 'CorsIssue', details: { corsIssueDetails: { request: {} } } } } },
      { method: 'Audits.issueAdded', params: null },
      corsIssue('10', 'LocalNetworkAccessPermissionDenied', { resourceIPAddressSpace: 'Unknown', clientSecurityState: { initiatorIPAddressSpace: 'Unknown' } }),
    ];
    const facts = localNetworkFactsByRequest(events);
    expect([...facts.keys()]).toEqual(['10']);
    expect(facts.get('10')).toEqual({});
  });
});
