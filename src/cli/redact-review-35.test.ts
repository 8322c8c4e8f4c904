// Session 35's secrets through every default export of the CLI (explain text and --json, report,
// curl in the three shells, share --out and --html): a known key glued before a URL (the URL's
// scheme read backwards swallowed it), two JWTs glued together or a JWT glued to a known key (the
// first token's signature swallowed the second's header, and its payload stayed), in a header
// value, a query value, the browser's error text and a JSON body field; and header names shaped
// like a credential, which the probe command wrote as `--header NAME`.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { defaultExports, harEntry, run, share, writeHar, type Run } from './testing-default-exports.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const AWS = 'AKIAIOSFODNN7EXAMPLE';
const GITHUB = `ghp_${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'}`;
const STRIPE = `sk_live_${'q'.repeat(24)}`;
const JWT_A = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice-35-first' })}.c2lnbmF0dXJlLWZpcnN0LW9uZQ`;
const JWT_B = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'bobby-35-second' })}.c2lnbmF0dXJlLXNlY29uZC10d28`;
// What must not survive of each: the key's random part, each JWT's payload and signature.
const DISTINCTIVE = ['IOSFODNN7EXAMPLE', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ', 'q'.repeat(16), b64({ sub: 'alice-35-first' }), b64({ sub: 'bobby-35-second' }), 'c2lnbmF0dXJlLWZpcnN0', 'c2lnbmF0dXJlLXNlY29uZC10'];

const GLUED = [`${AWS}https://x.example/a`, `${GITHUB}https://x.example/b?q=1`, `${STRIPE}https://x.example/c`, `${JWT_A}${JWT_B}`, `${JWT_A}-${JWT_B}`, `${GITHUB}${JWT_A}`, `${AWS}${JWT_B}`, `${JWT_A}${STRIPE}`];

// Allowed, yet failed: the credentialed-origin advisory comes with its probe command.
function entry(url: string, headers: [string, string][], error: string, body?: string): unknown {
  return harEntry({
    url,
    headers: [['Origin', 'https://app.example'], ['Cookie', 'sid=1'], ...headers],
    ...(body === undefined ? {} : { body: { mimeType: 'application/json', text: body } }),
    response: [
      ['Access-Control-Allow-Origin', 'https://app.example'],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    error,
  });
}

const entries = GLUED.map((glued, i) =>
  entry(`https://api.example/e${i}?v=${glued}&w=${encodeURIComponent(glued)}`, [['X-Thing', glued], ['Content-Type', 'application/json']], `net::ERR_FAILED ${glued}`, JSON.stringify({ note: glued })),
);
// Header names shaped like credentials: tokens, so the probe would send them (`--header NAME`).
entries.push(entry('https://api.example/names', [[GITHUB, '1'], [STRIPE, '1'], [JWT_A, '1'], [AWS, '1']], 'net::ERR_FAILED'));
const harText = JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries } });
const har = writeHar('s35.har', entries);

const explain: Run = (args, out, err) => main(['explain', ...args], out, err, {}, Readable.from([Buffer.from(harText)]));

describe('session 35: keys glued before URLs, glued JWTs and token-shaped header names stay out of every default export', () => {
  it.each([['explain', explain, ['-']] as [string, Run, string[]], ['explain --json', explain, ['-', '--json']] as [string, Run, string[]], ...defaultExports(har)])('%s', async (_about, command, args) => {
    const output = await run(command, args);
    // Something was written, and each export names what it took out.
    expect(output).toContain('REDACTED-');
    for (const part of DISTINCTIVE) expect(output).not.toContain(part);
  });

  it('the probe command writes a token-shaped header name as the exports write it (explain text and --json)', async () => {
    const json = await run(explain, ['-', '--json']);
    expect(json).toContain('--header REDACTED-TOKEN');
    expect(json).toContain('--header REDACTED-API-KEY');
    expect(json).toContain('--header REDACTED-JWT');
    // The engine names them lower-cased, which no longer decodes as a JWT nor matches an AWS key
    // id's capitals, yet gives most of either away.
    expect(json.toLowerCase()).not.toContain('iosfodnn7example');
    expect(json.toLowerCase()).not.toContain(b64({ sub: 'alice-35-first' }).toLowerCase());
    const text = await run(explain, ['-']);
    expect(text).toContain('--header REDACTED-TOKEN');
    expect(text.toLowerCase()).not.toContain('iosfodnn7example');
  });

  it('--include-secrets keeps them', async () => {
    const output = await run(share, [har, '--out', '-', '--include-secrets']);
    expect(output).toContain(`${JWT_A}${JWT_B}`);
    expect(output).toContain(`${AWS}https://x.example/a`);
  });
});
