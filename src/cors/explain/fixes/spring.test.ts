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
  });
  it('with credentials, says to name the origins, and never offers an origin pattern as the way out', () => {
    const trap = springFix(contextFor({ credentials: true })).trap;
    expect(trap).toContain('name the origin(s) in allowedOrigins');
    // A pattern is mentioned only to say * must not be one: allowedOriginPatterns("*") echoes every origin.
    expect(trap).not.toMatch(/or use allowedOriginPatterns/);
    expect(trap).toContain('Never allowedOriginPatterns("*") with credentials');
  });
  it('never allows credentials without the request using them', () => {
    expect(springFix(contextFor({ credentials: false })).snippet).not.toContain('allowCredentials');
  });
});
