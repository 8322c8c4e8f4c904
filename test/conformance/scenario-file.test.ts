import { describe, expect, it } from 'vitest';
import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
import { browserRun } from './browser-verdict.ts';
import { runSettled } from './record.ts';
import { parseScenarioFile, ScenarioFileError, substitute, type Origins, type Scenario } from './scenario-file.ts';

const origins: Origins = {
  page: 'http://127.0.0.1:1000',
  api: 'http://127.0.0.1:2000',
  other: 'http://localhost:3000',
  closed: 'http://127.0.0.1:4000',
};
const scenario: Scenario = {
  id: 'x-1',
  hops: [
    { host: 'api', response: { status: 302, headers: [] } },
    { host: 'other', response: { status: 200, headers: [] } },
  ],
  expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
};

describe('substitute', () => {
  it.each([
    ['{origin}', 'http://127.0.0.1:1000'],
    ['{origin}/', 'http://127.0.0.1:1000/'],
    ['{api}, {other}', 'http://127.0.0.1:2000, http://localhost:3000'],
    ['{host:api} {host:other}', '127.0.0.1:2000 localhost:3000'],
    ['{id}', 'x-1'],
    ['{hop:1}', 'http://localhost:3000/s/x-1/1'],
    ['{unknown} {origin', '{unknown} {origin'],
  ])('%s → %s', (text, out) => expect(substitute(text, origins, scenario)).toBe(out));

  it('refuses a hop that does not exist', () => {
    expect(() => substitute('{hop:7}', origins, scenario)).toThrow(ScenarioFileError);
  });
});

describe('parseScenarioFile', () => {
  const file = (s: unknown): unknown => ({ format: 'cors-scenarios/1', scenarios: [s] });
  it.each([
    ['not a scenario file', { format: 'x' }],
    ['a bad id', file({ ...scenario, id: 'Bad Id' })],
    ['no hops', file({ ...scenario, hops: [] })],
    ['an unknown host', file({ ...scenario, hops: [{ host: 'mars', response: { status: 200, headers: [] } }] })],
    ['a header that is not a pair', file({ ...scenario, hops: [{ host: 'api', response: { status: 200, headers: [['A']] } }] })],
    ['an expect list of the wrong length', file({ ...scenario, repeat: 2, expect: [scenario.expect] })],
    ['a page that is not an object', { ...(file(scenario) as object), page: 'app.example.com' }],
    ['a page host that is no host name', { ...(file(scenario) as object), page: { host: 'a b' } }],
    ['a page scheme other than http(s)', { ...(file(scenario) as object), page: { scheme: 'ftp' } }],
    ['an unknown address space', { ...(file(scenario) as object), page: { addressSpace: 'private' } }],
    ['a grant that is not a list of names', { ...(file(scenario) as object), page: { grant: 'loopbackNetwork' } }],
    ['a frame without a host name', { ...(file(scenario) as object), page: { frame: { allow: 'local-network-access' } } }],
    ["an unknown api server's address space", { ...(file(scenario) as object), page: { apiAddressSpace: 'lan' } }],
    ['an unknown targetAddressSpace', file({ ...scenario, fetch: { targetAddressSpace: 'private' } })],
    ['a fromHar without a reason', file({ ...scenario, fromHar: { corsError: 'LocalNetworkAccessPermissionDenied' } })],
  ])('rejects %s', (_name, json) => expect(() => parseScenarioFile(json)).toThrow(ScenarioFileError));

  it('accepts a valid file', () => {
    expect(parseScenarioFile(file(scenario)).scenarios[0]?.id).toBe('x-1');
  });

  it('accepts where the page lives (Local Network Access)', () => {
    const page = { host: 'app.example.com', scheme: 'https', addressSpace: 'public', apiAddressSpace: 'local', grant: ['loopbackNetwork'], frame: { host: 'frame.example.com', allow: 'local-network-access' } };
    expect(parseScenarioFile({ ...(file(scenario) as object), page }).page).toEqual(page);
  });

  it("accepts fetch()'s targetAddressSpace and what a HAR alone must give", () => {
    const s = { ...scenario, fetch: { targetAddressSpace: 'local' }, fromHar: { corsError: 'LocalNetworkAccessPermissionDenied', because: 'a HAR lacks the option' } };
    expect(parseScenarioFile(file(s)).scenarios[0]).toMatchObject({ fetch: { targetAddressSpace: 'local' }, fromHar: { corsError: 'LocalNetworkAccessPermissionDenied' } });
  });
});

const url = 'http://127.0.0.1:2000/s/x-1/0';
const e = (method: string, params: Record<string, unknown>): CdpEvent => ({ method: `Network.${method}`, params });
const sent = e('requestWillBeSent', { requestId: '1', request: { url, method: 'GET' }, initiator: { type: 'script' } });

describe('runSettled', () => {
  it.each<[string, CdpEvent[], boolean]>([
    ['nothing seen yet', [], false],
    ['the request started only', [sent], false],
    ['finished, but announced extra info not yet in', [sent, e('responseReceived', { requestId: '1', hasExtraInfo: true, response: {} }), e('loadingFinished', { requestId: '1' })], false],
    ['finished with its extra info', [sent, e('responseReceivedExtraInfo', { requestId: '1' }), e('responseReceived', { requestId: '1', hasExtraInfo: true, response: {} }), e('loadingFinished', { requestId: '1' })], true],
    ['its preflight still running', [sent, e('requestWillBeSent', { requestId: 'P', request: { url, method: 'OPTIONS' }, initiator: { type: 'preflight', requestId: '1' } }), e('loadingFailed', { requestId: '1' })], false],
  ])('%s → %s', (_name, events, settled) => expect(runSettled(events, url, '/s/x-1/')).toBe(settled));
});

describe('browserRun', () => {
  const failed = (extra: Record<string, unknown>): CdpEvent => e('loadingFailed', { requestId: '1', errorText: 'net::ERR_FAILED', ...extra });
  it.each<[string, CdpEvent[], 'resolved' | 'rejected', string]>([
    ['a CORS error is a block', [sent, failed({ corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } })], 'rejected', 'blocked'],
    ['a failure without one is a network error', [sent, failed({})], 'rejected', 'network-error'],
    ['a resolved promise is allowed even if the protocol reports ERR_ABORTED', [sent, failed({ errorText: 'net::ERR_ABORTED' })], 'resolved', 'allowed'],
    ['a rejection the protocol never saw is a network error', [], 'rejected', 'network-error'],
  ])('%s', (_name, events, settled, outcome) => {
    const page = settled === 'resolved' ? { settled, type: 'basic', status: 200, body: '' } as const : { settled, message: 'Failed to fetch' } as const;
    expect(browserRun(events, url, page).outcome).toBe(outcome);
  });
});
