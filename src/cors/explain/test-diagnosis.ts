// Diagnoses for the tests of this folder, made by the engine: each case is an observed exchange,
// and its Diagnosis is what `diagnose` says about it, so the words are tested on what the engine
// really decides. `ENGINE_CASES` holds one exchange for every (CorsError, reason) the engine gives.
// Only the codes the engine never gives (Chromium alone reports them) may still be written by hand,
// with `reportedByChromium`. Only tests import this file.

import type { CorsError } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import { diagnose } from '../diagnose.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { CredentialsMode, HeaderList, ObservedExchange, ObservedHop, ObservedResponse, RedirectMode, RequestMode } from '../exchange.ts';
import type { FailureReason } from '../failure-reason.ts';

export const PAGE = 'http://127.0.0.1:5173';
export const API = 'http://127.0.0.1:8080';

export function exchangeOf(over: {
  method?: string;
  headers?: HeaderList;
  origin?: string;
  hops?: ObservedHop[];
  errorText?: string;
  credentialsMode?: CredentialsMode;
  mode?: RequestMode;
  redirectMode?: RedirectMode;
} = {}): ObservedExchange {
  const origin = over.origin ?? PAGE;
  return {
    request: {
      method: over.method ?? 'GET',
      headers: over.headers ?? [['Origin', origin]],
      initiatorOrigin: origin,
      credentialsMode: over.credentialsMode ?? 'same-origin',
      mode: over.mode ?? 'cors',
      ...(over.redirectMode === undefined ? {} : { redirectMode: over.redirectMode }),
    },
    hops: over.hops ?? [{ url: `${API}/items`, response: { status: 200, headers: [] } }],
    ...(over.errorText === undefined ? {} : { errorText: over.errorText }),
  };
}

/** The exchange and what the engine says about it. */
export interface Diagnosed {
  diagnosis: Diagnosis;
  exchange: ObservedExchange;
}

export function diagnosed(exchange: ObservedExchange): Diagnosed {
  return { diagnosis: diagnose(exchange), exchange };
}

const acao = (value: string = PAGE): [string, string] => ['Access-Control-Allow-Origin', value];
const ACAC: [string, string] = ['Access-Control-Allow-Credentials', 'true'];

/** A GET whose response carries `headers` (status 200 unless given). */
export function simpleGet(headers: HeaderList, opts: { credentials?: CredentialsMode; status?: number } = {}): ObservedExchange {
  const allowed = headers.some(([n]) => n === 'Access-Control-Allow-Origin');
  return exchangeOf({
    credentialsMode: opts.credentials ?? 'same-origin',
    hops: [{ url: `${API}/items`, response: { status: opts.status ?? 200, headers } }],
    ...(allowed && opts.status === undefined ? {} : { errorText: 'net::ERR_FAILED' }),
  });
}

/**
 * A PUT (or `method`) with the page's `headers`, whose preflight got `preflight`; the actual
 * request never went out unless `actual` is given.
 */
export function preflighted(
  preflight: ObservedResponse,
  opts: { method?: string; headers?: HeaderList; credentials?: CredentialsMode; actual?: ObservedResponse } = {},
): ObservedExchange {
  const method = opts.method ?? 'PUT';
  const headers = opts.headers ?? [['X-Trace', '1']];
  const names = headers.map(([n]) => n.toLowerCase()).sort().join(',');
  const url = `${API}/items`;
  return exchangeOf({
    method,
    headers: [['Origin', PAGE], ...headers],
    credentialsMode: opts.credentials ?? 'same-origin',
    hops: [{
      url,
      preflight: { url, requestHeaders: [['Access-Control-Request-Method', method], ...(names ? [['Access-Control-Request-Headers', names] as [string, string]] : [])], response: preflight },
      response: opts.actual ?? null,
    }],
    ...(opts.actual === undefined ? { errorText: 'net::ERR_FAILED' } : {}),
  });
}

const pf = (status: number, headers: HeaderList): ObservedResponse => ({ status, headers });
const redirectTo = (location: string): ObservedExchange =>
  exchangeOf({ hops: [{ url: `${API}/r`, response: { status: 302, headers: [acao('*'), ['Location', location]] } }], errorText: 'net::ERR_FAILED' });

/** Key of a case: the code, and the reason when its rule has several. */
export type CaseKey = CorsError | `${CorsError}:${FailureReason}`;

/** One exchange per (CorsError, reason) the engine gives. */
export const ENGINE_CASES: Partial<Record<CaseKey, ObservedExchange>> = {
  'MissingAllowOriginHeader:no-allow-origin': simpleGet([]),
  'WildcardOriginNotAllowed:wildcard-with-credentials': simpleGet([acao('*')], { credentials: 'include' }),
  'MultipleAllowOriginValues:multiple-values': simpleGet([acao(`${PAGE}, http://example.com`)]),
  'InvalidAllowOriginValue:not-an-origin': simpleGet([acao('*.example.com')]),
  'AllowOriginMismatch:origin-mismatch': simpleGet([acao('http://example.com')]),
  'InvalidAllowCredentials:no-allow-credentials': simpleGet([acao()], { credentials: 'include' }),
  'InvalidAllowCredentials:allow-credentials-not-true': simpleGet([acao(), ['Access-Control-Allow-Credentials', 'True']], { credentials: 'include' }),

  PreflightDisallowedRedirect: preflighted(pf(308, [acao(), ['Location', `${API}/items/`]])),
  'PreflightMissingAllowOriginHeader:no-allow-origin': preflighted(pf(404, [])),
  'PreflightWildcardOriginNotAllowed:wildcard-with-credentials': preflighted(pf(204, [acao('*')]), { credentials: 'include' }),
  'PreflightMultipleAllowOriginValues:multiple-values': preflighted(pf(204, [acao(), acao('http://example.com')])),
  'PreflightInvalidAllowOriginValue:not-an-origin': preflighted(pf(204, [acao('*.example.com')])),
  'PreflightAllowOriginMismatch:origin-mismatch': preflighted(pf(204, [acao('http://example.com')])),
  'PreflightInvalidAllowCredentials:no-allow-credentials': preflighted(pf(204, [acao()]), { credentials: 'include' }),
  'PreflightInvalidAllowCredentials:allow-credentials-not-true': preflighted(pf(204, [acao(), ['Access-Control-Allow-Credentials', 'TRUE']]), { credentials: 'include' }),
  PreflightInvalidStatus: preflighted(pf(401, [acao()])),
  InvalidAllowMethodsPreflightResponse: preflighted(pf(204, [acao(), ['Access-Control-Allow-Methods', 'GET PUT']])),
  InvalidAllowHeadersPreflightResponse: preflighted(pf(204, [acao(), ['Access-Control-Allow-Headers', 'x a']])),
  'MethodDisallowedByPreflightResponse:no-allow-methods': preflighted(pf(204, [acao()]), { headers: [] }),
  'MethodDisallowedByPreflightResponse:not-listed': preflighted(pf(204, [acao(), ['Access-Control-Allow-Methods', 'GET, POST']]), { headers: [] }),
  'MethodDisallowedByPreflightResponse:wildcard-is-literal-with-credentials': preflighted(pf(204, [acao(), ACAC, ['Access-Control-Allow-Methods', '*']]), { headers: [], credentials: 'include' }),
  'HeaderDisallowedByPreflightResponse:no-allow-headers': preflighted(pf(204, [acao(), ['Access-Control-Allow-Methods', 'PUT']])),
  'HeaderDisallowedByPreflightResponse:not-listed': preflighted(pf(204, [acao(), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-other']])),
  'HeaderDisallowedByPreflightResponse:wildcard-is-literal-with-credentials': preflighted(
    pf(204, [acao(), ACAC, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*']]),
    { headers: [['X-Trace', '1'], ['Authorization', 'Bearer t']], credentials: 'include' },
  ),

  DisallowedByMode: exchangeOf({ mode: 'same-origin', hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_FAILED' }),
  CorsDisabledScheme: redirectTo('ftp://127.0.0.1:8080/x'),
  RedirectContainsCredentials: redirectTo('http://u:p@127.0.0.1:8080/x'),
  NoCorsRedirectModeNotFollow: exchangeOf({ mode: 'no-cors', redirectMode: 'manual', hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_FAILED' }),
  InsecureLocalNetwork: exchangeOf({ origin: 'http://app.example.com:8080', headers: [['Referer', 'http://app.example.com:8080/']], hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_FAILED' }),
  LocalNetworkAccessPermissionDenied: exchangeOf({ origin: 'https://app.example.com', headers: [['Referer', 'https://app.example.com/']], hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_FAILED' }),
  InvalidLocalNetworkAccess: mismatchedTargetAddressSpace(),
};

/** A public page's fetch() that named another targetAddressSpace than its loopback server's. */
function mismatchedTargetAddressSpace(): ObservedExchange {
  const exchange = exchangeOf({ origin: 'https://app.example.com', headers: [['Referer', 'https://app.example.com/']], hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_FAILED' });
  return { ...exchange, request: { ...exchange.request, targetAddressSpaceMismatch: true } };
}

/** Every (code, reason) the table says the engine gives: `code:reason`, or the code alone. */
export function engineCaseKeys(): CaseKey[] {
  return (Object.keys(ENGINE_CASES) as CaseKey[]).sort();
}

/**
 * The engine's Diagnosis of the case for `error` (and `reason`, when its rule has several; the
 * first listed otherwise). Throws for a case the table lacks, so a test cannot quietly hand-build it.
 */
export function engineCase(error: CorsError, reason?: FailureReason): Diagnosed {
  const reasons = corsErrorFacts(error).reasons;
  const key: CaseKey = reasons.length === 0 ? error : `${error}:${reason ?? reasons[0]!}`;
  const exchange = ENGINE_CASES[key];
  if (exchange === undefined) throw new Error(`no engine case for ${key}`);
  return diagnosed(exchange);
}

/**
 * A blocked Diagnosis for a code the engine never gives (`decidedByEngine: false`): Chromium alone
 * reports it, so only its own words can be tested. Throws for any other code: use `engineCase`.
 * `exchange`: what that Chromium captured (a PUT with no preflight unless given).
 */
export function reportedByChromium(error: CorsError, failedParameter = '', exchange: ObservedExchange = exchangeOf({ method: 'PUT' })): Diagnosed {
  const facts = corsErrorFacts(error);
  if (facts.decidedByEngine) throw new Error(`${error} is decided by the engine: build it with engineCase()`);
  const diagnosis = diagnose(exchange);
  return {
    exchange,
    diagnosis: {
      ...diagnosis,
      verdict: 'blocked',
      corsError: error,
      failedParameter,
      failedAt: { hop: 0, phase: error.startsWith('Preflight') ? 'preflight' : 'response' },
    },
  };
}

/** The engine's case for any code, or Chromium's report of it when the engine never gives it. */
export function caseFor(error: CorsError): Diagnosed {
  return corsErrorFacts(error).decidedByEngine ? engineCase(error) : reportedByChromium(error, 'x');
}

/**
 * A Diagnosis that is not blocked, with `over`'s fields: for the parts that read one field
 * (assumptions, merging needs). A blocked one must come from the engine (`engineCase`).
 */
export function diagnosisOf(over: Partial<Diagnosis> = {}): Diagnosis {
  if (over.verdict === 'blocked' || over.corsError) throw new Error('a blocked Diagnosis comes from the engine: use engineCase() or diagnosed()');
  return {
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    failureReason: null,
    failedAt: null,
    requestOrigins: [PAGE],
    credentialsMode: 'same-origin',
    mode: 'cors',
    checks: [],
    preflight: { hop: 0, required: false, reasons: [], observed: 'not-needed' },
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
