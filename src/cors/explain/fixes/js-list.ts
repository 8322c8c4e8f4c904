// A JavaScript array literal of strings, for the JS snippets.

import { jsString } from '../escape.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';
import { PRIVATE_NETWORK_COMMENT } from './context.ts';

export const jsList = (xs: readonly string[]): string => `[${xs.map(jsString).join(', ')}]`;

/**
 * The `const CORS = {…}` object a fetch-handler fix (Next.js middleware, a Cloudflare Worker) sets
 * on every response: origin, credentials, exposed headers and, for one origin, Vary. For several
 * page origins (`NeededPolicy.origins`), a `corsHeaders(request)` function instead, which names the
 * request's Origin only when it is one of them (`jsCorsPerRequestLines` calls it in the handler).
 */
export function jsCorsObjectLines(p: NeededPolicy): string[] {
  if (p.origins !== undefined) return jsCorsFunctionLines(p, p.origins);
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

/** The comment above a check of the request's Origin against the page origins. */
export const ORIGIN_LIST_COMMENT = [
  "// Each page origin allowed gets itself, any other Origin no Access-Control-Allow-Origin (never the",
  "// request's Origin unchecked); every answer depends on the Origin, and Vary says so to caches.",
];

function jsCorsFunctionLines(p: NeededPolicy, origins: readonly string[]): string[] {
  return [
    `const ALLOWED_ORIGINS = ${jsList(origins)};`,
    '',
    ...ORIGIN_LIST_COMMENT,
    'function corsHeaders(request) {',
    "  const origin = request.headers.get('Origin');",
    '  return {',
    `    ...(ALLOWED_ORIGINS.includes(origin) ? { 'Access-Control-Allow-Origin': origin${p.credentials ? ", 'Access-Control-Allow-Credentials': 'true'" : ''} } : {}),`,
    ...(p.expose.length > 0 ? [`    'Access-Control-Expose-Headers': ${jsString(p.expose.join(', '))},`] : []),
    "    'Vary': 'Origin',",
    '  };',
    '}',
  ];
}

/**
 * The Worker's lines that put `CORS` on the response it copied from the origin behind it: the
 * origin's own Access-Control-Allow-Origin and -Credentials go first (one that echoes any Origin
 * would still answer every other site), and Origin joins the origin's Vary (Accept-Encoding, ...)
 * instead of replacing it, unless it is there already (or `*`). Each line after `indent`.
 */
export function jsReplaceCorsLines(p: NeededPolicy, indent: string): string[] {
  const deletes = [
    "// The origin's own CORS lines go: an Origin not allowed gets none at all.",
    "response.headers.delete('Access-Control-Allow-Origin');",
    "response.headers.delete('Access-Control-Allow-Credentials');",
  ];
  // One origin `*`: no Vary in CORS (`jsCorsObjectLines`).
  if (p.origins === undefined && p.origin === '*') return [...deletes, 'for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);'].map((l) => `${indent}${l}`);
  return [
    ...deletes,
    'for (const [name, value] of Object.entries(CORS)) {',
    "  // Vary: Origin added to the origin's Vary (Accept-Encoding, ...), not in its place.",
    "  if (name !== 'Vary') response.headers.set(name, value);",
    "  else if (!/(^|,)\\s*(origin|\\*)\\s*(,|$)/i.test(response.headers.get('Vary') ?? '')) response.headers.append(name, value);",
    '}',
  ].map((l) => `${indent}${l}`);
}

/** The handler's first line for several page origins (`const CORS = corsHeaders(request);`), after `indent`; none for one. */
export function jsCorsPerRequestLines(p: NeededPolicy, indent: string): string[] {
  return p.origins !== undefined ? [`${indent}const CORS = corsHeaders(request);`] : [];
}

/** The headers of the same handler's 204 answer to OPTIONS: CORS, the methods and headers, Max-Age; each line after `indent`. */
export function jsPreflightHeaderLines(p: NeededPolicy, indent: string, privateNetwork: readonly [string, string][] = []): string[] {
  return [
    `${indent}...CORS,`,
    ...(listsMethods(p) ? [`${indent}'Access-Control-Allow-Methods': ${jsString(fixMethods(p).join(', '))},`] : []),
    ...(p.headers.length > 0 ? [`${indent}'Access-Control-Allow-Headers': ${jsString(p.headers.join(', '))},`] : []),
    `${indent}'Access-Control-Max-Age': '${p.maxAge ?? 600}',`,
    ...privateNetwork.flatMap(([h, v]) => [`${indent}// ${PRIVATE_NETWORK_COMMENT}`, `${indent}${jsString(h)}: ${jsString(v)},`]),
  ];
}

/** How a JS framework's hook sets the private-network lines on the OPTIONS answer (`jsPrivateNetworkHook`). */
export interface JsHook {
  /** Why a hook: `cors has no option for it, so this sets it first.` */
  why: string;
  /** The hook's first line, `app.use((req, res, next) => {`. */
  open: string;
  /** Lines the hook runs before its test (Hono's `await next();`). */
  before?: string[];
  /** The request's method, `req.method`. */
  method: string;
  /** The call that sets one line, without the `;`: `res.setHeader(…)`. */
  set: (header: string, value: string) => string;
  /** Lines the hook ends with after its test (`next();`). */
  after?: string[];
}

/**
 * A hook, registered before the CORS library (which has no option for it), that sets the
 * private-network lines on the OPTIONS answer. Empty when there are none.
 */
export function jsPrivateNetworkHook(privateNetwork: readonly [string, string][], hook: JsHook): string[] {
  if (privateNetwork.length === 0) return [];
  return [
    `// ${PRIVATE_NETWORK_COMMENT}`,
    `// ${hook.why}`,
    hook.open,
    ...(hook.before ?? []).map((l) => `  ${l}`),
    `  if (${hook.method} === 'OPTIONS') {`,
    ...privateNetwork.map(([h, v]) => `    ${hook.set(jsString(h), jsString(v))};`),
    '  }',
    ...(hook.after ?? []).map((l) => `  ${l}`),
    '});',
    '',
  ];
}

/** The Express middleware that does it (Express's cors, NestJS's enableCors on Express): `library` has no option for it. */
export function expressPrivateNetworkLines(privateNetwork: readonly [string, string][], library: string): string[] {
  return jsPrivateNetworkHook(privateNetwork, { why: `${library} has no option for it, so this sets it first.`, open: 'app.use((req, res, next) => {', method: 'req.method', set: (h, v) => `res.setHeader(${h}, ${v})`, after: ['next();'] });
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
