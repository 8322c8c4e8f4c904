import { describe, expect, it } from 'vitest';
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
