// Fastify with @fastify/cors. https://github.com/fastify/fastify-cors#options

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';

const jsList = (xs: string[]): string => `[${xs.map(jsString).join(', ')}]`;

export function fastifyFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// npm install @fastify/cors',
    "import cors from '@fastify/cors';",
    '',
    'await fastify.register(cors, {',
    `  origin: ${jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    // @fastify/cors allows only GET, HEAD and POST unless told otherwise.
    ...(p.methods.length > 0 ? [`  methods: ${jsList(['GET', 'HEAD', 'POST', ...p.methods])},`] : []),
    ...(p.headers.length > 0 ? [`  allowedHeaders: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  exposedHeaders: ${jsList(p.expose)},`] : []),
    '});',
  ];
  const traps = [
    'Recent @fastify/cors versions allow only GET, HEAD and POST by default: list PUT, PATCH, DELETE yourself. Register it before the routes (at the root, not inside an encapsulated plugin) so OPTIONS gets answered.',
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'fastify', title: 'Fastify: register @fastify/cors', language: 'js', snippet: lines.join('\n'), trap: traps.join(' ') };
}
