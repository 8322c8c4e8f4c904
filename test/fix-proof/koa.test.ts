// Koa + @koa/cors with no options (`app.use(cors())`: version 5 sends `Access-Control-Allow-Origin: *`
// and no Access-Control-Allow-Credentials) and a page that sends cookies: Chromium blocks; the printed
// @koa/cors setup, put in place of the broken one as printed, lets the request through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { koaApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

it('@koa/cors with no options, with cookies: blocked, diagnosed, fixed by the printed setup', async () => {
  const c: ProofCase = {
    stack: 'koa',
    config: 'no-options-with-credentials',
    software: ['koa 3 + @koa/cors 5 + @koa/router 15'],
    path: '/api/me',
    init: { credentials: 'include' },
    start: (cors) => startNodeApp('koa', koaApp(cors ?? `import cors from '@koa/cors';\napp.use(cors());`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'WildcardOriginNotAllowed' });
  expect(broken.explained).toMatchObject({ corsError: 'WildcardOriginNotAllowed' });
  // needs layers' detection: Koa sends no Server or X-Powered-By; @koa/cors's header shapes tell
  // it (today nothing is named).
  expect.soft(layersOf(broken.explained)).toEqual(['koa']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'koa');
  expect(fix.snippet).toContain('credentials: true,');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
