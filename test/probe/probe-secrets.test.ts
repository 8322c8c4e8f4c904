// `probe` keeps secrets out of what it prints, as every export does: a header value such as
// `Authorization` and a token in the URL's query become REDACTED placeholders in --dry-run's curl
// commands, --json --dry-run's plan, the report (text and JSON), the stderr line, the --expect
// explanation and error messages; `--include-secrets` prints them as given. The requests themselves
// always carry the real values. And --dry-run's script, written by the curl export, runs the same
// curl commands whichever POSIX shell it is run or pasted in.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.ts';
import { SHELLS_UNDER_TEST } from '../../src/export/testing-curl-shells.ts';
import { refusedUrl } from './node-servers.ts';
import { probe } from './probe-cli.ts';

const ORIGIN = 'https://app.example.com';
// Plain cores (no random look): only the policy's rules for names can catch them.
const BEARER = 'cnrybearer7';
const API_KEY = 'cnryapikey7';
const QUERY_TOKEN = 'cnryquery7';
// Under a name no rule knows (session 44: printed in clear, though the help promises every --header
// value as a placeholder).
const PLAIN_NAMED = 'cnryaccess7';
const CANARIES = [BEARER, API_KEY, QUERY_TOKEN, PLAIN_NAMED];
const SECRET_HEADERS = ['--header', `Authorization: Bearer ${BEARER}`, '--header', `X-Api-Key: ${API_KEY}`, '--header', `X-Access: ${PLAIN_NAMED}`];

const leaked = (text: string): string[] => CANARIES.filter((canary) => text.includes(canary));

// Port 9 on a documentation address: never reached, nothing is sent with --dry-run.
const UNREACHED = `http://192.0.2.1:9/api?access_token=${QUERY_TOKEN}&page=2`;

interface Plan {
  url: string;
  includeSecrets: boolean;
  requests: { role: string; url: string; headers: [string, string][] }[];
  redactions: { kind: string; where: string }[];
}

describe('probe --dry-run', () => {
  it('--json: header values and URL tokens are placeholders, and the document says which were replaced', async () => {
    const { status, out, err } = await probe([UNREACHED, '--origin', ORIGIN, ...SECRET_HEADERS, '--json', '--dry-run']);
    expect(status).toBe(EXIT.ok);
    expect(leaked(out + err)).toEqual([]);
    const plan = JSON.parse(out) as Plan;
    expect(plan.includeSecrets).toBe(false);
    expect(plan.url).toBe('http://192.0.2.1:9/api?access_token=REDACTED-QUERY-SECRET&page=2');
    const request = plan.requests.find(({ role }) => role === 'request')!;
    expect(request.url).toBe(plan.url);
    expect(request.headers).toContainEqual(['Authorization', 'Bearer REDACTED-AUTHORIZATION']);
    expect(request.headers).toContainEqual(['X-Api-Key', 'REDACTED-API-KEY']);
    expect(request.headers).toContainEqual(['X-Access', 'REDACTED-SECRET']);
    // What the engine reads stays: the origin, and the names asked for in the preflight.
    expect(request.headers).toContainEqual(['Origin', ORIGIN]);
    expect(plan.requests[0]!.headers).toContainEqual(['Access-Control-Request-Headers', 'authorization,x-access,x-api-key']);
    expect(plan.redactions).toEqual(
      expect.arrayContaining([
        { kind: 'query-secret', where: 'query:access_token' },
        { kind: 'authorization', where: 'authorization' },
        { kind: 'api-key', where: 'x-api-key' },
        { kind: 'secret', where: 'x-access' },
      ]),
    );
  });

  it('keeps the values the CORS checks judge (a safelisted name) and the one a bare name is sent with', async () => {
    const { status, out } = await probe([UNREACHED, '--origin', ORIGIN, '--header', 'Content-Type: application/json', '--header', 'X-Bare', '--json', '--dry-run']);
    expect(status).toBe(EXIT.ok);
    const request = (JSON.parse(out) as Plan).requests.find(({ role }) => role === 'request')!;
    expect(request.headers).toContainEqual(['Content-Type', 'application/json']);
    expect(request.headers).toContainEqual(['X-Bare', 'probe']);
  });

  it('--json --include-secrets: the values as given', async () => {
    const { status, out } = await probe([UNREACHED, '--origin', ORIGIN, ...SECRET_HEADERS, '--json', '--dry-run', '--include-secrets']);
    expect(status).toBe(EXIT.ok);
    const plan = JSON.parse(out) as Plan;
    expect(plan).toMatchObject({ url: UNREACHED, includeSecrets: true, redactions: [] });
    expect(plan.requests.find(({ role }) => role === 'request')!.headers).toContainEqual(['Authorization', `Bearer ${BEARER}`]);
  });

  it('the curl commands: placeholders, and a comment that says so', async () => {
    const { status, out, err } = await probe([UNREACHED, '--origin', ORIGIN, ...SECRET_HEADERS, '--dry-run']);
    expect(status).toBe(EXIT.ok);
    expect(leaked(out + err)).toEqual([]);
    expect(out).toContain("-H 'Authorization: Bearer REDACTED-AUTHORIZATION'");
    expect(out).toContain("-H 'X-Access: REDACTED-SECRET'");
    expect(out).toContain("--url 'http://192.0.2.1:9/api?access_token=REDACTED-QUERY-SECRET&page=2'");
    expect(out).toMatch(/^# .*Secrets were replaced by REDACTED-\.\.\. placeholders \(query:access_token, authorization, x-api-key, x-access\).*--include-secrets/m);
  });

  // Each way bash and zsh read the script: as a file, and pasted at a prompt, where zsh does not
  // read `#` as a comment (a backtick in a comment then swallowed the next command).
  describe.each(SHELLS_UNDER_TEST.filter((shell) => shell.real))('run in $name', ({ run }) => {
    const curlCalls = async (args: string[]): Promise<{ received: { args: string[] }[]; plan: Plan }> => {
      const script = await probe([...args, '--dry-run']);
      return { received: run(script.out), plan: JSON.parse((await probe([...args, '--dry-run', '--json'])).out) as Plan };
    };
    const ARGS = [UNREACHED, '--origin', ORIGIN, '--method', 'PUT', ...SECRET_HEADERS, '--header', "X-Note: it's $(id) `id`"];

    it('curl gets every planned request, as planned', async () => {
      const { received, plan } = await curlCalls(ARGS);
      expect(received).toHaveLength(plan.requests.length);
      received.forEach(({ args }, i) => {
        const planned = plan.requests[i]!;
        expect(args[args.indexOf('--url') + 1]).toBe(planned.url);
        const headers = args.flatMap((arg, j) => (args[j - 1] === '-H' ? [arg] : []));
        expect(headers).toEqual(planned.headers.map(([name, value]) => `${name}: ${value}`));
      });
    });

    it('with --include-secrets, the values as given', async () => {
      const { received } = await curlCalls([...ARGS, '--include-secrets']);
      // A value no quoting may change (by default it is a placeholder, as every --header value).
      expect(received[1]!.args).toContain("X-Note: it's $(id) `id`");
      expect(received[1]!.args).toContain(`Authorization: Bearer ${BEARER}`);
      expect(received[1]!.args).toContain(UNREACHED);
    });
  });
});

/** A server that allows the origin with X-Api-Key and X-Access (not Authorization), and records what it received. */
async function recordingServer(): Promise<{ url: string; received: { url: string; headers: IncomingHttpHeaders }[]; close: () => Promise<void> }> {
  const received: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    const allowed = request.headers.origin === ORIGIN ? { 'Access-Control-Allow-Origin': ORIGIN, Vary: 'Origin' } : {};
    response.writeHead(request.method === 'OPTIONS' ? 204 : 200, { ...allowed, 'Access-Control-Allow-Headers': 'content-type, x-api-key, x-access' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api?access_token=${QUERY_TOKEN}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('probe, sending', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('the report (text and JSON), the stderr line and the --expect explanation print no secret; the server gets the real values', async () => {
    const server = await recordingServer();
    servers.push(server);
    // Authorization is not in the allowed headers: blocked, so --expect allowed explains why.
    for (const format of [[], ['--json']]) {
      const result = await probe([server.url, '--origin', ORIGIN, ...SECRET_HEADERS, '--expect', 'allowed', ...format]);
      expect(result.status).toBe(EXIT.blocked);
      expect(result.err).toContain('expected allowed, but the browser would block it');
      expect(leaked(result.out + result.err)).toEqual([]);
      expect(result.out + result.err).toContain('access_token=REDACTED-QUERY-SECRET');
    }
    const allowed = await probe([server.url, '--origin', ORIGIN, '--expect', 'blocked']);
    expect(allowed.err).toContain('expected blocked, but the browser would allow it: https://app.example.com may read GET http://127.0.0.1:');
    expect(leaked(allowed.out + allowed.err)).toEqual([]);
    // Only the output is redacted.
    expect(server.received.every(({ url }) => url === `/api?access_token=${QUERY_TOKEN}`)).toBe(true);
    expect(server.received.some(({ headers }) => headers['access-control-request-headers'] === 'authorization,x-access,x-api-key')).toBe(true);
  });

  it('the headers go with their values when the preflight lets them through', async () => {
    const server = await recordingServer();
    servers.push(server);
    for (const format of [[], ['--json']]) {
      const result = await probe([server.url, '--origin', ORIGIN, '--header', `X-Api-Key: ${API_KEY}`, '--header', `X-Access: ${PLAIN_NAMED}`, ...format]);
      expect(result.status).toBe(EXIT.ok);
      expect(leaked(result.out + result.err)).toEqual([]);
    }
    expect(server.received.some(({ headers }) => headers['x-api-key'] === API_KEY)).toBe(true);
    expect(server.received.some(({ headers }) => headers['x-access'] === PLAIN_NAMED)).toBe(true);
  });

  it('--include-secrets: the URL as given in the report', async () => {
    const server = await recordingServer();
    servers.push(server);
    const result = await probe([server.url, '--origin', ORIGIN, '--include-secrets']);
    expect(result.out).toContain(`Probe of GET ${server.url}, credentials omitted`);
  });

  it('an error names the URL without its secrets', async () => {
    const url = `${await refusedUrl()}?access_token=${QUERY_TOKEN}`;
    const result = await probe([url, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.input);
    expect(result.err).toMatch(/^cors-inspector probe: the GET request to http:\/\/127\.0\.0\.1:\d+\/api\?access_token=REDACTED-QUERY-SECRET: connection refused/m);
    expect(leaked(result.err)).toEqual([]);
  });

  it.each([`Authorization Bearer ${BEARER}`, `X-Api-Key=${API_KEY}`])('a malformed --header (%s) is refused without repeating its value', async (header) => {
    const result = await probe([UNREACHED, '--origin', ORIGIN, '--header', header, '--include-secrets']);
    expect(result.status).toBe(EXIT.usage);
    expect(result.err).toMatch(/^cors-inspector probe: --header starting "(Authorization|X-Api-Key)": not NAME/m);
    expect(leaked(result.err)).toEqual([]);
  });

  it('a usage error names the URL without its secrets', async () => {
    const result = await probe([`https://app.example.com/api?access_token=${QUERY_TOKEN}`, '--origin', ORIGIN]);
    expect(result.status).toBe(EXIT.usage);
    expect(leaked(result.err)).toEqual([]);
  });
});
