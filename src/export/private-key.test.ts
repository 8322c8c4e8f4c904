import { describe, expect, it } from 'vitest';
import { replacePrivateKeys } from './private-key.ts';

const X = (): string => 'X';

describe('replacePrivateKeys', () => {
  it.each([
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQ\nabc\n-----END PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----'],
    ['-----BEGIN RSA PRIVATE KEY-----\nplain test body\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\nX\n-----END RSA PRIVATE KEY-----'],
    ['key=-----BEGIN EC PRIVATE KEY-----abc-----END EC PRIVATE KEY-----;x=1', 'key=-----BEGIN EC PRIVATE KEY-----X-----END EC PRIVATE KEY-----;x=1'],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\r\nabc\r\n-----END ENCRYPTED PRIVATE KEY-----', '-----BEGIN ENCRYPTED PRIVATE KEY-----\r\nX\r\n-----END ENCRYPTED PRIVATE KEY-----'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n-----END OPENSSH PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----\nX\n-----END OPENSSH PRIVATE KEY-----'],
    ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nX\n-----END PGP PRIVATE KEY BLOCK-----'],
    // A logged value whose line breaks are written `\n`.
    ['-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----X-----END PRIVATE KEY-----'],
    ['two: -----BEGIN PRIVATE KEY-----a-----END PRIVATE KEY----- -----BEGIN PRIVATE KEY-----b-----END PRIVATE KEY-----', 'two: -----BEGIN PRIVATE KEY-----X-----END PRIVATE KEY----- -----BEGIN PRIVATE KEY-----X-----END PRIVATE KEY-----'],
    // SSH.com's format (RFC 4716's armor, which PuTTYgen exports): a short last line the random-token rule misses.
    ['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "k"\nP2/56wAAAi4AAAA3aWYtbW9k\nshortlast\n---- END SSH2 ENCRYPTED PRIVATE KEY ----', '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nX\n---- END SSH2 ENCRYPTED PRIVATE KEY ----'],
    // PuTTY's .ppk: the lines after `Private-Lines: N`, up to `Private-MAC:`.
    [
      'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIO\nabc\nPrivate-Lines: 1\nAAAAIEcshortlast\nPrivate-MAC: 8f1b',
      'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIO\nabc\nPrivate-Lines: 1\nX\nPrivate-MAC: 8f1b',
    ],
    // Truncated: no END marker, the rest goes.
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQ abc', '-----BEGIN PRIVATE KEY-----\nX'],
  ])('%j', (text, expected) => expect(replacePrivateKeys(text, X)).toBe(expected));

  it.each([
    '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----',
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    'the PRIVATE KEY field is required',
    '-----BEGIN PRIVATE KEY-----REDACTED-SECRET-----END PRIVATE KEY-----',
    '-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----',
  ])('%j stays', (text) => expect(replacePrivateKeys(text, X)).toBe(text));

  it('stays linear with many BEGIN markers and no END', () => {
    const text = '-----BEGIN PRIVATE KEY-----'.repeat(20000);
    const started = performance.now();
    replacePrivateKeys(text, X);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
