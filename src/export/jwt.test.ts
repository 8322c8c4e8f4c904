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
