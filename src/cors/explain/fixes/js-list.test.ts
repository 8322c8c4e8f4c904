// The `const CORS = {…}` object and the 204 answer to OPTIONS that the Next.js middleware and the
// Cloudflare Worker fixes both write: one helper, so the two stay the same (they were two copies).

import { describe, expect, it } from 'vitest';
import { cloudflareFix } from './cloudflare.ts';
import { jsCorsObjectLines, jsPreflightHeaderLines } from './js-list.ts';
import { nextjsFix } from './nextjs.ts';
import { contextFor } from './test-context.ts';

describe('jsCorsObjectLines and jsPreflightHeaderLines', () => {
  it('write the object and the preflight headers as both fixes did', () => {
    const p = contextFor({ credentials: true }).policy;
    expect(jsCorsObjectLines(p)).toEqual([
      'const CORS = {',
      "  'Access-Control-Allow-Origin': 'http://127.0.0.1:5173',",
      "  'Access-Control-Allow-Credentials': 'true',",
      "  'Vary': 'Origin',",
      '};',
    ]);
    expect(jsPreflightHeaderLines(p, '  ')).toEqual([
      '  ...CORS,',
      "  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT',",
      "  'Access-Control-Allow-Headers': 'content-type, x-trace',",
      "  'Access-Control-Max-Age': '600',",
    ]);
    // `*`: no Vary, nothing for a cache to tell apart.
    expect(jsCorsObjectLines({ ...p, origin: '*', credentials: false })).not.toContain("  'Vary': 'Origin',");
  });

  it('are what the Next.js and Cloudflare fixes print, at their own indent', () => {
    for (const credentials of [false, true]) {
      const ctx = contextFor({ credentials });
      const object = jsCorsObjectLines(ctx.policy).join('\n');
      expect(nextjsFix(ctx).snippet).toContain(`${object}\n\nexport function middleware(request) {`);
      expect(cloudflareFix(ctx).snippet).toContain(`${object}\n\nexport default {`);
      expect(nextjsFix(ctx).snippet).toContain(`{ status: 204, headers: {\n${jsPreflightHeaderLines(ctx.policy, '      ').join('\n')}\n    } });`);
      expect(cloudflareFix(ctx).snippet).toContain(`{ status: 204, headers: {\n${jsPreflightHeaderLines(ctx.policy, '        ').join('\n')}\n      } });`);
    }
  });
});
