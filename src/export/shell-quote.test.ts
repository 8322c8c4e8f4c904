// Each quoting round-trips through the shell that reads it: real bash and zsh, and the models of
// PowerShell and cmd.exe (written from their documented rules, see testing-powershell.ts and
// testing-cmd.ts). No test here restates the quoted text.

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdCannotCarry, quoteBash, quoteCmd, quotePowerShell } from './shell-quote.ts';
import { cmdCurlCommands } from './testing-cmd.ts';
import { hostileText } from './testing-curl.ts';
import { HAVE_ZSH, ZSH_NOTE } from './testing-curl-shells.ts';
import { powerShellCurlCommands } from './testing-powershell.ts';
import { powerShellExpansions } from './testing-powershell-paste.ts';
import { UNPRINTABLE } from './visible-text.ts';

// The bytes a real shell hands to `printf %s` for the quoted word.
function through(shell: 'bash' | 'zsh', quoted: string): string {
  return execFileSync(shell, shell === 'zsh' ? ['-f', '-c', `printf %s ${quoted}`] : ['-c', `printf %s ${quoted}`], { encoding: 'utf8', env: { LANG: 'C' } });
}

const fixed = [
  '',
  'plain',
  "it's",
  '$(touch /tmp/cors-inspector-pwned)',
  '`id`',
  '!!',
  '=http,https',
  '~root',
  '*',
  'a\nb',
  'tab\there',
  'back\\slash\\',
  "mix ' \" $HOME ` \\ !",
  'ünïcödé ✓ 😀',
  '\r\n',
  '\x01\x7f\x85\x9b',
  '\x1b]52;c;aGk=\x07',
  '\u202eevil\u2066',
  '‘’‚‛“”„',
  '%PATH% %%x ^^ ! & | < > ( )',
  '--%',
  'x'.repeat(10_000),
];

const posixShells = HAVE_ZSH ? (['bash', 'zsh'] as const) : (['bash'] as const);

describe.each(posixShells)(`quoteBash read by %s${ZSH_NOTE}`, (shell) => {
  for (const text of fixed) {
    it(`${JSON.stringify(text.slice(0, 30))} arrives exactly`, () => {
      expect(through(shell, quoteBash(text))).toBe(text);
    });
  }

  it('round-trips arbitrary text without NUL (property)', () => {
    fc.assert(
      fc.property(hostileText().filter((s) => !s.includes('\0')), (text) => {
        expect(through(shell, quoteBash(text))).toBe(text);
      }),
      { seed: 11, numRuns: 40 },
    );
  });
});

describe('quoteBash pasted into PowerShell by mistake', () => {
  // PowerShell takes `''` inside single quotes for one quote: bash's `'\''` (close, escaped quote,
  // open) read there leaves what follows outside any quotes, where `$(...)` runs. A probe command is
  // printed with no shell named, and PowerShell 7 runs a pasted bash curl command with curl.exe.
  for (const text of [...fixed, "a'$(calc)'b", "'$(calc)", "it's $env:USERPROFILE", "x'\x1b'$(calc)'", "\x1b'$(calc)", '‘$(calc)’', '\x1b‘$(calc)‘']) {
    it(`${JSON.stringify(text.slice(0, 30))}: nothing expands`, () => {
      expect(powerShellExpansions(quoteBash(text))).toEqual([]);
    });
  }

  it('arbitrary text: nothing expands (property)', () => {
    fc.assert(
      fc.property(hostileText().filter((s) => !s.includes('\0')), (text) => {
        expect(powerShellExpansions(quoteBash(text))).toEqual([]);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('the model finds what it is for', () => {
    expect(powerShellExpansions("'a'\''$(calc)'\''b'")).toHaveLength(1);
    expect(powerShellExpansions('"$HOME"')).toHaveLength(1);
    expect(powerShellExpansions("'it''s' $'\x1b' \"'\"")).toEqual([]);
  });
});

describe('quotePowerShell, read by the PowerShell model', () => {
  // "--%" is PowerShell's stop-parsing token even quoted: the curl export refuses it.
  for (const text of fixed.filter((t) => t !== '--%')) {
    it(`${JSON.stringify(text.slice(0, 30))} arrives exactly`, () => {
      expect(powerShellCurlCommands(`curl.exe ${quotePowerShell(text)}`)).toEqual([[text]]);
    });
  }

  it('round-trips arbitrary text without NUL and other than "--%" (property)', () => {
    fc.assert(
      fc.property(hostileText(40).filter((s) => !s.includes('\0') && s !== '--%'), (text) => {
        expect(powerShellCurlCommands(`curl.exe ${quotePowerShell(text)}`)).toEqual([[text]]);
      }),
      { seed: 12, numRuns: 1000 },
    );
  });
});

describe('quoteCmd, read by the cmd.exe model at the prompt', () => {
  // cmd reads at most 8,191 characters a line: the curl export refuses longer commands.
  for (const text of fixed.filter((t) => cmdCannotCarry(t) === null && t.length < 8000)) {
    it(`${JSON.stringify(text.slice(0, 30))} arrives exactly`, () => {
      expect(cmdCurlCommands(`curl.exe ${quoteCmd(text)}`, { quotingOnly: true })).toEqual([[text]]);
    });
  }

  it('round-trips any text it can carry, with every variable name defined (property)', () => {
    fc.assert(
      fc.property(hostileText(40).filter((s) => cmdCannotCarry(s) === null), (text) => {
        expect(cmdCurlCommands(`curl.exe ${quoteCmd(text)}`, { delayedExpansion: false, quotingOnly: true })).toEqual([[text]]);
      }),
      { seed: 13, numRuns: 1000 },
    );
  });

  it('cannot carry line breaks, other unprintable characters, or "!"', () => {
    for (const text of ['a\nb', 'a\rb', 'a\tb', '\x1b', '\u202e', 'a!b', 'a\ufe0fb', 'a\u3164b']) expect(cmdCannotCarry(text)).not.toBe(null);
  });
});

describe('no quoting prints an unprintable character raw', () => {
  it.each([
    ['bash', quoteBash],
    ['PowerShell', quotePowerShell],
  ])('%s (property)', (_shell, quote) => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        expect(UNPRINTABLE.test(quote(text))).toBe(false);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});
