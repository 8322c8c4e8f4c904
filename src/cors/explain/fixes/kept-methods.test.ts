// A server that sent an Access-Control-Allow-Methods the browser cannot parse (`GET;PATCH`, before a
// PATCH) meant a list: the explanation, the must-send line and every stack's fix give that one list,
// comma-separated (`GET, PATCH`), adding none of the safelisted methods it did not send.

import { describe, expect, it } from 'vitest';
import { explain } from '../explain.ts';
import type { ServerStack } from '../explanation.ts';
import { serverSends } from '../must-send.ts';
import { neededPolicy } from '../policy.ts';
import { diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';
import type { FixContext } from './context.ts';
import { genericFix } from './generic.ts';
import { ALL_STACKS, stackFixes } from './index.ts';

function invalidList(sent: string, method: string): { ctx: FixContext; explanation: string; mustSend: string | undefined } {
  const { diagnosis, exchange } = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', sent]] }, { method, headers: [] }));
  expect(diagnosis.corsError).toBe('InvalidAllowMethodsPreflightResponse');
  const sends = serverSends(diagnosis, exchange);
  return {
    ctx: { policy: neededPolicy(diagnosis, exchange), error: diagnosis.corsError, mustSend: [...sends.must, ...sends.should], errorStatus: null },
    explanation: explain(diagnosis, exchange).explanation,
    mustSend: sends.must.find((m) => m.header === 'Access-Control-Allow-Methods')?.value,
  };
}

/**
 * The line of each stack's fix that lists the methods, for `GET;PATCH` before a PATCH. rack-cors and
 * Flask-CORS list OPTIONS besides, as their fixes always do, for the library to answer the preflight.
 * jub0bs/cors allows the safelisted methods by itself and answers a preflight with the method asked
 * for alone: it lists PATCH.
 */
const METHOD_LINES: Record<ServerStack, string[]> = {
  express: ["  methods: ['GET', 'PATCH'],"],
  fastify: ["  methods: ['GET', 'PATCH'],"],
  django: ['CORS_ALLOW_METHODS = ["GET", "PATCH"]'],
  flask: ['methods=["GET", "PATCH", "OPTIONS"]'],
  spring: ['.allowedMethods("GET", "PATCH")'],
  aspnet: ['.WithMethods("GET", "PATCH")'],
  iis: ['<add method="GET" />\n          <add method="PATCH" />'],
  nginx: ['add_header Access-Control-Allow-Methods "GET, PATCH" always;'],
  apache: ['Header always set Access-Control-Allow-Methods "GET, PATCH"'],
  caddy: ['header Access-Control-Allow-Methods `GET, PATCH`'],
  // S3 takes no PATCH (and writes the header itself, so it never sends an unparsable one).
  'aws-s3': ['"AllowedMethods": [\n        "GET"\n      ],'],
  'aws-api-gateway': ['"AllowMethods": [\n    "GET",\n    "PATCH"\n  ]', `"gatewayresponse.header.Access-Control-Allow-Methods": "'GET, PATCH'"`],
  koa: ["  allowMethods: ['GET', 'PATCH'],"],
  hono: ["  allowMethods: ['GET', 'PATCH'],"],
  nestjs: ["  methods: ['GET', 'PATCH'],"],
  nextjs: ["'Access-Control-Allow-Methods': 'GET, PATCH',"],
  rails: ["methods: ['get', 'patch', 'options'],"],
  laravel: ["'allowed_methods' => ['GET', 'PATCH'],"],
  'go-rs-cors': ['AllowedMethods: []string{"GET", "PATCH"},'],
  'go-jub0bs-cors': ['Methods: []string{"PATCH"},'],
  cloudflare: ["'Access-Control-Allow-Methods': 'GET, PATCH',"],
  // CloudFront's response headers policy lists OPTIONS besides, for the preflight it passes on.
  cloudfront: ['"GET",\n                "PATCH",\n                "OPTIONS"'],
  vercel: ["res.setHeader('Access-Control-Allow-Methods', 'GET, PATCH');"],
};

describe('an unparsable Access-Control-Allow-Methods: one list everywhere', () => {
  const { ctx, explanation, mustSend } = invalidList('GET;PATCH', 'PATCH');

  it('the explanation and the must-send line give the list the server meant, with commas', () => {
    expect(explanation).toContain('Separate the methods with commas: Access-Control-Allow-Methods: GET, PATCH.');
    expect(mustSend).toBe('GET, PATCH');
    expect(genericFix(ctx)?.snippet).toContain('Access-Control-Allow-Methods: GET, PATCH\n');
  });

  it.each(ALL_STACKS)('%s lists the same methods, none added', (stack) => {
    const snippets = stackFixes(stack, ctx).map((f) => f.snippet).join('\n');
    for (const line of METHOD_LINES[stack]) expect(snippets).toContain(line);
    // No safelisted method the server did not send.
    expect(snippets).not.toMatch(/\b(HEAD|POST|head|post)\b/);
  });

  it("adds the request's method when the server's list lacks it, and a safelisted one it did not send never", () => {
    const missing = invalidList('GET;POST', 'PATCH');
    expect(missing.mustSend).toBe('GET, POST, PATCH');
    expect(missing.explanation).toContain('Access-Control-Allow-Methods: GET, POST, PATCH.');
    expect(stackFixes('caddy', missing.ctx)[0]?.snippet).toContain('header Access-Control-Allow-Methods `GET, POST, PATCH`');
    // A safelisted method needs no listing: the server's own list, corrected, replaces the broken one.
    const safelisted = invalidList('PUT DELETE', 'POST');
    expect(safelisted.mustSend).toBe('PUT, DELETE');
    expect(stackFixes('nginx', safelisted.ctx)[0]?.snippet).toContain('add_header Access-Control-Allow-Methods "PUT, DELETE" always;');
  });
});
