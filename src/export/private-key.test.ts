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
