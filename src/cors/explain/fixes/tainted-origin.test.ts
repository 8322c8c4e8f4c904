// After a redirect to another origin the browser sends `Origin: null` at the next hop
// (https://fetch.spec.whatwg.org/#http-redirect-fetch, the tainted origin flag). Every fix must then
// agree with "the server must send" (`*` without credentials), never allow `null`, and offer the
// page's way out (call the final URL). Before this, the stack snippets named the page's origin,
// exactly what the server already sent and what fails.

import { describe, expect, it } from 'vitest';
import type { CredentialsMode, ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { explainFacts } from '../facts.ts';
import { API, PAGE, diagnosed, exchangeOf } from '../test-diagnosis.ts';
import { ALL_STACKS } from './index.ts';

const FINAL = 'http://localhost:9/b';

/** GET API/a → 302 to another origin, whose answer allows the page's origin (what fails). */
function taintedExchange(credentials: CredentialsMode): ObservedExchange {
  const allow: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']];
  return exchangeOf({
    credentialsMode: credentials,
    hops: [{ url: `${API}/a`, response: { status: 302, headers: [...allow, ['Location', FINAL]] } }, { url: FINAL, response: { status: 200, headers: allow } }],
    errorText: 'net::ERR_FAILED',
  });
}

describe('fixes after a tainting redirect, without credentials', () => {
  const x = taintedExchange('same-origin');
  const { diagnosis } = diagnosed(x);
  const explanation = explain(diagnosis, x, { stacks: ALL_STACKS });

  it('is the case: AllowOriginMismatch at hop 1, Origin null, and the server must send *', () => {
    expect([diagnosis.corsError, diagnosis.failedAt?.hop, diagnosis.requestOrigins[1]]).toEqual(['AllowOriginMismatch', 1, 'null']);
    expect(explanation.serverMustSend.map((m) => `${m.header}: ${m.value}`)).toEqual(['Access-Control-Allow-Origin: *']);
  });

  const stackFixes = explanation.fixes.filter((f) => (ALL_STACKS as string[]).includes(f.target));
  it('writes a fix for every stack', () => expect(new Set(stackFixes.map((f) => f.target))).toEqual(new Set(ALL_STACKS)));

  it.each(stackFixes.map((f) => [f.title, f.snippet] as const))('%s allows any origin, not the page origin nor null', (_title, snippet) => {
    expect(snippet).not.toContain(PAGE);
    expect(snippet).not.toMatch(/['"]null['"]|\bnull\b(?!,)/);
    expect(snippet).toMatch(/\*|CORS_ALLOW_ALL_ORIGINS = True|\.AllowAnyOrigin\(\)/);
  });

  // Each library's own way to allow any origin, not its allow-list given the string "*": ASP.NET
  // Core documents AllowAnyOrigin(), not WithOrigins("*"), and Flask-CORS without
  // send_wildcard echoes the request's Origin, so it would answer `Access-Control-Allow-Origin: null`.
  // A fixed `*` does not vary by Origin: no `Vary: Origin` where the snippet writes the headers.
  it.each<[string, string[]]>([
    ['express', ["origin: '*',"]],
    ['fastify', ["origin: '*',"]],
    ['koa', ["origin: '*',"]],
    ['hono', ["origin: '*',"]],
    ['nestjs', ["origin: '*',"]],
    ['django', ['CORS_ALLOW_ALL_ORIGINS = True']],
    ['flask', ['CORS(app, origins="*", send_wildcard=True)']],
    ['spring', ['.allowedOrigins("*")']],
    ['aspnet', ['.AllowAnyOrigin()']],
    ['rails', ["origins '*'"]],
    ['laravel', ["'allowed_origins' => ['*'],"]],
    ['go-rs-cors', ['AllowedOrigins: []string{"*"},']],
    ['go-jub0bs-cors', ['Origins: []string{"*"},']],
    ['nginx', ['add_header Access-Control-Allow-Origin "*" always;']],
    ['apache', ['Header always set Access-Control-Allow-Origin "*"']],
    ['caddy', ['Access-Control-Allow-Origin `*`']],
    ['cloudflare', ["'Access-Control-Allow-Origin': '*',"]],
    ['vercel', ["res.setHeader('Access-Control-Allow-Origin', '*');"]],
    ['nextjs', ["'Access-Control-Allow-Origin': '*',"]],
    ['iis', ['<add origin="*" maxAge="600">']],
  ])('%s writes its own wildcard', (target, lines) => {
    const snippet = stackFixes.find((f) => f.target === target)?.snippet ?? '';
    for (const line of lines) expect(snippet).toContain(line);
    expect(snippet).not.toMatch(/WithOrigins|Vary/);
  });

  it('warns on every fix against allowing null, and offers calling the final URL', () => {
    for (const fix of explanation.fixes.filter((f) => f.title !== 'In the page: call the final URL, not the redirect')) {
      if (fix.target === 'vite-proxy' || fix.target === 'webpack-proxy') continue; // the dev proxies need no origin at all
      expect(fix.trap ?? '').toContain('Do not allow null as an origin');
    }
    const page = explanation.fixes.find((f) => f.title === 'In the page: call the final URL, not the redirect');
    expect(page?.snippet).toContain(`fetch('${FINAL}')`);
  });

  // The panel labels tabs by `tab`, else by target ("HTTP headers" for `generic`): the page's way
  // out and the raw headers are both `generic`, so the page's carries a tab name of its own.
  it('gives each fix a tab of its own', () => {
    const tabs = explanation.fixes.map((f) => f.tab ?? f.target);
    expect(new Set(tabs).size).toBe(tabs.length);
  });
});

describe('fixes after a tainting redirect, with credentials', () => {
  const x = taintedExchange('include');
  const { diagnosis } = diagnosed(x);

  it.each(['all', 'first'] as const)('no header passes but null, so the one fix (%s) is to avoid the redirect', (fixes) => {
    const explanation = explain(diagnosis, x, { stacks: ['express', 'django'], fixes });
    expect(explanation.serverMustSend).toEqual([]);
    expect(explanation.fixes.map((f) => f.title)).toEqual(['In the page: call the final URL, not the redirect']);
  });
});

describe('explainFacts.originTainted', () => {
  const same = (path: string): ObservedExchange =>
    exchangeOf({
      hops: [{ url: `${API}/a`, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', `${API}${path}`]] } }, { url: `${API}${path}`, response: { status: 200, headers: [] } }],
      errorText: 'net::ERR_FAILED',
    });
  it.each<[string, ObservedExchange, boolean]>([
    ['a redirect to another origin', taintedExchange('same-origin'), true],
    ['a redirect within the API origin', same('/b'), false],
    ['no redirect', exchangeOf({ errorText: 'net::ERR_FAILED' }), false],
    // A page that is itself opaque sends null from the start: nothing was tainted.
    ['an opaque page', exchangeOf({ origin: 'null', errorText: 'net::ERR_FAILED' }), false],
  ])('%s → %s', (_n, x, tainted) => {
    const { diagnosis } = diagnosed(x);
    expect(explainFacts(diagnosis, x).originTainted).toBe(tainted);
  });
});

describe('the explanation after a tainting redirect says what passes, never "send null"', () => {
  /** GET API/a → 302 to another origin, answered with `final` headers. */
  const tainted = (credentials: CredentialsMode, final: [string, string][]): ObservedExchange =>
    exchangeOf({
      credentialsMode: credentials,
      hops: [
        { url: `${API}/a`, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Location', FINAL]] } },
        { url: FINAL, response: { status: 200, headers: final } },
      ],
      errorText: 'net::ERR_FAILED',
    });
  it.each<[string, CredentialsMode, [string, string][], string]>([
    ['no Access-Control-Allow-Origin, without credentials', 'same-origin', [], 'MissingAllowOriginHeader'],
    ['no Access-Control-Allow-Origin, with credentials', 'include', [], 'MissingAllowOriginHeader'],
    ["the page's origin, without credentials", 'same-origin', [['Access-Control-Allow-Origin', PAGE]], 'AllowOriginMismatch'],
    ["the page's origin, with credentials", 'include', [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']], 'AllowOriginMismatch'],
    ['*, with credentials', 'include', [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], 'WildcardOriginNotAllowed'],
    ['a value that is no origin, without credentials', 'same-origin', [['Access-Control-Allow-Origin', 'app.example']], 'InvalidAllowOriginValue'],
  ])('%s', (_about, credentials, final, error) => {
    const x = tainted(credentials, final);
    const { diagnosis } = diagnosed(x);
    expect([diagnosis.corsError, diagnosis.failedAt?.hop]).toEqual([error, 1]);
    const text = explain(diagnosis, x).explanation;
    expect(text).not.toMatch(/must (send|name)[^.]*Access-Control-Allow-Origin: null/);
    expect(text).not.toMatch(/Send exactly null/);
    expect(text).toContain('Origin: null');
    // Said once, not once by the origin comparison and again by the advice.
    expect(text.match(/call the final URL/gi)).toHaveLength(1);
    if (credentials === 'include') expect(text).toContain('have the page call the final URL');
    else expect(text).toContain('Access-Control-Allow-Origin: * on this response lets it through');
  });
});
