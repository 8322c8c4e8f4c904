// Flask + Flask-CORS without supports_credentials, called with cookies: Chromium blocks the response
// (no Access-Control-Allow-Credentials); the engine names Flask and the cause; the printed
// Flask-CORS call, put in place of the broken one as printed, lets the request through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPythonApp } from '../servers/app.ts';
import { flaskApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

it('Flask-CORS without supports_credentials, with cookies: blocked, diagnosed, fixed by the printed call', async () => {
  const c: ProofCase = {
    stack: 'flask',
    config: 'no-supports-credentials',
    software: ['flask 2.2 (Werkzeug) + flask-cors 3.0'],
    path: '/api/me',
    init: { credentials: 'include' },
    start: (cors) =>
      startPythonApp('flask', flaskApp(cors ?? `from flask_cors import CORS\n\nCORS(app, origins=["${site.origin}"])`), 'python3-flask python3-flask-cors'),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'InvalidAllowCredentials' });
  expect(broken.explained).toMatchObject({ corsError: 'InvalidAllowCredentials' });
  expect(layersOf(broken.explained)).toEqual(['flask']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('flask');
  expect(fix?.snippet).toContain('supports_credentials=True');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
