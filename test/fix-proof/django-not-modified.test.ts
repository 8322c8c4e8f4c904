// Django's ConditionalGetMiddleware answers a matching If-None-Match with a new 304 that keeps only
// the validator headers (django.utils.cache._not_modified: Cache-Control, Content-Location, Date,
// ETag, Expires, Last-Modified, Vary), so a CorsMiddleware listed after it (nearer the view, its
// process_response runs first) has its Access-Control-Allow-Origin dropped from the 304. Real
// Chromium: the browser's own revalidation passes on its cached 200 (src/cors/stored-response.ts),
// the page's own If-None-Match is blocked on the 304. The engine reads the HAR and agrees; its
// printed Django fix (CorsMiddleware first), appended to the settings, lets the page's one through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPythonApp } from '../servers/app.ts';
import { djangoProject } from './apps.ts';
import { openPageSite, type PageSite, replayAll, wireResponses } from './browser.ts';
import { type ExplainedExchange, explainJson } from './engine.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

interface Words {
  explanation: string;
  fix?: { target: string; snippet: string };
}

/**
 * The Django project, served by `manage.py runserver`'s own server (django.core.servers.basehttp:
 * HTTP/1.1; Chromium takes no ETag from an HTTP/1.0 response, which plain wsgiref sends, so it would
 * not revalidate), its view saying `Cache-Control: no-cache` (every use revalidates).
 */
function project(settings: string): Record<string, string> {
  return {
    ...djangoProject(settings),
    'app.py': `import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.servers.basehttp import run
from django.core.wsgi import get_wsgi_application

run("127.0.0.1", int(os.environ["PORT"]), get_wsgi_application(), threading=True)
`,
    'urls.py': `from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import cache_control


@cache_control(no_cache=True)
def items(request):
    return JsonResponse({"items": []})


urlpatterns = [path("api/items", items)]
`,
  };
}

const start = (settings: string) => startPythonApp('django', project(settings), 'python3-django python3-django-cors-headers');

it('django-cors-headers below ConditionalGetMiddleware: its 304s lack Access-Control-Allow-Origin; the revalidation passes, the page-set If-None-Match is blocked, the printed fix lets it through', async () => {
  const broken = `INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "django.middleware.http.ConditionalGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
from corsheaders.defaults import default_headers
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match")
CORS_ALLOWED_ORIGINS = ["${site.origin}"]`;
  let django = await start(broken);
  let snippet: string;
  let etag: string;
  try {
    const url = `${django.origin}/api/items`;
    const first = (await replayAll(site.browser, `${site.origin}/`, [{ url }])).replayed[0]!;
    etag = wireResponses(first).response!.headers.find(([n]) => n.toLowerCase() === 'etag')![1];
    const { har, replayed } = await replayAll(site.browser, `${site.origin}/`, [{ url }, { url }, { url, init: { headers: { 'If-None-Match': etag } } }]);
    const exchanges = explainJson(har).exchanges as (ExplainedExchange & Words)[];
    expect(exchanges).toHaveLength(3);
    const [, revalidated, pageSet] = replayed;
    // Django's 304s, both without the header (the 200 had it).
    expect(wireResponses(replayed[0]!).response!.headers).toContainEqual(['Access-Control-Allow-Origin', site.origin]);
    for (const r of [revalidated!, pageSet!]) {
      const wire = wireResponses(r).response!;
      expect(wire.status).toBe(304);
      expect(wire.headers.map(([n]) => n.toLowerCase())).not.toContain('access-control-allow-origin');
    }
    // The browser's revalidation: the page gets the cached 200, and the engine says allowed.
    expect(revalidated!.run).toMatchObject({ outcome: 'allowed', corsError: null, preflight: false, status: 200 });
    expect(exchanges[1]).toMatchObject({ verdict: 'allowed', corsError: null, hops: [{ status: 304 }] });
    expect(exchanges[1]!.explanation).toContain("answered 304 Not Modified to the browser's revalidation of its cached copy, without Access-Control-Allow-Origin");
    // The page's own If-None-Match: the 304 is checked as it came.
    expect(pageSet!.run).toMatchObject({ outcome: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', preflight: true });
    expect(exchanges[2]).toMatchObject({ verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', server: 'django' });
    expect(exchanges[2]!.fix?.target).toBe('django');
    snippet = exchanges[2]!.fix!.snippet;
    // The fix moves CorsMiddleware above ConditionalGetMiddleware, so it adds the headers to the 304.
    expect(snippet).toContain('MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *(m for m in MIDDLEWARE');
  } finally {
    await django.stop();
  }

  django = await start(`${broken}\n\n${snippet}`);
  try {
    const url = `${django.origin}/api/items`;
    const { replayed } = await replayAll(site.browser, `${site.origin}/`, [{ url }, { url, init: { headers: { 'If-None-Match': etag } } }]);
    const wire = wireResponses(replayed[1]!).response!;
    expect(wire.status).toBe(304);
    expect(wire.headers).toContainEqual(['Access-Control-Allow-Origin', site.origin]);
    expect(replayed[1]!.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 304 });
  } finally {
    await django.stop();
  }
});
