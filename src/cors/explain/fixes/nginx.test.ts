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
});
