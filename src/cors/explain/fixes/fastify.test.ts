import { describe, expect, it } from 'vitest';
import { fastifyFix } from './fastify.ts';
import { contextFor } from './test-context.ts';

describe('fastifyFix', () => {
  it.each([
    [{ credentials: true }, ['await fastify.register(cors, {', "origin: 'http://127.0.0.1:5173',", 'credentials: true,', "methods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowedHeaders: ['content-type', 'x-trace'],"]],
    [{ method: 'DELETE' }, ["methods: ['GET', 'HEAD', 'POST', 'DELETE'],"]],
  ] as const)('%j', (opts, lines) => {
    const fix = fastifyFix(contextFor(opts));
    for (const l of lines) expect(fix.snippet).toContain(l);
    expect(fix.trap).toContain('only GET, HEAD and POST by default');
  });
});
