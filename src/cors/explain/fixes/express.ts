// Express with the `cors` package. https://github.com/expressjs/cors#configuration-options

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';

const jsList = (xs: string[]): string => `[${xs.map(jsString).join(', ')}]`;

export function expressFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// npm install cors',
    "import cors from 'cors';",
    '',
    'const corsOptions = {',
    `  origin: ${jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    ...(p.methods.length > 0 ? [`  methods: ${jsList(['GET', 'HEAD', 'POST', ...p.methods])},`] : []),
    ...(p.headers.length > 0 ? [`  allowedHeaders: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  exposedHeaders: ${jsList(p.expose)},`] : []),
    '};',
    '',
    '// First, before any route, router, auth or body parser: it also answers the OPTIONS',
    '// preflight (204) and adds the headers to error responses sent later.',
    'app.use(cors(corsOptions));',
  ];
  const traps = [
    "app.use(cors()) placed after the routes never runs for them; and origin: true or '*' with credentials either reflects every origin or is refused by the browser.",
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'express', title: 'Express: the cors middleware, first', language: 'js', snippet: lines.join('\n'), trap: traps.join(' ') };
}
