// Each CORS library with its defaults, answering a preflighted request: not a proof of a fix, but
// the real header sets (their Vary, order and casing, default Allow-Methods, Max-Age) the
// fingerprint tables are built from, recorded as the libraries send them. Each must let the
// request through: every one of these defaults allows any origin, and X-Requested-With (echoed, or
// in django-cors-headers' default list, which has no other custom header).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp, startPythonApp } from '../servers/app.ts';
import { djangoProject, expressApp, fastifyApp, flaskApp, koaApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { type ProofCase, runRecorded } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

const DJANGO_ALLOW_ALL = `INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
CORS_ALLOW_ALL_ORIGINS = True`;

const defaults: { stack: string; software: string; path: string; start: ProofCase['start'] }[] = [
  { stack: 'express', software: 'express 5 + cors 2.8', path: '/api/items', start: () => startNodeApp('express', expressApp(`import cors from 'cors';\napp.use(cors());`)) },
  { stack: 'fastify', software: 'fastify 5 + @fastify/cors 11', path: '/api/items', start: () => startNodeApp('fastify', fastifyApp(`import cors from '@fastify/cors';\nawait fastify.register(cors);`)) },
  { stack: 'koa', software: 'koa 3 + @koa/cors 5', path: '/api/me', start: () => startNodeApp('koa', koaApp(`import cors from '@koa/cors';\napp.use(cors());`)) },
  { stack: 'flask', software: 'flask 2.2 (Werkzeug) + flask-cors 3.0', path: '/api/me', start: () => startPythonApp('flask', flaskApp('from flask_cors import CORS\n\nCORS(app)'), 'python3-flask python3-flask-cors') },
  { stack: 'django', software: 'django 3.2 (wsgiref) + django-cors-headers 3.14', path: '/api/items', start: () => startPythonApp('django', djangoProject(DJANGO_ALLOW_ALL), 'python3-django python3-django-cors-headers') },
];

it.each(defaults)('$stack: its defaults answer a preflighted GET, recorded', async (d) => {
  const c: ProofCase = { stack: d.stack, config: 'defaults-preflighted-get', software: [d.software], path: d.path, init: { headers: { 'X-Requested-With': 'XMLHttpRequest' } }, start: d.start };
  const replayed = await runRecorded(site, c);
  expect(replayed.run).toMatchObject({ outcome: 'allowed', preflight: true, status: 200 });
});
