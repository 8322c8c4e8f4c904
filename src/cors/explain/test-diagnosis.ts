// Builders for the tests of this folder: a Diagnosis and an exchange written by hand, so the
// wording is tested without the engine. Only tests import this file.

import type { CorsError } from '../cors-error.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from '../exchange.ts';

export const PAGE = 'http://127.0.0.1:5173';
export const API = 'http://127.0.0.1:8080';

export function exchangeOf(over: {
  method?: string;
  headers?: HeaderList;
  origin?: string;
  hops?: ObservedHop[];
  errorText?: string;
} = {}): ObservedExchange {
  const origin = over.origin ?? PAGE;
  return {
    request: {
      method: over.method ?? 'GET',
      headers: over.headers ?? [['Origin', origin]],
      initiatorOrigin: origin,
    },
    hops: over.hops ?? [{ url: `${API}/items`, response: { status: 200, headers: [] } }],
    ...(over.errorText === undefined ? {} : { errorText: over.errorText }),
  };
}

export function diagnosisOf(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    failedAt: null,
    requestOrigins: [PAGE],
    credentialsMode: 'same-origin',
    mode: 'cors',
    checks: [],
    preflight: { required: false, reasons: [], observed: 'not-needed' },
    originComparison: null,
    networkFailure: null,
    errorResponse: null,
    exposure: null,
    advisories: [],
    assumptions: [],
    alternatives: [],
    ...over,
  };
}

const PREFLIGHT_PHASE: ReadonlySet<string> = new Set([
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues', 'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials', 'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal', 'PreflightMissingAllowPrivateNetwork', 'PreflightInvalidAllowPrivateNetwork',
  'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse', 'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse', 'PreflightMissingPrivateNetworkAccessId', 'PreflightMissingPrivateNetworkAccessName',
]);

/** A blocked Diagnosis for one CorsError, with a preflight when the error is about one. */
export function blocked(error: CorsError, failedParameter = '', over: Partial<Diagnosis> = {}): Diagnosis {
  const onPreflight = PREFLIGHT_PHASE.has(error);
  return diagnosisOf({
    verdict: 'blocked',
    corsError: error,
    failedParameter,
    failedAt: { hop: 0, phase: onPreflight ? 'preflight' : 'response' },
    preflight: onPreflight
      ? { required: true, reasons: [{ kind: 'method', method: 'PUT' }, { kind: 'header', name: 'x-trace', why: 'name', value: '1' }], observed: 'sent' }
      : { required: false, reasons: [], observed: 'not-needed' },
    ...over,
  });
}
