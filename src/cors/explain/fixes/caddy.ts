// Caddy `header` and `respond`. https://caddyserver.com/docs/caddyfile/directives/header

import { caddyString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { fixMethods, listsMethods } from '../policy.ts';

const quote = (v: string): string => caddyString(v) ?? '`REPLACE-ME`';

/**
 * Both kinds of request (`NeededPolicy.nullOriginAny`): a header matcher for each Origin, each
 * with its own answer; any other origin matches neither and gets no Access-Control-Allow-Origin.
 */
function nullOriginAnyLines(origin: string, credentials: boolean): string[] {
  return [
    "# Each answer chosen from the request's Origin (any other origin gets none). Origin: null (sent",
    '# after a redirect from another origin, and by any sandboxed page, on any site) gets *, which',
    '# the browser accepts only for a request without credentials: any page can read what the',
    `# server answers one without them. The page's origin gets itself${credentials ? ', with credentials' : ''}.`,
    '@cors_null header Origin null',
    `@cors_page header Origin ${quote(origin)}`,
    'header @cors_null {',
    '	Access-Control-Allow-Origin *',
    '	defer',
    '}',
    'header @cors_page {',
    `	Access-Control-Allow-Origin ${quote(origin)}`,
    ...(credentials ? ['	Access-Control-Allow-Credentials true'] : []),
    '	defer',
    '}',
  ];
}

export function caddyFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  // The directives go inside the site block that serves the API, whatever it does
  // (reverse_proxy, file_server, respond): printed without a site address of their own (a made-up
  // one would turn on automatic HTTPS for a host that is not yours), so they apply as printed.
  const lines = [
    ...(note ? [`# ${note}`] : []),
    '# Inside the site block that serves the API, in place of its CORS lines (its reverse_proxy,',
    '# file_server or respond stays):',
    ...(p.nullOriginAny ? nullOriginAnyLines(p.origin, p.credentials) : []),
    'header {',
    ...(p.nullOriginAny ? [] : [`	Access-Control-Allow-Origin ${quote(p.origin)}`]),
    ...(p.credentials && !p.nullOriginAny ? ['	Access-Control-Allow-Credentials true'] : []),
    ...(p.expose.length > 0 ? [`	Access-Control-Expose-Headers ${quote(p.expose.join(', '))}`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ['	Vary Origin']),
    '	defer # replace what the backend sends, instead of adding a second value',
    '}',
    '',
    '@preflight method OPTIONS',
    'handle @preflight {',
    ...(listsMethods(p) ? [`	header Access-Control-Allow-Methods ${quote(fixMethods(p).join(', '))}`] : []),
    ...(p.headers.length > 0 ? [`	header Access-Control-Allow-Headers ${quote(p.headers.join(', '))}`] : []),
    `	header Access-Control-Max-Age ${p.maxAge ?? 600}`,
    '	respond 204',
    '}',
  ];
  const traps = [
    'Without the @preflight handler, OPTIONS goes to the backend, which often answers 404/405. Without "defer", a backend that sends its own Access-Control-Allow-Origin ends up with two values.',
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'caddy', title: 'Caddy: header block and a 204 for OPTIONS', language: 'caddyfile', snippet: lines.join('\n'), trap: traps.join(' ') };
}
