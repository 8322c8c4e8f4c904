// The fingerprint table, on real header sets: test/fixtures/stack-headers/*.json recorded from the
// running software by record.mjs beside them (or, where marked `from-source`, read from the
// library's source), and chromium/*.json recorded by the proven-fix tests as Chromium received them.
// Each case says which layers the headers reveal, outer to inner, and who set each
// Access-Control-Allow-Origin line: the truth comes from how the server was configured.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../exchange.ts';
import type { HeaderAttribution } from '../explanation.ts';
import { FINGERPRINTS, mayMatch } from './fingerprints.ts';
import { headerView } from './header-view.ts';
import { readStack, stackNames } from './stack-reading.ts';

const DIR = join(import.meta.dirname, '../../../../test/fixtures/stack-headers');

interface Seen { on: HeaderAttribution['on']; status: number; headers: HeaderList }

/** The responses of one fixture, in either format. */
function responsesOf(file: string, name: string): Seen {
  const fixture = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
  if (Array.isArray(fixture['responses'])) {
    const r = (fixture['responses'] as { name: string; status: number; headers: HeaderList }[]).find((x) => x.name === name)!;
    return { on: name === 'preflight' ? 'preflight' : 'response', status: r.status, headers: r.headers };
  }
  const r = fixture[name] as { status: number; headers: HeaderList };
  return { on: name === 'preflight' ? 'preflight' : 'response', status: r.status, headers: r.headers };
}

/** [file, response, layers outer→inner, setter of each Access-Control-Allow-Origin line, primary]. */
const CASES: [string, string, string[], string[], string | null][] = [
  ['express-cors.json', 'preflight', ['express'], ['express'], 'express'],
  ['express-cors.json', 'error', ['express'], ['express'], 'express'],
  ['fastify-cors.json', 'preflight', ['fastify'], ['fastify'], 'fastify'],
  // A GET alone: Fastify and Hono both write lower-case lines first; Node's Keep-Alive tells them
  // apart, timeout=72 under Fastify's default keepAliveTimeout, Node's 5 s under Hono's server.
  ['fastify-cors.json', 'actual', ['fastify'], ['fastify'], 'fastify'],
  ['hono-cors.json', 'preflight', ['hono'], ['hono'], 'hono'],
  ['hono-cors.json', 'actual', ['fastify|hono'], ['fastify|hono'], null],
  ['koa-cors.json', 'preflight', ['koa'], ['koa'], 'koa'],
  ['koa-cors.json', 'actual', ['koa'], ['koa'], 'koa'],
  ['koa-cors.json', 'error', ['koa'], ['koa'], 'koa'],
  ['flask-cors.json', 'preflight', ['flask'], ['flask'], 'flask'],
  ['django-cors-headers.json', 'preflight', ['django'], ['django'], 'django'],
  ['django-cors-headers.json', 'actual', ['django'], ['django'], 'django'],
  // nginx in front, adding nothing: the app's lines, right after its X-Powered-By.
  ['nginx-express.json', 'preflight', ['nginx', 'express'], ['express'], 'express'],
  ['nginx-express.json', 'actual', ['nginx', 'express'], ['express'], 'express'],
  // Both add it: the app's copy in its run, nginx's appended after it.
  ['nginx-adds-cors-express.json', 'preflight', ['nginx', 'express'], ['express', 'nginx'], 'express'],
  ['nginx-adds-cors-express.json', 'actual', ['nginx', 'express'], ['express', 'nginx'], 'express'],
  // nginx adds it, the app does not: after Express's last line (ETag).
  ['nginx-cors-plain-express.json', 'preflight', ['nginx', 'express'], ['nginx'], 'nginx'],
  ['nginx-cors-plain-express.json', 'actual', ['nginx', 'express'], ['nginx'], 'nginx'],
  // Apache's "Header always set" goes before the proxied lines.
  ['apache-express.json', 'actual', ['apache', 'express'], ['apache', 'express'], 'express'],
  // Caddy sorts the lines: two copies, one each, and nothing says which.
  ['caddy-fastify.json', 'preflight', ['caddy', 'fastify'], ['caddy|fastify', 'caddy|fastify'], null],
  ['caddy-fastify.json', 'actual', ['caddy'], ['caddy|unknown', 'caddy|unknown'], null],
  ['go-rs-cors.json', 'preflight', ['go-rs-cors'], ['go-rs-cors'], 'go-rs-cors'],
  ['go-jub0bs-cors.json', 'preflight', ['go-jub0bs-cors'], ['go-jub0bs-cors'], 'go-jub0bs-cors'],
  // Recorded by Chromium (the proven-fix tests).
  ['chromium/nginx-express-both-add-allow-origin.json', 'response', ['nginx', 'express'], ['express', 'nginx'], 'express'],
  ['chromium/nginx-express-both-add-allow-origin-fixed.json', 'response', ['nginx', 'express'], ['nginx'], 'nginx'],
  ['chromium/apache-express-allow-headers-without-authorization.json', 'preflight', ['apache', 'express'], ['apache'], 'apache'],
  ['chromium/apache-express-allow-headers-without-authorization-fixed.json', 'response', ['apache', 'express'], ['apache'], 'apache'],
  ['chromium/caddy-express-wildcard-origin-with-credentials.json', 'preflight', ['caddy', 'express'], ['caddy|express'], null],
  ['chromium/express-allowed-headers-without-x-request-id.json', 'preflight', ['express'], ['express'], 'express'],
  ['chromium/nginx-add-header-without-always-404.json', 'response', ['nginx'], [], 'nginx'],
  // nginx alone names itself: an app behind it that names nothing could have sent the line too.
  ['chromium/nginx-add-header-without-always-404-fixed.json', 'response', ['nginx'], ['nginx|unknown'], null],
  ['chromium/caddy-express-options-left-to-the-app.json', 'preflight', ['caddy', 'express'], ['caddy|express'], null],
  ['chromium/django-defaults-preflighted-get.json', 'preflight', ['django'], ['django'], 'django'],
  ['chromium/flask-defaults-preflighted-get.json', 'response', ['flask'], ['flask'], 'flask'],
  ['chromium/koa-defaults-preflighted-get.json', 'response', ['koa'], ['koa'], 'koa'],
  ['chromium/fastify-default-methods-delete.json', 'preflight', ['fastify'], ['fastify'], 'fastify'],
  // Methods configured (not the default): the lower-case lines, as Hono writes them too, and
  // Fastify's Keep-Alive: timeout=72 as Chromium received it.
  ['chromium/fastify-default-methods-delete-fixed.json', 'preflight', ['fastify'], ['fastify'], 'fastify'],
  ['chromium/express-origin-with-trailing-slash.json', 'response', ['express'], ['express'], 'express'],
  ['chromium/hono-allow-headers-without-x-request-id.json', 'preflight', ['hono'], ['hono'], 'hono'],
  ['chromium/hono-no-options-with-credentials.json', 'preflight', ['hono'], ['hono'], 'hono'],
  // Next.js sends X-Powered-By on HTML pages only: a route handler's answers (headers()'s lines on
  // its automatic OPTIONS answer, the middleware's on the response) carry the App Router's Vary.
  ['chromium/nextjs-config-headers-without-x-request-id.json', 'preflight', ['nextjs'], ['nextjs'], 'nextjs'],
  ['chromium/nextjs-config-headers-wildcard-with-credentials.json', 'preflight', ['nextjs'], ['nextjs'], 'nextjs'],
  ['chromium/nextjs-config-headers-without-x-request-id-fixed.json', 'response', ['nextjs'], ['nextjs'], 'nextjs'],
  // NestJS on Express reads as Express: its preflight through enableCors() is the cors package's,
  // the same as Express's, and its JSON errors (404 to the OPTIONS without enableCors(), 401 from a
  // route) look like an Express app's with a JSON error handler.
  ['chromium/nestjs-no-enable-cors.json', 'preflight', ['express'], [], 'express'],
  ['chromium/nestjs-enable-cors-defaults-with-credentials-401.json', 'response', ['express'], ['express'], 'express'],
  ['chromium/nestjs-enable-cors-without-x-request-id.json', 'preflight', ['express'], ['express'], 'express'],
  // Through the Vite and webpack dev proxies: the app behind them, and nothing else.
  ['chromium/vite-express-no-proxy-absolute-url-fixed.json', 'response', ['express'], [], 'express'],
  ['chromium/webpack-dev-server-express-no-proxy-absolute-url-fixed.json', 'response', ['express'], [], 'express'],
];

describe('layers and who set Access-Control-Allow-Origin, on real header sets', () => {
  it.each(CASES)('%s (%s)', (file, name, layers, setters, primary) => {
    const seen = responsesOf(file, name);
    const reading = readStack([seen], 'access-control-allow-origin');
    expect(stackNames(reading)).toEqual(layers);
    const allowOrigin = reading.headers.filter((h) => h.header.toLowerCase() === 'access-control-allow-origin');
    expect(allowOrigin.map((h) => h.setBy.join('|'))).toEqual(setters);
    for (const h of allowOrigin) expect(h.evidence).not.toBe('');
    expect(reading.primary).toBe(primary);
    // Undecided: the reading names the layers it could not tell apart (both fixes are offered).
    if (primary === null && setters.length > 0) expect(reading.undecided.length).toBeGreaterThan(1);
  });

  it('the preflight and the response read together decide what one alone cannot (Fastify, not Hono)', () => {
    const reading = readStack([responsesOf('fastify-cors.json', 'preflight'), responsesOf('fastify-cors.json', 'actual')], 'access-control-allow-origin', 'response');
    expect(stackNames(reading)).toEqual(['fastify']);
    expect(reading.primary).toBe('fastify');
  });

  it("Fastify's Keep-Alive is evidence only beside its lower-case lines, and nothing without it", () => {
    const withKeepAlive = (seen: Seen, value: string | null): Seen => ({
      ...seen,
      headers: seen.headers.flatMap(([n, v]): HeaderList => (n.toLowerCase() !== 'keep-alive' ? [[n, v]] : value === null ? [] : [[n, value]])),
    });
    const primaryOf = (seen: Seen): string | null => readStack([seen], 'access-control-allow-origin').primary;
    // An Express app whose server keeps connections 72 s: its Title-Case lines are no Fastify's.
    const express = responsesOf('chromium/express-origin-with-trailing-slash.json', 'response');
    expect(express.headers.some(([n]) => n.toLowerCase() === 'keep-alive')).toBe(true);
    expect(primaryOf(withKeepAlive(express, 'timeout=72'))).toBe('express');
    // Fastify behind a proxy, which drops the hop-by-hop Keep-Alive: Fastify or Hono, undecided.
    expect(primaryOf(withKeepAlive(responsesOf('fastify-cors.json', 'actual'), null))).toBeNull();
    // Hono with the same 72 s would read as Fastify: a server's setting is evidence, not proof; no
    // Hono default sends it (hono-cors.json: Node's timeout=5).
    expect(primaryOf(responsesOf('hono-cors.json', 'actual'))).toBeNull();
  });

  // DevTools' HAR lists a response's lines sorted by name (Title-Case ones first): the order is
  // gone, the names' casing and the values are left.
  it.each([
    ['chromium/hono-allow-headers-without-x-request-id.json', 'hono'],
    ['chromium/hono-no-options-with-credentials.json', 'hono'],
    ['koa-cors.json', 'koa'],
    ['chromium/nextjs-config-headers-without-x-request-id.json', 'nextjs'],
    ['chromium/fastify-default-methods-delete.json', 'fastify'],
  ])('%s (preflight) sorted by name as in a HAR: still %s', (file, stack) => {
    const seen = responsesOf(file, 'preflight');
    const sorted: Seen = { ...seen, headers: [...seen.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
    expect(readStack([sorted], 'access-control-allow-origin').primary).toBe(stack);
  });

  it("the quick pre-check (a name the fingerprint needs) never hides a match", () => {
    for (const [file, name] of CASES) {
      const seen = responsesOf(file, name);
      const v = headerView(seen.headers, seen.status);
      for (const fp of FINGERPRINTS) if (fp.recognise(v).length > 0) expect(mayMatch(fp, v.has), `${fp.names.join('|')} on ${file}`).toBe(true);
    }
  });
});

// nginx answering OPTIONS inside `if ($request_method = OPTIONS)`: the preflight carries its CORS
// lines and no X-Powered-By; the response, through to Express, carries X-Powered-By and no CORS
// line. The fix belongs where the preflight's headers were set.
describe('the preflight answered in front of the app, the response by the app', () => {
  const preflight: Seen = { on: 'preflight', status: 204, headers: [['Server', 'nginx/1.24.0'], ['Access-Control-Allow-Origin', 'https://app.example.com'], ['Access-Control-Allow-Methods', 'GET, POST, PUT'], ['Access-Control-Allow-Headers', 'Content-Type']] };
  const response: Seen = { on: 'response', status: 200, headers: [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ['Content-Type', 'application/json']] };
  it('the missing header on the response is for nginx, which set the preflight\'s', () => {
    expect(readStack([response, preflight], 'access-control-allow-origin', 'response').primary).toBe('nginx');
  });
  it('an app that answered the preflight itself (its X-Powered-By there too) keeps the fix', () => {
    const byApp: Seen = { ...preflight, headers: [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ...preflight.headers.slice(1)] };
    expect(readStack([response, byApp], 'access-control-allow-origin', 'response').primary).toBe('express');
  });
});
