// The demo's gallery: one endpoint per way CORS goes wrong, each with a fixed twin.
// Data only; demo/server.ts serves it. Each endpoint says how the page calls it and how the API
// answers, broken and fixed, and what Chromium does with each (checked by the extension's
// browser tests against the page itself, with and without the extension).

import type { IncomingMessage, ServerResponse } from 'node:http';

export type Variant = 'broken' | 'fixed';

/** What the page's `fetch()` does. `url` is built by the page from the variant. */
interface DemoFetch {
  method?: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  body?: string;
}

export interface DemoContext {
  /** The page's origin, `http://127.0.0.1:P`. */
  pageOrigin: string;
  /** The API's origin, `http://127.0.0.1:Q`. */
  apiOrigin: string;
  /** A third origin, cross-site (`http://localhost:R`), for redirects. */
  otherOrigin: string;
  /** An origin where nothing listens. */
  closedOrigin: string;
}

export interface DemoEndpoint {
  id: string;
  title: string;
  /** The stack the API pretends to be for this endpoint, shown in its headers. */
  stack?: 'express' | 'nginx' | 'flask' | 'django' | 'aspnet' | 'apache' | 'caddy';
  fetch: DemoFetch;
  /** Where the page sends the request; the API by default. */
  target?: (ctx: DemoContext, variant: Variant) => string;
  /** Answer one request (OPTIONS included) on the API or the other origin. */
  answer: (req: IncomingMessage, res: ServerResponse, ctx: DemoContext, variant: Variant, hop: string) => void;
  /** What the page sees: broken endpoints fail, fixed ones succeed. */
  expect: Record<Variant, 'allowed' | 'failed'>;
}

const STACK_HEADERS: Record<NonNullable<DemoEndpoint['stack']>, Record<string, string>> = {
  express: { 'X-Powered-By': 'Express' },
  nginx: { Server: 'nginx/1.25.3' },
  flask: { Server: 'Werkzeug/3.0.1 Python/3.12.1' },
  django: { Server: 'WSGIServer/0.2 CPython/3.12.1', 'X-Frame-Options': 'DENY' },
  aspnet: { Server: 'Kestrel', 'X-Powered-By': 'ASP.NET' },
  apache: { Server: 'Apache/2.4.58 (Debian)' },
  caddy: { Server: 'Caddy' },
};

/** Write a response with the endpoint's stack headers first, the way that server would. */
function send(res: ServerResponse, endpoint: Pick<DemoEndpoint, 'stack'>, status: number, headers: [string, string][], body = ''): void {
  const lines: [string, string][] = [...Object.entries(endpoint.stack ? STACK_HEADERS[endpoint.stack] : {}), ...headers];
  if (body !== '') lines.push(['Content-Type', 'application/json; charset=utf-8']);
  // Node's writeHead with an array keeps repeated names as separate header lines.
  res.writeHead(status, lines.flat());
  res.end(body);
}

const ok = (id: string): string => JSON.stringify({ ok: true, endpoint: id });

/** A simple GET whose only difference is the `Access-Control-Allow-Origin` it sends. */
function allowOriginCase(id: string, title: string, stack: DemoEndpoint['stack'], broken: (ctx: DemoContext) => string | null): DemoEndpoint {
  const endpoint: DemoEndpoint = {
    id,
    title,
    stack,
    fetch: {},
    answer(_req, res, ctx, variant) {
      const acao = variant === 'fixed' ? ctx.pageOrigin : broken(ctx);
      send(res, endpoint, 200, acao === null ? [] : [['Access-Control-Allow-Origin', acao], ['Vary', 'Origin']], ok(id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  };
  return endpoint;
}

/** A PUT with a preflight; `preflight` answers the OPTIONS of the broken variant. */
function preflightCase(
  id: string,
  title: string,
  stack: DemoEndpoint['stack'],
  fetch: DemoFetch,
  preflight: (req: IncomingMessage, res: ServerResponse, ctx: DemoContext, endpoint: DemoEndpoint) => void,
): DemoEndpoint {
  const endpoint: DemoEndpoint = {
    id,
    title,
    stack,
    fetch,
    answer(req, res, ctx, variant, hop) {
      if (req.method === 'OPTIONS') {
        if (variant === 'broken') return preflight(req, res, ctx, endpoint);
        const requested = req.headers['access-control-request-headers'];
        return send(res, endpoint, 204, [
          ['Access-Control-Allow-Origin', ctx.pageOrigin],
          ['Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE'],
          ...(requested ? [['Access-Control-Allow-Headers', String(requested)] as [string, string]] : []),
          ['Access-Control-Max-Age', '0'],
          ['Vary', 'Origin, Access-Control-Request-Headers'],
        ]);
      }
      if (hop === 'moved') return send(res, endpoint, 404, []);
      send(res, endpoint, 200, [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Vary', 'Origin']], ok(id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  };
  return endpoint;
}

export const GALLERY: DemoEndpoint[] = [
  allowOriginCase('missing-allow-origin', 'No Access-Control-Allow-Origin at all', 'express', () => null),
  allowOriginCase('wrong-origin', 'Allows another origin', 'nginx', () => 'https://app.example.com'),
  allowOriginCase('localhost-vs-loopback', 'Allows localhost, the page is on 127.0.0.1', 'express', (ctx) => ctx.pageOrigin.replace('127.0.0.1', 'localhost')),
  allowOriginCase('trailing-slash', 'Allowed origin with a trailing slash', 'flask', (ctx) => `${ctx.pageOrigin}/`),
  allowOriginCase('origin-list', 'Several origins in one header', 'apache', (ctx) => `${ctx.pageOrigin}, https://app.example.com`),
  {
    id: 'wildcard-with-credentials',
    title: '"*" on a request with credentials',
    stack: 'express',
    fetch: { credentials: 'include' },
    answer(_req, res, ctx, variant) {
      const headers: [string, string][] =
        variant === 'fixed'
          ? [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]
          : [['Access-Control-Allow-Origin', '*']];
      send(res, this, 200, headers, ok(this.id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
  {
    id: 'missing-allow-credentials',
    title: 'Credentials sent, Access-Control-Allow-Credentials missing',
    stack: 'django',
    fetch: { credentials: 'include' },
    answer(_req, res, ctx, variant) {
      const headers: [string, string][] = [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Vary', 'Origin']];
      if (variant === 'fixed') headers.push(['Access-Control-Allow-Credentials', 'true']);
      send(res, this, 200, headers, ok(this.id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
  preflightCase('preflight-404', 'The preflight gets 404: no OPTIONS route', 'nginx', { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } }, (_req, res, _ctx, endpoint) =>
    send(res, endpoint, 404, [], '{"error":"Not Found"}'),
  ),
  preflightCase('preflight-without-allow-origin', 'The preflight answers 204 but without CORS headers', 'express', { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } }, (_req, res, _ctx, endpoint) =>
    send(res, endpoint, 204, [['Allow', 'GET, HEAD, PUT']]),
  ),
  preflightCase('header-not-allowed', 'A request header the preflight does not allow', 'aspnet', { method: 'GET', headers: { 'X-Trace-Id': 'demo-1' } }, (_req, res, ctx, endpoint) =>
    send(res, endpoint, 204, [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Access-Control-Allow-Headers', 'Content-Type']]),
  ),
  preflightCase('method-not-allowed', 'A method the preflight does not allow', 'flask', { method: 'DELETE' }, (_req, res, ctx, endpoint) =>
    send(res, endpoint, 200, [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Access-Control-Allow-Methods', 'GET, POST']]),
  ),
  preflightCase('invalid-allow-methods', 'Access-Control-Allow-Methods that is not a list of methods', 'caddy', { method: 'PATCH', body: 'x' }, (_req, res, ctx, endpoint) =>
    send(res, endpoint, 204, [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Access-Control-Allow-Methods', 'GET;PATCH']]),
  ),
  preflightCase('preflight-redirect', 'The preflight is redirected', 'nginx', { method: 'PUT', body: 'x' }, (_req, res, ctx, endpoint) =>
    send(res, endpoint, 301, [['Location', `${ctx.apiOrigin}/broken/preflight-redirect/moved`], ['Access-Control-Allow-Origin', ctx.pageOrigin]]),
  ),
  {
    id: 'redirect-without-allow-origin',
    title: 'A redirect without Access-Control-Allow-Origin',
    stack: 'express',
    fetch: {},
    answer(_req, res, ctx, variant, hop) {
      if (hop === '') {
        const location: [string, string] = ['Location', `${ctx.apiOrigin}/${variant}/${this.id}/final`];
        return send(res, this, 302, variant === 'fixed' ? [location, ['Access-Control-Allow-Origin', ctx.pageOrigin]] : [location]);
      }
      send(res, this, 200, [['Access-Control-Allow-Origin', ctx.pageOrigin]], ok(this.id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
  {
    id: 'tainted-origin',
    title: 'Redirected to a third origin: the Origin becomes "null"',
    stack: 'express',
    fetch: {},
    answer(_req, res, ctx, variant, hop) {
      if (hop === '') {
        // The API sends the page on to another origin: after that the request's origin is
        // "tainted" and is serialized as `null`.
        return send(res, this, 302, [['Location', `${ctx.otherOrigin}/${variant}/${this.id}/final`], ['Access-Control-Allow-Origin', ctx.pageOrigin]]);
      }
      send(res, this, 200, [['Access-Control-Allow-Origin', variant === 'fixed' ? '*' : ctx.pageOrigin]], ok(this.id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
  {
    id: 'error-without-cors-headers',
    title: 'A 500 whose error handler forgets the CORS headers',
    stack: 'express',
    fetch: {},
    answer(_req, res, ctx, variant) {
      const headers: [string, string][] = variant === 'fixed' ? [['Access-Control-Allow-Origin', ctx.pageOrigin], ['Vary', 'Origin']] : [];
      send(res, this, 500, headers, '{"error":"Internal Server Error"}');
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
  {
    id: 'connection-refused',
    title: 'Nothing listens on that port (not a CORS error)',
    fetch: {},
    target: (ctx, variant) => (variant === 'broken' ? `${ctx.closedOrigin}/broken/connection-refused` : `${ctx.apiOrigin}/fixed/connection-refused`),
    answer(_req, res, ctx) {
      send(res, this, 200, [['Access-Control-Allow-Origin', ctx.pageOrigin]], ok(this.id));
    },
    expect: { broken: 'failed', fixed: 'allowed' },
  },
];

export function endpointById(id: string): DemoEndpoint | undefined {
  return GALLERY.find((endpoint) => endpoint.id === id);
}
