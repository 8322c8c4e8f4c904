// `explain` runs in CI and its output lands in logs and artifacts: a token in a captured URL's query
// or a JWT as a path segment is printed as a placeholder, in the text and in `--json` (`url`,
// `hops[].url`, `preflight.url`, the console line, the explanation, `checks[].found`), unless
// `--include-secrets` asks for the URLs as captured. The verdicts are the same either way.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const SECRETS = /tok_querysecret1|eyJhbGci|code_locationsecret2|sk_live_authsecret3|cookiesecret4|ghp_/;

function entry(method: string, url: string, requestHeaders: [string, string][], status: number, responseHeaders: [string, string][], startedDateTime: string): unknown {
  const location = responseHeaders.find(([name]) => name === 'Location')?.[1] ?? '';
  return {
    startedDateTime,
    time: 1,
    request: { method, url, httpVersion: 'HTTP/1.1', headers: requestHeaders.map(([name, value]) => ({ name, value })), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: location, headersSize: -1, bodySize: 0, headers: responseHeaders.map(([name, value]) => ({ name, value })) },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    _resourceType: 'fetch',
  };
}

const ORIGIN: [string, string] = ['Origin', 'https://app.example'];
const tokenUrl = `https://api.example/items/${JWT}?token=tok_querysecret1&page=2`;
const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      // A request and its preflight (DevTools lists the request first), paired on the captured URL;
      // the response lacks Access-Control-Allow-Origin.
      entry('OPTIONS', tokenUrl, [ORIGIN, ['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'authorization']], 204, [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Headers', 'authorization']], '2026-01-01T00:00:00.001Z'),
      entry('GET', tokenUrl, [ORIGIN, ['Authorization', 'Bearer sk_live_authsecret3'], ['Cookie', 'sid=cookiesecret4'], ['Referer', 'https://app.example/?token=tok_querysecret1']], 200, [['Content-Type', 'application/json']], '2026-01-01T00:00:00.000Z'),
      // A redirect the browser refuses (credentials in the Location), the Location's query holding a code.
      entry('GET', 'https://api.example/start?api_key=tok_querysecret1', [ORIGIN], 302, [['Location', 'https://ana:pw@api2.example/cb?code=code_locationsecret2'], ['Access-Control-Allow-Origin', 'https://app.example']], '2026-01-01T00:00:01.000Z'),
      entry('GET', 'https://api.example/gh/ghp_abcdefghijklmnopqrstuvwxyz0123456789', [ORIGIN], 200, [['Access-Control-Allow-Origin', 'https://other.example']], '2026-01-01T00:00:02.000Z'),
    ],
  },
});

async function explainHar(text: string, ...args: string[]): Promise<{ text: string; status: number }> {
  const out = new Collected();
  const status = await main(['explain', '-', ...args], out, new Collected(), {}, Readable.from([Buffer.from(text)]));
  return { text: out.text, status };
}

function explain(...args: string[]): Promise<{ text: string; status: number }> {
  return explainHar(har, ...args);
}

interface Line {
  url: string;
  verdict: string;
  corsError: string | null;
  hops: { url: string }[];
  preflight: { url: string } | null;
  consoleMessage: string;
  explanation: string;
  checks: { name: string; outcome: string; found?: string }[];
  firefox: { outcome: string };
}

function lines(json: string): Line[] {
  return (JSON.parse(json) as { exchanges: Line[] }).exchanges;
}

describe('explain and secrets in captured URLs', () => {
  it.each([[[]], [['--json']], [['--browser', 'firefox']], [['--json', '--browser', 'firefox']], [['--fail-on-blocked']]])('%j prints none, and shows where they were', async (args) => {
    const { text } = await explain(...args);
    expect(text).not.toMatch(SECRETS);
    expect(text).toContain('api.example/items/REDACTED-JWT?token=REDACTED-QUERY-SECRET&page=2');
  });

  it('--json: every URL member, the console line, the explanation and the found Location are masked', async () => {
    const [preflighted, refused, wrongOrigin] = lines((await explain('--json')).text);
    expect(preflighted!.url).toBe('https://api.example/items/REDACTED-JWT?token=REDACTED-QUERY-SECRET&page=2');
    expect(preflighted!.preflight?.url).toBe(preflighted!.url);
    expect(refused!.hops.map((hop) => hop.url)).toEqual(['https://api.example/start?api_key=REDACTED-QUERY-SECRET']);
    expect(refused!.checks.find((check) => check.name === 'redirect-location')?.found).toBe('https://ana:REDACTED-PASSWORD@api2.example/cb?code=REDACTED-QUERY-SECRET');
    expect(wrongOrigin!.url).toBe('https://api.example/gh/REDACTED-TOKEN');
    expect(wrongOrigin!.consoleMessage).toContain(wrongOrigin!.url);
    expect(wrongOrigin!.explanation).toContain(wrongOrigin!.url);
  });

  it('--include-secrets prints the URLs as captured, and the verdicts are the same', async () => {
    for (const args of [[], ['--browser', 'firefox']]) {
      const shown = await explain('--include-secrets', ...args);
      expect(shown.text).toContain(tokenUrl);
      const masked = lines((await explain('--json', ...args)).text);
      const captured = lines((await explain('--json', '--include-secrets', ...args)).text);
      expect(captured[0]!.url).toBe(tokenUrl);
      expect(captured[1]!.checks.find((check) => check.name === 'redirect-location')?.found).toBe('https://ana:pw@api2.example/cb?code=code_locationsecret2');
      const verdicts = (of: Line[]): unknown => of.map((line) => [line.verdict, line.corsError, line.firefox.outcome, line.checks.map((check) => [check.name, check.outcome])]);
      expect(verdicts(masked)).toEqual(verdicts(captured));
      expect(masked.map((line) => line.verdict)).toEqual(['uncertain', 'blocked', 'blocked']);
      expect((await explain('--fail-on-blocked', ...args)).status).toBe((await explain('--fail-on-blocked', '--include-secrets', ...args)).status);
    }
  });
});

describe('explain and a redirect between URLs that differ only in a secret', () => {
  // Chromium's console line says "(redirected from 'FIRST')" when the first and last URLs differ as
  // captured; masked, `?token=tok_aaaaaaaaaaaa` and `?token=tok_bbbbbbbbbbbb` read the same.
  const first = 'https://api.example/data?token=tok_aaaaaaaaaaaa';
  const last = 'https://api.example/data?token=tok_bbbbbbbbbbbb';
  const redirected = JSON.stringify({
    log: {
      version: '1.2',
      entries: [
        entry('GET', first, [ORIGIN], 302, [['Location', last], ['Access-Control-Allow-Origin', 'https://app.example']], '2026-01-01T00:00:00.000Z'),
        entry('GET', last, [ORIGIN], 200, [['Content-Type', 'application/json']], '2026-01-01T00:00:00.100Z'),
      ],
    },
  });
  const shown = 'https://api.example/data?token=REDACTED-QUERY-SECRET';

  it('the console line still says it was redirected, with the masked URLs', async () => {
    const [line] = lines((await explainHar(redirected, '--json')).text);
    expect(line!.hops.map((hop) => hop.url)).toEqual([shown, shown]);
    expect(line!.consoleMessage).toBe(`Access to fetch at '${shown}' (redirected from '${shown}') from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
    const text = (await explainHar(redirected)).text;
    expect(text.replace(/\s+/g, ' ')).toContain(`(redirected from '${shown}')`);
    expect(text).not.toMatch(/tok_[ab]/);
  });

  it('--include-secrets: the same line with the URLs as captured', async () => {
    const [line] = lines((await explainHar(redirected, '--json', '--include-secrets')).text);
    expect(line!.consoleMessage).toContain(`at '${last}' (redirected from '${first}') from origin`);
  });
});
