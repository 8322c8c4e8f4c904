// Flask with Flask-CORS. https://flask-cors.readthedocs.io/en/latest/api.html

import { pythonString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { allowedOrigins, fixMethods, listsMethods, type NeededPolicy } from '../policy.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';

const pyList = (xs: string[]): string => `[${xs.map(pythonString).join(', ')}]`;

/**
 * Flask-CORS reads an `origins` or `allow_headers` item holding any of `* \ ] ? $ ^ [ ( )` as a
 * regular expression matched from its start, with no end anchor (flask_cors/core.py
 * `probably_regex`, `try_match_pattern`): `https://[fe80::1]` would be a character class matching
 * `https://evil.example`, and a server's header name `.*` every header. Such an item is written as a
 * compiled pattern matching exactly it (`re.escape`, `\Z`; case-insensitive, as Flask-CORS compares
 * a plain item). `*` alone, in allow_headers without credentials, stays: it means every header there,
 * as in the header.
 */
const FLASK_REGEX_CHARS = /[*\\\]?$^[()]/;
const needsExactPattern = (item: string): boolean => FLASK_REGEX_CHARS.test(item);
const pyExactList = (xs: readonly string[], keep: (x: string) => boolean = () => false): string =>
  `[${xs.map((x) => (needsExactPattern(x) && !keep(x) ? `re.compile(re.escape(${pythonString(x)}) + r"\\Z", re.IGNORECASE)` : pythonString(x))).join(', ')}]`;

/**
 * Python lines setting, on `target` (`response.headers[`, `response[`), the answer to an
 * `Origin: null` request (`NeededPolicy.nullOriginAny`): `*`, and on its preflight the methods and
 * headers. Shared by Flask's and Django's hooks (neither library can answer one origin `*`).
 */
export function pythonNullOriginAnyAnswer(p: NeededPolicy, target: string, indent: string): string[] {
  const preflight = [
    ...(listsMethods(p) ? [`${target}"Access-Control-Allow-Methods"] = ${pythonString(fixMethods(p).join(', '))}`] : []),
    ...(p.headers.length > 0 ? [`${target}"Access-Control-Allow-Headers"] = ${pythonString(p.headers.join(', '))}`] : []),
    ...(p.maxAge !== undefined ? [`${target}"Access-Control-Max-Age"] = "${p.maxAge}"`] : []),
  ];
  return [
    `${indent}if request.headers.get("Origin") == "null":`,
    `${indent}    ${target}"Access-Control-Allow-Origin"] = "*"`,
    ...(p.expose.length > 0 ? [`${indent}    ${target}"Access-Control-Expose-Headers"] = ${pythonString(p.expose.join(', '))}`] : []),
    ...(preflight.length > 0 ? [`${indent}    if request.method == "OPTIONS":`, ...preflight.map((l) => `${indent}        ${l}`)] : []),
  ];
}

/**
 * Both kinds of request: Flask-CORS answers every allowed origin alike (with credentials, `*` too
 * becomes the request's Origin, null), so a hook answers Origin: null. Flask-CORS leaves a response
 * that has Access-Control-Allow-Origin alone, and adds none for null: the order of the hooks does
 * not matter.
 */
function nullOriginAnyHook(p: NeededPolicy): string[] {
  return [
    '',
    '',
    '# Flask-CORS cannot answer one origin * and another with itself, so this hook answers',
    '# Origin: null (sent after a redirect from another origin, and by any sandboxed page) with *,',
    '# which the browser accepts only for a request without credentials: any page can read what the',
    '# server answers one without them (a sandboxed iframe sends Origin: null on any site). Never',
    '# allow null itself. Every answer depends on the Origin: Vary says so to caches.',
    '@app.after_request',
    'def cors_null_origin_any(response):',
    '    response.vary.add("Origin")',
    ...pythonNullOriginAnyAnswer(p, 'response.headers[', '    '),
    '    return response',
  ];
}

/**
 * Flask-CORS upper-cases the methods it is given (flask_cors/core.py `serialize_options`:
 * `serialize_option(options, 'methods', upper=True)`), and the browser compares a method it does
 * not normalise (all but DELETE, GET, HEAD, OPTIONS, POST, PUT: https://fetch.spec.whatwg.org/#concept-method-normalize)
 * case-sensitively: its preflight for `patch` is refused by `Access-Control-Allow-Methods: PATCH`.
 * Flask-CORS still answers that preflight (it upper-cases the Access-Control-Request-Method too), so
 * a hook that runs after it writes the list as given over the one it sent. Flask runs after_request
 * hooks last-registered first: this one is registered before CORS(app) (printed above it).
 */
function exactMethodsHook(methods: readonly string[]): string[] {
  return [
    '# Flask-CORS upper-cases every method it is given (patch becomes PATCH), and the browser compares',
    '# methods case-sensitively (it upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT itself),',
    '# so this hook writes the list as given here over the one Flask-CORS sends on the preflight.',
    '# Keep it above CORS(app): Flask runs after_request hooks last-registered first, so it runs after',
    "# Flask-CORS's.",
    '@app.after_request',
    'def cors_exact_methods(response):',
    '    if "Access-Control-Allow-Methods" in response.headers:',
    `        response.headers["Access-Control-Allow-Methods"] = ${pythonString(methods.join(', '))}`,
    '    return response',
    '',
    '',
  ];
}

/** Whether Flask-CORS would send `method` otherwise than it is written (it upper-cases them): `exactMethodsHook`. */
const notUpperCase = (method: string): boolean => method !== method.toUpperCase();

// Methods said one by one in the trap: a hostile capture may keep a thousand.
const UPPER_CASED_SAID = 4;

/** `patch as PATCH, Purge as PURGE` (and how many more). */
function upperCasedWords(methods: readonly string[]): string {
  const said = methods.slice(0, UPPER_CASED_SAID).map((m) => `${m} as ${m.toUpperCase()}`).join(', ');
  return methods.length > UPPER_CASED_SAID ? `${said} and ${methods.length - UPPER_CASED_SAID} more` : said;
}

export function flaskFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const privateNetwork = privateNetworkHeaders(ctx);
  const note = replacedNote(p);
  const methods = p.keptMethods ? [...p.keptMethods, 'OPTIONS'] : ['GET', 'HEAD', 'POST', 'OPTIONS', ...p.methods];
  const exactMethods = listsMethods(p) && methods.some(notUpperCase);
  const args = [
    'app',
    // Flask-CORS echoes the request's Origin even for "*" unless send_wildcard=True: after a
    // cross-origin redirect that is `Access-Control-Allow-Origin: null`, the value no fix advises.
    // https://flask-cors.readthedocs.io/en/latest/api.html (send_wildcard)
    ...(p.origin === '*' ? ['origins="*"', 'send_wildcard=True'] : [`origins=${pyExactList(allowedOrigins(p))}`]),
    ...(p.credentials ? ['supports_credentials=True'] : []),
    ...(listsMethods(p) ? [`methods=${pyList(methods)}`] : []),
    ...(p.headers.length > 0 ? [`allow_headers=${pyExactList(p.headers, (h) => h === '*' && !p.credentials)}`] : []),
    ...(p.expose.length > 0 ? [`expose_headers=${pyList(p.expose)}`] : []),
    // The server's own preflight max-age (Flask-CORS sends none unless told).
    ...(p.maxAge !== undefined ? [`max_age=${p.maxAge}`] : []),
  ];
  const lines = [
    ...(note ? [`# ${note}`] : []),
    ...replacesSetupLines(ctx, 'flask', '#', [
      "This replaces the app's existing CORS(app, ...) call (its answers already carry CORS headers from",
      'Flask-CORS): remove it, and any @cross_origin on the routes, so one configuration decides.',
    ]),
    '# pip install flask-cors',
    ...(args.some((a) => a.includes('re.compile(')) ? ['import re', ''] : []),
    ...(p.nullOriginAny || privateNetwork.length > 0 ? ['from flask import request'] : []),
    'from flask_cors import CORS',
    '',
    ...(exactMethods ? exactMethodsHook(methods) : []),
    `CORS(${args.join(', ')})`,
    ...(p.nullOriginAny ? nullOriginAnyHook(p) : []),
    ...(privateNetwork.length > 0
      ? ['', '', `# ${PRIVATE_NETWORK_COMMENT}`, '@app.after_request', 'def cors_private_network(response):', '    if request.method == "OPTIONS":', ...privateNetwork.map(([h, v]) => `        response.headers[${pythonString(h)}] = ${pythonString(v)}`), '    return response']
      : []),
  ];
  const traps = [
    'Call CORS(app) on the app itself (or on every blueprint that serves the API). With supports_credentials=True, origins must not be "*", nor a pattern that matches every origin (r".*"): name them.',
    ...(exactMethods
      ? [`Flask-CORS upper-cases the methods it is given: it would list ${upperCasedWords(methods.filter(notUpperCase))}, which the browser does not take for the method the page sends (it compares methods case-sensitively), so the cors_exact_methods hook sends the list as written; keep it above CORS(app).`]
      : []),
    ...(args.some((a) => a.includes('re.compile(')) ? ['Flask-CORS reads a plain string holding [ ] ( ) * ? ^ $ or \\ as a regular expression matched from its start (the brackets of an IPv6 origin would match other sites): keep such an item as the re.compile(re.escape(...) + r"\\Z") it is written as.'] : []),
    privateNetworkWords(ctx, 'Flask', true),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'flask', title: 'Flask: Flask-CORS', language: 'python', snippet: lines.join('\n'), trap: traps.join(' ') };
}
