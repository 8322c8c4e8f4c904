// Hono's cors middleware. https://hono.dev/docs/middleware/builtin/cors

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps, jsCorsOptions } from './js-list.ts';

export function honoFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    "import { cors } from 'hono/cors';",
    '',
    "// Before the routes, on a path that matches OPTIONS too ('*' or '/api/*').",
    "app.use('*', cors({",
    ...jsCorsOptions(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }),
    '}));',
  ];
  const trap = "cors() registered after app.get(...) or on a path that does not match the preflight's URL never answers OPTIONS (404). An app.onError handler builds a new Response: copy the CORS headers onto it.";
  return { target: 'hono', title: 'Hono: cors(), before the routes', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
