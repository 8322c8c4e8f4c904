// Koa with @koa/cors. https://github.com/koajs/cors#corsoptions

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines, TWO_MIDDLEWARES, TWO_MIDDLEWARES_MAYBE } from './context.ts';
import type { NeededPolicy } from '../policy.ts';
import { joinTraps, jsCorsOptionsWithout, jsOriginTest, nullOriginAnyComment } from './js-list.ts';

/**
 * The origin and credentials options serving both kinds of request (`NeededPolicy.nullOriginAny`).
 * @koa/cors turns `*` with credentials into the request's Origin (it would echo `null`), so
 * credentials is a function too, false for Origin: null. An empty origin sends no CORS headers;
 * @koa/cors adds Vary: Origin to every answer.
 */
function nullOriginAnyOptions(p: NeededPolicy): string[] {
  return [
    ...nullOriginAnyComment(p.credentials),
    `  origin: (ctx) => (ctx.get('Origin') === 'null' ? '*' : ${jsOriginTest(p, "ctx.get('Origin')")} ? ctx.get('Origin') : ''),`,
    ...(p.credentials
      ? ["  // Not true: with credentials @koa/cors would turn that * into the request's Origin, null.", "  credentials: (ctx) => ctx.get('Origin') !== 'null',"]
      : []),
  ];
}

export function koaFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  // @koa/cors (3.3+) answers a preflight's Access-Control-Request-Private-Network with it.
  const koaPrivateNetwork = privateNetworkHeaders(ctx).some(([h]) => h === 'Access-Control-Allow-Private-Network');
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'koa', '//', TWO_MIDDLEWARES('@koa/cors', 'app.use(cors(...))'), TWO_MIDDLEWARES_MAYBE('@koa/cors', 'app.use(cors(...))')),
    '// npm install @koa/cors',
    "import cors from '@koa/cors';",
    '',
    '// First, before the router and anything that can throw: it answers the OPTIONS preflight',
    '// (204), and keepHeadersOnError keeps the headers on errors thrown later.',
    'app.use(cors({',
    // `origin` first: without it, @koa/cors 5 sends `*`.
    ...(p.nullOriginAny ? nullOriginAnyOptions(p) : []),
    // Several page origins: @koa/cors takes one string or a function (an empty answer sends no CORS headers).
    ...(!p.nullOriginAny && p.origins ? [`  origin: (ctx) => (${jsOriginTest(p, "ctx.get('Origin')")} ? ctx.get('Origin') : ''),`] : []),
    ...jsCorsOptionsWithout(p, { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' }, p.nullOriginAny ? ['origin', 'credentials'] : p.origins ? ['origin'] : []),
    ...(koaPrivateNetwork ? [`  // ${PRIVATE_NETWORK_COMMENT}`, '  privateNetworkAccess: true,'] : []),
    '  keepHeadersOnError: true,',
    '}));',
  ];
  const trap =
    "cors() with no options sends Access-Control-Allow-Origin: * (@koa/cors 5), which no request with cookies accepts, and no Access-Control-Allow-Credentials; registered after the router, it never runs for the routes' responses. An error handler placed before cors() answers errors without the headers.";
  return { target: 'koa', title: 'Koa: @koa/cors, first', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, '@koa/cors', koaPrivateNetwork), errorTrap(ctx)) };
}
