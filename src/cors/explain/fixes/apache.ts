// Apache httpd mod_headers + mod_rewrite. https://httpd.apache.org/docs/2.4/mod/mod_headers.html

import { apacheExactRegex, apacheString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote } from './context.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';

// Values Apache cannot hold literally (a `${` Define reference) become this, with a note naming the
// headers it stands in for.
const UNSAFE = '"REPLACE-ME"';

/**
 * Both kinds of request (`NeededPolicy.nullOriginAny`): SetEnvIf names the answer for each Origin,
 * and `env=` sends a header only where its variable is set, so any other origin gets none.
 */
function originLines(p: NeededPolicy): string[] {
  const credentials = p.credentials ? ' CORS_ALLOW_CREDENTIALS' : '';
  return [
    ...(p.nullOriginAny
      ? [
          "# Each answer chosen from the request's Origin (any other origin gets none). Origin: null (sent",
          '# after a redirect from another origin, and by any sandboxed page, on any site) gets *, which',
          '# the browser accepts only for a request without credentials: any page can read what the',
          `# server answers one without them. The page's origin gets itself ($0, the whole match)${p.credentials ? ', with credentials' : ''}.`,
          'SetEnvIf Origin "^null$" CORS_ALLOW_ORIGIN=*',
        ]
      : ["# Each answer chosen from the request's Origin: each page origin allowed gets itself ($0, the", '# whole match), any other origin none.']),
    ...allowedOrigins(p).map((o) => `SetEnvIf Origin ${apacheExactRegex(o)} CORS_ALLOW_ORIGIN=$0${credentials}`),
    'Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN',
    ...(p.credentials ? ['Header always set Access-Control-Allow-Credentials "true" env=CORS_ALLOW_CREDENTIALS'] : []),
  ];
}

export function apacheFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const mapped = p.nullOriginAny === true || p.origins !== undefined;
  const privateNetwork = privateNetworkHeaders(ctx);
  const policyHeaders: [header: string, value: string][] = [
    ...(mapped ? [] : [['Access-Control-Allow-Origin', p.origin] as [string, string]]),
    ...(p.credentials && !mapped ? [['Access-Control-Allow-Credentials', 'true'] as [string, string]] : []),
    ...(listsMethods(p) ? [['Access-Control-Allow-Methods', fixMethods(p).join(', ')] as [string, string]] : []),
    ...(p.headers.length > 0 ? [['Access-Control-Allow-Headers', p.headers.join(', ')] as [string, string]] : []),
    ...(p.expose.length > 0 ? [['Access-Control-Expose-Headers', p.expose.join(', ')] as [string, string]] : []),
    // The server's own preflight max-age, kept (a replaced configuration would drop it).
    ...(p.maxAge !== undefined ? [['Access-Control-Max-Age', String(p.maxAge)] as [string, string]] : []),
  ];
  // Every CORS line this snippet sets, unset first: "Header always set" replaces only its own
  // table's copy, so a proxied backend's line (in the other table) would go out beside it.
  const unset = [
    'Access-Control-Allow-Origin',
    ...(p.credentials ? ['Access-Control-Allow-Credentials'] : []),
    ...policyHeaders.map(([header]) => header).filter((h) => h !== 'Access-Control-Allow-Origin' && h !== 'Access-Control-Allow-Credentials'),
    ...privateNetwork.map(([header]) => header),
  ];
  const unsafe = policyHeaders.filter(([, value]) => apacheString(value) === null).map(([header]) => header);
  const lines = [
    ...(note ? [`# ${note}`] : []),
    ...(unsafe.length > 0
      ? [`# NOTE: the value of ${unsafe.join(', ')} holds "\${", which Apache reads as a Define reference and cannot escape: put the value, without "\${", in place of REPLACE-ME.`]
      : []),
    `# a2enmod headers rewrite${mapped ? ' setenvif' : ''}; in the <VirtualHost> or <Directory> that serves the API:`,
    '# Drop the copies a proxied backend may send, so the browser sees one value of each:',
    ...unset.map((header) => `Header unset ${header}`),
    ...(mapped ? originLines(p) : []),
    ...policyHeaders.map(([header, value]) => `Header always set ${header} ${apacheString(value) ?? UNSAFE}`),
    ...privateNetwork.flatMap(([header, value]) => [`# ${PRIVATE_NETWORK_COMMENT}`, `Header always set ${header} ${apacheString(value) ?? UNSAFE} "expr=%{REQUEST_METHOD} == 'OPTIONS'"`]),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ['Header always merge Vary "Origin"']),
    '',
    '# Answer the preflight here, before authentication or the application:',
    'RewriteEngine On',
    'RewriteCond %{REQUEST_METHOD} OPTIONS',
    'RewriteRule ^ - [R=204,L]',
  ];
  const traps = [
    '"Header set" without "always" is skipped on error responses (4xx/5xx), so those arrive without CORS headers. mod_headers must be enabled, or the Header lines are a configuration error. Without the OPTIONS rule, the preflight reaches auth or the app and fails.',
    privateNetworkWords(ctx, 'Apache', true),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'apache', title: 'Apache: Header always set, and answer OPTIONS', language: 'apache', snippet: lines.join('\n'), trap: traps.join(' ') };
}
