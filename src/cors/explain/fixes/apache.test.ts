import { describe, expect, it } from 'vitest';
import { apacheFix } from './apache.ts';
import { contextFor } from './test-context.ts';

describe('apacheFix', () => {
  it.each([
    [{ credentials: true }, ['Header always set Access-Control-Allow-Origin "http://127.0.0.1:5173"', 'Header always set Access-Control-Allow-Credentials "true"', 'Header always set Access-Control-Allow-Headers "content-type, x-trace"', 'RewriteCond %{REQUEST_METHOD} OPTIONS', 'RewriteRule ^ - [R=204,L]']],
  ] as const)('%j', (opts, lines) => {
    const fix = apacheFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
  });
  it('uses "always" on every Header line', () => {
    for (const line of apacheFix(contextFor()).snippet.split('\n').filter((l) => l.startsWith('Header') && !l.startsWith('Header unset'))) expect(line).toMatch(/^Header always /);
  });
  it('unsets each CORS line it sets before setting it: a proxied backend\'s copy would go out beside "always set"', () => {
    const ctx = contextFor({ credentials: true });
    const lines = apacheFix({ ...ctx, policy: { ...ctx.policy, expose: ['x-total'] } }).snippet.split('\n');
    const set = lines.filter((l) => l.startsWith('Header always set ')).map((l) => l.split(' ')[3]!);
    expect(set).toEqual(['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers']);
    for (const header of set) {
      const unsetAt = lines.indexOf(`Header unset ${header}`);
      expect(unsetAt, header).toBeGreaterThanOrEqual(0);
      expect(unsetAt, header).toBeLessThan(lines.findIndex((l) => l.startsWith(`Header always set ${header} `)));
    }
  });
  it('both kinds of request (SetEnvIf): the backend\'s Allow-Credentials is unset too', () => {
    const ctx = contextFor({ credentials: true });
    const lines = apacheFix({ ...ctx, policy: { ...ctx.policy, nullOriginAny: true } }).snippet.split('\n');
    expect(lines.indexOf('Header unset Access-Control-Allow-Credentials')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('Header unset Access-Control-Allow-Credentials')).toBeLessThan(lines.findIndex((l) => l.startsWith('Header always set Access-Control-Allow-Credentials ')));
  });
  it('a value Apache cannot hold ("${"): REPLACE-ME in its place, and a note naming its header', () => {
    const ctx = contextFor();
    const snippet = apacheFix({ ...ctx, policy: { ...ctx.policy, origin: 'https://a${X}.example' } }).snippet;
    expect(snippet).toContain('Header always set Access-Control-Allow-Origin "REPLACE-ME"');
    expect(snippet.split('\n').filter((l) => l.startsWith('# NOTE:'))).toEqual([
      '# NOTE: the value of Access-Control-Allow-Origin holds "${", which Apache reads as a Define reference and cannot escape: put the value, without "${", in place of REPLACE-ME.',
    ]);
    expect(snippet).not.toContain('${X}');
  });
  it('no placeholder, no note', () => {
    const snippet = apacheFix(contextFor({ credentials: true })).snippet;
    expect(snippet).not.toContain('REPLACE-ME');
    expect(snippet).not.toContain('NOTE');
  });
});
