// NestJS (on Express, @nestjs/platform-express) misconfigured three ways. Chromium blocks each; the
// engine reads what the real server sent; the fix it prints, put in place of the broken setup as
// printed, lets the request through, and a page on another origin stays refused.
//  - No enableCors(): Nest answers the preflight 404 with its JSON error. That JSON error beside
//    Express's X-Powered-By is the one sign of NestJS (an Express app with a JSON error handler
//    looks the same), so the engine reads "NestJS or Express" and prints both; NestJS's is proven.
//  - enableCors() with its defaults (`*`) and a page whose request carries cookies, to a route
//    that answers 401 (no session): Chromium blocks the 401; the same sign, NestJS's fix proven.
//  - enableCors() whose allowedHeaders forget the page's header: the preflight is the cors
//    package's answer on Express, the same bytes an Express app sends, with no sign of NestJS. The
//    engine names Express and prints Express's fix; that is what is proven, on the Nest app.

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { nestApp } from './apps.ts';
import { openPage, openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
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

it('no enableCors(): blocked, read as NestJS (or Express), fixed by the printed enableCors(); another origin stays refused', async () => {
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
  expect(layersOf(broken.explained)).toEqual(['nestjs|express']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'nestjs');
  expect(fix.snippet).toContain('app.enableCors({');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  const elsewhere = await runFixedFrom(site, c, fix.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it("enableCors() defaults, with cookies, a 401: blocked, read as NestJS (or Express), fixed by the printed enableCors(); another origin stays refused", async () => {
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
  expect(layersOf(broken.explained)).toEqual(['nestjs|express']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'nestjs');
  expect(fix.snippet).toContain('credentials: true,');

  // Allowed: the page reads Nest's 401 (it has no session), which it could not before.
  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 401 });
  const elsewhere = await runFixedFrom(site, c, fix.snippet, other);
  expect(elsewhere.run).toMatchObject({ outcome: 'blocked' });
});

it('enableCors() without the allowed header: blocked, read as Express (no sign of NestJS), fixed by the printed Express fix; another origin stays refused', async () => {
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
