// A token percent-encoded twice or more (`%252B`: a `+` encoded twice, a value encoded again when
// it was put into another URL or a log line) is read decoded as deep as a URL's values are (M8
// MEDIUM 4: about half such tokens kept a piece of eight characters or more in every export).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { redactExchange } from './redact-exchange.ts';
import { redactText } from './redact-text.ts';

/** Deterministic bytes (xorshift32), so a failure names the same tokens every run. */
function bytes(seed: number, length: number): Uint8Array {
  let x = seed || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

/** Where a value can hold a token, each as an exchange whose export is read whole. */
const places: [string, (token: string) => ObservedExchange][] = [
  ['a header value', (t) => ({ request: { method: 'GET', headers: [['X-Data', t]] }, hops: [{ url: 'https://api.test/x', response: { status: 200, headers: [] } }] })],
  ['a query value', (t) => ({ request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.test/x?d=${t}`, response: { status: 200, headers: [] } }] })],
  ['a path segment', (t) => ({ request: { method: 'GET', headers: [] }, hops: [{ url: `https://api.test/x/${t}/y`, response: { status: 200, headers: [] } }] })],
  ['a text body', (t) => ({ request: { method: 'POST', headers: [['Content-Type', 'text/plain']], body: `data ${t} end` }, hops: [{ url: 'https://api.test/x', response: { status: 200, headers: [] } }] })],
  ['a form body', (t) => ({ request: { method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: `a=1&d=${t}` }, hops: [{ url: 'https://api.test/x', response: { status: 200, headers: [] } }] })],
  ['a JSON body', (t) => ({ request: { method: 'POST', headers: [['Content-Type', 'application/json']], body: JSON.stringify({ d: t }) }, hops: [{ url: 'https://api.test/x', response: { status: 200, headers: [] } }] })],
];

const encoded = (text: string, times: number): string => (times === 0 ? text : encoded(encodeURIComponent(text), times - 1));

/** The token's pieces between its `+`, `/` and `=` of eight characters or more that the export still holds. */
function leaked(token: string, exchange: ObservedExchange): string[] {
  const out = JSON.stringify(redactExchange(exchange));
  return token.split(/[+/=]/).filter((piece) => piece.length >= 8 && out.includes(piece));
}

describe('a base64 token encoded twice or three times', () => {
  // 33 random bytes: 44 characters of base64, most with a `+` or a `/` to encode.
  const tokens = Array.from({ length: 60 }, (_, i) => Buffer.from(bytes(0x9e3779b9 + i * 7919, 33)).toString('base64'));

  it.each(places.flatMap(([where, make]) => [2, 3].map((times) => [where, times, make] as const)))('keeps no piece in %s, encoded %i times', (_where, times, make) => {
    const leaks = tokens.flatMap((token) => leaked(token, make(encoded(token, times))));
    expect(leaks).toEqual([]);
  });

  it('goes whole from free text, what is around it kept, and a second pass changes nothing', () => {
    const token = 'cPT+9D7yohddKABNr7Faoud+QWXK9lJZD+zMhGFlbxXg';
    const once = redactText(`data ${encoded(token, 2)} end`, [], 'x-data');
    expect(once).toBe('data REDACTED-OPAQUE-TOKEN end');
    expect(redactText(once, [], 'x-data')).toBe(once);
  });

  it('a random piece first: nothing of the escape before it is left (`%25REDACTED-...`)', () => {
    expect(redactText(`d=${encoded('+XK5gnxolzOlL9xMBhM5k65ycEJoVAEAidTuopBPyULK', 2)}`, [], 'x-data')).toBe('d=REDACTED-OPAQUE-TOKEN');
  });

  it('keeps text encoded twice that holds no secret as written', () => {
    for (const text of [encoded('café crème brûlée, naïve résumé', 2), `next=${encoded('/api/v2/users/42/profile', 2)}`, encoded('a+b c/d', 3)]) expect(redactText(text, [], 'x-data')).toBe(text);
  });

  it('reads escapes nested past any depth a bounded number of times', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      import { redactText } from ${JSON.stringify(fileURLToPath(new URL('./redact-text.ts', import.meta.url)))};
      const text = 'note: ' + '%25252525'.repeat(100_000) + '41' + '%2541'.repeat(100_000);
      process.stdout.write(String(typeof redactText(text, [], 'x-note')));`], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout).toBe('string');
  }, 70_000);
});

// M10: a run read decoded was judged by the shapes of keys and random runs only, never by names or
// as a URL; and inside a run encoded twice, a URL decoded stopped the reading altogether.
describe('names and URLs in a run read decoded', () => {
  const token = 'Eef8z9XwUbRfz54UldXPG+ligHB10eJxJxi+eJiXM5ht';

  it.each([
    ['a password after its name, encoded once', 'x password%3Dcorrect-horse-battery y', 'x password%3DREDACTED-PASSWORD y'],
    ['a JSON password, encoded twice', `x ${encoded('{"password":"correct-horse-battery"}', 2)} y`, `x ${encoded('{"password":"REDACTED-PASSWORD"}', 2)} y`],
    ['an Authorization line, encoded twice', `x ${encoded('Authorization: Bearer correct-horse-battery-staple', 2)} y`, `x ${encoded('Authorization: Bearer REDACTED-AUTHORIZATION', 2)} y`],
    ['a random state in a URL encoded twice', encoded(`https://app.test/cb?state=${token}`, 2), encoded('https://app.test/cb?state=REDACTED-OPAQUE-TOKEN', 2)],
    ['a key in a URL encoded twice', encoded('https://app.test/cb?state=AKIAIOSFODNN7EXAMPLF', 2), encoded('https://app.test/cb?state=REDACTED-API-KEY', 2)],
    ['a token beside a URL, in JSON encoded twice', encoded(JSON.stringify({ cb: 'https://app.test/', data: token }), 2), encoded(JSON.stringify({ cb: 'https://app.test/', data: 'REDACTED-OPAQUE-TOKEN' }), 2)],
    ['a URL encoded three times', encoded(`https://app.test/cb?state=${token}`, 3), encoded('https://app.test/cb?state=REDACTED-OPAQUE-TOKEN', 3)],
    // M11: an encoded `://` with no scheme before it is no URL the URL scan takes, and ended the reading.
    ['a password before an encoded `://` with no scheme', 'x password%3Dhunter2hunter2%20see%20%3A%2F%2Fexample.com end', 'x password%3DREDACTED-PASSWORD%20see%20%3A%2F%2Fexample.com end'],
    ['userinfo after an encoded `://` with no scheme', 'x%20%3A%2F%2Fuser%3Apassw0rdlong%40host.example%2Fp', 'x%20%3A%2F%2FREDACTED-AUTHORIZATION%40host.example%2Fp'],
  ])('%s', (_about, text, want) => {
    const once = redactText(text, [], 'x-data');
    expect(once).toBe(want);
    expect(redactText(once, [], 'x-data')).toBe(once);
  });

  // (A host label that looks random, encoded twice, still goes: as written, `%252F` glues the
  // escape's digits to it, and the text's own scan takes that run.)
  it('keeps a URL encoded twice with nothing secret in it as written', () => {
    const url = encoded('https://cdn.example.com/docs/getting-started/installation?page=2&lang=en', 2);
    expect(redactText(`see ${url}`, [], 'x-data')).toBe(`see ${url}`);
  });
});
