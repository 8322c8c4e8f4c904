// The Windows models are only worth something if they follow the documentation: these cases are
// the documented examples, not outputs of our quoting.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asCreateProcessSees, pasteWindowsArguments, splitWindowsCommandLine } from './testing-windows-argv.ts';

describe('the C runtime split (the table in "Parsing C command-line arguments")', () => {
  it.each<[string, string[]]>([
    ['"a b c" d e', ['a b c', 'd', 'e']],
    ['"ab\\"c" "\\\\" d', ['ab"c', '\\', 'd']],
    ['a\\\\\\b d"e f"g h', ['a\\\\\\b', 'de fg', 'h']],
    ['a\\\\\\"b c d', ['a\\"b', 'c', 'd']],
    ['a\\\\\\\\"b c" d e', ['a\\\\b c', 'd', 'e']],
    ['a"b"" c d', ['ab" c d']],
    ['  \t', []],
    ['""', ['']],
    ['a\tb', ['a', 'b']],
  ])('%s', (line, argv) => {
    expect(splitWindowsCommandLine(line)).toEqual(argv);
  });
});

describe('.NET ArgumentList joining', () => {
  it.each<[string[], string]>([
    [['plain', 'two words', ''], 'plain "two words" ""'],
    [['a"b'], '"a\\"b"'],
    [['end\\'], 'end\\'],
    [['end \\'], '"end \\\\"'],
    [['q\\"'], '"q\\\\\\""'],
  ])('%j', (args, line) => {
    expect(pasteWindowsArguments(args)).toBe(line);
  });

  it('is undone by the C runtime split, for any arguments without NUL (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '"', '\\', 'ü', '\n') })), (args) => {
        expect(splitWindowsCommandLine(pasteWindowsArguments(args))).toEqual(args);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('a NUL ends the command line', () => {
    expect(asCreateProcessSees('curl.exe -H "@/etc/passwd\0: x"')).toBe('curl.exe -H "@/etc/passwd');
  });
});
