// Credentials whose issuer marks them with a prefix, found by it whatever name they are under and
// however they look: an AWS access key id (`AKIA` + 16 capitals and digits, too short and too
// one-case for the random-value rule of `opaque-token.ts`), GitHub, GitLab, Slack, Stripe, Google
// and npm tokens (random in real life, but a test fixture or a weak one need not be). The prefix
// alone says what it is, so a match is a credential with no false positive worth the name.
// Publishable keys (Stripe's `pk_`) are meant to be public and stay.

import type { SecretKind } from './redaction.ts';

interface KnownToken {
  kind: SecretKind;
  pattern: string;
  /**
   * What may not come right before it; by default a letter (a prefix inside a word is no prefix:
   * `task-proj-...` holds no `sk-proj-` key). A `-` or `_` is a boundary, not part of a word here:
   * file names and ids glue words with them (`notes-sk_live_....txt`, `backup_ghp_...`), and the
   * prefix after one is the issuer's. So is a digit (session 42): a number glued before a key
   * (`600AKIA...`, `123ghp_...`, `9sk_live_...`: a count or an id written with no space) does not
   * make the prefix part of a word; read as one, every such key stayed in clear in every export.
   * AWS's key ids are capitals and digits only, so a lower-case word glued before one
   * (`keyAKIA...`, `awsASIA...`) is a label, not part of it: the id is still found there.
   */
  notAfter?: string;
  /**
   * The issuer's fixed length, where it has one: a match of exactly it may start after a letter too
   * (session 43). Glued after a letter (`xghp_<36 letters>`, `sessionnpm_<36>`) a key whose random
   * part has no digit, or one case only, was taken by no rule: `notAfter` read its prefix as part
   * of a word, and the random-value rule (`opaque-token.ts`) wants digits beside both cases. A word
   * that merely ends in a prefix is not followed by exactly the issuer's count of its characters and
   * then a boundary. Not for the issuers whose lengths vary (Stripe, Slack, OpenAI, Anthropic,
   * Stripe's webhook secrets), nor Hugging Face's, whose `hf_` ends ordinary words (`chf_`), nor AWS's
   * after a capital (a run of capitals holds `ASIA` anywhere).
   */
  exact?: string;
}

// A letter or digit: what continues a word. A match may not end inside one; `-` and `_` on either
// side are boundaries (`sk_live_..._old.txt`: Stripe's keys hold neither).
const WORD_CHAR = '[A-Za-z0-9]';
// What a match may not start after: a letter (a digit before a prefix is a boundary, see `notAfter`).
const LETTER = '[A-Za-z]';

// An AWS access key id, and all of one but its last character: what a match may end before
// (another one), and what an id may come after.
const AWS_KEY_ID = '(?:AKIA|ASIA)[A-Z0-9]{16}';
const AWS_KEY_ID_HEAD = '(?:AKIA|ASIA)[A-Z0-9]{15}';

// Each issuer's documented shape; minimum lengths keep a bare prefix in prose (`the ghp_ prefix`) out.
const KNOWN_TOKENS: readonly KnownToken[] = [
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  // Another id may come right before one (two ids glued, one run of 40 capitals and digits:
  // session 36); and right after one, `END`.
  { kind: 'api-key', pattern: '(?:AKIA|ASIA)[A-Z0-9]{16}', notAfter: `(?<!${AWS_KEY_ID_HEAD})[A-Z]` },
  // https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
  // Their length: 36 after the prefix; a fine-grained token's, 22 and 59 around a `_`.
  { kind: 'token', pattern: 'gh[pousr]_[A-Za-z0-9]{30,}', exact: 'gh[pousr]_[A-Za-z0-9]{36}' },
  { kind: 'token', pattern: 'github_pat_[A-Za-z0-9_]{22,}', exact: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}' },
  // https://docs.gitlab.com/ee/security/tokens/#token-prefixes
  // A personal access token's length: 20 after `glpat-`.
  { kind: 'token', pattern: 'gl(?:pat|dt|rt|ptt|oas|cbt)-[A-Za-z0-9_-]{16,}', exact: 'glpat-[A-Za-z0-9_-]{20}' },
  // https://api.slack.com/authentication/token-types
  { kind: 'token', pattern: 'xox[abposre]-[A-Za-z0-9-]{10,}' },
  // https://api.slack.com/authentication/token-types#app (app-level tokens)
  { kind: 'token', pattern: 'xapp-[A-Za-z0-9-]{10,}' },
  // https://docs.stripe.com/keys (secret and restricted keys; `pk_` is publishable)
  { kind: 'api-key', pattern: '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}' },
  // https://cloud.google.com/docs/authentication/api-keys
  { kind: 'api-key', pattern: 'AIza[0-9A-Za-z_-]{35}', exact: 'AIza[0-9A-Za-z_-]{35}' },
  // https://docs.npmjs.com/about-access-tokens
  { kind: 'token', pattern: 'npm_[A-Za-z0-9]{36}', exact: 'npm_[A-Za-z0-9]{36}' },
  // Session 32. https://huggingface.co/docs/hub/security-tokens: `hf_` and letters only, which the
  // random-value rule never takes (it needs digits beside letters of both cases).
  { kind: 'token', pattern: 'hf_[A-Za-z0-9]{30,}' },
  // https://platform.openai.com/docs/api-reference/authentication (project, service account and
  // admin keys) and Anthropic's API and admin keys (`sk-ant-api03-...`).
  { kind: 'api-key', pattern: 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}' },
  { kind: 'api-key', pattern: 'sk-ant-[a-z]{3,5}\\d{2}-[A-Za-z0-9_-]{20,}' },
  // https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys: `SG.` id `.` secret; the
  // dots cut it into runs the random-value rule judges apart, the first too short for it. Issued
  // 22 and 43 long.
  { kind: 'api-key', pattern: 'SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}', exact: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}' },
  // https://docs.stripe.com/webhooks#verify-official-libraries (a webhook's signing secret).
  { kind: 'secret', pattern: 'whsec_[A-Za-z0-9+/=]{24,}' },
  // https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens (admin, custom
  // app, legacy private app tokens, shared secrets): hex after the prefix.
  { kind: 'token', pattern: 'shp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32}', exact: 'shp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32}' },
  // https://age-encryption.org/v1: a secret key, Bech32 in capitals.
  { kind: 'secret', pattern: 'AGE-SECRET-KEY-1[0-9A-Z]{58}', exact: 'AGE-SECRET-KEY-1[0-9A-Z]{58}' },
];

// Right after one of our placeholders is a boundary too: a secret glued after another one
// (`4111111111111111ghp_...`, a card number the scan took first) is found once the first is
// `REDACTED-SECRET`, whose letters would otherwise make the prefix look inside a word. The
// placeholder's words are matched forward from their first `-` (kept in the replacement) with only
// `REDACTED` looked behind for, which a match before may have taken (`ghp_...REDACTED`, cut at the
// `-`). A lookbehind over the words (`[A-Z]+`) walked back over a whole run of capitals at every
// position, quadratic on a long one, and even bounded slowed the whole scan tenfold. Bounded as our
// placeholders are (`REDACTED-` and a kind, `redaction.ts`, or `REDACTED-REST-OF-NAME`: at most
// three words, the longest `AUTHORIZATION`, 13 letters; a test holds each kind to it).
const PLACEHOLDER_WORDS = '-(?<=REDACTED-)[A-Z]{1,13}(?:-[A-Z]{1,13}){0,2}';

// Where a match may end: not inside a word, but before one of our placeholders (`AKIA...REDACTED-SECRET`:
// a card number glued after the key id went first, and its capitals would make the id end inside
// a word; session 35's property test).
// Nor before an AWS access key id that ends at a boundary in turn (`AKIA...AKIA...`, session 36):
// a word of its own glued after, whose capitals and digits could not tell the first id's end.
const WORD_END = `(?!(?!REDACTED-|${AWS_KEY_ID}(?![a-z]))${WORD_CHAR})`;
// Nor before a key at its issuer's exact length that ends so in turn (session 43): found glued after
// a letter, it went first and left `AKIA...REDACTED-TOKEN`, whose id only the second pass took;
// several glued in a row too (`AKIA...ghp_...ghp_...`).
const EXACT_AHEAD = `(?:${KNOWN_TOKENS.flatMap(({ exact }) => (exact === undefined ? [] : [exact])).join('|')})+${WORD_END}`;
const END = `(?!(?!REDACTED-|${AWS_KEY_ID}(?![a-z])|${EXACT_AHEAD})${WORD_CHAR})`;

// Each issuer's shape where it may start: not after `notAfter`, or anywhere at its exact length.
const startingRight = ({ pattern, notAfter = LETTER, exact }: KnownToken): string => `(?<!${notAfter})(?:${pattern})${exact === undefined ? '' : `|${exact}`}`;

// One pass over the text: the alternatives in one expression, each a group, so the match says
// which; then a placeholder's words and the alternatives again, for a secret glued after one.
const ANY_KNOWN = new RegExp(
  `(?:${KNOWN_TOKENS.map((token) => `(${startingRight(token)})`).join('|')}|(${PLACEHOLDER_WORDS})(?:${KNOWN_TOKENS.map(({ pattern }) => `(${pattern})`).join('|')}))${END}`,
  'g',
);

/** Cheap test before the scan: most text holds none of the prefixes. */
export const MAY_HOLD_KNOWN = /AKIA|ASIA|gh[pousr]_|github_pat_|gl[a-z]{2,3}-|xox[abposre]-|xapp-|k_(?:live|test)_|AIza|npm_|hf_|sk-(?:proj|svcacct|admin|ant)-|SG\.|whsec_|shp[a-z]{2}_|AGE-SECRET/;

// One known credential starting exactly where it is tried, and ending at a boundary: the one glued
// after another (see `gluedAfter`).
const KNOWN_AT = new RegExp(`(?:${KNOWN_TOKENS.map(({ pattern }) => `(${pattern})`).join('|')})${END}`, 'y');

// The longest start of a prefix before its `_`, `-` or `.` (`github`): how far back into a match the
// next credential may begin.
const MAX_PREFIX_HEAD = 8;

/**
 * A credential glued after the one that ends at `end`, whose prefix that one's random part took in:
 * `sk_live_<24>sk_live_<24>` matched as `sk_live_<24>sk`, a letter or digit being part of its random
 * part, and left `_live_<24>` as it was (session 35's property test). Where one starts in the last
 * characters before `end` and goes on past it, it is the next credential; null when none does.
 */
function gluedAfter(text: string, end: number, from: number): { start: number; end: number; kind: SecretKind } | null {
  for (let start = Math.max(from, end - MAX_PREFIX_HEAD); start < end; start++) {
    KNOWN_AT.lastIndex = start;
    const next = KNOWN_AT.exec(text);
    if (next === null || start + next[0].length <= end) continue;
    const which = next.slice(1).findIndex((group) => group !== undefined);
    return { start, end: start + next[0].length, kind: KNOWN_TOKENS[which]!.kind };
  }
  return null;
}

// Each issuer's shape, with no boundary after it: where a credential glued before a URL's scheme
// ends, read from the text alone (`ghp_<36>foo+bar://`, `AKIA<16>my.scheme://`; `glued-schemes.ts`).
const ANY_KNOWN_UNBOUNDED = new RegExp(KNOWN_TOKENS.map(({ pattern, notAfter = LETTER }) => `(?<!${notAfter})(?:${pattern})`).join('|'), 'g');

/** Where the last known credential in `text` ends, read with no boundary after it; -1 when none is there. */
export function lastKnownTokenEnd(text: string): number {
  if (!MAY_HOLD_KNOWN.test(text)) return -1;
  let end = -1;
  ANY_KNOWN_UNBOUNDED.lastIndex = 0;
  for (let match = ANY_KNOWN_UNBOUNDED.exec(text); match !== null; match = ANY_KNOWN_UNBOUNDED.exec(text)) end = match.index + match[0].length;
  return end;
}

/**
 * `text` with each known credential replaced by `replacement(kind)`, wherever it starts: after a
 * letter too, where `replaceKnownTokens` reads its prefix as part of a word. For a text that is
 * one word and no prose (a multipart boundary: `xghp_...`), whose random-looking runs no other rule
 * may take. Tried at each position, so for short texts only.
 */
export function replaceKnownTokensAnywhere(text: string, replacement: (kind: SecretKind) => string): string {
  if (!MAY_HOLD_KNOWN.test(text)) return text;
  let out = '';
  let copied = 0;
  for (let start = 0; start < text.length; start++) {
    KNOWN_AT.lastIndex = start;
    const match = KNOWN_AT.exec(text);
    if (match === null) continue;
    out += text.slice(copied, start) + replacement(KNOWN_TOKENS[match.slice(1).findIndex((group) => group !== undefined)]!.kind);
    copied = start + match[0].length;
    start = copied - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `text` with each known credential replaced by `replacement(kind)`. */
export function replaceKnownTokens(text: string, replacement: (kind: SecretKind) => string): string {
  if (!MAY_HOLD_KNOWN.test(text)) return text;
  const count = KNOWN_TOKENS.length;
  let out = '';
  let copied = 0;
  ANY_KNOWN.lastIndex = 0;
  for (let match = ANY_KNOWN.exec(text); match !== null; match = ANY_KNOWN.exec(text)) {
    const words = match[1 + count];
    const first = typeof words === 'string' ? 2 + count : 1;
    let kind = KNOWN_TOKENS[match.slice(first, first + count).findIndex((group) => group !== undefined)]!.kind;
    let start = match.index + (words?.length ?? 0);
    let end = match.index + match[0].length;
    out += text.slice(copied, match.index) + (words ?? '');
    // Credentials glued one after another, each taking the next one's prefix in: one placeholder each.
    for (let next = gluedAfter(text, end, start + 1); next !== null; next = gluedAfter(text, end, start + 1)) {
      out += replacement(kind);
      ({ start, end, kind } = next);
    }
    out += replacement(kind);
    copied = end;
    ANY_KNOWN.lastIndex = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
