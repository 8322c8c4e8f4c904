// Next.js: middleware answers the preflight and adds the headers to every other response of the
// matched paths (next.config.js `headers()` adds headers but a Pages API route still receives the
// OPTIONS itself). https://nextjs.org/docs/app/building-your-application/routing/middleware#cors

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps, jsCorsObjectLines, jsCorsPerRequestLines, jsPreflightHeaderLines } from './js-list.ts';

export function nextjsFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// middleware.js, beside app/ or pages/',
    "import { NextResponse } from 'next/server';",
    '',
    ...jsCorsObjectLines(p),
    '',
    'export function middleware(request) {',
    ...jsCorsPerRequestLines(p, '  '),
    "  if (request.method === 'OPTIONS') {",
    '    return new NextResponse(null, { status: 204, headers: {',
    ...jsPreflightHeaderLines(p, '      ', privateNetworkHeaders(ctx)),
    '    } });',
    '  }',
    '  const response = NextResponse.next();',
    '  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);',
    '  return response;',
    '}',
    '',
    "// The API's paths: the request's path must match, or it gets no headers.",
    "export const config = { matcher: '/:path*' };",
  ];
  const trap =
    "Next.js 16 names this file proxy.js (export function proxy). If next.config.js headers(), a route handler or a rewrite's destination sends Access-Control-Allow-Origin or -Credentials too, remove them there: the middleware never sees the route's response, so it cannot delete them, and the browser would see two values, or an Origin you do not allow would get theirs. headers() in next.config.js alone adds the lines but does not answer a Pages API route's OPTIONS.";
  return { target: 'nextjs', title: 'Next.js: middleware answers OPTIONS, sets the headers', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'the middleware', true), errorTrap(ctx)) };
}
