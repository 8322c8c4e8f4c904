// What each layer's responses look like. One entry a layer: the headers it names itself in
// (`Server`, `X-Powered-By`, `Via`, a platform's own headers) and the shapes its CORS library
// emits by default (its `Allow-Methods` list, its `Max-Age`, its `Vary`, where its lines go and in
// which casing). The shapes come from the real header sets in test/fixtures/stack-headers/ (each
// fixture says whether it was recorded from the running software or read from its source).
// Only signals the software sends by default, or its documented fingerprint, are used.

import type { LayerEvidence, LayerName } from '../explanation.ts';
import { type HeaderView, isCorsName, lineMatching, valuesOf, writtenLower } from './header-view.ts';

export interface Fingerprint {
  /** One name; several when this shape fits each of them equally (the layer stays undecided). */
  names: LayerName[];
  role: 'platform' | 'front' | 'app';
  /** The lines that show the layer, empty when it is not recognised. */
  recognise: (v: HeaderView) => LayerEvidence[];
  /**
   * Where the library's own run of CORS lines starts, when its position is known (Node apps write
   * the headers their middleware set first, in the order set). Null when unknown.
   */
  runStart?: (v: HeaderView) => number | null;
  /** Names the app writes last, when it sends the body: a CORS line after one of them is not the app's. */
  lastNames?: readonly string[];
  /** CORS header values this library sends by default, lower-case name to value. */
  defaults?: Readonly<Record<string, RegExp>>;
  /** A more specific reading of this decided layer: it replaces that layer rather than being dropped. */
  refines?: LayerName;
}

const ev = (header: string, value: string, says: string): LayerEvidence => ({ header, value, says });

/** Evidence from one header whose value matches. */
function named(header: string, re: RegExp, says: string): (v: HeaderView) => LayerEvidence[] {
  const lower = header.toLowerCase();
  return (v) => {
    if (!v.has.has(lower)) return [];
    const hit = lineMatching(v, lower, re);
    return hit ? [ev(v.lines[hit[0]]![0], hit[1], says)] : [];
  };
}

/** Evidence from any of several recognisers (all their lines). */
const anyOf = (...rs: ((v: HeaderView) => LayerEvidence[])[]) => (v: HeaderView): LayerEvidence[] => rs.flatMap((r) => r(v));

/** Evidence from a CORS default value of the library. */
function defaultValue(header: string, re: RegExp, says: string): (v: HeaderView) => LayerEvidence[] {
  return named(header, re, says);
}

/** Whether `name`'s lines (lower-case names) appear in `v` in this exact order at `at`. */
function linesAt(v: HeaderView, at: number, names: readonly string[]): boolean {
  return names.every((n, i) => v.names[at + i] === n);
}

/** The index of the first line with a lower-case-written CORS name in an otherwise Title-Case response. */
function firstLowerCors(v: HeaderView): number | null {
  if (!v.mixedCase) return null;
  for (let i = 0; i < v.names.length; i++) if (isCorsName(v.names[i]!) && writtenLower(v.lines[i]![0])) return i;
  return null;
}

/** Whether the response's CORS lines come first, lower case, sorted by name (a `Headers` object). */
function sortedLowerCorsFirst(v: HeaderView): boolean {
  const start = firstLowerCors(v);
  if (start !== 0) return false;
  let end = 0;
  while (end < v.names.length && isCorsName(v.names[end]!)) end++;
  if (end < 2) return false;
  for (let i = 1; i < end; i++) if (v.names[i - 1]! > v.names[i]!) return false;
  return true;
}

// net/http writes these itself, after the handler's lines.
const GO_OWN = new Set(['date', 'content-length', 'content-type', 'connection', 'transfer-encoding', 'keep-alive']);

/** Whether the handler's lines are in name order, as Go's net/http writes them (its own lines aside). */
function sortedByName(v: HeaderView): boolean {
  const names = v.names.filter((n) => !GO_OWN.has(n));
  if (new Set(names).size < 3) return false;
  for (let i = 1; i < names.length; i++) if (names[i - 1]! > names[i]!) return false;
  return true;
}

const VARY_TRIPLE = ['origin', 'access-control-request-method', 'access-control-request-headers'];
const varyItems = (v: HeaderView): string[] => valuesOf(v, 'vary').flatMap((x) => x.split(',')).map((x) => x.trim().toLowerCase()).filter((x) => x !== '');

const EXPRESS_CORS_METHODS = /^GET,HEAD,PUT,PATCH,POST,DELETE$/;
const KOA_METHODS = /^GET,HEAD,PUT,POST,DELETE,PATCH$/;
// Hono's cors() default; 4.13 added QUERY.
const HONO_METHODS = /^GET,HEAD,PUT,POST,DELETE,PATCH(,QUERY)?$/;

/** Node's Keep-Alive answer under Fastify's default keepAliveTimeout (72 000 ms). */
const FASTIFY_KEEP_ALIVE = /^timeout=72(,|$)/;
const FASTIFY_DEFAULT_METHODS = defaultValue('access-control-allow-methods', /^GET,HEAD,POST$/, "@fastify/cors's default methods (and no Spring Vary)");
const KOA_DEFAULT_METHODS = defaultValue('access-control-allow-methods', KOA_METHODS, "@koa/cors's default Allow-Methods list");
const S3_SERVER = named('server', /^AmazonS3\b/i, 'S3 names itself');
const SPRING_CONTEXT = named('x-application-context', /./, 'Spring Boot 1 names the application');
const ANY_VIA = named('via', /./, 'a proxy says it forwarded the response');
const NEXTJS = anyOf(
  named('x-powered-by', /^Next\.js\b/i, 'Next.js names itself (X-Powered-By, on by default)'),
  // X-Powered-By goes on HTML pages only: a route handler's answers, its automatic OPTIONS one
  // included, carry the App Router's own Vary instead.
  (v) => (varyItems(v).includes('next-router-state-tree') ? [ev('Vary', valuesOf(v, 'vary').join(', '), "the App Router's Vary (rsc, next-router-state-tree), on every route's answer")] : []),
);
const ASPNET_SIGNS = anyOf(named('x-powered-by', /^ASP\.NET/i, 'ASP.NET names itself'), named('server', /^(Kestrel|Microsoft-IIS)\b/i, 'Kestrel or IIS names itself'));
const KESTREL = /^Kestrel\b/i;
const FRAMEWORK_VERSION = anyOf(
  named('x-aspnet-version', /./, '.NET Framework (System.Web) names its version; ASP.NET Core never sends X-AspNet-Version'),
  named('x-aspnetmvc-version', /./, 'ASP.NET MVC 5 on .NET Framework names its version'),
);
const IIS_NOT_CORE = anyOf(
  // Kestrel is ASP.NET Core's own server: when it answered (Server: Kestrel), no IIS is there, and
  // an X-AspNet-Version beside it is the app's own line, not System.Web's.
  (v) => (lineMatching(v, 'server', KESTREL) ? [] : FRAMEWORK_VERSION(v)),
  (v) => {
    const iis = lineMatching(v, 'server', /^Microsoft-IIS\b/i);
    const php = lineMatching(v, 'x-powered-by', /^PHP\b/i);
    return iis && php ? [ev('Server', iis[1], 'IIS answered'), ev('X-Powered-By', php[1], 'running PHP')] : [];
  },
);
/**
 * IIS in front of a Node app that names itself (iisnode, or ARR as a reverse proxy): Next.js or
 * Express is the app, and IIS's `X-Powered-By: ASP.NET` (its default custom header) names no app.
 */
const IIS_IN_FRONT = (v: HeaderView): LayerEvidence[] => {
  const iis = lineMatching(v, 'server', /^Microsoft-IIS\b/i);
  const node = lineMatching(v, 'x-powered-by', /^(Next\.js|Express)\b/i);
  return iis && node ? [ev('Server', iis[1], `IIS answered, in front of ${node[1]} (iisnode or ARR)`)] : [];
};

const CORS_SHAPE = ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'vary'];

/**
 * The names without which a fingerprint cannot match (any one of them must be present): checked
 * first, so most fingerprints cost one set lookup per response.
 */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  cloudflare: ['cf-ray', 'server'],
  vercel: ['x-vercel-id', 'x-vercel-cache', 'server'],
  netlify: ['x-nf-request-id', 'server'],
  cloudfront: ['x-amz-cf-id', 'via'],
  fastly: ['x-served-by'],
  heroku: ['via'],
  'aws-api-gateway': ['x-amz-apigw-id', 'x-amzn-requestid', 'apigw-requestid'],
  varnish: ['x-varnish', 'via'],
  nginx: ['server'],
  apache: ['server'],
  caddy: ['server'],
  proxy: ['via'],
  'aws-s3': ['server', 'x-amz-id-2'],
  nestjs: ['x-powered-by'],
  nextjs: ['x-powered-by', 'vary'],
  express: ['x-powered-by', 'access-control-allow-methods'],
  fastify: ['x-powered-by', 'server', ...CORS_SHAPE],
  hono: CORS_SHAPE,
  koa: CORS_SHAPE,
  spring: ['x-application-context', 'vary'],
  'go-rs-cors': ['vary'],
  'go-jub0bs-cors': ['vary'],
  iis: ['x-aspnet-version', 'x-aspnetmvc-version', 'x-powered-by'],
  aspnet: ['x-powered-by', 'server', 'x-aspnet-version', 'x-aspnetmvc-version'],
  django: ['server', 'access-control-allow-methods', 'access-control-allow-headers', 'x-frame-options'],
  flask: ['server', 'access-control-allow-methods'],
  rails: ['x-runtime', 'x-permitted-cross-domain-policies'],
  laravel: ['set-cookie', 'x-powered-by'],
};

/**
 * Whether an app fingerprint not naming `name` recognises the response (X-Powered-By: Express,
 * Fastify's Keep-Alive, Koa's shapes...): a weak sign of `name` then names nothing. Reads
 * FINGERPRINTS when called, once it is defined.
 */
function anotherAppShows(v: HeaderView, name: LayerName): boolean {
  return FINGERPRINTS.some((fp) => fp.role === 'app' && !fp.names.includes(name) && mayMatch(fp, v.has) && fp.recognise(v).length > 0);
}

/** Whether the response has any name the fingerprint needs (true when it declares none). */
export function mayMatch(fp: Fingerprint, has: HeaderView['has']): boolean {
  const needs = NEEDS[fp.names[0]!];
  return needs === undefined || needs.some((n) => has.has(n));
}

export const FINGERPRINTS: readonly Fingerprint[] = [
  // --- Platforms: the edge, outermost. ---
  { names: ['cloudflare'], role: 'platform', recognise: anyOf(named('cf-ray', /./, 'Cloudflare adds cf-ray to every response it serves'), named('server', /^cloudflare$/i, 'Cloudflare names itself')) },
  { names: ['vercel'], role: 'platform', recognise: anyOf(named('x-vercel-id', /./, "Vercel's request id"), named('x-vercel-cache', /./, "Vercel's cache status"), named('server', /^Vercel$/i, 'Vercel names itself')) },
  { names: ['netlify'], role: 'platform', recognise: anyOf(named('x-nf-request-id', /./, "Netlify's request id"), named('server', /^Netlify$/i, 'Netlify names itself')) },
  { names: ['cloudfront'], role: 'platform', recognise: anyOf(named('x-amz-cf-id', /./, "CloudFront's request id"), named('via', /\(CloudFront\)/i, 'CloudFront names itself in Via')) },
  { names: ['fastly'], role: 'platform', recognise: named('x-served-by', /^cache-/i, "Fastly's cache node names (x-served-by: cache-...)") },
  { names: ['heroku'], role: 'platform', recognise: named('via', /\bvegur\b/i, "Heroku's router (vegur) in Via") },
  // API Gateway adds its request id (REST and HTTP APIs) and, for REST, x-amz-apigw-id.
  { names: ['aws-api-gateway'], role: 'platform', recognise: anyOf(named('x-amz-apigw-id', /./, "API Gateway's id"), named('x-amzn-requestid', /./, "API Gateway's request id (a Lambda function URL sends it too)"), named('apigw-requestid', /./, "API Gateway's (HTTP API) request id")) },

  // --- Front servers and proxies. ---
  { names: ['varnish'], role: 'front', recognise: anyOf(named('x-varnish', /./, "Varnish's transaction ids"), named('via', /\bvarnish\b/i, 'Varnish names itself in Via')) },
  // Proxies named in Via sit in front of the server that wrote Server (they pass it through).
  {
    // Any other proxy that says it forwarded the response (RFC 9110 section 7.6.3).
    names: ['proxy'],
    role: 'front',
    recognise: (v) => ANY_VIA(v).filter((e) => !/\b(varnish|vegur|CloudFront)\b/i.test(e.value)),
  },
  { names: ['nginx'], role: 'front', recognise: named('server', /^(nginx|openresty)\b/i, 'nginx names itself') },
  { names: ['apache'], role: 'front', recognise: named('server', /^Apache\b/i, 'Apache names itself') },
  { names: ['caddy'], role: 'front', recognise: named('server', /^Caddy\b/i, 'Caddy names itself') },
  // IIS only passing a Node app's answer on: the app is the layer to fix, IIS is in front.
  { names: ['iis'], role: 'front', recognise: IIS_IN_FRONT },

  // --- Apps and their CORS libraries, innermost. ---
  { names: ['aws-s3'], role: 'app', recognise: (v) => S3_SERVER(v).concat(v.has.has('x-amz-request-id') && v.has.has('x-amz-id-2') ? [ev('x-amz-id-2', valuesOf(v, 'x-amz-id-2')[0]!, "S3's two request ids together")] : []) },
  {
    // NestJS runs on Express and uses the same cors package: only its JSON error body (Express's
    // own 404 is HTML) hints at it, and an Express app with a JSON error handler looks the same.
    names: ['nestjs', 'express'],
    role: 'app',
    refines: 'express',
    recognise: (v) => {
      const express = lineMatching(v, 'x-powered-by', /^Express\b/i);
      const json = lineMatching(v, 'content-type', /^application\/json/i);
      if (!express || !json || v.status === null || v.status < 400) return [];
      return [ev('X-Powered-By', express[1], 'Express answered'), ev('Content-Type', json[1], `with a JSON ${v.status}: NestJS's exception filter does, and so may an Express error handler`)];
    },
  },
  // Next.js sends X-Powered-By: Next.js by default (poweredByHeader); it writes its lines in lower
  // case as Fastify and Hono do, so its name settles who they are.
  { names: ['nextjs'], role: 'app', recognise: NEXTJS },
  {
    names: ['express'],
    role: 'app',
    recognise: anyOf(named('x-powered-by', /^Express\b/i, 'Express names itself (X-Powered-By, on by default)'), defaultValue('access-control-allow-methods', EXPRESS_CORS_METHODS, "the cors package's default Allow-Methods list")),
    // `app.use(cors())` first: its lines come right after X-Powered-By, which Express sets first.
    runStart: (v) => {
      const hit = lineMatching(v, 'x-powered-by', /^Express\b/i);
      return hit ? hit[0] + 1 : null;
    },
    lastNames: ['etag', 'x-content-type-options'],
    defaults: { 'access-control-allow-methods': EXPRESS_CORS_METHODS },
  },
  {
    names: ['fastify'],
    role: 'app',
    recognise: anyOf(
      named('x-powered-by', /fastify/i, 'Fastify named explicitly'),
      named('server', /fastify/i, 'Fastify named explicitly'),
      (v) => (firstLowerCors(v) === 0 && linesAt(v, 0, ['access-control-allow-origin', 'access-control-allow-methods']) && lineMatching(v, 'access-control-allow-methods', /^GET,HEAD,POST$/)
        ? [ev(v.lines[1]![0], v.lines[1]![1], "@fastify/cors's default methods, written in lower case first (Fastify lower-cases the names it sets)")]
        : []),
      // The same default behind a proxy that rewrites the casing (Caddy): Spring's default list is
      // the same, but Spring always varies on all three request headers.
      (v) => (VARY_TRIPLE.every((x) => varyItems(v).includes(x)) ? [] : FASTIFY_DEFAULT_METHODS(v)),
      // Whatever its CORS options: its CORS lines in lower case beside Node's Title-Case ones (in
      // any order: a HAR may list the lines sorted), and Node's Keep-Alive with Fastify's own
      // keepAliveTimeout, 72 s (Node's default, which Hono on Node keeps, is 5 s). Both are needed:
      // a proxy in front drops Keep-Alive, and another Node app that chose 72 s writes Title-Case.
      (v) => {
        if (firstLowerCors(v) === null) return [];
        const keepAlive = lineMatching(v, 'keep-alive', FASTIFY_KEEP_ALIVE);
        return keepAlive ? [ev(v.lines[keepAlive[0]]![0], keepAlive[1], "Fastify's default keepAliveTimeout (72 s; Node's is 5 s), beside its lower-case CORS lines")] : [];
      },
    ),
    runStart: (v) => (firstLowerCors(v) === 0 ? 0 : null),
    defaults: { 'access-control-allow-methods': /^GET,HEAD,POST$/ },
  },
  {
    names: ['hono'],
    role: 'app',
    recognise: anyOf(
      (v) => (sortedLowerCorsFirst(v) && lineMatching(v, 'access-control-allow-methods', HONO_METHODS)
        ? [ev('access-control-allow-methods', valuesOf(v, 'access-control-allow-methods')[0]!, "Hono's cors() default methods, its lines lower case and sorted (a Headers object)")]
        : []),
      // In any order (DevTools' HAR lists a response's lines sorted by name, Title-Case ones
      // first): the default list written in lower case beside Node's Title-Case lines. @koa/cors's
      // default is the same list without QUERY, but Koa writes the name Title-Case. A weak sign (an
      // Express or Fastify app can set the same list by hand): it gives way to any other app's.
      (v) => {
        if (!v.mixedCase || sortedLowerCorsFirst(v) || anotherAppShows(v, 'hono')) return [];
        const hit = lineMatching(v, 'access-control-allow-methods', HONO_METHODS);
        return hit && writtenLower(v.lines[hit[0]]![0]) ? [ev('access-control-allow-methods', hit[1], "Hono's cors() default methods, the name in lower case beside Node's Title-Case lines")] : [];
      },
    ),
    runStart: (v) => (firstLowerCors(v) === 0 ? 0 : null),
    defaults: { 'access-control-allow-methods': HONO_METHODS },
  },
  {
    // Only the lower-case names of a Title-Case response: Fastify and Hono (on Node) both write so
    // (and Next.js, which names itself).
    names: ['fastify', 'hono'],
    role: 'app',
    recognise: (v) => {
      if (NEXTJS(v).length > 0) return [];
      const i = firstLowerCors(v);
      return i === 0 ? [ev(v.lines[0]![0], v.lines[0]![1], 'written in lower case before Node\'s own Title-Case lines, as Fastify and Hono both do')] : [];
    },
    runStart: (v) => (firstLowerCors(v) === 0 ? 0 : null),
  },
  {
    names: ['koa'],
    role: 'app',
    recognise: anyOf(
      (v) => (!writtenLower(v.lines[0]?.[0] ?? 'x') && linesAt(v, 0, ['vary', 'access-control-allow-origin']) && /^Origin$/i.test(v.lines[0]![1])
        ? [ev(v.lines[0]![0], v.lines[0]![1], "@koa/cors sets Vary: Origin first, then Access-Control-Allow-Origin")]
        : []),
      (v) => (linesAt(v, 0, ['access-control-allow-origin', 'vary']) && v.lines[1]![0] === 'vary' && !writtenLower(v.lines[0]![0])
        ? [ev('vary', v.lines[1]![1], "Koa's error response: the kept CORS headers, then its own lower-case vary")]
        : []),
      (v) => (!v.mixedCase || !writtenLower(v.lines.find((l) => /^access-control-allow-methods$/i.test(l[0]))?.[0] ?? 'x')
        ? KOA_DEFAULT_METHODS(v).filter((e) => /[A-Z]/.test(e.header))
        : []),
    ),
    runStart: (v) => (linesAt(v, 0, ['vary', 'access-control-allow-origin']) || linesAt(v, 0, ['access-control-allow-origin', 'vary']) ? 0 : null),
    defaults: { 'access-control-allow-methods': KOA_METHODS },
  },
  {
    // Spring Boot 1.x sends X-Application-Context; Spring's CORS processing adds these three Vary
    // values together (DefaultCorsProcessor). rs/cors (Go) adds the same three: Go writes every
    // line sorted by name and rs/cors answers with the one requested method.
    names: ['spring'],
    role: 'app',
    recognise: (v) => {
      const context = SPRING_CONTEXT(v);
      if (context.length > 0) return context;
      const vary = varyItems(v);
      if (!VARY_TRIPLE.every((x) => vary.includes(x)) || sortedByName(v)) return [];
      return [ev('Vary', valuesOf(v, 'vary').join(', '), "Spring's CORS processor varies on all three (Origin and both request headers)")];
    },
  },
  {
    names: ['go-rs-cors'],
    role: 'app',
    recognise: (v) => {
      const vary = varyItems(v);
      if (!VARY_TRIPLE.every((x) => vary.includes(x)) || vary[0] !== 'origin' || !sortedByName(v)) return [];
      const methods = lineMatching(v, 'access-control-allow-methods', /^[A-Z]+$/);
      return methods ? [ev('Vary', valuesOf(v, 'vary').join(', '), 'rs/cors varies on Origin and both request headers'), ev('Access-Control-Allow-Methods', methods[1], 'rs/cors answers with the one method requested; Go writes the lines sorted')] : [];
    },
  },
  {
    // A preflight's single Vary line in name order, private network included (jub0bs/cors).
    names: ['go-jub0bs-cors'],
    role: 'app',
    recognise: named('vary', /^Access-Control-Request-Headers, Access-Control-Request-Method(, Access-Control-Request-Private-Network)?, Origin$/i, "jub0bs/cors's preflight Vary, its four names in order"),
  },
  // IIS running what ASP.NET Core's middleware cannot configure: .NET Framework (System.Web sends
  // X-AspNet-Version and MVC 5 X-AspNetMvc-Version; ASP.NET Core sends neither) or PHP.
  { names: ['iis'], role: 'app', recognise: IIS_NOT_CORE },
  {
    names: ['aspnet'],
    role: 'app',
    recognise: (v) => (IIS_NOT_CORE(v).length > 0 || IIS_IN_FRONT(v).length > 0 ? [] : ASPNET_SIGNS(v)),
  },
  {
    names: ['django'],
    role: 'app',
    recognise: anyOf(
      // `manage.py runserver` is wsgiref's WSGIServer.
      named('server', /^WSGIServer\//i, "Django's runserver (wsgiref) names itself"),
      defaultValue('access-control-allow-methods', /^DELETE, GET, OPTIONS, PATCH, POST, PUT$/, "django-cors-headers' default methods"),
      defaultValue('access-control-allow-headers', /^accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with$/i, "django-cors-headers' default headers"),
      // Django's default security middleware set, all four together (Django 4 and later). Helmet (Express)
      // sends SAMEORIGIN / no-referrer instead, so the set does not match it.
      (v) => (lineMatching(v, 'x-frame-options', /^DENY$/i) && lineMatching(v, 'referrer-policy', /^same-origin$/i) && lineMatching(v, 'cross-origin-opener-policy', /^same-origin$/i) && lineMatching(v, 'x-content-type-options', /^nosniff$/i)
        ? [ev('X-Frame-Options', 'DENY', "Django's default security headers, all four together")]
        : []),
    ),
    defaults: { 'access-control-allow-methods': /^DELETE, GET, OPTIONS, PATCH, POST, PUT$/, 'access-control-max-age': /^86400$/ },
  },
  {
    names: ['flask'],
    role: 'app',
    recognise: anyOf(named('server', /^Werkzeug\//i, "Flask's development server (Werkzeug) names itself"), defaultValue('access-control-allow-methods', /^DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT$/, "Flask-CORS's default methods")),
    defaults: { 'access-control-allow-methods': /^DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT$/ },
  },
  {
    // Rails sends X-Runtime (Rack::Runtime) and X-Request-Id by default; rack-cors's preflight
    // Max-Age defaults to 7200.
    names: ['rails'],
    role: 'app',
    recognise: anyOf(named('x-runtime', /^\d+(\.\d+)?$/, 'Rails (Rack::Runtime) adds X-Runtime'), named('x-permitted-cross-domain-policies', /^none$/i, "Rails' default security headers")),
    defaults: { 'access-control-max-age': /^7200$/ },
  },
  {
    // Laravel's session cookie; its CSRF cookie or its API rate limit headers beside PHP. An
    // XSRF-TOKEN cookie alone is no sign: Spring Security's CookieCsrfTokenRepository and Angular
    // back ends set the same name.
    names: ['laravel'],
    role: 'app',
    recognise: (v) => {
      const session = lineMatching(v, 'set-cookie', /^laravel_session=/);
      if (session) return [ev('Set-Cookie', 'laravel_session', "Laravel's session cookie")];
      const php = lineMatching(v, 'x-powered-by', /^PHP\//i);
      const csrf = lineMatching(v, 'set-cookie', /^XSRF-TOKEN=/);
      if (php && csrf) return [ev('X-Powered-By', php[1], 'PHP'), ev('Set-Cookie', 'XSRF-TOKEN', "with Laravel's CSRF cookie")];
      const limit = lineMatching(v, 'x-ratelimit-limit', /^\d+$/);
      return php && limit ? [ev('X-Powered-By', php[1], 'PHP'), ev('X-RateLimit-Limit', limit[1], "with Laravel's API throttle headers")] : [];
    },
  },
];
