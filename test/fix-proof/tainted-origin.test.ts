// The page calls a first server that redirects (307) to the real server under test, on another
// origin: Chromium then sends `Origin: null` to the second (the request's tainted origin flag,
// https://fetch.spec.whatwg.org/#http-redirect-fetch step 13 and #concept-request-tainted-origin), so
// the server, configured to allow the page's origin, is blocked. The engine's fix for it (`*` without
// credentials, in each stack's own words: never `null`, which every sandboxed iframe sends too),
// put in place of the server's CORS setup as printed, lets the same redirected request through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fix } from '../../src/cors/index.ts';
import { startApache } from '../servers/apache.ts';
import { startNodeApp, startPythonApp } from '../servers/app.ts';
import { startCaddy } from '../servers/caddy.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { djangoCorsSettings, djangoProject, expressApp, fastifyApp, flaskApp, koaApp } from './apps.ts';
import { type FetchInit, openPageSite, type PageSite } from './browser.ts';
import { fixFor } from './engine.ts';
import { type Redirector, startRedirector } from './redirector.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
let redirector: Redirector;
let redirectorOrigin: string;
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  redirector = await startRedirector(site.origin);
  redirectorOrigin = redirector.origin;
  // The app behind the web servers, without CORS of its own.
  backend = await startNodeApp('express', expressApp('// no CORS in the app: the web server in front adds it'));
});
afterAll(async () => {
  await backend?.stop();
  await redirector?.close();
  await site?.close();
});

/**
 * Each server allowing the page's origin (what fails after the redirect), the target whose fix is
 * applied, and the request: Fastify and Koa send no Server header, their preflight answers tell them.
 */
const cases: [target: Fix['target'], path: string, init: FetchInit, start: (pageOrigin: string, setup: string | null) => Promise<RunningServer>][] = [
  ['express', '/api/items', {}, (o, s) => startNodeApp('express', expressApp(s ?? `import cors from 'cors';\napp.use(cors({ origin: '${o}' }));`))],
  ['fastify', '/api/items/4', { method: 'DELETE' }, (o, s) => startNodeApp('fastify', fastifyApp(s ?? `import cors from '@fastify/cors';\nawait fastify.register(cors, { origin: '${o}' });`))],
  ['koa', '/api/me', { method: 'PUT', body: '{}' }, (o, s) => startNodeApp('koa', koaApp(s ?? `import cors from '@koa/cors';\napp.use(cors({ origin: '${o}' }));`))],
  ['flask', '/api/me', {}, (o, s) => startPythonApp('flask', flaskApp(s ?? `from flask_cors import CORS\n\nCORS(app, origins=["${o}"])`), 'python3-flask python3-flask-cors')],
  [
    'django',
    '/api/items',
    {},
    // The printed settings end the file: what they set wins over the broken allow-list.
    (o, s) => startPythonApp('django', djangoProject(djangoCorsSettings(`CORS_ALLOWED_ORIGINS = ["${o}"]${s === null ? '' : `\n\n${s}`}`)), 'python3-django python3-django-cors-headers'),
  ],
  [
    'nginx',
    '/api/items',
    {},
    (o, s) =>
      startNginx({
        http: `    upstream backend { server 127.0.0.1:${backend.port}; }`,
        server: `        location /api/ {
${s ?? `            add_header Access-Control-Allow-Origin "${o}" always;`}
            proxy_pass http://backend;
        }`,
      }),
  ],
  ['apache', '/api/items', {}, (o, s) => startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/\n${s ?? `Header always set Access-Control-Allow-Origin "${o}"`}\n`)],
  ['caddy', '/api/items', {}, (o, s) => startCaddy(`${s ?? `\theader Access-Control-Allow-Origin ${o}`}\n\treverse_proxy 127.0.0.1:${backend.port}`)],
];

it.each(cases)('%s allowing the page origin, reached after a cross-origin redirect: blocked; the printed * fix lets it through', async (target, path, init, start) => {
  const c: ProofCase = {
    stack: target,
    config: 'tainted-origin',
    software: [target],
    path,
    init,
    start: (setup) => start(site.origin, setup),
    url: (api) => `${redirectorOrigin}/${api.port}${path}`,
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run.outcome).toBe('blocked');
  // The second hop failed, with the Origin the browser sent there.
  expect(broken.explained.corsError).toBe(broken.replayed.run.corsError);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, target);
  expect(fix.snippet).not.toContain(site.origin);
  expect(fix.trap).toContain('Do not allow null as an origin');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  // What the server sent is `*`, not the request's `null` echoed back.
  expect(fixed.har.log.entries.at(-1)?.response.headers.find((h) => h.name.toLowerCase() === 'access-control-allow-origin')?.value).toBe('*');
});
