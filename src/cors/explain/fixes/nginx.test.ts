import { describe, expect, it } from 'vitest';
import { nginxFix } from './nginx.ts';
import { contextFor } from './test-context.ts';

describe('nginxFix', () => {
  it.each([
    [{ credentials: true }, ['if ($request_method = OPTIONS) {', 'return 204;', 'add_header Access-Control-Allow-Origin "http://127.0.0.1:5173" always;', 'add_header Access-Control-Allow-Credentials "true" always;', 'add_header Access-Control-Allow-Headers "content-type, x-trace" always;', 'add_header Access-Control-Allow-Methods "GET, HEAD, POST, PUT" always;']],
  ] as const)('%j', (opts, lines) => {
    const fix = nginxFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.trap).toContain('drops every add_header of the outer block');
    expect(fix.trap).toContain('Without "always"');
  });
  it('repeats the origin inside the OPTIONS block (nested add_header drops the outer ones)', () => {
    const s = nginxFix(contextFor()).snippet;
    expect(s.split('add_header Access-Control-Allow-Origin').length - 1).toBe(2);
    expect(s).not.toContain('geo $dollar');
  });
  it('every add_header has always', () => {
    for (const line of nginxFix(contextFor()).snippet.split('\n').filter((l) => l.trim().startsWith('add_header'))) expect(line).toMatch(/ always;$/);
  });
  it('goes inside the API location as printed: no location or proxy_pass of its own, the backend copies hidden for real', () => {
    const s = nginxFix(contextFor({ credentials: true })).snippet;
    expect(s).not.toMatch(/^\s*(location|proxy_pass)\b/m);
    expect(s).toMatch(/^proxy_hide_header Access-Control-Allow-Origin;$/m);
    expect(s).toMatch(/^proxy_hide_header Access-Control-Allow-Credentials;$/m);
  });
  // Session 39's review: a location holding `return 301` above the pasted lines still redirected
  // OPTIONS; the words say where the if block goes (proven on nginx: test/fix-proof/nginx.test.ts).
  it('says to put the lines above any return or rewrite in the location, which nginx runs in order', () => {
    const s = nginxFix(contextFor()).snippet;
    expect(s).toContain('# root or return stays), above any return or rewrite in it: nginx runs return, rewrite and');
    expect(s).toContain('# if in the order written, and a return (or a redirecting rewrite) before the if block below');
    expect(s).not.toContain('answered with a redirect');
  });
  it('a redirected preflight: says the redirect goes below the if block, or the page calls the final URL', () => {
    const s = nginxFix(contextFor({ error: 'PreflightDisallowedRedirect' })).snippet;
    expect(s).toContain('# This preflight was answered with a redirect. If a return or rewrite');
    expect(s).toContain('# in the location sent it, keep it below the if block (the other methods still get it); a');
    expect(s).toContain('call the');
    // Above the if block it speaks of.
    expect(s.indexOf('This preflight was answered')).toBeLessThan(s.indexOf('if ($request_method = OPTIONS)'));
    expect(nginxFix({ ...contextFor(), preflightRedirected: true }).snippet).toContain('# A preflight of these requests was answered with a redirect.');
  });
  it("says the location's add_header lines drop the server block's", () => {
    expect(nginxFix(contextFor()).trap).toContain('the add_header lines in the location drop those of the server { } block');
  });
});
