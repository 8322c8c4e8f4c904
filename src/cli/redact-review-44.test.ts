// Session 44's review, through every default export of the CLI (report, curl in the three shells,
// share --out and --html, the sanitized HAR the viewer downloads) and explain (text and --json):
//
// - A JSON Patch (RFC 6902) body: each operation's `value` under a `path` whose last token names a
//   secret (`/password`, `/credentials/apiKey`) stayed in clear (`redact-json.ts`).
// - GraphQL documents the detection did not read as GraphQL, or read wrong: a block string
//   (`"""..."""`), a comment ended by a lone CR, commas and comments where the grammar ignores them
//   (`graphql-variables.ts`, `redact-text.ts`).
// - Names no rule covered: `seed`, `securityAnswer`, `pword`, `pWd`, `X-2fa`, `tan`, `ott`, `sso`,
//   `magic`, `reset`, `invite`, `{"type": "password", "data": ...}` (`sensitive-name.ts`).
// - Review M8 of the above: a `query` that starts with `{` but holds JSON; SCIM PatchOp paths, a
//   trailing slash and an `id` beside a patch operation.

import { describe, expect, it } from 'vitest';
import { everyDefaultOutput, harEntry, harTextOf, run, writeHar } from './testing-default-exports.ts';

const failing = { response: [['Access-Control-Allow-Origin', 'https://other.example']] as [string, string][], error: 'net::ERR_FAILED' };
const origin: [string, string] = ['Origin', 'https://app.example'];
const json = (url: string, text: string): unknown => harEntry({ url, headers: [origin], body: { mimeType: 'application/json', text }, ...failing });

const entries = [
  json('https://api.example/users/42', JSON.stringify([{ op: 'replace', path: '/password', value: 'S44patchA' }, { op: 'add', path: '/credentials/apiKey', value: 'S44patchB' }])),
];
const graphql = (query: string, variables?: Record<string, string>): unknown => json('https://api.example/gql', JSON.stringify({ query, variables }));
entries.push(
  graphql('mutation { setPassword(password: """S44blockA""") { ok } }'),
  graphql('# set it\rmutation($p: String!) { setPassword(password: $p) { ok } }', { p: 'S44crB' }),
  graphql('mutation { setPassword(password, : "S44commaC") { ok } }'),
  graphql('\t,\nmutation($x:String!){changeCreds(password:$x){ok}}', { x: 'S44leadD' }),
  graphql('mutation{changeCreds(password # c\n : "S44commentE"){ok}}'),
);
entries.push(
  json('https://api.example/names', JSON.stringify({ seed: 'abandon S44seedF', securityAnswer: 'S44answerG', pword: 'S44pwordH', pWd: 'S44pwdI' })),
  json('https://api.example/typed', JSON.stringify({ type: 'password', data: 'S44typedJ' })),
  harEntry({ url: 'https://api.example/q?tan=S44tanK&ott=S44ottL&sso=S44ssoM&magic=S44magicN&reset=S44resetO&invite=S44inviteP', headers: [origin, ['X-2fa', 'S44twofaQ'], ['X-Magic', 'S44magicR']], ...failing }),
);
// M8: a `query` member or parameter that starts with `{` but holds JSON, read as GraphQL, kept its
// names' values (`graphql-variables.ts` gave no GraphQL name before `"password":`).
entries.push(
  json('https://api.example/search', JSON.stringify({ query: '{"user":"ana","password":"S44m8jsonS"}' })),
  harEntry({ url: "https://api.example/search?query={%27password%27:%27S44m8urlT%27}", headers: [origin], ...failing }),
);
// M8: a SCIM PatchOp (RFC 7644 §3.5.2) names its target by attribute path, no leading `/`; an
// operation with an `id` member lost its path's judgement.
entries.push(
  json('https://api.example/scim/v2/Users/42', JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'password', value: 'S44m8scimU' }, { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: 'S44m8urnV' }] })),
  json('https://api.example/users/43', JSON.stringify([{ op: 'replace', path: '/user/password/', value: 'S44m8slashW', id: 'op1' }])),
);
const M8_MARKS = ['S44m8jsonS', 'S44m8urlT', 'S44m8scimU', 'S44m8urnV', 'S44m8slashW'];
const MARKS = [...M8_MARKS, 'S44patchA', 'S44patchB', 'S44blockA', 'S44crB', 'S44commaC', 'S44leadD', 'S44commentE', 'S44seedF', 'S44answerG', 'S44pwordH', 'S44pwdI', 'S44typedJ', 'S44tanK', 'S44ottL', 'S44ssoM', 'S44magicN', 'S44resetO', 'S44inviteP', 'S44twofaQ', 'S44magicR'];

const harText = harTextOf(entries);
const har = writeHar('s44.har', entries);

describe('session 44: JSON Patch values, GraphQL literals and variables, names no rule covered stay out of every default output', () => {
  it.each(everyDefaultOutput(harText, har))('%s', async (about, command, args) => {
    const output = await run(command, args);
    // explain shows no bodies: nothing of them to mask there, and nothing may leak.
    if (!about.startsWith('explain')) expect(output).toContain('REDACTED-');
    for (const mark of MARKS) expect(output).not.toContain(mark);
  });
});

// Session 44 (RED5): what the redaction helpers before left in clear.
// - base64 written plainly in a URL's path, its `/` read as the path's: its random segment went, the
//   pieces beside it stayed (`/p/Zq8W+f3kLm9Q/REDACTED-OPAQUE-TOKEN/x`: `opaque-token.ts`'s
//   `pathBase64Stretches`), in the request's URL, a `Referer`, a redirect's `Location`, a URL in text;
// - base64 with escapes and a literal `/`, as encodeURI writes it: the escaped run stopped at the
//   `/`, and the piece after it stayed (`note:%20REDACTED-OPAQUE-TOKEN//0Dnw==`: `redact-text.ts`'s
//   `escapedRuns`);
// - vendors' headers whose keys need not look random: `X-Honeycomb-Team`, `X-Firebase-AppCheck`,
//   `DPoP`, `X-Amzn-Oidc-Data` (`sensitive-name.ts`).
const pathToken = (mark: string): string => `${mark}q8W+f3kLm9Q/aT7yB2cD4eF6gH8jK0mN1pR3sT5`;
const encodedNote = (mark: string): string => `note:%20${mark}QnuFhqhR+qAg4zBQIFBAQBAAYFdgIH//0Dn${mark}==`;
const red5Entries = [
  harEntry({
    url: `https://api.example/p/${pathToken('R51')}/x?page=2`,
    headers: [origin, ['Referer', `https://app.example/s/${pathToken('R52')}/view`], ['X-Note', encodedNote('R53')], ['X-Honeycomb-Team', 'r54honeykey'], ['X-Firebase-AppCheck', 'r55appcheck'], ['DPoP', 'r56dpopproof'], ['X-Amzn-Oidc-Data', 'r57oidcdata']],
    body: { mimeType: 'text/plain', text: `see https://cdn.example/f/${pathToken('R58')}/raw and ${encodedNote('R59')}` },
    ...failing,
  }),
];
const RED5_MARKS = ['R51q8W', 'R52q8W', 'R58q8W', 'R53Qnu', 'Dn' + 'R53', 'R59Qnu', 'Dn' + 'R59', 'r54honeykey', 'r55appcheck', 'r56dpopproof', 'r57oidcdata'];
const red5HarText = harTextOf(red5Entries);
const red5Har = writeHar('s44-red5.har', red5Entries);

describe('session 44 (RED5): base64 across a path’s segments, escapes beside a literal /, vendors’ key headers stay out of every default output', () => {
  it.each(everyDefaultOutput(red5HarText, red5Har))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const mark of RED5_MARKS) {
      expect(output).not.toContain(mark);
      expect(output).not.toContain(encodeURIComponent(mark));
    }
    expect(output).not.toContain('f3kLm9Q');
  });
});
