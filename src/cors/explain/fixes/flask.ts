// Flask with Flask-CORS. https://flask-cors.readthedocs.io/en/latest/api.html

import { pythonString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';

const pyList = (xs: string[]): string => `[${xs.map(pythonString).join(', ')}]`;

export function flaskFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const args = [
    'app',
    // Flask-CORS echoes the request's Origin even for "*" unless send_wildcard=True: after a
    // cross-origin redirect that is `Access-Control-Allow-Origin: null`, the value no fix advises.
    // https://flask-cors.readthedocs.io/en/latest/api.html (send_wildcard)
    ...(p.origin === '*' ? ['origins="*"', 'send_wildcard=True'] : [`origins=${pyList([p.origin])}`]),
    ...(p.credentials ? ['supports_credentials=True'] : []),
    ...(p.methods.length > 0 ? [`methods=${pyList(['GET', 'HEAD', 'POST', 'OPTIONS', ...p.methods])}`] : []),
    ...(p.headers.length > 0 ? [`allow_headers=${pyList(p.headers)}`] : []),
    ...(p.expose.length > 0 ? [`expose_headers=${pyList(p.expose)}`] : []),
  ];
  const lines = [
    ...(note ? [`# ${note}`] : []),
    '# pip install flask-cors',
    'from flask_cors import CORS',
    '',
    `CORS(${args.join(', ')})`,
  ];
  const traps = [
    'Call CORS(app) on the app itself (or on every blueprint that serves the API). With supports_credentials=True, origins must not be "*".',
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'flask', title: 'Flask: Flask-CORS', language: 'python', snippet: lines.join('\n'), trap: traps.join(' ') };
}
