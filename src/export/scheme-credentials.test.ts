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
    // A whole value but the white space around it, as String.prototype.trim reads it (`isWholeValue`).
    ['\u00a0Bearer abcdef\u2028', '\u00a0Bearer X\u2028'],
    ['\ufeff\r\n\tBearer abcdef \u3000', '\ufeff\r\n\tBearer X \u3000'],
    ['x\u00a0Bearer abcdef', 'x\u00a0Bearer abcdef'],
    ['\u200bBearer abcdef', '\u200bBearer abcdef'],
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
    // Session 30: the other schemes written as a token68, left to the random-value rule before
    // (too short, or too regular: NTLM's first message is mostly `A`s).
    ['Token abc123', 'Token X'],
    ['token 9944b09199c6', 'token X'],
    ['X-Up: Token abc-def\nAccept: */*', 'X-Up: Token X\nAccept: */*'],
    ['{"up": "token s3cret"}', '{"up": "token X"}'],
    ['DPoP abcdef', 'DPoP X'],
    ['Negotiate YIIabc', 'Negotiate X'],
    ['NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAA', 'NTLM X'],
    ['ntlm TlRMTVNTUAAB==', 'ntlm X'],
    ['Kerberos abcdef', 'Kerberos X'],
    ['sent NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAA then', 'sent NTLM X then'],
    ['invalid token 9944b09199c62bcf then', 'invalid token X then'],
    // `Token` is a word first: a plain word standing alone, and short values in prose, stay; so do
    // what became of a credential, under any scheme.
    ['Token expired', 'Token expired'],
    ['{"error": "token invalid"}', '{"error": "token invalid"}'],
    ['Token hunter', 'Token hunter'],
    ['token 2 of 5', 'token 2 of 5'],
    ['failed to negotiate TLSv1.3 here', 'failed to negotiate TLSv1.3 here'],
    ['Bearer undefined', 'Bearer undefined'],
    ['X-Sent: Bearer null', 'X-Sent: Bearer null'],
    ['Negotiate failed', 'Negotiate failed'],
    // Header names in a CORS list are no credentials.
    ['Access-Control-Allow-Headers: Token, DPoP, Negotiate', 'Access-Control-Allow-Headers: Token, DPoP, Negotiate'],
    ['Request header field token is not allowed by Access-Control-Allow-Headers', 'Request header field token is not allowed by Access-Control-Allow-Headers'],
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
    ['header Token', () => redactHeader(['X-Upstream', 'Token abc123'], found)[1], 'Token REDACTED-AUTHORIZATION'],
    ['header NTLM', () => redactHeader(['X-Upstream', 'NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAA'], found)[1], 'NTLM REDACTED-AUTHORIZATION'],
    ['header Negotiate, one `=`', () => redactHeader(['X-Upstream', 'Negotiate YIIpwabc='], found)[1], 'Negotiate REDACTED-AUTHORIZATION'],
    ['JSON Negotiate', () => redactBody('{"x":"Negotiate YIIabc"}', found, 'application/json'), '{"x":"Negotiate REDACTED-AUTHORIZATION"}'],
    ['query Token', () => redactUrl('https://a.example/cb?h=Token+abc123&n=1', found), 'https://a.example/cb?h=Token%20REDACTED-AUTHORIZATION&n=1'],
    ['an error body keeps its words', () => redactBody('{"detail":"Token expired","hint":"send Token <key>"}', found, 'application/json'), '{"detail":"Token expired","hint":"send Token <key>"}'],
  ])('%s', (_about, redact, expected) => expect(redact()).toBe(expected));
});
