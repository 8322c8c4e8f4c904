// Session 45: leaks a hostile read of the exports found and left open, each checked here through
// `redactExchange` (what every default export starts from) or `redactBody`, with the innocent
// look-alikes each rule must leave as written.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { redactExchange } from './redact-exchange.ts';
import { redactText } from './redact-text.ts';
import type { Redaction } from './redaction.ts';
import { canaryExchange } from './testing-exchanges.ts';

function json(body: unknown): string {
  return redactBody(typeof body === 'string' ? body : JSON.stringify(body), [], 'application/json');
}

/** The canary exchange redirected to `location`, as every export writes it. */
function redirectedTo(location: string): string {
  const exchange = canaryExchange();
  exchange.hops[0]!.response = { status: 302, headers: [['Location', location]], locationUrl: location };
  return JSON.stringify(redactExchange(exchange));
}

describe('JSON-RPC positional params of a sign-in or secret method (leak 1)', () => {
  it.each([
    ['auth.login', { jsonrpc: '2.0', method: 'auth.login', params: ['bob', 'S3cret-pw!'] }],
    ['user.signIn', { jsonrpc: '2.0', method: 'user.signIn', params: ['bob', 'S3cret-pw!'], id: 1 }],
    ['JSON-RPC 1.0, no jsonrpc member', { method: 'session.logIn', params: ['bob', 'S3cret-pw!'] }],
    ["Ethereum's unlock", { jsonrpc: '2.0', method: 'personal_unlockAccount', params: ['0xabc', 'S3cret-pw!', 300] }],
    ['a method named for a password', { jsonrpc: '2.0', method: 'changePassword', params: ['old-pw', 'S3cret-pw!'] }],
  ])('%s', (_about, body) => {
    const out = json(body);
    expect(out).not.toContain('S3cret-pw!');
    expect(out).toContain('REDACTED-PASSWORD');
  });

  it('every positional param goes, the user name too (no position says which is which)', () => {
    expect(json({ jsonrpc: '2.0', method: 'auth.login', params: ['bob', 'S3cret-pw!', 1234] })).toBe(
      '{"jsonrpc":"2.0","method":"auth.login","params":["REDACTED-PASSWORD","REDACTED-PASSWORD","REDACTED-PASSWORD"]}',
    );
  });

  it('a token method names its kind', () => {
    expect(json({ method: 'setToken', params: ['abc123xyz'] })).toBe('{"method":"setToken","params":["REDACTED-TOKEN"]}');
  });

  it('other methods keep their params, and so do flags and nulls of a sign-in', () => {
    const listing = { jsonrpc: '2.0', method: 'catalogOnline.list', params: ['books', 20] };
    expect(json(listing)).toBe(JSON.stringify(listing));
    const blog = { jsonrpc: '2.0', method: 'blog.post', params: ['hello world'] };
    expect(json(blog)).toBe(JSON.stringify(blog));
    expect(json({ method: 'auth.login', params: [true, null] })).toBe('{"method":"auth.login","params":[true,null]}');
  });

  it('named params are judged by their names, as before', () => {
    expect(json({ method: 'auth.login', params: { user: 'bob', password: 'S3cret-pw!' } })).toBe(
      '{"method":"auth.login","params":{"user":"bob","password":"REDACTED-PASSWORD"}}',
    );
  });

  it('found says where, never the value', () => {
    const found: Redaction[] = [];
    redactBody(JSON.stringify({ method: 'auth.login', params: ['bob', 'S3cret-pw!'] }), found, 'application/json');
    expect(found).toContainEqual({ kind: 'password', where: 'body:params[]' });
    expect(JSON.stringify(found)).not.toContain('S3cret');
  });
});

describe('a sign-in pair under a sign-in name (leak 1)', () => {
  it('`{"login": [user, password]}`: the second item goes, the user name stays', () => {
    expect(json({ login: ['bob', 'S3cret-pw!'] })).toBe('{"login":["bob","REDACTED-PASSWORD"]}');
    expect(json({ signIn: ['bob', 'S3cret-pw!'] })).toBe('{"signIn":["bob","REDACTED-PASSWORD"]}');
  });

  it('a login alone, or a list of them, stays', () => {
    for (const body of [{ login: 'bob' }, { logins: ['bob', 'alice'] }, { login: ['bob', 'alice', 'carol'] }]) expect(json(body)).toBe(JSON.stringify(body));
  });
});

describe("MySQL's password glued to -p (leak 2)", () => {
  it.each([
    ['in a JSON string', { cmd: 'mysql -uroot -pS3cretPw1 shop' }, '{"cmd":"mysql -uroot -pREDACTED-PASSWORD shop"}'],
    ['mysqldump', { cmd: 'mysqldump -h db -pS3cr3t! --all-databases' }, '{"cmd":"mysqldump -h db -pREDACTED-PASSWORD --all-databases"}'],
    ['mariadb', { cmd: 'mariadb -u app -pS3cretPw2' }, '{"cmd":"mariadb -u app -pREDACTED-PASSWORD"}'],
    ['as an argv', { argv: ['mysql', '-uroot', '-pS3cretPw3', 'shop'] }, '{"argv":["mysql","-uroot","-pREDACTED-PASSWORD","shop"]}'],
  ])('%s', (_about, body, expected) => {
    expect(json(body)).toBe(expected);
  });

  it('in a text body', () => {
    expect(redactText('run: mysql -uroot -pS3cretPw4 shop', [], 'body')).toBe('run: mysql -uroot -pREDACTED-PASSWORD shop');
  });

  it('`--password=` and a URL with a password were already masked', () => {
    expect(json({ cmd: 'mysql --password=S3cretPw5 shop' })).not.toContain('S3cretPw5');
    expect(json({ cmd: 'psql postgresql://u:S3cretPw6@h/db' })).not.toContain('S3cretPw6');
  });

  it('a digits-only password goes (MySQL’s port is -P)', () => {
    expect(redactText('mysql -h db -P3306 -p123456 shop', [], 'body')).toBe('mysql -h db -P3306 -pREDACTED-PASSWORD shop');
  });

  it('another tool’s -p (a port, a flag) and -p before a blank (MySQL asks then) stay', () => {
    for (const text of ['ssh -pfoo host', 'ssh -p2222 host; mkdir -p /x', 'tar -pxf a.tar', 'mysql -uroot -p shop', 'mysqlx', 'mysql -uroot -p"$PW" shop']) {
      expect(redactText(text, [], 'body')).toBe(text);
    }
  });
});

describe("SAML's RelayState and OpenID Connect's login_hint in a URL or a form (leak 3)", () => {
  it('RelayState beside SAMLRequest in a Location', () => {
    const out = redirectedTo('https://idp.example/sso?SAMLRequest=fZJNT8MwDIbvk&RelayState=opaqueRelay77&x=1');
    expect(out).not.toContain('opaqueRelay77');
    expect(out).not.toContain('fZJNT8MwDIbvk');
    expect(out).toContain('&x=1');
  });

  it('RelayState in a form body', () => {
    expect(redactBody('SAMLResponse=PHNhbWxwOlJlc3BvbnNl&RelayState=relayABC123', [], 'application/x-www-form-urlencoded')).toBe(
      'SAMLResponse=REDACTED-TOKEN&RelayState=REDACTED-TOKEN',
    );
  });

  it('login_hint (an e-mail) and id_token_hint (a JWT) in an authorization request', () => {
    const out = redirectedTo('https://idp.example/authorize?client_id=abc&login_hint=alice%40corp.example&id_token_hint=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWNhbmFyeQ');
    expect(out).not.toContain('alice');
    expect(out).not.toContain('eyJzdWIiOiJhIn0');
    expect(out).toContain('client_id=abc');
  });

  it('other hints and states stay', () => {
    const url = 'https://idp.example/authorize?domain_hint=corp.example&relay=eu';
    expect(redirectedTo(url)).toContain(url);
  });
});

describe('a password hash, a name hidden by a no-break space, a patch with an odd op (leak 4)', () => {
  it.each([
    ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['argon2id', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'],
    ['SHA-crypt', '$6$rounds=5000$saltsalt$IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDCy.g.'],
  ])('a %s hash under `hash` goes whole', (_about, hash) => {
    expect(json({ hash })).toBe('{"hash":"REDACTED-SECRET"}');
    expect(redactBody(`user=bob&hash=${encodeURIComponent(hash)}`, [], 'application/x-www-form-urlencoded')).not.toContain('Ss7KIUgO2t0jWMUW');
  });

  it('after `=`, `,` or `-` in text, as after a blank, the hash goes whole (M11: its salt and tail stayed)', () => {
    const hash = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
    for (const before of ['data=', 'h,', 'h-', 'data: ']) expect(redactText(`${before}${hash}`, [], 'x-data')).toBe(`${before}REDACTED-SECRET`);
  });

  it('`hash` and `answer` with innocent values stay (judged by the value, not the name)', () => {
    for (const body of [{ hash: '#section' }, { answer: 'Paris' }, { answer: 42 }, { price: '$1$ off' }]) expect(json(body)).toBe(JSON.stringify(body));
  });

  it('`pass\\u00a0word:` in a GraphQL argument', () => {
    const out = json({ query: 'mutation { login(user: "bob", pass\u00a0word: "S3cretNBSP") { ok } }' });
    expect(out).not.toContain('S3cretNBSP');
    expect(out).toContain('REDACTED-PASSWORD');
  });

  it('a GraphQL argument after an ordinary blank stays a word of its own', () => {
    const body = { query: 'query { search(text: "pass", word: "hello") { id } }' };
    expect(json(body)).toBe(JSON.stringify(body));
  });

  it.each([
    ['a number', 1],
    ['an object', { x: 1 }],
    ['null', null],
  ])('a JSON Patch operation whose op is %s', (_about, op) => {
    const out = json([{ op, path: '/user/password', value: 'PatchS3cret' }]);
    expect(out).not.toContain('PatchS3cret');
    expect(out).toContain('REDACTED-PASSWORD');
  });
});
