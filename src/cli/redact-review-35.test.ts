// Session 35's secrets through every default export of the CLI (explain text and --json, report,
// curl in the three shells, share --out and --html): a known key glued before a URL (the URL's
// scheme read backwards swallowed it), two JWTs glued together or a JWT glued to a known key (the
// first token's signature swallowed the second's header, and its payload stayed), in a header
// value, a query value, the browser's error text and a JSON body field; and header names shaped
// like a credential, which the probe command wrote as `--header NAME`.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { harFromExchanges, serializeHar } from '../export/index.ts';
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

// Session 38: what session 37's review left open, through the same exports and the sanitized HAR:
// a card after a digit-group run that starts with 0, 1, 7, 8 or 9; base64 with a `/` in a URL's path
// followed by `==-https://…`; a random run glued straight to `://`; a parameter name encoded twice
// outside a URL (a header value, a text body, cookie-like text); header names of no token shape with
// a value glued after a quote, a blank or a colon; and a secret-shaped name the server allows, which
// the fix keeps as its placeholder and must say what it stands for.
const CARD_A = '5555 5555 5555 4444';
const CARD_B = '4242-4242-4242-4242';
const B64_PATH = 'QUJDREVGR0hJSktMTU5P/UFFSU1RVVldYWVo0MTIzaZ7';
const RANDOM_GLUED = 'Zx8Kq2Lm9Pq7-Rt3Vb5Nc1Xw4Yz6Ad0Fg';
const RANDOM_24 = 'Qw7Er4Ty1Ui8Op5As2Df9Gh3';
const GITHUB_38 = `ghp_${'s38'.repeat(12)}`;
const LEAKS_38 = [
  CARD_A, CARD_A.replace(/ /g, ''), CARD_B, CARD_B.replace(/-/g, ''),
  'QUJDREVGR0hJSktMTU5P', 'UFFSU1RVVldYWVo0MTIzaZ7', 'pw38secret',
  'Zx8Kq2Lm9Pq7', 'Rt3Vb5Nc1Xw4Yz6Ad0Fg', RANDOM_24.slice(0, 20),
  'hunter38xyz', 'tok38secret', 'hunter38abc',
  'odd38secret', 'odd38bearer', 'odd38colon',
  's38s38s38s38',
];
const glued38 = `0123 ${CARD_A} id=9 ${CARD_B} ${RANDOM_GLUED}://example ${RANDOM_24}://x.example/p`;
const entries38 = [
  harEntry({
    url: `https://api.example/p/${B64_PATH}==-https://ana:pw38secret@h.example/x?v=${encodeURIComponent(glued38)}`,
    headers: [
      ['Origin', 'https://app.example'],
      ['X-Thing', glued38],
      ['X-Debug', 'see %2570assword=hunter38xyz'],
      ['X-Session', 'a=1; %2570assword=hunter38abc'],
      ['X-Token"odd38secret"', '1'],
      ['Authorization: Bearer odd38bearer', '1'],
      ['X-Weird Name:odd38colon', '1'],
    ],
    body: { mimeType: 'text/plain', text: `note %2561ccess_token=tok38secret ${glued38} https://h.example/q/${B64_PATH}==-https://e.example/` },
    response: [['Access-Control-Allow-Origin', 'https://app.example']],
    // The browser's words name a header too (a hostile HAR writes any).
    error: `net::ERR_FAILED ${glued38} Request header field X-Token"odd38secret" is not allowed`,
  }),
  // The server allows a secret-shaped name; the page adds x-trace-id, which it does not: blocked, and
  // the fix keeps the server's name, written as its placeholder.
  harEntry({
    url: 'https://api.example/kept',
    method: 'OPTIONS',
    headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace-id']],
    status: 204,
    response: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', `Content-Type, ${GITHUB_38}`]],
  }),
  harEntry({ url: 'https://api.example/kept', method: 'PUT', headers: [['Origin', 'https://app.example'], ['x-trace-id', '1']], status: 0, error: 'net::ERR_FAILED' }),
];
const harText38 = JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries: entries38 } });
const har38 = writeHar('s38.har', entries38);
const explain38: Run = (args, out, err) => main(['explain', ...args], out, err, {}, Readable.from([Buffer.from(harText38)]));

describe("session 38: the review's open leaks stay out of every default export", () => {
  it.each([['explain', explain38, ['-']] as [string, Run, string[]], ['explain --json', explain38, ['-', '--json']] as [string, Run, string[]], ...defaultExports(har38)])('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const part of LEAKS_38) expect(output).not.toContain(part);
  });

  it('the sanitized HAR', () => {
    const har = serializeHar(harFromExchanges(exchangesFromHar(harText38)));
    expect(har).toContain('REDACTED-');
    for (const part of LEAKS_38) expect(har).not.toContain(part);
  });

  it.each([['explain', ['-']], ['explain --json', ['-', '--json']]])('%s: the fix says what the kept placeholder stands for', async (_about, args) => {
    const output = await run(explain38, args);
    expect(output).toMatch(/REDACTED-TOKEN-\d+ is not a real header name: it stands for one of yours/);
  });

  it('explain --json: the server configuration lists the names it does not show', async () => {
    const doc = JSON.parse(await run(explain38, ['-', '--json'])) as { serverConfigs: { headerNamesNotShown?: string[] }[] };
    expect(doc.serverConfigs.flatMap((config) => config.headerNamesNotShown ?? [])).toEqual([expect.stringMatching(/^REDACTED-TOKEN-\d+$/)]);
  });

  it('report: the fix says what the kept placeholder stands for', async () => {
    const output = await run(defaultExports(har38).find(([about]) => about === 'report')![1], [har38]);
    expect(output).toMatch(/REDACTED-TOKEN-\d+ is not a real header name/);
  });
});

// Session 39: what session 38's review left open. Header names that are no token with a secret
// behind a delimiter RFC 9110 keeps out of tokens (`(`, `@`, `/`, `[`, `{`) or behind `=`, `,`,
// `;` or a space; card numbers after a `+`, longer than any phone number (a header value, a URL
// query); and a secret-shaped name in what the server must send, which must say what its
// placeholder stands for, as the fix's note does.
const GITHUB_39 = `ghp_${'t39'.repeat(12)}`;
const LEAKS_39 = [
  'hunter39paren', 'hunter39at', 'hunter39slash', 'hunter39bracket', 'hunter39brace', 'hunter39eq', 'hunter39comma', 'hunter39semi', 'hunter39space',
  '4111111111111111', '4111 1111 1111 1111', '5555555555554444', 't39t39t39t39',
];
const NAMES_39 = ['X(hunter39paren)', 'x@hunter39at', 'x/hunter39slash', 'X[hunter39bracket]', 'x{hunter39brace}', 'x=hunter39eq', 'x,hunter39comma', 'x;hunter39semi', 'x hunter39space'];
const entries39 = [
  harEntry({
    url: `https://api.example/p?phone=%2B4111111111111111&alt=%2B1%204111%201111%201111%201111&p=+5555555555554444`,
    headers: [['Origin', 'https://app.example'], ['X-Phone', '+4111111111111111'], ['X-Debug', 'call +1 4111 1111 1111 1111'], ...NAMES_39.map((name): [string, string] => [name, '1'])],
    response: [['Access-Control-Allow-Origin', 'https://app.example']],
    error: `net::ERR_FAILED Request header field ${NAMES_39[0]} is not allowed; ${NAMES_39.join(' ')}`,
  }),
  // The page sends a secret-shaped name that the preflight's answer does not allow: the server must
  // send it in Access-Control-Allow-Headers, written as its placeholder.
  harEntry({
    url: 'https://api.example/named',
    method: 'OPTIONS',
    headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', GITHUB_39]],
    status: 204,
    response: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'PUT']],
  }),
  harEntry({ url: 'https://api.example/named', method: 'PUT', headers: [['Origin', 'https://app.example'], [GITHUB_39, '1']], status: 0, error: 'net::ERR_FAILED' }),
];
const harText39 = JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries: entries39 } });
const har39 = writeHar('s39.har', entries39);
const explain39: Run = (args, out, err) => main(['explain', ...args], out, err, {}, Readable.from([Buffer.from(harText39)]));

describe("session 39: the review's open leaks stay out of every default export", () => {
  it.each([['explain', explain39, ['-']] as [string, Run, string[]], ['explain --json', explain39, ['-', '--json']] as [string, Run, string[]], ...defaultExports(har39)])('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const part of LEAKS_39) expect(output.toLowerCase()).not.toContain(part);
  });

  it('the sanitized HAR', () => {
    const har = serializeHar(harFromExchanges(exchangesFromHar(harText39)));
    expect(har).toContain('REDACTED-');
    for (const part of LEAKS_39) expect(har.toLowerCase()).not.toContain(part);
  });

  it('explain: what the server must send says what its placeholder stands for, beside the list', async () => {
    const output = await run(explain39, ['-']);
    const block = output.slice(output.indexOf('The server must send:'), output.indexOf('Fix ('));
    // The engine names the page's header lower-cased, placeholder included.
    expect(block).toMatch(/Access-Control-Allow-Headers: redacted-token-\d+/i);
    expect(block).toMatch(/redacted-token-\d+ is not a real header name: it stands for one of yours/i);
  });

  it('report: what the server must send says what its placeholder stands for, beside the list', async () => {
    const output = await run(defaultExports(har39).find(([about]) => about === 'report')![1], [har39]);
    const at = output.indexOf('**The fix: the server must send**');
    const block = output.slice(at, output.indexOf('\n**', at + 10));
    expect(block).toMatch(/redacted-token-\d+ is not a real header name/i);
  });
});
