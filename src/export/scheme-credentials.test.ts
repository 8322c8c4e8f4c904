import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactUrl } from './redact-text.ts';
import { replaceSchemeCredentials } from './scheme-credentials.ts';

const redact = (text: string): string => replaceSchemeCredentials(text, () => 'X');

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
    ['Bearer JWT', 'Bearer JWT'],
    ['bearer auth', 'bearer auth'],
    // A whole value `Bearer <token68>` is a credential whatever it looks like (session 29: a reviewer
    // reads `X-Upstream: Bearer abcdef` as a leaked token; the rule before asked for a digit or a capital,
    // and this row said `Bearer abc` stays): only words that name the scheme itself stay.
    ['Bearer abc', 'Bearer X'],
    ['Bearer abcdef', 'Bearer X'],
    ['  bearer sesame ', '  bearer X '],
    ['BEARER abcdef', 'BEARER X'],
    // Standing alone inside text: after `:`, `=` or a quote, up to the line's end, a quote or `,`/`;`.
    ['X-Upstream: Bearer abcdef\nAccept: */*', 'X-Upstream: Bearer X\nAccept: */*'],
    ['{"up": "Bearer abcdef", "n": 1}', '{"up": "Bearer X", "n": 1}'],
    ['auth=Bearer abcdef; path=/', 'auth=Bearer X; path=/'],
    // A challenge's parameters are no token (`WWW-Authenticate`-like values under a neutral name).
    ['Bearer realm="api", error="invalid_token"', 'Bearer realm="api", error="invalid_token"'],
    ['{"challenge": "Bearer realm=\\"api\\""}', '{"challenge": "Bearer realm=\\"api\\""}'],
    // Prose keeps its words.
    ['Send a Bearer abcdef header', 'Send a Bearer abcdef header'],
    ['the Bearer scheme: Bearer token, then', 'the Bearer scheme: Bearer token, then'],
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
    ['header, a token of lower-case letters', () => redactHeader(['X-Upstream', 'Bearer abcdef'], found)[1], 'Bearer REDACTED-AUTHORIZATION'],
    ['JSON, a token of lower-case letters', () => redactBody('{"x":"Bearer abcdef"}', found, 'application/json'), '{"x":"Bearer REDACTED-AUTHORIZATION"}'],
    ['logged pair, neutral name', () => redactBody('[["X-Up","Bearer abcdef"],["Accept","*/*"]]', found, 'application/json'), '[["X-Up","Bearer REDACTED-AUTHORIZATION"],["Accept","*/*"]]'],
    ['logged pair', () => redactBody('[["Authorization","Bearer hunter2a9"]]', found, 'application/json'), '[["Authorization","Bearer REDACTED-AUTHORIZATION"]]'],
    ['Authorization, any value', () => redactHeader(['Authorization', 'Bearer abc'], found)[1], 'Bearer REDACTED-AUTHORIZATION'],
    ['Proxy-Authorization, any value', () => redactHeader(['Proxy-Authorization', 'Basic plan'], found)[1], 'Basic REDACTED-AUTHORIZATION'],
    ['header Basic user:password', () => redactHeader(['X-Upstream', 'Basic dXNlcjpodW50ZXIy'], found)[1], 'Basic REDACTED-AUTHORIZATION'],
  ])('%s', (_about, redact, expected) => expect(redact()).toBe(expected));
});
