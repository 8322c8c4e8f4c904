// nginx, alone and as a reverse proxy in front of Express, with the two mistakes people make:
// `add_header` without `always` (nothing on a 404), and nginx and the app both adding
// Access-Control-Allow-Origin. Each: Chromium blocks, the engine names the layer and the cause,
// the printed nginx lines, put in place of the location's CORS lines as printed, let it through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  // The app behind nginx, with its own cors(): one of the two layers adding the header.
  backend = await startNodeApp('express', expressApp(`import cors from 'cors';\napp.use(cors({ origin: '${site.origin}' }));`));
});
afterAll(async () => {
  await backend?.stop();
  await site?.close();
});

it('nginx alone, add_header without always: a 404 goes out without CORS headers; the printed lines fix it', async () => {
  const c: ProofCase = {
    stack: 'nginx',
    config: 'add-header-without-always-404',
    software: ['nginx 1.22'],
    path: '/api/missing.json',
    init: {},
    start: (cors) =>
      startNginx({
        server: `        location /api/ {
${cors ?? `            add_header Access-Control-Allow-Origin "${site.origin}";`}
        }`,
      }),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MissingAllowOriginHeader' });
  expect(broken.explained).toMatchObject({ corsError: 'MissingAllowOriginHeader' });
  expect(layersOf(broken.explained)).toEqual(['nginx']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('nginx');
  // The cause: a 404 sent without the headers.
  expect(fix?.trap).toContain('was a 404');

  const fixed = await runFixed(site, c, fix!.snippet);
  // Allowed: the page can now read the 404 itself.
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 404 });
});

it('nginx in front of Express, both adding Access-Control-Allow-Origin: two values; the printed nginx lines keep one', async () => {
  const c: ProofCase = {
    stack: 'nginx-express',
    config: 'both-add-allow-origin',
    software: ['nginx 1.22', 'express 5 + cors 2.8'],
    path: '/api/items',
    init: {},
    start: (cors) =>
      startNginx({
        http: `    upstream backend { server 127.0.0.1:${backend.port}; }`,
        server: `        location /api/ {
${cors ?? `            add_header Access-Control-Allow-Origin "${site.origin}" always;`}
            proxy_pass http://backend;
        }`,
      }),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MultipleAllowOriginValues' });
  expect(broken.explained).toMatchObject({ corsError: 'MultipleAllowOriginValues' });
  // Both layers, outer to inner.
  expect(layersOf(broken.explained)).toEqual(['nginx', 'express']);
  // The first fix printed is nginx's (it hides the app's copy: the app's fix alone would leave
  // nginx's beside it), its words saying how the app stops, never to remove nginx's own lines.
  const fix = broken.explained.fix!;
  expect(fix.target).toBe('nginx');
  expect(fix.trap).toContain('configure CORS in one of them only');
  expect(fix.trap).not.toContain('In nginx: remove');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
