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
});
