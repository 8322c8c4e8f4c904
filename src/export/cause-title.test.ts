import { describe, expect, it } from 'vitest';
import { causeTitle, causeTitleIn, type DistinctCause, distinctTitles, type TitledCause } from './cause-title.ts';

const blocked = (corsError: string, parameter: string | null = ''): TitledCause => ({ verdict: 'blocked', corsError, parameter });

// A title is worded from the key alone (verdict, error, value), so it is true of every request of the cause.
const titles: [string, TitledCause, string][] = [
  ['a refused header', blocked('HeaderDisallowedByPreflightResponse', 'x-trace'), 'x-trace not in Access-Control-Allow-Headers'],
  ['a refused method', blocked('MethodDisallowedByPreflightResponse', 'PUT'), 'PUT not in Access-Control-Allow-Methods'],
  // Not "the page's origin": after a cross-origin redirect the request's Origin is `null`, and the value may be the page's.
  ['a mismatch', blocked('AllowOriginMismatch', 'https://app.example'), "Access-Control-Allow-Origin is https://app.example, not the request's Origin"],
  ['a mismatch on the preflight', blocked('PreflightAllowOriginMismatch', 'https://x.example'), "Access-Control-Allow-Origin on the preflight is https://x.example, not the request's Origin"],
  // The demo's tainted-origin case: the value is the page's own origin; what failed is the Origin, null after the redirect (the row's words too).
  ['a mismatch after a redirect made the Origin null', { ...blocked('AllowOriginMismatch', 'https://app.example'), originTainted: true }, 'Origin became null after a cross-origin redirect, but Access-Control-Allow-Origin is https://app.example'],
  ['the same on the preflight', { ...blocked('PreflightAllowOriginMismatch', 'https://app.example'), originTainted: true }, "Origin became null after a cross-origin redirect, but the preflight's Access-Control-Allow-Origin is https://app.example"],
  // Keyed by the refusing answer's status: every member's preflight got 404, and the row says so too.
  ['a preflight refused with 404', { ...blocked('PreflightMissingAllowOriginHeader'), refused: { status: 404, edge: null, stack: 'nginx' } }, 'Preflight got 404 without Access-Control-Allow-Origin'],
  // The same status with Access-Control-Allow-Origin: Chromium's other code, and other words (only the status must change).
  ['a preflight refused with 404 that allowed the origin', { ...blocked('PreflightInvalidStatus'), refused: { status: 404, edge: null, stack: 'nginx' } }, 'Preflight got 404 with Access-Control-Allow-Origin'],
  // No status: one member's preflight got 404, another's 204.
  ['no Allow-Origin on the preflight', blocked('PreflightMissingAllowOriginHeader'), 'Preflight lacks Access-Control-Allow-Origin'],
  ['a preflight status', blocked('PreflightInvalidStatus'), 'Preflight status not 2xx'],
  // No error status: one member got a 500 without CORS headers, another a 200.
  ['no Allow-Origin', blocked('MissingAllowOriginHeader'), 'No Access-Control-Allow-Origin'],
  ['the wildcard', blocked('WildcardOriginNotAllowed'), 'Wildcard origin with credentials'],
  ["the wildcard's preflight twin", blocked('PreflightWildcardOriginNotAllowed'), 'Wildcard origin with credentials on the preflight'],
  ["the list's preflight twin", blocked('PreflightMultipleAllowOriginValues', 'a, b'), 'Several origins in Access-Control-Allow-Origin on the preflight'],
  ['a credentials value', blocked('InvalidAllowCredentials', 'True'), 'Access-Control-Allow-Credentials is True, must be exactly true'],
  // Chromium names '' for both: the cause's reason tells them apart.
  ['no credentials header', { ...blocked('InvalidAllowCredentials'), reason: 'no-allow-credentials' }, 'Missing Access-Control-Allow-Credentials'],
  ['an empty credentials header', { ...blocked('InvalidAllowCredentials'), reason: 'allow-credentials-not-true' }, 'Empty Access-Control-Allow-Credentials, must be exactly true'],
  ["an empty credentials header's preflight twin", { ...blocked('PreflightInvalidAllowCredentials'), reason: 'allow-credentials-not-true' }, 'Empty Access-Control-Allow-Credentials, must be exactly true on the preflight'],
  ['no preflight twin to tell apart', blocked('InvalidAllowMethodsPreflightResponse'), 'Unparsable Access-Control-Allow-Methods'],
  ['a network error', { verdict: 'network-error', corsError: null, parameter: 'net::ERR_CONNECTION_REFUSED' }, 'Connection refused (net::ERR_CONNECTION_REFUSED)'],
  ['a network error without text', { verdict: 'network-error', corsError: null, parameter: null }, 'Network error'],
  ['an uncertain verdict', { verdict: 'uncertain', corsError: null, parameter: null }, 'Cannot tell from what was captured'],
  ["a code this engine does not know (a bundle's)", blocked('SomeFutureError'), 'SomeFutureError'],
  ['a long value, cut', blocked('HeaderDisallowedByPreflightResponse', 'x'.repeat(200)), `${'x'.repeat(79)}… not in Access-Control-Allow-Headers`],
];

describe('causeTitle', () => {
  it.each(titles)('%s', (_name, cause, title) => expect(causeTitle(cause)).toBe(title));
});

// Review of session 42: the CLI prints ASCII, and a title it printed cut a long value with `…`.
// It marks the cut with `...` (`CauseGroups.groups`), the panel and the viewer with `…`.
describe('causeTitle: the cut mark', () => {
  const long = blocked('AllowOriginMismatch', `https://app.example/${'x'.repeat(100)}`);
  it('is the one asked for, and the value as long either way', () => {
    expect(causeTitle(long)).toBe(`Access-Control-Allow-Origin is https://app.example/${'x'.repeat(59)}\u2026, not the request's Origin`);
    expect(causeTitleIn(long, 'chromium', '...')).toBe(`Access-Control-Allow-Origin is https://app.example/${'x'.repeat(57)}..., not the request's Origin`);
    expect(causeTitleIn({ ...blocked('HeaderDisallowedByPreflightResponse', 'x'.repeat(400)) }, 'firefox', '...')).toMatch(/^x{77}\.\.\. not in/);
  });

  it('and where titles alike are told apart by their values', () => {
    const causes = [on(A, blocked('MultipleAllowOriginValues', `a,${'b'.repeat(100)}`)), on(A, blocked('MultipleAllowOriginValues', `a,${'c'.repeat(100)}`))];
    const titles = distinctTitles(causes, causes.map((cause) => causeTitleIn(cause, 'chromium', '...')), false, '...');
    expect(titles.join('\n')).not.toMatch(/[^\x00-\x7f]/);
    expect(titles[0]).toBe(`Several origins in Access-Control-Allow-Origin ("a,${'b'.repeat(75)}...")`);
  });
});

// Session 34's hostile review: `jq -r '.groups[].title'` printed a hand-made HAR's error text with its
// CR, LF and escape sequences (the window retitled, the screen cleared). A title quotes its value as
// every other of the engine's words does: each control and bidi character as `\uXXXX`.
describe('causeTitle of hostile values: no control or bidi character raw', () => {
  const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
  it.each<[string, TitledCause, string]>([
    ["a network error's text", { verdict: 'network-error', corsError: null, parameter: 'net::ERR_FAILED\r\n\u001b]0;PWNED\u0007\u001b[2J' }, 'Network error (net::ERR_FAILED\\u000D\\u000A\\u001B]0;PWNED\\u0007\\u001B[2J)'],
    ['a refused header', blocked('HeaderDisallowedByPreflightResponse', 'x-a\u009b2J\u202e'), 'x-a\\u009B2J\\u202E not in Access-Control-Allow-Headers'],
    ['a mismatch', blocked('AllowOriginMismatch', 'https://a.example\n\u2066'), "Access-Control-Allow-Origin is https://a.example\\u000A\\u2066, not the request's Origin"],
    ["a bundle's unknown code", blocked('Some\u001b[2JError'), 'Some\\u001B[2JError'],
  ])('%s', (_name, cause, title) => {
    expect(causeTitle(cause)).toBe(title);
    expect(causeTitleIn(cause, 'firefox')).not.toMatch(RAW);
  });

  it('nor where titles alike are told apart by their values', () => {
    const causes = [on(A, blocked('MultipleAllowOriginValues', 'a,\u202eb')), on(A, blocked('MultipleAllowOriginValues', 'a,\u0085b'))];
    expect(distinctTitles(causes, causes.map(causeTitle))).toEqual([
      'Several origins in Access-Control-Allow-Origin ("a,\\u202Eb")',
      'Several origins in Access-Control-Allow-Origin ("a,\\u0085b")',
    ]);
  });
});

// Under Firefox's rules a Chromium capture's net:: code is no word of Firefox's; a Firefox capture's own note stays.
describe('causeTitleIn Firefox', () => {
  it.each<[string, TitledCause, string]>([
    ['a network error', { verdict: 'network-error', corsError: null, parameter: 'net::ERR_CONNECTION_REFUSED' }, 'Connection refused'],
    ['an uncertain verdict', { verdict: 'uncertain', corsError: null, parameter: 'net::ERR_FAILED' }, 'Cannot tell from what was captured'],
    ["a Firefox capture's note", { verdict: 'network-error', corsError: null, parameter: 'no response (Firefox DevTools HAR records no error)' }, 'Network error (no response (Firefox DevTools HAR records no error))'],
    ['a refused header', blocked('HeaderDisallowedByPreflightResponse', 'x-trace'), 'x-trace not in Access-Control-Allow-Headers'],
  ])('%s', (_name, cause, title) => expect(causeTitleIn(cause, 'firefox')).toBe(title));
});

const on = (apiOrigin: string, cause: TitledCause): DistinctCause => ({ apiOrigin, ...cause });
const A = 'https://a.example';
const B = 'https://b.example';

// Causes whose titles read alike say what tells them apart; the others are left as they are.
const distinct: [string, DistinctCause[], boolean, string[]][] = [
  ['nothing alike', [on(A, blocked('MissingAllowOriginHeader')), on(A, blocked('WildcardOriginNotAllowed'))], false, ['No Access-Control-Allow-Origin', 'Wildcard origin with credentials']],
  [
    'the same cause on two API origins',
    [on(A, blocked('MissingAllowOriginHeader')), on(B, blocked('MissingAllowOriginHeader')), on(A, blocked('WildcardOriginNotAllowed'))],
    false,
    [`No Access-Control-Allow-Origin (on ${A})`, `No Access-Control-Allow-Origin (on ${B})`, 'Wildcard origin with credentials'],
  ],
  // Members refused at a redirect's target: the bracket does not put the failure on the first server.
  [
    'the same cause on two API origins, one failing after a redirect',
    [{ ...on(A, blocked('MissingAllowOriginHeader')), fixOn: [{ origin: 'https://cdn.example' }] }, { ...on(B, blocked('MissingAllowOriginHeader')), fixOn: [{ origin: B }] }],
    false,
    [`No Access-Control-Allow-Origin (requests to ${A})`, `No Access-Control-Allow-Origin (on ${B})`],
  ],
  ['the same, the origin shown beside', [on(A, blocked('MissingAllowOriginHeader')), on(B, blocked('MissingAllowOriginHeader'))], true, ['No Access-Control-Allow-Origin', 'No Access-Control-Allow-Origin']],
  [
    'two codes with the same words',
    [on(A, blocked('PreflightMissingAllowExternal')), on(A, blocked('PreflightMissingAllowPrivateNetwork'))],
    false,
    ['Private network preflight not allowed (PreflightMissingAllowExternal)', 'Private network preflight not allowed (PreflightMissingAllowPrivateNetwork)'],
  ],
  [
    'two values the words do not quote',
    [on(A, blocked('MultipleAllowOriginValues', 'a, b')), on(A, blocked('MultipleAllowOriginValues', ''))],
    false,
    ['Several origins in Access-Control-Allow-Origin ("a, b")', 'Several origins in Access-Control-Allow-Origin (no value)'],
  ],
  // The status is in the words already: the bracket names only the layer that answered.
  [
    'one status from two layers',
    [
      on(A, { ...blocked('PreflightMissingAllowOriginHeader'), refused: { status: 404, edge: null, stack: 'express' } }),
      on(A, { ...blocked('PreflightMissingAllowOriginHeader'), refused: { status: 404, edge: null, stack: 'nginx' } }),
      on(A, { ...blocked('PreflightMissingAllowOriginHeader'), refused: { status: 404, edge: null, stack: null } }),
    ],
    false,
    [
      'Preflight got 404 without Access-Control-Allow-Origin (from express)',
      'Preflight got 404 without Access-Control-Allow-Origin (from nginx)',
      'Preflight got 404 without Access-Control-Allow-Origin (from a server not recognised)',
    ],
  ],
  // One status, with and without Access-Control-Allow-Origin: the words tell them apart, not Chromium's code.
  [
    'one status, with and without Access-Control-Allow-Origin',
    [
      on(A, { ...blocked('PreflightMissingAllowOriginHeader'), refused: { status: 401, edge: null, stack: null } }),
      on(A, { ...blocked('PreflightInvalidStatus'), refused: { status: 401, edge: null, stack: null } }),
    ],
    false,
    ['Preflight got 401 without Access-Control-Allow-Origin', 'Preflight got 401 with Access-Control-Allow-Origin'],
  ],
  // Session 43: the key's `null` read "(on null)", an origin a server could be told to allow.
  [
    'the same cause on a URL that is no URL, on an opaque origin and on an API origin',
    [
      { ...on('null', blocked('CorsDisabledScheme')), noApiOrigin: 'the captured URL is not a valid URL' },
      on('null', blocked('CorsDisabledScheme')),
      { ...on('null', blocked('CorsDisabledScheme')), fixOn: [{ origin: B }] },
      on(A, blocked('CorsDisabledScheme')),
    ],
    false,
    [
      'Scheme does not support CORS (the captured URL is not a valid URL)',
      'Scheme does not support CORS (on an opaque origin)',
      'Scheme does not support CORS (requests to an opaque origin)',
      `Scheme does not support CORS (on ${A})`,
    ],
  ],
];

describe('distinctTitles', () => {
  it.each(distinct)('%s', (_name, causes, originShown, expected) => expect(distinctTitles(causes, causes.map(causeTitle), originShown)).toEqual(expected));
});
