// Apache httpd (mod_proxy) in front of an Express app without CORS of its own, with mod_headers
// lines that forget Authorization in Access-Control-Allow-Headers: Chromium blocks the preflight,
// the engine names the cause, and the printed Apache lines, put in place of the broken ones as
// printed, let the request through. And an app behind Apache that sends Access-Control-Allow-Origin
// and -Credentials itself: the printed lines must leave one of each, not a second copy.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApache } from '../servers/apache.ts';
import { startNodeApp } from '../servers/app.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageSite, wireResponses } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
let backend: RunningServer;
let corsBackend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  backend = await startNodeApp('express', expressApp('// no CORS in the app: Apache adds it'));
  // An app with CORS of its own, credentials included: every line it sends Apache sets too.
  corsBackend = await startNodeApp('express', expressApp(`import cors from 'cors';\napp.use(cors({ origin: '${site.origin}', credentials: true }));`));
});
afterAll(async () => {
  await corsBackend?.stop();
  await backend?.stop();
  await site?.close();
});

it('Apache + mod_proxy, Access-Control-Allow-Headers without Authorization: blocked; the printed lines fix it', async () => {
  const c: ProofCase = {
    stack: 'apache-express',
    config: 'allow-headers-without-authorization',
    software: ['apache2 2.4 (mod_headers, mod_proxy)', 'express 5'],
    path: '/api/items/3',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' }, body: '{}' },
    start: (cors) =>
      startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/
${
  cors ??
  `Header set Access-Control-Allow-Origin "${site.origin}"
Header set Access-Control-Allow-Methods "GET, POST, PUT"
Header set Access-Control-Allow-Headers "Content-Type"`
}
`),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'authorization' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'authorization' });
  // Both layers, outer to inner: Apache names itself, Express its X-Powered-By.
  expect(layersOf(broken.explained)).toEqual(['apache', 'express']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'apache');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});

it('Apache + mod_proxy in front of an app that sends Allow-Origin and Allow-Credentials: the printed lines leave one of each', async () => {
  const c: ProofCase = {
    stack: 'apache-express',
    config: 'both-send-allow-origin-with-credentials',
    software: ['apache2 2.4 (mod_headers, mod_proxy)', 'express 5 + cors 2.8'],
    path: '/api/items',
    init: { credentials: 'include' },
    start: (cors) =>
      startApache(`ProxyPass /api/ http://127.0.0.1:${corsBackend.port}/api/
${cors ?? `Header always set Access-Control-Allow-Origin "${site.origin}"`}
`),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MultipleAllowOriginValues' });
  expect(broken.explained).toMatchObject({ corsError: 'MultipleAllowOriginValues' });
  expect(layersOf(broken.explained)).toEqual(['apache', 'express']);
  // The first fix printed: Apache's, which unsets the app's copies.
  const fix = broken.explained.fix!;
  expect(fix.target).toBe('apache');

  const fixed = await runFixed(site, c, fix.snippet);
  // "Header always set" alone would add a second Allow-Credentials beside the app's (true, true).
  const sent = wireResponses(fixed).response?.headers.map(([name]) => name.toLowerCase()) ?? [];
  expect(sent.filter((n) => n === 'access-control-allow-origin')).toHaveLength(1);
  expect(sent.filter((n) => n === 'access-control-allow-credentials')).toHaveLength(1);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
