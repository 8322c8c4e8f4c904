// The browser's error text redacted in every export and masked in explain, the engine reading it alike.

import { describe, expect, it } from 'vitest';
import { browserRules, classifyNetworkError, diagnose, explain, FIREFOX_NO_RESPONSE, FIREFOX_NOT_SENT, type ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import { withUrlSecretsMasked } from './masked-url-secrets.ts';
import { maskedErrorText, redactErrorText } from './redact-error-text.ts';
import { redactExchange } from './redact-exchange.ts';
import type { Redaction } from './redaction.ts';

// What a hostile HAR wrote in `response._error` (session 34's review, h13.har), and what each export writes.
const PLANTED: [string, string][] = [
  ['net::ERR_FAILED https://api.example/?token=errTokLow1', 'net::ERR_FAILED https://api.example/?token=REDACTED-QUERY-SECRET'],
  ['net::ERR_FAILED https://admin:errUserPw1@api.example/', 'net::ERR_FAILED https://REDACTED-AUTHORIZATION@api.example/'],
  ['net::ERR_FAILED eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFUlJKV1QifQ.ZXJySldUc2lnbmF0dXJlMTIzNDU2', 'net::ERR_FAILED REDACTED-JWT'],
  ['net::ERR_FAILED ghp_ERRGHPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', 'net::ERR_FAILED REDACTED-TOKEN'],
  ['net::ERR_FAILED sk_live_ERRSTRIPE0123456789abcdef', 'net::ERR_FAILED REDACTED-API-KEY'],
  ['NS_ERROR_FAILURE password=errPassLow1', 'NS_ERROR_FAILURE password=REDACTED-PASSWORD'],
  ['net::ERR_FAILED Authorization: Bearer errBearerLow1', 'net::ERR_FAILED Authorization: Bearer REDACTED-AUTHORIZATION'],
  ['net::ERR_CERT_AUTHORITY_INVALID https://api.example/?token=errTokLow1', 'net::ERR_CERT_AUTHORITY_INVALID https://api.example/?token=REDACTED-QUERY-SECRET'],
];
const SECRETS = /errTokLow1|errUserPw1|RUpXVHN|ERRGHP|ERRSTRIPE|errPassLow1|errBearerLow1|ErrPw1|ErrTok1/;

// Every text the engine compares whole or classifies (`network-failure.ts`, `browser-rules.ts`,
// `firefox/error-texts.ts`), and codes with digits, which the fast path leaves to the scan.
const CODES = [
  ...['FAILED', 'CONNECTION_REFUSED', 'ADDRESS_UNREACHABLE', 'CONNECTION_FAILED', 'NAME_NOT_RESOLVED', 'NAME_RESOLUTION_FAILED', 'DNS_TIMED_OUT', 'TIMED_OUT', 'CONNECTION_TIMED_OUT', 'CONNECTION_RESET', 'CONNECTION_CLOSED', 'EMPTY_RESPONSE', 'CONNECTION_ABORTED', 'ABORTED', 'BLOCKED_BY_CLIENT', 'CERT_AUTHORITY_INVALID', 'CERT_COMMON_NAME_INVALID', 'SSL_PROTOCOL_ERROR', 'BAD_SSL_CLIENT_AUTH_CERT', 'HTTP2_PROTOCOL_ERROR', 'QUIC_PROTOCOL_ERROR', 'HTTP_1_1_REQUIRED', 'SSL_VERSION_OR_CIPHER_MISMATCH', 'BLOCKED_BY_ORB', 'INSECURE_RESPONSE'].map((code) => `net::ERR_${code}`),
  ...(['chromium', 'firefox'] as const).flatMap((browser) => {
    const rules = browserRules(browser);
    return [rules.corsFailureErrorText, rules.tooManyRedirectsErrorText, rules.localNetworkAccess?.preflightErrorText ?? 'NS_ERROR_UNKNOWN_HOST'];
  }),
  FIREFOX_NO_RESPONSE,
  FIREFOX_NOT_SENT,
];

describe('redactErrorText', () => {
  it.each(CODES)('%s stays as it is', (code) => {
    const found: Redaction[] = [];
    expect(redactErrorText(code, found)).toBe(code);
    expect(found).toEqual([]);
    expect(maskedErrorText(code)).toBe(code);
  });

  it.each(PLANTED)('%s: its secret goes, its code stays and is classified alike', (text, redacted) => {
    const found: Redaction[] = [];
    expect(redactErrorText(text, found)).toBe(redacted);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.where.startsWith('error-text'))).toBe(true);
    expect(classifyNetworkError(redacted)).toBe(classifyNetworkError(text));
    expect(maskedErrorText(text)).toBe(redacted);
  });
});

const PAGE = 'https://app.example';
const TEXT = 'net::ERR_FAILED https://admin:ErrPw1@api.example/?token=ErrTok1 ghp_ERRGHPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
const SHOWN = 'net::ERR_FAILED https://REDACTED-AUTHORIZATION@api.example/?token=REDACTED-QUERY-SECRET REDACTED-TOKEN';

/** A GET that got no response, `text` its error (error-text-leak.har). */
const failed = (text: string): ObservedExchange => ({
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [{ url: 'https://api.example/a', response: null }],
  errorText: text,
});

/** A PUT whose preflight got no response, `text` its error. */
const preflightFailed = (text: string): ObservedExchange => ({
  request: { method: 'PUT', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [{ url: 'https://api.example/a', preflight: { url: 'https://api.example/a', requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT']], response: null, networkError: text }, response: null }],
  errorText: 'net::ERR_FAILED',
});

describe('the error text in every export', () => {
  it.each([
    ['the request', failed],
    ['the preflight', preflightFailed],
  ])('%s: redacted in the exchange, and the engine reaches the same verdict on it', (_about, make) => {
    const exchange = make(TEXT);
    const found: Redaction[] = [];
    const redacted = redactExchange(exchange, found);
    expect(JSON.stringify(redacted)).not.toMatch(SECRETS);
    expect(JSON.stringify(redacted)).toContain(SHOWN);
    expect(found.map((r) => r.where)).toContain(make === failed ? 'error-text:query:token' : 'preflight-error-text:query:token');
    const [before, after] = [diagnose(exchange), diagnose(redacted)];
    expect([after.verdict, after.corsError, after.networkFailure?.kind, after.failedAt]).toEqual([before.verdict, before.corsError, before.networkFailure?.kind, before.failedAt]);
    // What words it (the report, the explanation) has no secret either.
    expect(JSON.stringify(explain(after, redacted))).not.toMatch(SECRETS);
  });

  it.each([
    ['the request', failed],
    ['the preflight', preflightFailed],
  ])('%s: the bundle (and so diagnosis.html), the Markdown report and the sanitized HAR hold none of it', (_about, make) => {
    const exchange = make(TEXT);
    const bundle = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0' }));
    expect(bundle).not.toMatch(SECRETS);
    expect(bundle).toContain(SHOWN);
    for (const full of [false, true]) expect(markdownReport([{ exchange }], { full })).not.toMatch(SECRETS);
    expect(serializeHar(harFromExchanges([exchange]))).not.toMatch(SECRETS);
  });

  it('explain: masked as the exports write it; a code alone leaves the exchange as it is', () => {
    expect(withUrlSecretsMasked(failed(TEXT)).errorText).toBe(SHOWN);
    expect(withUrlSecretsMasked(preflightFailed(TEXT)).hops[0]!.preflight!.networkError).toBe(SHOWN);
    const plain = failed('net::ERR_CONNECTION_REFUSED');
    expect(withUrlSecretsMasked(plain)).toBe(plain);
  });
});
