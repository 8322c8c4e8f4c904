// Hono (on @hono/node-server) with hono/cors, misconfigured two ways: allowHeaders that forget the
// header the page sends, and cors() with no options (`Access-Control-Allow-Origin: *`) for a page
// that sends cookies. Chromium blocks each at the preflight; the engine names Hono from what the
// real server sent and the cause; its printed Hono fix, put in place of the broken cors() call as
// printed, lets the request through, and a page on another origin stays refused.

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { honoApp } from './apps.ts';
import { openPage, openPageSite, type PageSite } from './browser.ts';
import { layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed, runFixedFrom } from './prove.ts';

let site: PageSite;
const pages: Server[] = [];
/** A page origin no configuration here allows. */
let other: string;
beforeAll(async () => {
  site = await openPageSite();
  other = await openPage(pages);
});
afterAll(async () => {
  for (const page of pages) await new Promise((resolve) => page.close(resolve));
  await site?.close();
});

const SOFTWARE = ['hono 4 + @hono/node-server 2'];

it('hono/cors without the allowed header: blocked, diagnosed, fixed by the printed fix; another origin stays refused', async () => {
  const c: ProofCase = {
    stack: 'hono',
    config: 'allow-headers-without-x-request-id',
    software: SOFTWARE,
    path: '/api/items/7',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{}' },
    start: (setup) =>
      startNodeApp('hono', honoApp(setup ?? `import { cors } from 'hono/cors';\napp.use('/api/*', cors({ origin: '${site.origin}', allowHeaders: ['Content-Type'] }));`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(layersOf(broken.explained)).toEqual(['hono']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('hono');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix!.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it('hono/cors with no options, with cookies: blocked, diagnosed, fixed by the printed fix; another origin stays refused', async () => {
  const c: ProofCase = {
    stack: 'hono',
    config: 'no-options-with-credentials',
    software: SOFTWARE,
    path: '/api/me',
    init: { method: 'PUT', credentials: 'include', body: '{}' },
    start: (setup) => startNodeApp('hono', honoApp(setup ?? `import { cors } from 'hono/cors';\napp.use('/api/*', cors());`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightWildcardOriginNotAllowed' });
  expect(broken.explained).toMatchObject({ corsError: 'PreflightWildcardOriginNotAllowed' });
  expect(layersOf(broken.explained)).toEqual(['hono']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('hono');
  expect(fix?.snippet).toContain('credentials: true,');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix!.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});
