import { describe, expect, it } from 'vitest';
import { devProxyFixes } from './dev-proxy.ts';
import { contextFor } from './test-context.ts';

describe('devProxyFixes', () => {
  it('proxies /api to the API origin, for Vite and webpack', () => {
    const [vite, webpack] = devProxyFixes(contextFor());
    expect(vite?.target).toBe('vite-proxy');
    expect(vite?.snippet).toContain("target: 'http://127.0.0.1:8080',");
    expect(vite?.snippet).toContain("fetch('/api/items')");
    expect(webpack?.target).toBe('webpack-proxy');
    expect(webpack?.snippet).toContain("context: ['/api'],");
    // Without it the page keeps calling the API's absolute URL, which no proxy sees.
    expect(webpack?.snippet).toContain("fetch('/api/items')");
  });
  it('offers nothing without an absolute target URL', () => {
    const ctx = contextFor();
    expect(devProxyFixes({ ...ctx, policy: { ...ctx.policy, targetOrigin: null } })).toEqual([]);
  });
});
