import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactUrl } from './redact-text.ts';
import { replaceSchemeCredentials } from './scheme-credentials.ts';

const redact = (text: string): string => replaceSchemeCredentials(text, text, () => 'X');

describe('replaceSchemeCredentials', () => {
  it.each([
    // A whole value: a credential, however short, when it looks like one.
    ['Bearer hunter2g4', 'Bearer X'],
    ['Bearer hunter2a9', 'Bearer X'],
    ['Bearer aBCdefg', 'Bearer X'],
    ['Bearer ABCDEFG', 'Bearer X'],
    ['Bearer q8zb3k2pxvlr9tmwnycadfshgjeuqwer', 'Bearer X'],
    ['bearer hunter2a9', 'bearer X'],
    ['Bearer Bearer hunter2', 'Bearer Bearer X'],
    [' Basic dXNlcjpodW50ZXIyZzM= ', ' Basic X '],
    // Inside text: when it looks like a credential.
    ['curl -H "Authorisation-Ish: Bearer hunter2a9" x', 'curl -H "Authorisation-Ish: Bearer X" x'],
    ['sent Bearer eyAbc.def_ghi-1~+/== then', 'sent Bearer X then'],
    ['with Bearer aBcDeFgH.', 'with Bearer X.'],
    ['as Basic YWxhZGRpbjpvcGVuc2VzYW1l here', 'as Basic X here'],
    // Prose, and what is not a credential. The second read: a whole value `Basic plan` or `Bearer
    // token` went too, changing replayed requests (`{"plan": "Basic plan"}`, `X-Plan: Basic annual`).
    ['Basic plan', 'Basic plan'],
    ['Basic annual', 'Basic annual'],
    ['basic tier', 'basic tier'],
    ['Bearer token', 'Bearer token'],
    ['Bearer abc', 'Bearer abc'],
    ['Basic aGVsbG8gd29ybGQ=', 'Basic aGVsbG8gd29ybGQ='],
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

describe('Bearer and Basic in exports (the second read: plan names were redacted, replays changed)', () => {
  const found: Redaction[] = [];
  it.each([
    ['JSON', () => redactBody('{"plan":"Basic plan","type":"Bearer token","cls":"basic tier"}', found, 'application/json'), '{"plan":"Basic plan","type":"Bearer token","cls":"basic tier"}'],
    ['query', () => redactUrl('https://shop.example/buy?plan=Basic+annual', found), 'https://shop.example/buy?plan=Basic+annual'],
    ['form', () => redactBody('plan=Basic+annual&n=2', found, 'application/x-www-form-urlencoded'), 'plan=Basic+annual&n=2'],
    ['header', () => redactHeader(['X-Plan', 'Basic annual'], found)[1], 'Basic annual'],
    // The first read's finds stay covered.
    ['header credential', () => redactHeader(['X-Upstream', 'Bearer hunter2a9'], found)[1], 'Bearer REDACTED-AUTHORIZATION'],
    ['logged pair', () => redactBody('[["Authorization","Bearer hunter2a9"]]', found, 'application/json'), '[["Authorization","Bearer REDACTED-AUTHORIZATION"]]'],
    ['Authorization, any value', () => redactHeader(['Authorization', 'Bearer abc'], found)[1], 'Bearer REDACTED-AUTHORIZATION'],
    ['Proxy-Authorization, any value', () => redactHeader(['Proxy-Authorization', 'Basic plan'], found)[1], 'Basic REDACTED-AUTHORIZATION'],
    ['header Basic user:password', () => redactHeader(['X-Upstream', 'Basic dXNlcjpodW50ZXIy'], found)[1], 'Basic REDACTED-AUTHORIZATION'],
  ])('%s', (_about, redact, expected) => expect(redact()).toBe(expected));
});
