// The private-network line (Access-Control-Allow-Private-Network: true, read only by an older
// Chromium's Private Network Access) a server configuration must keep on the OPTIONS answer: each
// stack's snippet sends it where the stack can (a header line, its library's option, a hook), and
// says in words where the library cannot. The case: a preflight asked for it
// (Access-Control-Request-Private-Network: true), as privateNetworkLine reads it.

import { describe, expect, it } from 'vitest';
import type { ServerStack } from '../explanation.ts';
import { API, diagnosed, exchangeOf, PAGE, preflighted } from '../test-diagnosis.ts';
import { explain } from '../explain.ts';
import { ALL_STACKS } from './index.ts';
import { addToNeed, emptyNeed, mergedFix } from './merged.ts';

const plainAsk = preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', 'content-type']] }, { method: 'PUT', headers: [['x-trace', '1']] });
// The preflight the browser sent carried the request for it.
const hop = plainAsk.hops[0]!;
/** The same PUT whose preflight answer had no Access-Control-Allow-Origin. */
const failing = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Headers', 'content-type']] }, { method: 'PUT', headers: [['x-trace', '1']] }));
const asked = diagnosed({ ...plainAsk, hops: [{ ...hop, preflight: { ...hop.preflight!, requestHeaders: [...hop.preflight!.requestHeaders, ['Access-Control-Request-Private-Network', 'true']] } }] });

/** What each stack's snippet (`in: 'snippet'`) or words (`in: 'trap'`) hold for it. */
const PRIVATE_NETWORK: Record<ServerStack | 'generic', { in: 'snippet' | 'trap'; text: string }> = {
  express: { in: 'snippet', text: "  if (req.method === 'OPTIONS') {\n    res.setHeader('Access-Control-Allow-Private-Network', 'true');" },
  nestjs: { in: 'snippet', text: "    res.setHeader('Access-Control-Allow-Private-Network', 'true');" },
  fastify: { in: 'snippet', text: "fastify.addHook('onRequest', async (request, reply) => {\n  if (request.method === 'OPTIONS') {\n    reply.header('Access-Control-Allow-Private-Network', 'true');" },
  koa: { in: 'snippet', text: '  privateNetworkAccess: true,' },
  hono: { in: 'snippet', text: "    c.res.headers.set('Access-Control-Allow-Private-Network', 'true');" },
  nextjs: { in: 'snippet', text: "      'Access-Control-Allow-Private-Network': 'true'," },
  cloudflare: { in: 'snippet', text: "        'Access-Control-Allow-Private-Network': 'true'," },
  vercel: { in: 'snippet', text: "    res.setHeader('Access-Control-Allow-Private-Network', 'true');\n    res.status(204).end();" },
  nginx: { in: 'snippet', text: '    add_header Access-Control-Allow-Private-Network "true" always;\n    return 204;' },
  apache: { in: 'snippet', text: 'Header always set Access-Control-Allow-Private-Network "true" "expr=%{REQUEST_METHOD} == \'OPTIONS\'"' },
  caddy: { in: 'snippet', text: '\theader Access-Control-Allow-Private-Network `true`' },
  flask: { in: 'snippet', text: '@app.after_request\ndef cors_private_network(response):\n    if request.method == "OPTIONS":\n        response.headers["Access-Control-Allow-Private-Network"] = "true"' },
  django: { in: 'snippet', text: '            response["Access-Control-Allow-Private-Network"] = "true"' },
  spring: { in: 'snippet', text: '            .allowPrivateNetwork(true)' },
  aspnet: { in: 'trap', text: "ASP.NET Core's CORS policy has no setting for Access-Control-Allow-Private-Network: true" },
  iis: { in: 'trap', text: 'The IIS CORS Module has no setting for Access-Control-Allow-Private-Network: true' },
  rails: { in: 'trap', text: 'rack-cors has no setting for Access-Control-Allow-Private-Network: true' },
  laravel: { in: 'trap', text: "Laravel's HandleCors has no setting for Access-Control-Allow-Private-Network: true" },
  'go-rs-cors': { in: 'trap', text: 'This snippet has no setting for Access-Control-Allow-Private-Network: true' },
  'go-jub0bs-cors': { in: 'trap', text: 'This snippet has no setting for Access-Control-Allow-Private-Network: true' },
  'aws-s3': { in: 'trap', text: "S3's bucket CORS configuration has no setting for Access-Control-Allow-Private-Network: true" },
  'aws-api-gateway': { in: 'trap', text: 'This configuration has no setting for Access-Control-Allow-Private-Network: true' },
  cloudfront: { in: 'trap', text: "The response headers policy's CORS configuration has no setting for Access-Control-Allow-Private-Network: true" },
  generic: { in: 'snippet', text: '# Only for an older Chromium (Private Network Access; Chromium 156 ignores it), on the OPTIONS preflight response:\nAccess-Control-Allow-Private-Network: true' },
};

describe('SERVER CONFIGURATION keeps the private-network line in every stack', () => {
  const need = emptyNeed();
  addToNeed(need, asked.diagnosis, asked.exchange);

  it('the need holds it', () => {
    expect(need.privateNetwork).toEqual([['Access-Control-Allow-Private-Network', 'true']]);
  });

  it.each(Object.entries(PRIVATE_NETWORK))('%s', (target, { in: where, text }) => {
    const fix = mergedFix(target === 'generic' ? null : (target as ServerStack), need, null);
    expect(where === 'snippet' ? fix.snippet : fix.trap).toContain(text);
  });

  // The request's own fix, for the same request (its preflight failed for another reason here:
  // no Allow-Origin), carries the same line in the same place as the server configuration.
  it.each(Object.entries(PRIVATE_NETWORK))("%s: the request's own fix too, whatever failed first", (target, { in: where, text }) => {
    const x = { ...failing.exchange, hops: [{ ...failing.exchange.hops[0]!, preflight: { ...failing.exchange.hops[0]!.preflight!, requestHeaders: asked.exchange.hops[0]!.preflight!.requestHeaders } }] };
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('PreflightMissingAllowOriginHeader');
    const fixes = explain(diagnosis, x, { stacks: [target === 'generic' ? 'express' : (target as ServerStack)] }).fixes;
    const fix = target === 'generic' ? fixes.find((f) => f.target === 'generic')! : fixes[0]!;
    expect(where === 'snippet' ? fix.snippet : fix.trap).toContain(text);
  });

  it('every stack is in the table', () => {
    expect(Object.keys(PRIVATE_NETWORK).sort()).toEqual([...ALL_STACKS, 'generic'].sort());
  });

  // The line belongs to the server whose preflight asked for it: a request redirected from the
  // one that asked to another, whose preflight then failed, counts toward the other's configuration.
  it.each([
    ['the first server asked, the redirect target did not: no line', true, false, undefined],
    ['the redirect target asked: its line', false, true, [['Access-Control-Allow-Private-Network', 'true']]],
  ] as const)('%s', (_about, firstAsks, targetAsks, expected) => {
    const OTHER = 'http://127.0.0.1:9090';
    const ask = (asks: boolean): [string, string][] => [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace'], ...(asks ? [['Access-Control-Request-Private-Network', 'true'] as [string, string]] : [])];
    const allows: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace'], ['Access-Control-Allow-Private-Network', 'true']];
    const { diagnosis, exchange } = diagnosed(
      exchangeOf({
        method: 'PUT',
        headers: [['Origin', PAGE], ['X-Trace', '1']],
        errorText: 'net::ERR_FAILED',
        hops: [
          { url: `${API}/a`, preflight: { url: `${API}/a`, requestHeaders: ask(firstAsks), response: { status: 204, headers: allows } }, response: { status: 307, headers: [allows[0]!, ['Location', `${OTHER}/b`]] } },
          { url: `${OTHER}/b`, preflight: { url: `${OTHER}/b`, requestHeaders: ask(targetAsks), response: { status: 204, headers: [] } }, response: null },
        ],
      }),
    );
    expect(diagnosis.failedAt).toEqual({ hop: 1, phase: 'preflight' });
    const need = emptyNeed();
    addToNeed(need, diagnosis, exchange);
    expect(need.privateNetwork).toEqual(expected);
  });

  it('a server no request asked it of gets no line and no words', () => {
    const plain = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE]] }, { method: 'PUT', headers: [['x-trace', '1']] }));
    const none = emptyNeed();
    addToNeed(none, plain.diagnosis, plain.exchange);
    for (const stack of ALL_STACKS) {
      const fix = mergedFix(stack, none, null);
      expect(`${fix.snippet}\n${fix.trap ?? ''}`).not.toMatch(/private.?network/i);
    }
  });
});
