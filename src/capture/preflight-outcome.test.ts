import { describe, expect, it } from 'vitest';
import type { HeaderLine } from '../cors/index.ts';
import { preflightOutcome, type PreflightOutcome } from './preflight-outcome.ts';
import { PAGE, preflight } from './testing-entries.ts';

const A = 'http://127.0.0.1:8080/a';
const allowOrigin: HeaderLine = ['Access-Control-Allow-Origin', PAGE];

describe('preflightOutcome', () => {
  it.each<{ about: string; entry: ReturnType<typeof preflight>; outcome: PreflightOutcome }>([
    { about: '204 allowing the origin and the method', entry: preflight(A, 1, 'PUT', undefined, { responseHeaders: [allowOrigin, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Credentials', 'true']] }), outcome: 'passed' },
    { about: 'no Allow-Credentials: passes only without credentials', entry: preflight(A, 1, 'PUT', undefined, { responseHeaders: [allowOrigin, ['Access-Control-Allow-Methods', 'PUT']] }), outcome: 'depends-on-credentials' },
    { about: '`*` origin: passes only without credentials', entry: preflight(A, 1, 'GET', undefined, { responseHeaders: [['Access-Control-Allow-Origin', '*']] }), outcome: 'depends-on-credentials' },
    { about: 'a 2xx that does not allow the method', entry: preflight(A, 1, 'PUT', undefined, { responseHeaders: [allowOrigin] }), outcome: 'failed' },
    { about: 'a 2xx that does not allow a requested header', entry: preflight(A, 1, 'GET', 'x-trace', { responseHeaders: [allowOrigin] }), outcome: 'failed' },
    { about: 'the requested header allowed', entry: preflight(A, 1, 'GET', 'x-trace', { responseHeaders: [allowOrigin, ['Access-Control-Allow-Headers', 'X-Trace'], ['Access-Control-Allow-Credentials', 'true']] }), outcome: 'passed' },
    { about: 'a 2xx for another origin', entry: preflight(A, 1, 'GET', undefined, { responseHeaders: [['Access-Control-Allow-Origin', 'http://elsewhere.test']] }), outcome: 'failed' },
    { about: 'a 2xx without Allow-Origin', entry: preflight(A, 1, 'GET', undefined, { responseHeaders: [] }), outcome: 'failed' },
    { about: 'a 500 with every header', entry: preflight(A, 1, 'GET', undefined, { status: 500, responseHeaders: [allowOrigin, ['Access-Control-Allow-Credentials', 'true']] }), outcome: 'failed' },
    { about: 'no response (status 0)', entry: preflight(A, 1, 'GET', undefined, { status: 0, error: 'net::ERR_CONNECTION_REFUSED' }), outcome: 'failed' },
    { about: 'an OPTIONS without Access-Control-Request-Method', entry: { ...preflight(A, 1, 'GET'), requestHeaders: [['Origin', PAGE]] }, outcome: 'failed' },
  ])('$about', ({ entry, outcome }) => {
    expect(preflightOutcome(entry)).toBe(outcome);
  });
});
