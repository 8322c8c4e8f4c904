// Session 41's review, through every default export of the CLI (report, curl in the three shells,
// share --out and --html, the sanitized HAR the viewer downloads) and explain (text and --json):
//
// - M1: a GitHub token or a JWT in a header whose value the engine reads as a keyword (`Vary`'s
//   items, `Access-Control-Max-Age`, `-Allow-Credentials`, `-Allow-Private-Network`, the request's
//   `Range`, `Sec-Fetch-Site`, `Sec-Fetch-Mode`) stayed in clear in each, though the same value in
//   `Cache-Control` went.
// - L1: `explain --json` printed the values the server's layers are read from (`layers[].evidence`:
//   `X-Powered-By: Express <key>`, `Via: 1.1 ghp_...`) and those keyword values as captured.

import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { runReport } from './report-command.ts';
import { everyDefaultOutput, explainOf, harEntry, harTextOf, run, share, writeHar, type Run } from './testing-default-exports.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const github = (n: number): string => `ghp_RvK${n}Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsAbCd`;
const jwt = (n: number): string => `${b64({ alg: 'HS256' })}.${b64({ sub: `review-41-${n}` })}.RvJ${n}WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`;

// Each planted once, in one header: what must not survive of it.
const PLANTED: [string, string][] = [
  ['Range', github(1)],
  ['Sec-Fetch-Site', `${github(2)}x`],
  ['Sec-Fetch-Mode', jwt(3)],
  ['Vary', `Origin, ${jwt(4)}`],
  ['Access-Control-Max-Age', github(5)],
  ['Access-Control-Allow-Credentials', `${jwt(6)}x`],
  ['Access-Control-Allow-Private-Network', github(7)],
  ['Via', `1.1 ${github(8)}`],
  ['X-Powered-By', `Express ${github(9)}x`],
];
const DISTINCTIVE = [1, 2, 5, 7, 8, 9].map((n) => `RvK${n}Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5Fs`).concat([3, 4, 6].flatMap((n) => [b64({ sub: `review-41-${n}` }), `RvJ${n}WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`]));

const request = (names: string[]): [string, string][] => [['Origin', 'https://app.example'], ...PLANTED.filter(([name]) => names.includes(name))];
const response = (names: string[]): [string, string][] => [['Access-Control-Allow-Origin', 'https://other.example'], ...PLANTED.filter(([name]) => names.includes(name))];
const entries = [
  // Blocked (another origin allowed): the report's and curl's sections are written for it.
  harEntry({ url: 'https://api.example/r41', headers: request(['Range', 'Sec-Fetch-Site', 'Sec-Fetch-Mode']), response: response(['Vary', 'Access-Control-Max-Age', 'Access-Control-Allow-Credentials', 'Via', 'X-Powered-By']), error: 'net::ERR_FAILED' }),
  harEntry({ url: 'https://api.example/r41b', headers: request(['Sec-Fetch-Mode']), response: response(['Access-Control-Allow-Private-Network', 'Access-Control-Max-Age']), error: 'net::ERR_FAILED' }),
];
const harText = harTextOf(entries);
const har = writeHar('s41.har', entries);

const explain = explainOf(harText);

describe('session 41: secrets in values the engine reads as a keyword, and in the layers\' evidence, stay out of every default output', () => {
  it.each(everyDefaultOutput(harText, har))('%s', async (about, command, args) => {
    const output = await run(command, args);
    // (explain's text prints none of these values.)
    if (about !== 'explain') expect(output).toContain('REDACTED-');
    for (const part of DISTINCTIVE) expect(output).not.toContain(part);
  });

  it('explain --json shows the layers and CORS lines as the exports write them; --include-secrets as captured', async () => {
    const json = await run(explain, ['-', '--json']);
    expect(json).toContain('{"header":"X-Powered-By","value":"Express REDACTED-TOKEN"');
    expect(json).toContain('{"header":"Via","value":"1.1 REDACTED-TOKEN"');
    expect(json).toMatch(/"header":"Access-Control-Max-Age","value":"REDACTED-TOKEN-\d+"/);
    const kept = await run(explain, ['-', '--json', '--include-secrets']);
    expect(kept).toContain(`{"header":"X-Powered-By","value":"Express ${github(9)}x"`);
    expect(kept).toContain(`"header":"Access-Control-Max-Age","value":"${github(5)}"`);
  });

  it('the same secret is the same placeholder in the bundle\'s lines, and --include-secrets keeps them', async () => {
    const bundle = await run(share, [har, '--out', '-']);
    const maxAge = [...bundle.matchAll(/"Access-Control-Max-Age",\s*"([^"]+)"/g)].map((match) => match[1]);
    expect(maxAge).toHaveLength(2);
    expect(maxAge[0]).toMatch(/^REDACTED-TOKEN-\d+$/);
    expect(maxAge[1]).toBe(maxAge[0]);
    const output = await run(share, [har, '--out', '-', '--include-secrets']);
    for (const [, value] of PLANTED) expect(output).toContain(JSON.stringify(value).slice(1, -1));
  });
});

// The second read of session 41 (M4#1): a request sent without a preflight because the cache held an
// earlier one carries that preflight's Max-Age in its cache entry (`ObservedHop.preflightCacheEntry`,
// FC), which the exports copied as "nothing of the user's" and explain printed in its cache words.
describe("session 41: a key in the Max-Age of the preflight a cached request's entry repeats", () => {
  const at = (entry: unknown, startedDateTime: string): unknown => ({ ...(entry as object), startedDateTime });
  const url = 'https://api.example/cached';
  const put = (): [string, string][] => [['Origin', 'https://app.example'], ['Content-Type', 'application/json']];
  const allowed: [string, string][] = [['Access-Control-Allow-Origin', 'https://app.example']];
  const cachedEntries = [
    at(harEntry({ url, method: 'OPTIONS', headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']], status: 204, response: [...allowed, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type'], ['Access-Control-Max-Age', github(10)]] }), '2026-12-06T12:00:00.000Z'),
    at(harEntry({ url, method: 'PUT', headers: put(), response: allowed }), '2026-12-06T12:00:00.010Z'),
    // Within Chromium's 5 s for a Max-Age that is no number: answered from the cache; blocked by its
    // own answer, so that explain's text explains it.
    at(harEntry({ url, method: 'PUT', headers: put(), response: [['Access-Control-Allow-Origin', 'https://other.example']], error: 'net::ERR_FAILED' }), '2026-12-06T12:00:01.000Z'),
  ];
  const cachedHar = writeHar('s41-cached.har', cachedEntries);
  const secret = 'RvK10Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5Fs';

  it.each([
    ['explain --browser firefox', ['explain', cachedHar, '--browser', 'firefox']],
    ['explain --json --browser firefox', ['explain', cachedHar, '--json', '--browser', 'firefox']],
    ['report --browser firefox', ['report', cachedHar, '--browser', 'firefox']],
    ['share --out', ['share', cachedHar, '--out', '-']],
    ['share --html', ['share', cachedHar, '--html', '-']],
  ])('%s', async (_about, args) => {
    const command: Run = args[0] === 'share' ? share : args[0] === 'report' ? runReport : (rest, out, err) => main(['explain', ...rest], out, err, {});
    const output = await run(command, args.slice(1));
    expect(output).toContain('REDACTED-');
    expect(output).not.toContain(secret);
  });

  // Session 42 (M4#4): report and --json say so too, with the same placeholder.
  it('explain --json and report say it with the placeholder too; --include-secrets as captured', async () => {
    const json = JSON.parse(await run((rest, out, err) => main(['explain', ...rest], out, err, {}), [cachedHar, '--json', '--browser', 'firefox'])) as { exchanges: { preflightCacheMiss?: { maxAge: string; text: string } }[] };
    const misses = json.exchanges.flatMap((exchange) => exchange.preflightCacheMiss ?? []);
    expect(misses.length).toBeGreaterThan(0);
    for (const miss of misses) expect(miss).toMatchObject({ maxAge: expect.stringMatching(/^REDACTED-TOKEN-\d+$/), text: expect.stringContaining("read by Chromium's rules: Access-Control-Max-Age REDACTED-TOKEN-") });
    const report = await run(runReport, [cachedHar, '--browser', 'firefox']);
    expect(report).toMatch(/- \*\*Preflight:\*\* not sent: the capturing browser's preflight cache answered it \(read by Chromium's rules: Access-Control-Max-Age REDACTED-TOKEN-\d+,/);
    const kept = JSON.parse(await run((rest, out, err) => main(['explain', ...rest], out, err, {}), [cachedHar, '--json', '--browser', 'firefox', '--include-secrets'])) as typeof json;
    expect(new Set(kept.exchanges.flatMap((exchange) => exchange.preflightCacheMiss?.maxAge ?? []))).toEqual(new Set([github(10)]));
  });

  it("explain says Firefox would have sent the preflight, with the entry's Max-Age as its line's placeholder", async () => {
    const output = await run((rest, out, err) => main(['explain', ...rest], out, err, {}), [cachedHar, '--browser', 'firefox']);
    expect(output.replace(/\s+/g, ' ')).toMatch(/preflight cache answered it \(read by Chromium's rules: Access-Control-Max-Age REDACTED-TOKEN-\d+,/);
    const bundle = await run(share, [cachedHar, '--out', '-']);
    const maxAges = new Set([...bundle.matchAll(/"(?:Access-Control-Max-Age",\s*|maxAge":\s*)"([^"]+)"/g)].map((match) => match[1]));
    expect([...maxAges]).toEqual([expect.stringMatching(/^REDACTED-TOKEN-\d+$/)]);
  });
});
