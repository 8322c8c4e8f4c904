// Session 44, M9: inputs on which this session's new rules took time growing faster than the input
// (or overflowed the stack), each run in a child process so that a regression shows as a timeout
// here rather than a hung suite. Each finishes in well under a second now; before, the first three
// took minutes at these sizes and the last two threw `Maximum call stack size exceeded`.

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

describe('redaction stays linear on long hostile names and paths (M9)', () => {
  it('a JSON key of a million digits with one `1A` in it (DIGITS_CAPITALS)', () => {
    const { out, failed } = inChild(`
      import { redactBody } from ${here('./redact-body.ts')};
      const key = 'key' + '1'.repeat(1_000_000) + 'x1A';
      process.stdout.write(redactBody(JSON.stringify({ [key]: 'v' }), [], 'application/json').slice(-4));`);
    expect(failed).toBeNull();
    expect(out).toBe('"v"}');
  }, 70_000);

  it('a JSON key of `answer_` repeated to a million characters (the qualifier checks)', () => {
    const { out, failed } = inChild(`
      import { redactBody } from ${here('./redact-body.ts')};
      const key = 'answer_'.repeat(150_000);
      process.stdout.write(redactBody(JSON.stringify({ [key]: 'v' }), [], 'application/json').slice(-4));`);
    expect(failed).toBeNull();
    expect(out).toBe('"v"}');
  }, 70_000);

  it('a SCIM patch path of a million unclosed `[` (scimAttributeName)', () => {
    const { out, failed } = inChild(`
      import { redactBody } from ${here('./redact-body.ts')};
      const body = JSON.stringify({ op: 'replace', path: '['.repeat(1_000_000), value: 1 });
      process.stdout.write(String(redactBody(body, [], 'application/json') === body));`);
    expect(failed).toBeNull();
    expect(out).toBe('true');
  }, 70_000);

  it('a value of 100,000 slashes before escapes (escapedRun)', () => {
    const { out, failed } = inChild(`
      import { redactText } from ${here('./redact-text.ts')};
      const text = '/'.repeat(100_000) + '%41%42%43%44%45%46';
      process.stdout.write(String(redactText(text, [], 'x-data') === text));`);
    expect(failed).toBeNull();
    expect(out).toBe('true');
  }, 70_000);

  it('a URL path of 500,000 segments before a base64 token (base64AcrossSegments)', () => {
    const { out, failed } = inChild(`
      import { redactUrl } from ${here('./redact-text.ts')};
      const url = 'https://h/' + 'a/'.repeat(500_000) + 'Zq8W+f3kLm9Q/aT7yB2cD4eF6gH8jK0mN1pR3sT5';
      process.stdout.write(redactUrl(url).slice(-30));`);
    expect(failed).toBeNull();
    expect(out).toBe('/a/a/a/a/REDACTED-OPAQUE-TOKEN');
  }, 70_000);
});
