// Caddy `header` and `respond`. https://caddyserver.com/docs/caddyfile/directives/header

import { caddyString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, preflightRedirected, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';

const quote = (v: string): string => caddyString(v) ?? '`REPLACE-ME`';

/**
 * Both kinds of request (`NeededPolicy.nullOriginAny`), or several page origins (`origins`): a header
 * matcher for each Origin, each with its own answer naming that origin literally (never the
 * request's Origin); any other origin matches none and gets no Access-Control-Allow-Origin. Header
 * matchers compare the whole value (`*` would be a wildcard, but no origin written here holds one).
 * https://caddyserver.com/docs/caddyfile/matchers#header
 */
function originLines(p: NeededPolicy): string[] {
  const origins = allowedOrigins(p);
  const name = (i: number): string => (origins.length === 1 ? '@cors_page' : `@cors_page_${i + 1}`);
  return [
    ...(p.nullOriginAny
      ? [
          "# Each answer chosen from the request's Origin (any other origin gets none). Origin: null (sent",
          '# after a redirect from another origin, and by any sandboxed page, on any site) gets *, which',
          '# the browser accepts only for a request without credentials: any page can read what the',
          `# server answers one without them. ${origins.length === 1 ? "The page's origin gets itself" : 'Each page origin allowed gets itself'}${p.credentials ? ', with credentials' : ''}.`,
          '@cors_null header Origin null',
        ]
      : ["# Each answer chosen from the request's Origin: each page origin allowed gets itself, any other", '# origin none.']),
    ...origins.map((o, i) => `${name(i)} header Origin ${quote(o)}`),
    ...(p.nullOriginAny ? ['header @cors_null {', '	Access-Control-Allow-Origin *', '	defer', '}'] : []),
    ...origins.flatMap((o, i) => [
      `header ${name(i)} {`,
      `	Access-Control-Allow-Origin ${quote(o)}`,
      ...(p.credentials ? ['	Access-Control-Allow-Credentials true'] : []),
      '	defer',
      '}',
    ]),
  ];
}

/**
 * For a preflight answered with a redirect: a `redir` sorts before `handle`, wherever it is written
 * (https://caddyserver.com/docs/caddyfile/directives#directive-order), so it answers OPTIONS before
 * the @preflight handler can; a matcher that leaves OPTIONS out lets the handler answer it (seen on
 * Caddy 2.6).
 */
function preflightRedirectedLines(which: 'this' | 'one'): string[] {
  return [
    `# ${which === 'this' ? 'This preflight' : 'A preflight of these requests'} was answered with a redirect. A redir in the site block`,
    '# runs before handle @preflight wherever it is written (Caddy sorts redir first): give it a',
    '# matcher that leaves OPTIONS out (the other methods still get the redirect), with its own',
    '# path and target:',
    '#   @redirect {',
    '#   	path /old/*',
    '#   	not method OPTIONS',
    '#   }',
    '#   redir @redirect /new/ 301',
  ];
}

export function caddyFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const mapped = p.nullOriginAny === true || p.origins !== undefined;
  const redirected = preflightRedirected(ctx);
  // The directives go inside the site block that serves the API, whatever it does
  // (reverse_proxy, file_server, respond): printed without a site address of their own (a made-up
  // one would turn on automatic HTTPS for a host that is not yours), so they apply as printed.
  const lines = [
    ...(note ? [`# ${note}`] : []),
    '# Inside the site block that serves the API, in place of its CORS lines (its reverse_proxy,',
    '# file_server or respond stays):',
    ...(redirected === null ? [] : preflightRedirectedLines(redirected)),
    ...(mapped ? originLines(p) : []),
    'header {',
    // The backend's own lines go: a backend that echoes any Origin (with credentials) would still
    // answer every other site. Deferred header blocks apply innermost first, and Caddy puts this
    // block (no matcher) after the matched ones, so it deletes before they set.
    // https://caddyserver.com/docs/caddyfile/directives#sorting-algorithm
    ...(mapped ? ['	-Access-Control-Allow-Origin'] : [`	Access-Control-Allow-Origin ${quote(p.origin)}`]),
    ...(p.credentials && !mapped ? ['	Access-Control-Allow-Credentials true'] : ['	-Access-Control-Allow-Credentials']),
    ...(p.expose.length > 0 ? [`	Access-Control-Expose-Headers ${quote(p.expose.join(', '))}`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart. `+` adds Origin beside
    // the backend's Vary (Accept-Encoding, ...) instead of replacing it.
    ...(p.origin === '*' ? [] : ['	+Vary Origin']),
    '	defer # replace what the backend sends, instead of adding a second value',
    '}',
    '',
    '@preflight method OPTIONS',
    'handle @preflight {',
    ...(listsMethods(p) ? [`	header Access-Control-Allow-Methods ${quote(fixMethods(p).join(', '))}`] : []),
    ...(p.headers.length > 0 ? [`	header Access-Control-Allow-Headers ${quote(p.headers.join(', '))}`] : []),
    `	header Access-Control-Max-Age ${p.maxAge ?? 600}`,
    ...privateNetworkHeaders(ctx).flatMap(([h, v]) => [`	# ${PRIVATE_NETWORK_COMMENT}`, `	header ${h} ${quote(v)}`]),
    '	respond 204',
    '}',
  ];
  const traps = [
    'Without the @preflight handler, OPTIONS goes to the backend, which often answers 404/405. Without "defer", a backend that sends its own Access-Control-Allow-Origin ends up with two values. A redir or basicauth in the site block answers OPTIONS before the @preflight handler, wherever it is written (Caddy sorts both before handle): give it a named matcher that leaves OPTIONS out (not method OPTIONS).',
    privateNetworkWords(ctx, 'Caddy', true),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'caddy', title: 'Caddy: header block and a 204 for OPTIONS', language: 'caddyfile', snippet: lines.join('\n'), trap: traps.join(' ') };
}
