// A server that sent an Access-Control-Allow-Methods the browser cannot parse (`GET, PUT;DELETE`, before
// a PATCH): the explanation, the must-send line and every stack's fix give one list, the items that are
// method names (`GET`) and the request's method (`PATCH`), adding none of the safelisted methods it did
// not send. The item that is none (`PUT;DELETE`: the browser splits at commas only) is left out, not
// read as PUT and DELETE, and the explanation names it.

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
 * The line of each stack's fix that lists the methods, for `GET, PUT;DELETE` before a PATCH. rack-cors and
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
  const { ctx, explanation, mustSend } = invalidList('GET, PUT;DELETE', 'PATCH');

  it('the explanation names the item left out and why; the must-send line keeps the method names', () => {
    expect(explanation).toContain(
      "is not a comma-separated list of method names, so the browser cannot read it: it splits the list at commas only, and 'PUT;DELETE' (it holds ';') is not a method name. Leave it out: send Access-Control-Allow-Methods: GET, PATCH. If it stands for several methods, list each of them, separated by commas.",
    );
    expect(mustSend).toBe('GET, PATCH');
    expect(genericFix(ctx)?.snippet).toContain('Access-Control-Allow-Methods: GET, PATCH\n');
  });

  it.each(ALL_STACKS)('%s lists the same methods, none added', (stack) => {
    const snippets = stackFixes(stack, ctx).map((f) => f.snippet).join('\n');
    for (const line of METHOD_LINES[stack]) expect(snippets).toContain(line);
    expect(snippets).not.toMatch(/\b(PUT|DELETE)\b/);
    // No safelisted method the server did not send.
    expect(snippets).not.toMatch(/\b(HEAD|POST|head|post)\b/);
  });

  it("adds the request's method when the server's list lacks it, and a safelisted one it did not send never", () => {
    const missing = invalidList('GET, POST, x;y', 'PATCH');
    expect(missing.mustSend).toBe('GET, POST, PATCH');
    expect(missing.explanation).toContain('Leave it out: send Access-Control-Allow-Methods: GET, POST, PATCH. If');
    expect(stackFixes('caddy', missing.ctx)[0]?.snippet).toContain('header Access-Control-Allow-Methods `GET, POST, PATCH`');
    // A safelisted method needs no listing: the server's method names replace the broken list.
    const safelisted = invalidList('PUT, PATCH DELETE', 'POST');
    expect(safelisted.mustSend).toBe('PUT');
    expect(stackFixes('nginx', safelisted.ctx)[0]?.snippet).toContain('add_header Access-Control-Allow-Methods "PUT" always;');
  });

  // Review s38: `DEL;ETE` (or `GET;POST`) was read as two methods, as if `;` separated them.
  it.each<[string, string, string, string]>([
    ['DEL;ETE', 'DELETE', 'DELETE', "'DEL;ETE' (it holds ';') is not a method name. Leave it out: send Access-Control-Allow-Methods: DELETE. If it stands"],
    ['GET;POST', 'PUT', 'PUT', "'GET;POST' (it holds ';') is not a method name. Leave it out: send Access-Control-Allow-Methods: PUT."],
    ['GET PUT', 'PUT', 'PUT', "'GET PUT' (it holds a space) is not a method name."],
    ['PUT "X", A/B', 'PATCH', 'PATCH', "'PUT \"X\"' (it holds a space) and 'A/B' (it holds '/') are not method names. Leave them out: send Access-Control-Allow-Methods: PATCH. If one stands"],
    ['a;1, b;2, c;3, d;4, e;5, f;6', 'PATCH', 'PATCH', "'a;1' (it holds ';'), 'b;2' (it holds ';'), 'c;3' (it holds ';'), 'd;4' (it holds ';') and 2 more are not method names."],
  ])('%j before a %s: nothing read from the item that is no method name', (sent, method, value, words) => {
    const r = invalidList(sent, method);
    expect(r.mustSend).toBe(value);
    expect(r.explanation).toContain(words);
    expect(stackFixes('apache', r.ctx)[0]?.snippet).toContain(`Header always set Access-Control-Allow-Methods "${value}"`);
  });
});
