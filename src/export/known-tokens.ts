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
}

// Each issuer's documented shape; minimum lengths keep a bare prefix in prose (`the ghp_ prefix`) out.
const KNOWN_TOKENS: readonly KnownToken[] = [
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  { kind: 'api-key', pattern: '(?:AKIA|ASIA)[A-Z0-9]{16}' },
  // https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
  { kind: 'token', pattern: 'gh[pousr]_[A-Za-z0-9]{30,}' },
  { kind: 'token', pattern: 'github_pat_[A-Za-z0-9_]{22,}' },
  // https://docs.gitlab.com/ee/security/tokens/#token-prefixes
  { kind: 'token', pattern: 'gl(?:pat|dt|rt|ptt|oas|cbt)-[A-Za-z0-9_-]{16,}' },
  // https://api.slack.com/authentication/token-types
  { kind: 'token', pattern: 'xox[abposre]-[A-Za-z0-9-]{10,}' },
  // https://docs.stripe.com/keys (secret and restricted keys; `pk_` is publishable)
  { kind: 'api-key', pattern: '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}' },
  // https://cloud.google.com/docs/authentication/api-keys
  { kind: 'api-key', pattern: 'AIza[0-9A-Za-z_-]{35}' },
  // https://docs.npmjs.com/about-access-tokens
  { kind: 'token', pattern: 'npm_[A-Za-z0-9]{36}' },
];

// One pass over the text: the alternatives in one expression, each a group, so the match says which.
const ANY_KNOWN = new RegExp(`(?<![A-Za-z0-9_-])(?:${KNOWN_TOKENS.map(({ pattern }) => `(${pattern})`).join('|')})(?![A-Za-z0-9_-])`, 'g');

/** Cheap test before the scan: most text holds none of the prefixes. */
export const MAY_HOLD_KNOWN = /AKIA|ASIA|gh[pousr]_|github_pat_|gl[a-z]{2,3}-|xox[abposre]-|k_(?:live|test)_|AIza|npm_/;

/** `text` with each known credential replaced by `replacement(kind)`. */
export function replaceKnownTokens(text: string, replacement: (kind: SecretKind) => string): string {
  if (!MAY_HOLD_KNOWN.test(text)) return text;
  return text.replace(ANY_KNOWN, (...groups: unknown[]) => {
    const which = groups.slice(1, 1 + KNOWN_TOKENS.length).findIndex((group) => group !== undefined);
    return replacement(KNOWN_TOKENS[which]!.kind);
  });
}
