// Django with django-cors-headers. https://github.com/adamchainz/django-cors-headers#configuration

import { pythonString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { allowedOrigins, type NeededPolicy } from '../policy.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { pythonNullOriginAnyAnswer } from './flask.ts';

// corsheaders.defaults.default_headers: these need no listing.
const DEFAULT_HEADERS = new Set(['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with']);
// corsheaders.defaults.default_methods.
const DEFAULT_METHODS = new Set(['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

/**
 * Both kinds of request: django-cors-headers answers every allowed origin alike (with
 * credentials, even CORS_ALLOW_ALL_ORIGINS echoes the Origin, null), so a middleware outside
 * CorsMiddleware answers Origin: null. Defined here, in settings.py, so the lines apply as printed;
 * CorsMiddleware answers the preflight and adds Vary: Origin to every answer.
 */
function nullOriginAnyMiddleware(p: NeededPolicy): string[] {
  return [
    '# django-cors-headers cannot answer one origin * and another with itself, so this middleware,',
    '# outside CorsMiddleware, answers Origin: null (sent after a redirect from another origin, and by',
    '# any sandboxed page, on any site) with *, which the browser accepts only for a request without',
    '# credentials: any page can read what the server answers one without them. Never allow null',
    '# itself. (Or move it to a module of your own and name that in MIDDLEWARE.)',
    'def cors_null_origin_any(get_response):',
    '    def middleware(request):',
    '        response = get_response(request)',
    ...pythonNullOriginAnyAnswer(p, 'response[', '        '),
    '        return response',
    '',
    '    return middleware',
    '',
    '',
    'MIDDLEWARE = [f"{__name__}.cors_null_origin_any", *(m for m in MIDDLEWARE if m != f"{__name__}.cors_null_origin_any")]',
  ];
}

/** The private-network lines on every OPTIONS answer, from a middleware outside CorsMiddleware, in settings.py as the other one. */
function privateNetworkMiddleware(privateNetwork: readonly [string, string][]): string[] {
  if (privateNetwork.length === 0) return [];
  return [
    '',
    '',
    `# ${PRIVATE_NETWORK_COMMENT}`,
    'def cors_private_network(get_response):',
    '    def middleware(request):',
    '        response = get_response(request)',
    '        if request.method == "OPTIONS":',
    ...privateNetwork.map(([h, v]) => `            response[${pythonString(h)}] = ${pythonString(v)}`),
    '        return response',
    '',
    '    return middleware',
    '',
    '',
    'MIDDLEWARE = [f"{__name__}.cors_private_network", *(m for m in MIDDLEWARE if m != f"{__name__}.cors_private_network")]',
  ];
}

/**
 * A 304 without the CORS headers (`FixContext.notModified`): ConditionalGetMiddleware answers a
 * matching If-None-Match or If-Modified-Since with a new 304 that keeps only the validator headers
 * (django.utils.cache._not_modified: Cache-Control, Content-Location, Date, ETag, Expires,
 * Last-Modified, Vary), so what a CorsMiddleware below it added is gone; above it, CorsMiddleware
 * adds them to the 304 (test/fix-proof/django-not-modified.test.ts, on real Django and Chromium).
 */
const CONDITIONAL_GET_TRAP =
  "For the 304: Django's ConditionalGetMiddleware answers a matching If-None-Match or If-Modified-Since with a new 304 that keeps only the validator headers (ETag, Last-Modified, Cache-Control, Vary, ...), so a CorsMiddleware listed below it loses Access-Control-Allow-Origin on every 304. List CorsMiddleware above ConditionalGetMiddleware (the snippet puts it first).";

export function djangoFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const extraHeaders = p.headers.filter((h) => !DEFAULT_HEADERS.has(h.toLowerCase()));
  const extraMethods = p.methods.filter((m) => !DEFAULT_METHODS.has(m));
  const lines = [
    ...(note ? [`# ${note}`] : []),
    ...replacesSetupLines(ctx, 'django', '#', [
      "These settings replace the project's own CORS_* settings (its answers already carry CORS headers",
      'from django-cors-headers): also delete its CORS_ALLOW_ALL_ORIGINS and CORS_ALLOWED_ORIGIN_REGEXES,',
      'which would still let in origins beside this list.',
    ]),
    // Appended, not pasted over the project's lists: its own apps and middleware stay, and
    // running it twice changes nothing.
    '# pip install django-cors-headers; at the end of settings.py (your apps and middleware stay):',
    'if "corsheaders" not in INSTALLED_APPS:',
    '    INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]',
    ctx.notModified === true
      ? '# CorsMiddleware first: above ConditionalGetMiddleware, CommonMiddleware and anything else that can answer early.'
      : '# CorsMiddleware first: above CommonMiddleware and anything else that can answer early.',
    'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *(m for m in MIDDLEWARE if m != "corsheaders.middleware.CorsMiddleware")]',
    // django-cors-headers refuses "*" in CORS_ALLOWED_ORIGINS (system check corsheaders.E013).
    p.origin === '*' ? 'CORS_ALLOW_ALL_ORIGINS = True' : `CORS_ALLOWED_ORIGINS = [${allowedOrigins(p).map(pythonString).join(', ')}]`,
    ...(p.credentials ? ['CORS_ALLOW_CREDENTIALS = True'] : []),
    ...(extraHeaders.length > 0
      ? ['from corsheaders.defaults import default_headers', `CORS_ALLOW_HEADERS = (*default_headers, ${extraHeaders.map(pythonString).join(', ')})`]
      : []),
    // The server's own list when it is kept (it sent one the browser could not parse): exactly its
    // methods, as the other stacks list them, not django-cors-headers' six.
    ...(p.keptMethods !== undefined
      ? [`CORS_ALLOW_METHODS = [${p.keptMethods.map(pythonString).join(', ')}]`]
      : extraMethods.length > 0
        ? ['from corsheaders.defaults import default_methods', `CORS_ALLOW_METHODS = (*default_methods, ${extraMethods.map(pythonString).join(', ')})`]
        : []),
    ...(p.expose.length > 0 ? [`CORS_EXPOSE_HEADERS = [${p.expose.map(pythonString).join(', ')}]`] : []),
    // The server's own preflight max-age (django-cors-headers would send its default, 86400).
    ...(p.maxAge !== undefined ? [`CORS_PREFLIGHT_MAX_AGE = ${p.maxAge}`] : []),
    ...(p.nullOriginAny ? nullOriginAnyMiddleware(p) : []),
    ...privateNetworkMiddleware(privateNetworkHeaders(ctx)),
  ];
  const traps = [
    // The 304's own cause first: the general ordering words follow.
    ctx.notModified === true ? CONDITIONAL_GET_TRAP : null,
    'CorsMiddleware below CommonMiddleware (or below anything that returns early, like a redirect to add a slash) never gets to add the headers. Origins in CORS_ALLOWED_ORIGINS take no path and no trailing slash.',
    p.credentials ? 'A credentialed POST also needs the origin in CSRF_TRUSTED_ORIGINS, or Django answers 403 (a CSRF error, not CORS).' : null,
    privateNetworkWords(ctx, 'Django', true),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'django', title: 'Django: django-cors-headers settings', language: 'python', snippet: lines.join('\n'), trap: traps.join(' ') };
}
