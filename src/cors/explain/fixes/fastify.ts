// Fastify with @fastify/cors. https://github.com/fastify/fastify-cors#options

import type { Fix } from '../explanation.ts';
import { jsString } from '../escape.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { callbackNullOriginAny, joinTraps, jsCorsOptionsWithout } from './js-list.ts';


/** @fastify/cors has no option for the private-network lines: a hook registered before it sets them on OPTIONS. */
function privateNetworkHook(privateNetwork: readonly [string, string][]): string[] {
  if (privateNetwork.length === 0) return [];
  return [
    `// ${PRIVATE_NETWORK_COMMENT}`,
    '// @fastify/cors has no option for it, so this hook, added first, sets it.',
    "fastify.addHook('onRequest', async (request, reply) => {",
    "  if (request.method === 'OPTIONS') {",
    ...privateNetwork.map(([h, v]) => `    reply.header(${jsString(h)}, ${jsString(v)});`),
    '  }',
    '});',
    '',
  ];
}

export function fastifyFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// npm install @fastify/cors',
    "import cors from '@fastify/cors';",
    '',
    ...privateNetworkHook(privateNetworkHeaders(ctx)),
    'await fastify.register(cors, {',
    // @fastify/cors allows only GET, HEAD and POST unless told otherwise: the methods are listed.
    // Both kinds of request: an origin function, for which @fastify/cors adds Vary: Origin to every answer.
    ...(p.nullOriginAny ? callbackNullOriginAny(p) : []),
    ...jsCorsOptionsWithout(p, { methods: 'methods', headers: 'allowedHeaders', expose: 'exposedHeaders' }, p.nullOriginAny ? ['origin'] : []),
    '});',
  ];
  const trap =
    'Recent @fastify/cors versions allow only GET, HEAD and POST by default: list PUT, PATCH, DELETE yourself. Register it before the routes (at the root, not inside an encapsulated plugin) so OPTIONS gets answered.';
  return { target: 'fastify', title: 'Fastify: register @fastify/cors', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, '@fastify/cors', true), errorTrap(ctx)) };
}
