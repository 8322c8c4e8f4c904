import { describe, expect, it } from 'vitest';
import { looksLikeGraphqlDocument, operationBindings, sensitiveVariables } from './graphql-variables.ts';

describe('sensitiveVariables', () => {
  it.each([
    // The review's leak: the variable's name is neutral, the argument's is not.
    ['mutation Login($e:String!,$p:String!){login(email:$e,password:$p){token}}', [['p', 'password']]],
    ['mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { id } }', [['p', 'password']]],
    ['mutation($c: String!) { verify(input: {otpCode: $c, remember: $r}) { ok } }', [['c', 'token']]],
    ['mutation($t: String) { a(token: $t) b(apiKey: $k) }', [['t', 'token'], ['k', 'api-key']]],
    ['mutation($pw: String) { login(password: $pw, password2: $pw) }', [['pw', 'password']]],
    ['query($id: ID!, $first: Int) { user(id: $id) { posts(first: $first) { title } } }', []],
    ['query { me { name } }', []],
    // The second read's leak: a variable inside a list or input object of a sensitive argument.
    ['mutation Set($p: [String!]!) { setPasswords(passwords: [$p]) { id } }', [['p', 'password']]],
    ['mutation($p: String!) { login(password: {value: $p}) { id } }', [['p', 'password']]],
    ['mutation($p: String!) { login(credentials: [{password: $p}]) { id } }', [['p', 'password']]],
    ['mutation($a: String, $b: String) { revoke(tokens: [$a, $b]) { ok } }', [['a', 'token'], ['b', 'token']]],
    ['mutation($p: String) { a(secrets: [[{x: [$p]}]]) }', [['p', 'secret']]],
    ['mutation($p: String, $n: Int) { a(password: {v: $p}, first: $n) { b(n: [$n]) } }', [['p', 'password']]],
    // Strings, comments and directives do not bind.
    ['query($q: String) { a(password: "x $q", q: $q) # password: $q\n }', []],
    ['query($f: Boolean) { me @include(if: $f) { tokens { id } } }', []],
    ['mutation($p: String!)\n{ login(password\n: $p) }', [['p', 'password']]],
  ])('%s', (document, expected) => expect([...sensitiveVariables(document)]).toEqual(expected));

  it('is linear on long names without a binding', () => {
    expect(sensitiveVariables(`${'a'.repeat(1_000_000)} ${':'.repeat(1000)}`).size).toBe(0);
  });

  it('is linear on deep nesting under a sensitive name', () => {
    const deep = `{ a(password: ${'[{x: '.repeat(50_000)}$p${'}]'.repeat(50_000)}) }`;
    expect([...sensitiveVariables(deep)]).toEqual([['p', 'password']]);
  });
});

describe('looksLikeGraphqlDocument', () => {
  it.each([
    ['mutation Login { x }', true],
    ['  query { x }', true],
    ['{ me { id } }', true],
    ['# a comment\nsubscription { x }', true],
    ['fragment F on User { id }', true],
    ['select * from users', false],
    ['password: $p', false],
  ])('%j', (text, expected) => expect(looksLikeGraphqlDocument(text)).toBe(expected));
});

describe('operationBindings (a persisted query: no query text to bind with)', () => {
  it.each([
    ['Login', 'password'],
    ['SignIn', 'password'],
    ['sign_up', 'password'],
    ['UserLogIn', 'password'],
    ['ResetPassword', 'password'],
    ['VerifyOtp', 'password'],
    ['RefreshToken', 'token'],
    ['BlogInfo', null],
    ['UserPosts', null],
    ['Catalogue', null],
    ['', null],
  ])('%s', (operation, kind) => expect(operationBindings(operation)?.get('any') ?? null).toBe(kind));
});
