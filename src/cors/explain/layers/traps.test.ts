// Each ordering trap on an exchange the engine itself diagnosed (no hand-made Diagnosis): the
// trap kind is recognised, and its words are the detected stack's own fix.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../diagnose.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { fixTrapBesideTraps, trapsBesideExplanation } from './traps.ts';
import { API, PAGE } from '../test-diagnosis.ts';

const PREFLIGHT_REQUEST: HeaderList = [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-trace']];

function exchange(method: string, hops: ObservedHop[], origin = PAGE): ObservedExchange {
  return {
    request: { method, headers: [['Origin', origin], ...(method === 'PUT' ? [['Content-Type', 'application/json'], ['X-Trace', '1']] as const : [])], initiatorOrigin: origin },
    hops,
  };
}

const preflighted = (status: number, headers: HeaderList, response: ObservedHop['response'] = null): ObservedExchange =>
  exchange('PUT', [{ url: `${API}/items`, preflight: { url: `${API}/items`, requestHeaders: PREFLIGHT_REQUEST, response: { status, headers } }, response }]);

/** A response recorded from the real server (test/fixtures/stack-headers). */
function recorded(file: string, name: string): { status: number; headers: HeaderList } {
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../test/fixtures/stack-headers', file), 'utf8')) as { responses?: { name: string; status: number; headers: HeaderList }[] } & Record<string, { status: number; headers: HeaderList }>;
  const r = fixture.responses?.find((x) => x.name === name) ?? fixture[name]!;
  return { status: r.status, headers: r.headers };
}

function explained(x: ObservedExchange) {
  const d = diagnose(x);
  return { diagnosis: d, explanation: explain(d, x) };
}

const EXPRESS_401: HeaderList = [['X-Powered-By', 'Express'], ['Content-Type', 'text/plain; charset=utf-8'], ['WWW-Authenticate', 'Bearer']];
const EXPRESS_404: HeaderList = [['X-Powered-By', 'Express'], ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'], ['Content-Type', 'text/html; charset=utf-8']];

describe('ordering traps, diagnosed by the engine', () => {
  it('an auth layer answering the preflight 401: Express, cors() above the auth middleware', () => {
    const { diagnosis, explanation } = explained(preflighted(401, EXPRESS_401));
    expect(diagnosis.verdict).toBe('blocked');
    expect(explanation.traps).toEqual([expect.objectContaining({ kind: 'auth-before-preflight', seen: '401', stack: 'express' })]);
    expect(explanation.traps![0]!.text).toContain('above the auth middleware');
    // The Express fix carries its own words for the trap.
    expect(explanation.fixes[0]).toMatchObject({ target: 'express' });
    expect(explanation.fixes[0]!.trap).toContain('above the auth middleware');
  });

  it('the same 403 from Spring Security: http.cors()', () => {
    const { explanation } = explained(preflighted(403, [['X-Application-Context', 'application:8080']]));
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'auth-before-preflight', stack: 'spring' });
    expect(explanation.traps![0]!.text).toContain('http.cors(');
  });

  it('a route-level CORS setup that never answers OPTIONS (404): app.use(cors()) or app.options', () => {
    const { explanation } = explained(preflighted(404, EXPRESS_404));
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'options-not-routed', seen: '404', stack: 'express' });
    expect(explanation.traps![0]!.text).toContain("app.options('/{*splat}'");
  });

  // Recorded in Chromium (test/fix-proof/refused-preflight.test.ts): Fastify's 404 to OPTIONS carried
  // the Allow-Origin an onRequest hook set. Words true of it and of a bare 404: headers alone leave a 404.
  it('a 404 to OPTIONS with Access-Control-Allow-Origin: headers on every answer leave it a 404', () => {
    const { diagnosis, explanation } = explained(preflighted(404, [['Access-Control-Allow-Origin', PAGE]]));
    expect(diagnosis.corsError).toBe('PreflightInvalidStatus');
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'options-not-routed', seen: '404' });
    expect(explanation.traps![0]!.text).toContain('CORS headers added to every answer leave it a 404: the OPTIONS request must get a 2xx');
    expect(explanation.traps![0]!.text).not.toContain('never sees the preflight');
  });

  it('405 from a Go mux with method patterns: wrap the whole mux', () => {
    const go = recorded('go-rs-cors.json', 'preflight');
    // The recorded rs/cors lines, but the route answered 405 without them.
    const { explanation } = explained(preflighted(405, go.headers.filter(([n]) => !/^access-control-/i.test(n))));
    expect(explanation.traps?.[0]?.kind).toBe('options-not-routed');
  });

  it('an nginx 404 without the CORS headers (add_header without always), recorded by Chromium', () => {
    const r = recorded('chromium/nginx-add-header-without-always-404.json', 'response');
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/missing`, response: r }]));
    expect(diagnosis.errorResponse?.status).toBe(404);
    expect(explanation.traps).toEqual([expect.objectContaining({ kind: 'error-without-cors', seen: '404', stack: 'nginx' })]);
    expect(explanation.traps![0]!.text).toContain('"always"');
    expect(explanation.fixes[0]!.target).toBe('nginx');
  });

  it('a Koa 500 without the headers, Koa recognised from its preflight: keepHeadersOnError', () => {
    const pre = recorded('koa-cors.json', 'preflight');
    const { explanation } = explained(preflighted(pre.status, pre.headers, { status: 500, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '21']] }));
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'error-without-cors', seen: '500', stack: 'koa' });
    expect(explanation.traps![0]!.text).toContain('keepHeadersOnError');
  });

  it('an Express error handler before cors(): the 500 from Express, no headers', () => {
    const { explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 500, headers: EXPRESS_404 } }]));
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'error-without-cors', stack: 'express' });
    expect(explanation.traps![0]!.text).toContain('move cors() first');
  });

  it('a trailing-slash redirect on the preflight (Django APPEND_SLASH)', () => {
    const x = exchange('PUT', [{ url: `${API}/items`, preflight: { url: `${API}/items`, requestHeaders: PREFLIGHT_REQUEST, response: { status: 301, headers: [['Server', 'WSGIServer/0.2 CPython/3.11.2'], ['Location', '/items/']] } }, response: null }]);
    const { diagnosis, explanation } = explained(x);
    expect(diagnosis.corsError).toBe('PreflightDisallowedRedirect');
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'preflight-redirect-slash', seen: '/items/', stack: 'django' });
    expect(explanation.traps![0]!.text).toContain('APPEND_SLASH');
  });

  it('an http to https redirect on the preflight (nginx)', () => {
    const url = 'http://api.example/items';
    const x = exchange('PUT', [{ url, preflight: { url, requestHeaders: PREFLIGHT_REQUEST, response: { status: 301, headers: [['Server', 'nginx/1.22.1'], ['Location', 'https://api.example/items']] } }, response: null }]);
    const { explanation } = explained(x);
    expect(explanation.traps?.[0]).toMatchObject({ kind: 'preflight-redirect-https', stack: 'nginx' });
  });

  it("an origin configured with a trailing slash, seen as Allow-Origin 'http://127.0.0.1:5173/'", () => {
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', `${PAGE}/`], ['Vary', 'Origin']] } }]));
    expect(diagnosis.corsError).toBe('AllowOriginMismatch');
    expect(explanation.traps).toEqual([expect.objectContaining({ kind: 'origin-with-path', seen: `${PAGE}/`, stack: 'express' })]);
  });

  it('the same, on the response Chromium recorded from Express with origin: \'…/\' (blocked there too)', () => {
    const r = recorded('chromium/express-origin-with-trailing-slash.json', 'response');
    const allowed = r.headers.find(([n]) => n === 'Access-Control-Allow-Origin')![1];
    const page = allowed.slice(0, -1);
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/api/items`, response: r }], page));
    expect(diagnosis.corsError).toBe('AllowOriginMismatch');
    expect(explanation.traps).toEqual([expect.objectContaining({ kind: 'origin-with-path', seen: allowed, stack: 'express' })]);
    expect(explanation.fixes[0]!.trap).toContain("'https://app.example', not 'https://app.example/'");
  });

  it('an origin with a path is a trap; a different origin is not', () => {
    const { explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'http://other.example']] } }]));
    expect(explanation.traps).toEqual([]);
  });

  it('a dev proxy that kept its Host: the page\'s own origin answered 404 by the server behind it', () => {
    const page = 'http://localhost:5173';
    const x = exchange('GET', [{ url: `${page}/api/items`, response: { status: 404, headers: [['Server', 'nginx/1.22.1'], ['Content-Type', 'text/html']] } }], page);
    const { diagnosis, explanation } = explained(x);
    expect(diagnosis.verdict).toBe('not-cors');
    expect(explanation.traps).toEqual([expect.objectContaining({ kind: 'dev-proxy-host', stack: null })]);
    expect(explanation.traps![0]!.text).toContain('changeOrigin: true');
  });

  it('undecided layers: the trap is worded for each (Caddy or Express, recorded by Chromium)', () => {
    const r = recorded('chromium/caddy-express-wildcard-origin-with-credentials.json', 'preflight');
    const { explanation } = explained(preflighted(401, r.headers));
    expect(explanation.stack?.primary).toBeNull();
    expect(new Set(explanation.traps!.map((t) => t.stack))).toEqual(new Set(['caddy', 'express']));
    expect(explanation.fixes.slice(0, 2).map((f) => f.target).sort()).toEqual(['caddy', 'express']);
  });
});

describe('an error status beside a CORS failure', () => {
  it('an error answer that carries a wrong Access-Control-Allow-Origin was not sent around the CORS layer: no error-without-cors trap', () => {
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 500, headers: [...EXPRESS_404, ['Access-Control-Allow-Origin', 'https://other.example']] } }]));
    expect(diagnosis.corsError).toBe('AllowOriginMismatch');
    expect(explanation.traps!.map((t) => t.kind)).not.toContain('error-without-cors');
  });
});

describe('two layers sending Access-Control-Allow-Origin', () => {
  it('nginx and Express, recorded by Chromium: each named, with how each stops', () => {
    const r = recorded('chromium/nginx-express-both-add-allow-origin.json', 'response');
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: r }]));
    expect(diagnosis.corsError).toBe('MultipleAllowOriginValues');
    const trap = explanation.traps!.find((t) => t.kind === 'two-layers-allow-origin');
    expect(trap).toMatchObject({ seen: 'express and nginx', stack: 'express' });
    expect(trap!.text).toContain('proxy_hide_header');
    expect(trap!.text).toContain('remove app.use(cors())');
    expect(explanation.stack?.headers.filter((h) => h.duplicate).map((h) => h.setBy)).toEqual([['express'], ['nginx']]);
  });

  it("nginx and Express: nginx's fix comes first (it hides the app's copy), and each fix's words say how the OTHER layer stops, never to remove its own snippet", () => {
    const r = recorded('chromium/nginx-express-both-add-allow-origin.json', 'response');
    const { explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: r }]));
    // The app's fix alone leaves nginx's copy beside it; nginx's replaces the app's (proxy_hide_header).
    expect(explanation.fixes.map((f) => f.target).slice(0, 2)).toEqual(['nginx', 'express']);
    const [nginx, express] = explanation.fixes;
    expect(nginx!.snippet).toContain('proxy_hide_header Access-Control-Allow-Origin;');
    expect(nginx!.trap).toContain('In Express: remove app.use(cors())');
    expect(nginx!.trap).not.toContain('In nginx: remove its add_header');
    expect(express!.trap).toContain('In nginx: remove its add_header');
    expect(express!.trap).not.toContain('In Express: remove app.use(cors())');
  });

  it('the outputs show the two-layers trap beside the explanation, and the Watch out drops the words it said', () => {
    const r = recorded('chromium/nginx-express-both-add-allow-origin.json', 'response');
    const { explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: r }]));
    expect(trapsBesideExplanation(explanation.traps).map((t) => t.seen)).toEqual(['express and nginx']);
    const nginx = explanation.fixes[0]!;
    const watchOut = fixTrapBesideTraps(nginx, explanation.traps, explanation.stack)!;
    expect(watchOut).not.toContain('In Express: remove app.use(cors())');
    expect(nginx.trap!.endsWith(watchOut)).toBe(true);
    // Other traps are said by the explanation itself: none shown beside it.
    const { explanation: slash } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', `${PAGE}/`]] } }]));
    expect(slash.traps!.map((t) => t.kind)).toContain('origin-with-path');
    expect(trapsBesideExplanation(slash.traps)).toEqual([]);
    expect(fixTrapBesideTraps(slash.fixes[0]!, slash.traps, slash.stack)).toBe(slash.fixes[0]!.trap);
  });

  // Cloudflare passes answers on, but a response header Transform Rule or a Worker can add a copy:
  // the copy no line places is Cloudflare's, so the words are not Express's "remove app.use(cors())"
  // alone beside the Express fix, whose Watch out says how Cloudflare stops.
  it('Cloudflare in front of Express: the second copy is put on Cloudflare, with its way to stop', () => {
    const headers: HeaderList = [['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Content-Type', 'application/json'], ['Server', 'cloudflare'], ['CF-RAY', '8a1b2c3d4e5f-LHR'], ['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', '*']];
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 200, headers } }]));
    expect(diagnosis.corsError).toBe('MultipleAllowOriginValues');
    expect(explanation.stack?.headers.filter((h) => h.duplicate).map((h) => h.setBy)).toEqual([['express'], ['cloudflare']]);
    const trap = explanation.traps!.find((t) => t.kind === 'two-layers-allow-origin');
    expect(trap).toMatchObject({ seen: 'express and cloudflare', stack: 'express' });
    expect(trap!.text).toContain('In Cloudflare: remove the response header Transform Rule');
    const express = explanation.fixes[0]!;
    expect(express.target).toBe('express');
    expect(express.trap).toContain('In Cloudflare: remove the response header Transform Rule');
    expect(express.trap).not.toContain('remove app.use(cors())');
  });

  it('one line holding a list is no two layers: no such trap', () => {
    const { diagnosis, explanation } = explained(exchange('GET', [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', `${PAGE}, https://other.example`]] } }]));
    expect(diagnosis.corsError).toBe('MultipleAllowOriginValues');
    expect(explanation.traps!.map((t) => t.kind)).not.toContain('two-layers-allow-origin');
  });

  it('Caddy in front, lines sorted: the copies are not attributed, and the trap says so', () => {
    const r = recorded('caddy-fastify.json', 'preflight');
    const { explanation } = explained(preflighted(r.status, r.headers));
    const trap = explanation.traps!.find((t) => t.kind === 'two-layers-allow-origin');
    expect(trap?.seen).toContain('the lines do not tell which');
    expect(trap?.stack).toBeNull();
  });
});

describe('a fix picked by hand keeps its own trap words', () => {
  it('the Cloudflare Worker fix, though the reading passes Cloudflare over (its Server header is not the answerer)', () => {
    const x = preflighted(401, [['Server', 'cloudflare'], ['CF-Ray', '8a1b2c3d4e5f-LHR']]);
    const diagnosis = diagnose(x);
    const explanation = explain(diagnosis, x, { stacks: ['cloudflare'] });
    expect(explanation.traps!.map((t) => t.kind)).toContain('auth-before-preflight');
    expect(explanation.fixes.find((f) => f.target === 'cloudflare')?.trap).toContain('In the Worker, answer OPTIONS before checking the token or cookie.');
  });
});

// nginx answering OPTIONS itself (inside `if ($request_method = OPTIONS)`), Express the PUT without
// the headers: the fix is nginx's, and the words say why in one sentence.
describe('the preflight and the request answered by different layers', () => {
  const nginxPreflight: HeaderList = [['Server', 'nginx/1.24.0'], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, POST, PUT'], ['Access-Control-Allow-Headers', 'Content-Type, X-Trace']];
  const expressResponse = { status: 200, headers: [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ['Content-Type', 'application/json']] as HeaderList };

  it('says which answered which, where the fix for the preflight\'s layer is chosen', () => {
    const { diagnosis, explanation } = explained(preflighted(204, nginxPreflight, expressResponse));
    expect(diagnosis.corsError).toBe('MissingAllowOriginHeader');
    expect(explanation.stack?.answeredApart).toEqual({ preflight: 'nginx', response: 'express' });
    expect(explanation.fixes[0]?.target).toBe('nginx');
    expect(explanation.explanation).toContain('The preflight was answered by nginx; the request by express.');
  });

  it('says nothing of the kind when the app answered both', () => {
    const byApp: HeaderList = [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ...nginxPreflight.slice(1)];
    const { explanation } = explained(preflighted(204, byApp, expressResponse));
    expect(explanation.stack?.answeredApart).toBeUndefined();
    expect(explanation.explanation).not.toContain('The preflight was answered by');
  });
});
