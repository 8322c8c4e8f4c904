// Session 43's review, through every default export of the CLI (report, curl in the three shells,
// share --out and --html, the sanitized HAR the viewer downloads) and explain (text and --json):
//
// - A key glued after a letter (`xghp_...`, `sessionnpm_...`) whose random part has no digit, or
//   one case only, stayed in clear in every header value, URL and header name: the letter made its
//   prefix part of a word, and the random-value rule wants digits beside both cases. At its issuer's
//   exact length it is a key wherever it starts (`known-tokens.ts`).
// - A random token as a header name (`X-<token>`), a cookie's name in `Cookie` and `Set-Cookie`:
//   a name's shapes were an issuer's prefix or a JWT only (`redact-shapes.ts`).
// - A token percent-encoded in a URL path segment (`/a/%52%33...`, base64 with `%2B`, `%2F`) or in
//   a header value: the query's values were judged decoded too, the path's segments and free text
//   only as written (`redact-url.ts`, `redact-text.ts`).
//
// Session 44 (M6 MEDIUM 2): base64 with its `+`, `/` and `=` escaped whose last piece after an
// escape is 24 characters or more: that piece went as written, and the pieces before it stayed in
// clear (`Zq8W%2Bf3kLm9Q%REDACTED-OPAQUE-TOKEN`) in a header value, a query value, a path segment,
// a cookie, a JSON or text or form body (`redact-text.ts`'s `escapedRuns`).
//
// Session 44 (RED4): the same base64 written plainly, its `+` and `/` as they are: cut at its `/`,
// its last piece alone looked random and went, and the pieces before it stayed in clear
// (`Zq8W+f3kLm9Q/REDACTED-OPAQUE-TOKEN`) in a header value, a query value, a JSON, text or form body
// (`opaque-token.ts`'s `pathOrBase64`).

import { describe, expect, it } from 'vitest';
import { everyDefaultOutput, harEntry, harTextOf, run, writeHar } from './testing-default-exports.ts';

// Letters only, at each issuer's length; each tail distinct, so a leak says which.
const tail = (mark: string, length: number): string => `${mark}rvqxlwkqptrvnzmxbjhygdfsabcdefghijklmnopqrstuvwxyzrvqxlwkqptrvnzmxbjhygdfs`.slice(0, length);
const github = (mark: string): string => `ghp_${tail(mark, 36)}`;
const npm = (mark: string): string => `npm_${tail(mark, 36)}`;
const google = (mark: string): string => `AIza${tail(mark, 35)}`;
const gitlab = (mark: string): string => `glpat-${tail(mark, 20)}`;
const MARKS = ['ka', 'kb', 'kc', 'kd', 'ke', 'kf', 'kg', 'kh'];

const entries = [
  harEntry({
    url: `https://api.example/k/x${github('ka')}/y?t=sid${npm('kb')}&page=2`,
    headers: [['Origin', 'https://app.example'], ['X-Build', `x${github('kc')}`], ['X-Trace', `id=key${google('kd')}`], [`X-Key${google('ke')}`, '1'], ['X-Ci', `job${gitlab('kf')}`]],
    response: [['Access-Control-Allow-Origin', 'https://other.example'], ['X-Upstream', `build${github('kg')}`]],
    error: 'net::ERR_FAILED',
  }),
  harEntry({ url: 'https://api.example/b', headers: [['Origin', 'https://app.example']], body: { mimeType: 'application/json', text: `{"n":"key${npm('kh')}"}` }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
];

// Random tokens, each its own mark.
const random = (mark: string): string => `${mark}Zq8Wm3Kx7Pv2Ln5Rt9Bc4Hd6Fj1Gs`;
const escaped = (text: string): string => [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const RANDOM_MARKS = ['R31', 'R32', 'R33', 'R34', 'R35'];
entries.push(
  harEntry({
    url: `https://api.example/a/${escaped(random('R31'))}/b`,
    headers: [['Origin', 'https://app.example'], [`X-${random('R32')}`, '1'], ['Cookie', `${random('R33')}=1; theme=dark`], ['X-Data', `v1 ${escaped(random('R35'))}`]],
    response: [['Access-Control-Allow-Origin', 'https://other.example'], ['Set-Cookie', `${random('R34')}=v; Path=/`]],
    error: 'net::ERR_FAILED',
  }),
);
const harText = harTextOf(entries);
const har = writeHar('s43.har', entries);

describe('session 43: keys glued after a letter, random tokens as names and escaped in a path, stay out of every default output', () => {
  it.each(everyDefaultOutput(harText, har))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const mark of MARKS) expect(output).not.toContain(`${mark}rvqxlwkqpt`);
    for (const mark of RANDOM_MARKS) {
      expect(output).not.toContain(`${mark}Zq8Wm3`);
      expect(output).not.toContain(escaped(`${mark}Zq8Wm3`));
    }
  });
});

// Each token's first piece carries its mark; the pieces after it are the same in all.
const escapedBase64 = (mark: string): string => `${mark}q8W%2Bf3kLm9Q%2FaT7yB2cD4eF6gH8jK0mN1pR3sT5%3D`;
const PIECES = ['f3kLm9Q', 'aT7yB2cD4eF6gH8jK0mN1pR3sT5'];
const ESCAPED_MARKS = ['E41', 'E42', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48', 'E49'];
const escapedEntries = [
  harEntry({
    url: `https://api.example/reset/${escapedBase64('E41')}/x?d=${escapedBase64('E42')}&page=2`,
    headers: [['Origin', 'https://app.example'], ['X-Data', escapedBase64('E43')], ['X-Note', `v1 ${escapedBase64('E44')}; path=%2Fa`], ['Cookie', `pref=${escapedBase64('E45')}; theme=dark`]],
    body: { mimeType: 'application/json', text: JSON.stringify({ d: escapedBase64('E46'), n: 2 }) },
    response: [['Access-Control-Allow-Origin', 'https://other.example']],
    error: 'net::ERR_FAILED',
  }),
  harEntry({ url: 'https://api.example/t', headers: [['Origin', 'https://app.example']], body: { mimeType: 'text/plain', text: `free text ${escapedBase64('E47')} here` }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  harEntry({ url: 'https://api.example/f', headers: [['Origin', 'https://app.example']], body: { mimeType: 'application/x-www-form-urlencoded', text: `a=1&v=${escapedBase64('E48')}` }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  harEntry({ url: `https://api.example/q?next=files%2F${escapedBase64('E49')}`, headers: [['Origin', 'https://app.example']], response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
];
const escapedHarText = harTextOf(escapedEntries);
const escapedHar = writeHar('s44.har', escapedEntries);

describe('session 44: base64 written with escapes, its last piece alone random, stays out of every default output', () => {
  it.each(everyDefaultOutput(escapedHarText, escapedHar))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const mark of ESCAPED_MARKS) expect(output).not.toContain(`${mark}q8W`);
    for (const piece of PIECES) expect(output).not.toContain(piece);
  });
});

// Each token's first piece carries its mark; the pieces after it are the same in all.
const plainBase64 = (mark: string): string => `${mark}q8W+f3kLm9Q/aT7yB2cD4eF6gH8jK0mN1pR3sT5=`;
const PLAIN_MARKS = ['P41', 'P42', 'P43', 'P44', 'P45', 'P46', 'P47', 'P48', 'P49'];
const plainEntries = [
  harEntry({
    url: `https://api.example/reset?d=${plainBase64('P41')}&page=2`,
    headers: [['Origin', 'https://app.example'], ['X-Data', plainBase64('P42')], ['X-Note', `v1 ${plainBase64('P43')}; path=/a`], ['X-Original-URI', `/files/${plainBase64('P44')}`]],
    body: { mimeType: 'application/json', text: JSON.stringify({ d: plainBase64('P45'), n: 2 }) },
    response: [['Access-Control-Allow-Origin', 'https://other.example'], ['X-Upstream', plainBase64('P46')]],
    error: 'net::ERR_FAILED',
  }),
  harEntry({ url: 'https://api.example/t', headers: [['Origin', 'https://app.example']], body: { mimeType: 'text/plain', text: `free text ${plainBase64('P47')} here` }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  harEntry({ url: 'https://api.example/f', headers: [['Origin', 'https://app.example']], body: { mimeType: 'application/x-www-form-urlencoded', text: `a=1&v=${plainBase64('P48')}` }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  harEntry({ url: `https://api.example/q?next=files/${plainBase64('P49')}`, headers: [['Origin', 'https://app.example']], response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
];
const plainHarText = harTextOf(plainEntries);
const plainHar = writeHar('s44-plain.har', plainEntries);

describe('session 44: base64 written plainly with + and /, its last piece alone random, stays out of every default output', () => {
  it.each(everyDefaultOutput(plainHarText, plainHar))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const mark of PLAIN_MARKS) {
      expect(output).not.toContain(`${mark}q8W`);
      expect(output).not.toContain(encodeURIComponent(`${mark}q8W+`));
    }
    for (const piece of PIECES) expect(output).not.toContain(piece);
  });
});
