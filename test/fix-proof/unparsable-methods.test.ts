// A preflight answered with an Access-Control-Allow-Methods the browser cannot parse (`GET, PUT;DELETE`,
// a semicolon where a comma belongs), by each server software: Chromium blocks the PATCH with the
// engine's reason; the engine keeps the server's method names (`GET`), adds the PATCH, and leaves the
// item that is no method name out (the browser splits at commas only: `PUT;DELETE` is one item), in
// its explanation (which names the item), the must-send line and the fix; that fix, put in place of
// the broken CORS lines as printed, lets the PATCH through on the same software.
//
// The PATCH carries a text/plain body, so the method is the only reason for the preflight.
// Not here: @koa/cors with its own allowMethods (Koa sends no Server header, and a custom list leaves
// nothing to recognise it by: the engine writes no Koa fix for it), Flask and Django.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fix, ServerStack } from '../../src/cors/index.ts';
import { startApache } from '../servers/apache.ts';
import { startNodeApp } from '../servers/app.ts';
import { startCaddy } from '../servers/caddy.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp, fastifyApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

const SENT = 'GET, PUT;DELETE';
const PATCH_ROUTE = `app.patch('/api/items/:id', (req, res) => res.json({ patched: req.params.id }));`;

let site: PageSite;
// An Express app without CORS of its own behind the web servers: they add the headers, it answers
// OPTIONS (200, its automatic answer) and the PATCH.
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  backend = await startNodeApp('express', expressApp('// no CORS in the app: the server in front adds it', PATCH_ROUTE));
});
afterAll(async () => {
  await backend?.stop();
  await site?.close();
});

interface MethodsCase {
  target: ServerStack;
  /** The layers `explain --json` names, outer to inner. */
  layers: string[];
  software: string[];
  path: string;
  start: (origin: string, cors: string | null) => Promise<RunningServer>;
  /** The line of the printed fix that lists the methods. */
  methodsLine: string;
}

/** A web server in front of the Express backend, adding the CORS lines: by default `broken(origin)`, else the ones given. */
function inFront(
  target: ServerStack,
  software: string,
  serve: (cors: string) => Promise<RunningServer>,
  broken: (origin: string) => string,
  methodsLine: string,
): MethodsCase {
  return { target, layers: [target, 'express'], software: [software, 'express 5'], path: '/api/items/5', start: (origin, cors) => serve(cors ?? broken(origin)), methodsLine };
}

const cases: MethodsCase[] = [
  inFront(
    'nginx',
    'nginx 1.22',
    (cors) =>
      startNginx({
        http: `    upstream backend { server 127.0.0.1:${backend.port}; }`,
        server: `        location /api/ {
${cors}
            proxy_pass http://backend;
        }`,
      }),
    (origin) => `            add_header Access-Control-Allow-Origin "${origin}" always;
            add_header Access-Control-Allow-Methods "${SENT}" always;`,
    'add_header Access-Control-Allow-Methods "GET, PATCH" always;',
  ),
  inFront(
    'apache',
    'apache2 2.4 (mod_headers, mod_proxy)',
    (cors) => startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/\n${cors}\n`),
    (origin) => `Header set Access-Control-Allow-Origin "${origin}"\nHeader set Access-Control-Allow-Methods "${SENT}"`,
    'Header always set Access-Control-Allow-Methods "GET, PATCH"',
  ),
  inFront(
    'caddy',
    'caddy 2.6',
    (cors) => startCaddy(`${cors}\n\treverse_proxy 127.0.0.1:${backend.port}`),
    (origin) => `\theader Access-Control-Allow-Origin ${origin}\n\theader Access-Control-Allow-Methods "${SENT}"`,
    'header Access-Control-Allow-Methods `GET, PATCH`',
  ),
  {
    target: 'express',
    layers: ['express'],
    software: ['express 5 + cors 2.8'],
    path: '/api/items/5',
    // cors sends a string `methods` as it is written.
    start: (origin, cors) => startNodeApp('express', expressApp(cors ?? `import cors from 'cors';\napp.use(cors({ origin: '${origin}', methods: '${SENT}' }));`, PATCH_ROUTE)),
    methodsLine: "  methods: ['GET', 'PATCH'],",
  },
  {
    target: 'fastify',
    layers: ['fastify'],
    software: ['fastify 5 + @fastify/cors 11'],
    path: '/api/items/5',
    // @fastify/cors sends a string `methods` as it is written.
    start: (origin, cors) =>
      startNodeApp(
        'fastify',
        fastifyApp(
          cors ?? `import cors from '@fastify/cors';\nawait fastify.register(cors, { origin: '${origin}', methods: '${SENT}' });`,
          `fastify.patch('/api/items/:id', async (request) => ({ patched: request.params.id }));`,
        ),
      ),
    methodsLine: "  methods: ['GET', 'PATCH'],",
  },
];

it.each(cases)('$target answering the preflight with Access-Control-Allow-Methods: GET, PUT;DELETE: blocked; the printed fix, with GET, PATCH, lets the PATCH through', async (m) => {
  const c: ProofCase = {
    stack: m.layers.join('-'),
    config: 'allow-methods-semicolons',
    software: m.software,
    path: m.path,
    init: { method: 'PATCH', body: 'x' },
    start: (cors) => m.start(site.origin, cors),
  };
  const broken = await runBroken(site, c);
  // Chromium cannot parse the list: its reason, with no parameter (it names no method).
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', preflight: true, corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' });
  expect(broken.explained).toMatchObject({ verdict: 'blocked', corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' });
  // The explanation and the must-send line give the same list as the fix.
  const words = broken.explained as typeof broken.explained & { explanation: string; serverMustSend: { header: string; value: string }[] };
  expect(words.explanation).toContain("'PUT;DELETE' (it holds ';') is not a method name. Leave it out: send Access-Control-Allow-Methods: GET, PATCH.");
  expect(words.serverMustSend).toContainEqual(expect.objectContaining({ header: 'Access-Control-Allow-Methods', value: 'GET, PATCH' }));
  expect(layersOf(broken.explained)).toEqual(m.layers);
  const fix: Fix = fixFor(broken.replayed.har, broken.replayed.url, m.target);
  // The server's method names and the PATCH: nothing added (HEAD, POST), nothing read from `PUT;DELETE`.
  expect(fix.snippet).toContain(m.methodsLine);
  expect(fix.snippet).not.toMatch(/\b(HEAD|POST|PUT|DELETE)\b/);

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, preflight: true, status: 200 });
});
