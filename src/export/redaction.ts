// What a redaction is and how it is written down: the kinds of secret, the placeholder that replaces
// one, and the record of where it was taken from. Every redact-*.ts file reports through `record`.

import { replaceJwts } from './jwt.ts';
import { replaceKnownTokens } from './known-tokens.ts';
import { replaceOpaqueRuns } from './opaque-token.ts';
import { replaceCardNumbers } from './payment-card.ts';
import { replacePrivateKeys } from './private-key.ts';

export type SecretKind =
  | 'cookie'
  | 'set-cookie'
  | 'authorization'
  | 'api-key'
  | 'token'
  | 'jwt'
  | 'query-secret'
  | 'password'
  | 'secret'
  | 'opaque-token';

export const SECRET_KINDS: readonly SecretKind[] = [
  'cookie',
  'set-cookie',
  'authorization',
  'api-key',
  'token',
  'jwt',
  'query-secret',
  'password',
  'secret',
  'opaque-token',
];

export interface Redaction {
  kind: SecretKind;
  /**
   * Where, never the value: a lower-case header name (`cookie`), `query:<param>`, `fragment:<param>`,
   * `url-userinfo`, `url-path`, `body:<field path>`, `note`, and a header name before any of these
   * when the URL or text sat inside a header value (`location:query:code`).
   */
  where: string;
}

/** The placeholder written in place of a secret. ASCII only and free of shell metacharacters. */
export function placeholder(kind: SecretKind): string {
  return `REDACTED-${kind.toUpperCase()}`;
}

const PLACEHOLDER = /^REDACTED-[A-Z-]+$/;

/** Whether a value is already one of our placeholders: redacting twice changes nothing. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

// Names in `where` come from the page: no control characters, and a bounded length, so a listing
// stays one readable line. A name can itself be a secret (a JWT as a JSON key, a random token before
// a `=`, a card number keying a wallet's cards, an AWS key id, a PEM private key): such a part is
// hidden in the listing as it is in the export. The listing is printed by the CLI (the report,
// curl's comments, `share`'s bundle), whose own text is ASCII: a hidden part reads `REDACTED` (as
// the export's placeholders read), a cut listing ends in `...`.
const MAX_WHERE = 120;

function hideSecrets(where: string): string {
  const hidden = () => 'REDACTED';
  // Card numbers part by part: after the `.` of a path (`body:cards.4111...`) a digit run would
  // read as a decimal's digits.
  const cards = where.split(/([.:[\]])/).map((part, i) => (i % 2 === 0 ? replaceCardNumbers(part, hidden) : part)).join('');
  const shaped = replacePrivateKeys(replaceKnownTokens(cards, hidden), hidden);
  return replaceOpaqueRuns(replaceJwts(shaped, hidden), hidden);
}

export function record(found: Redaction[], kind: SecretKind, where: string): void {
  let clean = hideSecrets(where).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  if (clean.length > MAX_WHERE) clean = `${clean.slice(0, MAX_WHERE - 3)}...`;
  found.push({ kind, where: clean });
}

/** `prefix:where`, or `where` alone at the top level. */
export function within(prefix: string, where: string): string {
  return prefix === '' ? where : `${prefix}:${where}`;
}
