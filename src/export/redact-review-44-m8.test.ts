// Session 44's hostile review M8 of the session's own redaction changes (JSON Patch, the GraphQL
// lexer, new names): what they let through or broke. The CLI side is in
// `src/cli/redact-review-44.test.ts`.

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
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
