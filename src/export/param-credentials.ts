// Authorization schemes whose credentials are written as parameters after the scheme's name, under
// a name no rule knows (`X-Forwarded-Auth: Digest username="u", ..., response="6629fae4..."`), in a
// logged header inside a body, in a note: `Digest` (RFC 7616), `HOBA` (RFC 7486), `SCRAM-SHA-1`
// and `SCRAM-SHA-256` (RFC 7804), `AWS4-HMAC-SHA256`, `Hawk`, `OAuth` (RFC 5849), `PrivateToken` (RFC
// 9577) and HTTP message `Signature`s. Before session 30 only the random-value rule saw them, and
// not a short or regular `response` or `data`. The whole parameter list goes, as under
// `Authorization` (`redact-credentials.ts`), and the scheme stays.
// https://www.rfc-editor.org/rfc/rfc9110#section-11.4 (credentials = auth-scheme [ 1*SP #auth-param ])
//
// The same schemes' challenges (`WWW-Authenticate: Digest realm="api", nonce="..."`) hold no
// credential and are CORS facts a reader may need: a list is a credential only when it holds the
// parameter that carries the proof (Digest's `response`, AWS's `Signature`, ...).

import { isPlaceholder } from './redaction.ts';

// Each scheme by its name in lower case, with the parameters only its credentials carry.
const PROOF_PARAMETERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['digest', new Set(['response'])],
  ['hoba', new Set(['result'])],
  ['scram-sha-1', new Set(['data'])],
  ['scram-sha-256', new Set(['data'])],
  ['aws4-hmac-sha256', new Set(['signature'])],
  ['hawk', new Set(['mac'])],
  ['oauth', new Set(['oauth_signature'])],
  ['privatetoken', new Set(['token'])],
  ['signature', new Set(['signature'])],
]);

const SPELLINGS = ['Digest', 'HOBA', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'AWS4-HMAC-SHA256', 'Hawk', 'OAuth', 'PrivateToken', 'Signature'];
const SCHEME_WORD = [...new Set(SPELLINGS.flatMap((name) => [name, name[0] + name.slice(1).toLowerCase(), name.toLowerCase(), name.toUpperCase()]))]
  // The longer name first, so no name stops at a shorter one's end.
  .sort((a, b) => b.length - a.length)
  .join('|');
const PARAM_SCHEME = new RegExp(`(?<![A-Za-z0-9_-])(${SCHEME_WORD})( +)(?=[A-Za-z])`, 'g');

/** Cheap test before the scan. */
const MAY_HOLD_PARAM_SCHEME = new RegExp(`(?:${SCHEME_WORD}) `);

// https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2 (token)
const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
// A value as real clients write it, unquoted: AWS's `Credential=AKIA.../us-east-1/s3/aws4_request`
// and `SignedHeaders=host;x-amz-date` are no tokens, so anything up to a blank, a comma or a quote.
const BARE_VALUE_END = /[\s,"\\]/;
// A quoted value longer than this is no parameter: it bounds the work a failed parse can cost, so
// the scan stays linear however the text is made.
const MAX_QUOTED = 1024;

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The index after a quoted value at `i` (`"..."`, or `\"...\"` inside a JSON string seen raw), or -1. */
function afterQuotedValue(text: string, i: number): number {
  const escaped = text[i] === '\\';
  const limit = Math.min(text.length, i + MAX_QUOTED);
  for (let j = i + (escaped ? 2 : 1); j < limit; j++) {
    if (escaped) {
      if (text[j] === '\\' && text[j + 1] === '"') return j + 2;
      if (text[j] === '"') return -1;
    } else if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

interface ParameterList {
  /** The index after the last parameter. */
  end: number;
  /** The parameters' names, in lower case. */
  names: string[];
}

/** The `name=value, name="value"` list that starts at `start`. */
function parameterList(text: string, start: number): ParameterList {
  const names: string[] = [];
  let end = start;
  let i = start;
  for (;;) {
    const nameStart = i;
    while (i < text.length && TCHAR.test(text[i]!) && text[i] !== '=') i++;
    if (i === nameStart) break;
    const name = text.slice(nameStart, i).toLowerCase();
    i = skipBlanks(text, i);
    if (text[i] !== '=') break;
    i = skipBlanks(text, i + 1);
    if (text[i] === '"' || (text[i] === '\\' && text[i + 1] === '"')) {
      i = afterQuotedValue(text, i);
      if (i === -1) break;
    } else {
      const valueStart = i;
      while (i < text.length && !BARE_VALUE_END.test(text[i]!)) i++;
      if (i === valueStart) break;
    }
    names.push(name);
    end = i;
    i = skipBlanks(text, i);
    if (text[i] !== ',') break;
    i = skipBlanks(text, i + 1);
  }
  return { end, names };
}

/**
 * `text` with the parameters of each credential of these schemes replaced by `replacement()` (the
 * scheme and its blanks kept): `Digest username="u", response="abc"` → `Digest REDACTED-...`.
 */
export function replaceParamCredentials(text: string, replacement: () => string): string {
  if (!MAY_HOLD_PARAM_SCHEME.test(text)) return text;
  let out = '';
  let last = 0;
  PARAM_SCHEME.lastIndex = 0;
  for (let match = PARAM_SCHEME.exec(text); match !== null; match = PARAM_SCHEME.exec(text)) {
    const start = match.index + match[0].length;
    const list = parameterList(text, start);
    const proofs = PROOF_PARAMETERS.get(match[1]!.toLowerCase())!;
    if (list.names.some((name) => proofs.has(name)) && !isPlaceholder(text.slice(start, list.end))) {
      out += `${text.slice(last, start)}${replacement()}`;
      last = list.end;
    }
    // Each character is read by one list at most: a scheme's name inside a list is a value.
    PARAM_SCHEME.lastIndex = Math.max(start, list.end);
  }
  return last === 0 ? text : out + text.slice(last);
}
