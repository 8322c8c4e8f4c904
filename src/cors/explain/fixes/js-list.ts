// A JavaScript array literal of strings, for the JS snippets.

import { jsString } from '../escape.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';

const jsList = (xs: readonly string[]): string => `[${xs.map(jsString).join(', ')}]`;

/**
 * The `const CORS = {…}` object a fetch-handler fix (Next.js middleware, a Cloudflare Worker) sets
 * on every response: origin, credentials, exposed headers and, for one origin, Vary.
 */
export function jsCorsObjectLines(p: NeededPolicy): string[] {
  return [
    'const CORS = {',
    `  'Access-Control-Allow-Origin': ${jsString(p.origin)},`,
    ...(p.credentials ? ["  'Access-Control-Allow-Credentials': 'true',"] : []),
    ...(p.expose.length > 0 ? [`  'Access-Control-Expose-Headers': ${jsString(p.expose.join(', '))},`] : []),
    // `*` is the same for every Origin: nothing for a cache to tell apart.
    ...(p.origin === '*' ? [] : ["  'Vary': 'Origin',"]),
    '};',
  ];
}

/** The headers of the same handler's 204 answer to OPTIONS: CORS, the methods and headers, Max-Age; each line after `indent`. */
export function jsPreflightHeaderLines(p: NeededPolicy, indent: string): string[] {
  return [
    `${indent}...CORS,`,
    ...(listsMethods(p) ? [`${indent}'Access-Control-Allow-Methods': ${jsString(fixMethods(p).join(', '))},`] : []),
    ...(p.headers.length > 0 ? [`${indent}'Access-Control-Allow-Headers': ${jsString(p.headers.join(', '))},`] : []),
    `${indent}'Access-Control-Max-Age': '${p.maxAge ?? 600}',`,
  ];
}


/** The traps of a fix as one text: the stack's own, then the error's. */
export const joinTraps = (...traps: (string | null)[]): string => traps.filter((t): t is string => t !== null).join(' ');

/**
 * The option lines every JS CORS middleware takes (origin, credentials, methods, request and
 * exposed headers), under each library's own names for the last three.
 */
export function jsCorsOptions(p: NeededPolicy, names: { methods: string; headers: string; expose: string }): string[] {
  return [
    // Several page origins: the list, which cors, @fastify/cors, hono and NestJS each match exactly,
    // answering each with itself and any other with no Access-Control-Allow-Origin.
    `  origin: ${p.origins ? jsList(p.origins) : jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    ...(listsMethods(p) ? [`  ${names.methods}: ${jsList(fixMethods(p))},`] : []),
    ...(p.headers.length > 0 ? [`  ${names.headers}: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  ${names.expose}: ${jsList(p.expose)},`] : []),
    // The server's own preflight max-age (every one of these libraries names the option so).
    ...(p.maxAge !== undefined ? [`  maxAge: ${p.maxAge},`] : []),
  ];
}

/**
 * The comment above an origin option serving both kinds of request (`NeededPolicy.nullOriginAny`):
 * the page's origin as it is (with credentials when `credentials`), `*` for `Origin: null`, which
 * the browser accepts only without credentials (https://fetch.spec.whatwg.org/#concept-cors-check
 * steps 3, 6) but from any page that sends it, and nothing for any other origin. Never `null`
 * itself: every sandboxed iframe sends it.
 */
export function nullOriginAnyComment(credentials: boolean): string[] {
  return [
    '  // Origin: null (sent after a redirect from another origin, and by any sandboxed page, on any',
    '  // site) gets *, which the browser accepts only for a request without credentials: any page can',
    `  // read what the server answers one without them. The page's origin gets itself${credentials ? ', with credentials' : ''}.`,
  ];
}

/**
 * The origin option of Express's cors and @fastify/cors serving both kinds of request: both call
 * `callback(null, value)`, where `false` sends no CORS headers.
 */
export function callbackNullOriginAny(p: NeededPolicy): string[] {
  return [...nullOriginAnyComment(p.credentials), `  origin: (origin, callback) => callback(null, origin === 'null' ? '*' : ${jsOriginTest(p, 'origin')} ? origin : false),`];
}

/** `origin === 'https://a'`, or `['https://a', 'https://b'].includes(origin)` for several page origins. */
export function jsOriginTest(p: NeededPolicy, expr: string): string {
  const origins = allowedOrigins(p);
  return origins.length === 1 ? `${expr} === ${jsString(origins[0]!)}` : `${jsList(origins)}.includes(${expr})`;
}

/** `jsCorsOptions` without the option lines whose names are in `replaced` (written by the caller). */
export function jsCorsOptionsWithout(p: NeededPolicy, names: { methods: string; headers: string; expose: string }, replaced: readonly string[]): string[] {
  return jsCorsOptions(p, names).filter((line) => !replaced.some((name) => line.startsWith(`  ${name}: `)));
}
