// What `probe` says of the preflight's Access-Control-Max-Age: how long the browsers keep it only
// where the preflight passed. https://fetch.spec.whatwg.org/#cors-preflight-fetch-0: only a
// preflight that passes creates cache entries; a failed one keeps nothing, whatever its Max-Age
// (a first-run review read "(Chromium keeps it 5 s, Firefox 5 s)" of a refused preflight).

import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { Collected } from '../../src/cli/testing-streams.ts';
import { expressServer, type RunningServer } from './node-servers.ts';

const ORIGIN = 'https://app.example.com';

async function probe(args: string[]): Promise<string> {
  const out = new Collected();
  await main(['probe', ...args], out, new Collected(), {}, Readable.from([]));
  return out.text;
}

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function started(server: Promise<RunningServer>): Promise<RunningServer> {
  const running = await server;
  servers.push(running);
  return running;
}

const preflightLine = (text: string): string => text.split('\n').find((line) => line.startsWith('  Preflight: '))!;

describe('probe: the preflight cache', () => {
  it('a preflight that passed: what Chromium and Firefox keep', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], methods: ['PUT'], maxAge: 600 }));
    const text = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT']);
    expect(preflightLine(text)).toBe('  Preflight: 204, Access-Control-Max-Age: 600 (Chromium keeps it 600 s, Firefox 600 s)');
    const json = JSON.parse(await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--json'])) as { named: { preflight: unknown } };
    expect(json.named.preflight).toEqual({ status: 204, maxAge: '600', chromiumMaxAgeSeconds: 600 });
  });

  it('a preflight that failed (the method not allowed): its Max-Age, but nothing said kept', async () => {
    const server = await started(expressServer({ origin: [ORIGIN], methods: ['GET'], maxAge: 600 }));
    const text = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT']);
    expect(text).toContain('blocked');
    expect(preflightLine(text)).toBe('  Preflight: 204, Access-Control-Max-Age: 600');
    expect(text).not.toMatch(/keeps it/);
    const json = JSON.parse(await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--json'])) as { named: { preflight: unknown } };
    expect(json.named.preflight).toEqual({ status: 204, maxAge: '600', chromiumMaxAgeSeconds: null });
  });

  it('a preflight that failed without Max-Age: no default lifetime said', async () => {
    const server = await started(expressServer({ origin: ['https://other.example.com'], methods: ['PUT'] }));
    const text = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT']);
    expect(preflightLine(text)).toBe('  Preflight: 204, Access-Control-Max-Age: (none)');
  });
});
