// JSON Web Tokens found by their structure, not by their first letters: a JWS is three base64url
// parts (https://www.rfc-editor.org/rfc/rfc7515#section-7.1), a JWE five
// (https://www.rfc-editor.org/rfc/rfc7516#section-7.1), and the first part decodes to a JSON object
// with an `alg` member. Checking `eyJ` only misses a header written with a space (`{ "alg": ... }`
// encodes as `eyAi...`) or with another member first.
//
// Linear in the text: maximal runs of base64url characters and dots are cut at the dots once, and a
// part is decoded only when it is long enough to hold `{"alg":""}`. Detection only: what replaces a
// token, and the record of it, is the caller's (`redact-shapes.ts`).

const RUN = /[A-Za-z0-9_.-]+/g;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
// base64url of the shortest header with an `alg` member, `{"alg":""}`.
const MIN_HEADER_LENGTH = 14;

function decodeBase64Url(part: string): string | null {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The JOSE header, when `part` is one: `{"alg": ...}`, and `enc` for an encrypted token. */
function joseHeader(part: string): { encrypted: boolean } | null {
  if (part.length < MIN_HEADER_LENGTH || !BASE64URL.test(part)) return null;
  const text = decodeBase64Url(part);
  if (text === null || !text.trimStart().startsWith('{')) return null;
  try {
    const header: unknown = JSON.parse(text);
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
    const members = header as Record<string, unknown>;
    if (typeof members['alg'] !== 'string') return null;
    return { encrypted: typeof members['enc'] === 'string' };
  } catch {
    return null;
  }
}

/** How many parts, from `start`, make a token: 3, 5, or 0 for none. */
function tokenLength(parts: readonly string[], start: number): number {
  const header = joseHeader(parts[start]!);
  if (header === null) return 0;
  const wanted = header.encrypted ? 5 : 3;
  if (start + wanted > parts.length) return 0;
  // A JWS may have an empty payload (detached), a JWE an empty key part; the last part is the
  // signature or tag, empty only for an unsecured JWS (`alg: none`).
  for (let i = start + 1; i < start + wanted; i++) if (!BASE64URL.test(parts[i]!)) return 0;
  return wanted;
}

function replaceInRun(run: string, replacement: () => string): string {
  const parts = run.split('.');
  if (parts.length < 3) return run;
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    const length = tokenLength(parts, i);
    if (length === 0) {
      out.push(parts[i]!);
      i++;
      continue;
    }
    out.push(replacement());
    i += length;
  }
  return out.join('.');
}

/** Every JWS and JWE in `text` replaced by what `replacement` returns. */
export function replaceJwts(text: string, replacement: () => string): string {
  if (text.indexOf('.') === -1) return text;
  return text.replace(RUN, (run) => replaceInRun(run, replacement));
}
