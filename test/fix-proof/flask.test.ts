// Flask + Flask-CORS, broken as a developer breaks it: Chromium blocks the request; the engine names
// Flask and the cause; the printed Flask-CORS fix, put in place of the broken call as printed, lets
// the request through on the real Flask-CORS.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/cors/index.ts';
import { startPythonApp } from '../servers/app.ts';
import { flaskApp } from './apps.ts';
import { type FetchInit, openPageSite, type PageSite } from './browser.ts';
import { layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

interface FlaskCase {
  config: string;
  path: string;
  init: FetchInit;
  /** The broken setup, for the page's origin. */
  broken: (origin: string) => string;
  routes?: string;
  corsError: NonNullable<Diagnosis['corsError']>;
  /** A line of the printed fix that makes it work. */
  fixLine: string;
}

async function prove(f: FlaskCase): Promise<void> {
  const c: ProofCase = {
    stack: 'flask',
    config: f.config,
    software: ['flask 2.2 (Werkzeug) + flask-cors 3.0'],
    path: f.path,
    init: f.init,
    start: (cors) => startPythonApp('flask', flaskApp(cors ?? f.broken(site.origin), f.routes), 'python3-flask python3-flask-cors'),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: f.corsError });
  expect(broken.explained).toMatchObject({ corsError: f.corsError });
  expect(layersOf(broken.explained)).toEqual(['flask']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('flask');
  expect(fix?.snippet).toContain(f.fixLine);

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
}

it('Flask-CORS without supports_credentials, with cookies: blocked, diagnosed, fixed by the printed call', async () => {
  await prove({
    config: 'no-supports-credentials',
    path: '/api/me',
    init: { credentials: 'include' },
    broken: (origin) => `from flask_cors import CORS\n\nCORS(app, origins=["${origin}"])`,
    corsError: 'InvalidAllowCredentials',
    fixLine: 'supports_credentials=True',
  });
});

// Flask-CORS upper-cases the methods it is given, and the browser compares a method it does not
// normalise case-sensitively (https://fetch.spec.whatwg.org/#concept-method-normalize: PATCH is not
// normalised): a page's fetch(..., { method: 'patch' }) is refused by the `PATCH` Flask-CORS lists,
// though the app was given `patch`. The printed fix writes the list as given in a hook before
// CORS(app) (the fix before it, run here, stayed blocked).
it('Flask-CORS given methods=[..., "patch"], a fetch with method patch: blocked, diagnosed, fixed by the printed hook and call', async () => {
  await prove({
    config: 'lower-case-method',
    path: '/api/items/5',
    init: { method: 'patch', body: 'x' },
    broken: (origin) => `from flask_cors import CORS\n\nCORS(app, origins=["${origin}"], methods=["GET", "HEAD", "POST", "OPTIONS", "patch"])`,
    routes: `@app.route("/api/items/<item>", methods=["PATCH"])\ndef patch_item(item):\n    return jsonify(patched=item)\n`,
    corsError: 'MethodDisallowedByPreflightResponse',
    fixLine: 'def cors_exact_methods(response):',
  });
});
