// Redaction is a fixed point, and nothing of a secret survives it, on secrets glued together:
// random sequences of known keys, JWTs, card numbers, URLs with a password and a secret parameter,
// base64 and hex blobs, joined by `-`, `_`, `.`, `/`, `=`, a blank or nothing, through each way a
// value is redacted (free text, a header value, a URL's query, a JSON body). Session 34 bounded the
// in-place re-redaction of engine-read values at four passes without proof; this is the search for
// a text that needs more (or leaks), and each one it found stays below as a case of its own.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactText, redactUrl } from './redact-text.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';

interface Secret {
  /** As written in the text. */
  text: string;
  /** What must not survive: the random part, which alone tells the secret. */
  distinctive: string;
}

const chars = (alphabet: string, length: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((a) => a.join(''));
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const b64url = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
// Mixed case and digits for sure (what the random-value rule reads as random), whatever was drawn.
const mixed = (run: string): string => `${run}aZ7`;

const aws = chars(UPPER_DIGITS, 16).map((r): Secret => ({ text: `AKIA${r}`, distinctive: r }));
const github = chars(ALNUM, 36).map((r): Secret => ({ text: `ghp_${r}`, distinctive: r }));
const stripe = chars(ALNUM, 24).map((r): Secret => ({ text: `sk_live_${r}`, distinctive: r }));
const jwt = fc.tuple(chars(ALNUM, 12), chars(ALNUM, 20)).map(([sub, sig]): Secret => {
  const payload = b64url({ sub });
  return { text: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${payload}.${mixed(sig)}`, distinctive: payload };
});
const card = fc.constantFrom('4111111111111111', '5500005555555559', '4242424242424242', '378282246310005').map((n): Secret => ({ text: n, distinctive: n }));
// Schemes in capitals too (session 35: `REDACTED-TOKENHTTPS://` read the placeholder's capitals and
// the scheme as one placeholder, and the whole URL went, host and all, then again the second time).
const scheme = fc.constantFrom('https', 'HTTPS', 'Https', 'http', 'HTTP', 'wss', 'FTP');
const userinfoUrl = fc.tuple(chars(ALNUM, 16), chars(ALNUM, 16), scheme).map(([password, token, at]): Secret => ({
  text: `${at}://ana:${mixed(password)}@h.example/p?token=${mixed(token)}`,
  distinctive: mixed(password),
}));
const queryUrl = chars(ALNUM, 16).map((token): Secret => ({ text: `https://h.example/cb?code=1&access_token=${mixed(token)}`, distinctive: mixed(token) }));
// Session 36: a store's URL (a scheme that is not special), a URL percent-encoded in text, and a
// card written in groups of four.
const storeScheme = fc.constantFrom('redis', 'rediss', 'postgres', 'postgresql', 'mongodb+srv', 'amqp', 'mysql');
const storeUrl = fc.tuple(chars(ALNUM, 16), storeScheme).map(([password, at]): Secret => ({ text: `${at}://ana:${mixed(password)}@db.example:5432/app`, distinctive: mixed(password) }));
const encodedUrl = fc.tuple(chars(ALNUM, 16), scheme).map(([password, at]): Secret => ({
  text: `${at}%3A%2F%2Fana%3A${mixed(password)}%40h.example%2Fp`,
  distinctive: mixed(password),
}));
const groupedCard = fc
  .tuple(fc.constantFrom('4242424242424242', '5555555555554444', '4111111111111111'), fc.constantFrom(' ', '-'))
  .map(([n, sep]): Secret => {
    const text = n.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
    return { text, distinctive: text };
  });
// Session 37: any scheme RFC 3986 allows (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), none of
// the listed ones: a key glued before it was read as part of the scheme, and kept.
const unlistedScheme = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzXZ'), fc.array(fc.constantFrom(...'abcxyzQ09+-.'), { maxLength: 8 }))
  .map(([first, rest]) => first + rest.join(''));
const unlistedUrl = fc.tuple(chars(ALNUM, 16), unlistedScheme).map(([password, at]): Secret => ({ text: `${at}://ana:${mixed(password)}@h.example/p`, distinctive: mixed(password) }));
const base64 = chars(B64, 28).map((r): Secret => ({ text: `${mixed(r)}==`, distinctive: mixed(r) }));
const hex = fc.tuple(chars('0123456789', 20), chars('abcdef', 20)).map(([d, l]): Secret => {
  let run = '';
  for (let i = 0; i < 20; i++) run += d[i]! + l[i]!;
  return { text: run, distinctive: run };
});

const secret = fc.oneof(aws, github, stripe, jwt, card, userinfoUrl, queryUrl, base64, hex, storeUrl, encodedUrl, groupedCard);
const separator = fc.constantFrom('-', '_', '.', '/', '=', '', ' ');
// Left open (session 35): a secret's placeholder before a `=` reads, the second time, as a sensitive
// name, and a value the first export kept (a URL it scanned as one) goes whole: see the `it.fails`
// below. The search for a fixed point leaves `=` out until that is fixed.
const fixedPointSeparator = fc.constantFrom('-', '_', '.', '/', '', ' ');
// Joined so that, by design, no rule reads two secrets: a card number and digits joined by nothing
// or a `.` (`4111...4111...`, `4111....0a0a...`), one longer number or a decimal (`payment-card.ts`).
// Such a pair is joined by a `-` instead. (Two AWS key ids joined by nothing are two: session 36.)
function digitsJoined(before: string, separator: string, after: string): boolean {
  return (separator === '' || separator === '.') && /\d$/.test(before) && /^\d/.test(after) && (/^[\d -]{12,}$/.test(before) || /^[\d -]{12,}$/.test(after));
}

// One-case hex and card numbers are told by thresholds that glue moves: a hex run joined by `-` or
// `_` to more words has more separators than a digest may (`opaque-token.ts`: a slug), and a card
// number followed by a blank or a `-` and a digit reads as a longer run (`payment-card.ts`: an id).
// In the search for leaks such a secret is joined by a `/`; the fixed point is searched for with any.
// Cards in groups of four, one after another, are judged four groups at a time (session 36).
const GROUPED = /^\d{4}(?:[ -]\d{4}){3}$/;
const LOOSE = /^(?:[0-9a-f]{40}|\d{12,19}|\d{4}(?:[ -]\d{4}){3})$/;
// Cards, in groups of four or written whole, joined by a blank or a `-`: each judged (session 37 for a
// grouped card beside a whole one, `4242-4242-4242-4242-4111111111111111`).
const CARDISH = /^(?:\d{12,19}|\d{4}(?:[ -]\d{4}){3})$/;

/**
 * One to four secrets, each after a separator (the first after nothing, a label, a name or a number:
 * `600AKIA...`, session 42; a number or a card glued after a number is one longer number, so a `-` then).
 */
function gluedSecrets(apart: boolean): fc.Arbitrary<{ text: string; secrets: Secret[] }> {
  return fc
    .tuple(fc.constantFrom('', apart ? '' : 'x-', 'note: ', 'v=', '600'), fc.array(fc.tuple(apart ? separator : fixedPointSeparator, secret), { minLength: 1, maxLength: 4 }))
    .map(([lead, pieces]) => ({
      text:
        (lead === '600' && /^\d/.test(pieces[0]![1].text) ? '600-' : lead) +
        pieces
          .map(([sep, s], i) => {
            if (i === 0) return s.text;
            const before = pieces[i - 1]![1].text;
            // A card in groups and a number written whole, joined: one run, no card's grouping (left as it was).
            if (digitsJoined(before, sep, s.text)) return GROUPED.test(before) || GROUPED.test(s.text) ? `/${s.text}` : `-${s.text}`;
            if (apart && (LOOSE.test(before) || LOOSE.test(s.text)) && sep !== '/' && sep !== '=' && !(CARDISH.test(before) && CARDISH.test(s.text) && (sep === ' ' || sep === '-'))) return `/${s.text}`;
            return sep + s.text;
          })
          .join(''),
      secrets: pieces.map(([, s]) => s),
    }));
}

/** How a value is written in an export (`wrap`), and that export redacted (`redact`). */
interface Way {
  wrap: (text: string) => string;
  redact: (written: string) => string;
}

const WAYS: [string, Way][] = [
  ['free text', { wrap: (text) => text, redact: (text) => redactText(text, [], 'note') }],
  ['a header value', { wrap: (text) => text, redact: (text) => redactHeader(['X-Thing', text], [])[1] }],
  ['a query value', { wrap: (text) => `https://api.example/p?v=${text}`, redact: (url) => redactUrl(url) }],
  ['a URL path', { wrap: (text) => `https://api.example/p/${text}`, redact: (url) => redactUrl(url) }],
  ['a JSON body field', { wrap: (text) => JSON.stringify({ note: text }), redact: (body) => redactBody(body, [], 'application/json') }],
];

describe('redaction of glued secrets', () => {
  it.each(WAYS)('through %s: a fixed point', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(gluedSecrets(false), ({ text }) => {
        const once = redact(wrap(text));
        expect(redact(once)).toBe(once);
      }),
      { seed: 3535, numRuns: 400 },
    );
  }, 120_000);

  it.each(WAYS)('through %s: no secret survives', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(gluedSecrets(true), ({ text, secrets }) => {
        const once = redact(wrap(text));
        for (const { distinctive } of secrets) expect(once).not.toContain(distinctive);
      }),
      { seed: 3536, numRuns: 400 },
    );
  }, 120_000);
});

// Session 37: a secret glued before a URL whose scheme is none of the listed ones, by nothing or by
// a character a scheme may hold: neither the secret nor the URL's password survives, and redacting
// again changes nothing.
describe('redaction of a secret glued before an unlisted scheme', () => {
  const glued = fc.tuple(fc.oneof(aws, github, stripe, jwt, base64), fc.constantFrom('', '-', '.', '+', '_', ' ', '='), unlistedUrl).map(([before, sep, url]) => ({
    text: `${before.text}${sep}${url.text}`,
    secrets: [before, url],
  }));
  it.each(WAYS)('through %s', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(glued, ({ text, secrets }) => {
        const once = redact(wrap(text));
        for (const { distinctive } of secrets) expect(once).not.toContain(distinctive);
        expect(redact(once)).toBe(once);
      }),
      { seed: 3737, numRuns: 400 },
    );
  }, 120_000);

  it.each([
    [`ghp_${'aB3'.repeat(12)}foo+bar://x`, 'REDACTED-TOKEN+bar://x'],
    [`sk_live_${'cD4'.repeat(8)}zz-proto://ana:pw1234@h.example/`, 'REDACTED-API-KEY-proto://REDACTED-AUTHORIZATION@h.example/'],
    [`AKIA${'B'.repeat(15)}7my.scheme://ana:pw1234@h.example/`, 'REDACTED-API-KEYmy.scheme://REDACTED-AUTHORIZATION@h.example/'],
    // Schemes standing alone stay URLs, their passwords found.
    ['x-foo://ana:pw1234@h.example/', 'x-foo://REDACTED-AUTHORIZATION@h.example/'],
    ['mysql+pymysql://ana:pw1234@db.example/app', 'mysql+pymysql://REDACTED-AUTHORIZATION@db.example/app'],
  ])('%s', (text, want) => {
    const once = redactText(text, [], 'note');
    expect(once).toBe(want);
    expect(redactText(once, [], 'note')).toBe(once);
  });
});

// Session 37: a card in groups of four glued by a `-` or a blank to a card written whole: one run too
// long for a card, and both stayed; each is judged now, and an id in groups of four beside a card stays.
// Session 38: a run no rule took (one starting with a 0, 1, 7, 8 or 9, `1234-5678-9012-3456-4111…`,
// or three groups of four before a number) is read group by group: its card goes (`payment-card.ts`).
describe('redaction of a card in groups of four glued to one written whole', () => {
  it.each([
    ['4242-4242-4242-4242-4111111111111111', 'REDACTED-SECRET-REDACTED-SECRET'],
    ['4111111111111111-4242-4242-4242-4242', 'REDACTED-SECRET-REDACTED-SECRET'],
    ['pay 4242 4242 4242 4242-5555555555554444.', 'pay REDACTED-SECRET-REDACTED-SECRET.'],
    ['4242-4242-4242-4242-4111111111111111-5555 5555 5555 4444', 'REDACTED-SECRET-REDACTED-SECRET-REDACTED-SECRET'],
    ['2234-5678-9012-3456-4111111111111111', '2234-5678-9012-3456-REDACTED-SECRET'],
    // Three groups of four before a number: no card as one run, and the number written whole is one.
    ['4242-4242-4242-4111111111111111', '4242-4242-4242-REDACTED-SECRET'],
    ['1234-5678-9012-3456-4111111111111111', '1234-5678-9012-3456-REDACTED-SECRET'],
    ['0123 4111 1111 1111 1111', '0123 REDACTED-SECRET'],
    ['id=9 4111-1111-1111-1111', 'id=9 REDACTED-SECRET'],
  ])('%s', (text, want) => {
    const once = redactText(text, [], 'note');
    expect(once).toBe(want);
    expect(redactText(once, [], 'note')).toBe(once);
  });
});

// What the search found, each fixed at its cause and kept here (session 35).
describe('redaction of glued secrets: the counterexamples found', () => {
  const A24 = 'A'.repeat(24);
  it.each([
    // A random run's padding taken in part: the placeholder and the `=` left read as a pair's name.
    [`${A24}aZ7==-sk_live_${A24}`, 'REDACTED-OPAQUE-TOKEN==-REDACTED-API-KEY'],
    // A card after a key id ending in a digit, or after a `.`: read as part of a longer number, or a decimal.
    [`AKIA${'A'.repeat(15)}3-4111111111111111-AKIA${'A'.repeat(16)}`, 'REDACTED-API-KEY-REDACTED-SECRET-REDACTED-API-KEY'],
    [`sk_live_${A24}.4111111111111111`, 'REDACTED-API-KEY.REDACTED-SECRET'],
    [`4111111111111111 ${'0a'.repeat(20)}`, 'REDACTED-SECRET REDACTED-OPAQUE-TOKEN'],
    // Two cards joined by a dash: one run too long for a card.
    ['4111111111111111-5500005555555559', 'REDACTED-SECRET-REDACTED-SECRET'],
    // A key id before a card number: the card went first, and its placeholder's capitals hid the id's end.
    [`AKIA${'A'.repeat(16)}4111111111111111`, 'REDACTED-API-KEYREDACTED-SECRET'],
    // A key's random part took the next key's prefix in.
    [`sk_live_${A24}sk_live_${A24}`, 'REDACTED-API-KEYREDACTED-API-KEY'],
    [`ghp_${'A'.repeat(36)}ghp_${'B'.repeat(36)}`, 'REDACTED-TOKENREDACTED-TOKEN'],
    // A run with slashes: its random part went first, the rest (random too, judged whole) only the second time.
    [`xghp_${'A'.repeat(35)}5A-AAAA/AAAAAAAAA/AAAAAAAAAAAAAaZ7==-x`, 'REDACTED-OPAQUE-TOKEN==-x'],
    // A URL after a placeholder or a token: the scheme read back over it, or taken into the signature.
    ['4111111111111111-https://ana:pw1234@h.example/', 'REDACTED-SECRET-https://REDACTED-AUTHORIZATION@h.example/'],
    // A placeholder glued before a scheme in capitals: the placeholder's words end where its kind does.
    [`ghp_${'A'.repeat(36)}HTTPS://ana:pw1234@h.example/`, 'REDACTED-TOKENHTTPS://REDACTED-AUTHORIZATION@h.example/'],
    ['4111111111111111-HTTPS://ana:pw1234@h.example/', 'REDACTED-SECRET-HTTPS://REDACTED-AUTHORIZATION@h.example/'],
    [`sk_live_${A24}-FTP://ana:pw1234@h.example/`, 'REDACTED-API-KEY-FTP://REDACTED-AUTHORIZATION@h.example/'],
    [`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"x1"}').toString('base64url')}.${'s'.repeat(20)}aZ7-https://ana:pw1234@h.example/`, 'REDACTED-JWThttps://REDACTED-AUTHORIZATION@h.example/'],
  ])('%s', (text, want) => {
    const once = redactText(text, [], 'note');
    expect(once).toBe(want);
    expect(redactText(once, [], 'note')).toBe(once);
  });

  // A key as a pair's name is judged as it is written, its placeholder (`REDACTED-API-KEY`, a
  // sensitive name): the value goes the first time, as it went the second (session 35 left it open).
  it(`a key, \`=\`, a URL: ${'sk_live_<24>=https://ana:pw@h/?token=t'}`, () => {
    const once = redactText(`sk_live_${A24}=https://ana:pw1234@h.example/p?token=t1234`, [], 'note');
    expect(once).toBe('REDACTED-API-KEY=REDACTED-API-KEY');
    expect(redactText(once, [], 'note')).toBe(once);
  });
});

// Session 36: what session 35 left open, each a case of its own and a shape the generators above draw.
describe('redaction of glued secrets: session 35\'s leftovers', () => {
  const GHP = `ghp_${'A1b2'.repeat(9)}`;
  const AKIA = `AKIA${'B'.repeat(15)}7`;
  const SK = `sk_live_${'C'.repeat(24)}`;
  it.each([
    // A key glued before a scheme that is not special: the scheme, read back from its `://`, took the
    // key's end in, and the key's head was too short to be found.
    [`${GHP}redis://ana:pw1234@h.example:6379/0`, 'REDACTED-TOKENredis://REDACTED-AUTHORIZATION@h.example:6379/0'],
    [`x ${GHP}-postgres://ana:pw1234@db.example/app`, 'x REDACTED-TOKEN-postgres://REDACTED-AUTHORIZATION@db.example/app'],
    [`${AKIA}mongodb+srv://ana:pw1234@c.example/db`, 'REDACTED-API-KEYmongodb+srv://REDACTED-AUTHORIZATION@c.example/db'],
    [`${AKIA}-amqp://ana:pw1234@mq.example/vh`, 'REDACTED-API-KEY-amqp://REDACTED-AUTHORIZATION@mq.example/vh'],
    [`${SK}.rediss://ana:pw1234@h.example`, 'REDACTED-API-KEY.rediss://REDACTED-AUTHORIZATION@h.example'],
    // Schemes of their own stay whole: a driver after `+`, a word standing alone.
    ['git+ssh://ana:pw1234@h.example/r.git', 'git+ssh://REDACTED-AUTHORIZATION@h.example/r.git'],
    ['postgresql+psycopg2://ana:pw1234@db.example/app', 'postgresql+psycopg2://REDACTED-AUTHORIZATION@db.example/app'],
    ['x-redis://ana:pw1234@h.example', 'x-redis://REDACTED-AUTHORIZATION@h.example'],
    // Cards in groups of four, two in a row: one run too long for a card, and both stayed.
    ['4242 4242 4242 4242 4242 4242 4242 4242', 'REDACTED-SECRET REDACTED-SECRET'],
    ['4242-4242-4242-4242-5555-5555-5555-4444', 'REDACTED-SECRET-REDACTED-SECRET'],
    ['pay 4242 4242 4242 4242 4111 1111 1111 1111 5555 5555 5555 4444.', 'pay REDACTED-SECRET REDACTED-SECRET REDACTED-SECRET.'],
    // An id in groups of four that is no pair of cards stays.
    ['1234-5678-9012-3456-7890-1234-5678-9012', '1234-5678-9012-3456-7890-1234-5678-9012'],
    // Two AWS key ids glued: one run of 40 capitals and digits.
    [`${AKIA}${AKIA}`, 'REDACTED-API-KEYREDACTED-API-KEY'],
    [`${AKIA}ASIA${'D'.repeat(16)}${AKIA}`, 'REDACTED-API-KEYREDACTED-API-KEYREDACTED-API-KEY'],
    // A URL percent-encoded after a key (or a name): its password was kept in free text.
    [`${SK}%3Dhttps%3A%2F%2Fana%3Apw1234%40h.example%2Fp`, 'REDACTED-API-KEY%3Dhttps%3A%2F%2FREDACTED-AUTHORIZATION%40h.example%2Fp'],
    ['next=https%3A%2F%2Fana%3Apw1234%40h.example%2Fp&state=s', 'next=https%3A%2F%2FREDACTED-AUTHORIZATION%40h.example%2Fp&state=s'],
    ['go to https%3a%2f%2fh.example%2fcb%3faccess_token%3dabc123 now', 'go to https%3a%2f%2fh.example%2Fcb%3Faccess_token%3DREDACTED-QUERY-SECRET now'],
    // Encoded with nothing to take: byte for byte.
    ['go to https%3a%2f%2fh.example%2fcb%3fq%3d1 now', 'go to https%3a%2f%2fh.example%2fcb%3fq%3d1 now'],
  ])('%s', (text, want) => {
    const once = redactText(text, [], 'note');
    expect(once).toBe(want);
    expect(redactText(once, [], 'note')).toBe(once);
  });
});

// Private by default in every export, not only in the text function: each leftover written where a
// capture holds free text (a header no rule names, a note-like query value, a text body), then shared
// as a bundle and as curl in each shell.
describe('redaction of glued secrets: session 35\'s leftovers, through the exports', () => {
  const GHP = `ghp_${'A1b2'.repeat(9)}`;
  const AKIA = `AKIA${'B'.repeat(15)}7`;
  const values = [
    `${GHP}redis://ana:pw1234@h.example:6379/0`,
    `${AKIA}-amqp://ana:pw1234@mq.example/vh`,
    '4242 4242 4242 4242 5555 5555 5555 4444',
    `${AKIA}${AKIA}`,
    `sk_live_${'C'.repeat(24)}%3Dhttps%3A%2F%2Fana%3Apw1234%40h.example%2Fp`,
    `sk_live_${'C'.repeat(24)}=https://ana:pw1234@h.example/p?token=t1234`,
  ];
  const leaks = /A1b2A1b2|BBBBBBBBBBBBBBB7|pw1234|4242|5555|CCCCCCCCCCCC|t1234/;
  it.each(values)('%s', (value) => {
    const exchange = {
      request: { method: 'POST', headers: [['Origin', 'https://app.example'], ['X-Debug', value]] as [string, string][], initiatorOrigin: 'https://app.example', mode: 'cors' as const, body: `note ${value}` },
      hops: [{ url: `https://api.example/a?v=${encodeURIComponent(value)}`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example']] as [string, string][] } }],
    };
    const bundle = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0', createdAt: '2026-01-01T00:00:00.000Z' }));
    expect(bundle).not.toMatch(leaks);
    for (const shell of ['bash', 'powershell', 'cmd'] as const) expect(curlScriptFor(exchange, shell)).not.toMatch(leaks);
  });
});

// Session 44 (RED4): base64 written plainly, its `+` and `/` as they are, in a header value, a
// query value, free text, a JSON or a form body. Cut at its `/`, its last piece alone looked random
// and went, and the pieces before it stayed in clear. A URL's path is left out: its segments are
// judged one by one (`redact-url.ts`), a path's words.
describe('redaction of base64 written plainly with + and /', () => {
  const piece = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).chain((n) => chars(B64.slice(0, 62), n));
  // Short pieces joined by `/` (at least one holding a `+`), then one that alone looks random (the
  // reviewer's shape); 36 drawn characters of base64 with a `+` and a `/` somewhere; or base64 of
  // random bytes that holds both.
  const head = fc.tuple(piece(1, 6), piece(1, 6)).map(([a, b]) => `${a}+${b}`);
  const shaped = fc.tuple(head, fc.array(piece(1, 12), { maxLength: 2 }), piece(21, 30)).map(([h, more, last]) => [h, ...more, mixed(last)].join('/'));
  const drawn = fc.tuple(chars(B64, 36), fc.integer({ min: 0, max: 36 }), fc.integer({ min: 0, max: 36 })).map(([r, a, b]) => {
    const plus = r.slice(0, a) + '+' + r.slice(a);
    return mixed(plus.slice(0, b) + '/' + plus.slice(b));
  });
  const bytes = fc.uint8Array({ minLength: 18, maxLength: 48 }).map((b) => Buffer.from(b).toString('base64')).filter((t) => t.includes('+') && t.includes('/') && /[0-9]/.test(t));
  const token = fc.tuple(fc.oneof(shaped, drawn), fc.constantFrom('', '=', '==')).map(([t, pad]) => t + pad);
  const written = fc.tuple(fc.constantFrom('', 'v1 ', 'note: ', 'files/', 'id '), fc.oneof(token, bytes), fc.constantFrom('', ' ok', '; path=/a')).map(([lead, t, end]) => ({
    text: lead + t + end,
    // Each piece between its `+`, `/` and `=` (4 characters up, so that none is found by chance in the words around it).
    pieces: t.split(/[+/=]/).filter((p) => p.length >= 4),
  }));
  const ways: [string, Way][] = [
    ...WAYS.filter(([way]) => way !== 'a URL path'),
    // As written, its `+` and `/` not escaped.
    ['a form body', { wrap: (text) => `a=1&v=${text}`, redact: (body) => redactBody(body, [], 'application/x-www-form-urlencoded') }],
  ];

  it.each(ways)('through %s: nothing of it survives, and redacting again changes nothing', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(written, ({ text, pieces }) => {
        const once = redact(wrap(text));
        for (const p of pieces) expect(once).not.toContain(p);
        expect(redact(once)).toBe(once);
      }),
      { seed: 4445, numRuns: 300 },
    );
  }, 120_000);
});

describe('redaction of glued secrets: linear', () => {
  // No clock (speed lives in `npm run bench`): each takes well under a second on these 2 MB texts,
  // where a quadratic scan would run for hours (vitest cannot stop a synchronous call, so the run
  // hangs and CI's time limit fails it).
  it.each([
    ['keys glued to keys', `sk_live_${'A'.repeat(24)}`.repeat(62_500)],
    ['prefix heads at every key end', `sk_live_${'A'.repeat(10)}sk`.repeat(100_000)],
    ['cards joined by dashes', '4111111111111111-'.repeat(117_647)],
    ['runs cut by slashes', 'aZ7/'.repeat(500_000)],
    ['schemes glued after words', 'AAAAAAAAAAhttps://'.repeat(111_111)],
    ['schemes in capitals glued after placeholders', 'REDACTED-TOKENHTTPS://'.repeat(90_909)],
    ['schemes not special glued after keys', `AKIA${'B'.repeat(16)}redis://`.repeat(66_666)],
    ['schemes not special glued after words', 'AAAAAAAAAA-postgres://a:b@'.repeat(76_923)],
    ['cards in groups of four in a row', '4242 4242 4242 4242 '.repeat(100_000)],
    ['digits in groups of four in a row', '1234-5678-'.repeat(200_000)],
    ['key ids glued', `AKIA${'B'.repeat(16)}`.repeat(100_000)],
    ['capitals and digits after a key id', `AKIA${'B'.repeat(16)}`+ 'B'.repeat(2_000_000)],
    ['encoded schemes', 'https%3A%2F%2F'.repeat(142_857)],
    ['encoded URLs with userinfo', 'x%3Dhttps%3A%2F%2Fa%3Ab%40h '.repeat(76_923)],
    ['path segments of base64 before padded heads', `https://h.example${'/aB3/c='.repeat(285_714)}`],
    ['a path of base64 segments, one padded head at the end', `https://h.example${'/aB3'.repeat(500_000)}/x==`],
    ['random runs glued to :// with no scheme', `${'Zx8Kq2Lm9Pq7Rt3Vb5Nc1Xw4://'.repeat(74_074)}`],
    // Session 44: one run of base64 pieces and path words cut by `/`, a random part among them.
    ['base64 pieces cut by slashes, a random part at the end', `${'Zq8W+f3/'.repeat(125_000)}aT7yB2cD4eF6gH8jK0mN1pR3sT5`],
    ['path words cut by slashes, random parts among them', `${'api/v1/aT7yB2cD4eF6gH8jK0mN1pR3sT5/'.repeat(28_571)}`],
  ])('%s', (_about, text) => {
    expect(redactText(text, [], 'note').length).toBeGreaterThan(0);
  });
});

// Session 38: a random run glued straight to `://` (`Zx8Kq2...Fg://example`): the scheme was read as
// short as it can be, its last letter and the digits after, and the run before it judged without
// them; 24 characters in all, or a `-` inside, left a run too short or cut in two, and it stayed.
// The run goes whole now (no part of it is a scheme anyone registers), the URL after it is scanned.
describe('redaction of a random run glued straight to ://', () => {
  const run = fc
    .tuple(chars(ALNUM, 21), fc.integer({ min: 0, max: 24 }), fc.constantFrom('', '-', '_', '+'), fc.integer({ min: 1, max: 20 }))
    .map(([r, extra, sep, at]) => {
      const body = mixed(r + 'xQ4'.repeat(Math.ceil(extra / 3)).slice(0, extra));
      return body.slice(0, at) + sep + body.slice(at);
    });
  const after = fc.constantFrom('example', 'example/p?q=1', 'ana:pw1234xyz@h.example/p', 'h.example/cb?access_token=t1234xyz');
  const windows = (text: string): string[] => Array.from({ length: Math.max(0, text.length - 7) }, (_, i) => text.slice(i, i + 8)).filter((w) => /^[A-Za-z0-9]+$/.test(w));
  it.each(WAYS)('through %s', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(fc.constantFrom('', 'hdr: ', 'x ', 'v='), run, after, (lead, random, url) => {
        const once = redact(wrap(`${lead}${random}://${url}`));
        for (const piece of windows(random)) expect(once).not.toContain(piece);
        expect(once).not.toMatch(/pw1234xyz|t1234xyz/);
        expect(redact(once)).toBe(once);
      }),
      { seed: 3838, numRuns: 400 },
    );
  }, 120_000);

  it.each([
    ['hdr: Zx8Kq2Lm9Pq7Rt3Vb5Nc1Xw4Yz6Ad0Fg://example', 'hdr: REDACTED-OPAQUE-TOKEN://example'],
    ['hdr: Zx8Kq2Lm9Pq7Rt3Vb5Nc1Xw4://example', 'hdr: REDACTED-OPAQUE-TOKEN://example'],
    ['hdr: Zx8Kq2Lm9Pq7-Rt3Vb5Nc1Xw4Yz6Ad0Fg://ana:pw1234@h.example/', 'hdr: REDACTED-OPAQUE-TOKEN://REDACTED-AUTHORIZATION@h.example/'],
    ['hdr: Zx8Kq2Lm9Pq7Rt3Vb5Nc1Xw4Yz6Ad0Fg0123456789://example', 'hdr: REDACTED-OPAQUE-TOKEN://example'],
    // Schemes of their own stay, random or not only by their own words.
    ['mysql+pymysql://ana:pw1234@db.example/app', 'mysql+pymysql://REDACTED-AUTHORIZATION@db.example/app'],
    ['x-foo://h.example/', 'x-foo://h.example/'],
    ['com.example.app2://callback', 'com.example.app2://callback'],
  ])('%s', (text, want) => {
    const once = redactText(text, [], 'note');
    expect(once).toBe(want);
    expect(redactText(once, [], 'note')).toBe(once);
  });
});

// Session 38: base64 with a `/` in a URL's path (`/p/AAAA.../AAAAaZ7==`, then `-https://...` or
// `a://...`): the path was cut into segments, and a URL glued after cut it at the run's own `/`; each
// part too short to look random, the run stayed. A run padded with `=` is judged across its `/`s.
describe('redaction of base64 with slashes in a URL path', () => {
  const A15 = 'A'.repeat(15);
  it.each([
    [`https://api.example/p/${A15}/AAAAAAAAAAAAaZ7==-https://ana:pw1234@h.example/x`, 'https://api.example/p/REDACTED-OPAQUE-TOKEN==-https://REDACTED-AUTHORIZATION@h.example/x'],
    [`https://api.example/p/${A15}/AAAAAAAAAAAAaZ7==`, 'https://api.example/p/REDACTED-OPAQUE-TOKEN=='],
    [`https://api.example/p/${A15}/AAAAAAAAAAAAaZ7==a://h.example/`, 'https://api.example/p/REDACTED-OPAQUE-TOKEN==a://h.example/'],
    // Path words stay: the shortest run of segments that looks random goes, no more.
    ['https://api.example/api/v2/Users/Profile/x', 'https://api.example/api/v2/Users/Profile/x'],
    ['https://api.example/api/v2/Users/Ab3dEfG7hIjK9lMn/OpQrStUvWxYzaZ7==', 'https://api.example/api/v2/Users/REDACTED-OPAQUE-TOKEN=='],
  ])('%s', (url, want) => {
    const once = redactUrl(url);
    expect(once).toBe(want);
    expect(redactUrl(once)).toBe(once);
  });
});

// Session 44 (M6 MEDIUM 2): base64 with its `+`, `/` and `=` percent-escaped, in any way a value is
// written. Its last piece after an escape, 24 characters or more, looked random alone and went as
// written; the run left decoded to nothing random, and the pieces before it stayed in clear.
describe('redaction of base64 written with percent escapes', () => {
  const piece = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).chain((n) => chars(B64.slice(0, 62), n));
  // Short pieces joined by `+` or `/`, then one that alone looks random (the reviewer's shape); or
  // 40 characters of base64 with a `+` or `/` somewhere.
  const shaped = fc.tuple(fc.array(fc.tuple(piece(1, 12), fc.constantFrom('+', '/')), { minLength: 1, maxLength: 3 }), piece(21, 30)).map(([heads, last]) => heads.map(([p, s]) => p + s).join('') + mixed(last));
  const drawn = fc.tuple(chars(B64, 36), fc.constantFrom('+', '/'), fc.integer({ min: 0, max: 36 })).map(([r, s, at]) => mixed(r.slice(0, at) + s + r.slice(at)));
  const token = fc.tuple(fc.oneof(shaped, drawn), fc.constantFrom('', '=', '==')).map(([t, pad]) => t + pad);
  const written = fc.tuple(fc.constantFrom('', 'v1 ', 'note: ', 'files%2F', 'id%3D'), token, fc.constantFrom('', ' ok', '; path=%2Fa')).map(([lead, t, end]) => ({
    text: lead + encodeURIComponent(t) + end,
    // Each piece between its `+`, `/` and `=`: none may survive, escaped or not (4 characters up, so
    // that no piece is found by chance in the words around it).
    pieces: t.split(/[+/=]/).filter((p) => p.length >= 4),
  }));
  const ways: [string, Way][] = [...WAYS, ['a form body', { wrap: (text) => `a=1&v=${text}`, redact: (body) => redactBody(body, [], 'application/x-www-form-urlencoded') }]];

  it.each(ways)('through %s: nothing of it survives, and redacting again changes nothing', (_way, { wrap, redact }) => {
    fc.assert(
      fc.property(written, ({ text, pieces }) => {
        const once = redact(wrap(text));
        for (const p of pieces) {
          expect(once).not.toContain(p);
          expect(once).not.toContain(encodeURIComponent(p));
        }
        expect(redact(once)).toBe(once);
      }),
      { seed: 4444, numRuns: 300 },
    );
  }, 120_000);
});
