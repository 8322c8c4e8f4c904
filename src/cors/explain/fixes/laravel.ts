// Laravel's HandleCors middleware (config/cors.php). https://laravel.com/docs/routing#cors

import { singleQuotedString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { joinTraps } from './js-list.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

const phpList = (xs: readonly string[]): string => `[${xs.map(singleQuotedString).join(', ')}]`;

export function laravelFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    '<?php',
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'laravel', '//', ["This replaces the whole of the app's config/cors.php (its answers already carry CORS headers from it)."]),
    '// config/cors.php (php artisan config:publish cors); HandleCors is in the global middleware.',
    'return [',
    "    'paths' => ['api/*', 'sanctum/csrf-cookie'],",
    `    'allowed_methods' => ${phpList(fixMethods(p))},`,
    `    'allowed_origins' => ${phpList(allowedOrigins(p))},`,
    "    'allowed_origins_patterns' => [],",
    `    'allowed_headers' => ${phpList(p.headers.length > 0 ? p.headers : ['content-type'])},`,
    `    'exposed_headers' => ${phpList(p.expose)},`,
    `    'max_age' => ${p.maxAge ?? 600},`,
    `    'supports_credentials' => ${p.credentials ? 'true' : 'false'},`,
    '];',
  ];
  const trap = "'paths' must match the preflight's path (api/* does not match /v1/...): an unmatched path gets no CORS headers at all. After editing, php artisan config:clear (a cached config keeps the old values).";
  return { target: 'laravel', title: 'Laravel: config/cors.php', language: 'php', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, "Laravel's HandleCors", false), errorTrap(ctx)) };
}
