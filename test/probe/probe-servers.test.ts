// `cors-inspector probe` against real servers started here: every dangerous configuration found by
// name (with credentials where the server grants them), no correct allowlist accused. Express+cors,
// Koa+@koa/cors and Fastify+@fastify/cors run in this process; Flask-CORS and django-cors-headers run
// under Debian's /usr/bin/python3.

import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.ts';
import { expressServer, fastifyServer, koaServer, plainServer } from './node-servers.ts';
import { probe } from './probe-cli.ts';
import { djangoServer, flaskServer } from './python-servers.ts';

const ORIGIN = 'https://app.example.com';

interface Finding {
  kind: string;
  severity: string;
  origin: string;
  credentials: boolean;
}

interface ProbeDocument {
  named: { verdict: string; readWithCredentials: boolean };
  findings: Finding[];
  fixes: { target: string; snippet: string }[];
}


async function probeJson(url: string, more: string[] = []): Promise<ProbeDocument> {
  const { status, out, err } = await probe([url, '--origin', ORIGIN, '--json', ...more]);
  expect(status, err).toBe(EXIT.ok);
  return JSON.parse(out) as ProbeDocument;
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

type Start = () => Promise<{ url: string; close(): Promise<void> }>;

async function started(start: Start): Promise<string> {
  const server = await start();
  closers.push(() => server.close());
  return server.url;
}

const kinds = (document: ProbeDocument): string[] => document.findings.map((finding) => finding.kind).sort();

describe('probe: reflecting servers are found, with credentials', () => {
  it.each<{ about: string; start: Start; stack: string }>([
    { about: 'Express cors, origin: true, credentials: true', start: () => expressServer({ origin: true, credentials: true }), stack: 'express' },
    { about: '@koa/cors, credentials: true and no origin', start: () => koaServer({ credentials: true }), stack: 'generic' },
    { about: 'django-cors-headers, CORS_ALLOW_ALL_ORIGINS + CORS_ALLOW_CREDENTIALS', start: () => djangoServer({ CORS_ALLOW_ALL_ORIGINS: true, CORS_ALLOW_CREDENTIALS: true }), stack: 'django' },
    { about: "Flask-CORS, supports_credentials=True with origins '*'", start: () => flaskServer({ supports_credentials: true, origins: '*' }), stack: 'flask' },
  ])('$about: reflects-any-origin, high, with credentials, and the fix', async ({ start, stack }) => {
    const url = await started(start);
    for (const request of [[], ['--method', 'PUT', '--header', 'Authorization: Bearer x', '--credentials']]) {
      const document = await probeJson(url, request);
      expect(document.named.verdict).toBe('allowed');
      expect(document.findings[0]).toEqual({ kind: 'reflects-any-origin', severity: 'high', origin: 'https://evil.example', credentials: true });
      // The fix names exactly the origin: in the stack's own terms when recognised, always as headers.
      expect(document.fixes.map((fix) => fix.target)).toContain(stack);
      for (const fix of document.fixes) expect(fix.snippet).toContain(ORIGIN);
    }
  });

  it('a header the server does not allow blocks the named origin, yet the reflection is still found', async () => {
    const url = await started(() => djangoServer({ CORS_ALLOW_ALL_ORIGINS: true, CORS_ALLOW_CREDENTIALS: true }));
    const document = await probeJson(url, ['--method', 'PUT', '--header', 'X-Token', '--credentials']);
    expect(document.named.verdict).toBe('blocked');
    expect(document.findings).toEqual([{ kind: 'reflects-any-origin', severity: 'high', origin: 'https://evil.example', credentials: true }]);
  });

  it('the text output names the finding and says it is with credentials', async () => {
    const url = await started(() => expressServer({ origin: true, credentials: true }));
    const { status, out, err } = await probe([url, '--origin', ORIGIN]);
    expect(status).toBe(EXIT.ok);
    expect(out).toMatch(/^ {2}HIGH {3}reflects-any-origin: .*https:\/\/evil\.example.*with the user's cookies/m);
    expect(out).toContain("origin: 'https://app.example.com'");
    // One line before sending, saying what and how many.
    expect(err).toMatch(/^cors-inspector probe: sending at most 11 requests to http:\/\/127\.0\.0\.1:\d+\/api, one at a time: .*\n$/);
  });
});

describe('probe: other dangerous configurations, each by name', () => {
  it.each<{ about: string; start: Start; found: string[] }>([
    {
      about: 'Express cors trusting null besides the origin',
      start: () => expressServer({ origin: [ORIGIN, 'null'], credentials: true }),
      found: ['trusts-null'],
    },
    {
      about: 'Express cors with a regular expression whose dots are unescaped',
      start: () => expressServer({ origin: /^https:\/\/app.example.com$/, credentials: true }),
      found: ['unescaped-dot'],
    },
    {
      about: '@koa/cors with a pattern anchored only at the end',
      start: () => koaServer({ credentials: true, origin: (context) => (/app\.example\.com$/.test(context.get('Origin')) ? context.get('Origin') : '') }),
      // It also matches http://app.example.com: the pattern says nothing of the scheme.
      found: ['trusts-any-subdomain', 'trusts-http', 'trusts-suffix'],
    },
    {
      about: 'Express cors trusting the http version of the origin',
      start: () => expressServer({ origin: [ORIGIN, 'http://app.example.com'], credentials: true }),
      found: ['trusts-http'],
    },
    {
      about: 'Flask-CORS with a regular expression (re.match: anchored only at the start)',
      start: () => flaskServer({ supports_credentials: true, origins: ['https://app\\.example\\.com'] }),
      found: ['trusts-prefix'],
    },
    {
      about: 'django-cors-headers with an origin regex whose dots are unescaped',
      start: () => djangoServer({ CORS_ALLOWED_ORIGIN_REGEXES: ['^https://app.example.com$'], CORS_ALLOW_CREDENTIALS: true }),
      found: ['unescaped-dot'],
    },
    {
      about: 'a hand-written allowlist that forgets Vary: Origin',
      start: () => plainServer((origin): Record<string, string> => (origin === ORIGIN ? { 'Access-Control-Allow-Origin': ORIGIN } : {})),
      found: ['missing-vary-origin'],
    },
  ])('$about: $found', async ({ start, found }) => {
    const url = await started(start);
    const document = await probeJson(url);
    expect(document.named.verdict).toBe('allowed');
    expect(kinds(document)).toEqual(found);
    expect(document.fixes.length).toBeGreaterThan(0);
  });
});

describe('probe: correct allowlists are accused of nothing', () => {
  it.each<{ about: string; start: Start; found?: string[] }>([
    { about: 'Express cors, one origin, credentials', start: () => expressServer({ origin: [ORIGIN], credentials: true }) },
    { about: '@fastify/cors, one origin as a string (a fixed Allow-Origin, sent to everyone)', start: () => fastifyServer({ origin: ORIGIN, credentials: true }) },
    { about: '@fastify/cors, a one-origin list', start: () => fastifyServer({ origin: [ORIGIN], credentials: true }) },
    { about: '@koa/cors, a function allowing one origin', start: () => koaServer({ credentials: true, origin: (context) => (context.get('Origin') === ORIGIN ? ORIGIN : '') }) },
    {
      // Flask-CORS sends Vary: Origin only for several origins or a pattern, yet leaves the header
      // out for other origins: the answer does vary, and the Fetch Standard asks for Vary then
      // (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches). Low, and no origin trusted.
      about: 'Flask-CORS, one origin (only the missing Vary: Origin)',
      start: () => flaskServer({ supports_credentials: true, origins: [ORIGIN] }),
      found: ['missing-vary-origin'],
    },
    { about: 'django-cors-headers, CORS_ALLOWED_ORIGINS with one origin', start: () => djangoServer({ CORS_ALLOWED_ORIGINS: [ORIGIN], CORS_ALLOW_CREDENTIALS: true }) },
    { about: 'a public API: Access-Control-Allow-Origin: * without credentials', start: () => expressServer({}) },
  ])('$about', async ({ start, found = [] }) => {
    const url = await started(start);
    for (const request of [['--credentials'], ['--method', 'DELETE', '--header', 'Authorization: Bearer x']]) {
      const document = await probeJson(url, request);
      expect(kinds(document)).toEqual(found);
      expect(document.findings.every((finding) => finding.severity === 'low')).toBe(true);
      // A fix only where the named origin is blocked (DELETE not listed, * with credentials): explain's, for exactly it.
      if (document.named.verdict === 'blocked') expect(document.fixes.find((fix) => fix.target === 'generic')?.snippet).toContain(`Access-Control-Allow-Origin: ${ORIGIN}\n`);
      else if (found.length === 0) expect(document.fixes).toEqual([]);
    }
  });

  it('the named origin works, with credentials', async () => {
    const url = await started(() => fastifyServer({ origin: ORIGIN, credentials: true }));
    const document = await probeJson(url, ['--credentials']);
    expect(document.named).toMatchObject({ verdict: 'allowed', readWithCredentials: true });
  });
});

// `--origin null` is the probe the panel offers after a redirect from another origin: only null is
// sent, and a server that grants it is the finding (with credentials the worse one). A server that
// sends no CORS headers is not told to allow null.
describe('probe --origin null', () => {
  const echoing = (credentials: boolean): Start => () =>
    plainServer((origin): Record<string, string> => ({ 'Access-Control-Allow-Origin': origin ?? '', ...(credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}), Vary: 'Origin' }));
  it.each<{ about: string; start: Start; more: string[]; found: Finding[] }>([
    { about: 'echoed with credentials', start: echoing(true), more: ['--credentials'], found: [{ kind: 'trusts-null', severity: 'high', origin: 'null', credentials: true }] },
    { about: 'echoed without credentials', start: echoing(false), more: [], found: [{ kind: 'trusts-null', severity: 'low', origin: 'null', credentials: false }] },
    { about: 'a public *', start: () => plainServer(() => ({ 'Access-Control-Allow-Origin': '*' })), more: [], found: [] },
  ])('$about', async ({ start, more, found }) => {
    const url = await started(start);
    const { status, out, err } = await probe([url, '--origin', 'null', '--json', ...more]);
    expect(status, err).toBe(EXIT.ok);
    const document = JSON.parse(out) as ProbeDocument;
    expect(document.findings).toEqual(found);
    // No fix names null back.
    expect(document.fixes).toEqual([]);
  });

  it('the text names the finding', async () => {
    const url = await started(echoing(true));
    const { out } = await probe([url, '--origin', 'null', '--credentials']);
    expect(out).toMatch(/^ {2}HIGH {3}trusts-null: .*\(null\) can read responses with the user's cookies.*Never allow null\./m);
    expect(out).not.toContain('No findings');
  });

  it('no CORS headers: * for public data, never null', async () => {
    const url = await started(() => plainServer(() => ({})));
    const { out } = await probe([url, '--origin', 'null']);
    expect(out).toContain('Access-Control-Allow-Origin: * lets it through');
    expect(out).toContain('Do not allow null');
    expect(out).not.toContain('must send Access-Control-Allow-Origin: null');
  });
});
