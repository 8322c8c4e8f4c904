import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { replaceFormDataParts } from './form-data-parts.ts';
import { redactBody } from './redact-body.ts';

const part = (boundary: string, name: string, value: string): string => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

describe('replaceFormDataParts', () => {
  it.each([
    ['a sensitive part', `${part('b', 'user', 'ana')}${part('b', 'password', 'hunter2')}--b--\r\n`, `${part('b', 'user', 'ana')}${part('b', 'password', 'X')}--b--\r\n`],
    ['a part with its own Content-Type', '--b\r\nContent-Disposition: form-data; name="token"\r\nContent-Type: text/plain\r\n\r\nt0k\r\n--b--', '--b\r\nContent-Disposition: form-data; name="token"\r\nContent-Type: text/plain\r\n\r\nX\r\n--b--'],
    ['line feeds only, unquoted name', '--b\nContent-Disposition: form-data; name=pin\n\n1234\n--b--', '--b\nContent-Disposition: form-data; name=pin\n\nX\n--b--'],
    ['the last part, unterminated', '--b\r\ncontent-disposition: form-data; name="secret"\r\n\r\ns3', '--b\r\ncontent-disposition: form-data; name="secret"\r\n\r\nX'],
    ['a file part', '--b\r\nContent-Disposition: form-data; name="private_key"; filename="id.pem"\r\n\r\n-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----\r\n--b--', '--b\r\nContent-Disposition: form-data; name="private_key"; filename="id.pem"\r\n\r\nX\r\n--b--'],
    ['a neutral part stays', part('b', 'user', 'ana'), part('b', 'user', 'ana')],
    ['prose about the header stays', 'set Content-Disposition: attachment; name="password" to download', 'set Content-Disposition: attachment; name="password" to download'],
  ])('%s', (_about, body, expected) => expect(replaceFormDataParts(body, () => 'X')).toBe(expected));
});

describe('multipart whose boundary is not the declared one', () => {
  const secretBody = `${part('real', 'user', 'ana')}${part('real', 'password', 'hunter2')}--real--\r\n`;
  it.each([
    ['another boundary declared', 'multipart/form-data; boundary=declared'],
    ['no boundary declared', 'multipart/form-data'],
    ['a type that is not multipart', 'text/plain'],
    ['no Content-Type', ''],
  ])('%s', (_about, contentType) => {
    const found: Redaction[] = [];
    const out = redactBody(secretBody, found, contentType);
    expect(out).not.toContain('hunter2');
    expect(out).toContain('name="user"\r\n\r\nana\r\n');
    expect(found.map((r) => `${r.kind}@${r.where}`)).toEqual(['password@body:password']);
  });

  it('the declared boundary in the preamble only, the parts under another', () => {
    const body = `--declared\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n${secretBody}`;
    expect(redactBody(body, [], 'multipart/form-data; boundary=declared')).not.toContain('hunter2');
  });

  it('a multipart body logged inside a JSON string', () => {
    expect(redactBody(JSON.stringify({ raw: secretBody }), [], 'application/json')).not.toContain('hunter2');
  });
});
