// The merged per-origin configuration (`explain --json`'s serverConfigs: every request the page made
// to one API origin, grouped by cause, written once for the recognised stack), proven on Express +
// cors: a page making three requests that fail for three causes (a method, a header, cookies)
// against a cors() setup that allows none of them; the one printed configuration, put in place of
// the cors() setup as printed, lets all three through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageRequest, type PageSite, replayAll } from './browser.ts';
import { explainJson } from './engine.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

const requests = (api: RunningServer): PageRequest[] => [
  { url: `${api.origin}/api/items/1`, init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' } },
  { url: `${api.origin}/api/items`, init: { headers: { 'X-Request-Id': 'r-3' } } },
  { url: `${api.origin}/api/items`, init: { credentials: 'include' } },
];

async function replayAgainst(setup: string): Promise<Awaited<ReturnType<typeof replayAll>>> {
  const api = await startNodeApp('express', expressApp(setup));
  try {
    return await replayAll(site.browser, `${site.origin}/`, requests(api));
  } finally {
    await api.stop();
  }
}

it('three causes on one origin: blocked; the one printed server configuration lets every request through', async () => {
  const broken = await replayAgainst(`import cors from 'cors';\napp.use(cors({ origin: '${site.origin}', methods: ['GET', 'POST'], allowedHeaders: ['Content-Type'] }));`);
  expect(broken.replayed.map((r) => r.run.corsError)).toEqual(['MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'InvalidAllowCredentials']);

  const json = explainJson(broken.har);
  // Three causes, one configuration for the one API origin.
  expect(json.exchanges.map((e) => e.corsError)).toEqual(['MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'InvalidAllowCredentials']);
  expect(json.groups.map((g) => g.corsError).sort()).toEqual(['HeaderDisallowedByPreflightResponse', 'InvalidAllowCredentials', 'MethodDisallowedByPreflightResponse']);
  expect(json.serverConfigs).toHaveLength(1);
  const config = json.serverConfigs[0]!;
  expect(config.stack).toBe('express');
  expect(config.fix.target).toBe('express');

  const fixed = await replayAgainst(config.fix.snippet);
  expect(fixed.replayed.map((r) => r.run.outcome)).toEqual(['allowed', 'allowed', 'allowed']);
});

// A server the page calls directly with cookies (its own origin, credentials) and also reaches
// through another origin's redirect without them (the browser then sends Origin: null): one
// configuration serves both, the page's origin with credentials and * for Origin: null (which the
// browser accepts only without credentials), proven on Express + cors.
it('one server reached directly with credentials and through a cross-origin redirect: the one printed configuration serves both', async () => {
  const { createServer } = await import('node:http');
  const redirector = createServer((request, response) => {
    const [, port, ...rest] = (request.url ?? '/').split('/');
    response.writeHead(307, { Location: `http://127.0.0.1:${port}/${rest.join('/')}`, 'Access-Control-Allow-Origin': site.origin }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  const redirectorOrigin = `http://127.0.0.1:${(redirector.address() as { port: number }).port}`;
  const both = (api: RunningServer): PageRequest[] => [
    { url: `${api.origin}/api/items`, init: { credentials: 'include' } },
    { url: `${redirectorOrigin}/${api.port}/api/items` },
  ];
  const replayBoth = async (setup: string) => {
    const api = await startNodeApp('express', expressApp(setup));
    try {
      return await replayAll(site.browser, `${site.origin}/`, both(api));
    } finally {
      await api.stop();
    }
  };
  try {
    const broken = await replayBoth(`import cors from 'cors';\napp.use(cors({ origin: '${site.origin}', credentials: true }));`);
    expect(broken.replayed.map((r) => r.run.outcome)).toEqual(['allowed', 'blocked']);
    const json = explainJson(broken.har);
    const config = json.serverConfigs.find((c) => c.stack === 'express')!;
    expect(config.fix.target).toBe('express');
    const fixed = await replayBoth(config.fix.snippet);
    expect(fixed.replayed.map((r) => r.run.outcome)).toEqual(['allowed', 'allowed']);
    // The redirected request got *, never its null echoed back; the direct one its origin, with credentials.
    const allowOrigin = (i: number) => fixed.replayed[i]!.har.log.entries.at(-1)?.response.headers.find((h) => h.name.toLowerCase() === 'access-control-allow-origin')?.value;
    expect([allowOrigin(0), allowOrigin(1)]).toEqual([site.origin, '*']);
  } finally {
    await new Promise((resolve) => redirector.close(resolve));
  }
});
