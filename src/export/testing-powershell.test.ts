// The PowerShell model against PowerShell's documented behaviour (about_Quoting_Rules,
// about_Special_Characters, about_Parsing), so that the curl round trips rest on it.

import { describe, expect, it } from 'vitest';
import { PowerShellModelError, powerShellCurlCommands } from './testing-powershell.ts';

const argv = (line: string) => powerShellCurlCommands(`curl.exe ${line}`)[0];

describe('the PowerShell model', () => {
  it.each<[string, string[]]>([
    ["'don''t'", ["don't"]],
    ["'$HOME `n'", ['$HOME `n']],
    ["'smart ’’ quote'", ['smart ’ quote']],
    ['"As they say, ""live and learn."""', ['As they say, "live and learn."']],
    ['"`$x `"q`" ``"', ['$x "q" `']],
    ['"a`tb`nc`e`u{263A}"', ['a\tb\nc\x1b☺']],
    ['"price: $ 5"', ['price: $ 5']],
    ["-sS --url 'http://x/?a=1&b=2' `\n  -H 'X: y'", ['-sS', '--url', 'http://x/?a=1&b=2', '-H', 'X: y']],
    // Standard passing: an embedded quote reaches the program as a quote.
    ["'a\" -K \"b'", ['a" -K "b']],
    ["''", ['']],
    ["'trailing\\'", ['trailing\\']],
  ])('%s', (line, expected) => {
    expect(argv(line)).toEqual(expected);
  });

  it.each([
    ['"$(Get-Date)"', /expansion/],
    ['"$env:PATH"', /expansion/],
    ["'--%'", /verbatim/],
    ['1kb', /number/],
    ['007', /number/],
    ['-a.b', /parameter/],
    ["a'b'", /several parts/],
    ['@(1)', /unexpected/],
  ])('refuses to guess: %s', (line, message) => {
    expect(() => argv(line)).toThrow(message);
  });

  it('a NUL in an argument cuts the command line there', () => {
    expect(argv('"a`0b" c')).toEqual(['a']);
  });

  it('runs the else branch of the version check only on PowerShell 7.3 and later', () => {
    const script = "if ($PSVersionTable.PSVersion -lt [version]'7.3') { throw 'old' } else {\n$PSNativeCommandArgumentPassing = 'Standard'\n# c\ncurl.exe 'x'\n}\n";
    expect(powerShellCurlCommands(script, { version: [7, 3] })).toEqual([['x']]);
    expect(powerShellCurlCommands(script, { version: [5, 1] })).toEqual([]);
    expect(() => powerShellCurlCommands('Remove-Item x')).toThrow(PowerShellModelError);
  });
});
