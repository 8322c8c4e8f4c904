// Express with the `cors` package. https://github.com/expressjs/cors#configuration-options

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, HAND_SET_LINES, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines, TWO_MIDDLEWARES, TWO_MIDDLEWARES_MAYBE } from './context.ts';
import { callbackNullOriginAny, expressPrivateNetworkLines, joinTraps, jsCorsOptionsWithout } from './js-list.ts';

export function expressFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(
      ctx,
      'express',
      '//',
      ctx.corsOnRefusedPreflight === true ? HAND_SET_LINES('cors', 'app.use(cors(...))', 'preflightContinue is true') : TWO_MIDDLEWARES('cors', 'app.use(cors(...))'),
      TWO_MIDDLEWARES_MAYBE('cors', 'app.use(cors(...))'),
    ),
    '// npm install cors',
    "import cors from 'cors';",
    '',
    'const corsOptions = {',
    ...(p.nullOriginAny ? callbackNullOriginAny(p) : []),
    ...jsCorsOptionsWithout(p, { methods: 'methods', headers: 'allowedHeaders', expose: 'exposedHeaders' }, p.nullOriginAny ? ['origin'] : []),
    '};',
    '',
    ...(p.nullOriginAny
      ? ["// cors adds no Vary for *: every answer depends on Origin, so say so to caches (a cached * would", '// otherwise answer the requests with credentials, which the browser then refuses).', 'app.use((req, res, next) => {', "  res.vary('Origin');", '  next();', '});']
      : []),
    ...expressPrivateNetworkLines(privateNetworkHeaders(ctx), 'cors'),
    '// First, before any route, router, auth or body parser: it also answers the OPTIONS',
    '// preflight (204) and adds the headers to error responses sent later.',
    'app.use(cors(corsOptions));',
  ];
  const trap =
    "app.use(cors()) placed after the routes never runs for them; and origin: true or '*' with credentials either reflects every origin or is refused by the browser.";
  return { target: 'express', title: 'Express: the cors middleware, first', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'cors', true), errorTrap(ctx)) };
}
