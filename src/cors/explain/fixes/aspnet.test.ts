import { describe, expect, it } from 'vitest';
import { aspnetFix } from './aspnet.ts';
import { contextFor } from './test-context.ts';

describe('aspnetFix', () => {
  it.each([
    [{ credentials: true }, ['.WithOrigins("http://127.0.0.1:5173")', '.WithMethods("GET", "HEAD", "POST", "PUT")', '.WithHeaders("content-type", "x-trace")', '.AllowCredentials()']],
    [{ method: 'POST' }, ['.WithMethods("GET", "HEAD", "POST")']],
  ] as const)('%j', (opts, lines) => {
    const fix = aspnetFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
  });
  it('puts UseCors after UseRouting and before UseAuthorization', () => {
    const s = aspnetFix(contextFor()).snippet;
    expect(s.indexOf('app.UseRouting();')).toBeLessThan(s.indexOf('app.UseCors('));
    expect(s.indexOf('app.UseCors(')).toBeLessThan(s.indexOf('app.UseAuthorization();'));
    expect(s).not.toContain('AllowAnyOrigin');
  });
  it('with credentials, never offers an origin check that passes every origin as the way out', () => {
    const trap = aspnetFix(contextFor({ credentials: true })).trap;
    expect(trap).toContain('name the origin(s) in WithOrigins, never SetIsOriginAllowed(_ => true)');
  });
});
