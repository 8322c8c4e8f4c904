// A fix keeps what the server already answered and adds only what is missing: the must-send list
// and every stack's snippet carry the server's Allow-Headers, Allow-Methods, Allow-Credentials,
// Expose-Headers and Max-Age with the request's needs added. Applied in place of the server's CORS
// setup, a fix listing only the missing name would break every call the server served before
// (the review's c5-acah-drop and c3-patch captures, in these shapes).

import { describe, expect, it } from 'vitest';
import { explain } from '../explain.ts';
import { serverSends } from '../must-send.ts';
import { diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';
import type { ServerStack } from '../explanation.ts';
import { ALL_STACKS } from './index.ts';
import { addToNeed, emptyNeed, mergedFix } from './merged.ts';

// c5: the server allows a credentialed JSON call with Authorization; the page adds x-trace-id.
const c5 = diagnosed(
  preflighted(
    {
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE'],
        ['Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Requested-With'],
        ['Access-Control-Max-Age', '86400'],
        ['X-Powered-By', 'Express'],
      ],
    },
    { method: 'GET', headers: [['x-trace-id', '1']] },
  ),
);

// c3: the server allows PATCH and DELETE; the page sends `patch` (fetch() does not upper-case it).
const c3 = diagnosed(
  preflighted(
    { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE'], ['Access-Control-Allow-Headers', 'content-type']] },
    { method: 'patch', headers: [['Content-Type', 'application/json']] },
  ),
);

const mustSend = ({ diagnosis, exchange }: typeof c5, header: string): string | undefined =>
  serverSends(diagnosis, exchange).must.find((m) => m.header === header && m.on === 'preflight')?.value;

describe('the server must send: its own lists, with what the request needs added', () => {
  it('c5: Allow-Headers keeps Content-Type, Authorization, X-Requested-With and adds x-trace-id; methods and credentials kept', () => {
    expect(c5.diagnosis.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(mustSend(c5, 'Access-Control-Allow-Headers')).toBe('Content-Type, Authorization, X-Requested-With, x-trace-id');
    expect(mustSend(c5, 'Access-Control-Allow-Methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(mustSend(c5, 'Access-Control-Allow-Credentials')).toBe('true');
  });

  it('c3: Allow-Methods keeps PATCH and DELETE and adds patch as the request sent it', () => {
    expect(c3.diagnosis.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(mustSend(c3, 'Access-Control-Allow-Methods')).toBe('GET, HEAD, POST, PATCH, DELETE, patch');
    expect(mustSend(c3, 'Access-Control-Allow-Credentials')).toBeUndefined();
  });
});

describe("every stack's fix carries the union", () => {
  const fixes = explain(c5.diagnosis, c5.exchange, { stacks: ALL_STACKS }).fixes;
  const snippet = (target: string): string => fixes.find((f) => f.target === target)?.snippet ?? '';

  it.each(ALL_STACKS)('%s: keeps the server\'s header names beside x-trace-id', (stack) => {
    const text = fixes.filter((f) => f.target === stack).map((f) => f.snippet).join('\n');
    expect(text).toContain('x-trace-id');
    // django-cors-headers keeps them through its default_headers, which hold all three.
    if (stack !== 'django') for (const name of ['Content-Type', 'Authorization', 'X-Requested-With']) expect(text).toContain(name);
  });

  it('Express, nginx, Caddy and ASP.NET Core keep credentials, the methods and the max-age', () => {
    expect(snippet('express')).toContain("  credentials: true,\n  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],\n  allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With', 'x-trace-id'],");
    expect(snippet('express')).toContain('  maxAge: 86400,');
    expect(snippet('nginx')).toContain('add_header Access-Control-Allow-Credentials "true" always;');
    expect(snippet('nginx')).toContain('add_header Access-Control-Allow-Headers "Content-Type, Authorization, X-Requested-With, x-trace-id" always;');
    expect(snippet('nginx')).toContain('add_header Access-Control-Max-Age "86400" always;');
    expect(snippet('caddy')).toContain('header Access-Control-Allow-Methods `GET, HEAD, POST, PUT, PATCH, DELETE`');
    expect(snippet('aspnet')).toContain('.WithHeaders("Content-Type", "Authorization", "X-Requested-With", "x-trace-id")');
    expect(snippet('aspnet')).toContain('.AllowCredentials()');
  });

  it("c3: Express keeps PATCH and DELETE beside the request's patch", () => {
    const express = explain(c3.diagnosis, c3.exchange, { stacks: ['express'] }).fixes.find((f) => f.target === 'express')!.snippet;
    expect(express).toContain("methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'patch'],");
  });
});

describe('the server configuration keeps the union of its answers', () => {
  it('two preflights to one server: both lists, and its credentials', () => {
    const need = emptyNeed();
    addToNeed(need, c5.diagnosis, c5.exchange);
    addToNeed(need, c3.diagnosis, c3.exchange);
    const fix = mergedFix('express', need, null);
    expect(fix.snippet).toContain("  credentials: true,\n  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'patch'],\n  allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With', 'x-trace-id'],");
  });
});

// The server's own Access-Control-Max-Age, kept by every fix that answers the preflight: the line
// each stack writes it with. A fix in place of the server's CORS lines that leaves it out changes
// how long browsers cache the preflight (Chromium's default is 5 s).
const MAX_AGE_LINE: Record<ServerStack | 'generic', string> = {
  express: '  maxAge: 86400,',
  fastify: '  maxAge: 86400,',
  koa: '  maxAge: 86400,',
  hono: '  maxAge: 86400,',
  nestjs: '  maxAge: 86400,',
  nextjs: "      'Access-Control-Max-Age': '86400',",
  cloudflare: "        'Access-Control-Max-Age': '86400',",
  vercel: "    res.setHeader('Access-Control-Max-Age', '86400');",
  django: 'CORS_PREFLIGHT_MAX_AGE = 86400',
  flask: ', max_age=86400)',
  spring: '            .maxAge(86400);',
  aspnet: '        .SetPreflightMaxAge(TimeSpan.FromSeconds(86400))',
  iis: 'maxAge="86400">',
  nginx: '    add_header Access-Control-Max-Age "86400" always;',
  apache: 'Header always set Access-Control-Max-Age "86400"',
  caddy: '\theader Access-Control-Max-Age 86400',
  'aws-s3': '"MaxAgeSeconds": 86400',
  'aws-api-gateway': '"method.response.header.Access-Control-Max-Age": "\'86400\'"',
  rails: '      max_age: 86400',
  laravel: "    'max_age' => 86400,",
  'go-rs-cors': '\tMaxAge: 86400,',
  'go-jub0bs-cors': '\tMaxAgeInSeconds: 86400,',
  cloudfront: '"AccessControlMaxAgeSec": 86400,',
  generic: 'Access-Control-Allow-Headers: Content-Type, Authorization, X-Requested-With, x-trace-id\nAccess-Control-Max-Age: 86400\n',
};

describe("every fix keeps the server's Access-Control-Max-Age", () => {
  const all = explain(c5.diagnosis, c5.exchange, { stacks: ALL_STACKS }).fixes;
  const text = (target: string, fixes: readonly { target: string; snippet: string }[]): string => fixes.filter((f) => f.target === target).map((f) => f.snippet).join('\n');

  it.each(Object.entries(MAX_AGE_LINE))('%s: a request\'s own fix', (target, line) => {
    expect(text(target, all)).toContain(line);
  });

  it.each(Object.entries(MAX_AGE_LINE))('%s: the server configuration', (target, line) => {
    const need = emptyNeed();
    addToNeed(need, c5.diagnosis, c5.exchange);
    const fix = mergedFix(target === 'generic' ? null : (target as ServerStack), need, null);
    // API Gateway's first fix here is the HTTP API's corsConfiguration, the plain headers' preflight lines are the merged ones.
    expect(fix.snippet).toContain(target === 'generic' ? 'Access-Control-Max-Age: 86400' : target === 'aws-api-gateway' ? '"MaxAge": 86400' : line);
  });

  it('a server that sent none gets no line where the library sends none by default', () => {
    const none = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE]] }, { method: 'PUT', headers: [] }));
    const fixes = explain(none.diagnosis, none.exchange, { stacks: ['apache', 'flask', 'django', 'aspnet', 'vercel'] }).fixes;
    for (const f of fixes) expect(f.snippet).not.toMatch(/max.?age/i);
  });
});
