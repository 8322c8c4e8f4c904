// Hono's cors middleware. https://hono.dev/docs/middleware/builtin/cors

import type { Fix } from '../explanation.ts';
import { jsString } from '../escape.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps, jsCorsOptions } from './js-list.ts';

/** Hono's cors has no option for the private-network lines: a middleware before it adds them to its OPTIONS answer. */
function honoPrivateNetwork(privateNetwork: readonly [string, string][]): string[] {
  if (privateNetwork.length === 0) return [];
  return [
    `// ${PRIVATE_NETWORK_COMMENT}`,
    "// hono/cors has no option for it, so this middleware, before it, adds it to cors()'s answer.",
    "app.use('*', async (c, next) => {",
    '  await next();',
    "  if (c.req.method === 'OPTIONS') {",
    ...privateNetwork.map(([h, v]) => `    c.res.headers.set(${jsString(h)}, ${jsString(v)});`),
    '  }',
    '});',
    '',
  ];
}

export function honoFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    "import { cors } from 'hono/cors';",
    '',
    ...honoPrivateNetwork(privateNetworkHeaders(ctx)),
    "// Before the routes, on a path that matches OPTIONS too ('*' or '/api/*').",
    "app.use('*', cors({",
    ...jsCorsOptions(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }),
    '}));',
  ];
  const trap = "cors() registered after app.get(...) or on a path that does not match the preflight's URL never answers OPTIONS (404). An app.onError handler builds a new Response: copy the CORS headers onto it.";
  return { target: 'hono', title: 'Hono: cors(), before the routes', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'hono/cors', true), errorTrap(ctx)) };
}
