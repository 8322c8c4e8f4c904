import { describe, expect, it } from 'vitest';
import { flaskFix } from './flask.ts';
import { contextFor } from './test-context.ts';

describe('flaskFix', () => {
  it.each([
    [{ credentials: true }, 'CORS(app, origins=["http://127.0.0.1:5173"], supports_credentials=True, methods=["GET", "HEAD", "POST", "OPTIONS", "PUT"], allow_headers=["content-type", "x-trace"])'],
    [{ method: 'POST' }, 'CORS(app, origins=["http://127.0.0.1:5173"], allow_headers=["content-type", "x-trace"])'],
  ] as const)('%j', (opts, line) => expect(flaskFix(contextFor(opts)).snippet).toContain(line));
  it('never offers a pattern matching every origin as the way past "*" with credentials', () => {
    expect(flaskFix(contextFor({ credentials: true })).trap).toContain('nor a pattern that matches every origin (r".*"): name them.');
  });
});
