import { describe, expect, it } from 'vitest';
import { expressFix } from './express.ts';
import { contextFor } from './test-context.ts';

describe('expressFix', () => {
  it.each([
    [{ credentials: true }, ["origin: 'http://127.0.0.1:5173',", 'credentials: true,', "methods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowedHeaders: ['content-type', 'x-trace'],", 'app.use(cors(corsOptions));']],
    [{ credentials: false, method: 'POST' }, ["origin: 'http://127.0.0.1:5173',", "allowedHeaders: ['content-type', 'x-trace'],"]],
  ] as const)('%j', (opts, lines) => {
    const fix = expressFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.language).toBe('js');
  });
  it('does not ask for credentials when the request had none', () => {
    expect(expressFix(contextFor({ credentials: false })).snippet).not.toContain('credentials');
  });
  it('mentions the error response', () => {
    expect(expressFix(contextFor({ errorStatus: 500 })).trap).toContain('a 500');
  });
});
