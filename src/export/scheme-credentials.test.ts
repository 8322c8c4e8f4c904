import { describe, expect, it } from 'vitest';
import { replaceSchemeCredentials } from './scheme-credentials.ts';

const redact = (text: string): string => replaceSchemeCredentials(text, text, () => 'X');

describe('replaceSchemeCredentials', () => {
  it.each([
    // A whole value: a credential, however short or plain.
    ['Bearer hunter2g4', 'Bearer X'],
    ['Bearer abc', 'Bearer X'],
    ['bearer hunter2a9', 'bearer X'],
    ['Bearer Bearer hunter2', 'Bearer Bearer X'],
    [' Basic dXNlcjpodW50ZXIyZzM= ', ' Basic X '],
    ['Basic plan', 'Basic X'],
    // Inside text: when it looks like a credential.
    ['curl -H "Authorisation-Ish: Bearer hunter2a9" x', 'curl -H "Authorisation-Ish: Bearer X" x'],
    ['sent Bearer eyAbc.def_ghi-1~+/== then', 'sent Bearer X then'],
    ['with Bearer aBcDeFgH.', 'with Bearer X.'],
    ['as Basic YWxhZGRpbjpvcGVuc2VzYW1l here', 'as Basic X here'],
    // Prose, and what is not a credential.
    ['Send a Bearer token in the header.', 'Send a Bearer token in the header.'],
    ['Bearer token-based auth', 'Bearer token-based auth'],
    ['the Basic plan costs less', 'the Basic plan costs less'],
    ['Basic aGVsbG8gd29ybGQ= is not user:password', 'Basic aGVsbG8gd29ybGQ= is not user:password'],
    ['Bearer REDACTED-AUTHORIZATION', 'Bearer REDACTED-AUTHORIZATION'],
    ['XBearer hunter2', 'XBearer hunter2'],
    ['Bearer', 'Bearer'],
  ])('%j', (text, expected) => expect(redact(text)).toBe(expected));

  it('is linear on long runs', () => {
    const long = `Bearer ${'a.'.repeat(500_000)}! ${'Bearer '.repeat(100_000)}`;
    expect(redact(long).length).toBeGreaterThan(0);
  });
});
