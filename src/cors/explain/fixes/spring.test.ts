import { describe, expect, it } from 'vitest';
import { springFix } from './spring.ts';
import { contextFor } from './test-context.ts';

describe('springFix', () => {
  it.each([
    [{ credentials: true }, ['.allowedOrigins("http://127.0.0.1:5173")', '.allowedMethods("GET", "HEAD", "POST", "PUT")', '.allowedHeaders("content-type", "x-trace")', '.allowCredentials(true)', 'http.cors(Customizer.withDefaults());']],
    [{ method: 'POST' }, ['.allowedMethods("GET", "HEAD", "POST")']],
  ] as const)('%j', (opts, lines) => {
    const fix = springFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.trap).toContain('allowedOriginPatterns');
  });
  it('never allows credentials without the request using them', () => {
    expect(springFix(contextFor({ credentials: false })).snippet).not.toContain('allowCredentials');
  });
});
