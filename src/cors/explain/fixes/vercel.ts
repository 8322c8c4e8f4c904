// Vercel Functions: the function answers the preflight itself (vercel.json "headers" add headers
// but do not answer OPTIONS). https://vercel.com/guides/how-to-enable-cors

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps, jsList, ORIGIN_LIST_COMMENT } from './js-list.ts';
import { fixMethods, listsMethods } from '../policy.ts';

export function vercelFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    '// api/[...path].js: wrap each handler',
    ...(p.origins !== undefined ? [`const ALLOWED_ORIGINS = ${jsList(p.origins)};`, ''] : []),
    'const allowCors = (handler) => async (req, res) => {',
    ...(p.origins !== undefined
      ? [
          ...ORIGIN_LIST_COMMENT.map((l) => `  ${l}`),
          '  if (ALLOWED_ORIGINS.includes(req.headers.origin)) {',
          "    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
          ...(p.credentials ? ["    res.setHeader('Access-Control-Allow-Credentials', 'true');"] : []),
          '  }',
        ]
      : [`  res.setHeader('Access-Control-Allow-Origin', ${jsString(p.origin)});`, ...(p.credentials ? ["  res.setHeader('Access-Control-Allow-Credentials', 'true');"] : [])]),
    ...(p.expose.length > 0 ? [`  res.setHeader('Access-Control-Expose-Headers', ${jsString(p.expose.join(', '))});`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ["  res.setHeader('Vary', 'Origin');"]),
    "  if (req.method === 'OPTIONS') {",
    ...(listsMethods(p) ? [`    res.setHeader('Access-Control-Allow-Methods', ${jsString(fixMethods(p).join(', '))});`] : []),
    ...(p.headers.length > 0 ? [`    res.setHeader('Access-Control-Allow-Headers', ${jsString(p.headers.join(', '))});`] : []),
    // The server's own preflight max-age, kept.
    ...(p.maxAge !== undefined ? [`    res.setHeader('Access-Control-Max-Age', '${p.maxAge}');`] : []),
    ...privateNetworkHeaders(ctx).flatMap(([h, v]) => [`    // ${PRIVATE_NETWORK_COMMENT}`, `    res.setHeader(${jsString(h)}, ${jsString(v)});`]),
    '    res.status(204).end();',
    '    return;',
    '  }',
    '  return handler(req, res);',
    '};',
    '',
    'export default allowCors(async (req, res) => {',
    '  res.json({ ok: true });',
    '});',
  ];
  const trap = [
    'Headers in vercel.json are added to responses but do not answer the OPTIONS preflight: a function that does not handle OPTIONS returns 405.',
    // vercel.json "headers" values are fixed strings: one Access-Control-Allow-Origin for every request.
    ...(p.origins !== undefined ? ['They are fixed values, too: an Access-Control-Allow-Origin there names one origin for every request, so several page origins need the check in this function (remove the line from vercel.json).'] : []),
    'Vercel Deployment Protection answers every request without a login 401, the preflight included: allow the preview, or use a protection bypass.',
  ].join(' ');
  return { target: 'vercel', title: 'Vercel Function: answer OPTIONS, set the headers', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'the function', true), errorTrap(ctx)) };
}
