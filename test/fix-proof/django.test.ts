// Django + django-cors-headers, the page sending a header that is not in its default list
// (CORS_ALLOW_HEADERS left alone): Chromium blocks the preflight; the engine names Django and the
// header; the printed settings, appended as printed to the end of the broken settings.py (the snippet
// says so), let it through.
//
// (An origin with a trailing slash in CORS_ALLOWED_ORIGINS is no mistake at run time for
// django-cors-headers 3.14: it compares scheme and host only, and only `manage.py check` warns.)

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPythonApp } from '../servers/app.ts';
import { djangoProject } from './apps.ts';
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

it('django-cors-headers, a request header outside its default list: blocked, diagnosed, fixed by the printed settings', async () => {
  const broken_settings = `INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
CORS_ALLOWED_ORIGINS = ["${site.origin}"]`;
  const c: ProofCase = {
    stack: 'django',
    config: 'header-not-in-default-headers',
    software: ['django 3.2 (wsgiref) + django-cors-headers 3.14'],
    path: '/api/items',
    init: { headers: { 'X-Request-Id': 'r-2' } },
    start: (cors) => startPythonApp('django', djangoProject(cors === null ? broken_settings : `${broken_settings}\n\n${cors}`), 'python3-django python3-django-cors-headers'),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(broken.explained).toMatchObject({ corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-request-id' });
  expect(layersOf(broken.explained)).toEqual(['django']);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe('django');
  // The server's own list is kept beside default_headers: the names it answered that the snippet's
  // default list lacks (accept-encoding, dnt, origin: django-cors-headers before 4.0 sent them), then
  // the one the request needs.
  expect(fix?.snippet).toMatch(/^CORS_ALLOW_HEADERS = \(\*default_headers, (?:"[a-z-]+", )*"x-request-id"\)$/m);

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
