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
import { type ProofCase, redirectedPut, runBroken, runFixed } from './prove.ts';

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

// Session 39's review: the printed lines pasted below a location's `return 301` left OPTIONS
// redirected (nginx runs return, rewrite and if in the order written). Placed as the snippet's words
// say, above the return, the preflight gets the 204; the PUT still gets the 301, to a location that
// answers CORS itself.
it('nginx, a location that returns 301 before its CORS lines: the preflight is redirected; the printed lines above the return let it through', async () => {
  const moved = `        location /api/v2/ {
            if ($request_method = OPTIONS) {
                add_header Access-Control-Allow-Origin "${site.origin}" always;
                add_header Access-Control-Allow-Methods "PUT" always;
                add_header Access-Control-Allow-Headers "content-type" always;
                return 204;
            }
            add_header Access-Control-Allow-Origin "${site.origin}" always;
            return 200 '{"saved":true}';
        }`;
  const redirect = '            return 301 /api/v2/items;';
  const broken = `            add_header Access-Control-Allow-Origin "${site.origin}" always;`;
  const withLines = (above: string | null, below: string | null): Promise<RunningServer> =>
    startNginx({ server: `        location /api/v1/ {\n${[above, redirect, below].filter((l) => l !== null).join('\n')}\n        }\n${moved}` });
  const c = (config: string, start: ProofCase['start']): ProofCase => redirectedPut('nginx', ['nginx 1.22'], config, start);
  // As the review found it: the return first, the CORS lines below it.
  const brokenRun = await runBroken(site, c('return-301-before-cors', (cors) => withLines(null, cors ?? broken)));
  expect(brokenRun.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightDisallowedRedirect' });
  expect(brokenRun.explained).toMatchObject({ corsError: 'PreflightDisallowedRedirect' });
  expect(layersOf(brokenRun.explained)).toEqual(['nginx']);
  const fix = brokenRun.explained.fix!;
  expect(fix.target).toBe('nginx');
  // Nothing for the http block: the lines all go in the location.
  expect(fix.snippet.startsWith('# Inside the location')).toBe(true);
  expect(fix.snippet).toContain('above any return or rewrite in it');
  expect(fix.snippet).toContain('keep it below the if block');

  // Where the words put them: above the return.
  const fixed = await runFixed(site, c('return-301-before-cors', (cors) => withLines(cors, null)), fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  // Below the return, as the review pasted them: still redirected.
  const below = await runFixed(site, c('return-301-before-cors-lines-below', (cors) => withLines(null, cors)), fix.snippet);
  expect(below.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightDisallowedRedirect' });
});
