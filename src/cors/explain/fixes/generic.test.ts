import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, type CorsError } from '../../cors-error.ts';
import { isPolicyError } from './context.ts';
import { avoidRedirectFix, genericFix, opaquePageFix, pageFix } from './generic.ts';
import { contextFor } from './test-context.ts';
import { buildFixes, firstFix } from './index.ts';
import { diagnose } from '../../diagnose.ts';
import type { CredentialsMode, ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';

describe('genericFix', () => {
  it('lays out serverMustSend per response', () => {
    const fix = genericFix(contextFor({ credentials: true }));
    expect(fix?.snippet).toBe([
      '# On the OPTIONS preflight response:',
      'Access-Control-Allow-Origin: http://127.0.0.1:5173',
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: GET, HEAD, POST, PUT',
      'Access-Control-Allow-Headers: content-type, x-trace',
      '',
      '# On the actual response:',
      'Access-Control-Allow-Origin: http://127.0.0.1:5173',
      'Access-Control-Allow-Credentials: true',
      'Vary: Origin',
    ].join('\n'));
  });
  // Hops as the panel words them: nothing before the first redirect, "after redirect N" from it on.
  it('words a hop after a redirect as the panel does, never "hop N"', () => {
    const base = contextFor();
    const fix = genericFix({
      ...base,
      mustSend: [
        { on: 'redirect', hop: 0, header: 'Access-Control-Allow-Origin', value: 'http://127.0.0.1:5173' },
        { on: 'preflight', hop: 1, header: 'Access-Control-Allow-Origin', value: '*' },
        { on: 'response', hop: 1, header: 'Access-Control-Allow-Origin', value: '*' },
      ],
    });
    expect(fix?.snippet.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# On the redirect response:',
      '# On the OPTIONS preflight response after redirect 1:',
      '# On the actual response after redirect 1:',
    ]);
  });
  it('shows a status line for a non-2xx preflight', () => {
    expect(genericFix(contextFor({ error: 'PreflightInvalidStatus', preflightStatus: 404 }))?.snippet).toContain('HTTP/1.1 204');
  });
});

describe('pageFix', () => {
  it.each(CORS_ERRORS.filter((e) => !isPolicyError(e)).map((e) => [e]))('%s has a page-side or header fix', (e) => {
    const page = pageFix(e, 'http://127.0.0.1:8080/x');
    const generic = genericFix(contextFor({ error: e }));
    expect(page !== null || generic !== null).toBe(true);
  });
  it('quotes the URL as a JS string', () => {
    expect(pageFix('DisallowedByMode', "http://a.example/x'y")?.snippet).toBe("fetch('http://a.example/x\\'y', { mode: 'cors' });");
  });
  // The panel names a `generic` fix's tab "HTTP headers": a fix in the page's code (or anywhere but
  // the headers) that said so would read as a second headers tab beside the real one.
  it.each(CORS_ERRORS.filter((e) => !isPolicyError(e)).map((e) => [e]))('%s: a page-side fix has a tab name of its own', (e) => {
    const page = pageFix(e, 'http://127.0.0.1:8080/x');
    if (page?.target === 'generic') expect(page.tab).toBeTruthy();
  });
});

describe('page fixes after a redirect or from an opaque origin', () => {
  it('have a tab name of their own, not the headers\' one', () => {
    expect(avoidRedirectFix('http://localhost:9/b').tab).toBe('In the page');
    expect(opaquePageFix().tab).toBe('In the page');
  });
});

// A credentialed call stays credentialed in the page-side fix: without credentials: 'include' the
// "fixed" call would send no cookies, which is another request (review s9).
describe("page fixes keep the page's credentials mode", () => {
  const credentialed = (error: CorsError) => ({ ...contextFor({ error }), pageCredentials: 'include' as const });
  it.each(['DisallowedByMode', 'NoCorsRedirectModeNotFollow', 'LocalNetworkAccessPermissionDenied', 'InsecureLocalNetwork', 'InvalidLocalNetworkAccess', 'InvalidResponse'] as const)('%s', (error) => {
    const ctx = credentialed(error);
    const [first] = buildFixes([], ctx, 'http://192.168.1.20/x');
    expect(first?.snippet).toContain("credentials: 'include'");
    expect(firstFix([], ctx, 'http://192.168.1.20/x')?.snippet).toBe(first?.snippet);
    // Without credentials nothing is added.
    expect(buildFixes([], contextFor({ error }), 'http://192.168.1.20/x')[0]?.snippet).not.toContain('credentials');
  });
  it("keeps mode 'cors' beside it", () => {
    expect(pageFix('DisallowedByMode', 'http://a.example/x', 'include')?.snippet).toBe("fetch('http://a.example/x', { mode: 'cors', credentials: 'include' });");
  });
  it('after a tainting redirect with credentials, the direct call keeps them', () => {
    expect(avoidRedirectFix('http://localhost:9/b', 'include').snippet).toContain("fetch('http://localhost:9/b', { credentials: 'include' });");
  });
  // A page that left credentials out on purpose: the changed call leaves them out too.
  it.each(['DisallowedByMode', 'NoCorsRedirectModeNotFollow', 'LocalNetworkAccessPermissionDenied', 'InsecureLocalNetwork', 'InvalidLocalNetworkAccess', 'InvalidResponse'] as const)("%s keeps credentials: 'omit'", (error) => {
    const ctx = { ...contextFor({ error }), pageCredentials: 'omit' as const };
    const [first] = buildFixes([], ctx, 'http://192.168.1.20/x');
    expect(first?.snippet).toContain("credentials: 'omit'");
    expect(firstFix([], ctx, 'http://192.168.1.20/x')?.snippet).toBe(first?.snippet);
  });
  it("keeps credentials: 'omit' after a tainting redirect, in the direct call", () => {
    expect(avoidRedirectFix('http://localhost:9/b', 'omit').snippet).toContain("fetch('http://localhost:9/b', { credentials: 'omit' });");
    expect(pageFix('DisallowedByMode', 'http://a.example/x', 'omit')?.snippet).toBe("fetch('http://a.example/x', { mode: 'cors', credentials: 'omit' });");
  });
  // The server's own Allow-Credentials is kept in its headers (policy.credentials), not put into the page's call.
  it("adds no credentials: 'include' for the server's own Allow-Credentials", () => {
    const ctx = contextFor({ error: 'InvalidResponse' });
    const kept = { ...ctx, policy: { ...ctx.policy, credentials: true } };
    expect(buildFixes([], kept, 'http://192.168.1.20/x')[0]?.snippet).not.toContain('credentials');
  });
});

describe("explain's page-side fix keeps the credentials mode the page's request had", () => {
  const sameOriginMode = (credentialsMode: CredentialsMode): ObservedExchange => ({
    request: { method: 'GET', headers: [], initiatorOrigin: 'https://app.example', mode: 'same-origin', credentialsMode },
    hops: [{ url: 'https://api.example/x', response: null }],
    errorText: 'net::ERR_FAILED',
  });
  it.each([
    ['omit', "fetch('https://api.example/x', { mode: 'cors', credentials: 'omit' });"],
    ['include', "fetch('https://api.example/x', { mode: 'cors', credentials: 'include' });"],
    ['same-origin', "fetch('https://api.example/x', { mode: 'cors' });"],
  ] as const)('%s', (mode, snippet) => {
    const exchange = sameOriginMode(mode);
    const diagnosis = diagnose(exchange);
    expect(diagnosis.corsError).toBe('DisallowedByMode');
    expect(explain(diagnosis, exchange).fixes[0]?.snippet).toBe(snippet);
    expect(explain(diagnosis, exchange, { fixes: 'first' }).fixes[0]?.snippet).toBe(snippet);
  });
});
