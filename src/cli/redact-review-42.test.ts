// Session 42's review, through every default export of the CLI (report, curl in the three shells,
// share --out and --html, the sanitized HAR the viewer downloads) and explain (text and --json):
//
// - A key glued after digits (`600AKIA...`, `123ghp_...`, `9sk_live_...`) stayed in clear in every
//   header value, URL and header name: a digit before an issuer's prefix was read as part of a word.
// - A secret's shape as a multipart boundary (`boundary=ghp_...`, a JWT) stayed in clear in the
//   Content-Type and the body's delimiters of every export.
// - explain quoted a safelisted value that needed the server's permission (`Content-Type:
//   application/json; key=ghp_...`) as captured, in the text and in --json.
// - A secret-shaped host in Access-Control-Allow-Origin, which a group's title cut short, went into
//   explain's titles and the report's as captured.

import { describe, expect, it } from 'vitest';
import { defaultExports, everyDefaultOutput, explainOf, harEntry, harTextOf, run, writeHar, type Run } from './testing-default-exports.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
// Letters only after the prefix: the random-value rule (letters of both cases and digits) takes none
// of these, only their issuer's prefix tells them.
const github = (n: number): string => `ghp_rvqxlwkqptrvnzmxbjhygdfsabcd${'abcdefghij'[n]}wxyz`;
const stripe = 'sk_live_rvqxlwkqptrvnzmxbjhygdfs';
const aws = 'AKIAIOSFODNN7EXAMPLE';
const jwt = (n: number): string => `${b64({ alg: 'HS256' })}.${b64({ sub: `review-42-${n}` })}.RvJ${n}WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`;

// The review's: a random key as the boundary of no multipart type, and a key glued after a letter as a
// multipart one (`xghp_...`, which an ordinary value loses as a random-looking run).
const randomKey = 'Q7vX9kLm2Np4Rs8Tz1Wy5Bc3Df6Gh0JkQ7vX9kLm2Np';
const gluedKey = 'CtQ1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsAbCd';

const DISTINCTIVE = ['rvqxlwkqptrvnzmxbjhygdfs', 'IOSFODNN7EXAMPLE', randomKey, gluedKey, ...[1, 2, 3, 4].flatMap((n) => [b64({ sub: `review-42-${n}` }), `RvJ${n}WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`])];

const origin: [string, string] = ['Origin', 'https://app.example'];
const allowed: [string, string][] = [['Access-Control-Allow-Origin', 'https://app.example']];
const multipartType = `multipart/form-data; boundary=${github(5)}`;
const multipartBody = `--${github(5)}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${github(5)}--\r\n`;
const gluedType = `multipart/form-data; boundary=xghp_${gluedKey}`;
const gluedBody = `--xghp_${gluedKey}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--xghp_${gluedKey}--\r\n`;

/** A request refused at its preflight for its Content-Type: explain quotes the value it sent. */
function refusedForContentType(url: string, contentType: string): unknown[] {
  return [
    harEntry({ url, method: 'OPTIONS', headers: [origin, ['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', 'content-type']], status: 204, response: [...allowed, ['Access-Control-Allow-Methods', 'POST']] }),
    harEntry({ url, method: 'POST', headers: [origin, ['Content-Type', contentType]], body: { mimeType: contentType, text: '{}' }, status: 0, error: 'net::ERR_FAILED' }),
  ];
}

const entries = [
  // Keys glued after digits, in header values, the URL's path and query, a header name; blocked.
  harEntry({
    url: `https://api.example/k/42${github(1)}?n=600${aws}&s=9${stripe}`,
    headers: [origin, ['X-Trace', `600${aws}`], ['X-Build', `123${github(2)}`], ['X-Charge', `9${stripe}`], ['X-Session', `1${jwt(1)}`], [`X-600${aws}`, '1']],
    response: [['Access-Control-Allow-Origin', 'https://other.example']],
    error: 'net::ERR_FAILED',
  }),
  ...refusedForContentType('https://api1.example/ct', `application/json; key=${github(3)}`),
  ...refusedForContentType('https://api2.example/ct', `text/plain; boundary="${jwt(2)}"`),
  // A boundary with a key's shape, in the Content-Type and the body's delimiters; blocked.
  harEntry({ url: 'https://api3.example/upload', headers: [origin, ['Content-Type', multipartType]], body: { mimeType: multipartType, text: multipartBody }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  // A `boundary=` of no multipart type is a parameter like any other (session 42's review); blocked.
  // On api.example, as the first: the curl exports take those.
  harEntry({ url: 'https://api.example/b7', headers: [origin, ['Accept', `application/json; boundary=${randomKey}`], ['Content-Language', `en, boundary=${randomKey}`]], response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  ...refusedForContentType('https://api.example/ct8', `application/json; boundary=${randomKey}`),
  // A multipart boundary with a key glued after a letter, in the Content-Type and the body; blocked.
  harEntry({ url: 'https://api.example/upload9', headers: [origin, ['Content-Type', gluedType]], body: { mimeType: gluedType, text: gluedBody }, response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }),
  // Origin-valued lines holding a secret outside a host: a path, a bare key, a list.
  harEntry({ url: 'https://api4.example/o', headers: [origin], response: [['Access-Control-Allow-Origin', `https://app.example/${jwt(3)}`]], error: 'net::ERR_FAILED' }),
  harEntry({ url: 'https://api5.example/o', headers: [origin], response: [['Access-Control-Allow-Origin', github(6)]], error: 'net::ERR_FAILED' }),
  harEntry({ url: 'https://api6.example/o', headers: [['Origin', `https://app.example/${github(7)}`]], response: [['Access-Control-Allow-Origin', `https://app.example, 7${github(8)}`]], error: 'net::ERR_FAILED' }),
];
const harText = harTextOf(entries);
const har = writeHar('s42.har', entries);

const explain = explainOf(harText);

describe('session 42: keys glued after digits, a boundary shaped like a key, the safelisted values explain quotes, stay out of every default output', () => {
  it.each(everyDefaultOutput(harText, har))('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toContain('REDACTED-');
    for (const part of DISTINCTIVE) expect(output).not.toContain(part);
  });

  it('explain quotes the Content-Types with their placeholders, each request judged as --include-secrets judges it', async () => {
    const text = (await run(explain, ['-'])).replace(/\s+/g, ' ');
    expect(text).toContain("this request sent 'application/json; key=REDACTED-");
    expect(text).toMatch(/this request sent 'text\/plain; boundary="REDACTED-JWT-+\.\.\.'/);
    const verdicts = (json: string) => (JSON.parse(json) as { exchanges: { verdict: string; corsError: string | null }[] }).exchanges.map(({ verdict, corsError }) => `${verdict} ${corsError}`);
    expect(verdicts(await run(explain, ['-', '--json']))).toEqual(verdicts(await run(explain, ['-', '--json', '--include-secrets'])));
  });

  it('the bundle writes the boundary as its Content-Type writes it, and --include-secrets keeps every value', async () => {
    const bundle = await run(defaultExports(har)[0]![1], [har, '--out', '-']);
    const boundary = /multipart\/form-data; boundary=(REDACTED-TOKEN-+)"/.exec(bundle)?.[1];
    expect(boundary).toHaveLength(github(5).length);
    expect(bundle).toContain(JSON.stringify(multipartBody.replaceAll(github(5), boundary!)).slice(1, -1));
    // The glued key the same way: the body is still cut by the boundary its Content-Type names.
    const glued = /multipart\/form-data; boundary=(xREDACTED-TOKEN-+)"/.exec(bundle)?.[1];
    expect(glued).toHaveLength(`xghp_${gluedKey}`.length);
    expect(bundle).toContain(JSON.stringify(gluedBody.replaceAll(`xghp_${gluedKey}`, glued!)).slice(1, -1));
    const kept = await run(defaultExports(har)[0]![1], [har, '--out', '-', '--include-secrets']);
    for (const value of [`600${aws}`, `123${github(2)}`, `9${stripe}`, multipartType, gluedType, `en, boundary=${randomKey}`]) expect(kept).toContain(value);
  });
});

// A secret-shaped host is compared by the engine, so the bundles and the sanitized HAR keep it as
// captured (they are judged again: session 40), and curl sends the Origin the browser sent; explain
// and the report mask it in their words, the titles that cut it short included.
describe('session 42: a JWT-shaped host in Access-Control-Allow-Origin, in the group titles', () => {
  const hostEntries = [harEntry({ url: 'https://api.example/h', headers: [origin], response: [['Access-Control-Allow-Origin', `https://${jwt(4)}.example`]], error: 'net::ERR_FAILED' })];
  const hostHar = writeHar('s42-host.har', hostEntries);
  const hostExplain = explainOf(harTextOf(hostEntries));

  it.each([
    ['explain', hostExplain, ['-']] as [string, Run, string[]],
    ['explain --json', hostExplain, ['-', '--json']] as [string, Run, string[]],
    ['report', defaultExports(hostHar)[2]![1], [hostHar]] as [string, Run, string[]],
  ])('%s', async (_about, command, args) => {
    const output = await run(command, args);
    expect(output).toMatch(/Access-Control-Allow-Origin is `?https:\/\/REDACTED-HOST-1`?\.\.\./);
    expect(output).not.toContain(b64({ sub: 'review-42-4' }));
    expect(output).not.toContain('RvJ4WtQm');
  });
});
