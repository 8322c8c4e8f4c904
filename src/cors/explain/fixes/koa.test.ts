import { describe, expect, it } from 'vitest';
import { koaFix } from './koa.ts';
import { contextFor } from './test-context.ts';

describe('koaFix', () => {
  it.each([
    [{ credentials: true }, ['app.use(cors({', "origin: 'http://127.0.0.1:5173',", 'credentials: true,', "allowMethods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowHeaders: ['content-type', 'x-trace'],", 'keepHeadersOnError: true,']],
    [{ method: 'DELETE' }, ["allowMethods: ['GET', 'HEAD', 'POST', 'DELETE'],"]],
  ] as const)('%j', (opts, lines) => {
    const fix = koaFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.target).toBe('koa');
  });
  it('names no credentials when the page sends none', () => {
    expect(koaFix(contextFor({ credentials: false })).snippet).not.toContain('credentials');
  });
});
