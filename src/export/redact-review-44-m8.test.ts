// Session 44's hostile review M8 of the session's own redaction changes (JSON Patch, the GraphQL
// lexer, new names): what they let through or broke. The CLI side is in
// `src/cli/redact-review-44.test.ts`.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { ColonNames } from './graphql-variables.ts';
import { redactUrl } from './redact-text.ts';
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
