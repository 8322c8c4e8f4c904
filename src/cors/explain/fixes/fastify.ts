// Fastify with @fastify/cors. https://github.com/fastify/fastify-cors#options

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, HAND_SET_LINES, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { callbackNullOriginAny, joinTraps, jsCorsOptionsWithout, jsPrivateNetworkHook } from './js-list.ts';


export function fastifyFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(
      ctx,
      'fastify',
      '//',
      ctx.corsOnRefusedPreflight === true
        ? HAND_SET_LINES('@fastify/cors', 'register(cors, ...)', 'preflight is false or preflightContinue is true')
        : [
            "This replaces the app's existing @fastify/cors registration (its answers already carry CORS headers",
            "from it): remove that register(cors, ...) call. Registered twice, Fastify refuses to start (\"The",
            "decorator 'corsPreflightEnabled' has already been added!\").",
          ],
    ),
    '// npm install @fastify/cors',
    "import cors from '@fastify/cors';",
    '',
    ...jsPrivateNetworkHook(privateNetworkHeaders(ctx), {
      why: '@fastify/cors has no option for it, so this hook, added first, sets it.',
      open: "fastify.addHook('onRequest', async (request, reply) => {",
      method: 'request.method',
      set: (h, v) => `reply.header(${h}, ${v})`,
    }),
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
