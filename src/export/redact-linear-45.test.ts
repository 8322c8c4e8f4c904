// Session 45: the rules this session added (password hashes, MySQL's glued `-p`, a no-break space
// in a name, JSON-RPC params), each fed a long hostile input in a child process, so that time
// growing faster than the input shows as a timeout here rather than a hung suite.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = (file: string): string => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

/** Runs `body` (an ES module's text) in a child node with tsx; its standard output, or why it failed. */
function inChild(body: string): { out: string; failed: string | null } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', body], { encoding: 'utf8', timeout: 60_000 });
  const failed = child.signal !== null ? `killed by ${child.signal}` : child.status !== 0 ? child.stderr.split('\n').find((line) => /Error/.test(line)) ?? `status ${child.status}` : null;
  return { out: child.stdout, failed };
}

describe('session 45 rules stay linear on long hostile input', () => {
  it('a run of 300,000 `$1$` (a hash start at every third character) and a hash never ended', () => {
    const { out, failed } = inChild(`
      import { redactText } from ${here('./redact-text.ts')};
      const a = redactText('$1$'.repeat(300_000), [], 'body');
      const b = redactText(' $2b$'.repeat(200_000) + '$2b$12$' + 'a'.repeat(1_000_000) + '!', [], 'body');
      process.stdout.write(a.slice(0, 15) + '|' + b.slice(-16));`);
    expect(failed).toBeNull();
    expect(out).toBe('REDACTED-SECRET|REDACTED-SECRET!');
  }, 70_000);

  it('200,000 glued `-p` after one `mysql`, and `mysql` glued 200,000 times', () => {
    const { out, failed } = inChild(`
      import { redactText } from ${here('./redact-text.ts')};
      const a = redactText('mysql' + ' -pS3cret'.repeat(200_000), [], 'body');
      const b = redactText('mysql'.repeat(200_000) + 'x -pS3cret', [], 'body');
      process.stdout.write(String(a.includes('S3cret')) + '|' + b.slice(-19));`);
    expect(failed).toBeNull();
    // One word that starts with \`mysql\` (as \`mysqldump\` does) names a client.
    expect(out).toBe('false|-pREDACTED-PASSWORD');
  }, 70_000);

  it('a GraphQL document of 200,000 arguments whose names hold a no-break space', () => {
    const { out, failed } = inChild(`
      import { redactBody } from ${here('./redact-body.ts')};
      const query = 'mutation { login(' + 'a\\u00a0b: 1, '.repeat(200_000) + 'pass\\u00a0word: "S3cretNBSP") { ok } }';
      process.stdout.write(String(redactBody(JSON.stringify({ query }), [], 'application/json').includes('S3cretNBSP')));`);
    expect(failed).toBeNull();
    expect(out).toBe('false');
  }, 70_000);

  it('a JSON-RPC method named `login_` 150,000 times, with 200,000 params', () => {
    const { out, failed } = inChild(`
      import { redactBody } from ${here('./redact-body.ts')};
      const body = JSON.stringify({ method: 'login_'.repeat(150_000), params: Array(200_000).fill('S3cret') });
      process.stdout.write(String(redactBody(body, [], 'application/json').includes('S3cret')));`);
    expect(failed).toBeNull();
    expect(out).toBe('false');
  }, 70_000);
});
