// Secrets stay private by default: every export passes headers and URLs through here first.
// Redacted values are replaced by visible placeholders, so a reader sees that something was there
// and which kind of secret it was, and a command stays syntactically runnable.

import type { HeaderLine, HeaderList } from '../cors/exchange.ts';

export type SecretKind = 'cookie' | 'set-cookie' | 'authorization' | 'api-key' | 'token' | 'jwt' | 'query-secret';

export interface Redaction {
  kind: SecretKind;
  /** Where: a header name (lower-case) or `query:<param>`. */
  where: string;
}

/** The placeholder written in place of a secret. ASCII only and free of shell metacharacters. */
export function placeholder(kind: SecretKind): string {
  return `REDACTED-${kind.toUpperCase()}`;
}

// Header names whose whole value is a credential.
const credentialHeaders: ReadonlyMap<string, SecretKind> = new Map([
  ['authorization', 'authorization'],
  ['proxy-authorization', 'authorization'],
  ['cookie', 'cookie'],
  ['set-cookie', 'set-cookie'],
]);

// API-key-like header names: `x-api-key`, `api-key`, `x-auth-token`, `x-csrf-token`, `X-CSRFToken`,
// `x-amz-security-token`, `x-access-token`, `x-client-secret`, `x-goog-api-key`, `private-token`
// (GitLab), ... Secret words anywhere in the name; the short, common words only as a whole segment.
const apiKeyHeaderName = /api[-_]?key|apikey|token|secret|password|passwd|csrf|xsrf|signature|credential/i;
const apiKeyHeaderSegment = /(^|[-_])(session|auth|key)([-_]|$)/i;

// Query parameters that commonly carry secrets.
const secretQueryName =
  /^(api[-_]?key|apikey|key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|auth|authorization|secret|client[-_]?secret|password|passwd|pwd|sig|signature|session|sessionid|sid|code|x-amz-signature|x-amz-security-token|x-amz-credential)$/i;

// A JSON Web Token anywhere in a value: three base64url parts, the first two starting with `eyJ` ('{"').
const jwtPattern = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

// Headers that name CORS things and are never secret even though they match the patterns above
// (`Access-Control-Allow-Credentials`, `Access-Control-Request-Headers: authorization`, ...).
function isCorsProtocolHeader(lowerName: string): boolean {
  return lowerName.startsWith('access-control-') || lowerName === 'origin' || lowerName === 'vary';
}

/** Cookie values are redacted one by one so the names, which often matter for debugging, stay. */
function redactCookieList(value: string, kind: SecretKind): string {
  if (kind === 'set-cookie') {
    // `name=value; Path=/; HttpOnly`: only the first pair is the secret.
    const semicolon = value.indexOf(';');
    const pair = semicolon === -1 ? value : value.slice(0, semicolon);
    const rest = semicolon === -1 ? '' : value.slice(semicolon);
    const equals = pair.indexOf('=');
    return equals === -1 ? placeholder(kind) + rest : `${pair.slice(0, equals + 1)}${placeholder(kind)}${rest}`;
  }
  return value
    .split(';')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1 ? placeholder(kind) : `${part.slice(0, equals + 1)}${placeholder(kind)}`;
    })
    .join(';');
}

/** Keeps an auth scheme (`Bearer`, `Basic`) visible: it often explains a failure. */
function redactAuthorization(value: string): string {
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(\s+)\S/.exec(value);
  return match ? `${match[1]}${match[2]}${placeholder('authorization')}` : placeholder('authorization');
}

export function redactJwts(value: string, found?: Redaction[], where = ''): string {
  return value.replace(jwtPattern, () => {
    found?.push({ kind: 'jwt', where });
    return placeholder('jwt');
  });
}

/** Redacts one header line. `found` collects what was redacted. */
export function redactHeader(line: HeaderLine, found: Redaction[] = []): HeaderLine {
  const [name, value] = line;
  const lowerName = name.toLowerCase();
  const credentialKind = credentialHeaders.get(lowerName);
  if (credentialKind !== undefined) {
    found.push({ kind: credentialKind, where: lowerName });
    if (credentialKind === 'authorization') return [name, redactAuthorization(value)];
    return [name, redactCookieList(value, credentialKind)];
  }
  if (!isCorsProtocolHeader(lowerName) && (apiKeyHeaderName.test(lowerName) || apiKeyHeaderSegment.test(lowerName))) {
    found.push({ kind: lowerName.includes('token') ? 'token' : 'api-key', where: lowerName });
    return [name, placeholder(lowerName.includes('token') ? 'token' : 'api-key')];
  }
  return [name, redactJwts(value, found, lowerName)];
}

export function redactHeaders(headers: HeaderList, found: Redaction[] = []): HeaderLine[] {
  return headers.map((line) => redactHeader(line, found));
}

/**
 * Redacts secret-looking query parameters and JWTs in a URL, leaving everything else byte for byte
 * (no re-serialisation through `URL`, which would re-encode the query).
 */
export function redactUrl(url: string, found: Redaction[] = []): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  let base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  // user:password@ in the authority is a credential too.
  base = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_all, scheme: string) => {
    found.push({ kind: 'authorization', where: 'url-userinfo' });
    return `${scheme}${placeholder('authorization')}@`;
  });
  base = redactJwts(base, found, 'url');
  const query = queryAt === -1 ? '' : `?${redactParameters(beforeHash.slice(queryAt + 1), found)}`;
  // OAuth's implicit flow puts `access_token=...` in the fragment: treated like a query.
  const hash = hashAt === -1 ? '' : `#${redactParameters(url.slice(hashAt + 1), found)}`;
  return base + query + hash;
}

/** `a=1&b=2`: secret-looking parameters redacted, everything else kept byte for byte. */
function redactParameters(parameters: string, found: Redaction[]): string {
  return parameters
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return redactJwts(pair, found, 'url');
      let name = pair.slice(0, equals);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: compare the raw name.
      }
      if (secretQueryName.test(name)) {
        found.push({ kind: 'query-secret', where: `query:${name}` });
        return `${pair.slice(0, equals + 1)}${placeholder('query-secret')}`;
      }
      return redactJwts(pair, found, `query:${name}`);
    })
    .join('&');
}
