// Session 44's review (unit level): secrets that reached every default export in clear. The same
// bodies go through the CLI in `src/cli/redact-review-44.test.ts`.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { looksLikeGraphqlDocument, sensitiveVariables } from './graphql-variables.ts';
import { redactHeader } from './redact-header.ts';
import { pointerName } from './redact-json.ts';
import { redactUrl } from './redact-text.ts';
import type { Redaction } from './redaction.ts';

function redacted(body: string): string {
  const found: Redaction[] = [];
  return redactBody(body, found, 'application/json');
}

describe('JSON Patch (RFC 6902): the value of an operation whose path names a secret goes', () => {
  it('replace, add and test, nested and under a list index', () => {
    const body = JSON.stringify([
      { op: 'replace', path: '/password', value: 'Hunter2Summer' },
      { op: 'add', path: '/credentials/apiKey', value: 'k3y-Pl4in-t3xt' },
      { op: 'test', path: '/users/0/password', value: 'Hunter719Pw' },
      { op: 'add', path: '/tokens/-', value: 'Hunter720Pw' },
      { op: 'replace', path: '/a~1b~0c~1password', value: 'Hunter721Pw' },
    ]);
    const out = redacted(body);
    expect(out).not.toMatch(/Hunter|k3y-Pl4in/);
    expect(JSON.parse(out)).toEqual([
      { op: 'replace', path: '/password', value: 'REDACTED-PASSWORD' },
      { op: 'add', path: '/credentials/apiKey', value: 'REDACTED-API-KEY' },
      { op: 'test', path: '/users/0/password', value: 'REDACTED-PASSWORD' },
      { op: 'add', path: '/tokens/-', value: 'REDACTED-TOKEN' },
      { op: 'replace', path: '/a~1b~0c~1password', value: 'REDACTED-PASSWORD' },
    ]);
  });

  it('keeps the values of ordinary paths, `from`, and a `path` with no `op`', () => {
    const body = JSON.stringify([
      { op: 'replace', path: '/name', value: 'Ana' },
      { op: 'move', from: '/password', path: '/old' },
      { path: '/auth', value: 'route-config' },
    ]);
    expect(redacted(body)).toBe(body);
  });

  it('reads a JSON Pointer as RFC 6901 escapes it', () => {
    expect(pointerName('/a~1b')).toBe('a/b');
    expect(pointerName('/a~01')).toBe('a~1');
    expect(pointerName('/list/3')).toBe('list');
    expect(pointerName('/3')).toBe('3');
    expect(pointerName('')).toBeNull();
    expect(pointerName('password')).toBeNull();
  });
});

// https://spec.graphql.org/October2021/#sec-Language.Source-Text: commas, comments (a lone CR ends
// one), a byte order mark are ignored tokens; a block string is one string.
describe('GraphQL: ignored tokens and block strings', () => {
  it.each([
    ['# set it\rmutation($p: String!) { setPassword(password: $p) { ok } }'],
    [',mutation($x:String!){changeCreds(password:$x){ok}}'],
    ['\t,\nmutation($x:String!){changeCreds(password:$x){ok}}'],
    ['\ufeffmutation($x:String!){changeCreds(password:$x){ok}}'],
    ['# a\r\n# b\rquery Q($x: String) { a(pin: $x) }'],
  ])('is read as a document, its bound variable goes and its $reference stays: %j', (query) => {
    expect(looksLikeGraphqlDocument(query)).toBe(true);
    const variable = query.includes('$p') ? 'p' : 'x';
    const out = JSON.parse(redacted(JSON.stringify({ query, variables: { [variable]: 'Hunter3Winter' } }))) as { query: string; variables: Record<string, string> };
    expect(out.query).toBe(query);
    expect(out.variables[variable]).toMatch(/^REDACTED-/);
  });

  it.each([
    ['mutation { setPassword(password: """Hunter2Summer""") { ok } }', 'mutation { setPassword(password: """REDACTED-PASSWORD""") { ok } }'],
    ['mutation { setPassword(password, : "Hunter4Spring") { ok } }', 'mutation { setPassword(password, : "REDACTED-PASSWORD") { ok } }'],
    ['mutation{changeCreds(password,:,"Hunter806Pw"){ok}}', 'mutation{changeCreds(password,:,"REDACTED-PASSWORD"){ok}}'],
    ['mutation{changeCreds(password # c\n : "Hunter805Pw"){ok}}', 'mutation{changeCreds(password # c\n : "REDACTED-PASSWORD"){ok}}'],
    ['mutation{changeCreds(password # c\r : "Hunter805Pw"){ok}}', 'mutation{changeCreds(password # c\r : "REDACTED-PASSWORD"){ok}}'],
  ])('a literal under a sensitive argument goes: %j', (query, expected) => {
    expect(JSON.parse(redacted(JSON.stringify({ query }))).query).toBe(expected);
  });

  it('binds a variable across a comment between an argument and its colon', () => {
    const query = 'mutation($x:String!){changeCreds(password # c\n : $x){ok}}';
    expect(sensitiveVariables(query).get('x')).toBe('password');
    expect(JSON.parse(redacted(JSON.stringify({ query, variables: { x: 'Hunter804Pw' } })))).toEqual({ query, variables: { x: 'REDACTED-PASSWORD' } });
  });

  it('keeps an ordinary block string and a name inside a string as they were judged before', () => {
    const query = 'mutation { post(body: """a "quoted" word""", note: "password: hunter2") { ok } }';
    expect(JSON.parse(redacted(JSON.stringify({ query }))).query).toBe('mutation { post(body: """a "quoted" word""", note: "password: REDACTED-PASSWORD") { ok } }');
  });

  it('does not take text for a document', () => {
    expect(looksLikeGraphqlDocument('# only a comment')).toBe(false);
    expect(looksLikeGraphqlDocument('hello { x }')).toBe(false);
    // Not an ignored token, but taken as white space, as before: its variables go.
    expect(looksLikeGraphqlDocument('\u00a0mutation { x }')).toBe(true);
  });
});

// Names no rule covered: a wallet's seed, a security answer, `pword` and a mixed-case `pWd`, a
// second factor's header, a form field typed `password`, and query parameters that carry a magic
// link's, a one-time, sign-on, reset or invite token or a bank's TAN.
describe('names that hold secrets', () => {
  it('JSON keys', () => {
    const body = JSON.stringify({ seed: 'abandon ability able about', seedPhrase: 'abandon ability', recoveryPhrase: 'abandon', security_answer: 'Fluffy', securityAnswer: 'Rex', pword: 'Hunter149Pw', pWd: 'Hunter22Pwc', pAsSwOrD: 'Hunter22Pwd' });
    const out = JSON.parse(redacted(body)) as Record<string, string>;
    for (const [key, value] of Object.entries(out)) expect(value, key).toMatch(/^REDACTED-/);
  });

  it('a field typed as a password input, its value or data', () => {
    expect(JSON.parse(redacted('{"type": "password", "data": "Hunter04Pw"}'))).toEqual({ type: 'password', data: 'REDACTED-PASSWORD' });
    expect(JSON.parse(redacted('[{"Type": "otp", "value": "123456"}]'))).toEqual([{ Type: 'otp', value: 'REDACTED-PASSWORD' }]);
  });

  it.each([
    ['X-2fa', '123456'],
    ['X-Magic', 'Hunter042Pw'],
  ])('header %s', (name, value) => {
    expect(redactHeader([name, value])).toEqual([name, expect.stringMatching(/^REDACTED-/)]);
  });

  it.each(['tan', 'ott', 'sso', 'magic', 'reset', 'invite'])('query parameter %s', (name) => {
    expect(redactUrl(`https://api.example/q?${name}=Hunter101Pw&page=2`)).toMatch(new RegExp(`\\?${name}=REDACTED-[A-Z-]+&page=2$`));
  });

  it('keeps what such names hold when it is a flag or a count, and names too generic to judge', () => {
    expect(redactUrl('https://api.example/q?reset=1&invite=true&sso=0&p=2&answer=42')).toBe('https://api.example/q?reset=1&invite=true&sso=0&p=2&answer=42');
    const body = JSON.stringify({ seed: 42, magic: false, answer: 'Paris', resetAt: 'now', inviteCount: 'x', magicNumber: 'x', access: 'read', userId: 'u1', maxTokensIn: 'x' });
    expect(redacted(body)).toBe(body);
    expect(redacted('{"type": "key", "value": "Enter"}')).toBe('{"type": "key", "value": "Enter"}');
  });
});
