import { describe, expect, it } from 'vitest';
import { quoteEveryShell } from './every-shell-quote.ts';

describe('quoteEveryShell', () => {
  it.each<[string, string | null]>([
    ['https://api.example/items', 'https://api.example/items'],
    ['PUT', 'PUT'],
    // Quoted: what any of the four would read bare (cmd `&`, PowerShell `,` `@` and numbers, zsh `=`, globs).
    ['https://api.example/?a=1&calc', '"https://api.example/?a=1&calc"'],
    ['a,b', '"a,b"'],
    ['a@b', '"a@b"'],
    ['1kb', '"1kb"'],
    ['-x', '"-x"'],
    ['–Command', '"–Command"'],
    ["a'‘’b^(c)|<d>;", '"a\'‘’b^(c)|<d>;"'],
    // No such text: what a shell still reads inside double quotes, or what must not be printed raw.
    ['%PATH%', null],
    ['!x!', null],
    ['a"b', null],
    ['$(calc)', null],
    ['`calc`', null],
    ['a\\', null],
    ['“x”', null],
    ['a\nb', null],
    ['a\u202eb', null],
    ['', null],
  ])('%j → %j', (text, quoted) => {
    expect(quoteEveryShell(text)).toBe(quoted);
  });
});
