// Flask-CORS upper-cases the methods it is given, and the browser compares a method it does not
// normalise case-sensitively (https://fetch.spec.whatwg.org/#concept-method-normalize: PATCH is not
// normalised): a page's fetch(..., { method: 'patch' }) is refused by the `PATCH` Flask-CORS lists,
// though the app was given `patch`. Chromium blocks it; the engine names Flask; the printed fix (a
// hook before CORS(app) that writes the list as given), put in place of the broken call as printed,
// lets the request through on the real Flask-CORS.

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

const ROUTE = `@app.route("/api/items/<item>", methods=["PATCH"])
def patch_item(item):
    return jsonify(patched=item)
`;

it('Flask-CORS given methods=[..., "patch"], a fetch with method patch: blocked, diagnosed, fixed by the printed hook and call', async () => {
  const c: ProofCase = {
    stack: 'flask',
    config: 'lower-case-method',
    software: ['flask 2.2 (Werkzeug) + flask-cors 3.0'],
    path: '/api/items/5',
    init: { method: 'patch', body: 'x' },
    start: (cors) =>
      startPythonApp('flask', flaskApp(cors ?? `from flask_cors import CORS\n\nCORS(app, origins=["${site.origin}"], methods=["GET", "HEAD", "POST", "OPTIONS", "patch"])`, ROUTE), 'python3-flask python3-flask-cors'),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', preflight: true, corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'patch' });
  expect(broken.explained).toMatchObject({ corsError: 'MethodDisallowedByPreflightResponse' });
  expect(layersOf(broken.explained)).toEqual(['flask']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('flask');
  expect(fix?.snippet).toContain('def cors_exact_methods(response):');

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, preflight: true, status: 200 });
});
