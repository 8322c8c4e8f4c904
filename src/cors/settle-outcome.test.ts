// The post-processing both diagnose() and diagnoseVerdict() run on a replay's outcome.

import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES } from './browser-rules.ts';
import type { ObservedExchange, ObservedHop } from './exchange.ts';
import { allowed, blocked, type FetchOutcome, networkError, notCors, uncertain } from './fetch/fetch-outcome.ts';
import { browserReportedCorsFailure, contradictsCapture, includeExplainsFailure, includeMayExplainFailure, settleOutcome } from './settle-outcome.ts';

const API = 'http://127.0.0.1:2222';

function exchange(hops: ObservedHop[], errorText?: string): ObservedExchange {
  const ex: ObservedExchange = { request: { method: 'PUT', headers: [] }, hops };
  if (errorText !== undefined) ex.errorText = errorText;
  return ex;
}

const PREFLIGHT = { url: API, requestHeaders: [], response: { status: 204, headers: [] } };
const withResponse = exchange([{ url: API, preflight: PREFLIGHT, response: { status: 200, headers: [] } }]);
const withoutResponse = exchange([{ url: API, preflight: PREFLIGHT, response: null }]);

const ALLOWED = allowed(0);
const BLOCKED_AT_PREFLIGHT = blocked('PreflightMissingAllowOriginHeader', '', 0, 'preflight');
const BLOCKED_AT_RESPONSE = blocked('MissingAllowOriginHeader', '', 0, 'response');
const UNCERTAIN = uncertain(0, 'response');
const NETWORK_ERROR = networkError('net::ERR_CONNECTION_REFUSED', 'connection-refused', 'request', 0);
const NOT_CORS = notCors('same-origin');

describe('browserReportedCorsFailure', () => {
  it.each<[string | undefined, boolean]>([
    ['net::ERR_FAILED', true],
    ['net::ERR_CONNECTION_REFUSED', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (errorText, expected) => {
    expect(browserReportedCorsFailure(exchange([], errorText), CHROMIUM_RULES)).toBe(expected);
  });

  it('reads the failure text from the rules', () => {
    expect(browserReportedCorsFailure(exchange([], 'other failure'), { ...CHROMIUM_RULES, corsFailureErrorText: 'other failure' })).toBe(true);
  });
});

describe('the "include" reading', () => {
  it.each<[string, FetchOutcome, boolean, boolean]>([
    ['allowed, browser failed: may explain', ALLOWED, true, true],
    ['uncertain, browser failed: may explain', UNCERTAIN, true, true],
    ['blocked, browser failed: already explained', BLOCKED_AT_RESPONSE, true, false],
    ['network error, browser failed: already explained', NETWORK_ERROR, true, false],
    ['not-cors, browser failed: already explained', NOT_CORS, true, false],
    ['allowed, browser did not fail: nothing to explain', ALLOWED, false, false],
  ])('%s', (_d, outcome, failed, expected) => {
    expect(includeMayExplainFailure(outcome, failed)).toBe(expected);
  });

  it.each<[string, FetchOutcome, FetchOutcome, boolean, boolean]>([
    ['a blocked include replaces an allowed default', ALLOWED, BLOCKED_AT_RESPONSE, true, true],
    ['an allowed include does not', ALLOWED, ALLOWED, true, false],
    ['nor an uncertain one', UNCERTAIN, UNCERTAIN, true, false],
    ['a blocked default stays', BLOCKED_AT_RESPONSE, BLOCKED_AT_PREFLIGHT, true, false],
    ['without a browser failure the default stays', ALLOWED, BLOCKED_AT_RESPONSE, false, false],
  ])('%s', (_d, outcome, include, failed, expected) => {
    expect(includeExplainsFailure(outcome, include, failed)).toBe(expected);
  });
});

describe('contradictsCapture', () => {
  it.each<[string, FetchOutcome, ObservedExchange, boolean]>([
    ['blocked at the preflight, yet the response is there', BLOCKED_AT_PREFLIGHT, withResponse, true],
    ['blocked at the preflight, no response', BLOCKED_AT_PREFLIGHT, withoutResponse, false],
    ['blocked at the response', BLOCKED_AT_RESPONSE, withResponse, false],
    ['allowed', ALLOWED, withResponse, false],
    ['blocked at a hop the capture does not have', blocked('PreflightInvalidStatus', '', 3, 'preflight'), withResponse, false],
  ])('%s', (_d, outcome, ex, expected) => {
    expect(contradictsCapture(outcome, ex)).toBe(expected);
  });
});

describe('settleOutcome', () => {
  it('allowed while the browser failed: uncertain at the final response', () => {
    expect(settleOutcome(allowed(2), withResponse, true)).toEqual(uncertain(2, 'response'));
  });

  it('allowed, browser fine: allowed', () => {
    expect(settleOutcome(ALLOWED, withResponse, false)).toBe(ALLOWED);
  });

  it('a replay that contradicts the capture: uncertain where it blocked, without its CORS error', () => {
    expect(settleOutcome(BLOCKED_AT_PREFLIGHT, withResponse, true)).toEqual(uncertain(0, 'preflight'));
  });

  it.each<[string, FetchOutcome]>([
    ['blocked at the response', BLOCKED_AT_RESPONSE],
    ['network error', NETWORK_ERROR],
    ['not-cors', NOT_CORS],
    ['uncertain', UNCERTAIN],
  ])('%s: kept as it is', (_d, outcome) => {
    expect(settleOutcome(outcome, withResponse, true)).toBe(outcome);
  });
});
