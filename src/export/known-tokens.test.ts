import { describe, expect, it } from 'vitest';
import { replaceKnownTokens } from './known-tokens.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactUrl } from './redact-text.ts';

const redact = (text: string): string => replaceKnownTokens(text, (kind) => `<${kind}>`);

describe('replaceKnownTokens: credentials whose issuer gives them a prefix', () => {
  it.each([
    // AWS access key ids (long-term AKIA, temporary ASIA): 20 characters of capitals and digits,
    // too short and too one-case for the random-value rule.
    ['AKIAIOSFODNN7EXAMPLE', '<api-key>'],
    ['key ASIAY34FZKBOKMUTVV7A here', 'key <api-key> here'],
    ['aws_access_key_id=AKIAIOSFODNN7EXAMPLE\n', 'aws_access_key_id=<api-key>\n'],
    // Tokens that may be weak-looking (test fixtures, low entropy) but are named by their prefix.
    ['ghp_cnry18aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '<token>'],
    ['github_pat_11ABCDEFG0aaaaaaaaaaaa_bbbbbbbbbb', '<token>'],
    ['glpat-cnry21abcdefghijk', '<token>'],
    ['xoxb-1234-cnry19-abcdefgh', '<token>'],
    ['"sk_live_cnry20abcdefghijkl"', '"<api-key>"'],
    ['rk_test_abcdefghij12', '<api-key>'],
    ['AIzaSyAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '<api-key>'],
    ['npm_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '<token>'],
    // Session 32: an AWS key id glued after a lower-case label (too short with it, 23 characters, for
    // the random-value rule), and prefixes of other issuers.
    ['keyAKIAIOSFODNN7EXAMPLE', 'key<api-key>'],
    ['aws:ASIAY34FZKBOKMUTVV7A', 'aws:<api-key>'],
    ['hf_abcdefghijklmnopqrstuvwxyzABCDEFGH', '<token>'],
    ['xapp-1-A0123456789-0123456789-abc', '<token>'],
    ['sk-proj-abcdefghijklmnopqrstuvwxyz', '<api-key>'],
    ['sk-svcacct-abcdefghijklmnopqrstuvwxyz', '<api-key>'],
    ['sk-ant-api03-abcdefghijklmnopqrstuvwxyz', '<api-key>'],
    ['SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq', '<api-key>'],
    ['whsec_abcdefghijklmnopqrstuvwxyz', '<secret>'],
    ['shpat_0123456789abcdef0123456789abcdef', '<token>'],
    ['AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ', '<secret>'],
    // Not these: a prefix inside a word, too short, a publishable key, prose.
    ['XAKIAIOSFODNN7EXAMPLE', 'XAKIAIOSFODNN7EXAMPLE'],
    ['task-proj-abcdefghijklmnopqrstuvwxyz', 'task-proj-abcdefghijklmnopqrstuvwxyz'],
    ['chf_abcdefghijklmnopqrstuvwxyzABCDEFGH', 'chf_abcdefghijklmnopqrstuvwxyzABCDEFGH'],
    ['the hf_ and SG. prefixes', 'the hf_ and SG. prefixes'],
    ['SG.abc.def', 'SG.abc.def'],
    ['AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPL'],
    ['pk_live_abcdefghijkl', 'pk_live_abcdefghijkl'],
    ['the ghp_ prefix marks a GitHub token', 'the ghp_ prefix marks a GitHub token'],
    ['xoxb-', 'xoxb-'],
  ])('%s', (text, expected) => expect(redact(text)).toBe(expected));
});

describe('known tokens through the exports', () => {
  it('under a neutral header, in a JSON body, in a URL', () => {
    expect(redactHeader(['X-Aws', 'AKIAIOSFODNN7EXAMPLE'])[1]).toBe('REDACTED-API-KEY');
    expect(redactBody('{"t":["glpat-cnry21abcdefghijk","key AKIAIOSFODNN7EXAMPLE"]}', [], 'application/json')).toBe('{"t":["REDACTED-TOKEN","key REDACTED-API-KEY"]}');
    expect(redactUrl('https://a.example/x?k=AKIAIOSFODNN7EXAMPLE&page=2')).toBe('https://a.example/x?k=REDACTED-API-KEY&page=2');
  });

  it('kept out of nothing: an ETag or a request id holding one still loses it', () => {
    expect(redactHeader(['X-Request-Id', 'AKIAIOSFODNN7EXAMPLE'])[1]).toBe('REDACTED-API-KEY');
  });
});
