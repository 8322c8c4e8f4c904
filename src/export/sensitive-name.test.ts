import { describe, expect, it } from 'vitest';
import { nameSegments, sensitiveNameKind, sensitiveValueKind } from './sensitive-name.ts';

describe('nameSegments', () => {
  it.each([
    ['X-CSRFToken', ['x', 'csrf', 'token']],
    ['user[newPassword]', ['user', 'new', 'password']],
    ['a.b.password', ['a', 'b', 'password']],
    ['SAMLResponse', ['saml', 'response']],
    ['X-RapidAPI-Key', ['x', 'rapid', 'api', 'key']],
    ['token[]', ['token']],
  ])('%s', (name, segments) => expect(nameSegments(name)).toEqual(segments));

  // Cut after a run of capitals instead of before its last one.
  it.each([
    ['APIkey', ['api', 'key']],
    ['JWTsecret', ['jwt', 'secret']],
    ['user_SSHkey', ['user', 'ssh', 'key']],
    ['newPINcode', ['new', 'pin', 'code']],
    ['maxTokens', ['max', 'tokens']],
  ])('%s, cut after capitals', (name, segments) => expect(nameSegments(name, true)).toEqual(segments));
});

describe('sensitiveNameKind: names that hold secrets', () => {
  it.each([
    // Session 29's hostile review: names no list foresaw.
    ['oobCode', 'token'],
    ['backup_codes', 'token'],
    ['recoveryCodes', 'token'],
    ['psk', 'api-key'],
    ['wifi_psk', 'api-key'],
    ['mnemonic', 'secret'],
    ['seedMnemonic', 'secret'],
    ['sess', 'api-key'],
    ['_gh_sess', 'api-key'],
    // The leaks.
    ['auth_token', 'token'],
    ['session_token', 'token'],
    ['private_token', 'token'],
    ['access_key', 'api-key'],
    ['X-Goog-Signature', 'secret'],
    ['X-Goog-Credential', 'secret'],
    ['token_hash', 'token'],
    ['jwt', 'token'],
    ['token[]', 'token'],
    ['user[password]', 'password'],
    ['oauth_token', 'token'],
    ['X-Authorization', 'authorization'],
    ['X-Forwarded-Authorization', 'authorization'],
    ['Authentication', 'authorization'],
    ['X-Amzn-Remapped-Authorization', 'authorization'],
    ['Cookie2', 'cookie'],
    ['newPassword', 'password'],
    ['pass', 'password'],
    ['otp', 'password'],
    ['pin', 'password'],
    ['userPin', 'password'],
    ['pin_code', 'password'],
    ['a.b.password', 'password'],
    // More of the same families.
    ['Authorization', 'authorization'],
    ['Proxy-Authorization', 'authorization'],
    ['x-auth-token', 'token'],
    ['X-CSRFToken', 'token'],
    ['X-XSRF-TOKEN', 'token'],
    ['csrfmiddlewaretoken', 'token'],
    ['authenticity_token', 'token'],
    ['SAMLResponse', 'token'],
    ['bearer', 'token'],
    ['X-API-Key', 'api-key'],
    ['apikey', 'api-key'],
    ['apiKey', 'api-key'],
    ['key', 'api-key'],
    ['Ocp-Apim-Subscription-Key', 'api-key'],
    ['x-session-id', 'api-key'],
    ['PHPSESSID', 'api-key'],
    ['connect.sid', 'api-key'],
    ['client_secret', 'secret'],
    ['X-Hub-Signature-256', 'secret'],
    ['sig', 'secret'],
    ['nonce', 'secret'],
    ['code_verifier', 'secret'],
    ['privateKey', 'api-key'],
    ['X-GitHub-OTP', 'password'],
    ['passwd', 'password'],
    ['pwd', 'password'],
    ['passphrase', 'password'],
    ['cvv', 'password'],
    ['code', 'token'],
    ['auth_code', 'token'],
    ['verification_code', 'token'],
    ['device_code', 'token'],
    ['Sec-Session-Response', 'api-key'],
    ['set-cookie', 'cookie'],
    ['data.code', 'token'],
    ['data[code]', 'token'],
    // Abbreviations real login forms and proxies use.
    ['pw', 'password'],
    ['user_pw', 'password'],
    ['newPw', 'password'],
    ['PW', 'password'],
    ['psw', 'password'],
    ['pswd', 'password'],
    ['creds', 'secret'],
    ['X-Forwarded-Creds', 'secret'],
    ['aws_creds', 'secret'],
    // Session 31: a run of capitals before lower case hid the word (`APIkey` read as `ap`, `ikey`).
    ['APIkey', 'api-key'],
    ['SSHkey', 'api-key'],
    ['JWTkey', 'token'],
    ['AUTHkey', 'authorization'],
    ['PINcode', 'password'],
    ['SIDvalue', 'api-key'],
    ['user.APIkey', 'api-key'],
    // Session 31: payment cards' numbers, expiry and security codes.
    ['card_number', 'secret'],
    ['cardNumber', 'secret'],
    ['cardnumber', 'secret'],
    ['card_no', 'secret'],
    ['cc_number', 'secret'],
    ['ccnum', 'secret'],
    ['creditCard', 'secret'],
    ['debit_card', 'secret'],
    ['pan', 'secret'],
    ['ccn', 'secret'],
    ['cardCode', 'secret'],
    ['card_expiry', 'secret'],
    ['cc_exp', 'secret'],
    ['exp_month', 'secret'],
    ['expYear', 'secret'],
    ['expiration_month', 'secret'],
    ['card[exp_year]', 'secret'],
    ['cvn', 'secret'],
  ])('%s → %s', (name, kind) => expect(sensitiveNameKind(name)).toBe(kind));
});

describe('sensitiveNameKind: names that do not', () => {
  it.each([
    // Headers every exchange carries, including CORS ones whose names contain a secret word.
    'Access-Control-Allow-Origin',
    'Origin',
    'Vary',
    'Content-Type',
    'Keep-Alive',
    'Sec-Fetch-Mode',
    'Sec-Fetch-Site',
    'Accept',
    'Accept-Language',
    'Accept-Encoding',
    'Cache-Control',
    'User-Agent',
    'Referer',
    'Location',
    'Server-Timing',
    'X-Request-Id',
    ':authority',
    // Short words only as whole segments.
    'pinned',
    'spinner',
    'shipping',
    'ping',
    'passenger',
    'bypass',
    'compass',
    'monkey',
    'keyboard',
    'footprint',
    'design',
    'signal',
    'power',
    'pwr',
    'credit',
    'credits',
    'credit_balance',
    'incredible',
    // Authors are not authorization.
    'author',
    'coauthor',
    'authority',
    // Counts of language-model tokens, and tokenizers.
    'max_tokens',
    'prompt_tokens',
    'totalTokenCount',
    'max_output_tokens',
    'tokenizer',
    // `code` that is not an authorization code.
    'country_code',
    'zip_codes',
    'codes',
    'message',
    'assessment',
    'necessary',
    'status_code',
    'zip_code',
    'errorCode',
    'address.country_code',
    'usage.total_tokens',
    // Token counts stay readable when capitals are cut two ways (session 31).
    'maxTokens',
    'totalTokens',
    'tokenCount',
    'maxOutputTokens',
    // A word glued before `token` (session 32): cut before the run's last capital, `LLMtoken` is
    // `ll`, `mtoken`, and the count word after it says what it is.
    'LLMtokenCount',
    'X-LLMTokenCount',
    'llm_tokencount',
    'x-llmtokencount',
    'x-maxtokens',
    'GPTtokenLimit',
    'accessTokenCount',
    'tokenizer',
    'HTMLParser',
    'IPsec',
    'SKUcode',
    // Card fields that are no secret, and words that only look like card ones (session 31): `cc`
    // alone is a mail's carbon copy; a JWT's `exp` and an expiry date are not a card's.
    'card_type',
    'cardBrand',
    'card_last4',
    'cardholder_name',
    'cc',
    'cc_email',
    'exp',
    'expires_at',
    'expiry_date',
    'company',
    'panel',
    'expand',
    'state',
    'page',
    'q',
  ])('%s', (name) => expect(sensitiveNameKind(name)).toBeNull());
});

// `pan` is a card's primary account number, and also a camera's or a map's pan: the value tells them
// apart where one is at hand. A secret missed is worse than a value over-redacted, so only a plain
// number too short for a card (fewer than 12 digits) is let through.
describe('sensitiveValueKind', () => {
  it.each([
    ['pan', '30', 'a camera pan in degrees'],
    ['pan', '-45.5', 'a signed, fractional angle'],
    ['pan', '0.25', 'a normalized position'],
    ['pan', '+10', 'a relative move'],
    ['camera.pan', '180', 'in a dotted path'],
    ['pan', ' 12 ', 'blanks around'],
    ['card_pan', '30', 'under a card word: still too short for a card'],
  ])('%s=%s stays (%s)', (name, value) => expect(sensitiveValueKind(name, value)).toBeNull());

  it.each([
    ['pan', '4111111111111111', 'a card number'],
    ['pan', '4111111111111112', 'a card number failing the Luhn check: the shape rule alone would miss it'],
    ['pan', '9999999999999999', 'sixteen digits with no issuer prefix'],
    ['pan', '4111 1111 1111 1111', 'grouped'],
    ['pan', '411111111111.0', 'twelve digits written as a decimal'],
    ['pan', 'ABCDE1234F', "India's Permanent Account Number, a tax id"],
    ['pan', 'left', 'a word'],
    ['pan', '', 'empty (nothing to take, as for any name)'],
  ])('%s=%s goes (%s)', (name, value) => expect(sensitiveValueKind(name, value)).toBe('secret'));

  it.each([
    ['pin', '1234', 'password'],
    ['password', '30', 'password'],
    ['pan_pin', '30', 'password'],
    ['otp', '123456', 'password'],
    ['token', '42', 'token'],
  ])('a plain number under %s goes: only `pan` has a harmless reading (%s)', (name, value, kind) => expect(sensitiveValueKind(name, value)).toBe(kind));

  it.each(['LLMtokenCount', 'maxTokens', 'tokenCount'])('%s with a count stays, as by its name alone', (name) => expect(sensitiveValueKind(name, '42')).toBeNull());
});

// Session 34: a character no reader sees inside a name (`visible-text.ts`) hid it from the segment
// rules (`p\u200bassword` is `p` and `assword`), while the export showed `password`.
describe('names with characters no reader sees inside', () => {
  it.each([
    ['p\u200bassword', 'password', 'a zero-width space'],
    ['pass\u00adword', 'password', 'a soft hyphen'],
    ['p\u2060assword', 'password', 'a word joiner'],
    ['p\ufeffin', 'password', 'a byte order mark in a short word'],
    ['a\u200bpi_key', 'api-key', 'before a separator'],
    ['s\u3164ession', 'api-key', 'a Hangul filler (default-ignorable)'],
  ])('%j is judged as read (%s)', (name, kind) => {
    expect(sensitiveNameKind(name)).toBe(kind);
    expect(sensitiveValueKind(name, 'hunter2')).toBe(kind);
  });

  it('the name as written counts too: a line break is no letter to join over', () => {
    expect(sensitiveNameKind('x\npin')).toBe('password');
    expect(sensitiveNameKind('x\u200bpin')).toBe('password');
  });

  it('a name that says nothing either way stays', () => {
    expect(sensitiveNameKind('col\u200bor')).toBeNull();
    expect(sensitiveNameKind('a\u200bu\u200bthor')).toBeNull();
  });
});

// Vendors' headers that carry a key or a signed token under a name no general word gives away, whose
// values may be too short or too plain to look random (session 44: a Honeycomb key of one case, a
// DPoP proof or an ALB's OIDC data cut short in a log). A word of theirs alone, or beside another
// vendor's name, says nothing.
describe('vendors’ secret-bearing header names', () => {
  it.each([
    ['X-Honeycomb-Team', 'api-key'],
    ['x-honeycomb-team', 'api-key'],
    ['X-Firebase-AppCheck', 'token'],
    ['x-firebase-appcheck', 'token'],
    ['DPoP', 'token'],
    ['dpop', 'token'],
    ['X-Amzn-Oidc-Data', 'token'],
    ['x-amzn-oidc-data', 'token'],
  ])('%s → %s', (name, kind) => {
    expect(sensitiveNameKind(name)).toBe(kind);
    expect(sensitiveValueKind(name, 'abc123def456')).toBe(kind);
  });

  it.each(['X-Team', 'team', 'X-Honeycomb-Dataset', 'X-Firebase-Locale', 'X-Amzn-Oidc-Identity', 'data', 'X-App-Check-Interval', 'oidc_issuer'])(
    '%s stays',
    (name) => expect(sensitiveNameKind(name)).toBeNull(),
  );
});
