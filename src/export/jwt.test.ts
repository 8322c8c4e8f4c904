import { describe, expect, it } from 'vitest';
import { redactJwts } from './redact-shapes.ts';
import type { Redaction } from './redaction.ts';

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (header: string, parts = ['{"sub":"canary"}', 'sig']) => [b64url(header), ...parts.map(b64url)].join('.');

describe('redactJwts', () => {
  it.each([
    { about: 'a compact JWS', text: `t=${token('{"alg":"HS256","typ":"JWT"}')}` },
    { about: 'a header with white space (does not start with eyJ)', text: `t=${token('{ "alg": "HS256" }')}` },
    { about: 'a header whose first member is not alg', text: `t=${token('{"typ":"JWT","alg":"RS256"}')}` },
    { about: 'an unsecured JWS (empty signature)', text: `t=${b64url('{"alg":"none"}')}.${b64url('{"a":1}')}.` },
    { about: 'a detached payload', text: `t=${b64url('{"alg":"HS256"}')}..${b64url('sig')}` },
    { about: 'a five-part JWE', text: `t=${token('{"alg":"RSA-OAEP","enc":"A256GCM"}', ['key', 'iv', 'ciphertext', 'tag'])}` },
  ])('$about', ({ text }) => {
    const found: Redaction[] = [];
    expect(redactJwts(text, found, 'x-trace')).toBe('t=REDACTED-JWT');
    expect(found).toEqual([{ kind: 'jwt', where: 'x-trace' }]);
  });

  it('finds several tokens and keeps the text around them', () => {
    const jws = token('{"alg":"ES256"}');
    expect(redactJwts(`a ${jws}, b ${jws}.`)).toBe('a REDACTED-JWT, b REDACTED-JWT.');
  });

  it.each([
    ['a host name', 'see www.example.com and api.v2.example.org'],
    ['a version', 'v1.2.3 and 10.0.0.1'],
    ['base64 that is not a JOSE header', `${b64url('{"typ":"JWT","x":"yyyyyyy"}')}.${b64url('{}')}.${b64url('s')}`],
    ['a JSON array header', `${b64url('[{"alg":"HS256"}]')}.${b64url('{}')}.${b64url('s')}`],
    ['a JWE header with too few parts', `${b64url('{"alg":"dir","enc":"A128GCM"}')}.a.b`],
  ])('leaves %s alone', (_about, text) => {
    expect(redactJwts(text)).toBe(text);
  });
});

// Session 35: a token's signature read to the end of the run of base64url characters, so a second
// token glued to it (no dot between) lost its header into the first's signature and kept its
// payload and signature as written.
describe('redactJwts: tokens glued together', () => {
  const first = token('{"alg":"HS256","typ":"JWT"}', ['{"sub":"first-canary"}', 'sig-one']);
  const second = token('{"alg":"HS256","typ":"JWT"}', ['{"sub":"second-canary"}', 'sig-two']);
  const spaced = token('{ "alg": "HS256" }', ['{"sub":"third-canary"}', 'sig-three']);

  it.each([
    { about: 'two tokens, nothing between', text: `${first}${second}`, want: 'REDACTED-JWTREDACTED-JWT' },
    { about: 'three tokens, nothing between', text: `${first}${second}${first}`, want: 'REDACTED-JWTREDACTED-JWTREDACTED-JWT' },
    { about: 'a header written with a space glued after a signature', text: `${first}${spaced}`, want: 'REDACTED-JWTREDACTED-JWT' },
    { about: 'glued with a `-` (a base64url character: the first signature keeps it)', text: `${first}-${second}`, want: 'REDACTED-JWTREDACTED-JWT' },
    { about: 'after an escape\'s digits (`%2F`)', text: `${first}%2F${second}`, want: 'REDACTED-JWT%2FREDACTED-JWT' },
    { about: 'after a GitHub token', text: `ghp_${'a'.repeat(36)}${second}`, want: 'REDACTED-TOKENREDACTED-JWT' },
    { about: 'after an AWS key id', text: `AKIAIOSFODNN7EXAMPLE${second}`, want: 'REDACTED-API-KEYREDACTED-JWT' },
    { about: 'after a word that is no key', text: `token${second}`, want: 'tokenREDACTED-JWT' },
  ])('$about', ({ text, want }) => {
    expect(redactJwts(text, [], 'x')).toBe(want);
    expect(redactJwts(want, [], 'x')).toBe(want);
  });

  it('is linear on a part full of header starts', () => {
    // Each part tries a bounded number of glued starts in its last characters (`jwt.ts`); trying
    // every `ey` of a 2 MB part, each decoded to its end, would not finish.
    const eys = 'ey'.repeat(1_000_000);
    expect(redactJwts(`${eys}.${eys}.${eys}.${eys}`, [], 'x')).toBe(`${eys}.${eys}.${eys}.${eys}`);
    const parts = Array.from({ length: 200_000 }, () => 'eyJhbGciOiJI').join('.');
    expect(redactJwts(parts, [], 'x')).toBe(parts);
  });
});
