// Session 44's review (unit level): secrets that reached every default export in clear. The same
// bodies go through the CLI in `src/cli/redact-review-44.test.ts`.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { pointerName } from './redact-json.ts';
import type { Redaction } from './redaction.ts';

function redacted(body: string): string {
  const found: Redaction[] = [];
  return redactBody(body, found, 'application/json');
}

describe('JSON Patch (RFC 6902): the value of an operation whose path names a secret goes', () => {
  it('replace, add and test, nested and under a list index', () => {
    const body = JSON.stringify([
      { op: 'replace', path: '/password', value: 'Hunter2Summer' },
      { op: 'add', path: '/credentials/apiKey', value: 'k3y-Pl4in-t3xt' },
      { op: 'test', path: '/users/0/password', value: 'Hunter719Pw' },
      { op: 'add', path: '/tokens/-', value: 'Hunter720Pw' },
      { op: 'replace', path: '/a~1b~0c~1password', value: 'Hunter721Pw' },
    ]);
    const out = redacted(body);
    expect(out).not.toMatch(/Hunter|k3y-Pl4in/);
    expect(JSON.parse(out)).toEqual([
      { op: 'replace', path: '/password', value: 'REDACTED-PASSWORD' },
      { op: 'add', path: '/credentials/apiKey', value: 'REDACTED-API-KEY' },
      { op: 'test', path: '/users/0/password', value: 'REDACTED-PASSWORD' },
      { op: 'add', path: '/tokens/-', value: 'REDACTED-TOKEN' },
      { op: 'replace', path: '/a~1b~0c~1password', value: 'REDACTED-PASSWORD' },
    ]);
  });

  it('keeps the values of ordinary paths, `from`, and a `path` with no `op`', () => {
    const body = JSON.stringify([
      { op: 'replace', path: '/name', value: 'Ana' },
      { op: 'move', from: '/password', path: '/old' },
      { path: '/auth', value: 'route-config' },
    ]);
    expect(redacted(body)).toBe(body);
  });

  it('reads a JSON Pointer as RFC 6901 escapes it', () => {
    expect(pointerName('/a~1b')).toBe('a/b');
    expect(pointerName('/a~01')).toBe('a~1');
    expect(pointerName('/list/3')).toBe('list');
    expect(pointerName('/3')).toBe('3');
    expect(pointerName('')).toBeNull();
    expect(pointerName('password')).toBeNull();
  });
});
