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
