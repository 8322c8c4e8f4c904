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
const base64 = chars(B64, 28).map((r): Secret => ({ text: `${mixed(r)}==`, distinctive: mixed(r) }));
const hex = fc.tuple(chars('0123456789', 20), chars('abcdef', 20)).map(([d, l]): Secret => {
  let run = '';
  for (let i = 0; i < 20; i++) run += d[i]! + l[i]!;
  return { text: run, distinctive: run };
});

const secret = fc.oneof(aws, github, stripe, jwt, card, userinfoUrl, queryUrl, base64, hex);
const separator = fc.constantFrom('-', '_', '.', '/', '=', '', ' ');
// Left open (session 35): a secret's placeholder before a `=` reads, the second time, as a sensitive
// name, and a value the first export kept (a URL it scanned as one) goes whole: see the `it.fails`
// below. The search for a fixed point leaves `=` out until that is fixed.
const fixedPointSeparator = fc.constantFrom('-', '_', '.', '/', '', ' ');
// Joined so that, by design, no rule reads two secrets: a card number and digits joined by nothing
// or a `.` (`4111...4111...`, `4111....0a0a...`), one longer number or a decimal (`payment-card.ts`);
// two AWS key ids joined by nothing, one run of 40 capitals and digits, longer than an id
// (`known-tokens.ts`). Such a pair is joined by a `-` instead.
function digitsJoined(before: string, separator: string, after: string): boolean {
  if (separator === '' && /^AKIA/.test(before) && /^[A-Z0-9]/.test(after)) return true;
  return (separator === '' || separator === '.') && /\d$/.test(before) && /^\d/.test(after) && (/^\d{12,}$/.test(before) || /^\d{12,}$/.test(after));
}

// One-case hex and card numbers are told by thresholds that glue moves: a hex run joined by `-` or
// `_` to more words has more separators than a digest may (`opaque-token.ts`: a slug), and a card
// number followed by a blank or a `-` and a digit reads as a longer run (`payment-card.ts`: an id).
// In the search for leaks such a secret is joined by a `/`; the fixed point is searched for with any.
const LOOSE = /^(?:[0-9a-f]{40}|\d{12,19})$/;

/** One to four secrets, each after a separator (the first after nothing, a label or a name). */
function gluedSecrets(apart: boolean): fc.Arbitrary<{ text: string; secrets: Secret[] }> {
  return fc
    .tuple(fc.constantFrom('', apart ? '' : 'x-', 'note: ', 'v='), fc.array(fc.tuple(apart ? separator : fixedPointSeparator, secret), { minLength: 1, maxLength: 4 }))
    .map(([lead, pieces]) => ({
      text:
        lead +
        pieces
          .map(([sep, s], i) => {
            if (i === 0) return s.text;
            const before = pieces[i - 1]![1].text;
            if (digitsJoined(before, sep, s.text)) return `-${s.text}`;
            if (apart && (LOOSE.test(before) || LOOSE.test(s.text)) && sep !== '/' && sep !== '=') return `/${s.text}`;
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

  // Open: the name before `=` is the key's placeholder the second time, a sensitive name, and the URL
  // the first export scanned as a URL goes whole (nothing leaks; the export is not a fixed point).
  it.fails(`a key, \`=\`, a URL: ${'sk_live_<24>=https://ana:pw@h/?token=t'}`, () => {
    const once = redactText(`sk_live_${A24}=https://ana:pw1234@h.example/p?token=t1234`, [], 'note');
    expect(redactText(once, [], 'note')).toBe(once);
  });
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
  ])('%s', (_about, text) => {
    expect(redactText(text, [], 'note').length).toBeGreaterThan(0);
  });
});
