// The secrets a hostile review (session 28) found in default exports: a GraphQL password under a
// neutral variable name, `pw`, a short credential in a logged `[name, value]` list, a Bearer token
// under a header name no rule knows, and userinfo the URL scan missed. Each of `share`, `report`
// and `curl` (all three shells) must keep them out, and the GraphQL query must stay as captured.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIEWER_PAGE } from '../export/testing-viewer-page.ts';
import { runCurl } from './curl-command.ts';
import { runReport } from './report-command.ts';
import { runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const SECRETS = ['Hunter2-correct-horse', 'hunter2a9', 'k1sh0rt', 'hunter2g4', 'hunterPW', 'hunter PW'];
const QUERY = 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { id } }';

function entry(url: string, body: string, mimeType: string, headers: [string, string][] = []): unknown {
  return {
    startedDateTime: '2026-11-21T22:51:13.939Z',
    time: 1,
    _resourceType: 'fetch',
    request: {
      method: 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [['Origin', 'https://app.example'], ['Content-Type', mimeType], ...headers].map(([name, value]) => ({ name, value })),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: body.length,
      postData: { mimeType, text: body },
    },
    response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'x' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'cors-redact-review-'));
const har = join(dir, 't9.har');
writeFileSync(
  har,
  JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'x', version: '1' },
      pages: [],
      entries: [
        entry('https://api.example/graphql', JSON.stringify({ operationName: 'Login', query: QUERY, variables: { e: 'ana@example.com', p: SECRETS[0] } }), 'application/json'),
        entry(
          'https://api.example/log',
          JSON.stringify({ headers: [['Authorization', `Bearer ${SECRETS[1]}`], ['X-Api-Key', SECRETS[2]]], dsn: `//u:${SECRETS[4]}@db.example/`, url: `https://u:${SECRETS[5]}@x.example/` }),
          'application/json',
          [['X-Upstream', `Bearer ${SECRETS[3]}`]],
        ),
        entry('https://api.example/login', `user=ana&pw=${SECRETS[0]}`, 'application/x-www-form-urlencoded'),
      ],
    },
  }),
);

type Run = (args: string[], out: Collected, err: Collected) => Promise<number>;

async function run(command: Run, args: string[]): Promise<string> {
  const out = new Collected();
  const err = new Collected();
  expect(await command(args, out, err)).toBe(0);
  return out.text + err.text;
}

const share: Run = (args, out, err) => runShare(args, out, err, undefined, undefined, async () => VIEWER_PAGE);

describe('review of session 28: secrets stay out of every default export', () => {
  it.each([
    ['share --out', share, [har, '--out', '-']],
    ['share --html', share, [har, '--html', '-']],
    ['report', runReport, [har]],
    ['curl (bash)', runCurl, [har, '--url-contains', 'api.example']],
    ['curl (powershell)', runCurl, [har, '--url-contains', 'api.example', '--shell', 'powershell']],
    ['curl (cmd)', runCurl, [har, '--url-contains', 'api.example', '--shell', 'cmd']],
  ] as [string, Run, string[]][])('%s', async (_about, command, args) => {
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
