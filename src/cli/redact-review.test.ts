// The secrets a hostile review (session 28) found in default exports: a GraphQL password under a
// neutral variable name, `pw`, a short credential in a logged `[name, value]` list, a Bearer token
// under a header name no rule knows, and userinfo the URL scan missed. Each of `share`, `report`
// and `curl` (all three shells) must keep them out, and the GraphQL query must stay as captured.

import { describe, expect, it } from 'vitest';
import { defaultExports, harEntry, run, share, writeHar } from './testing-default-exports.ts';

const SECRETS = ['Hunter2-correct-horse', 'hunter2a9', 'k1sh0rt', 'hunter2g4', 'hunterPW', 'hunter PW'];
const QUERY = 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { id } }';

function entry(url: string, body: string, mimeType: string, headers: [string, string][] = []): unknown {
  return harEntry({ url, headers: [['Origin', 'https://app.example'], ['Content-Type', mimeType], ...headers], body: { mimeType, text: body } });
}

const har = writeHar('t9.har', [
  entry('https://api.example/graphql', JSON.stringify({ operationName: 'Login', query: QUERY, variables: { e: 'ana@example.com', p: SECRETS[0] } }), 'application/json'),
  entry(
    'https://api.example/log',
    JSON.stringify({ headers: [['Authorization', `Bearer ${SECRETS[1]}`], ['X-Api-Key', SECRETS[2]]], dsn: `//u:${SECRETS[4]}@db.example/`, url: `https://u:${SECRETS[5]}@x.example/` }),
    'application/json',
    [['X-Upstream', `Bearer ${SECRETS[3]}`]],
  ),
  entry('https://api.example/login', `user=ana&pw=${SECRETS[0]}`, 'application/x-www-form-urlencoded'),
]);

describe('review of session 28: secrets stay out of every default export', () => {
  it.each(defaultExports(har))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain('REDACTED-PASSWORD');
  });

  it('the GraphQL query is exported as captured', async () => {
    const bundle = JSON.parse(await run(share, [har, '--out', '-'])) as { exchanges: { exchange: { request: { body: string } } }[] };
    const body = JSON.parse(bundle.exchanges[0]!.exchange.request.body) as { query: string; variables: unknown };
    expect(body).toEqual({ operationName: 'Login', query: QUERY, variables: { e: 'ana@example.com', p: 'REDACTED-PASSWORD' } });
  });

  it('--include-secrets keeps them', async () => {
    const output = await run(share, [har, '--out', '-', '--include-secrets']);
    for (const secret of SECRETS) expect(output).toContain(JSON.stringify(secret).slice(1, -1));
  });
});
