import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../../cors-error.ts';
import { isPolicyError } from './context.ts';
import { avoidRedirectFix, genericFix, opaquePageFix, pageFix } from './generic.ts';
import { contextFor } from './test-context.ts';

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
