// One API called from two page origins (review R7): configured for the first only, the second is
// blocked; the one printed merged configuration (`explain --json`'s serverConfigs), put in place of
// the CORS setup as printed, allows both page origins, each answered with itself, and still blocks a
// third page origin, which gets no Access-Control-Allow-Origin at all. Proven in Chromium on nginx
// (its map of $http_origin), Express (cors({ origin: [a, b] })), Caddy (a header matcher per
// origin), Apache (SetEnvIf per origin), Flask (Flask-CORS origins=[a, b]) and Django
// (CORS_ALLOWED_ORIGINS), each in front of or as the API.
//
// Session 40's review: an API whose Access-Control-Allow-Origin is a list in one value (the demo's
// /broken/origin-list, Apache's `Header always set Access-Control-Allow-Origin "a, b"`) is refused
// by the browser for every page (several origins). The fix printed for one page's request keeps the
// list's other origin (kept-origin.ts), answering each request its own Origin when listed: put in
// place of the list as printed, both listed page origins pass and a third is refused with no
// Access-Control-Allow-Origin at all. Proven on Apache (SetEnvIf per origin) and Express.

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
import { djangoCorsSettings, djangoProject, expressApp, flaskApp, nginxInFront } from './apps.ts';
import { type FetchInit, openPage, openPageSite, type PageSite, replayAll } from './browser.ts';
import { explainJson, fixFor, mergedFixFor } from './engine.ts';

let site: PageSite;
const pages: Server[] = [];
let second: string;
let third: string;
let backend: RunningServer;

beforeAll(async () => {
  site = await openPageSite();
  second = await openPage(pages);
  third = await openPage(pages);
  backend = await startNodeApp('express', expressApp('// no CORS in the app: nginx in front adds it'));
});
afterAll(async () => {
  await backend?.stop();
  for (const page of pages) await new Promise((resolve) => page.close(resolve));
  await site?.close();
});

// A preflighted, credentialed request: both the preflight branch and the response carry the answer.
const PUT: FetchInit = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}', credentials: 'include' };

/** The broken Caddy and Apache setups: every CORS line right, for the first page origin only. */
const caddyFor = (o: string): string => `header {
	Access-Control-Allow-Origin "${o}"
	Access-Control-Allow-Credentials true
	Vary Origin
}
@preflight method OPTIONS
handle @preflight {
	header Access-Control-Allow-Methods "GET, HEAD, POST, PUT"
	header Access-Control-Allow-Headers "content-type"
	respond 204
}`;
const apacheFor = (o: string): string => `Header always set Access-Control-Allow-Origin "${o}"
Header always set Access-Control-Allow-Credentials "true"
Header always set Access-Control-Allow-Methods "GET, HEAD, POST, PUT"
Header always set Access-Control-Allow-Headers "content-type"
RewriteEngine On
RewriteCond %{REQUEST_METHOD} OPTIONS
RewriteRule ^ - [R=204,L]`;
// Flask's route for the PUT, after the app's /api/me.
const FLASK_PUT = `

@app.put("/api/items/<int:item>")
def put_item(item):
    return jsonify(id=item)
`;

// [target, path the page calls, start(first page origin, the printed setup or null for the broken one)]
const cases: [target: Fix['target'], path: string, start: (firstOrigin: string, setup: string | null) => Promise<RunningServer>][] = [
  ['express', '/api/items/1', (o, s) => startNodeApp('express', expressApp(s ?? `import cors from 'cors';\napp.use(cors({ origin: '${o}', credentials: true }));`))],
  ['nginx', '/api/items/1', (o, s) => startNginx(nginxInFront(o, s, backend.port))],
  ['caddy', '/api/items/1', (o, s) => startCaddy(`${s ?? caddyFor(o)}\nreverse_proxy 127.0.0.1:${backend.port}`)],
  ['apache', '/api/items/1', (o, s) => startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/\n${s ?? apacheFor(o)}\n`)],
  [
    'flask',
    '/api/items/1',
    (o, s) => startPythonApp('flask', flaskApp(s ?? `from flask_cors import CORS\n\nCORS(app, origins=["${o}"], supports_credentials=True)`, FLASK_PUT), 'python3-flask python3-flask-cors'),
  ],
  [
    'django',
    '/api/items',
    // The printed settings go at the end of settings.py, as the snippet says (they replace the list).
    (o, s) => {
      const broken = djangoCorsSettings(`CORS_ALLOWED_ORIGINS = ["${o}"]\nCORS_ALLOW_CREDENTIALS = True`);
      return startPythonApp('django', djangoProject(s === null ? broken : `${broken}\n\n${s}`), 'python3-django python3-django-cors-headers');
    },
  ],
];

/** Every Access-Control-Allow-Origin the HAR's responses carried (preflights included). */
function allowOrigins(har: DevToolsHar): string[] {
  return har.log.entries.flatMap((e) => e.response.headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin').map((h) => h.value));
}

/**
 * The backend's answer to a request from `page`'s origin, asked by Node (no browser, no preflight):
 * the Access-Control lines it carries and its Vary lines.
 */
async function answerTo(url: string, page: string): Promise<{ allowOrigin: string | null; credentials: string | null; vary: string }> {
  const response = await fetch(url, { method: 'PUT', headers: { Origin: page, 'Content-Type': 'application/json' }, body: '{}' });
  await response.arrayBuffer();
  return { allowOrigin: response.headers.get('access-control-allow-origin'), credentials: response.headers.get('access-control-allow-credentials'), vary: response.headers.get('vary') ?? '' };
}

/**
 * Start the broken setup, replay the page origins' PUT, ask the engine for the fix, start it,
 * replay again; `check` runs while the fixed server is up.
 */
async function proveOriginList(target: Fix['target'], path: string, start: (firstOrigin: string, setup: string | null) => Promise<RunningServer>, check?: (url: string) => Promise<void>) {
  const fromEach = async (setup: string | null) => {
    const api = await start(site.origin, setup);
    try {
      const url = `${api.origin}${path}`;
      const runs = [];
      for (const page of [site.origin, second, third]) runs.push(await replayAll(site.browser, `${page}/`, [{ url, init: PUT }]));
      if (setup !== null) await check?.(url);
      return { apiOrigin: api.origin, runs };
    } finally {
      await api.stop();
    }
  };
  const broken = await fromEach(null);
  expect(broken.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'blocked', 'blocked']);
  // The capture the engine reads: the requests of the two page origins the page set uses.
  const [a, b] = broken.runs;
  const har: DevToolsHar = { ...a!.har, log: { ...a!.har.log, entries: [...a!.har.log.entries, ...b!.har.log.entries] } };
  const config = explainJson(har).serverConfigs.find((c) => c.apiOrigin === broken.apiOrigin);
  expect(config).toBeDefined();
  // nginx names itself (Server header); Express sends nothing that tells it from another Node app:
  // the same configuration, asked for its stack, as merged-stacks.test.ts does.
  const fix = config!.stack === target ? config!.fix : mergedFixFor(har, broken.apiOrigin, target as ServerStack);
  expect(fix.target).toBe(target);

  const fixed = await fromEach(fix.snippet);
  expect(fixed.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'allowed', 'blocked']);
  // Each allowed page origin got itself; the third none at all (no echo of an unchecked Origin).
  expect(new Set(allowOrigins(fixed.runs[0]!.har))).toEqual(new Set([site.origin]));
  expect(new Set(allowOrigins(fixed.runs[1]!.har))).toEqual(new Set([second]));
  expect(allowOrigins(fixed.runs[2]!.har)).toEqual([]);
}

it.each(cases)('%s called from two page origins: the second blocked; the printed configuration allows both, and a third stays blocked', proveOriginList);

// The usual broken setup the printed Caddy lines replace: a backend that echoes any Origin with
// credentials. Its own lines must go, or the third page origin (whose preflight Caddy answers
// without one) still gets its Origin back, with credentials, on the request itself.
it('caddy in front of a backend that echoes any Origin with credentials: the third page origin gets none, and the backend keeps its Vary', async () => {
  const echo = createServer((request, response) => {
    response.writeHead(200, {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Accept-Encoding',
      'Content-Type': 'application/json',
    });
    response.end('{"id":1}');
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const port = (echo.address() as AddressInfo).port;
  // The broken Caddy lines deferred, so they replace the backend's (the first page origin passes).
  const broken = (o: string): string => caddyFor(o).replace('\tVary Origin\n', '\tVary Origin\n\tdefer\n');
  try {
    await proveOriginList('caddy', '/api/items/1', (o, s) => startCaddy(`${s ?? broken(o)}\nreverse_proxy 127.0.0.1:${port}`), async (url) => {
      expect(await answerTo(url, third)).toEqual({ allowOrigin: null, credentials: null, vary: expect.stringMatching(/Accept-Encoding/) });
      const own = await answerTo(url, second);
      expect([own.allowOrigin, own.credentials]).toEqual([second, 'true']);
      expect(own.vary.split(/\s*,\s*/).sort()).toEqual(['Accept-Encoding', 'Origin']);
    });
  } finally {
    await new Promise((resolve) => echo.close(resolve));
  }
});

const GET: FetchInit = { method: 'GET' };

// [target, start(the broken list, the printed setup or null for the broken one)]
const listCases: [target: Fix['target'], start: (list: string, setup: string | null) => Promise<RunningServer>][] = [
  ['apache', (list, s) => startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/\n${s ?? `Header always set Access-Control-Allow-Origin "${list}"`}\n`)],
  ['express', (list, s) => startNodeApp('express', expressApp(s ?? `app.use((req, res, next) => { res.set('Access-Control-Allow-Origin', '${list}'); next(); });`))],
];

it.each(listCases)('%s answering a list of two origins: every page refused; the printed fix lets both listed origins in, a third stays out', async (target, start) => {
  const list = `${site.origin}, ${second}`;
  const fromEach = async (setup: string | null) => {
    const api = await start(list, setup);
    try {
      const url = `${api.origin}/api/items`;
      const runs = [];
      for (const page of [site.origin, second, third]) runs.push(await replayAll(site.browser, `${page}/`, [{ url, init: GET }]));
      return { url, runs };
    } finally {
      await api.stop();
    }
  };
  const broken = await fromEach(null);
  expect(broken.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['blocked', 'blocked', 'blocked']);
  // The fix printed for the first page's request alone: it never saw the second page.
  const fix = fixFor(broken.runs[0]!.har, broken.url, target);
  expect(fix.snippet).toContain(`NOTE: ${second} is kept from the server's own answer (the list it sent`);
  const fixed = await fromEach(fix.snippet);
  expect(fixed.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'allowed', 'blocked']);
  expect(allowOrigins(fixed.runs[0]!.har)).toEqual([site.origin]);
  expect(allowOrigins(fixed.runs[1]!.har)).toEqual([second]);
  expect(allowOrigins(fixed.runs[2]!.har)).toEqual([]);
});
