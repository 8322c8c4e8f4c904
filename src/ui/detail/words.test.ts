import { describe, expect, it } from 'vitest';
import { diagnose, explain, shouldSendWords, type ObservedExchange } from '../../cors/index.ts';
import { SAMPLE_EXCHANGES } from '../plain/samples.ts';
import { foldedChecksCount, headerDisplayName, mustSendGroups, neededOf, onWords, whatFailed } from './words.ts';

const diagnosisOf = (id: string) => diagnose(SAMPLE_EXCHANGES.find((c) => c.id === id)!.exchange);

describe('words for engine codes', () => {
  it('hops are "after redirect N"; the first request has no suffix', () => {
    expect(onWords('preflight', 0)).toBe('Preflight response (OPTIONS)');
    expect(onWords('response', 1)).toBe('Response after redirect 1');
    expect(onWords('redirect', 2)).toBe('Redirect response after redirect 2');
  });

  it('header names as servers write them', () => {
    expect(headerDisplayName('access-control-allow-headers')).toBe('Access-Control-Allow-Headers');
    expect(headerDisplayName('vary')).toBe('Vary');
  });

  it('what the server must send, grouped by response, lines as on the wire', () => {
    const groups = mustSendGroups([
      { on: 'preflight', hop: 0, header: 'Status', value: '204', kind: 'status' },
      { on: 'preflight', hop: 0, header: 'Access-Control-Allow-Headers', value: 'x-trace' },
      { on: 'response', hop: 1, header: 'Vary', value: 'Origin' },
    ]);
    expect(groups).toEqual([
      { title: 'Preflight response (OPTIONS)', lines: ['HTTP status 204', 'Access-Control-Allow-Headers: x-trace'] },
      { title: 'Response after redirect 1', lines: ['Vary: Origin'] },
    ]);
  });
});

// FixFirst's two lists for an older Chromium's Private Network Access code: "The server must send"
// (mustSendGroups of serverMustSend) holds what Chromium 156 checks; the header the code asked for,
// which Chromium 156 ignores, is under "Also advised" (serverShouldSend) with why.
describe('the panel\'s lists for a Private Network Access preflight code (an older Chromium)', () => {
  const page = 'https://app.example';
  const url = 'http://192.168.1.20/api/items';
  const older: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page, credentialsMode: 'same-origin' },
    hops: [{
      url,
      preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Private-Network', 'true']], response: { status: 204, headers: [['Access-Control-Allow-Origin', page]] } },
      response: null,
    }],
    errorText: 'net::ERR_FAILED',
  };
  const reported = { ...diagnose(older), verdict: 'blocked' as const, corsError: 'PreflightMissingAllowPrivateNetwork' as const, failedParameter: '', failedAt: { hop: 0, phase: 'preflight' as const } };
  const explanation = explain(reported, older);

  it('must: the response\'s Access-Control-Allow-Origin only; advised: the old header, and why', () => {
    expect(mustSendGroups(explanation.serverMustSend)).toEqual([{ title: 'Response', lines: [`Access-Control-Allow-Origin: ${page}`] }]);
    const advised = explanation.serverShouldSend ?? [];
    expect(mustSendGroups(advised)).toEqual([
      { title: 'Response', lines: ['Vary: Origin'] },
      { title: 'Preflight response (OPTIONS)', lines: ['Access-Control-Allow-Private-Network: true'] },
    ]);
    expect(new Set(advised.map((a) => shouldSendWords(a.advice)))).toContain(shouldSendWords('private-network-access'));
  });
});

describe('whatFailed', () => {
  it('the preflight header that failed: what was sent and what was needed', () => {
    const d = diagnosisOf('1007');
    const failed = d.checks.find((c) => c.outcome === 'failed')!;
    expect(whatFailed(d)).toEqual({ where: 'Preflight response (OPTIONS)', header: 'Access-Control-Allow-Headers', found: failed.found, needed: failed.expected });
  });

  it('an absent header is found null', () => {
    expect(whatFailed(diagnosisOf('1002'))).toMatchObject({ header: 'Access-Control-Allow-Origin', found: null });
  });

  it('the failure after a redirect is worded so', () => {
    expect(whatFailed(diagnosisOf('1010'))?.where).toBe('Response after redirect 1');
  });

  it('a Local Network Access refusal: the server\'s address space, and what would have let it through', () => {
    const page = 'http://app.example.com';
    const refused = { request: { method: 'GET', headers: [], initiatorOrigin: page }, hops: [{ url: 'http://127.0.0.1:3000/x', response: null }], errorText: 'net::ERR_FAILED' };
    expect(whatFailed(diagnose(refused))).toEqual({
      where: 'Request',
      header: null,
      found: 'server on loopback address space',
      needed: "public like the page, or the user's permission on an https page",
    });
    // A mismatched targetAddressSpace: the page's space is not what was needed.
    expect(whatFailed(diagnose({ ...refused, request: { ...refused.request, targetAddressSpaceMismatch: true } }))?.needed).toBeUndefined();
  });

  it.each([
    ['omit', '* (the browser sent Origin: null after the cross-origin redirect; never allow null)'],
    ['include', 'a request without the cross-origin redirect (the browser sent Origin: null, and only null would match)'],
  ] as const)('Origin null after a cross-origin redirect (credentials %s): never "needed null"', (credentialsMode, needed) => {
    const page = 'http://app.example.com';
    const allow: [string, string][] = [['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Credentials', 'true']];
    const tainted = {
      request: { method: 'GET', headers: [['Origin', page]] as [string, string][], initiatorOrigin: page, credentialsMode },
      hops: [
        { url: 'http://api.example.com/a', response: { status: 302, headers: [...allow, ['Location', 'http://cdn.example.com/b']] as [string, string][] } },
        { url: 'http://cdn.example.com/b', response: { status: 200, headers: allow } },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const d = diagnose(tainted);
    expect(whatFailed(d)).toEqual({ where: 'Response after redirect 1', header: 'Access-Control-Allow-Origin', found: page, needed });
    // The header line under "Server answered" marks the check with the same words.
    const failed = d.checks.find((c) => c.outcome === 'failed')!;
    expect(failed.expected).toBe('null');
    expect(neededOf(d, failed)).toBe(needed);
  });

  // A redirect answered without Access-Control-Allow-Origin: the browser checks it before following
  // (https://fetch.spec.whatwg.org/#http-redirect-fetch). The line says so, as the lines to send
  // under it do ("Redirect response"); "Response" alone reads as the final response.
  it('a redirect that failed is named a redirect, as where the header must go is', () => {
    const page = 'http://app.example.com';
    const redirect: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page },
      hops: [{ url: 'http://api.example.com/a', response: { status: 302, headers: [['Location', 'http://api.example.com/b']] } }],
      errorText: 'net::ERR_FAILED',
    };
    const d = diagnose(redirect);
    expect(whatFailed(d, redirect)).toMatchObject({ where: 'Redirect response', header: 'Access-Control-Allow-Origin', found: null });
    expect(mustSendGroups(explain(d, redirect).serverMustSend).map((g) => g.title)).toEqual(['Redirect response']);
    // The final response stays "Response".
    const final = diagnosisOf('1002');
    expect(whatFailed(final, SAMPLE_EXCHANGES.find((c) => c.id === '1002')!.exchange)?.where).toBe('Response');
  });

  // A 304 (or 300) is no redirect (https://fetch.spec.whatwg.org/#redirect-status), Location or
  // not; nor is a 301 without Location, which the browser cannot follow: each is the final response.
  it.each([[304, true], [300, true], [301, false]] as const)('a %i (Location: %s) that failed is the response, not a redirect', (status, withLocation) => {
    const page = 'http://app.example.com';
    const x: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page },
      hops: [{ url: 'http://api.example.com/a', response: { status, headers: withLocation ? [['Location', 'http://api.example.com/b']] : [] } }],
      errorText: 'net::ERR_FAILED',
    };
    const d = diagnose(x);
    expect(whatFailed(d, x)).toMatchObject({ where: 'Response', header: 'Access-Control-Allow-Origin' });
    expect(mustSendGroups(explain(d, x).serverMustSend).map((g) => g.title)).toEqual(['Response']);
  });

  it('nothing failed: null', () => {
    expect(whatFailed(diagnosisOf('1001'))).toBeNull();
  });
});

describe('foldedChecksCount', () => {
  it('counts passed and not-needed checks, singular and plural', () => {
    const checks = diagnosisOf('1007').checks;
    const passed = checks.filter((c) => c.outcome === 'passed').length;
    expect(passed).toBeGreaterThan(1);
    expect(foldedChecksCount(checks.filter((c) => c.outcome !== 'failed'))).toBe(`${passed} checks passed, 1 not needed`);
    expect(foldedChecksCount(checks.filter((c) => c.outcome === 'passed').slice(0, 1))).toBe('1 check passed');
    expect(foldedChecksCount([])).toBe('');
  });
});
