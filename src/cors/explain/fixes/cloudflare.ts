// Cloudflare Workers: the Worker answers the preflight and adds the headers to what the origin
// (or its own code) returns. https://developers.cloudflare.com/workers/examples/cors-header-proxy/

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps } from './js-list.ts';
import { fixMethods, listsMethods } from '../policy.ts';

export function cloudflareFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    'const CORS = {',
    `  'Access-Control-Allow-Origin': ${jsString(p.origin)},`,
    ...(p.credentials ? ["  'Access-Control-Allow-Credentials': 'true',"] : []),
    ...(p.expose.length > 0 ? [`  'Access-Control-Expose-Headers': ${jsString(p.expose.join(', '))},`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ["  'Vary': 'Origin',"]),
    '};',
    '',
    'export default {',
    '  async fetch(request, env, ctx) {',
    "    if (request.method === 'OPTIONS') {",
    '      return new Response(null, { status: 204, headers: {',
    '        ...CORS,',
    ...(listsMethods(p) ? [`        'Access-Control-Allow-Methods': ${jsString(fixMethods(p).join(', '))},`] : []),
    ...(p.headers.length > 0 ? [`        'Access-Control-Allow-Headers': ${jsString(p.headers.join(', '))},`] : []),
    `        'Access-Control-Max-Age': '${p.maxAge ?? 600}',`,
    '      } });',
    '    }',
    '    // Your handler, or the origin behind the Worker:',
    '    const upstream = await fetch(request);',
    '    // A fetched Response is immutable: copy it to set headers, on errors too.',
    '    const response = new Response(upstream.body, upstream);',
    '    for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);',
    '    return response;',
    '  },',
    '};',
  ];
  const trap = 'Setting headers on the Response that fetch() returned throws (it is immutable): copy it first. If the origin behind the Worker adds Access-Control-Allow-Origin too, use set (as here), never append, or the browser sees two values. Cloudflare caches by URL: a cached answer for another Origin needs Vary: Origin.';
  return { target: 'cloudflare', title: 'Cloudflare Worker: answer OPTIONS, add the headers', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
