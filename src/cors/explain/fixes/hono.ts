// Hono's cors middleware. https://hono.dev/docs/middleware/builtin/cors

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps, jsList, withSafelisted } from './js-list.ts';

export function honoFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    "import { cors } from 'hono/cors';",
    '',
    "// Before the routes, on a path that matches OPTIONS too ('*' or '/api/*').",
    "app.use('*', cors({",
    `  origin: ${jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    ...(p.methods.length > 0 ? [`  allowMethods: ${jsList(withSafelisted(p.methods))},`] : []),
    ...(p.headers.length > 0 ? [`  allowHeaders: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  exposeHeaders: ${jsList(p.expose)},`] : []),
    '}));',
  ];
  const trap = "cors() registered after app.get(...) or on a path that does not match the preflight's URL never answers OPTIONS (404). An app.onError handler builds a new Response: copy the CORS headers onto it.";
  return { target: 'hono', title: 'Hono: cors(), before the routes', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
