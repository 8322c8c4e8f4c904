// Express with the `cors` package. https://github.com/expressjs/cors#configuration-options

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps, jsCorsOptions } from './js-list.ts';

/**
 * The origin option serving both kinds of request (`NeededPolicy.nullOriginAny`): the page's origin
 * as it is (credentials: true lets its cookies through), `*` for `Origin: null`, which the browser
 * accepts only without credentials (https://fetch.spec.whatwg.org/#concept-cors-check steps 3, 6),
 * and nothing for any other origin. Never `null` itself: every sandboxed iframe sends it.
 */
function nullOriginAnyOptions(origin: string): string[] {
  return [
    '  // Origin: null (sent after a redirect from another origin, and by any sandboxed page) gets *,',
    '  // which the browser accepts only for a request without credentials: it exposes no more than',
    '  // any page could read without them. The page\'s origin gets itself, with credentials.',
    `  origin: (origin, callback) => callback(null, origin === 'null' ? '*' : origin === ${jsString(origin)} ? origin : false),`,
  ];
}

export function expressFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// npm install cors',
    "import cors from 'cors';",
    '',
    'const corsOptions = {',
    ...(p.nullOriginAny ? nullOriginAnyOptions(p.origin) : []),
    ...jsCorsOptions(p, { methods: 'methods', headers: 'allowedHeaders', expose: 'exposedHeaders' }).filter((line) => !(p.nullOriginAny && line.startsWith('  origin: '))),
    '};',
    '',
    ...(p.nullOriginAny
      ? ["// cors adds no Vary for *: every answer depends on Origin, so say so to caches (a cached * would", '// otherwise answer the requests with credentials, which the browser then refuses).', 'app.use((req, res, next) => {', "  res.vary('Origin');", '  next();', '});']
      : []),
    '// First, before any route, router, auth or body parser: it also answers the OPTIONS',
    '// preflight (204) and adds the headers to error responses sent later.',
    'app.use(cors(corsOptions));',
  ];
  const trap =
    "app.use(cors()) placed after the routes never runs for them; and origin: true or '*' with credentials either reflects every origin or is refused by the browser.";
  return { target: 'express', title: 'Express: the cors middleware, first', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
