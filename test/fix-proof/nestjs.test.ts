// NestJS (on Express, @nestjs/platform-express) misconfigured three ways. Chromium blocks each.
// The engine cannot tell NestJS from Express on what the real server sends: its preflight through
// enableCors() is the cors package's answer on Express, the same bytes an Express app sends, and
// its JSON errors (404 to an OPTIONS without enableCors(), 401 from a route) look like those of an
// Express app with a JSON error handler. So the engine names Express and prints Express's fix.
//  - enableCors() whose allowedHeaders forget the page's header: Express's printed fix, put in
//    place of the enableCors() call as printed, lets the request through on the Nest app.
//  - No enableCors() (Nest answers the preflight 404), and enableCors() with its defaults (`*`)
//    for a page whose request carries cookies, to a route that answers 401: the configuration the
//    engine writes for this server when asked for NestJS (as the Fastify and Koa proofs ask for
//    theirs), put in place of the broken setup as printed, lets the request through.
// In each, a page on another origin stays refused.

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { nestApp } from './apps.ts';
import { openPage, openPageSite, type PageSite } from './browser.ts';
import { layersOf, mergedFixFor } from './engine.ts';
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

const SOFTWARE = ['@nestjs/core 12 + @nestjs/platform-express 12'];
const CREATE = 'const app = await NestFactory.create(AppModule);';

it("no enableCors(): blocked, read as Express, fixed by the engine's enableCors() for NestJS; another origin stays refused", async () => {
  const c: ProofCase = {
    stack: 'nestjs',
    config: 'no-enable-cors',
    software: SOFTWARE,
    path: '/api/items/7',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' },
    start: (setup) => startNodeApp('nestjs', nestApp(setup ?? CREATE)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightMissingAllowOriginHeader' });
  expect(broken.explained).toMatchObject({ corsError: 'PreflightMissingAllowOriginHeader' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  expect(broken.explained.fix?.target).toBe('express');
  const fix = mergedFixFor(broken.replayed.har, new URL(broken.replayed.url).origin, 'nestjs');
  expect(fix.snippet).toContain('app.enableCors({');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it("enableCors() defaults, with cookies, a 401: blocked, read as Express, fixed by the engine's enableCors() for NestJS; another origin stays refused", async () => {
  const c: ProofCase = {
    stack: 'nestjs',
    config: 'enable-cors-defaults-with-credentials-401',
    software: SOFTWARE,
    path: '/api/session',
    init: { credentials: 'include' },
    start: (setup) => startNodeApp('nestjs', nestApp(setup ?? `${CREATE}\napp.enableCors();`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'WildcardOriginNotAllowed' });
  expect(broken.explained).toMatchObject({ corsError: 'WildcardOriginNotAllowed' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  expect(broken.explained.fix?.target).toBe('express');
  const fix = mergedFixFor(broken.replayed.har, new URL(broken.replayed.url).origin, 'nestjs');
  expect(fix.snippet).toContain('credentials: true,');

  // Allowed: the page reads Nest's 401 (it has no session), which it could not before.
  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 401 });
  const elsewhere = await runFixedFrom(site, c, fix.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it('enableCors() without the allowed header: blocked, read as Express, fixed by the printed Express fix; another origin stays refused', async () => {
  const c: ProofCase = {
    stack: 'nestjs',
    config: 'enable-cors-without-x-request-id',
    software: SOFTWARE,
    path: '/api/items/7',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{}' },
    start: (setup) =>
      startNodeApp('nestjs', nestApp(setup === null ? `${CREATE}\napp.enableCors({ origin: '${site.origin}', allowedHeaders: ['Content-Type'] });` : `${CREATE}\n${setup}`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('express');

  // In place of the enableCors(...) call (the app made as before): Express's cors() through app.use.
  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix!.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});
