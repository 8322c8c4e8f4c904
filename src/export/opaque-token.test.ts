import { describe, expect, it } from 'vitest';
import { isOpaqueToken } from './opaque-token.ts';
import { redactOpaqueTokens } from './redact-shapes.ts';
import type { Redaction } from './redaction.ts';

describe('isOpaqueToken: random-looking', () => {
  it.each([
    ['a Stripe-style key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['base64 of random bytes', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU'],
    ['padded base64', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU=='],
    ['a SHA-1 in hex', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
    ['a base36 session id', 'k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8'],
    ['an npm token', 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
  ])('%s', (_about, run) => expect(isOpaqueToken(run)).toBe(true));
});

describe('isOpaqueToken: kept', () => {
  it.each([
    ['short', 'Ab1Ab1Ab1Ab1Ab1Ab1Ab1'],
    ['letters only', 'Content-Security-Policy-Report-Only'],
    ['a slug with a year', 'how-to-configure-cors-in-express-2024'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['a 24-hex object id (one case, under 32)', '507f1f77bcf86cd799439011'],
    ['our own placeholder', 'REDACTED-OPAQUE-TOKEN'],
    ['lower case words and digits with separators', 'release-notes-for-version-10-and-11-and-12'],
  ])('%s', (_about, run) => expect(isOpaqueToken(run)).toBe(false));
});

describe('redactOpaqueTokens', () => {
  it('replaces the random runs only', () => {
    const found: Redaction[] = [];
    expect(redactOpaqueTokens('id q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU; v=2', found, 'x-thing')).toBe('id REDACTED-OPAQUE-TOKEN; v=2');
    expect(found).toEqual([{ kind: 'opaque-token', where: 'x-thing' }]);
  });

  it('cuts a run at slashes when one part is random, and takes base64 with slashes whole', () => {
    expect(redactOpaqueTokens('files/q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU/view', [], 'x')).toBe('files/REDACTED-OPAQUE-TOKEN/view');
    expect(redactOpaqueTokens('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', [], 'x')).toBe('REDACTED-OPAQUE-TOKEN');
  });

  it('takes a run with slashes whole when they are data (session 44: escaped as %2F), our placeholders kept', () => {
    const run = 'Zq8W+f3kLm9Q/aT7yB2cD4eF6gH8jK0mN1pR3sT5';
    expect(redactOpaqueTokens(run, [], 'x', false)).toBe('REDACTED-OPAQUE-TOKEN');
    expect(redactOpaqueTokens(`REDACTED-API-KEY/${run}/REDACTED-JWT/files/view`, [], 'x', false)).toBe('REDACTED-API-KEY/REDACTED-OPAQUE-TOKEN/REDACTED-JWT/files/view');
    for (const words of ['content/security/policy/report-only/v2', 'Content/Security/Policy/Report/Only']) expect(redactOpaqueTokens(words, [], 'x', false)).toBe(words);
  });
});

// Session 44 (RED4): base64 written plainly, its `+` and `/` as they are, whose last piece alone
// looks random: cut at its `/`, that piece went and the pieces before it stayed
// (`Zq8W+f3kLm9Q/REDACTED-OPAQUE-TOKEN`). A stretch with a random part that could be base64 goes
// whole when a `+`, a `=` or a part that is no word is in it; a path keeps its words.
describe('redactOpaqueTokens: base64 written plainly with `/`', () => {
  const RANDOM = 'aT7yB2cD4eF6gH8jK0mN1pR3sT5';
  const redact = (text: string): string => {
    const once = redactOpaqueTokens(text, [], 'x');
    expect(redactOpaqueTokens(once, [], 'x')).toBe(once);
    return once;
  };

  it.each([
    ['a `+` in its first piece', `Zq8W+f3kLm9Q/${RANDOM}`, 'REDACTED-OPAQUE-TOKEN'],
    ['padded', `Zq8W+f3kLm9Q/${RANDOM}==`, 'REDACTED-OPAQUE-TOKEN'],
    ['the random piece first', `${RANDOM}/Zq8W+f3`, 'REDACTED-OPAQUE-TOKEN'],
    ['no `+`, a first piece that is no word', `wJalrXUtnFEMI/${RANDOM}`, 'REDACTED-OPAQUE-TOKEN'],
    ['a word-like piece, padding after', `abc/${RANDOM}=`, 'REDACTED-OPAQUE-TOKEN'],
    ['a `+` in the random piece', `files/${RANDOM}+x9`, 'REDACTED-OPAQUE-TOKEN'],
    ['three pieces', `Zq8W/f3k+L/${RANDOM}`, 'REDACTED-OPAQUE-TOKEN'],
    ['in words', `v1 Zq8W+f3kLm9Q/${RANDOM}; ok`, 'v1 REDACTED-OPAQUE-TOKEN; ok'],
    ['between our placeholders', `REDACTED-API-KEY/Zq8W+f3kLm9Q/${RANDOM}/REDACTED-JWT/files/view`, 'REDACTED-API-KEY/REDACTED-OPAQUE-TOKEN/REDACTED-JWT/files/view'],
  ])('goes whole: %s', (_about, text, want) => expect(redact(text)).toBe(want));

  it('is recorded once', () => {
    const found: Redaction[] = [];
    redactOpaqueTokens(`Zq8W+f3kLm9Q/${RANDOM}`, found, 'x-data');
    expect(found).toEqual([{ kind: 'opaque-token', where: 'x-data' }]);
  });

  it.each([
    ['a path with a random id', `/api/v1/files/${RANDOM}/view`, '/api/v1/files/REDACTED-OPAQUE-TOKEN/view'],
    ['camel-case and capitalized words', `/Users/getUserProfile/JSONParser/macOS/${RANDOM}`, '/Users/getUserProfile/JSONParser/macOS/REDACTED-OPAQUE-TOKEN'],
    ['a hex digest beside words that are no words', `/MyBucket2024/iPhone/${'0a'.repeat(20)}`, '/MyBucket2024/iPhone/REDACTED-OPAQUE-TOKEN'],
    ['a one-letter segment', `/file/d/${RANDOM}/view`, '/file/d/REDACTED-OPAQUE-TOKEN/view'],
    ['dates, versions, words', `2026/12/07 node/20.1 and/or ${RANDOM}`, '2026/12/07 node/20.1 and/or REDACTED-OPAQUE-TOKEN'],
  ])('a path keeps its words: %s', (_about, text, want) => expect(redact(text)).toBe(want));

  it.each(['text/html', 'application/json', 'image/svg+xml', 'application/vnd.api+json', 'gzip, deflate', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.0.0', 'node/20.1', 'content/security/policy/report-only/v2'])('stays: %s', (text) => {
    expect(redact(text)).toBe(text);
  });
});
