import { describe, expect, it } from 'vitest';
import type { Check, Diagnosis, ObservedExchange } from '../../cors/index.ts';
import { checksOfStep, defaultStep, requestHeaderAnswered, timelineSteps } from './steps.ts';

function diagnosis(over: Partial<Diagnosis>): Diagnosis {
  return {
    verdict: 'blocked', corsError: null, failedParameter: null, failureReason: null, failedAt: null, requestOrigins: [], credentialsMode: 'same-origin', mode: 'cors',
    checks: [], preflight: { hop: 0, required: false, reasons: [], observed: 'not-needed' }, originComparison: null, networkFailure: null,
    errorResponse: null, exposure: null, advisories: [], assumptions: [], alternatives: [], ...over,
  };
}

const put: ObservedExchange = {
  request: { method: 'PUT', headers: [['X-Trace', '1']] },
  hops: [
    {
      url: 'https://api.example/a',
      preflight: { url: 'https://api.example/a', requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [] } },
      response: null,
    },
  ],
  errorText: 'net::ERR_FAILED',
};

const redirected: ObservedExchange = {
  request: { method: 'GET', headers: [] },
  hops: [
    { url: 'https://api.example/a', response: { status: 302, headers: [['Location', 'https://other.example/b']] } },
    { url: 'https://other.example/b', response: { status: 200, headers: [] } },
  ],
};

const summary = (steps: ReturnType<typeof timelineSteps>) => steps.map((s) => [s.key, s.state, s.failed]);

describe('timelineSteps', () => {
  it('a failed preflight: the actual request is marked not sent', () => {
    const steps = timelineSteps(put, diagnosis({ failedAt: { hop: 0, phase: 'preflight' } }));
    expect(summary(steps)).toEqual([
      ['preflight-0', 'answered', true],
      ['request-0', 'not-sent', false],
    ]);
    expect(steps[0]).toMatchObject({ method: 'OPTIONS', status: 204 });
    expect(steps[1]?.sent).toBeNull();
  });

  it('a redirect: two request steps, the first pointing at the second, failure on the response of hop 1', () => {
    const steps = timelineSteps(redirected, diagnosis({ failedAt: { hop: 1, phase: 'response' } }));
    expect(summary(steps)).toEqual([
      ['request-0', 'answered', false],
      ['request-1', 'answered', true],
    ]);
    expect(steps[0]?.redirectTo).toBe('https://other.example/b');
    expect(steps[1]?.redirectTo).toBeNull();
  });

  // A 304 or 300 is no redirect (https://fetch.spec.whatwg.org/#redirect-status), even with a
  // Location: the step points nowhere, for a request or a preflight.
  it.each([304, 300])('a %i with a Location points at no next step', (status) => {
    const x: ObservedExchange = {
      request: { method: 'PUT', headers: [] },
      hops: [{
        url: 'https://api.example/a',
        preflight: { url: 'https://api.example/a', requestHeaders: [], response: { status, headers: [['Location', 'https://other.example/p']] } },
        response: { status, headers: [['Location', 'https://other.example/b']] },
      }],
    };
    expect(timelineSteps(x, diagnosis({})).map((s) => s.redirectTo)).toEqual([null, null]);
  });

  it('a failure on a redirect response marks the request step of that hop', () => {
    const steps = timelineSteps(redirected, diagnosis({ failedAt: { hop: 0, phase: 'redirect' } }));
    expect(steps.map((s) => s.failed)).toEqual([true, false]);
  });

  it.each([
    ['cached', 'cached'],
    ['missing', 'not-observed'],
  ] as const)('a preflight %s shows as a %s step before the request', (observed, state) => {
    const exchange: ObservedExchange = { request: { method: 'PUT', headers: [] }, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [] } }] };
    const steps = timelineSteps(exchange, diagnosis({ preflight: { hop: 0, required: true, reasons: [], observed } }));
    expect(summary(steps)).toEqual([
      ['preflight-0', state, false],
      ['request-0', 'answered', false],
    ]);
  });

  it('a preflight missing at a later hop (a same-origin request redirected to another origin) shows before that hop', () => {
    const exchange: ObservedExchange = {
      request: { method: 'PUT', headers: [] },
      hops: [
        { url: 'https://app.example/x', response: { status: 307, headers: [['Location', 'https://api.example/x']] } },
        { url: 'https://api.example/x', response: { status: 200, headers: [] } },
      ],
    };
    const steps = timelineSteps(exchange, diagnosis({ preflight: { hop: 1, required: true, reasons: [], observed: 'missing' } }));
    expect(summary(steps)).toEqual([
      ['request-0', 'answered', false],
      ['preflight-1', 'not-observed', false],
      ['request-1', 'answered', false],
    ]);
  });

  it('a network failure of the request is its own state, carrying the error text', () => {
    const exchange: ObservedExchange = { request: { method: 'GET', headers: [] }, hops: [{ url: 'http://127.0.0.1:9/', response: null }], errorText: 'net::ERR_CONNECTION_REFUSED' };
    const steps = timelineSteps(exchange, diagnosis({ verdict: 'network-error', networkFailure: { errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 } }));
    expect(summary(steps)).toEqual([['request-0', 'network-error', true]]);
    expect(steps[0]?.networkError).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('a network failure carries the error text as the judging browser names it (Firefox: its own name)', () => {
    const exchange: ObservedExchange = { request: { method: 'GET', headers: [] }, hops: [{ url: 'http://127.0.0.1:9/', response: null }], errorText: 'net::ERR_CONNECTION_REFUSED' };
    const steps = timelineSteps(exchange, diagnosis({ verdict: 'network-error', networkFailure: { errorText: 'NS_ERROR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 } }));
    expect(steps[0]?.networkError).toBe('NS_ERROR_CONNECTION_REFUSED');
  });

  it('a preflight that failed on the network', () => {
    const exchange: ObservedExchange = {
      request: { method: 'DELETE', headers: [] },
      hops: [{ url: 'http://x/', preflight: { url: 'http://x/', requestHeaders: [], response: null, networkError: 'net::ERR_CONNECTION_RESET' }, response: null }],
    };
    const steps = timelineSteps(exchange, diagnosis({ networkFailure: { errorText: 'net::ERR_CONNECTION_RESET', kind: 'reset', phase: 'preflight', hop: 0 } }));
    expect(summary(steps)).toEqual([
      ['preflight-0', 'network-error', true],
      ['request-0', 'not-sent', false],
    ]);
  });

  it('an exchange in flight ends in a pending step', () => {
    const exchange: ObservedExchange = { request: { method: 'GET', headers: [] }, hops: [{ url: 'http://x/', response: null }] };
    expect(summary(timelineSteps(exchange, null, true))).toEqual([['request-0', 'pending', false]]);
  });
});

describe('defaultStep', () => {
  it('opens on the failing step, else the last', () => {
    expect(defaultStep(timelineSteps(put, diagnosis({ failedAt: { hop: 0, phase: 'preflight' } })))?.key).toBe('preflight-0');
    expect(defaultStep(timelineSteps(redirected, diagnosis({ verdict: 'allowed' })))?.key).toBe('request-1');
  });
});

describe('checksOfStep', () => {
  const check = (name: Check['name'], phase: Check['phase'], hop: number): Check => ({ name, phase, hop, outcome: 'passed', spec: '' });
  const checks = [check('preflight-allow-origin', 'preflight', 0), check('allow-origin', 'response', 0), check('redirect-location', 'redirect', 0), check('allow-origin', 'response', 1)];
  it('preflight checks go with the preflight step, the others with the request step of the same hop', () => {
    const [pre, req0] = timelineSteps(put, diagnosis({}));
    expect(checksOfStep(pre!, checks).map((c) => c.name)).toEqual(['preflight-allow-origin']);
    expect(checksOfStep(req0!, checks).map((c) => c.name)).toEqual(['allow-origin', 'redirect-location']);
  });
});

describe('requestHeaderAnswered', () => {
  it.each([
    ['Access-Control-Allow-Headers', 'access-control-request-headers'],
    ['access-control-allow-methods', 'access-control-request-method'],
    ['access-control-allow-origin', 'origin'],
    ['vary', null],
  ])('%s answers %s', (response, request) => expect(requestHeaderAnswered(response)).toBe(request));
});

describe('timelineSteps with a capture that saw the preflight cache', () => {
  it('a hop marked preflightFromCache shows a cached preflight step, whatever hop it is', () => {
    const exchange: ObservedExchange = {
      request: { method: 'PUT', headers: [] },
      hops: [
        { url: 'https://a.example/', response: { status: 307, headers: [['Location', 'https://b.example/']] } },
        { url: 'https://b.example/', preflightFromCache: true, response: { status: 200, headers: [] } },
      ],
    };
    expect(summary(timelineSteps(exchange, null))).toEqual([
      ['request-0', 'answered', false],
      ['preflight-1', 'cached', false],
      ['request-1', 'answered', false],
    ]);
  });
});
