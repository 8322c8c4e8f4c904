// The engine at scale: one exchange with 100,000 header lines, or 64 hops. Every rule is linear (or
// n log n) in the headers, hops and values of one exchange, so each case takes a second or two; a
// quadratic rule (an `includes` per header, an insertion sort) takes minutes here and fails the test
// by its timeout, set at 30 s so that a loaded 2-core machine does not fail a linear rule. No timing
// is asserted; the outcomes are.

import { describe, expect, it, vi } from 'vitest';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import type { HeaderLine, HeaderList, ObservedExchange, ObservedHop } from './exchange.ts';
import { explain } from './explain/explain.ts';

vi.setConfig({ testTimeout: 30_000 });

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const LINES = 100_000;

/** `x-<prefix>-000000` … in ascending order, or descending (the order an insertion sort hates). */
function names(prefix: string, count: number, order: 'ascending' | 'descending' = 'ascending'): string[] {
  return Array.from({ length: count }, (_, i) => `x-${prefix}-${String(order === 'ascending' ? i : count - 1 - i).padStart(6, '0')}`);
}
const lines = (list: readonly string[], value = 'v'): HeaderLine[] => list.map((name) => [name, value]);

function corsRequest(method: string, headers: HeaderList, hops: ObservedHop[], errorText?: string): ObservedExchange {
  const exchange: ObservedExchange = {
    request: { method, headers: [['Origin', PAGE], ...headers], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'omit' },
    hops,
  };
  if (errorText !== undefined) exchange.errorText = errorText;
  return exchange;
}

describe('100,000 response headers', () => {
  const responseNames = names('resp', LINES);
  // Every other name exposed: the expose-headers check looks each line up in a 50,000-name list.
  const exposed = responseNames.filter((_, i) => i % 2 === 0);
  const exchange = corsRequest('GET', [], [
    {
      url: API + '/big',
      response: {
        status: 200,
        headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Expose-Headers', exposed.join(', ')], ...lines(responseNames), ...lines(responseNames)],
      },
    },
  ]);

  it('diagnose: allowed, each name once in readable or hidden, exposed ones readable', () => {
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('allowed');
    const readable = diagnosis.exposure!.readable;
    const hidden = diagnosis.exposure!.hidden;
    // The names, plus Access-Control-Allow-Origin and -Expose-Headers (hidden), each once.
    expect(readable.length + hidden.length).toBe(LINES + 2);
    expect(new Set([...readable, ...hidden]).size).toBe(LINES + 2);
    expect(readable).toEqual(exposed);
    expect(hidden).toContain('x-resp-000001');
    expect(hidden).toContain('x-resp-099999');
  });

  it('diagnoseVerdict agrees', () => {
    expect(diagnoseVerdict(exchange)).toEqual({ verdict: 'allowed', corsError: null, failedParameter: null, failureReason: null, preflightSent: false, failedHop: null, preflightUnanswered: false });
  });

  it('explain names the hidden headers', () => {
    const explanation = explain(diagnose(exchange), exchange);
    expect(explanation.headline).toBe('Allowed');
    expect(explanation.explanation).toContain('x-resp-099999');
  });
});

describe('100,000 request headers', () => {
  // Descending order, and the preflight's list in ascending order: neither the sort of the unsafe
  // names nor the lookup of each in Access-Control-Allow-Headers may be quadratic.
  const requestNames = names('req', LINES, 'descending');
  const allowed = names('req', LINES);
  const preflightTo = (allowHeaders: readonly string[]): ObservedHop['preflight'] => ({
    url: API + '/big',
    requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', allowed.join(',')]],
    response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', allowHeaders.join(', ')]] },
  });

  it('every name allowed: allowed, and the preflight reasons list each line', () => {
    const exchange = corsRequest('PUT', lines(requestNames), [
      { url: API + '/big', preflight: preflightTo(allowed), response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
    ]);
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('allowed');
    expect(diagnosis.preflight.reasons).toHaveLength(LINES + 1);
    expect(diagnoseVerdict(exchange).verdict).toBe('allowed');
    const check = diagnosis.checks.find((c) => c.name === 'preflight-headers')!;
    expect(check.outcome).toBe('passed');
    expect(check.expected!.startsWith('x-req-000000, x-req-000001, ')).toBe(true);
  });

  it('one name missing from the preflight answer: blocked on that name, and explain says so', () => {
    const missing = 'x-req-054321';
    const exchange = corsRequest(
      'PUT',
      lines(requestNames),
      [{ url: API + '/big', preflight: preflightTo(allowed.filter((name) => name !== missing)), response: null }],
      'net::ERR_FAILED',
    );
    const diagnosis = diagnose(exchange);
    expect([diagnosis.verdict, diagnosis.corsError, diagnosis.failedParameter]).toEqual(['blocked', 'HeaderDisallowedByPreflightResponse', missing]);
    expect(diagnoseVerdict(exchange)).toEqual({ verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: missing, failureReason: 'not-listed', preflightSent: true, failedHop: 0, preflightUnanswered: false });
    const explanation = explain(diagnosis, exchange);
    expect(explanation.headline).toBe(`${missing} not in Access-Control-Allow-Headers`);
    // The fix lists every name the request needs, each once.
    const generic = explanation.fixes.find((fix) => fix.target === 'generic')!;
    expect(generic.snippet).toContain(`${missing}, `);
  });

  it('100,000 Cache-Control lines the browser added (cache: "no-store") need no preflight', () => {
    // Spellings vary, so a per-spelling lookup from the top of the list would be quadratic.
    const spellings = ['Cache-Control', 'cache-control', 'CACHE-CONTROL', 'Cache-control'];
    const added = Array.from({ length: LINES }, (_, i): HeaderLine => [spellings[i % spellings.length]!, 'no-cache']);
    const exchange = corsRequest('GET', added, [{ url: API + '/big', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }]);
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('allowed');
    expect(diagnosis.preflight.required).toBe(false);
    expect(explain(diagnosis, exchange).headline).toBe('Allowed');
  });

  it('100,000 safelisted lines over the 1,024-byte budget all need the preflight', () => {
    const exchange = corsRequest('GET', Array.from({ length: LINES }, (): HeaderLine => ['Accept', 'text/plain']), [{ url: API + '/big', response: null }], 'net::ERR_FAILED');
    const diagnosis = diagnose(exchange);
    expect(diagnosis.preflight.required).toBe(true);
    expect(diagnosis.preflight.reasons).toHaveLength(LINES);
    expect(diagnosis.preflight.reasons.every((r) => r.kind === 'header' && r.name === 'accept' && r.why === 'total-too-long')).toBe(true);
    // No preflight and no response were seen: the capture cannot tell.
    expect(diagnosis.verdict).toBe('uncertain');
    expect(diagnosis.preflight.observed).toBe('missing');
    expect(explain(diagnosis, exchange).headline).toBe('Cannot tell from what was captured');
  });
});

describe('64 hops of 100,000 headers each', () => {
  const responseLines = lines(names('resp', LINES));
  const requestLines = lines(names('req', LINES, 'descending'));
  const hops: ObservedHop[] = Array.from({ length: 64 }, (_, i) => ({
    url: `${API}/${i}`,
    response: { status: 307, headers: [['Access-Control-Allow-Origin', '*'], ['Location', `${API}/${i + 1}`], ...responseLines] },
  }));

  it('follows 20 redirects and refuses the 21st: a network error, not a CORS error', () => {
    const exchange = corsRequest('GET', requestLines, hops.map((hop) => ({ ...hop, preflightFromCache: true })), 'net::ERR_TOO_MANY_REDIRECTS');
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('network-error');
    expect(diagnosis.networkFailure).toMatchObject({ errorText: 'net::ERR_TOO_MANY_REDIRECTS', hop: 20 });
    // Each response was checked, the 21st redirect's too: the CORS check passed on hops 0-20.
    expect(diagnosis.checks.filter((c) => c.name === 'allow-origin' && c.outcome === 'passed').map((c) => c.hop)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(diagnoseVerdict(exchange).verdict).toBe('network-error');
    expect(explain(diagnosis, exchange).explanation).toContain('net::ERR_TOO_MANY_REDIRECTS');
  });

  it('a 303 on every hop drops the body headers once, and the last hop\'s missing header blocks', () => {
    const see: ObservedHop[] = hops.slice(0, 20).map((hop) => ({ ...hop, response: { ...hop.response!, status: 303 } }));
    see[19] = { url: `${API}/19`, response: { status: 200, headers: responseLines } };
    const exchange = corsRequest('POST', [['Content-Type', 'application/json'], ...requestLines], see, 'net::ERR_FAILED');
    const diagnosis = diagnose(exchange);
    expect([diagnosis.verdict, diagnosis.corsError, diagnosis.failedAt]).toEqual(['blocked', 'MissingAllowOriginHeader', { hop: 19, phase: 'response' }]);
    expect(diagnoseVerdict(exchange).corsError).toBe('MissingAllowOriginHeader');
    expect(explain(diagnosis, exchange).headline).toBe('No Access-Control-Allow-Origin');
  });
});
