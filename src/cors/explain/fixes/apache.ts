// Apache httpd mod_headers + mod_rewrite. https://httpd.apache.org/docs/2.4/mod/mod_headers.html

import { apacheString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';

// Values Apache cannot hold literally (a `${` Define reference) become this, with a note.
const UNSAFE = '"REPLACE-ME"';
const quote = (v: string): string => apacheString(v) ?? UNSAFE;

export function apacheFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`# ${note}`] : []),
    '# a2enmod headers rewrite; in the <VirtualHost> or <Directory> that serves the API:',
    '# Drop a copy a proxied backend may send, so the browser sees one value:',
    'Header unset Access-Control-Allow-Origin',
    `Header always set Access-Control-Allow-Origin ${quote(p.origin)}`,
    ...(p.credentials ? ['Header always set Access-Control-Allow-Credentials "true"'] : []),
    ...(p.methods.length > 0 ? [`Header always set Access-Control-Allow-Methods ${quote(['GET', 'HEAD', 'POST', ...p.methods].join(', '))}`] : []),
    ...(p.headers.length > 0 ? [`Header always set Access-Control-Allow-Headers ${quote(p.headers.join(', '))}`] : []),
    ...(p.expose.length > 0 ? [`Header always set Access-Control-Expose-Headers ${quote(p.expose.join(', '))}`] : []),
    'Header always merge Vary "Origin"',
    '',
    '# Answer the preflight here, before authentication or the application:',
    'RewriteEngine On',
    'RewriteCond %{REQUEST_METHOD} OPTIONS',
    'RewriteRule ^ - [R=204,L]',
  ];
  const traps = [
    '"Header set" without "always" is skipped on error responses (4xx/5xx), so those arrive without CORS headers. mod_headers must be enabled, or the Header lines are a configuration error. Without the OPTIONS rule, the preflight reaches auth or the app and fails.',
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'apache', title: 'Apache: Header always set, and answer OPTIONS', language: 'apache', snippet: lines.join('\n'), trap: traps.join(' ') };
}
