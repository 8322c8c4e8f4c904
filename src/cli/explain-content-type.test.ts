// Session 42: `explain` quotes a safelisted header's value when it needed the server's permission
// ("this request sent 'application/json; key=...'"), in the text and in `--json`, and printed it as
// captured, into CI logs, where every export overwrites its secrets in place. Explain now writes
// those values as the exports do, before the engine reads the exchange; the safelist rules read the
// overwritten value as the captured one, so every verdict stays.

import { describe, expect, it } from 'vitest';
import { explainOf, harEntry, harTextOf, run } from './testing-default-exports.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const GITHUB = 'ghp_CtQ1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsAbCd';
const JWT = `${b64({ alg: 'HS256' })}.${b64({ sub: 'ct-42' })}.CtJ2WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`;
const SECRETS = ['CtQ1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5Fs', b64({ sub: 'ct-42' }), 'CtJ2WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX', 'IOSFODNN7EXAMPLE'];

// Each needs a preflight by its value (a MIME type no rule safelists, a `"`), and the preflight
// allowed no header: blocked, and the words say what the request sent.
const SENT: [string, string][] = [
  ['Content-Type', `application/json; key=${GITHUB}`],
  ['Content-Type', `text/plain; boundary="${JWT}"`],
  ['Accept', `text/html; q="600AKIAIOSFODNN7EXAMPLE"`],
];

const entries = SENT.flatMap(([name, value], i) => {
  // One API origin each: the text words each group's first request only.
  const url = `https://api${i}.example/sent`;
  return [
    harEntry({
      url,
      method: 'OPTIONS',
      headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', name.toLowerCase()]],
      status: 204,
      response: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'POST']],
    }),
    harEntry({ url, method: 'POST', headers: [['Origin', 'https://app.example'], [name, value]], body: { mimeType: value, text: '{}' }, status: 0, error: 'net::ERR_FAILED' }),
  ];
});
const harText = harTextOf(entries);
const explain = explainOf(harText);

interface Judged {
  verdict: string;
  corsError: string | null;
  failedParameter?: string;
}
const judged = (json: string): Judged[] => (JSON.parse(json) as { exchanges: Judged[] }).exchanges.map(({ verdict, corsError, failedParameter }) => ({ verdict, corsError, failedParameter }));

describe('explain writes a safelisted value it quotes as the exports write it', () => {
  it.each([[['-']], [['-', '--json']]])('%j: none of the secrets, each value quoted with its placeholder', async (args) => {
    const output = await run(explain, args);
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    const words = output.replace(/\s+/g, ' ');
    expect(words).toContain("this request sent 'application/json; key=REDACTED-");
    // (A long value is cut at 80 characters; --json escapes the quotes.)
    expect(words).toMatch(/this request sent 'text\/plain; boundary=\\?"REDACTED-JWT-{20,}\.\.\.'/);
    expect(words).toMatch(/this request sent 'text\/html; q=\\?"600REDACTED-API-KEY-+\\?"'/);
  });

  it('judges every request as --include-secrets does, which quotes the values as captured', async () => {
    const masked = await run(explain, ['-', '--json']);
    const kept = await run(explain, ['-', '--json', '--include-secrets']);
    expect(judged(masked)).toEqual(judged(kept));
    expect(judged(masked).map((j) => j.corsError)).toEqual(['HeaderDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse']);
    expect(kept).toContain(GITHUB);
    expect(kept).toContain(JWT.slice(0, 50));
    expect(kept).toContain('600AKIAIOSFODNN7EXAMPLE');
  });
});
