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
