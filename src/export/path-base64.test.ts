// Session 44 (RED5): base64 written plainly in a URL's path, its `/` read as the path's. Judged one
// segment at a time, its random segment went and the pieces beside it stayed in clear
// (`/p/Zq8W+f3kLm9Q/REDACTED-OPAQUE-TOKEN/x`). The pieces beside a random segment that read as
// base64 now go with it (`pathBase64Stretches`); a path's words, ids and brands stay.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-text.ts';
import type { Redaction } from './redaction.ts';

const RANDOM = 'aT7yB2cD4eF6gH8jK0mN1pR3sT5';

describe('base64 across a URL path’s segments', () => {
  it.each([
    ['/p/Zq8W+f3kLm9Q/aT7yB2cD4eF6gH8jK0mN1pR3sT5/x', '/p/REDACTED-OPAQUE-TOKEN/x'],
    [`/a/Zq8W/${RANDOM}/b`, '/a/REDACTED-OPAQUE-TOKEN/b'],
    [`/a/${RANDOM}/f3kLm9Q+x/b`, '/a/REDACTED-OPAQUE-TOKEN/b'],
    [`/a/${RANDOM}/0Dnw==/b`, '/a/REDACTED-OPAQUE-TOKEN/b'],
    // The padded run's look back (session 38) took the random segment and what follows, and left the pieces before it.
    [`/abcd/Zq8W+f3k/${RANDOM}/f3kL/0Dnw==/more`, '/abcd/REDACTED-OPAQUE-TOKEN/more'],
    [`/p/Zq8W+f3kLm9Q/${RANDOM}/x?page=2#top`, '/p/REDACTED-OPAQUE-TOKEN/x?page=2#top'],
  ])('%s → %s, recorded once', (path, expected) => {
    const found: Redaction[] = [];
    expect(redactUrl(`https://a.example${path}`, found)).toBe(`https://a.example${expected}`);
    expect(found.map((r) => r.kind)).toEqual(['opaque-token']);
  });

  it('in a URL written in text', () => {
    expect(redactUrl(`https://a.example/p/Zq8W+f3kLm9Q/${RANDOM}/x`)).not.toContain('Zq8W');
  });

  // Over-masking guards: these pass without the change too.
  it.each([
    `/api/v1/files/${RANDOM}/view`,
    `/c++/${RANDOM}/x`,
    `/tags/C++/${RANDOM}`,
    `/users/iPhone/${RANDOM}`,
    `/MyBucket2024/${RANDOM}/OAuth2`,
    `/x/${RANDOM}/red+shoes`,
    `/orgs/${RANDOM}/repos/${RANDOM}`,
    `/s3/${RANDOM}/IMG1234/Photo2024/view.json`,
  ])('%s keeps its words', (path) => {
    const out = redactUrl(`https://a.example${path}`);
    expect(out).toBe(`https://a.example${path.replaceAll(RANDOM, 'REDACTED-OPAQUE-TOKEN')}`);
  });

  it('a path of words and ids is left as it is', () => {
    expect(redactUrl('https://a.example/api/v1/files/3f2a9c1e-1b2c-4d5e-8f90-0a1b2c3d4e5f/view')).toBe('https://a.example/api/v1/files/3f2a9c1e-1b2c-4d5e-8f90-0a1b2c3d4e5f/view');
  });

  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const chars = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...ALNUM), { minLength: n, maxLength: n }).map((a) => a.join(''));
  // A piece that reads as base64: a digit inside both cases (`Zq8W`), with a `+` in it or not.
  const piece = fc.tuple(chars(2), chars(3), fc.boolean()).map(([a, b, plus]) => `${a}q8W${plus ? '+' : ''}${b}`);
  const random = chars(22).map((r) => `${r}aZ7`);
  const token = fc.tuple(fc.array(piece, { maxLength: 2 }), random, fc.array(piece, { maxLength: 2 }), fc.constantFrom('', '=', '==')).filter(([l, , r]) => l.length + r.length > 0).map(([l, r, after, pad]) => [...l, r, ...after].join('/') + pad);
  const words = fc.array(fc.constantFrom('api', 'v1', 'files', 'iPhone', 'c++', 'MyBucket2024', 'view', 'en-US', 'x.json'), { maxLength: 3 }).map((w) => w.join('/'));

  it('nothing of such a token survives between a path’s words, and redacting again changes nothing', () => {
    fc.assert(
      fc.property(words, token, words, (before, t, after) => {
        const url = `https://a.example/${[before, t, after].filter((p) => p !== '').join('/')}`;
        const once = redactUrl(url);
        for (const p of t.split(/[+/=]/).filter((x) => x.length >= 4)) expect(once).not.toContain(p);
        expect(once.startsWith('https://a.example/')).toBe(true);
        for (const w of [before, after].join('/').split('/').filter((x) => x !== '')) expect(once).toContain(w);
        expect(redactUrl(once)).toBe(once);
      }),
      { seed: 4545, numRuns: 400 },
    );
  });

  it('linear: a 1,000,000-character path of pieces beside random segments', () => {
    const path = `/${`Zq8W+f3k/${RANDOM}/`.repeat(27_000)}x`;
    expect(redactUrl(`https://a.example${path}`).length).toBeLessThan(path.length);
    const words = `/${`api/${RANDOM}/Zq8W/`.repeat(25_000)}x`;
    expect(redactUrl(`https://a.example${words}`)).toContain('/api/');
  });
});

// Session 44's reread: the word test beside a random segment backtracked exponentially on a run of
// capitals before a failing end (`/<random>/AAA...A1a`: 26 capitals 0.7 s, 28 2.4 s, each one more twice that).
describe('a long run of capitals beside a random segment', () => {
  it('is read in one pass', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      import { redactUrl } from ${JSON.stringify(fileURLToPath(new URL('./redact-text.ts', import.meta.url)))};
      const capitals = 'A'.repeat(100_000) + '1a';
      process.stdout.write(redactUrl('https://a.example/p/${RANDOM}/' + capitals + '/x'));`], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    // No word (`1a` after the digits): a piece of the token, gone with it.
    expect(child.stdout).toBe('https://a.example/p/REDACTED-OPAQUE-TOKEN/x');
  }, 70_000);
});
