// `explain` masks the origins it prints as the exports redact them: a hand-made or hostile HAR's
// `Origin` with a password (the page's origin comes from it too) and an `Access-Control-Allow-Origin`
// with a token in its query, in the text and in `--json` (`failedParameter`, `checks[].found`, the
// console line, the explanation, `corsHeaders[].value`), unless `--include-secrets`. The verdicts
// are the same either way.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const SECRETS = /originpass1|sk_live_acaosecret2/;

function entry(url: string, requestHeaders: [string, string][], responseHeaders: [string, string][], startedDateTime: string): unknown {
  return {
    startedDateTime,
    time: 1,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: requestHeaders.map(([name, value]) => ({ name, value })), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0, headers: responseHeaders.map(([name, value]) => ({ name, value })) },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    _resourceType: 'fetch',
  };
}

const userinfoOrigin = 'https://ana:originpass1@app.example';
const tokenAllowOrigin = 'https://app.example/?token=sk_live_acaosecret2';
const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      // An Origin with a password (the page's origin is taken from it), echoed back.
      entry('https://api.example/a', [['Origin', userinfoOrigin]], [['Access-Control-Allow-Origin', userinfoOrigin]], '2026-01-01T00:00:00.000Z'),
      // An Access-Control-Allow-Origin with a token in its query: no origin, refused.
      entry('https://api.example/b', [['Origin', 'https://app.example']], [['Access-Control-Allow-Origin', tokenAllowOrigin]], '2026-01-01T00:00:01.000Z'),
    ],
  },
});

async function explain(...args: string[]): Promise<{ text: string; status: number }> {
  const out = new Collected();
  const status = await main(['explain', '-', ...args], out, new Collected(), {}, Readable.from([Buffer.from(har)]));
  return { text: out.text, status };
}

interface Line {
  verdict: string;
  corsError: string | null;
  failedParameter: string | null;
  consoleMessage: string | null;
  explanation: string;
  checks: { name: string; outcome: string; found?: string }[];
  firefox: { outcome: string };
}

function lines(json: string): Line[] {
  return (JSON.parse(json) as { exchanges: Line[] }).exchanges;
}

describe('explain and secrets in origins', () => {
  it.each([[[]], [['--json']], [['--browser', 'firefox']], [['--json', '--browser', 'firefox']], [['--fail-on-blocked']]])('%j prints none, and shows where they were', async (args) => {
    const { text } = await explain(...args);
    expect(text).not.toMatch(SECRETS);
    expect(text).toContain('https://app.example/?token=REDACTED-QUERY-SECRET');
  });

  it('--json: the refused value, the check that found it and the words name the masked values', async () => {
    const [userinfo, token] = lines((await explain('--json')).text);
    // The user name stays, as in a hop URL (session 34); the password goes.
    expect(JSON.stringify(userinfo)).toContain('https://ana:REDACTED-PASSWORD@app.example');
    expect(token!.failedParameter).toBe('https://app.example/?token=REDACTED-QUERY-SECRET');
    expect(token!.checks.find((check) => check.name === 'allow-origin')?.found).toBe(token!.failedParameter);
    expect(token!.consoleMessage).toContain(token!.failedParameter);
  });

  it('--include-secrets prints the origins as captured, and the verdicts are the same', async () => {
    for (const args of [[], ['--browser', 'firefox']]) {
      expect((await explain('--include-secrets', ...args)).text).toContain(tokenAllowOrigin);
      const masked = lines((await explain('--json', ...args)).text);
      const captured = lines((await explain('--json', '--include-secrets', ...args)).text);
      expect(JSON.stringify(captured)).toContain(userinfoOrigin);
      expect(captured[1]!.failedParameter).toBe(tokenAllowOrigin);
      const verdicts = (of: Line[]): unknown => of.map((line) => [line.verdict, line.corsError, line.firefox.outcome, line.checks.map((check) => [check.name, check.outcome])]);
      expect(verdicts(masked)).toEqual(verdicts(captured));
      expect(masked[1]!.verdict).toBe('blocked');
      expect((await explain('--fail-on-blocked', ...args)).status).toBe((await explain('--fail-on-blocked', '--include-secrets', ...args)).status);
    }
  });
});
