// Koa with @koa/cors. https://github.com/koajs/cors#corsoptions

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps, jsCorsOptions } from './js-list.ts';

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
    // `origin` first: without it, @koa/cors 5 sends `*`.
    ...jsCorsOptions(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }),
    '  keepHeadersOnError: true,',
    '}));',
  ];
  const trap =
    "cors() with no options sends Access-Control-Allow-Origin: * (@koa/cors 5), which no request with cookies accepts, and no Access-Control-Allow-Credentials; registered after the router, it never runs for the routes' responses. An error handler placed before cors() answers errors without the headers.";
  return { target: 'koa', title: 'Koa: @koa/cors, first', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
