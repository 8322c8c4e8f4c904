// Session 44's hostile review M8 of the session's own redaction changes (JSON Patch, the GraphQL
// lexer, new names): what they let through or broke. The CLI side is in
// `src/cli/redact-review-44.test.ts`.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { ColonNames } from './graphql-variables.ts';
import { scimAttributeName } from './redact-json.ts';
import { redactUrl } from './redact-text.ts';
import { sensitiveNameKind } from './sensitive-name.ts';
import type { Redaction } from './redaction.ts';

function redacted(body: string, contentType = 'application/json'): string {
  const found: Redaction[] = [];
  return redactBody(body, found, contentType);
}

describe('a `query` that starts with `{` but is no GraphQL keeps its names (M8 #1)', () => {
  it.each([
    ['JSON in the query', { query: '{"user":"ana","password":"M8jsonA"}' }, 'M8jsonA'],
    ['JSON with blanks', { query: '{ "password": "M8jsonB" }' }, 'M8jsonB'],
    ['a search DSL', { query: '{"match":{"api_key":"M8dslC"}}' }, 'M8dslC'],
    ['single quotes', { query: "{'password': 'M8quoteD'}" }, 'M8quoteD'],
  ])('%s', (_about, body, secret) => {
    const out = redacted(JSON.stringify(body));
    expect(out).not.toContain(secret);
    expect(out).toContain('REDACTED-');
  });

  it('in a URL query, encoded or not', () => {
    for (const url of ['https://api.example.com/graphql?query=%7B%27password%27%3A%27M8urlE%27%7D', "https://api.example.com/graphql?query={'password':'M8urlE'}", 'https://api.example.com/search?query={"password":"M8urlE"}']) {
      expect(redactUrl(url, [])).not.toContain('M8urlE');
    }
  });

  it('GraphQL names the lexer reads stay read (no loss the other way)', () => {
    const out = redacted(JSON.stringify({ query: 'mutation { login(password, : "M8gqlF", user: "bob") { ok } }' }));
    expect(out).not.toContain('M8gqlF');
    expect(out).toContain('bob');
  });
});

describe('a colon-heavy GraphQL-looking body (M8 #2)', () => {
  // 17 million colons: one map entry per colon went past a Map's limit (2^24 entries) and the
  // export stopped with an internal error; 5 MB took 770 MB. Only completion and output are checked.
  it('17 MB of colons in a query is scanned, its neighbour masked, the query kept', () => {
    const query = `{${':'.repeat(17_000_000)}}`;
    const out = redacted(JSON.stringify({ query, password: 'M8bigG' }));
    expect(out).not.toContain('M8bigG');
    expect(JSON.parse(out)).toEqual({ query, password: 'REDACTED-PASSWORD' });
  });
});

describe('ColonNames reads the name before each colon of the document, asked in order', () => {
  it('names, variables, ignored tokens between, none, and colons in strings and comments', () => {
    const document = 'query($p: String) { a(password, : "x:y", b # c:\n : 1, "s": 2) }';
    const names = new ColonNames(document);
    const colons = [...document.matchAll(/:/g)].map((match) => match.index);
    expect(colons.map((colon) => names.before(colon))).toEqual(['$p', 'password', undefined, undefined, 'b', '']);
  });
});

describe('patch operations: SCIM PatchOp, trailing slashes, name members, values read as a key would be (M8 #3)', () => {
  it.each([
    ['a SCIM attribute path', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'password', value: 'M8scimH' }] }, 'M8scimH'],
    ['a SCIM sub-attribute', { Operations: [{ op: 'add', path: 'credentials.apiKey', value: 'M8scimI' }] }, 'M8scimI'],
    ['a SCIM schema URN', { Operations: [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: 'M8scimJ' }] }, 'M8scimJ'],
    ['a SCIM filter before the attribute', { Operations: [{ op: 'replace', path: 'accounts[type eq "work"].secret', value: 'M8scimK' }] }, 'M8scimK'],
    ['SCIM member names in any case', { Operations: [{ Op: 'Replace', Path: 'password', Value: 'M8scimL' }] }, 'M8scimL'],
    ['a trailing slash', [{ op: 'add', path: '/user/password/', value: 'M8slashM' }], 'M8slashM'],
    ['an id member beside the op', [{ op: 'replace', path: '/user/password', value: 'M8idN', id: 'abc' }], 'M8idN'],
    ['a name member beside the op', [{ op: 'replace', path: '/user/password', value: 'M8nameO', name: 'foo' }], 'M8nameO'],
  ])('%s: the value goes', (_about, body, secret) => {
    const out = redacted(JSON.stringify(body));
    expect(out).not.toContain(secret);
    expect(out).toContain('REDACTED-');
  });

  it('a value a plain key keeps stays under a patch path too, as do neutral SCIM targets', () => {
    const ops = [
      { op: 'replace', path: '/seed', value: 42 },
      { op: 'replace', path: '/reset', value: true },
      { op: 'replace', path: 'name.givenName', value: 'Barbara' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'bjensen@example.com' },
    ];
    expect(redacted(JSON.stringify(ops))).toBe(JSON.stringify(ops));
    expect(redacted(JSON.stringify({ seed: 42, reset: true }))).toBe(JSON.stringify({ seed: 42, reset: true }));
  });

  it('scimAttributeName reads the last attribute', () => {
    expect(scimAttributeName('name.givenName')).toBe('givenName');
    expect(scimAttributeName('emails[type eq "work"].value')).toBe('value');
    expect(scimAttributeName('members[value eq "2819c223"]')).toBe('members');
    expect(scimAttributeName('urn:ietf:params:scim:schemas:core:2.0:User:password')).toBe('password');
    expect(scimAttributeName('')).toBeNull();
  });
});

describe('GraphQL aliases and enum values are no secrets (M8 #4)', () => {
  it.each([
    'query Q { viewer { reset: resetPasswordUrl sso: ssoProvider seed: randomSeed } }',
    'query { user(id: "42") { tan: transactionNumber } }',
    'query { token: createToken(input: {user: "bob"}) { value } }',
    'mutation { login(type: MAGIC, magic: LINK) { ok } }',
    'mutation { set(input: {reset: NEVER, list: [{sso: GOOGLE}]}) { ok } }',
  ])('%s stays', (query) => {
    const body = JSON.stringify({ query });
    expect(redacted(body)).toBe(body);
  });

  it.each([
    ['a password-like argument with a bare value', 'mutation { login(password: HUNTER2) { ok } }', 'HUNTER2'],
    ['a password-like name with a bare value in braces', '{password: m8bareP}', 'm8bareP'],
    ['a number after a password-like argument', 'mutation { login(otp: 918273) { ok } }', '918273'],
    ['a string after an alias-like name', 'query { a(magic: "m8magicQ") }', 'm8magicQ'],
  ])('%s goes', (_about, query, secret) => {
    expect(redacted(JSON.stringify({ query }))).not.toContain(secret);
  });
});

describe('upper-case spellings of the second factor and pword in JSON keys (M8 #5)', () => {
  it('2FA, X-2FA, code2FA and pWord go as 2fa and pword do', () => {
    const body = JSON.stringify({ '2FA': 'M8fa1', 'X-2FA': 'M8fa2', code2FA: 'M8fa3', pWord: 'M8pwR' });
    const out = redacted(body);
    for (const secret of ['M8fa1', 'M8fa2', 'M8fa3', 'M8pwR']) expect(out).not.toContain(secret);
  });

  it('names with digits before capitals or one letter before a hump say nothing else', () => {
    for (const name of ['iPhone', 'eMail', 'xPos', 'H2O', 'mp4Url', 'v2API', 'x509Cert', 'utf8Text']) expect(sensitiveNameKind(name), name).toBeNull();
    const body = JSON.stringify({ iPhone: 'SE', v2API: 'on', mp4Url: 'https://cdn.example/a.mp4' });
    expect(redacted(body)).toBe(body);
  });
});
