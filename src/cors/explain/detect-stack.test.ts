import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../exchange.ts';
import { detectStack, detectStacks } from './detect-stack.ts';
import { readStack, stackNames } from './layers/stack-reading.ts';

const cases: [string, HeaderList, string | null][] = [
  ['express', [['X-Powered-By', 'Express']], 'express'],
  ['fastify (explicit)', [['x-powered-by', 'Fastify']], 'fastify'],
  ['django runserver', [['Server', 'WSGIServer/0.2 CPython/3.12.1']], 'django'],
  ['django security defaults', [['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'same-origin'], ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff']], 'django'],
  ['helmet is not django', [['X-Frame-Options', 'SAMEORIGIN'], ['Referrer-Policy', 'no-referrer'], ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff']], null],
  ['X-Frame-Options DENY alone', [['X-Frame-Options', 'DENY']], null],
  ['flask', [['Server', 'Werkzeug/3.0.1 Python/3.12.1']], 'flask'],
  ['spring boot 1', [['X-Application-Context', 'application:8080']], 'spring'],
  ['spring vary', [['Vary', 'Origin'], ['Vary', 'Access-Control-Request-Method'], ['Vary', 'Access-Control-Request-Headers']], 'spring'],
  ['spring vary folded', [['Vary', 'Origin,Access-Control-Request-Method,Access-Control-Request-Headers']], 'spring'],
  ['vary origin alone', [['Vary', 'Origin']], null],
  ['asp.net', [['X-Powered-By', 'ASP.NET']], 'aspnet'],
  ['kestrel', [['Server', 'Kestrel']], 'aspnet'],
  ['iis', [['Server', 'Microsoft-IIS/10.0']], 'aspnet'],
  // ASP.NET Core never sends X-AspNet-Version: IIS runs .NET Framework, whose CORS is IIS's or the app's.
  ['iis with .NET Framework', [['Server', 'Microsoft-IIS/10.0'], ['X-AspNet-Version', '4.0.30319'], ['X-Powered-By', 'ASP.NET']], 'iis'],
  ['.NET Framework MVC', [['X-AspNetMvc-Version', '5.2'], ['X-Powered-By', 'ASP.NET']], 'iis'],
  ['iis with php', [['Server', 'Microsoft-IIS/10.0'], ['X-Powered-By', 'PHP/8.2.1'], ['X-Powered-By', 'ASP.NET']], 'iis'],
  // Kestrel answered itself: ASP.NET Core, whatever version line the app adds; no IIS is there.
  ['kestrel with X-AspNet-Version', [['Server', 'Kestrel'], ['X-AspNet-Version', '4.0.30319']], 'aspnet'],
  // IIS in front of a Node app (iisnode, ARR): the app is the one to fix, not ASP.NET Core.
  ['next.js behind iis', [['Server', 'Microsoft-IIS/10.0'], ['X-Powered-By', 'Next.js']], 'nextjs'],
  ['express behind iis, with its default X-Powered-By: ASP.NET', [['Server', 'Microsoft-IIS/10.0'], ['X-Powered-By', 'Express'], ['X-Powered-By', 'ASP.NET']], 'express'],
  ['nginx', [['Server', 'nginx/1.25.3']], 'nginx'],
  ['openresty', [['server', 'openresty']], 'nginx'],
  ['apache', [['Server', 'Apache/2.4.58 (Debian)']], 'apache'],
  ['caddy', [['Server', 'Caddy']], 'caddy'],
  ['s3', [['Server', 'AmazonS3'], ['x-amz-request-id', 'X']], 'aws-s3'],
  ['s3 by ids', [['x-amz-request-id', 'X'], ['x-amz-id-2', 'Y']], 'aws-s3'],
  ['api gateway rest', [['x-amzn-RequestId', 'a'], ['x-amz-apigw-id', 'b']], 'aws-api-gateway'],
  ['api gateway http', [['apigw-requestid', 'a']], 'aws-api-gateway'],
  ['express behind nginx: the app first', [['Server', 'nginx'], ['X-Powered-By', 'Express']], 'express'],
  // Next.js writes its lines in lower case, as Fastify and Hono do: its X-Powered-By settles it.
  ['next.js', [['access-control-allow-origin', 'https://other.example.com'], ['content-type', 'application/json'], ['vary', 'RSC, Next-Router-State-Tree, Next-Router-Prefetch'], ['X-Powered-By', 'Next.js'], ['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5']], 'nextjs'],
  // Hono's default Allow-Methods list in lower case beside Title-Case lines is a weak sign (a HAR
  // sorts the lines): an Express or Fastify app setting that list by hand stays itself.
  ['express, its methods set by hand as hono lists them', [['X-Powered-By', 'Express'], ['access-control-allow-methods', 'GET,HEAD,PUT,POST,DELETE,PATCH'], ['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Connection', 'keep-alive']], 'express'],
  ['fastify (keep-alive 72 s), @fastify/cors methods in hono\'s order', [['Connection', 'keep-alive'], ['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Keep-Alive', 'timeout=72'], ['access-control-allow-methods', 'GET,HEAD,PUT,POST,DELETE,PATCH'], ['access-control-allow-origin', 'https://app.example.com']], 'fastify'],
  ['hono, as a HAR lists it', [['Connection', 'keep-alive'], ['Date', 'Sun, 06 Dec 2026 10:00:00 GMT'], ['Keep-Alive', 'timeout=5'], ['access-control-allow-methods', 'GET,HEAD,PUT,POST,DELETE,PATCH'], ['access-control-allow-origin', 'https://app.example.com']], 'hono'],
  ['nothing', [['Content-Type', 'text/plain']], null],
  ['lookalike', [['Server', 'not-nginx']], null],
];

describe('detectStack', () => {
  it.each(cases)('%s', (_name, headers, stack) => expect(detectStack(headers)).toBe(stack));
  it('lists every stack it sees, the app before the front server', () => {
    expect(detectStacks([['Server', 'nginx'], ['X-Powered-By', 'Express']])).toEqual(['express', 'nginx']);
  });
});

describe('detectStacks reads only the names it keeps', () => {
  it('every rule runs on a response carrying each name the rules read (a rule reading another name throws)', () => {
    const all: [string, string][] = [
      ['Server', 'nginx'], ['X-Powered-By', 'Express'], ['Vary', 'Origin'], ['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'same-origin'],
      ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff'],
    ];
    // No rule matches early on these, so every rule's test runs.
    expect(() => detectStacks([['Server', 'Unknown/1'], ...all.slice(2)])).not.toThrow();
    expect(detectStacks(all)).toContain('nginx');
  });
});

// Platforms and apps known by their documented headers (names from each platform's docs; the
// CORS-library shapes are tested on recorded header sets in layers/stack-headers.test.ts).
describe('layers outer to inner, from documented platform headers', () => {
  const layered: [string, HeaderList, string[]][] = [
    ['cloudflare in front of nginx and express', [['Server', 'cloudflare'], ['CF-RAY', '8f1e2d3c4b5a6978-FRA'], ['X-Powered-By', 'Express']], ['cloudflare', 'express']],
    ['vercel', [['server', 'Vercel'], ['x-vercel-id', 'fra1::abcde-1700000000000-0123456789ab'], ['x-vercel-cache', 'MISS']], ['vercel']],
    ['cloudfront, then nginx, then express', [['Server', 'nginx'], ['X-Powered-By', 'Express'], ['Via', '1.1 0123456789abcdef.cloudfront.net (CloudFront)'], ['X-Amz-Cf-Id', 'abc==']], ['cloudfront', 'nginx', 'express']],
    ['fastly', [['X-Served-By', 'cache-fra-eddf8230048-FRA'], ['Via', '1.1 varnish']], ['fastly', 'varnish']],
    ['heroku router', [['Via', '1.1 vegur'], ['X-Runtime', '0.012345']], ['heroku', 'rails']],
    ['an unnamed proxy in Via', [['Via', '1.1 edge-proxy'], ['Server', 'Apache/2.4.71 (Debian)']], ['proxy', 'apache']],
    ['laravel by its cookie', [['X-Powered-By', 'PHP/8.3.4'], ['Set-Cookie', 'laravel_session=abc; path=/; httponly']], ['laravel']],
    ['laravel by its CSRF cookie beside PHP', [['X-Powered-By', 'PHP/8.3.4'], ['Set-Cookie', 'XSRF-TOKEN=abc; path=/']], ['laravel']],
    // Spring Security's CookieCsrfTokenRepository names its cookie XSRF-TOKEN too.
    ['an XSRF-TOKEN cookie alone is no sign of Laravel', [['Set-Cookie', 'XSRF-TOKEN=abc; path=/']], []],
    ['spring with an XSRF-TOKEN cookie is spring alone', [['Vary', 'Origin'], ['Vary', 'Access-Control-Request-Method'], ['Vary', 'Access-Control-Request-Headers'], ['Set-Cookie', 'XSRF-TOKEN=abc; Path=/']], ['spring']],
    ['nothing known', [['Content-Type', 'text/plain']], []],
  ];
  it.each(layered)('%s', (_name, headers, names) => {
    expect(stackNames(readStack([{ on: 'response', headers, status: 200 }]))).toEqual(names);
  });

  // Cloudflare replaces the origin's Server header: it passed the answer on, so its Worker is no
  // fix to lead with; the app behind it, when other headers name it, is.
  it.each<[string, HeaderList, string[]]>([
    ['cloudflare alone', [['Server', 'cloudflare'], ['CF-Ray', '8a1b2c3d4e5f-LHR'], ['CF-Cache-Status', 'DYNAMIC'], ['Content-Type', 'application/json']], []],
    ['cloudflare in front of express', [['Server', 'cloudflare'], ['CF-Ray', '8a1b2c3d4e5f-LHR'], ['X-Powered-By', 'Express']], ['express']],
  ])('%s: the fixes are for the server behind Cloudflare', (_name, headers, stacks) => {
    expect(detectStacks(headers)).toEqual(stacks);
    expect(stackNames(readStack([{ on: 'response', headers, status: 200 }]))[0]).toBe('cloudflare');
  });

  it.each<[string, HeaderList, string[], string[]]>([
    ['next.js', [['Server', 'Microsoft-IIS/10.0'], ['X-Powered-By', 'Next.js'], ['Content-Type', 'application/json']], ['iis', 'nextjs'], ['nextjs', 'iis']],
    ['express', [['Server', 'Microsoft-IIS/10.0'], ['X-Powered-By', 'Express'], ['X-Powered-By', 'ASP.NET']], ['iis', 'express'], ['express', 'iis']],
  ])('IIS in front of %s: IIS is read as the front layer, the app is fixed first', (_name, headers, layers, stacks) => {
    expect(stackNames(readStack([{ on: 'response', headers, status: 200 }]))).toEqual(layers);
    expect(detectStacks(headers)).toEqual(stacks);
  });

  it('Server: Kestrel with X-AspNet-Version is ASP.NET Core alone, no IIS layer', () => {
    const headers: HeaderList = [['Server', 'Kestrel'], ['X-AspNet-Version', '4.0.30319'], ['Content-Type', 'application/json']];
    expect(stackNames(readStack([{ on: 'response', headers, status: 200 }]))).toEqual(['aspnet']);
  });

  it('contradictory evidence is kept, never merged into one confident name', () => {
    // Two apps claim the same response: both stay, and the Allow-Origin line is not given to one.
    const reading = readStack([{ on: 'response', headers: [['X-Powered-By', 'Express'], ['Server', 'Kestrel'], ['Content-Type', 'text/plain'], ['Access-Control-Allow-Origin', '*']], status: 200 }], 'access-control-allow-origin');
    expect(stackNames(reading)).toEqual(['express', 'aspnet']);
    expect(reading.headers[0]!.setBy.length).toBeGreaterThan(1);
    expect(reading.primary).toBeNull();
  });
});
