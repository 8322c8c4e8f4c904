// Cloudflare Workers: the Worker answers the preflight and adds the headers to what the origin
// (or its own code) returns. https://developers.cloudflare.com/workers/examples/cors-header-proxy/

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps, jsCorsObjectLines, jsCorsPerRequestLines, jsPreflightHeaderLines, jsReplaceCorsLines } from './js-list.ts';

export function cloudflareFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...jsCorsObjectLines(p),
    '',
    'export default {',
    '  async fetch(request, env, ctx) {',
    ...jsCorsPerRequestLines(p, '    '),
    "    if (request.method === 'OPTIONS') {",
    '      return new Response(null, { status: 204, headers: {',
    ...jsPreflightHeaderLines(p, '        ', privateNetworkHeaders(ctx)),
    '      } });',
    '    }',
    '    // Your handler, or the origin behind the Worker:',
    '    const upstream = await fetch(request);',
    '    // A fetched Response is immutable: copy it to set headers, on errors too.',
    '    const response = new Response(upstream.body, upstream);',
    ...jsReplaceCorsLines(p, '    '),
    '    return response;',
    '  },',
    '};',
  ];
  const trap = 'Setting headers on the Response that fetch() returned throws (it is immutable): copy it first. If the server behind the Worker sends its own Access-Control-Allow-Origin or -Credentials, delete them and set yours (as here), never append: the browser would see two values, and an Origin you do not allow would still get the server\'s. Cloudflare caches by URL: a cached answer for another Origin needs Vary: Origin.';
  return { target: 'cloudflare', title: 'Cloudflare Worker: answer OPTIONS, add the headers', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'the Worker', true), errorTrap(ctx)) };
}
