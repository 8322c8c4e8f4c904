import { describe, expect, it } from 'vitest';
import { diagnose } from '../../diagnose.ts';
import type { ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { djangoFix } from './django.ts';
import { addToNeed, emptyNeed, mergedFix } from './merged.ts';
import { contextFor } from './test-context.ts';

describe('djangoFix', () => {
  it.each([
    [{ credentials: true }, ['CORS_ALLOWED_ORIGINS = ["http://127.0.0.1:5173"]', 'CORS_ALLOW_CREDENTIALS = True', 'CORS_ALLOW_HEADERS = (*default_headers, "x-trace")', 'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *(m for m in MIDDLEWARE'], ['CORS_ALLOW_METHODS']],
    [{ header: 'authorization' }, ['CORS_ALLOWED_ORIGINS'], ['CORS_ALLOW_HEADERS', 'CORS_ALLOW_CREDENTIALS']],
    [{ method: 'PROPFIND' }, ['CORS_ALLOW_METHODS = (*default_methods, "PROPFIND")'], []],
  ] as const)('%j', (opts, present, absent) => {
    const fix = djangoFix(contextFor(opts));
    for (const l of present) expect(fix.snippet).toContain(l);
    for (const l of absent) expect(fix.snippet).not.toContain(l);
    expect(fix.trap).toContain('CommonMiddleware');
  });
  it("is appended to settings.py: it adds to the project's apps and middleware, CorsMiddleware first, instead of replacing them", () => {
    const s = djangoFix(contextFor()).snippet;
    expect(s).toContain('INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]');
    expect(s).toMatch(/^MIDDLEWARE = \["corsheaders\.middleware\.CorsMiddleware", \*\(m for m in MIDDLEWARE /m);
    expect(s).not.toMatch(/^(INSTALLED_APPS|MIDDLEWARE) = \[$/m);
  });
});

// Django's ConditionalGetMiddleware rebuilds a matching request's answer as a 304 with the validator
// headers only: a CorsMiddleware below it loses its headers on the 304
// (test/fix-proof/django-not-modified.test.ts). Where Django answered a 304 without them, its fix
// names that middleware and the order; elsewhere it does not.
describe('a 304 without Access-Control-Allow-Origin from Django', () => {
  const PAGE = 'http://127.0.0.1:5173';
  // Django's own answer headers (runserver behind nothing): what names the stack.
  const DJANGO: [string, string][] = [['Server', 'WSGIServer/0.2 CPython/3.11.2'], ['X-Frame-Options', 'DENY'], ['X-Content-Type-Options', 'nosniff'], ['Referrer-Policy', 'same-origin'], ['Cross-Origin-Opener-Policy', 'same-origin']];
  const get = (status: number, request: [string, string][], preflightNames?: string): ObservedExchange => {
    const url = 'http://127.0.0.1:8080/api/items';
    return {
      request: { method: 'GET', headers: [['Origin', PAGE], ...request], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'same-origin' },
      hops: [{
        url,
        ...(preflightNames === undefined ? {} : {
          preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', preflightNames]], response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', preflightNames], ...DJANGO] } },
        }),
        response: { status, headers: [['ETag', '"v1"'], ['Vary', 'Origin, Cookie'], ...DJANGO] },
      }],
      errorText: 'net::ERR_FAILED',
    };
  };
  const fixOf = (exchange: ObservedExchange, fixes: 'all' | 'first' = 'all') => {
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('blocked');
    const fix = explain(diagnosis, exchange, { fixes }).fixes[0]!;
    expect(fix.target).toBe('django');
    return fix;
  };
  const NAMED = "For the 304: Django's ConditionalGetMiddleware answers a matching If-None-Match or If-Modified-Since with a new 304 that keeps only the validator headers";

  it.each([
    ["the page's own If-None-Match", get(304, [['If-None-Match', '"v1"']], 'if-none-match')],
    ["the browser's revalidation, its cached copy refused", get(304, [['If-None-Match', '"v1"']])],
  ])('%s: names ConditionalGetMiddleware, CorsMiddleware above it', (_name, exchange) => {
    for (const fixes of ['all', 'first'] as const) {
      const fix = fixOf(exchange, fixes);
      expect(fix.trap).toContain(NAMED);
      expect(fix.trap).toContain('List CorsMiddleware above ConditionalGetMiddleware (the snippet puts it first).');
      expect(fix.snippet).toContain('# CorsMiddleware first: above ConditionalGetMiddleware, CommonMiddleware and anything else that can answer early.');
    }
  });

  // Review s38: the one configuration for several requests (SERVER CONFIGURATION) lacked it.
  it.each([
    ['a refused 304 among them: named', [get(304, [['If-None-Match', '"v1"']], 'if-none-match'), get(200, [['X-Trace', '1']], 'x-trace')], true],
    ['no refused 304: not named', [get(200, [['If-None-Match', '"v1"']], 'if-none-match'), get(200, [['X-Trace', '1']], 'x-trace')], false],
  ] as const)('the merged configuration, %s', (_name, exchanges, named) => {
    const need = emptyNeed();
    for (const exchange of exchanges) addToNeed(need, diagnose(exchange), exchange);
    const fix = mergedFix('django', need, 'http://127.0.0.1:8080');
    expect(fix.target).toBe('django');
    expect((fix.trap ?? '').includes(NAMED)).toBe(named);
    expect(fix.snippet.includes('# CorsMiddleware first: above ConditionalGetMiddleware, CommonMiddleware')).toBe(named);
  });

  it('a 200 without it: not named (first fixes are remembered apart)', () => {
    fixOf(get(304, [['If-None-Match', '"v1"']], 'if-none-match'), 'first');
    const fix = fixOf(get(200, [['If-None-Match', '"v1"']], 'if-none-match'), 'first');
    expect(fix.trap).not.toContain('ConditionalGetMiddleware');
    expect(fix.snippet).not.toContain('ConditionalGetMiddleware');
  });
});
