import { describe, expect, it } from 'vitest';
import { replaceKnownTokens, replaceKnownTokensAnywhere } from './known-tokens.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactText, redactUrl } from './redact-text.ts';
import { placeholder, SECRET_KINDS } from './redaction.ts';

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
    // Session 34: glued after or before a `-` or `_` (file names, ids): the prefix is still the
    // issuer's. These keys are weak-looking, so the random-value rule does not take them either.
    ['notes-sk_live_xxxxxxxxxxxxxxxxxxxxxxxx.txt', 'notes-<api-key>.txt'],
    ['backup_ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'backup_<token>'],
    ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx_old.txt', '<api-key>_old.txt'],
    ['id-AKIAIOSFODNN7EXAMPLE-2', 'id-<api-key>-2'],
    ['KEY_AKIAIOSFODNN7EXAMPLE', 'KEY_<api-key>'],
    ['my-xoxb-1234567890-abc', 'my-<token>'],
    // Session 42: glued after digits (a count, a status, a line number with no space), each shape:
    // the digits were taken for part of a word, and the key stayed in clear in every export.
    ['600AKIAIOSFODNN7EXAMPLE', '600<api-key>'],
    ['x=42ASIAY34FZKBOKMUTVV7A;', 'x=42<api-key>;'],
    ['123ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '123<token>'],
    ['9sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', '9<api-key>'],
    ['0rk_test_abcdefghij12', '0<api-key>'],
    ['2024github_pat_11ABCDEFG0aaaaaaaaaaaa_bbbbbbbbbb', '2024<token>'],
    ['7glpat-cnry21abcdefghijk', '7<token>'],
    ['1xoxb-1234-cnry19-abcdefgh', '1<token>'],
    ['5AIzaSyAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '5<api-key>'],
    ['8npm_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '8<token>'],
    ['3hf_abcdefghijklmnopqrstuvwxyzABCDEFGH', '3<token>'],
    ['4sk-proj-abcdefghijklmnopqrstuvwxyz', '4<api-key>'],
    ['6SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq', '6<api-key>'],
    ['1whsec_abcdefghijklmnopqrstuvwxyz', '1<secret>'],
    ['2shpat_0123456789abcdef0123456789abcdef', '2<token>'],
    ['v2AKIAIOSFODNN7EXAMPLE', 'v2<api-key>'],
    // Session 43: glued after a letter, at the issuer's exact length, with no digit or one case only
    // (which the random-value rule does not take): the prefix was read as part of a word, and the
    // key stayed in clear in every export.
    [`xghp_${'rvqxlwkqpt'.repeat(3)}rvqxlw`, 'x<token>'],
    [`tokengho_${'A'.repeat(36)}`, 'token<token>'],
    [`id=sessionghs_${'rvqxlwkqpt'.repeat(3)}rvqxlw;`, 'id=session<token>;'],
    [`xgithub_pat_${'a'.repeat(22)}_${'b'.repeat(59)}`, 'x<token>'],
    ['xglpat-abcdefghijklmnopqrst', 'x<token>'],
    [`keyAIza${'a'.repeat(35)}`, 'key<api-key>'],
    [`xnpm_${'rvqxlwkqpt'.repeat(3)}rvqxlw`, 'x<token>'],
    [`xSG.${'a'.repeat(22)}.${'b'.repeat(43)}`, 'x<api-key>'],
    [`xshpat_${'abcdef'.repeat(5)}ab`, 'x<token>'],
    [`xAGE-SECRET-KEY-1${'Q'.repeat(58)}`, 'x<secret>'],
    // And the key before one so glued is found in the same pass (the property test's find: the
    // second pass took `AKIA...` only once the token after it was a placeholder).
    [`AKIAAAAAAAAAAAAAAAAAghp_${'A'.repeat(36)}`, '<api-key><token>'],
    [`AIza${'a'.repeat(35)}npm_${'b'.repeat(36)}`, '<api-key><token>'],
    [`AKIAIOSFODNN7EXAMPLEghp_${'a'.repeat(36)}ghp_${'a'.repeat(36)}`, '<api-key><token><token>'],
    // Not these: a prefix inside a word, too short, a publishable key, prose.
    ['notessk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'notessk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['XAKIAIOSFODNN7EXAMPLE', 'XAKIAIOSFODNN7EXAMPLE'],
    ['task-proj-abcdefghijklmnopqrstuvwxyz', 'task-proj-abcdefghijklmnopqrstuvwxyz'],
    ['chf_abcdefghijklmnopqrstuvwxyzABCDEFGH', 'chf_abcdefghijklmnopqrstuvwxyzABCDEFGH'],
    ['the hf_ and SG. prefixes', 'the hf_ and SG. prefixes'],
    ['SG.abc.def', 'SG.abc.def'],
    ['AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPL'],
    ['pk_live_abcdefghijkl', 'pk_live_abcdefghijkl'],
    ['the ghp_ prefix marks a GitHub token', 'the ghp_ prefix marks a GitHub token'],
    ['xoxb-', 'xoxb-'],
    // Nor a number glued to letters that make no key: a prefix too short after it, or none at all.
    ['600AKIAIOSFODNN7EXAMPL', '600AKIAIOSFODNN7EXAMPL'],
    ['2ghp_abc', '2ghp_abc'],
    ['10sk_live_short', '10sk_live_short'],
    ['1pk_live_abcdefghijkl', '1pk_live_abcdefghijkl'],
    ['3XAKIAIOSFODNN7EXAMPLE', '3XAKIAIOSFODNN7EXAMPLE'],
    // Nor, after a letter, a prefix followed by one character more or less than the issuer's length,
    // nor an issuer's whose lengths vary (`sk_`, `rk_` end words: `work_test_...`).
    [`xghp_${'a'.repeat(35)}`, `xghp_${'a'.repeat(35)}`],
    [`xghp_${'a'.repeat(37)}`, `xghp_${'a'.repeat(37)}`],
    [`laughs_${'a'.repeat(40)}`, `laughs_${'a'.repeat(40)}`],
    ['xglpat-abcdefghijklmnopqrs', 'xglpat-abcdefghijklmnopqrs'],
    [`xnpm_${'a'.repeat(35)}`, `xnpm_${'a'.repeat(35)}`],
    [`MSG.${'a'.repeat(22)}.${'b'.repeat(42)}`, `MSG.${'a'.repeat(22)}.${'b'.repeat(42)}`],
    ['network_test_environmentconfigurations', 'network_test_environmentconfigurations'],
  ])('%s', (text, expected) => expect(redact(text)).toBe(expected));

  it('after each of our placeholders, a prefix is at a boundary', () => {
    // The scan bounds what it takes for a placeholder (`known-tokens.ts`): each one must fit it.
    const token = `ghp_${'a'.repeat(36)}`;
    for (const before of [...SECRET_KINDS.map(placeholder), 'REDACTED-REST-OF-NAME']) expect(redact(`${before}${token}`)).toBe(`${before}<token>`);
  });

  it('is linear on a long run of capitals', () => {
    // No clock here (speed lives in `npm run bench`): the scan takes milliseconds on these 2 MB
    // texts, where a quadratic one (a lookbehind walking back over the capitals at every position)
    // would run for hours and never finish: vitest cannot stop a
    // synchronous call at its 30 s timeout, so the run hangs and CI's time limit fails it.
    const capitals = 'A'.repeat(2_000_000);
    expect(redact(`${capitals} AKIA`)).toBe(`${capitals} AKIA`);
    expect(redact(`REDACTED-${capitals}-AKIAIOSFODNN7EXAMPLE`)).toBe(`REDACTED-${capitals}-<api-key>`);
    expect(redactText(`${capitals}-AKIA`, [], 'note')).toBe(`${capitals}-AKIA`);
  });
});

describe('replaceKnownTokensAnywhere: in one word, after a letter too', () => {
  const mark = (kind: string) => `<${kind}>`;
  it.each([
    ['xghp_CtQ1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsAbCd', 'x<token>'],
    ['abcsk_live_rvqxlwkqptrvnzmxbjhygdfs--xAKIAIOSFODNN7EXAMPLE', 'abc<api-key>--x<api-key>'],
    ['----WebKitFormBoundary7MA4YWxkTrZu0gW', '----WebKitFormBoundary7MA4YWxkTrZu0gW'],
    ['----geckoformboundary9f2c1e7a3b4d5c6e7f8091a2b3c4d5e6', '----geckoformboundary9f2c1e7a3b4d5c6e7f8091a2b3c4d5e6'],
  ])('%s', (text, expected) => {
    expect(replaceKnownTokensAnywhere(text, mark)).toBe(expected);
    // Where a prefix is at a word's start, both read the same.
    if (!/[A-Za-z](?:ghp_|sk_|AKIA)/.test(text)) expect(replaceKnownTokens(text, mark)).toBe(expected);
  });
});

describe('known tokens through the exports', () => {
  it('under a neutral header, in a JSON body, in a URL', () => {
    expect(redactHeader(['X-Aws', 'AKIAIOSFODNN7EXAMPLE'])[1]).toBe('REDACTED-API-KEY');
    expect(redactBody('{"t":["glpat-cnry21abcdefghijk","key AKIAIOSFODNN7EXAMPLE"]}', [], 'application/json')).toBe('{"t":["REDACTED-TOKEN","key REDACTED-API-KEY"]}');
    expect(redactUrl('https://a.example/x?k=AKIAIOSFODNN7EXAMPLE&page=2')).toBe('https://a.example/x?k=REDACTED-API-KEY&page=2');
  });

  it('glued after a `-` in a multipart file name, a URL path and query, a header value, a JSON body', () => {
    // Weak-looking (no digit, one case): only the prefix tells it, and a `-` before it hid it.
    const key = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';
    const part = `--b\r\nContent-Disposition: form-data; name="file"; filename="notes-${key}.txt"\r\n\r\nhello\r\n--b--\r\n`;
    expect(redactBody(part, [], 'multipart/form-data; boundary=b')).toBe(part.replace(key, 'REDACTED-API-KEY'));
    expect(redactUrl(`https://a.example/files/notes-${key}.txt?f=notes-${key}`)).toBe('https://a.example/files/notes-REDACTED-API-KEY.txt?f=notes-REDACTED-API-KEY');
    expect(redactHeader(['X-File', `notes-${key}.txt`])[1]).toBe('notes-REDACTED-API-KEY.txt');
    expect(redactHeader(['ETag', `"v1-${key}"`])[1]).toBe('"v1-REDACTED-API-KEY"');
    expect(redactBody(`{"file":"notes-${key}.txt"}`, [], 'application/json')).toBe('{"file":"notes-REDACTED-API-KEY.txt"}');
  });

  it('glued right after another secret: after its placeholder, the prefix is at a boundary', () => {
    // The card number goes first (`REDACTED-SECRET`), and its capitals hid the `ghp_` after them.
    expect(redactText(`4111111111111111ghp_${'a'.repeat(36)}`, [], 'note')).toBe('REDACTED-SECRETREDACTED-TOKEN');
    expect(redactText('x=4111111111111111AKIAIOSFODNN7EXAMPLE', [], 'note')).toBe('x=REDACTED-SECRETREDACTED-API-KEY');
  });

  it('glued after digits, in a header value, a URL path and query, a header name, a body (session 42)', () => {
    const aws = 'AKIAIOSFODNN7EXAMPLE';
    const github = `ghp_${'a'.repeat(36)}`;
    expect(redactHeader(['X-Trace', `600${aws}`])[1]).toBe('600REDACTED-API-KEY');
    expect(redactHeader(['X-Trace', `id=123${github}`])[1]).toBe('id=123REDACTED-TOKEN');
    expect(redactUrl(`https://a.example/k/600${aws}/x?t=9${github}&page=2`)).toBe('https://a.example/k/600REDACTED-API-KEY/x?t=9REDACTED-TOKEN&page=2');
    expect(redactHeader([`X-600${aws}`, '1'])[0]).toMatch(/^X-600REDACTED-API-KEY/);
    expect(redactHeader(['Access-Control-Request-Headers', `x-600${aws.toLowerCase()}`])[1]).not.toContain('iosfodnn7example');
    expect(redactBody(`{"n":"42${aws}"}`, [], 'application/json')).toBe('{"n":"42REDACTED-API-KEY"}');
  });

  it('glued after a letter at the issuer\'s length, in a header value, a URL, a header name and its lower-cased copy, a body (session 43)', () => {
    const github = `ghp_${'rvqxlwkqpt'.repeat(3)}rvqxlw`;
    const google = `AIza${'rvqxlwkqpt'.repeat(3)}rvqxl`;
    expect(redactHeader(['X-Build', `x${github}`])[1]).toBe('xREDACTED-TOKEN');
    expect(redactUrl(`https://a.example/k/x${github}/y?t=sid${github}&page=2`)).toBe('https://a.example/k/xREDACTED-TOKEN/y?t=sidREDACTED-TOKEN&page=2');
    expect(redactHeader([`X-Key${google}`, '1'])[0]).toMatch(/^X-KeyREDACTED-API-KEY/);
    expect(redactHeader(['Access-Control-Request-Headers', `x-key${google.toLowerCase()}`])[1]).not.toContain('rvqxlwkqpt');
    expect(redactBody(`{"n":"key${github}"}`, [], 'application/json')).toBe('{"n":"keyREDACTED-TOKEN"}');
  });

  it('takes nothing from ordinary values with numbers glued to letters', () => {
    for (const line of [
      ['Cache-Control', 'max-age=600, s-maxage=3600, stale-while-revalidate=60'],
      ['Access-Control-Max-Age', '600'],
      ['ETag', '"33a64df551425fcc55e4d42a148795d9f25f89d4"'],
      ['ETag', 'W/"5e-1Zp3Hv8kZ2xQ0h9ylbjN4bC5gQk"'],
      ['Content-Length', '1048576'],
      ['Date', 'Mon, 07 Dec 2026 14:26:14 GMT'],
      ['X-Request-Id', '3f2c9a4e-8b1d-4c6e-9f0a-2b7d5e1c8a93'],
      ['Server-Timing', 'db;dur=53, app;dur=47.2'],
      ['Accept', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'],
      ['X-Build', '2024ASIA-release-16b'],
      ['X-Sku', '4x4AKIAHOME'],
    ] as const) {
      expect(redactHeader([line[0], line[1]])).toEqual([line[0], line[1]]);
    }
  });

  it('kept out of nothing: an ETag or a request id holding one still loses it', () => {
    expect(redactHeader(['X-Request-Id', 'AKIAIOSFODNN7EXAMPLE'])[1]).toBe('REDACTED-API-KEY');
  });
});
