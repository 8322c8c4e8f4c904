// Koa with @koa/cors. https://github.com/koajs/cors#corsoptions
// (A minimal fix for the layer reading; the proven-fix work owns this snippet's final text.)

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
    '// First, before the router and any auth: it answers the OPTIONS preflight itself.',
    'app.use(cors({',
    ...jsCorsOptions(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }),
    '  // Keep the CORS headers on errors thrown further down (4xx/5xx).',
    '  keepHeadersOnError: true,',
    '}));',
  ];
  const trap = 'A cors() registered after the router, or an error handler that replaces ctx.response headers (or keepHeadersOnError: false), leaves error responses without Access-Control-Allow-Origin.';
  return { target: 'koa', title: 'Koa: @koa/cors, first', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
