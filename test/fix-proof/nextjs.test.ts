// Next.js (App Router route handlers, `next dev`) with CORS set in next.config.mjs's headers(),
// misconfigured two ways: Access-Control-Allow-Headers without the header the page sends, and
// `Access-Control-Allow-Origin: *` for a page that sends cookies. Chromium blocks each at the
// preflight (Next.js answers the OPTIONS itself, with headers()'s lines); the engine names Next.js
// from what the real server sent and the cause; its printed middleware.js, put in place of the
// headers() entries as printed, lets the request through, and a page on another origin stays refused.

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNextApp } from '../servers/app.ts';
import { nextProject } from './apps.ts';
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

const SOFTWARE = ['next 16 (next dev)'];

/** headers() entries for /api/:path*, the CORS lines given as [name, value]. */
const apiHeaders = (lines: [string, string][]): string =>
  `[{ source: '/api/:path*', headers: [\n${lines.map(([key, value]) => `      { key: '${key}', value: '${value}' },`).join('\n')}\n    ] }]`;

const start = (broken: string) => (setup: string | null) => startNextApp('nextjs', nextProject(setup === null ? { headers: broken } : { middleware: setup }));

it('headers() without the allowed header: blocked, diagnosed, fixed by the printed middleware.js; another origin stays refused', async () => {
  const c: ProofCase = {
    stack: 'nextjs',
    config: 'config-headers-without-x-request-id',
    software: SOFTWARE,
    path: '/api/items/7',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{}' },
    start: start(apiHeaders([['Access-Control-Allow-Origin', site.origin], ['Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS'], ['Access-Control-Allow-Headers', 'Content-Type']])),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(layersOf(broken.explained)).toEqual(['nextjs']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('nextjs');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix!.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it('headers() with Access-Control-Allow-Origin: * and cookies: blocked, diagnosed, fixed by the printed middleware.js; another origin stays refused', async () => {
  const c: ProofCase = {
    stack: 'nextjs',
    config: 'config-headers-wildcard-with-credentials',
    software: SOFTWARE,
    path: '/api/me',
    init: { method: 'PUT', credentials: 'include', body: '{}' },
    start: start(apiHeaders([['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'GET, PUT, OPTIONS']])),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightWildcardOriginNotAllowed' });
  expect(broken.explained).toMatchObject({ corsError: 'PreflightWildcardOriginNotAllowed' });
  expect(layersOf(broken.explained)).toEqual(['nextjs']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('nextjs');
  expect(fix?.snippet).toContain("'Access-Control-Allow-Credentials': 'true'");

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix!.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});
