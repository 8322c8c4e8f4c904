// A server the page calls directly with credentials (its own origin, Access-Control-Allow-Credentials)
// and also reaches through another origin's 307 without them (the browser then sends Origin: null,
// https://fetch.spec.whatwg.org/#http-redirect-fetch step 13), on each stack besides Express (which
// merged.test.ts proves): configured for the page's origin with credentials, the redirected request
// is blocked; the one printed merged configuration (`explain --json`'s serverConfigs), put in place
// of the CORS setup as printed, serves both: the page's origin with credentials, `*` for
// Origin: null (never null echoed back), and Vary: Origin on both answers.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fix, ServerStack } from '../../src/cors/index.ts';
import type { DevToolsHar } from '../conformance/har-builder.ts';
import { startApache } from '../servers/apache.ts';
import { startNodeApp, startPythonApp } from '../servers/app.ts';
import { startCaddy } from '../servers/caddy.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { pageHtml } from '../conformance/servers.ts';
import { djangoCorsSettings, djangoProject, expressApp, fastifyApp, flaskApp, koaApp, nginxInFront } from './apps.ts';
import { type FetchInit, openPageSite, type PageSite, replayAll } from './browser.ts';
import { explainJson, mergedFixFor } from './engine.ts';
import { type Redirector, startRedirector } from './redirector.ts';

let site: PageSite;
let redirector: Redirector;
let redirectorOrigin: string;
let backend: RunningServer;
// The same page on another origin (another port): the origin no configuration allows.
let otherPage: Server;
let otherOrigin: string;
beforeAll(async () => {
  site = await openPageSite();
  otherPage = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml()));
  await new Promise<void>((resolve) => otherPage.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherPage.address() as AddressInfo).port}`;
  redirector = await startRedirector(site.origin);
  redirectorOrigin = redirector.origin;
  // The app behind the web servers, without CORS of its own.
  backend = await startNodeApp('express', expressApp('// no CORS in the app: the web server in front adds it'));
});
afterAll(async () => {
  await backend?.stop();
  await redirector?.close();
  await new Promise((resolve) => otherPage?.close(resolve));
  await site?.close();
});

const JSON_PUT: FetchInit = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' };

/**
 * Each stack configured for the page's origin with credentials (what the per-request fixes and the
 * note before this change printed for it), the direct request (preflighted where the stack is known
 * only from its preflight answer, or to prove the preflight branch of a web server's snippet), the
 * path reached through the redirect, and how the printed configuration is put in place.
 */
const cases: [target: Fix['target'], direct: { path: string; init: FetchInit }, redirected: string, start: (pageOrigin: string, setup: string | null) => Promise<RunningServer>][] = [
  [
    'fastify',
    { path: '/api/items/4', init: { method: 'DELETE' } },
    '/api/items',
    (o, s) => startNodeApp('fastify', fastifyApp(s ?? `import cors from '@fastify/cors';\nawait fastify.register(cors, { origin: '${o}', credentials: true, methods: ['GET', 'HEAD', 'POST', 'DELETE'] });`)),
  ],
  ['koa', { path: '/api/me', init: JSON_PUT }, '/api/me', (o, s) => startNodeApp('koa', koaApp(s ?? `import cors from '@koa/cors';\napp.use(cors({ origin: '${o}', credentials: true }));`))],
  ['flask', { path: '/api/me', init: {} }, '/api/me', (o, s) => startPythonApp('flask', flaskApp(s ?? `from flask_cors import CORS\n\nCORS(app, origins=["${o}"], supports_credentials=True)`), 'python3-flask python3-flask-cors')],
  [
    'django',
    { path: '/api/items', init: {} },
    '/api/items',
    // The printed settings end the file, after the page-origin allow-list they are written over.
    (o, s) => startPythonApp('django', djangoProject(djangoCorsSettings(`CORS_ALLOWED_ORIGINS = ["${o}"]\nCORS_ALLOW_CREDENTIALS = True${s === null ? '' : `\n\n${s}`}`)), 'python3-django python3-django-cors-headers'),
  ],
  [
    'nginx',
    { path: '/api/items/1', init: JSON_PUT },
    '/api/items',
    (o, s) => startNginx(nginxInFront(o, s, backend.port)),
  ],
  [
    'apache',
    { path: '/api/items/1', init: JSON_PUT },
    '/api/items',
    (o, s) =>
      startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/
${
  s ??
  `Header always set Access-Control-Allow-Origin "${o}"
Header always set Access-Control-Allow-Credentials "true"
Header always set Access-Control-Allow-Methods "GET, HEAD, POST, PUT"
Header always set Access-Control-Allow-Headers "content-type"
RewriteEngine On
RewriteCond %{REQUEST_METHOD} OPTIONS
RewriteRule ^ - [R=204,L]`
}
`),
  ],
  [
    'caddy',
    { path: '/api/items/1', init: JSON_PUT },
    '/api/items',
    (o, s) =>
      startCaddy(`${
        s ??
        `\theader Access-Control-Allow-Origin ${o}
\theader Access-Control-Allow-Credentials true
\t@preflight method OPTIONS
\thandle @preflight {
\t\theader Access-Control-Allow-Methods "GET, HEAD, POST, PUT"
\t\theader Access-Control-Allow-Headers content-type
\t\trespond 204
\t}`
      }
\treverse_proxy 127.0.0.1:${backend.port}`),
  ],
];

/**
 * The stacks explain --json recognises on these servers' answers by itself. Caddy since session 36:
 * the configuration names the layer the blocked request's own fix is for, and Caddy's answer to it
 * names Caddy (the allowed request's had left it undecided beside the app behind it).
 */
const RECOGNISED: ReadonlySet<Fix['target']> = new Set(['fastify', 'koa', 'flask', 'django', 'nginx', 'apache', 'caddy']);

/** A header of the last response in `har` (the answer after any redirect), as it was sent. */
function lastHeader(har: DevToolsHar, name: string): string | undefined {
  return har.log.entries.at(-1)?.response.headers.find((h) => h.name.toLowerCase() === name)?.value;
}

it.each(cases)('%s for the page origin with credentials, also reached through a cross-origin redirect: blocked; the one printed configuration serves both', async (target, direct, redirected, start) => {
  const replayBoth = async (setup: string | null) => {
    const api = await start(site.origin, setup);
    try {
      const both = await replayAll(site.browser, `${site.origin}/`, [
        { url: `${api.origin}${direct.path}`, init: { ...direct.init, credentials: 'include' } },
        { url: `${redirectorOrigin}/${api.port}${redirected}` },
      ]);
      // The direct request from a page on another origin: what the configuration allows nobody else.
      const other = await replayAll(site.browser, `${otherOrigin}/`, [{ url: `${api.origin}${direct.path}`, init: { ...direct.init, credentials: 'include' } }]);
      return { apiOrigin: api.origin, ...both, other };
    } finally {
      await api.stop();
    }
  };
  const broken = await replayBoth(null);
  expect(broken.replayed.map((r) => r.run.outcome)).toEqual(['allowed', 'blocked']);
  // The one configuration for the server. Where its answers name the software (Flask, Django, nginx,
  // Apache by their Server header, Koa by its preflight answer, Fastify configured this way by its
  // lower-case lines with its own Keep-Alive: timeout=72), explain --json writes it for that stack by
  // itself; Caddy in front of Express could have set the headers as well as Express (no stack
  // decided), so its is the same configuration asked for its stack.
  const config = explainJson(broken.har).serverConfigs.find((c) => c.apiOrigin === broken.apiOrigin);
  expect(config?.stack).toBe(RECOGNISED.has(target) ? target : null);
  const fix = RECOGNISED.has(target) ? config!.fix : mergedFixFor(broken.har, broken.apiOrigin, target as ServerStack);
  expect(fix.target).toBe(target);

  const fixed = await replayBoth(fix.snippet);
  expect(fixed.replayed.map((r) => r.run.outcome)).toEqual(['allowed', 'allowed']);
  const [withCredentials, redirectedRun] = fixed.replayed.map((r) => r.har);
  // The direct request got its origin with credentials; the redirected one *, never its null echoed back.
  expect([lastHeader(withCredentials!, 'access-control-allow-origin'), lastHeader(withCredentials!, 'access-control-allow-credentials')]).toEqual([site.origin, 'true']);
  expect(lastHeader(redirectedRun!, 'access-control-allow-origin')).toBe('*');
  // Each answer depends on the Origin: a cache told so never gives the * answer to the page's own request.
  for (const har of [withCredentials!, redirectedRun!]) expect(lastHeader(har, 'vary')?.toLowerCase()).toContain('origin');
  // Any other origin gets no Access-Control-Allow-Origin at all, on the preflight or the response.
  expect(fixed.other.replayed[0]!.run.outcome).toBe('blocked');
  expect(fixed.other.har.log.entries.flatMap((e) => e.response.headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin'))).toEqual([]);
});
