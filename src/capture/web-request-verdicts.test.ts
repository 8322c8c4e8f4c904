import { describe, expect, it } from 'vitest';
import { corsIssueEvent } from './testing-entries.ts';
import { browserVerdictsFromCdp, type CdpNetworkEvent } from './web-request-verdicts.ts';

const URL_A = 'http://127.0.0.1:6000/a';

function sent(requestId: string, url: string, method: string, wallTime: number, initiatorType = 'script'): CdpNetworkEvent {
  return { method: 'Network.requestWillBeSent', params: { requestId, request: { url, method }, wallTime, initiator: { type: initiatorType } } };
}

describe('browserVerdictsFromCdp', () => {
  const cases: { name: string; events: CdpNetworkEvent[]; expected: unknown[] }[] = [
    {
      name: 'loadingFailed with corsErrorStatus: the browser blocked it',
      events: [sent('1', URL_A, 'PUT', 100), { method: 'Network.loadingFailed', params: { requestId: '1', errorText: 'net::ERR_FAILED', corsErrorStatus: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace' } } }],
      expected: [{ url: URL_A, method: 'PUT', startedAt: 100_000, verdict: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace' } }],
    },
    {
      name: 'loadingFinished: no CORS error',
      events: [sent('2', URL_A, 'GET', 5), { method: 'Network.loadingFinished', params: { requestId: '2' } }],
      expected: [{ url: URL_A, method: 'GET', startedAt: 5000, verdict: null }],
    },
    {
      name: 'loadingFailed without corsErrorStatus (connection refused): no CORS error',
      events: [sent('3', URL_A, 'GET', 5), { method: 'Network.loadingFailed', params: { requestId: '3', errorText: 'net::ERR_CONNECTION_REFUSED' } }],
      expected: [{ url: URL_A, method: 'GET', startedAt: 5000, verdict: null }],
    },
    {
      name: 'preflights are skipped, redirects keep the first URL',
      events: [
        sent('4', URL_A, 'GET', 5),
        sent('4', `${URL_A}/next`, 'GET', 6),
        sent('4-pf', URL_A, 'OPTIONS', 5, 'preflight'),
        { method: 'Network.loadingFinished', params: { requestId: '4-pf' } },
        { method: 'Network.loadingFinished', params: { requestId: '4' } },
      ],
      expected: [{ url: URL_A, method: 'GET', startedAt: 5000, verdict: null }],
    },
    { name: 'not ended yet: nothing', events: [sent('5', URL_A, 'GET', 5)], expected: [] },
  ];
  for (const c of cases) it(c.name, () => expect(browserVerdictsFromCdp(c.events)).toEqual(c.expected));

  it('carries started requests across batches', () => {
    const started = new Map();
    expect(browserVerdictsFromCdp([sent('6', URL_A, 'GET', 1)], started)).toEqual([]);
    expect(browserVerdictsFromCdp([{ method: 'Network.loadingFinished', params: { requestId: '6' } }], started)).toHaveLength(1);
    expect(started.size).toBe(0);
  });
});

describe('browserVerdictsFromCdp: Local Network Access facts (Audits issues)', () => {
  const issue = (requestId: string, corsError: string): CdpNetworkEvent =>
    corsIssueEvent(requestId, URL_A, corsError, { resourceIPAddressSpace: 'Local', clientSecurityState: { initiatorIsSecureContext: true, initiatorIPAddressSpace: 'Public' } });

  it('an issue raised before its request starts, in an earlier batch, goes with that request\'s verdict', () => {
    const started = new Map();
    const facts = new Map();
    expect(browserVerdictsFromCdp([issue('5', 'InvalidLocalNetworkAccess')], started, facts)).toEqual([]);
    const failed = { method: 'Network.loadingFailed', params: { requestId: '5', errorText: 'net::ERR_FAILED', corsErrorStatus: { corsError: 'InvalidLocalNetworkAccess', failedParameter: '' } } };
    const [report] = browserVerdictsFromCdp([sent('5', URL_A, 'GET', 1), failed], started, facts);
    expect(report?.localNetwork).toEqual({ initiatorAddressSpace: 'public', initiatorSecureContext: true, targetAddressSpace: { url: URL_A, space: 'local' }, targetAddressSpaceMismatch: true });
    // Reported once, then forgotten.
    expect(facts.size).toBe(0);
  });

  it('a request the protocol said nothing about has no facts; facts of requests that never end do not pile up', () => {
    const [report] = browserVerdictsFromCdp([sent('6', URL_A, 'GET', 1), { method: 'Network.loadingFinished', params: { requestId: '6' } }]);
    expect(report).not.toHaveProperty('localNetwork');
    const facts = new Map();
    browserVerdictsFromCdp(Array.from({ length: 1500 }, (_, i) => issue(`p${i}`, 'LocalNetworkAccessPermissionDenied')), new Map(), facts);
    expect(facts.size).toBe(1000);
    expect(facts.has('p1499')).toBe(true);
  });
});
