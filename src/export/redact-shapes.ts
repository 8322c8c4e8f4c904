// Secrets found by their shape rather than their name: JWTs (`jwt.ts`), random-looking tokens
// (`opaque-token.ts`), `Bearer`/`Basic` credentials (`scheme-credentials.ts`) and those written as
// parameters (`Digest ... response=`: `param-credentials.ts`), userinfo the URL
// scan does not see (`loose-userinfo.ts`), credentials on a command line
// (`command-credentials.ts`), multipart fields whatever their boundary (`form-data-parts.ts`),
// credentials an issuer marks with a prefix (`known-tokens.ts`), payment card numbers
// (`payment-card.ts`), PEM private keys (`private-key.ts`) and password hashes (`password-hash.ts`),
// replaced by placeholders and recorded.

import { replaceCommandCredentials } from './command-credentials.ts';
import { replaceFormDataParts } from './form-data-parts.ts';
import { replaceJwts } from './jwt.ts';
import { replaceKnownTokens, replaceKnownTokensAnywhere } from './known-tokens.ts';
import { replaceLooseUserinfo } from './loose-userinfo.ts';
import { isOpaqueToken, MIN_OPAQUE_LENGTH, replaceOpaqueRuns } from './opaque-token.ts';
import { replaceParamCredentials } from './param-credentials.ts';
import { replaceCardNumbers } from './payment-card.ts';
import { replacePasswordHashes } from './password-hash.ts';
import { replacePrivateKeys } from './private-key.ts';
import { placeholder, record, within, type Redaction, type SecretKind } from './redaction.ts';
import { replaceSchemeCredentials } from './scheme-credentials.ts';

/** What replaces one secret of `kind` found in `where`: its placeholder, the redaction recorded. */
function replacing(kind: SecretKind, found: Redaction[] | undefined, where: string): () => string {
  return () => {
    if (found) record(found, kind, where);
    return placeholder(kind);
  };
}

/** The same for a finder that says which kind it found (and where, within `where`, when `inside` is given). */
function replacingFound(found: Redaction[], where: string): (kind: SecretKind, inside?: string) => string {
  return (kind, inside) => {
    record(found, kind, inside === undefined ? where : within(where, inside));
    return placeholder(kind);
  };
}

/** Every JWS and JWE in `text` replaced by `REDACTED-JWT`. */
export function redactJwts(text: string, found?: Redaction[], where = 'jwt'): string {
  return replaceJwts(
    text,
    replacing('jwt', found, where),
    // A key glued before a token (`ghp_...eyJ...`, `AKIA...eyJ...`): the placeholder after it would
    // make it look inside a word to `known-tokens.ts`, so it is judged here, ending where the token begins.
    (glued) => replaceKnownTokens(glued, (kind) => replacing(kind, found, where)()),
  );
}

/** Every payment card number (`payment-card.ts`) replaced by `REDACTED-SECRET`. */
export function redactCardNumbers(text: string, found: Redaction[], where: string): string {
  return replaceCardNumbers(text, replacing('secret', found, where));
}

/** The body of every PEM private key (`private-key.ts`) replaced by `REDACTED-SECRET`. */
export function redactPrivateKeys(text: string, found: Redaction[], where: string): string {
  return replacePrivateKeys(text, replacing('secret', found, where));
}

/** Every password hash in the modular crypt format (`password-hash.ts`) replaced by `REDACTED-SECRET`. */
export function redactPasswordHashes(text: string, found: Redaction[], where: string): string {
  return replacePasswordHashes(text, replacing('secret', found, where));
}

/** Every random-looking run in `text` replaced by `REDACTED-OPAQUE-TOKEN` (`cutAtSlashes`: see `replaceOpaqueRuns`). */
export function redactOpaqueTokens(text: string, found: Redaction[], where: string, cutAtSlashes = true): string {
  return replaceOpaqueRuns(text, replacing('opaque-token', found, where), cutAtSlashes);
}

/** `Bearer x` / `Basic x` in `value.slice(from, to)` → `Bearer REDACTED-AUTHORIZATION`. */
export function redactSchemeCredentials(value: string, from: number, to: number, found: Redaction[], where: string): string {
  return replaceSchemeCredentials(value, replacing('authorization', found, where), from, to);
}

/** `Digest username="u", response="abc"` → `Digest REDACTED-AUTHORIZATION`. */
export function redactParamCredentials(text: string, found: Redaction[], where: string): string {
  return replaceParamCredentials(text, replacing('authorization', found, where));
}

/** `//user:pw@host`, `https://user:pass word@host` → `//REDACTED-AUTHORIZATION@host`. */
export function redactLooseUserinfo(text: string, found: Redaction[], where: string): string {
  return replaceLooseUserinfo(text, replacing('authorization', found, where));
}

/** `curl -u alice:pw`, `--password pw` → `curl -u REDACTED-AUTHORIZATION`, `--password REDACTED-PASSWORD`. */
export function redactCommandCredentials(text: string, found: Redaction[], where: string): string {
  return replaceCommandCredentials(text, replacingFound(found, where));
}

/** `Content-Disposition: form-data; name="password"` ... → the part's content `REDACTED-PASSWORD`. */
export function redactFormDataParts(text: string, found: Redaction[], where: string): string {
  return replaceFormDataParts(text, replacingFound(found, where));
}

/** `AKIA...`, `ghp_...`, `sk_live_...` → `REDACTED-API-KEY`, `REDACTED-TOKEN`. */
export function redactKnownTokens(text: string, found: Redaction[], where: string): string {
  return replaceKnownTokens(text, replacingFound(found, where));
}

/** `redactKnownTokens`, also where a prefix is glued after a letter (`xghp_...`): for one word, no prose. */
export function redactKnownTokensAnywhere(text: string, found: Redaction[], where: string): string {
  return replaceKnownTokensAnywhere(text, replacingFound(found, where));
}

/**
 * A name with a secret's distinctive shape in it (a JWT, `ghp_…`, `sk_live_…`): that part replaced,
 * as in a value. Methods and a URL's user name are judged by it. Not random-looking runs: real
 * header names such as `X-Amz-Server-Side-Encryption-Customer-Key-MD5` look random to that rule.
 */
export function redactNameShapes(name: string, found: Redaction[], where: string): string {
  // The shortest of these shapes (`xoxb-` and ten more) is 15 long; most names are shorter.
  if (name.length < 15) return name;
  return redactLowerCasedShapes(redactKnownTokens(redactJwts(name, found, where), found, where), found, where);
}

/**
 * A header's or a cookie's name: `redactNameShapes`, and each random-looking word in it
 * (`randomWords`), which a name's `-`, `_`, `.` and other signs cut, so real names stay.
 */
export function redactHeaderNameShapes(name: string, found: Redaction[], where: string): string {
  return randomWords(redactNameShapes(name, found, where), found, where);
}

// Letters and digits, as long as a random-looking run must be: the words of a name.
const LONG_WORD = new RegExp(`[A-Za-z0-9]{${MIN_OPAQUE_LENGTH},}`, 'g');

/**
 * Each word of a name (what `-`, `_`, `.` and other signs cut) that looks random, replaced (session
 * 43): a page can name a header or a cookie after a token (`X-<random>`, `<random>=1`), and none
 * of a name's shapes took one with no issuer's prefix. Real names' words are short. Not in methods,
 * which the engine compares and the exports keep unless a key's or a JWT's shape is in one.
 */
function randomWords(name: string, found: Redaction[], where: string): string {
  if (name.length < MIN_OPAQUE_LENGTH) return name;
  const replacement = replacing('opaque-token', found, where);
  return name.replace(LONG_WORD, (word) => (isOpaqueToken(word) ? replacement() : word));
}

// The engine names headers lower-cased (its reasons, the probe's `--header` names), and so do a
// preflight's Access-Control-Request-Headers and the answer's Access-Control-Allow-Headers: a JWT
// there no longer decodes to its header, nor a key matches its issuer's capitals (`AKIA`, `AIza`,
// `SG.`, `AGE-SECRET-KEY-`), yet either, lower-cased, still gives most of the secret away. In a name,
// where nothing else has these shapes, they go: a key by its prefix and length (after a digit too,
// as in a value: `x-600akia...`), a JWT by its
// `eyj`/`ew` start and its three dotted parts, wherever `jwt.ts` would find one glued (`x-eyj...`,
// `x_eyj...`, `abceyj...`). The other issuers' prefixes are lower-case already (`known-tokens.ts`).
// At the issuer's exact length a key may be glued after a letter too, as in a value (session 43:
// `x-tokenaiza...`); AWS's ids not, lower-cased: `akia`/`asia` end words (`malaysia...`).
const LOWER_CASED_KEYS =
  /(?:(?<![A-Za-z])(?:(?:akia|asia)[a-z0-9]{16}|sg\.[a-z0-9_-]{16,}\.[a-z0-9_-]{16,})|aiza[0-9a-z_-]{35}|sg\.[a-z0-9_-]{22}\.[a-z0-9_-]{43}|age-secret-key-1[0-9a-z]{58})(?![A-Za-z0-9])/gi;

// Maximal runs of base64url characters and dots: each character is in one run, so the scan is linear.
const DOTTED_RUN = /[A-Za-z0-9_.-]+/g;
// `e`, `y`/`w` and at least 12 more: the shortest JOSE header (`{"alg":""}`) is 14 long.
const MIN_HEADER = 14;
// As `jwt.ts` tries a glued header: in a part's last characters only, so a long part stays linear.
const MAX_GLUED_HEADER = 1024;

/** Where, in `part`, a lower-cased JWT header could begin: at a word's start (`x-eyj`) first, else anywhere. -1 when nowhere. */
function lowerCasedHeaderAt(part: string): number {
  let anywhere = -1;
  for (let at = Math.max(0, part.length - MAX_GLUED_HEADER); at <= part.length - MIN_HEADER; at++) {
    const c = part[at];
    const next = part[at + 1];
    if ((c !== 'e' && c !== 'E') || (next !== 'y' && next !== 'Y' && next !== 'w' && next !== 'W')) continue;
    if (at === 0 || part[at - 1] === '-' || part[at - 1] === '_') return at;
    if (anywhere === -1) anywhere = at;
  }
  return anywhere;
}

/** In one run: each part holding a JWT's header start, with the two parts after it, replaced. */
function replaceLowerCasedJwts(run: string, replacement: () => string): string {
  const parts = run.split('.');
  if (parts.length < 3) return run;
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    const at = i + 2 < parts.length ? lowerCasedHeaderAt(parts[i]!) : -1;
    if (at === -1) {
      out.push(parts[i]!);
      i++;
      continue;
    }
    out.push(parts[i]!.slice(0, at) + replacement());
    i += 3;
  }
  return out.join('.');
}

function redactLowerCasedShapes(name: string, found: Redaction[], where: string): string {
  const replace = replacingFound(found, where);
  // age's is a secret key; the others are API keys (`known-tokens.ts`).
  const keys = name.replace(LOWER_CASED_KEYS, (key) => replace(key.length > 70 ? 'secret' : 'api-key'));
  if (keys.indexOf('.') === -1) return keys;
  const jwt = replacing('jwt', found, where);
  return keys.replace(DOTTED_RUN, (run) => replaceLowerCasedJwts(run, jwt));
}
