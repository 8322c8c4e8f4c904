import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteBash, quoteCmd, quotePowerShell } from './shell-quote.ts';

// Runs `printf %s ARG` through a real bash and returns the bytes bash handed to printf.
function throughBash(quoted: string): string {
  return execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
}

describe('quoteBash', () => {
  const hostile = [
    '',
    'plain',
    "it's",
    '$(touch /tmp/pwned)',
    '`id`',
    '!!',
    'a\nb',
    'tab\there',
    'back\\slash',
    "mix ' \" $HOME ` \\ !",
    'ünïcödé ✓',
    '\r\n',
    '\x01\x7f',
    'x'.repeat(10_000),
  ];
  for (const text of hostile) {
    it(`bash receives ${JSON.stringify(text.slice(0, 30))} exactly`, () => {
      expect(throughBash(quoteBash(text))).toBe(text);
    });
  }

  it('round-trips arbitrary text without NUL (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !s.includes('\0')),
        (text) => throughBash(quoteBash(text)) === text,
      ),
      { numRuns: 60 },
    );
  });
});

describe('quotePowerShell', () => {
  const cases: [string, string][] = [
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ['smart ’ quote', "'smart ’’ quote'"],
    ['$(Get-Process)', "'$(Get-Process)'"],
  ];
  for (const [text, expected] of cases) it(`quotes ${text}`, () => expect(quotePowerShell(text)).toBe(expected));
});

describe('quoteCmd', () => {
  const cases: [string, string][] = [
    ['plain', '^"plain^"'],
    ['a"b', '^"a\\^"b^"'],
    ['a&b|c', '^"a^&b^|c^"'],
    ['100%', '^"100^%^"'],
    ['trailing\\', '^"trailing\\\\^"'],
  ];
  for (const [text, expected] of cases) it(`quotes ${text}`, () => expect(quoteCmd(text)).toBe(expected));
});
