// Koa with @koa/cors. https://github.com/koajs/cors#corsoptions

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';

const jsList = (xs: string[]): string => `[${xs.map(jsString).join(', ')}]`;

export function koaFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// npm install @koa/cors',
    "import cors from '@koa/cors';",
    '',
    '// First, before the router and anything that can throw: it answers the OPTIONS preflight',
    '// (204), and keepHeadersOnError keeps the headers on errors thrown later.',
    'app.use(cors({',
    // Without `origin`, @koa/cors 5 sends `*`.
    `  origin: ${jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    ...(p.methods.length > 0 ? [`  allowMethods: ${jsList(['GET', 'HEAD', 'POST', ...p.methods])},`] : []),
    ...(p.headers.length > 0 ? [`  allowHeaders: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  exposeHeaders: ${jsList(p.expose)},`] : []),
    '  keepHeadersOnError: true,',
    '}));',
  ];
  const traps = [
    "cors() with no options sends Access-Control-Allow-Origin: * (@koa/cors 5), which no request with cookies accepts, and no Access-Control-Allow-Credentials; registered after the router, it never runs for the routes' responses. An error handler placed before cors() answers errors without the headers.",
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'koa', title: 'Koa: @koa/cors, first', language: 'js', snippet: lines.join('\n'), trap: traps.join(' ') };
}
