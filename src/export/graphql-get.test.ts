import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { redactUrl } from './redact-text.ts';
import { redactHeader } from './redact-header.ts';
import { redactBody } from './redact-body.ts';

const e = encodeURIComponent;

function run(url: string): { out: URLSearchParams; raw: string; where: string[] } {
  const found: Redaction[] = [];
  const raw = redactUrl(url, found, '');
  return { out: new URL(raw).searchParams, raw, where: found.map((r) => `${r.kind}@${r.where}`) };
}

// GraphQL over HTTP sends a query as a GET: https://graphql.github.io/graphql-over-http/draft/#sec-GET
describe('GraphQL sent as a GET: variables bound to a sensitive argument go, the query stays', () => {
  const login = 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { id } }';
  it.each([
    {
      name: 'a neutral variable bound to password',
      query: login,
      variables: { e: 'ana@example.com', p: 'hunter2' },
      expected: { e: 'ana@example.com', p: 'REDACTED-PASSWORD' },
    },
    {
      name: 'inside an input object and a list',
      query: 'mutation($c: String!, $t: [String!]) { verify(input: {otpCode: $c}) revoke(tokens: $t) }',
      variables: { c: '123456', t: ['a1', 'b2'] },
      expected: { c: 'REDACTED-TOKEN', t: 'REDACTED-TOKEN' },
    },
    {
      name: 'a numeric PIN',
      query: 'mutation($n: Int) { unlock(pin: $n) }',
      variables: { n: 1234 },
      expected: { n: 'REDACTED-PASSWORD' },
    },
    {
      name: 'nothing bound: the variables stay',
      query: 'query($id: ID!) { user(id: $id) { name } }',
      variables: { id: '42' },
      expected: { id: '42' },
    },
  ])('$name', ({ query, variables, expected }) => {
    const { out, raw } = run(`https://api.example/graphql?query=${e(query)}&variables=${e(JSON.stringify(variables))}`);
    expect(out.get('query')).toBe(query);
    expect(JSON.parse(out.get('variables')!)).toEqual(expected);
    expect(raw).not.toContain('hunter2');
  });

  it('keeps the path and origin, and lists where the value was', () => {
    const { raw, where } = run(`https://api.example/graphql?query=${e(login)}&variables=${e('{"e":"a","p":"hunter2"}')}&operationName=Login`);
    expect(raw.startsWith('https://api.example/graphql?query=')).toBe(true);
    expect(raw.endsWith('&operationName=Login')).toBe(true);
    expect(where).toEqual(['password@query:variables.p']);
  });

  it('variables before the query, encoded with +', () => {
    const { out } = run(`https://api.example/graphql?variables=${e('{"p":"hunter 2"}').replace(/%20/g, '+')}&query=${e(login).replace(/%20/g, '+')}`);
    expect(JSON.parse(out.get('variables')!)).toEqual({ p: 'REDACTED-PASSWORD' });
  });

  it('a persisted query (no query text) whose operation says it signs in: every variable goes', () => {
    const extensions = e('{"persistedQuery":{"version":1,"sha256Hash":"ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}');
    for (const operation of ['Login', 'SignIn', 'ResetPassword', 'VerifyOtp']) {
      const { out } = run(`https://api.example/graphql?operationName=${operation}&variables=${e('{"e":"ana","p":"hunter2"}')}&extensions=${extensions}`);
      expect(JSON.parse(out.get('variables')!)).toEqual({ e: 'REDACTED-PASSWORD', p: 'REDACTED-PASSWORD' });
      expect(out.get('extensions')).toContain('sha256Hash');
    }
    const { out } = run(`https://api.example/graphql?operationName=UserPosts&variables=${e('{"id":"42"}')}&extensions=${extensions}`);
    expect(JSON.parse(out.get('variables')!)).toEqual({ id: '42' });
  });

  it('in a Referer header and a Location, as in a URL', () => {
    const url = `https://app.example/graphql?query=${e(login)}&variables=${e('{"p":"hunter2"}')}`;
    for (const name of ['Referer', 'Location', 'Content-Location']) {
      const [, value] = redactHeader([name, url]);
      expect(value).not.toContain('hunter2');
      expect(new URL(value).searchParams.get('query')).toBe(login);
    }
  });

  it('a URL inside a body (a logged request) too', () => {
    const url = `https://app.example/graphql?query=${e(login)}&variables=${e('{"p":"hunter2"}')}`;
    expect(redactBody(JSON.stringify({ url }), [], 'application/json')).not.toContain('hunter2');
  });
});

describe('GraphQL persisted query in a POST body', () => {
  it('an operation that signs in: every variable goes', () => {
    const body = JSON.stringify({ operationName: 'Login', variables: { e: 'ana', p: 'hunter2' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } });
    expect(JSON.parse(redactBody(body, [], 'application/json')).variables).toEqual({ e: 'REDACTED-PASSWORD', p: 'REDACTED-PASSWORD' });
  });
  it('another operation: by the variables’ own names only', () => {
    const body = JSON.stringify({ operationName: 'Posts', variables: { id: '42', token: 't' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } });
    expect(JSON.parse(redactBody(body, [], 'application/json')).variables).toEqual({ id: '42', token: 'REDACTED-TOKEN' });
  });
});

describe('GraphQL variables sent as a JSON string in a POST body', () => {
  it('a bound variable goes, the string stays a string', () => {
    const query = 'mutation($p: String) { login(password: $p) { id } }';
    const body = JSON.stringify({ query, variables: JSON.stringify({ e: 'ana', p: 'hunter2' }) });
    const found: Redaction[] = [];
    const out = JSON.parse(redactBody(body, found, 'application/json')) as { query: string; variables: string };
    expect(out.query).toBe(query);
    expect(JSON.parse(out.variables)).toEqual({ e: 'ana', p: 'REDACTED-PASSWORD' });
    expect(found.map((r) => `${r.kind}@${r.where}`)).toEqual(['password@body:variables.p']);
  });
});

describe('GraphQL: a bound variable\'s default value in the query', () => {
  it.each([
    ['mutation($p: String = "hunter2") { login(password: $p) { id } }', 'mutation($p: String = "REDACTED-PASSWORD") { login(password: $p) { id } }'],
    ['mutation($n: Int! = 1234, $id: ID = "42") { unlock(pin: $n, id: $id) }', 'mutation($n: Int! = REDACTED-PASSWORD, $id: ID = "42") { unlock(pin: $n, id: $id) }'],
    ['mutation($t: [String!] = ["a1", "b2"]) { revoke(tokens: $t) }', 'mutation($t: [String!] = REDACTED-TOKEN) { revoke(tokens: $t) }'],
    ['query($first: Int = 10) { posts(first: $first) { id } }', 'query($first: Int = 10) { posts(first: $first) { id } }'],
  ])('%s', (query, expected) => {
    expect(JSON.parse(redactBody(JSON.stringify({ query }), [], 'application/json')).query).toBe(expected);
    const { out } = run(`https://api.example/graphql?query=${e(query)}`);
    expect(out.get('query')).toBe(expected);
  });
});
