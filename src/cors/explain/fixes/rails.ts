// Rails with rack-cors. https://github.com/cyu/rack-cors#rails-configuration

import { singleQuotedString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { joinTraps } from './js-list.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

const rubyList = (xs: readonly string[]): string => `[${xs.map(singleQuotedString).join(', ')}]`;

export function railsFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  // rack-cors compares the request's method in lower case.
  const methods = [...fixMethods(p), 'OPTIONS'].map((m) => m.toLowerCase());
  const options = [
    ...(p.headers.length > 0 ? [`headers: ${rubyList(p.headers)}`] : []),
    `methods: ${rubyList([...new Set(methods)])}`,
    ...(p.expose.length > 0 ? [`expose: ${rubyList(p.expose)}`] : []),
    ...(p.credentials ? ['credentials: true'] : []),
    `max_age: ${p.maxAge ?? 600}`,
  ];
  const lines = [
    ...(note ? [`# ${note}`] : []),
    ...replacesSetupLines(ctx, 'rails', '#', [
      "This replaces the app's existing Rack::Cors block (its answers already carry CORS headers from it):",
      'remove it, so one configuration decides.',
    ]),
    '# Gemfile: gem "rack-cors"',
    '# config/initializers/cors.rb',
    '# insert_before 0: ahead of every other middleware (auth, Warden/Devise) so OPTIONS is answered.',
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    // rack-cors takes each allowed origin as an argument and answers a listed one with itself.
    `    origins ${allowedOrigins(p).map(singleQuotedString).join(', ')}`,
    `    resource '*',`,
    ...options.map((o, i) => `      ${o}${i < options.length - 1 ? ',' : ''}`),
    '  end',
    'end',
  ];
  const trap = "An origins value with a trailing slash or a path ('https://app.example/') never matches the Origin header. Middleware inserted with use instead of insert_before 0 runs after authentication, which answers the preflight 401.";
  return { target: 'rails', title: 'Rails: rack-cors, first in the middleware', language: 'ruby', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'rack-cors', false), errorTrap(ctx)) };
}
