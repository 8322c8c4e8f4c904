import { describe, expect, it } from 'vitest';
import { replaceLooseUserinfo } from './loose-userinfo.ts';

const redact = (text: string): string => replaceLooseUserinfo(text, () => 'X');

describe('replaceLooseUserinfo', () => {
  it.each([
    // Scheme-relative: the review's leak.
    ['//u:hunterPW@x.example/', '//X@x.example/'],
    ['see //admin:pw@db.example:5432/x', 'see //X@db.example:5432/x'],
    ['href="//token@cdn.example/a"', 'href="//X@cdn.example/a"'],
    // A space inside an absolute URL's password.
    ['https://u:hunter PW@x.example/', 'https://X@x.example/'],
    ['postgres://admin:correct horse battery@db/x', 'postgres://X@db/x'],
    // Left to the URL scan, or not userinfo at all.
    ['https://u:p@x.example/', 'https://u:p@x.example/'],
    ['https://a.example or mail x@b.example', 'https://a.example or mail x@b.example'],
    ['https://a.example: mail x@b.example', 'https://a.example: mail x@b.example'],
    ['// TODO ask bob@example.com', '// TODO ask bob@example.com'],
    ['a//b@c.example', 'a//b@c.example'],
    ['https://x.example//u@y', 'https://x.example//u@y'],
    ['//images/icon@2x.png', '//images/icon@2x.png'],
    ['//@host', '//@host'],
    ['//u:p@ not a host', '//u:p@ not a host'],
    ['no at sign //u:p', 'no at sign //u:p'],
  ])('%j', (text, expected) => expect(redact(text)).toBe(expected));

  it('is linear on many slashes and long runs', () => {
    expect(redact(`${'//a b:'.repeat(200_000)}@`).length).toBeGreaterThan(0);
    expect(redact(`https://a:${' '.repeat(1_000_000)}@x`)).toContain(' ');
  });
});
