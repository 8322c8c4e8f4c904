// Express + cors, configured with allowedHeaders that forget the header the page sends: Chromium
// blocks the preflight; the engine names Express and the header; its printed Express fix, put in
// place of the cors() setup as printed, lets the request through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

const noAllowedHeader = (pageOrigin: string): ProofCase => ({
  stack: 'express',
  config: 'allowed-headers-without-x-request-id',
  software: ['express 5 + cors 2.8'],
  path: '/api/items/7',
  init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{}' },
  start: (setup) =>
    startNodeApp(
      'express',
      expressApp(setup ?? `import cors from 'cors';\napp.use(cors({ origin: '${pageOrigin}', allowedHeaders: ['Content-Type'] }));`),
    ),
});

it('Express + cors without the allowed header: blocked, diagnosed, fixed by the printed fix', async () => {
  const c = noAllowedHeader(site.origin);
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('express');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null });
});

it('Express + cors with the origin written with a trailing slash: blocked, diagnosed, fixed by the printed fix', async () => {
  const c: ProofCase = {
    stack: 'express',
    config: 'origin-with-trailing-slash',
    software: ['express 5 + cors 2.8'],
    path: '/api/items',
    init: {},
    // cors sends a string origin as it is written: the browser compares it with its Origin exactly.
    start: (setup) => startNodeApp('express', expressApp(setup ?? `import cors from 'cors';\napp.use(cors({ origin: '${site.origin}/' }));`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'AllowOriginMismatch' });
  expect(broken.explained).toMatchObject({ corsError: 'AllowOriginMismatch' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('express');
  expect(fix?.snippet).toContain(`origin: '${site.origin}',`);

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
