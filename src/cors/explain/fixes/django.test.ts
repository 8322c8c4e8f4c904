import { describe, expect, it } from 'vitest';
import { djangoFix } from './django.ts';
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
