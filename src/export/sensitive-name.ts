// Which names say "my value is a secret": one rule for header names, query and fragment parameters,
// form fields, JSON members, XML elements and attributes, and multipart fields. By pattern, not by a
// list of known names, because secrets live under names no list foresaw (`X-Amzn-Remapped-
// Authorization`, `user[newPassword]`, `session_token`).
//
// A name is cut into segments at separators and at camelCase humps (`X-CSRFToken` → x, csrf, token;
// `user[newPassword]` → user, new, password). Long, distinctive words match anywhere in a segment
// (`oauth_token`, `PHPSESSID`); short words match only as a whole segment, so `pin` catches `pin` and
// `userPin` but not `pinned` or `spinner`, and `key` catches `api_key` but not `Keep-Alive`.
//
// Accepted false positives (redacted although rarely secret; the header or field name stays, so a
// reader still sees it was there): `Idempotency-Key`, `Sec-WebSocket-Key`, `Public-Key-Pins`,
// `WWW-Authenticate`, `cache_key`, `credentials: "include"`, `cookie_consent`, `x-pass-through`,
// `token_type`, `private=true`, `2faEnabled` (as `otpEnabled`), `"seed": "x7"` (a generator's seed
// that is not a plain number). Deliberately not sensitive: `author`, `authority` (`:authority`),
// counts of language-model tokens (`max_tokens`, `totalTokenCount`, `LLMtokenCount`), `tokenizer`, `code`
// qualified by something other than an authentication word (`country_code`, `status_code`).

import type { SecretKind } from './redaction.ts';
import { withoutUnprintable } from './visible-text.ts';

// Matched anywhere in a segment, first match wins (the kind only names the placeholder).
const SUBSTRING_RULES: readonly (readonly [SecretKind, RegExp])[] = [
  ['cookie', /cookie/],
  ['token', /token|jwt|bearer|csrf|xsrf|saml/],
  // `auth` but not `author`/`authority`; `authorization`/`authorisation` still match.
  ['authorization', /auth(?!or(?!i[sz]))/],
  ['password', /passw|passphrase|passcode|pwd/],
  ['api-key', /apikey|accesskey|session|sessid/],
  // `mnemonic`: a wallet's recovery words (`seedMnemonic`).
  ['secret', /secret|private|credential|signature|hmac|mnemonic/],
  // A payment card's number: `cardnumber`, `creditcard`, `ccnum` (`cardNumber` and `card_number` are
  // two segments, `CARD_FIELDS` below).
  ['secret', /cardnum|creditcard|debitcard|ccnum/],
];

// Matched only as a whole segment.
const SEGMENT_RULES: readonly (readonly [SecretKind, RegExp])[] = [
  // `pw` (`user=ana&pw=...`, `newPw`) and `psw`/`pswd` (a form much copied from tutorials) are
  // password fields in real login forms; as whole segments they do not catch `power` or `pwr`.
  // `pword` is one more such spelling; `2fa`/`twofa` (`X-2fa`) hold a second factor's code, as `otp` does.
  ['password', /^(pass|pw|psw|pswd|pword|otp|totp|hotp|otpcode|2fa|twofa|pin|pincode|cvv2?|cvc2?|ssn)$/],
  // `sess` (`_gh_sess`, `?sess=`) is short for session; `psk` a pre-shared key.
  ['api-key', /^(key|keys|sid|sess|psk|(api|access|secret|private|auth|session|client|master|app|consumer|signing|sign|encryption|license|licence|subscription|server|shared|pass)keys?)$/],
  // `creds` (`X-Forwarded-Creds`, `aws_creds`) is short for credentials; whole segment only, so
  // `credit`, `credits` (a balance) and `incredible` stay.
  ['secret', /^(sig|salt|nonce|verifier|assertion|ticket|creds?)$/],
  // A card's primary account number (`ccn`) and security code (`cvn`, `ccv`; `cvv`, `cvc` are
  // above). `pan` is `PAN_RULE` below.
  ['secret', /^(ccn|cvn|ccv)$/],
];

// `pan`, a card's primary account number, is also a camera's or a map's pan (`?pan=30&tilt=10`,
// `{"pan": -45.5, "zoom": 2}`), and India's Permanent Account Number (`ABCDE1234F`, a tax id as
// private as an `ssn`). The name alone cannot tell them apart; the value can, where one is at hand
// (`sensitiveValueKind`): a plain number with fewer than 12 digits is an angle or a position,
// never a card's number (12 to 19 digits) nor a tax id (letters). Everything else under `pan` goes:
// a card number that fails the Luhn check or has no issuer prefix (which the shape rule of
// `payment-card.ts` would let through), a grouped one (`4111 1111 1111 1111`), a tax id, a word.
// Where no value is at hand (an XML element's name, a multipart field's), `pan` goes as before.
// The cases: `pan=30`, `pan=-45.5`, `"pan": 0.25` stay; `pan=4111111111111111`, `pan=4111111111111112`
// (fails Luhn), `pan=4111 1111 1111 1111`, `pan=ABCDE1234F`, `pan=left` go (`sensitive-name.test.ts`).
const PAN_SEGMENT = 'pan';

// `seed` is a wallet's seed (its recovery words or their hex, as secret as a private key) and also a
// random generator's seed (`"seed": 42`, a language model's sampling): told apart as `pan` is, a
// plain number under it stays (session 44). `seedPhrase` and `seed_words` go by the same segment.
const SEED_SEGMENT = 'seed';

// Words that name a secret only as the whole name (an `x-` before them aside: `X-Magic`), each with
// its kind and whether a value can tell otherwise. A magic link's, a one-time (`ott`), single sign-on
// (`sso`), reset or invite token sent as `?magic=...`, `?reset=...`; a bank's transaction number
// (`tan`, a number itself, so no value tells). Inside longer names they are ordinary words
// (`resetAt`, `inviteCount`, `magicNumber`, `ssoEnabled`, `tangent`), and alone, a flag or a count
// (`reset=1`, `"sso": true`) is no token: `sensitiveValueKind`. Not here, as too generic: `p`
// (pagination), `access` (`"access": "read"`), `answer` (a quiz's; `securityAnswer` goes, below),
// `hash` (a content hash or a route).
const ALONE_WORDS: ReadonlyMap<string, { kind: SecretKind; toldByValue: boolean }> = new Map([
  ['tan', { kind: 'password', toldByValue: false }],
  ['ott', { kind: 'token', toldByValue: true }],
  ['sso', { kind: 'token', toldByValue: true }],
  ['magic', { kind: 'token', toldByValue: true }],
  ['reset', { kind: 'token', toldByValue: true }],
  ['invite', { kind: 'token', toldByValue: true }],
]);

// The answer to a security question is a password by another name (`securityAnswer`,
// `security_answer`); an `answer` alone is a quiz's or a form's, and stays.
const ANSWER_QUALIFIERS = new Set(['security', 'secret', 'challenge', 'recovery']);
// Recovery words under a name other than `mnemonic` or `seed` (`recoveryPhrase`, `backup_phrase`).
const PHRASE_QUALIFIERS = new Set(['recovery', 'backup', 'seed', 'wallet', 'mnemonic', 'secret']);

// Vendors' headers that carry a key or a signed token under words that say nothing elsewhere, whose
// values need not look random (a one-case key, a proof cut short in a log): Honeycomb's API key
// (`X-Honeycomb-Team`), Firebase App Check's token (`X-Firebase-AppCheck`), a DPoP proof (a JWT,
// RFC 9449 section 4.1) and an AWS load balancer's OIDC claims (a signed JWT, `X-Amzn-Oidc-Data`).
// Whole names, read lower-cased and cut into segments, an `x-` before them aside: `team`, `data`,
// `X-Amzn-Oidc-Identity` (the user's subject) and `X-Honeycomb-Dataset` stay.
const VENDOR_NAMES: ReadonlyMap<string, SecretKind> = new Map([
  ['honeycomb team', 'api-key'],
  ['firebase appcheck', 'token'],
  ['dpop', 'token'],
  ['amzn oidc data', 'token'],
  // Session 45. SAML's `RelayState`: an opaque state the service provider gets back with the
  // assertion, often a reference to the session or the deep link it started from (SAML 2.0
  // Bindings, section 3.4.3). OpenID Connect's `login_hint`: the user's e-mail or login, personal
  // data that a shared export must not carry (its `id_token_hint` is a token by its name already).
  // https://docs.oasis-open.org/security/saml/v2.0/saml-bindings-2.0-os.pdf
  // https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
  ['relaystate', 'token'],
  ['relay state', 'token'],
  ['login hint', 'secret'],
  ['loginhint', 'secret'],
]);


// A payment card's number, expiry and security code are data a person must not share by accident:
// `card_number`, `cardNo`, `cc_exp`, `cardCode` (Authorize.net's security code), `card_expiry`. A
// bare `cc` is not judged by its name (in mail APIs it lists carbon-copy addresses); a card number
// under it goes by its shape (`payment-card.ts`), as under any name.
const CARD_WORDS = new Set(['card', 'cc']);
const CARD_FIELDS = new Set(['number', 'num', 'no', 'nr', 'exp', 'expiry', 'expiration', 'expires', 'month', 'year', 'date', 'code', 'csc', 'security']);
// `exp_month`, `expiryYear`: a card's expiry even without `card` (a JWT's `exp` is alone).
const EXPIRY_WORDS = new Set(['exp', 'expiry', 'expiration']);

// `code` is OAuth's authorization code only when alone or next to one of these (`auth_code`,
// `verification_code`, `device_code`); `country_code` and `status_code` are not secrets.
const CODE_QUALIFIERS = new Set([
  'auth', 'oauth', 'authorization', 'verification', 'verify', 'confirmation', 'confirm', 'activation', 'reset', 'recovery',
  'backup', 'security', 'sms', 'email', 'login', 'mfa', '2fa', 'twofa', 'otp', 'one', 'magic', 'invite', 'access', 'device', 'user',
  // Firebase's out-of-band action code (`oobCode`, in e-mail sign-in and reset links).
  'oob',
]);

// Language-model APIs count tokens: `max_tokens`, `prompt_tokens`, `totalTokenCount` hold numbers.
const COUNT_WORDS = new Set(['max', 'min', 'num', 'count', 'total', 'limit', 'remaining', 'used', 'prompt', 'completion', 'input', 'output', 'cached', 'reasoning', 'candidates']);
const COUNT_AFTER_TOKEN = new Set(['count', 'counts', 'limit', 'limits', 'usage', 'budget']);

// Every rule above contains one of these; tested on the whole name before it is cut into segments.
const ANY_RULE = /relay|hint|honeycomb|firebase|dpop|oidc|cookie|token|jwt|bearer|csrf|xsrf|saml|auth|pass|pw|psw|psk|key|sess|secret|private|cred|signature|hmac|mnemonic|otp|pin|cvv|cvc|ssn|sid|sig|salt|nonce|verifier|assertion|ticket|code|card|cc|pan|cvn|exp|pword|2fa|twofa|seed|tan|ott|sso|magic|reset|invite|answer|phrase/i;

// When segments disagree, the most specific kind names the placeholder: `x-auth-token` is a token.
const KIND_RANK: readonly SecretKind[] = ['cookie', 'token', 'authorization', 'password', 'api-key', 'secret'];

type CharClass = 0 | 1 | 2 | 3; // other, upper, lower, digit

function charClass(code: number): CharClass {
  if (code >= 65 && code <= 90) return 1;
  if (code >= 97 && code <= 122) return 2;
  if (code >= 48 && code <= 57) return 3;
  return 0;
}

/**
 * `X-CSRFToken` → [x, csrf, token]; `user[newPassword]` → [user, new, password]. Linear in the name.
 * `afterCapitals` cuts a run of capitals from the lower case after it instead of before the run's last
 * capital: `APIkey` → [api, key] rather than [ap, ikey] (see `sensitiveNameKind`).
 */
export function nameSegments(name: string, afterCapitals = false): string[] {
  const segments: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const here = i < name.length ? charClass(name.charCodeAt(i)) : 0;
    if (here === 0) {
      if (start !== -1) segments.push(name.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start === -1) {
      start = i;
      continue;
    }
    // A hump starts a segment: `newPassword` (lower or digit → upper), `CSRFToken` (the last capital
    // before lower case).
    const before = charClass(name.charCodeAt(i - 1));
    const after = i + 1 < name.length ? charClass(name.charCodeAt(i + 1)) : 0;
    const hump = afterCapitals
      ? (here === 1 && (before === 2 || before === 3)) || (here === 2 && before === 1 && i - 2 >= start && charClass(name.charCodeAt(i - 2)) === 1)
      : here === 1 && (before === 2 || before === 3 || (before === 1 && after === 2));
    if (hump) {
      segments.push(name.slice(start, i).toLowerCase());
      start = i;
    }
  }
  return segments;
}

// A word glued before `token` (`LLMtokenCount`, `llm_tokencount`: cut before the run's last capital,
// `LLMtoken` is `ll`, `mtoken`) leaves a segment ending in `token`; the count word after it says
// what it is, as it does after `token` alone. `accessTokenCount` is a count of tokens too. A
// secret never needs `count`, `limit`, `usage` or `budget` after its name: `X-Session-Token` and
// `csrftoken` have nothing after, and stay secrets.
// Header names are judged lower-cased too (`redact-header.ts`), which joins the words into one
// segment (`x-llmtokencount`, `x-maxtokens`): the count word is then inside it.
const GLUED_COUNT = new RegExp(`token(?:${[...COUNT_AFTER_TOKEN].join('|')})$|(?:${[...COUNT_WORDS].join('|')})tokens$`);

function countsTokens(segments: readonly string[], index: number): boolean {
  const segment = segments[index]!;
  if (/tokeni[sz]/.test(segment) || GLUED_COUNT.test(segment)) return true;
  if (segment.endsWith('tokens')) return hasAny(segments, COUNT_WORDS); // the segment itself ends in `tokens`: no count word
  if (segment.endsWith('token')) return COUNT_AFTER_TOKEN.has(segments[index + 1] ?? '');
  return false;
}

/** Whether the segment at `index` is the whole name, an `x` prefix aside (`X-Magic`). */
function alone(segments: readonly string[], index: number): boolean {
  return segments.every((other, i) => i === index || (i === 0 && other === 'x'));
}

/**
 * The segments of a name as a set, made once per name: the rules below ask whether a qualifier is
 * among them for each of its segments, and reading them all each time was quadratic in a long
 * name (M9: `answer_` repeated to 160,000 characters took 7 s).
 */
const segmentSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function hasAny(segments: readonly string[], words: ReadonlySet<string>): boolean {
  let present = segmentSets.get(segments);
  if (present === undefined) {
    present = new Set(segments);
    segmentSets.set(segments, present);
  }
  for (const word of words) if (present.has(word)) return true;
  return false;
}

const CREDIT_OR_DEBIT = new Set(['credit', 'debit']);

function segmentKind(segments: readonly string[], index: number, pan: boolean): SecretKind | null {
  const segment = segments[index]!;
  if (pan && (segment === PAN_SEGMENT || segment === SEED_SEGMENT)) return 'secret';
  const word = ALONE_WORDS.get(segment);
  if (word !== undefined && (pan || !word.toldByValue) && alone(segments, index)) return word.kind;
  if ((segment === 'answer' || segment === 'answers') && hasAny(segments, ANSWER_QUALIFIERS)) return 'password';
  if (segment === 'phrase' && hasAny(segments, PHRASE_QUALIFIERS)) return 'secret';
  for (const [kind, pattern] of SUBSTRING_RULES) {
    if (kind === 'token' && countsTokens(segments, index)) continue;
    if (pattern.test(segment)) return kind;
  }
  for (const [kind, pattern] of SEGMENT_RULES) if (pattern.test(segment)) return kind;
  if (CARD_FIELDS.has(segment) && hasAny(segments, CARD_WORDS)) return 'secret';
  // `credit_card`, `debitCard`: a number, or an object holding one.
  if (segment === 'card' && hasAny(segments, CREDIT_OR_DEBIT)) return 'secret';
  if ((segment === 'month' || segment === 'year') && hasAny(segments, EXPIRY_WORDS)) return 'secret';
  if (segment === 'code' && (segments.length === 1 || hasAny(segments, CODE_QUALIFIERS))) return 'token';
  // `codes`: a list of them (`backup_codes`, `recoveryCodes`); alone it is more often a list of
  // country or status codes, so only when qualified.
  if (segment === 'codes' && hasAny(segments, CODE_QUALIFIERS)) return 'token';
  return null;
}

/**
 * The kind of secret a value under this name holds, or null when the name says nothing. A dotted or
 * bracketed path (`data.code`, `user[password]`) is judged component by component, so an enclosing
 * object's name does not qualify a field's (`data.code` is an OAuth code; `country_code` is not).
 */
export function sensitiveNameKind(name: string): SecretKind | null {
  return nameKind(name, true);
}

// A plain decimal number (a sign, a fraction): with fewer than 12 digits, it is no card's number;
// a boolean is none either (`reset=true`, `"sso": false`).
const PLAIN_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
const BOOLEAN = /^\s*(?:true|false)\s*$/i;
const MIN_CARD_DIGITS = 12;

/**
 * The kind of secret `value` under `name` is: the name's kind (`sensitiveNameKind`), except under a
 * name whose only secret reading is `pan`, when the value is a plain number too short for a card (a
 * camera's pan angle): see `PAN_SEGMENT`. For callers that have the value (a header's, a URL or form
 * parameter's, a JSON member's, a `name=value` pair's in text).
 */
export function sensitiveValueKind(name: string, value: string): SecretKind | null {
  const kind = nameKind(name, true);
  if (kind === null) return kind;
  if (!BOOLEAN.test(value) && (!PLAIN_NUMBER.test(value) || value.replace(/\D/g, '').length >= MIN_CARD_DIGITS)) return kind;
  return nameKind(name, false);
}

// Anything but printable ASCII: only such a name can hold a character no reader sees.
const NOT_PLAIN = /[^\x20-\x7e]/;

/**
 * A name is judged as written and, when it holds characters no reader sees (`visible-text.ts`), as
 * read with them taken out: `p\u200bassword`, `pass\u00adword`, `\ufeffapi_key` hide `password` and
 * `api_key` from the segment rules (`p` and `assword` say nothing), and whoever reads the export
 * sees the secret's name. Both readings count, the more specific kind winning, so taking a line
 * break out (`x\npin` → `xpin`) loses no kind the name as written had.
 */
function nameKind(name: string, pan: boolean): SecretKind | null {
  const written = writtenNameKind(name, pan);
  if (!NOT_PLAIN.test(name)) return written;
  const read = withoutUnprintable(name);
  if (read === name) return written;
  return moreSpecific(written, writtenNameKind(read, pan));
}

function moreSpecific(a: SecretKind | null, b: SecretKind | null): SecretKind | null {
  if (a === null || b === null) return a ?? b;
  return KIND_RANK.indexOf(b) < KIND_RANK.indexOf(a) ? b : a;
}

const ODD_HUMP = /[a-z][A-Z][A-Za-z]?(?![a-z])/;
// One lower-case letter before a hump (`pWord`): no camelCase word is one letter long.
const ONE_LETTER_HUMP = /(?:^|[^A-Za-z0-9])[a-z][A-Z]/;
// Digits before capitals (`2FA`, `X-2FA`, `code2FA`): the hump after the digits cut `2` from `fa`.
// From a run of digits' first one only (`(?<!\d)`): tried from each digit, a long run with no capital
// after it was read again to its end each time (M9: a 160,000-digit JSON key took 10 s).
const DIGITS_CAPITALS = /(?<!\d)(\d+[A-Z]+)(?![a-z])/g;

function writtenNameKind(name: string, pan: boolean): SecretKind | null {
  // Every rule needs one of these letters in a row; most names (`Content-Type`) have none.
  if (!ANY_RULE.test(name)) return null;
  let best: SecretKind | null = null;
  let bestRank = Infinity;
  for (const component of name.split(/[.[\]]+/)) {
    const vendor = vendorKind(component);
    if (vendor !== null && KIND_RANK.indexOf(vendor) < bestRank) {
      best = vendor;
      bestRank = KIND_RANK.indexOf(vendor);
    }
    // A run of capitals before lower case is cut two ways, each judged: before its last capital
    // (`CSRFToken`: csrf, token) and after the whole run (`APIkey`: api, key; `SSHkey`, `PINcode`,
    // `JWTkey`), which cutting one way alone read as `ap` + `ikey`. The name is not judged lower-cased
    // whole, as header names are (`headerNameKind`): that would join `maxTokens` into `maxtokens` and
    // lose the count word that keeps a language model's token counts readable.
    const cuts = /[A-Z]{2}[a-z]/.test(component) ? [nameSegments(component), nameSegments(component, true)] : [nameSegments(component)];
    // A hump that leaves one or two letters (`pWd`, `pAsSwOrD`) is no camelCase word: the case is
    // mixed, and the name is judged lower-cased too, as a header's is (`pwd`, `password`). Not for
    // `token`, where lower case joins a count word on (`maxTokensIn`: `maxtokensin`).
    const mixed = ODD_HUMP.test(component) || ONE_LETTER_HUMP.test(component) ? cuts.push(nameSegments(component.toLowerCase())) - 1 : -1;
    // `2FA` read as one word, as a header's lower-cased name reads it (`x-2fa`), M8 #5.
    if (/\d[A-Z]/.test(component)) cuts.push(nameSegments(component.replace(DIGITS_CAPITALS, (run: string) => `_${run.toLowerCase()}`)));
    for (const [cut, segments] of cuts.entries()) {
      for (let i = 0; i < segments.length; i++) {
        const kind = segmentKind(segments, i, pan);
        if (kind === null || (cut === mixed && kind === 'token')) continue;
        const rank = KIND_RANK.indexOf(kind);
        if (rank < bestRank) {
          best = kind;
          bestRank = rank;
        }
      }
    }
  }
  return best;
}

/** A vendor's secret-bearing name (`VENDOR_NAMES`), read lower-cased: `X-Firebase-AppCheck` is `firebase appcheck`. */
function vendorKind(component: string): SecretKind | null {
  const segments = nameSegments(component.toLowerCase());
  if (segments[0] === 'x') segments.shift();
  return VENDOR_NAMES.get(segments.join(' ')) ?? null;
}
