// A fix adds to what the server already allows, never takes it away. The server allows the page's
// credentialed PUT with Content-Type: application/json and Authorization (its lists and
// Access-Control-Allow-Credentials: true); a new request adds x-trace-id, which its list lacks.
// Chromium blocks the new request; the engine's fix, made from the HAR of that request alone and
// applied as printed in place of the server's CORS setup, must let BOTH requests through: a snippet
// listing only x-trace-id would drop credentials, Authorization and PUT, and break the earlier one.

//
// And the server's Access-Control-Max-Age: Apache, Flask-CORS and django-cors-headers answer the
// preflight with one; a new request header is refused; the printed fix, applied as printed, must
// answer the next preflight with the same Max-Age (the fixes for these three left it out).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApache } from '../servers/apache.ts';
import { startNodeApp, startPythonApp } from '../servers/app.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { djangoProject, expressApp, flaskApp } from './apps.ts';
import { openPageSite, type PageRequest, type PageSite, type Replayed, replayAll, wireResponses } from './browser.ts';
import { explainedRequest, explainJson, fixFor } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
// An Express app without CORS of its own, behind nginx (nginx adds the headers and answers OPTIONS).
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  backend = await startNodeApp('express', expressApp(''));
});
afterAll(async () => {
  await backend?.stop();
  await site?.close();
});

/** The request that worked before, and the new one. */
function requests(api: string): { earlier: PageRequest; added: PageRequest } {
  return {
    earlier: {
      url: `${api}/api/items/7`,
      init: { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t-1' }, body: '{}' },
    },
    added: { url: `${api}/api/items`, init: { headers: { 'x-trace-id': 't-1' } } },
  };
}

/**
 * The server as configured (`cors` null) runs both requests: the earlier passes, the added one is
 * blocked; then the fix `fixOf` picks from the engine's answer for the added request's HAR, applied
 * in its place: both pass.
 */
async function prove(start: (cors: string | null) => Promise<RunningServer>, fixOf: (har: Parameters<typeof explainJson>[0], url: string) => string): Promise<void> {
  let api = await start(null);
  let snippet: string;
  try {
    const { earlier, added } = requests(api.origin);
    const { replayed } = await replayAll(site.browser, `${site.origin}/`, [earlier, added]);
    expect(replayed[0]!.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
    expect(replayed[1]!.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace-id' });
    // The HAR of the blocked request alone: what the user exports from the panel's failing row.
    snippet = fixOf(replayed[1]!.har, replayed[1]!.url);
  } finally {
    await api.stop();
  }
  api = await start(snippet);
  try {
    const { earlier, added } = requests(api.origin);
    const { replayed } = await replayAll(site.browser, `${site.origin}/`, [added, earlier]);
    expect(replayed[0]!.run, 'the new request').toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
    expect(replayed[1]!.run, 'the request that worked before the fix').toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  } finally {
    await api.stop();
  }
}

it('Express + cors: the printed fix keeps credentials, PUT and Authorization, and adds x-trace-id', async () => {
  const origin = site.origin;
  await prove(
    (cors) =>
      startNodeApp(
        'express',
        expressApp(
          cors ??
            `import cors from 'cors';\napp.use(cors({ origin: '${origin}', credentials: true, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'], maxAge: 600 }));`,
        ),
      ),
    (har, url) => {
      const fix = explainedRequest(explainJson(har), url).fix;
      expect(fix?.target).toBe('express');
      return fix!.snippet;
    },
  );
});

it('nginx in front of an app: the printed lines, in place of its CORS lines, keep what they allowed and add x-trace-id', async () => {
  const origin = site.origin;
  await prove(
    (cors) =>
      startNginx({
        http: `    upstream backend { server 127.0.0.1:${backend.port}; }`,
        server: `        location /api/ {
${
  cors ??
  `            if ($request_method = OPTIONS) {
                add_header Access-Control-Allow-Origin "${origin}" always;
                add_header Access-Control-Allow-Credentials "true" always;
                add_header Access-Control-Allow-Methods "GET, POST, PUT, PATCH, DELETE" always;
                add_header Access-Control-Allow-Headers "Content-Type, Authorization, X-Requested-With" always;
                return 204;
            }
            add_header Access-Control-Allow-Origin "${origin}" always;
            add_header Access-Control-Allow-Credentials "true" always;`
}
            proxy_pass http://backend;
        }`,
      }),
    (har, url) => fixFor(har, url, 'nginx').snippet,
  );
});

/** The preflight's Access-Control-Max-Age as it came off the wire, null when it had none. */
function preflightMaxAge(replayed: Replayed): string | null {
  return wireResponses(replayed).preflight?.headers.find(([name]) => name.toLowerCase() === 'access-control-max-age')?.[1] ?? null;
}

/**
 * `c` answers the preflight with Max-Age 1234 and refuses x-trace-id; its fix for `target`, applied
 * as printed, must answer the next preflight with Max-Age 1234 and let the request through.
 */
async function provesMaxAgeKept(c: ProofCase, target: 'apache' | 'flask' | 'django'): Promise<void> {
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace-id' });
  expect(preflightMaxAge(broken.replayed)).toBe('1234');
  const fix = fixFor(broken.replayed.har, broken.replayed.url, target);
  const fixed = await runFixed(site, c, fix.snippet);
  expect(preflightMaxAge(fixed), `the preflight after the printed fix:\n${fix.snippet}`).toBe('1234');
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
}

const TRACED = { headers: { 'x-trace-id': 't-1' } };

it('Apache: the printed lines keep the Max-Age its own lines sent', async () => {
  await provesMaxAgeKept(
    {
      stack: 'apache-express',
      config: 'max-age-kept',
      software: ['apache2 2.4 (mod_headers, mod_proxy)', 'express 5'],
      path: '/api/items',
      init: TRACED,
      start: (cors) =>
        startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/
${
  cors ??
  `Header always set Access-Control-Allow-Origin "${site.origin}"
Header always set Access-Control-Allow-Headers "Content-Type"
Header always set Access-Control-Max-Age "1234"
RewriteEngine On
RewriteCond %{REQUEST_METHOD} OPTIONS
RewriteRule ^ - [R=204,L]`
}
`),
    },
    'apache',
  );
});

it('Flask-CORS: the printed call keeps its max_age', async () => {
  await provesMaxAgeKept(
    {
      stack: 'flask',
      config: 'max-age-kept',
      software: ['flask 2.2 (Werkzeug) + flask-cors 3.0'],
      path: '/api/me',
      init: TRACED,
      start: (cors) =>
        startPythonApp('flask', flaskApp(cors ?? `from flask_cors import CORS\n\nCORS(app, origins=["${site.origin}"], allow_headers=["Content-Type"], max_age=1234)`), 'python3-flask python3-flask-cors'),
    },
    'flask',
  );
});

it('django-cors-headers: the printed settings keep its CORS_PREFLIGHT_MAX_AGE', async () => {
  const apps = `INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]`;
  await provesMaxAgeKept(
    {
      stack: 'django',
      config: 'max-age-kept',
      software: ['django 3.2 (wsgiref) + django-cors-headers 3.14'],
      path: '/api/items',
      init: TRACED,
      // The printed settings in place of the CORS_* lines (the apps and middleware stay, as it says).
      start: (cors) =>
        startPythonApp('django', djangoProject(`${apps}\n${cors ?? `CORS_ALLOWED_ORIGINS = ["${site.origin}"]\nCORS_PREFLIGHT_MAX_AGE = 1234`}`), 'python3-django python3-django-cors-headers'),
    },
    'django',
  );
});
