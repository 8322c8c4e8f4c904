// The applications the proofs run, each with its CORS setup as a parameter: the broken one, or the
// project's printed fix, put in its place as it is.

/**
 * An Express app whose CORS setup is `setup` (the broken one, or the printed fix); `routes`, more
 * routes after the usual two (a case's own method), outside what the fix replaces.
 */
export function expressApp(setup: string, routes = ''): string {
  return `import express from 'express';
const app = express();

${setup}

app.get('/api/items', (req, res) => res.json({ items: [] }));
app.put('/api/items/:id', (req, res) => res.json({ id: req.params.id }));
${routes}
app.listen(Number(process.env.PORT), '127.0.0.1');
`;
}

/** A Flask app (Werkzeug's server) whose CORS setup is `setup`; `routes`, more routes after /api/me. */
export function flaskApp(setup: string, routes = ''): Record<string, string> {
  return {
    'app.py': `import os
from flask import Flask, jsonify

app = Flask(__name__)

${setup}


@app.get("/api/me")
def me():
    return jsonify(user="u")

${routes}
app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
`,
  };
}

/**
 * A Django project served by wsgiref (the server `manage.py runserver` uses, and like any WSGI
 * server it runs no system checks), whose settings end with `setup`.
 */
export function djangoProject(setup: string): Record<string, string> {
  return {
    'app.py': `import os
from wsgiref.simple_server import make_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.wsgi import get_wsgi_application

make_server("127.0.0.1", int(os.environ["PORT"]), get_wsgi_application()).serve_forever()
`,
    'urls.py': `from django.http import JsonResponse
from django.urls import path


def items(request):
    return JsonResponse({"items": []})


urlpatterns = [path("api/items", items)]
`,
    'settings.py': `SECRET_KEY = "fix-proof"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
USE_TZ = True

${setup}
`,
  };
}

/** django-cors-headers installed, its middleware first, then `setup` (its CORS_* settings). */
export function djangoCorsSettings(setup: string): string {
  return `INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
${setup}`;
}

/** A Fastify app whose CORS setup is `setup` (top-level await allowed: an ES module); `routes`, more routes. */
export function fastifyApp(setup: string, routes = ''): string {
  return `import Fastify from 'fastify';
const fastify = Fastify();

${setup}

fastify.get('/api/items', async () => ({ items: [] }));
fastify.delete('/api/items/:id', async (request) => ({ deleted: request.params.id }));
${routes}
await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;
}

/** A Koa app (with @koa/router) whose CORS setup is `setup`. */
export function koaApp(setup: string): string {
  return `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();

${setup}

const router = new Router();
router.get('/api/me', (ctx) => {
  ctx.body = { user: 'u' };
});
router.put('/api/me', (ctx) => {
  ctx.body = { saved: true };
});
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.PORT), '127.0.0.1');
`;
}

/** The nginx snippet's two parts: what goes in the http block (its maps), and the location's lines. */
function nginxParts(snippet: string): { http: string; location: string } {
  const lines = snippet.split('\n');
  const at = lines.findIndex((l) => l.startsWith('# Inside the location'));
  return { http: lines.slice(0, at).join('\n'), location: lines.slice(at).join('\n') };
}

/**
 * nginx in front of the backend on `backendPort`, at /api/ (startNginx's options): configured for
 * `origin` with credentials, preflight methods `GET, HEAD, POST, PUT` and `content-type` (the broken
 * setup the proofs start from), or, given the printed `fix`, with it in the location instead.
 */
export function nginxInFront(origin: string, fix: string | null, backendPort: number): { http: string; server: string } {
  const broken = `            if ($request_method = OPTIONS) {
                add_header Access-Control-Allow-Origin "${origin}" always;
                add_header Access-Control-Allow-Credentials "true" always;
                add_header Access-Control-Allow-Methods "GET, HEAD, POST, PUT" always;
                add_header Access-Control-Allow-Headers "content-type" always;
                return 204;
            }
            add_header Access-Control-Allow-Origin "${origin}" always;
            add_header Access-Control-Allow-Credentials "true" always;`;
  const fixed = fix === null ? null : nginxParts(fix);
  return {
    http: `    upstream backend { server 127.0.0.1:${backendPort}; }\n${fixed?.http ?? ''}`,
    server: `        location /api/ {
${fixed?.location ?? broken}
            proxy_pass http://backend;
        }`,
  };
}

/** A Hono app on @hono/node-server whose CORS setup is `setup`. */
export function honoApp(setup: string): string {
  return `import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();

${setup}

app.get('/api/items', (c) => c.json({ items: [] }));
app.put('/api/items/:id', (c) => c.json({ id: c.req.param('id') }));
app.get('/api/me', (c) => c.json({ user: 'u' }));
app.put('/api/me', (c) => c.json({ saved: true }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
`;
}

/**
 * A Next.js project (App Router route handlers under /api) whose CORS setup is `cors`: `headers`,
 * the entries of next.config.mjs's headers() (the broken setup), or `middleware`, a middleware.js
 * beside app/ (the printed fix, as it is).
 */
export function nextProject(cors: { headers: string } | { middleware: string }): Record<string, string> {
  const headers = 'headers' in cors ? `\n  async headers() {\n    return ${cors.headers};\n  },` : '';
  return {
    // Turbopack compiles only files under its root: the packages are links into the project's
    // node_modules, outside this temporary directory. No AGENTS.md files written beside the app.
    'next.config.mjs': `export default {\n  turbopack: { root: '/' },\n  agentRules: false,\n  experimental: { agentUpgrade: false },${headers}\n};\n`,
    'app/layout.js': 'export default function RootLayout({ children }) {\n  return children;\n}\n',
    'app/api/items/[id]/route.js': `export async function PUT(request, { params }) {
  const { id } = await params;
  return Response.json({ id });
}
`,
    'app/api/me/route.js': `export function GET() {
  return Response.json({ user: 'u' });
}
export function PUT() {
  return Response.json({ saved: true });
}
`,
    ...('middleware' in cors ? { 'middleware.js': cors.middleware } : {}),
  };
}

/**
 * A NestJS app (on Express) whose bootstrap is `setup` (it makes `app` with NestFactory.create and
 * sets CORS up: the broken setup, or the printed fix), then listens. /api/session answers 401 (no
 * session: Nest's JSON error). Plain JavaScript: each decorator is applied as TypeScript's compiled
 * output would.
 */
export function nestApp(setup: string): string {
  return `import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Controller, Get, Module, Param, Put, UnauthorizedException } from '@nestjs/common';

class ApiController {
  item(id) {
    return { id };
  }
  me() {
    return { user: 'u' };
  }
  saveMe() {
    return { saved: true };
  }
  session() {
    throw new UnauthorizedException();
  }
}
const route = (decorator, name) => decorator(ApiController.prototype, name, Object.getOwnPropertyDescriptor(ApiController.prototype, name));
route(Put('items/:id'), 'item');
Param('id')(ApiController.prototype, 'item', 0);
route(Get('me'), 'me');
route(Put('me'), 'saveMe');
route(Get('session'), 'session');
Controller('api')(ApiController);
class AppModule {}
Module({ controllers: [ApiController] })(AppModule);

${setup}
await app.listen(Number(process.env.PORT), '127.0.0.1');
`;
}
