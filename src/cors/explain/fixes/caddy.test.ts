import { describe, expect, it } from 'vitest';
import { caddyFix } from './caddy.ts';
import { contextFor } from './test-context.ts';

describe('caddyFix', () => {
  it.each([
    [{ credentials: true }, ['Access-Control-Allow-Origin `http://127.0.0.1:5173`', 'Access-Control-Allow-Credentials true', '@preflight method OPTIONS', 'header Access-Control-Allow-Headers `content-type, x-trace`', 'respond 204']],
  ] as const)('%j', (opts, lines) => {
    const fix = caddyFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.language).toBe('caddyfile');
  });
  it('goes inside the API site block as printed: no site address or backend of its own', () => {
    const s = caddyFix(contextFor()).snippet;
    expect(s).not.toMatch(/^[a-z0-9-]*[.:][a-z0-9.:/-]* \{$/im);
    expect(s).not.toContain('reverse_proxy localhost');
  });
  // Session 39's review: a redir sorts before handle, so it answered OPTIONS (seen on Caddy 2.6).
  it('says a redir or basicauth answers OPTIONS first, and how to leave OPTIONS out of it', () => {
    expect(caddyFix(contextFor()).trap).toContain('A redir or basicauth in the site block answers OPTIONS before the @preflight handler, wherever it is written');
    expect(caddyFix(contextFor()).snippet).not.toContain('not method OPTIONS');
    const s = caddyFix(contextFor({ error: 'PreflightDisallowedRedirect' })).snippet;
    expect(s).toContain('# This preflight was answered with a redirect. A redir in the site block');
    expect(s).toContain('#   \tnot method OPTIONS');
    expect(s).toContain('#   redir @redirect /new/ 301');
  });
});
