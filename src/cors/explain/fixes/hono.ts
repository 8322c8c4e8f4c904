// Hono's cors middleware. https://hono.dev/docs/middleware/builtin/cors

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { joinTraps, jsCorsOptions, jsPrivateNetworkHook } from './js-list.ts';

export function honoFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'hono', '//', [
      "This replaces the app's existing cors() middleware (its answers already carry CORS headers from it):",
      "remove that app.use(..., cors(...)) call. With both, the first one answers the OPTIONS preflight.",
    ]),
    "import { cors } from 'hono/cors';",
    '',
    ...jsPrivateNetworkHook(privateNetworkHeaders(ctx), {
      why: "hono/cors has no option for it, so this middleware, before it, adds it to cors()'s answer.",
      open: "app.use('*', async (c, next) => {",
      before: ['await next();'],
      method: 'c.req.method',
      set: (h, v) => `c.res.headers.set(${h}, ${v})`,
    }),
    "// Before the routes, on a path that matches OPTIONS too ('*' or '/api/*').",
    "app.use('*', cors({",
    ...jsCorsOptions(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }),
    '}));',
  ];
  const trap = "cors() registered after app.get(...) or on a path that does not match the preflight's URL never answers OPTIONS (404). An app.onError handler builds a new Response: copy the CORS headers onto it.";
  return { target: 'hono', title: 'Hono: cors(), before the routes', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'hono/cors', true), errorTrap(ctx)) };
}
