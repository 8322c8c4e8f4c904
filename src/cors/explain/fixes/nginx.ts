// nginx `add_header`. https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header

import { nginxMapKey, nginxNeedsDollar, nginxString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';
import { type FixContext, errorTrap, preflightRedirected, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';

/**
 * Both kinds of request (`NeededPolicy.nullOriginAny`), or several page origins (`origins`): a `map`
 * in the http block chooses each header's value from the request's Origin, and add_header sends
 * nothing for an empty value, so any other origin gets no CORS headers.
 */
function originMaps(p: NeededPolicy): string[] {
  const origins = allowedOrigins(p);
  return [
    '# In the http { } block: each answer chosen from the request\'s Origin (an empty value sends no',
    ...(p.nullOriginAny
      ? [
          '# header, so any other origin gets none). Origin: null (sent after a redirect from another',
          '# origin, and by any sandboxed page, on any site) gets *, which the browser accepts only for',
          '# a request without credentials: any page can read what the server answers one without them.',
        ]
      : ['# header, so any other origin gets none): each page origin allowed gets itself.']),
    'map $http_origin $cors_allow_origin {',
    '    default "";',
    ...(p.nullOriginAny ? ['    "null" "*";'] : []),
    ...origins.map((o) => `    ${nginxMapKey(o)} ${nginxString(o)};`),
    '}',
    ...(p.credentials
      ? ['map $http_origin $cors_allow_credentials {', '    default "";', ...origins.map((o) => `    ${nginxMapKey(o)} "true";`), '}']
      : []),
    '',
  ];
}

/**
 * For a preflight answered with a redirect: which nginx line sends it decides where the fix goes.
 * A location's return or rewrite runs in order with the `if` (the rewrite module's directives,
 * https://nginx.org/en/docs/http/ngx_http_rewrite_module.html), so the `if` above it answers
 * OPTIONS first; the server block's runs before any location is chosen, and no `if` in a location
 * comes first (proven on nginx in Chromium: test/fix-proof/nginx.test.ts).
 */
function preflightRedirectedLines(which: 'this' | 'one'): string[] {
  return [
    `# ${which === 'this' ? 'This preflight' : 'A preflight of these requests'} was answered with a redirect. If a return or rewrite`,
    '# in the location sent it, keep it below the if block (the other methods still get it); a',
    '# redirect in the server { } block (http to https, say) runs before any location: call the',
    '# final URL from the page instead.',
  ];
}

export function nginxFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const values = [...allowedOrigins(p), fixMethods(p).join(', '), p.headers.join(', '), p.expose.join(', ')];
  const mapped = p.nullOriginAny === true || p.origins !== undefined;
  const redirected = preflightRedirected(ctx);
  const common = [
    `add_header Access-Control-Allow-Origin ${mapped ? '$cors_allow_origin' : nginxString(p.origin)} always;`,
    ...(p.credentials ? [`add_header Access-Control-Allow-Credentials ${mapped ? '$cors_allow_credentials' : '"true"'} always;`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ['add_header Vary "Origin" always;']),
  ];
  const preflight = [
    ...common,
    ...(listsMethods(p) ? [`add_header Access-Control-Allow-Methods ${nginxString(fixMethods(p).join(', '))} always;`] : []),
    ...(p.headers.length > 0 ? [`add_header Access-Control-Allow-Headers ${nginxString(p.headers.join(', '))} always;`] : []),
    `add_header Access-Control-Max-Age "${p.maxAge ?? 600}" always;`,
    ...privateNetworkHeaders(ctx).flatMap(([h, v]) => [`# ${PRIVATE_NETWORK_COMMENT}`, `add_header ${h} ${nginxString(v)} always;`]),
  ];
  // The lines a backend behind proxy_pass may send too: hidden, so nginx's are the only copy.
  const hidden = [
    'Access-Control-Allow-Origin',
    ...(p.credentials ? ['Access-Control-Allow-Credentials'] : []),
    ...(p.expose.length > 0 ? ['Access-Control-Expose-Headers'] : []),
  ];
  // The lines go inside the location that serves the API, whatever it does (proxy_pass, root,
  // return): printed without a location of their own, so they can be put in place as they are.
  const lines = [
    ...(note ? [`# ${note}`] : []),
    ...(values.some(nginxNeedsDollar) ? ['# in the http { } block: a literal "$" for the values below', 'geo $dollar { default "$"; }', ''] : []),
    ...(mapped ? originMaps(p) : []),
    '# Inside the location { } that serves the API, in place of its CORS lines (its proxy_pass,',
    '# root or return stays), above any return or rewrite in it: nginx runs return, rewrite and',
    '# if in the order written, and a return (or a redirecting rewrite) before the if block below',
    '# answers OPTIONS first.',
    ...(redirected === null ? [] : preflightRedirectedLines(redirected)),
    'if ($request_method = OPTIONS) {',
    '    # add_header here drops every outer add_header (the location\'s and the server\'s): the',
    '    # CORS ones are repeated here.',
    ...preflight.map((l) => `    ${l}`),
    '    return 204;',
    '}',
    ...common,
    ...(p.expose.length > 0 ? [`add_header Access-Control-Expose-Headers ${nginxString(p.expose.join(', '))} always;`] : []),
    '# A proxied backend that sends these too would make two values: keep only the ones above.',
    ...hidden.map((h) => `proxy_hide_header ${h};`),
  ];
  const traps = [
    'An add_header inside a nested block (if, location) drops every add_header of the outer block, so the preflight branch lists the CORS ones again, and the add_header lines in the location drop those of the server { } block (Strict-Transport-Security, X-Frame-Options, ...) for its answers: repeat those in the location. Without "always", nginx adds nothing to 4xx/5xx responses. If the backend also sends Access-Control-Allow-Origin, the browser sees two values: proxy_hide_header keeps the copy nginx adds (or configure CORS in only one of the two).',
    privateNetworkWords(ctx, 'nginx', true),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'nginx', title: 'nginx: add_header ... always, and answer OPTIONS', language: 'nginx', snippet: lines.join('\n'), trap: traps.join(' ') };
}
