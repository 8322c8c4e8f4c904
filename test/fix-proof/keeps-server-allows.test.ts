// A fix adds to what the server already allows, never takes it away. The server allows the page's
// credentialed PUT with Content-Type: application/json and Authorization (its lists and
// Access-Control-Allow-Credentials: true); a new request adds x-trace-id, which its list lacks.
// Chromium blocks the new request; the engine's fix, made from the HAR of that request alone and
// applied as printed in place of the server's CORS setup, must let BOTH requests through: a snippet
// listing only x-trace-id would drop credentials, Authorization and PUT, and break the earlier one.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageRequest, type PageSite, replayAll } from './browser.ts';
import { explainedRequest, explainJson, fixFor } from './engine.ts';

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
