// The fixes for the stacks added with the layer reading: each names the page's origin, the
// method and header the preflight asked for, credentials only when the request had them, and
// its own trap; the error status is mentioned when the failing response was one.

import { describe, expect, it } from 'vitest';
import type { Fix } from '../explanation.ts';
import { cloudflareFix } from './cloudflare.ts';
import type { FixContext } from './context.ts';
import { goJub0bsCorsFix, goRsCorsFix } from './go.ts';
import { honoFix } from './hono.ts';
import { iisFix } from './iis.ts';
import { koaFix } from './koa.ts';
import { laravelFix } from './laravel.ts';
import { nestjsFix } from './nestjs.ts';
import { nextjsFix } from './nextjs.ts';
import { railsFix } from './rails.ts';
import { contextFor } from './test-context.ts';
import { vercelFix } from './vercel.ts';

const CASES: [string, (ctx: FixContext) => Fix, string[], string, string][] = [
  ['koa', koaFix, ["origin: 'http://127.0.0.1:5173',", "allowMethods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowHeaders: ['content-type', 'x-trace'],", 'keepHeadersOnError: true,'], 'credentials: true,', 'js'],
  ['hono', honoFix, ["app.use('*', cors({", "origin: 'http://127.0.0.1:5173',", "allowMethods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowHeaders: ['content-type', 'x-trace'],"], 'credentials: true,', 'js'],
  ['nestjs', nestjsFix, ['app.enableCors({', "methods: ['GET', 'HEAD', 'POST', 'PUT'],", "allowedHeaders: ['content-type', 'x-trace'],"], 'credentials: true,', 'js'],
  ['cloudflare', cloudflareFix, ["'Access-Control-Allow-Origin': 'http://127.0.0.1:5173',", "'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT',", "'Access-Control-Allow-Headers': 'content-type, x-trace',", 'status: 204'], "'Access-Control-Allow-Credentials': 'true',", 'js'],
  ['vercel', vercelFix, ["res.setHeader('Access-Control-Allow-Origin', 'http://127.0.0.1:5173');", "res.setHeader('Access-Control-Allow-Headers', 'content-type, x-trace');", 'res.status(204).end();'], "res.setHeader('Access-Control-Allow-Credentials', 'true');", 'js'],
  ['nextjs', nextjsFix, ["'Access-Control-Allow-Origin': 'http://127.0.0.1:5173',", "'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT',", "'Access-Control-Allow-Headers': 'content-type, x-trace',", 'status: 204', 'NextResponse.next()'], "'Access-Control-Allow-Credentials': 'true',", 'js'],
  ['rails', railsFix, ["origins 'http://127.0.0.1:5173'", "headers: ['content-type', 'x-trace'],", "methods: ['get', 'head', 'post', 'put', 'options'],", 'insert_before 0, Rack::Cors'], 'credentials: true', 'ruby'],
  ['laravel', laravelFix, ["'allowed_origins' => ['http://127.0.0.1:5173'],", "'allowed_methods' => ['GET', 'HEAD', 'POST', 'PUT'],", "'allowed_headers' => ['content-type', 'x-trace'],"], "'supports_credentials' => true,", 'php'],
  ['go-rs-cors', goRsCorsFix, ['AllowedOrigins: []string{"http://127.0.0.1:5173"},', 'AllowedMethods: []string{"GET", "HEAD", "POST", "PUT"},', 'AllowedHeaders: []string{"content-type", "x-trace"},', 'c.Handler(mux)'], 'AllowCredentials: true,', 'go'],
  ['iis', iisFix, ['<cors enabled="true" failUnlistedOrigins="true">', '<add method="PUT" />', '<add header="x-trace" />'], '<add origin="http://127.0.0.1:5173" allowCredentials="true" maxAge="600">', 'xml'],
  ['go-jub0bs-cors', goJub0bsCorsFix, ['Origins: []string{"http://127.0.0.1:5173"},', 'Methods: []string{"PUT"},', 'RequestHeaders: []string{"content-type", "x-trace"},', 'corsMw.Wrap(mux)'], 'Credentialed: true,', 'go'],
];

describe('fixes for the added stacks', () => {
  it.each(CASES)('%s', (name, fix, lines, credentialsLine, language) => {
    const withCredentials = fix(contextFor({ credentials: true }));
    for (const line of lines) expect(withCredentials.snippet).toContain(line);
    expect(withCredentials.snippet).toContain(credentialsLine);
    expect(withCredentials).toMatchObject({ target: name, language });
    expect(withCredentials.trap?.length).toBeGreaterThan(20);
    expect(fix(contextFor({ credentials: false })).snippet).not.toContain(credentialsLine);
    expect(fix(contextFor({ errorStatus: 500 })).trap).toContain('a 500');
  });
});

// The snippet is main.ts's lines around enableCors(): the app's own listen line stays as it is,
// since a port written here would be copied with the rest (the proof applies it as printed).
it("NestJS's fix writes no listen line of its own", () => {
  const snippet = nestjsFix(contextFor({ credentials: false })).snippet;
  expect(snippet).not.toMatch(/^await app\.listen\(/m);
  expect(snippet.split('\n').at(-1)).toBe('// Then app.listen(...), as before.');
});
