// `explain` groups the failures by cause in text and adds the causes to --json.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { allowedExchange, refusedHeaderExchange } from '../export/testing-exchanges.ts';
import type { ObservedExchange } from '../cors/index.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const exchanges = [
  ...Array.from({ length: 37 }, (_, i) => refusedHeaderExchange(i % 2 === 0 ? 'x-trace' : 'X-Trace', i)),
  refusedHeaderExchange('x-other', 100),
  ...Array.from({ length: 5 }, (_, i) => allowedExchange(i)),
];
const har = serializeHar(harFromExchanges(exchanges, { includeSecrets: true }));

async function explain(args: string[]): Promise<string> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(['explain', ...args, '-'], out, err, {}, Readable.from([Buffer.from(har)]));
  expect([status, err.text]).toEqual([0, '']);
  return out.text;
}

describe('explain groups failures by cause', () => {
  it('text: one block per cause with its requests listed compactly, passed as a count, one configuration', async () => {
    const text = await explain([]);
    expect(text.match(/^BLOCKED {2}.*$/gm)).toEqual(['BLOCKED  x-trace not in Access-Control-Allow-Headers - 37 requests', 'BLOCKED  x-other not in Access-Control-Allow-Headers - 1 request']);
    expect(text).toContain('  Requests:\n    PUT https://api.example/items/0\n    PUT https://api.example/items/1\n    PUT https://api.example/items/2\n    + 34 more\n');
    expect(text).toMatch(/^PASSED {2}5 allowed \(not listed\)$/m);
    expect(text.match(/^SERVER CONFIGURATION {2}https:\/\/api\.example {2}\(express; 43 requests, 38 blocked\)$/gm)).toHaveLength(1);
    // The merged configuration allows both refused headers, for Express, the stack recognised.
    expect(text).toContain("allowedHeaders: ['x-trace', 'x-other'],");
    expect(text).not.toContain('items/3\n');
  });

  it('--json: still one entry per request, plus the groups and the server configurations', async () => {
    const document = JSON.parse(await explain(['--json'])) as {
      exchanges: { url: string }[];
      groups: { title: string; count: number; firstExchange: number; requests: { url: string }[] }[];
      serverConfigs: { apiOrigin: string; headers: string[]; stack: string; fix: { target: string } }[];
    };
    expect(document.exchanges).toHaveLength(exchanges.length);
    expect(document.groups.map((g) => [g.title, g.count, g.firstExchange])).toEqual([
      ['x-trace not in Access-Control-Allow-Headers', 37, 0],
      ['x-other not in Access-Control-Allow-Headers', 1, 37],
    ]);
    expect(document.groups[0]!.requests).toHaveLength(3);
    expect(document.serverConfigs).toHaveLength(1);
    expect(document.serverConfigs[0]).toMatchObject({ apiOrigin: 'https://api.example', headers: ['x-trace', 'x-other'], stack: 'express', fix: { target: 'express' } });
  });
});

describe('a request blocked after a redirect to another origin (Origin: null there)', () => {
  // The page's GET to api.example is redirected to cdn.example, which answers without
  // Access-Control-Allow-Origin: the browser sent cdn.example `Origin: null`.
  const tainted: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', 'https://app.example']] },
    hops: [
      { url: 'https://api.example/file', response: { status: 302, headers: [['Location', 'https://cdn.example/file'], ['Access-Control-Allow-Origin', 'https://app.example']] } },
      { url: 'https://cdn.example/file', response: { status: 200, headers: [] } },
    ],
    errorText: 'net::ERR_FAILED',
  };
  const taintedHar = serializeHar(harFromExchanges([tainted], { includeSecrets: true }));

  it('text: the fix goes on the redirect target, whose configuration says only * lets such requests in', async () => {
    const out = new Collected();
    const status = await main(['explain', '-'], out, new Collected(), {}, Readable.from([Buffer.from(taintedHar)]));
    expect(status).toBe(0);
    const text = out.text;
    expect(text).toContain('  Fix on: https://cdn.example (the redirect');
    expect(text).toMatch(/^SERVER CONFIGURATION {2}https:\/\/cdn\.example {2}/m);
    // No page origin reached it by name: it says why rather than "none".
    expect(text).toContain('page origins none (each came with Origin: null, below)');
    expect(text).toContain('Access-Control-Allow-Origin: *');
    expect(text).not.toMatch(/Access-Control-Allow-Origin: null/);
  });
});

describe('a cause whose requests were refused on different kinds of answer', () => {
  // Three requests without Access-Control-Allow-Origin: a 200, a redirect and an error status. The
  // group is explained by the first; the other two need the header on answers servers often forget.
  const answered = (path: string, status: number, headers: [string, string][] = []): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', 'https://app.example']] },
    hops: [{ url: `https://api.example${path}`, response: { status, headers } }],
    errorText: 'net::ERR_FAILED',
  });
  const mixed = [answered('/ok', 200), answered('/moved', 302, [['Location', 'https://api.example/ok']]), answered('/boom', 500)];
  const mixedHar = serializeHar(harFromExchanges(mixed, { includeSecrets: true }));
  const run = async (args: string[]): Promise<string> => {
    const out = new Collected();
    expect(await main(['explain', ...args, '-'], out, new Collected(), {}, Readable.from([Buffer.from(mixedHar)]))).toBe(0);
    return out.text;
  };

  it('text and --json say how many were redirects and error statuses', async () => {
    const text = await run([]);
    expect(text).toMatch(/^BLOCKED {2}No Access-Control-Allow-Origin - 3 requests$/m);
    expect(text.replace(/\s+/g, ' ')).toContain('Of these 3 requests, 1 answered with a redirect (3xx) and 1 with an error status (4xx, 5xx): those answers need the CORS headers too');
    const document = JSON.parse(await run(['--json'])) as { groups: { count: number; redirects: number; errorStatuses: number }[] };
    expect(document.groups.map((g) => [g.count, g.redirects, g.errorStatuses])).toEqual([[3, 1, 1]]);
  });

  it('no such line when every request got the same kind of answer', async () => {
    const out = new Collected();
    const same = serializeHar(harFromExchanges([answered('/a', 500), answered('/b', 503)], { includeSecrets: true }));
    await main(['explain', '-'], out, new Collected(), {}, Readable.from([Buffer.from(same)]));
    expect(out.text).not.toContain('Of these');
  });
});

describe('the server configuration of a redirect target (Origin: null there), with credentials', () => {
  const redirected = (cookie: boolean): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', 'https://app.example'], ...(cookie ? [['Cookie', 'a=1'] as [string, string]] : [])], credentialsMode: cookie ? 'include' : 'same-origin' },
    hops: [
      { url: 'https://a.example/r', response: { status: 302, headers: [['Location', 'https://b.example/data'], ['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Credentials', 'true']] } },
      { url: 'https://b.example/data', response: { status: 200, headers: cookie ? [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Credentials', 'true']] : [] } },
    ],
    errorText: 'net::ERR_FAILED',
  });
  // A credentialed request straight to b.example, refused (no Access-Control-Allow-Credentials).
  const direct: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', 'https://app.example'], ['Cookie', 'a=1']], credentialsMode: 'include' },
    hops: [{ url: 'https://b.example/me', response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example']] } }],
    errorText: 'net::ERR_FAILED',
  };
  const explainOf = async (exchanges: ObservedExchange[], args: string[] = []): Promise<string> => {
    const out = new Collected();
    const har = serializeHar(harFromExchanges(exchanges, { includeSecrets: true }));
    await main(['explain', ...args, '-'], out, new Collected(), {}, Readable.from([Buffer.from(har)]));
    return out.text;
  };
  const configOf = (text: string): string => text.slice(text.indexOf('SERVER CONFIGURATION  https://b.example'));

  it('every request came tainted with credentials: no setting, no placeholder origin, call the server directly', async () => {
    const config = configOf(await explainOf([redirected(true)]));
    expect(config).toContain('Every request reached it with credentials after a redirect from another origin');
    expect(config).toContain('No server setting lets these requests through safely: have the page call this server directly');
    expect(config).not.toContain('your-app.example');
    expect(config).not.toContain('put your page');
    expect(config).not.toContain('lets them through (without credentials)');
    const json = JSON.parse(await explainOf([redirected(true)], ['--json'])) as { serverConfigs: { apiOrigin: string; fix: { snippet: string } }[] };
    const b = json.serverConfigs.find((c) => c.apiOrigin === 'https://b.example')!;
    expect(b.fix.snippet).not.toContain('your-app.example');
    expect(b.fix.snippet).toContain("fetch('https://b.example/path', { credentials: 'include' })");
  });

  it('reached through a redirect without credentials and directly with them: says * cannot serve both in one header', async () => {
    const config = configOf(await explainOf([redirected(false), direct]));
    // The direct request's origin, with credentials, in the snippet; the note says what the redirected ones need.
    expect(config).toContain('Access-Control-Allow-Origin: https://app.example');
    expect(config).toMatch(/Answer \* \(without\s+Access-Control-Allow-Credentials\) when the request's Origin is\s+null/);
    expect(config).toMatch(/cannot be\s+combined with in\s+one header/);
  });
});

describe('Fix on: where the fix goes, true of every request of the cause', () => {
  const request = { method: 'GET', headers: [['Origin', 'https://app.example']] as [string, string][] };
  const direct: ObservedExchange = { request, hops: [{ url: 'https://a.example/direct', response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' };
  const redirected = (answered: boolean): ObservedExchange => ({
    request,
    hops: [
      { url: 'https://a.example/r', response: { status: 302, headers: [['Location', `https://b.example${answered ? '' : ':9'}/final`], ['Access-Control-Allow-Origin', '*']] } },
      { url: `https://b.example${answered ? '' : ':9'}/final`, response: answered ? { status: 200, headers: [] } : null },
    ],
    errorText: answered ? 'net::ERR_FAILED' : 'net::ERR_CONNECTION_REFUSED',
  });
  const explainOf = async (exchanges: ObservedExchange[], args: string[] = []): Promise<string> => {
    const out = new Collected();
    const har = serializeHar(harFromExchanges(exchanges, { includeSecrets: true }));
    await main(['explain', ...args, '-'], out, new Collected(), {}, Readable.from([Buffer.from(har)]));
    return out.text;
  };

  it.each<[string, ObservedExchange[], string]>([
    ['direct first', [direct, redirected(true)], '  Fix on: https://a.example (1 of 2 requests); https://b.example (1, after a redirect)\n'],
    ['redirected first', [redirected(true), direct], '  Fix on: https://b.example (1 of 2 requests, after a redirect); https://a.example (1)\n'],
  ])('text and --json, members differing, %s', async (_, exchanges, line) => {
    const text = await explainOf(exchanges);
    expect(text).toContain(line);
    expect(text).toMatch(/^SERVER CONFIGURATION {2}https:\/\/a\.example {2}\(server not recognised; 1 request, 1 blocked\)$/m);
    const json = JSON.parse(await explainOf(exchanges, ['--json'])) as { groups: Record<string, unknown>[] };
    expect(json.groups[0]).not.toHaveProperty('serverOrigin');
    expect(json.groups[0]!['serverOrigins']).toHaveLength(2);
  });

  it('none where the redirect target never answered', async () => {
    const text = await explainOf([redirected(false)]);
    expect(text).not.toContain('Fix on:');
    const json = JSON.parse(await explainOf([redirected(false)], ['--json'])) as { groups: Record<string, unknown>[] };
    expect(json.groups[0]).not.toHaveProperty('serverOrigin');
    expect(json.groups[0]).not.toHaveProperty('serverOrigins');
  });
});

describe('--json serverConfigs: the private-network line a preflight asked for', () => {
  async function configs(list: ObservedExchange[]): Promise<{ privateNetwork?: unknown; fix: { snippet: string } }[]> {
    const out = new Collected();
    const err = new Collected();
    const text = serializeHar(harFromExchanges(list, { includeSecrets: true }));
    expect(await main(['explain', '--json', '-'], out, err, {}, Readable.from([Buffer.from(text)]))).toBe(0);
    return (JSON.parse(out.text) as { serverConfigs: { privateNetwork?: unknown; fix: { snippet: string } }[] }).serverConfigs;
  }

  it('privateNetwork lists it, and the Express fix sends it on the OPTIONS answer', async () => {
    const refused = refusedHeaderExchange('x-trace', 0);
    const hop = refused.hops[0]!;
    const preflight = { ...hop.preflight!, requestHeaders: [...hop.preflight!.requestHeaders, ['Access-Control-Request-Private-Network', 'true'] as [string, string]] };
    const asked: ObservedExchange = { ...refused, hops: [{ ...hop, preflight }] };
    const [config] = await configs([asked]);
    expect(config?.privateNetwork).toEqual([{ header: 'Access-Control-Allow-Private-Network', value: 'true' }]);
    expect(config?.fix.snippet).toContain("res.setHeader('Access-Control-Allow-Private-Network', 'true');");
  });

  it('absent when no preflight asked for it', async () => {
    const [config] = await configs([refusedHeaderExchange('x-trace', 0)]);
    expect(config).not.toHaveProperty('privateNetwork');
  });
});
