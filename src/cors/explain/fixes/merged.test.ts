import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ServerStack } from '../explanation.ts';
import { API, PAGE, caseFor, diagnosed, diagnosisOf, engineCase, exchangeOf } from '../test-diagnosis.ts';
import { noServerAllows } from '../server-allows.ts';
import { addToNeed, emptyNeed, keptFromServerWords, localNetworkNeedWords, MERGED_NEED_LIMIT, mergedFix, type MergedNeed, onlyTaintedWithCredentials } from './merged.ts';

const need = (over: Partial<MergedNeed>): MergedNeed => ({ ...emptyNeed(), ...over });

describe('addToNeed merges what failing and working requests need', () => {
  it('takes the method and headers of a blocked preflighted request and of an allowed one', () => {
    const merged = emptyNeed();
    const blocked = engineCase('HeaderDisallowedByPreflightResponse', 'no-allow-headers');
    addToNeed(merged, blocked.diagnosis, blocked.exchange);
    addToNeed(merged, diagnosisOf({ preflight: { hop: 0, required: true, reasons: [{ kind: 'method', method: 'DELETE' }], observed: 'sent' } }), exchangeOf({ method: 'DELETE' }));
    addToNeed(merged, diagnosisOf({ credentialsMode: 'include' }), exchangeOf({ origin: 'https://admin.example', headers: [['Cookie', 'a=1']] }));
    expect(merged).toEqual({ origins: [PAGE, 'https://admin.example'], methods: ['PUT', 'DELETE'], headers: ['x-trace'], credentials: true, originCredentials: true, originTainted: false, taintedPlain: false, taintedCredentials: false, omitted: 0, server: { ...noServerAllows(), methods: ['PUT'] }, serverOrigins: { fixed: [], echoed: true } });
  });

  it('keeps a value once and at most MERGED_NEED_LIMIT of a kind, counting the rest', () => {
    const merged = emptyNeed();
    for (let i = 0; i < MERGED_NEED_LIMIT + 5; i++) {
      const d = diagnosisOf({ preflight: { hop: 0, required: true, reasons: [{ kind: 'header', name: `x-h${i % (MERGED_NEED_LIMIT + 3)}`, why: 'name', value: '1' }], observed: 'sent' } });
      addToNeed(merged, d, exchangeOf());
    }
    expect(merged.headers).toHaveLength(MERGED_NEED_LIMIT);
    expect(merged.omitted).toBe(3);
  });

  it('takes a request that arrived with Origin: null after a cross-origin redirect as tainted, not its page origin', () => {
    const merged = emptyNeed();
    const x = exchangeOf({
      hops: [{ url: `${API}/a`, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', 'http://localhost:9/b']] } }, { url: 'http://localhost:9/b', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }],
      errorText: 'net::ERR_FAILED',
    });
    addToNeed(merged, diagnosed(x).diagnosis, x);
    expect(merged).toEqual({ ...emptyNeed(), originTainted: true, taintedPlain: true, serverOrigins: { fixed: [], echoed: true } });
  });

  it('leaves out a request that was not a CORS request', () => {
    const merged = emptyNeed();
    addToNeed(merged, diagnosisOf({ verdict: 'not-cors' }), exchangeOf({ method: 'PUT' }));
    expect(merged).toEqual(emptyNeed());
  });
});

describe('mergedFix writes the merged need for the stack', () => {
  // Reached directly with the page's origin and credentials, and through a cross-origin redirect without them.
  const both = need({ origins: [PAGE], originTainted: true, taintedPlain: true, credentials: true, originCredentials: true });
  const full = need({ origins: [PAGE], methods: ['PUT', 'DELETE'], headers: ['content-type', 'x-trace'], credentials: true, originCredentials: true });
  it.each<[ServerStack | null, MergedNeed, string[], string[]]>([
    [null, full, ['Access-Control-Allow-Origin: http://127.0.0.1:5173', 'Access-Control-Allow-Methods: GET, HEAD, POST, PUT, DELETE', 'Access-Control-Allow-Headers: content-type, x-trace', 'Access-Control-Allow-Credentials: true'], []],
    [null, need({ origins: [PAGE] }), ['Access-Control-Allow-Origin: http://127.0.0.1:5173', 'Vary: Origin'], ['Access-Control-Allow-Methods', 'Access-Control-Allow-Credentials', 'preflight']],
    ['express', full, ["origin: 'http://127.0.0.1:5173',", "methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],", "allowedHeaders: ['content-type', 'x-trace'],", 'credentials: true,'], ['exposedHeaders']],
    ['nginx', full, ['add_header Access-Control-Allow-Headers "content-type, x-trace" always;', 'add_header Access-Control-Allow-Methods "GET, HEAD, POST, PUT, DELETE" always;'], []],
    ['django', need({ origins: [PAGE], headers: ['x-trace'] }), ['CORS_ALLOWED_ORIGINS = ["http://127.0.0.1:5173"]', 'x-trace'], ['CORS_ALLOW_CREDENTIALS = True']],
    ['express', need({}), ["origin: 'https://your-app.example',"], []],
    // Requests that arrived with Origin: null after a cross-origin redirect: only * lets them
    // through, and it covers the page origins too; never null, and no Vary on a * answer.
    [null, need({ origins: [PAGE], originTainted: true, taintedPlain: true }), ['Access-Control-Allow-Origin: *'], [PAGE, 'null', 'Vary']],
    ['django', need({ originTainted: true, taintedPlain: true }), ['CORS_ALLOW_ALL_ORIGINS = True'], ['CORS_ALLOWED_ORIGINS', 'your-app.example', 'NOTE']],
    // Requests with the page's origin need credentials, so * fails them. Express and the stacks in
    // SERVES_NULL_ORIGIN_ANY serve both: the page's origin with credentials, * for Origin: null
    // (accepted only without credentials), and Vary: Origin on every answer (proven in Chromium on
    // each: test/fix-proof/merged.test.ts, merged-stacks.test.ts). The other stacks keep the page
    // origins (the caller's note says how to serve the rest).
    ['express', both, ["origin: (origin, callback) => callback(null, origin === 'null' ? '*' : origin === 'http://127.0.0.1:5173' ? origin : false),", 'credentials: true,', "res.vary('Origin');"], ["origin: 'http://127.0.0.1:5173',"]],
    ['fastify', both, ["origin: (origin, callback) => callback(null, origin === 'null' ? '*' : origin === 'http://127.0.0.1:5173' ? origin : false),", 'credentials: true,'], ["origin: 'http://127.0.0.1:5173',"]],
    // @koa/cors would answer * with credentials by echoing null: credentials only for the page's origin.
    ['koa', both, ["origin: (ctx) => (ctx.get('Origin') === 'null' ? '*' : ctx.get('Origin') === 'http://127.0.0.1:5173' ? ctx.get('Origin') : ''),", "credentials: (ctx) => ctx.get('Origin') !== 'null',"], ['credentials: true', "origin: 'http://"]],
    ['flask', both, ['CORS(app, origins=["http://127.0.0.1:5173"], supports_credentials=True)', '@app.after_request', 'if request.headers.get("Origin") == "null":', 'response.headers["Access-Control-Allow-Origin"] = "*"', 'response.vary.add("Origin")'], ['origins="*"', 'send_wildcard']],
    ['django', both, ['CORS_ALLOWED_ORIGINS = ["http://127.0.0.1:5173"]', 'CORS_ALLOW_CREDENTIALS = True', 'response["Access-Control-Allow-Origin"] = "*"', 'MIDDLEWARE = [f"{__name__}.cors_null_origin_any"'], ['CORS_ALLOW_ALL_ORIGINS', '"null"]']],
    ['nginx', both, ['map $http_origin $cors_allow_origin {', '    "null" "*";', '    "http://127.0.0.1:5173" "http://127.0.0.1:5173";', '    "http://127.0.0.1:5173" "true";', 'add_header Access-Control-Allow-Origin $cors_allow_origin always;', 'add_header Access-Control-Allow-Credentials $cors_allow_credentials always;', 'add_header Vary "Origin" always;'], ['add_header Access-Control-Allow-Origin "']],
    ['apache', both, ['SetEnvIf Origin "^null$" CORS_ALLOW_ORIGIN=*', 'SetEnvIf Origin "^http://127\\.0\\.0\\.1:5173$" CORS_ALLOW_ORIGIN=$0 CORS_ALLOW_CREDENTIALS', 'Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN', 'Header always set Access-Control-Allow-Credentials "true" env=CORS_ALLOW_CREDENTIALS', 'Header always merge Vary "Origin"'], ['Header always set Access-Control-Allow-Origin "http']],
    ['caddy', both, ['@cors_null header Origin null', '@cors_page header Origin `http://127.0.0.1:5173`', 'header @cors_null {\n\tAccess-Control-Allow-Origin *\n\tdefer\n}', 'header @cors_page {\n\tAccess-Control-Allow-Origin `http://127.0.0.1:5173`\n\tAccess-Control-Allow-Credentials true', '\t+Vary Origin'], ['header {\n\tAccess-Control-Allow-Origin']],
    ['spring', both, ['http://127.0.0.1:5173'], ['"*"']],
    // Every request came tainted with credentials: nothing the server may send lets them through, so
    // no placeholder origin, no credentials setting: the page must call the server directly.
    [null, need({ originTainted: true, taintedCredentials: true, credentials: true }), ["fetch('http://127.0.0.1:8080/path', { credentials: 'include' })"], ['your-app.example', 'credentials: true', 'NOTE']],
    // Only the tainted requests went with credentials: the direct page origin is written without them.
    ['express', need({ origins: [PAGE], originTainted: true, taintedCredentials: true, credentials: true }), ["origin: 'http://127.0.0.1:5173',"], ['credentials: true', "'*'"]],
    // Tainted with and without credentials: * serves the ones without (the note says the rest cannot be served).
    [null, need({ originTainted: true, taintedPlain: true, taintedCredentials: true, credentials: true }), ['Access-Control-Allow-Origin: *'], ['Access-Control-Allow-Credentials', 'your-app.example']],
  ])('%s %j', (stack, merged, present, absent) => {
    const fix = mergedFix(stack, merged, API);
    expect(fix.target).toBe(stack ?? 'generic');
    for (const text of present) expect(fix.snippet).toContain(text);
    for (const text of absent) expect(fix.snippet).not.toContain(text);
  });

  it('takes a tainted request with credentials apart from the page origins and their credentials', () => {
    const merged = emptyNeed();
    const x = exchangeOf({
      headers: [['Cookie', 'a=1']],
      credentialsMode: 'include',
      hops: [{ url: `${API}/a`, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Location', 'http://localhost:9/b']] } }, { url: 'http://localhost:9/b', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']] } }],
      errorText: 'net::ERR_FAILED',
    });
    addToNeed(merged, diagnosed(x).diagnosis, x);
    // The redirect's target answered Access-Control-Allow-Credentials: true: kept as what it allows.
    expect(merged).toEqual({ ...emptyNeed(), credentials: true, originTainted: true, taintedCredentials: true, server: { ...noServerAllows(), credentials: true }, serverOrigins: { fixed: [], echoed: true } });
    expect(onlyTaintedWithCredentials(merged)).toBe(true);
    addToNeed(merged, diagnosisOf({}), exchangeOf({}));
    expect(onlyTaintedWithCredentials(merged)).toBe(false);
  });

  it('names no single failure in its warnings', () => {
    expect(mergedFix('express', full, API).trap).not.toContain('The failing response');
  });

  it('warns against allowing null where a redirect tainted the origin, and only there', () => {
    expect(mergedFix('express', need({ origins: [PAGE], originTainted: true }), API).trap).toContain('Do not allow null as an origin');
    expect(mergedFix('express', full, API).trap).not.toContain('Do not allow null');
  });
});

// The snippets serving both kinds of request, with every part a need can add (a preflight's methods
// and headers, exposed headers): the JavaScript ones parse (TypeScript's parser), the Python ones
// compile (python3), as printed.
// Review s38 R (star-intranet.har): one request with Origin: null (no credentials) beside the page's
// own origin. The stacks that can answer * to null alone do, and keep the page origin and no
// credentials; the others send * to every request (their note says so).
describe('mergedFix, Origin: null without credentials beside a page origin', () => {
  const plain = need({ origins: [PAGE], originTainted: true, taintedPlain: true });
  it.each<[ServerStack, string[], string[]]>([
    ['nginx', ['    "null" "*";', `    "${PAGE}" "${PAGE}";`, 'add_header Access-Control-Allow-Origin $cors_allow_origin always;'], ['add_header Access-Control-Allow-Origin "*"', 'Credentials']],
    ['express', [`callback(null, origin === 'null' ? '*' : origin === '${PAGE}' ? origin : false)`, "The page's origin gets itself."], ['credentials: true', 'with credentials.']],
    ['koa', ["ctx.get('Origin') === 'null' ? '*'"], ['credentials: (']],
    // Caddy deletes the backend's -Credentials line (`-Access-Control-Allow-Credentials`), sets none.
    ['caddy', ['@cors_null header Origin null', `	Access-Control-Allow-Origin \`${PAGE}\``, '\t-Access-Control-Allow-Credentials'], ['Credentials true']],
    ['apache', ['SetEnvIf Origin "^null$" CORS_ALLOW_ORIGIN=*', 'CORS_ALLOW_ORIGIN=$0\n'], ['CREDENTIALS', 'with credentials']],
    ['flask', [`CORS(app, origins=["${PAGE}"])`, 'if request.headers.get("Origin") == "null":'], ['supports_credentials']],
    ['django', [`CORS_ALLOWED_ORIGINS = ["${PAGE}"]`, 'if request.headers.get("Origin") == "null":'], ['CORS_ALLOW_CREDENTIALS']],
    ['spring', ['.allowedOrigins("*")'], ['allowCredentials']],
  ])('%s', (stack, has, hasNot) => {
    const snippet = mergedFix(stack, plain, API).snippet;
    for (const phrase of has) expect(snippet).toContain(phrase);
    for (const phrase of hasNot) expect(snippet).not.toContain(phrase);
    expect(snippet).not.toContain('no more than any page could read');
  });
});

// Review s38 R (gen-expose.har): the words said the server's exposed headers and max-age were kept,
// and the plain headers for an unrecognised server carried neither.
it('the plain headers keep the server\'s exposed headers and max-age', () => {
  const kept = need({ origins: [PAGE], methods: ['PATCH'], server: { ...noServerAllows(), expose: ['X-Total-Count', 'ETag'], maxAge: 3600 } });
  const snippet = mergedFix(null, kept, API).snippet;
  expect(snippet).toMatch(/preflight[^]*Access-Control-Max-Age: 3600[^]*actual response[^]*Access-Control-Expose-Headers: X-Total-Count, ETag/);
  // Once: two lines combine to `3600, 3600`, which browsers cannot parse (the 5 s default then).
  expect(snippet.match(/Access-Control-Max-Age/g)).toHaveLength(1);
  expect(keptFromServerWords(kept)).toBe('exposed headers X-Total-Count, ETag; max-age 3600');
});

// Review s38 R (trunc70.har): what the server listed past the limit was left out in silence.
it('says how many of the server\'s values were left out past the limit', () => {
  const cut = need({ origins: [PAGE], server: { ...noServerAllows(), headers: ['x-a'], cut: ['h:x-b', 'h:x-c'] } });
  expect(keptFromServerWords(cut)).toBe('request headers x-a; but not 2 more methods or header names it listed (over 1024 of a kind): copy them from its current lines into the snippet');
});

describe('the configurations serving both kinds of request parse as printed', () => {
  const rich = need({ origins: [PAGE], methods: ['PUT'], headers: ['x-trace'], originTainted: true, taintedPlain: true, credentials: true, originCredentials: true });
  it.each(['express', 'fastify', 'koa'] as const)('%s', (stack) => {
    const out = ts.transpileModule(mergedFix(stack, rich, API).snippet, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect(out.diagnostics ?? []).toEqual([]);
  });
  it('flask, django', () => {
    const snippets = (['flask', 'django'] as const).map((stack) => mergedFix(stack, rich, API).snippet);
    for (const snippet of snippets) expect(snippet).toContain('"Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT"');
    const out = execFileSync('python3', ['-c', 'import json, sys\nfor s in json.load(sys.stdin): compile(s, "snippet", "exec")\nprint("ok")'], { input: JSON.stringify(snippets), encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });
});

// Review R7: requests from several page origins to one server. Each stack that can say it allows the
// list the capture saw, each origin answered with itself, never the request's Origin unchecked.
describe('mergedFix with several page origins', () => {
  const A = 'https://a.example';
  const B = 'https://b.example';
  const two = need({ origins: [A, B], credentials: true, originCredentials: true, methods: ['PUT'] });
  it.each<[ServerStack, string[]]>([
    ['express', ["origin: ['https://a.example', 'https://b.example'],"]],
    ['fastify', ["origin: ['https://a.example', 'https://b.example'],"]],
    ['hono', ["origin: ['https://a.example', 'https://b.example'],"]],
    ['nestjs', ["origin: ['https://a.example', 'https://b.example'],"]],
    ['koa', ["origin: (ctx) => (['https://a.example', 'https://b.example'].includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),"]],
    ['nginx', ['map $http_origin $cors_allow_origin {', '    "https://a.example" "https://a.example";', '    "https://b.example" "https://b.example";', 'add_header Access-Control-Allow-Origin $cors_allow_origin always;', 'add_header Access-Control-Allow-Credentials $cors_allow_credentials always;']],
    ['apache', ['SetEnvIf Origin "^https://a\\.example$" CORS_ALLOW_ORIGIN=$0 CORS_ALLOW_CREDENTIALS', 'SetEnvIf Origin "^https://b\\.example$" CORS_ALLOW_ORIGIN=$0 CORS_ALLOW_CREDENTIALS', 'Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN']],
    ['django', ['CORS_ALLOWED_ORIGINS = ["https://a.example", "https://b.example"]']],
    ['flask', ['origins=["https://a.example", "https://b.example"]']],
    ['spring', ['.allowedOrigins("https://a.example", "https://b.example")']],
    ['aspnet', ['.WithOrigins("https://a.example", "https://b.example")']],
    // Session 38: every other stack, each in its own list form.
    ['caddy', ['@cors_page_1 header Origin `https://a.example`', '@cors_page_2 header Origin `https://b.example`', 'header @cors_page_2 {\n\tAccess-Control-Allow-Origin `https://b.example`\n\tAccess-Control-Allow-Credentials true\n\tdefer\n}', 'header {\n\t-Access-Control-Allow-Origin\n\t-Access-Control-Allow-Credentials\n\t+Vary Origin']],
    ['iis', ['<add origin="https://a.example" allowCredentials="true" maxAge="600">', '<add origin="https://b.example" allowCredentials="true" maxAge="600">', 'failUnlistedOrigins="true"']],
    ['laravel', ["'allowed_origins' => ['https://a.example', 'https://b.example'],"]],
    ['rails', ["origins 'https://a.example', 'https://b.example'"]],
    ['go-rs-cors', ['AllowedOrigins: []string{"https://a.example", "https://b.example"},']],
    ['go-jub0bs-cors', ['Origins: []string{"https://a.example", "https://b.example"},']],
    ['nextjs', ["const ALLOWED_ORIGINS = ['https://a.example', 'https://b.example'];", "...(ALLOWED_ORIGINS.includes(origin) ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' } : {}),", "'Vary': 'Origin',", 'export function middleware(request) {\n  const CORS = corsHeaders(request);']],
    ['cloudflare', ["const ALLOWED_ORIGINS = ['https://a.example', 'https://b.example'];", 'async fetch(request, env, ctx) {\n    const CORS = corsHeaders(request);']],
    ['vercel', ["const ALLOWED_ORIGINS = ['https://a.example', 'https://b.example'];", "  if (ALLOWED_ORIGINS.includes(req.headers.origin)) {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n  }", "res.setHeader('Vary', 'Origin');"]],
    ['aws-api-gateway', ['"AllowOrigins": [\n    "https://a.example",\n    "https://b.example"\n  ],']],
    ['aws-s3', ['"AllowedOrigins": [\n        "https://a.example",\n        "https://b.example"\n      ],']],
    ['cloudfront', ['"AccessControlAllowOrigins": {\n              "Items": [\n                "https://a.example",\n                "https://b.example"\n              ]']],
  ])('%s lists both', (stack, phrases) => {
    const snippet = mergedFix(stack, two, API).snippet;
    for (const phrase of phrases) expect(snippet).toContain(phrase);
    // Never the request's Origin echoed unchecked.
    expect(snippet).not.toMatch(/origin: true|\$http_origin always|%\{HTTP:Origin\}|\{header\.Origin\}/);
  });
  it('no fixed Access-Control-Allow-Origin beside the list, where the list form picks it per request', () => {
    expect(mergedFix('caddy', two, API).snippet).not.toMatch(/^header \{\n\tAccess-Control-Allow-Origin/m);
    for (const stack of ['nextjs', 'cloudflare', 'vercel'] as const) expect(mergedFix(stack, two, API).snippet).not.toContain(`'Access-Control-Allow-Origin', '${A}'`);
  });
  it('the JS list forms parse (TypeScript parser)', () => {
    for (const stack of ['nextjs', 'cloudflare', 'vercel'] as const) {
      const out = ts.transpileModule(mergedFix(stack, two, API).snippet, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      expect(out.diagnostics ?? []).toEqual([]);
    }
  });
  it('the plain headers: the list, and the value said to be picked from it per request', () => {
    const snippet = mergedFix(null, two, API).snippet;
    expect(snippet).toContain(`#   ${A}\n#   ${B}`);
    expect(snippet).toContain("Access-Control-Allow-Origin: <the request's Origin, when it is one of those listed above>");
    expect(snippet).not.toContain(`Access-Control-Allow-Origin: ${A}`);
  });
  it('the Lambda function URL takes the same list as the HTTP API', () => {
    const fix = mergedFix('aws-api-gateway', two, API, 'request-id-only');
    expect(fix.tab).toBe('Lambda function URL');
    expect(JSON.parse(fix.snippet)).toMatchObject({ AllowOrigins: [A, B] });
  });
  it('API Gateway REST API: the OPTIONS answer picks from the list in a mapping template; the gateway responses, static, say they name the first', () => {
    const fix = mergedFix('aws-api-gateway', two, API, 'rest-api');
    const rest = JSON.parse(fix.snippet) as { paths: Record<string, { options: { 'x-amazon-apigateway-integration': { responses: { default: { responseParameters: Record<string, string>; responseTemplates: Record<string, string> } } } } }>; 'x-amazon-apigateway-gateway-responses': Record<string, { responseParameters: Record<string, string> }> };
    const answer = rest.paths['/{proxy+}']!.options['x-amazon-apigateway-integration'].responses.default;
    expect(answer.responseParameters['method.response.header.Access-Control-Allow-Origin']).toBeUndefined();
    expect(answer.responseParameters['method.response.header.Vary']).toBe("'Origin'");
    expect(answer.responseTemplates['application/json']).toContain("#if($origin == 'https://a.example' || $origin == 'https://b.example')\n#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end");
    expect(rest['x-amazon-apigateway-gateway-responses']['DEFAULT_4XX']!.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(`'${A}'`);
    expect(fix.trap).toContain(`they name the first, ${A}; for the other page origins the errors the gateway answers itself`);
  });
  it('Vercel: says vercel.json headers cannot hold the list', () => {
    expect(mergedFix('vercel', two, API).trap).toContain('several page origins need the check in this function');
  });
  it('one page origin: the single forms stay as they were', () => {
    const one = need({ origins: [A], credentials: true, originCredentials: true, methods: ['PUT'] });
    expect(mergedFix('caddy', one, API).snippet).toContain('header {\n\tAccess-Control-Allow-Origin `https://a.example`');
    expect(mergedFix('nextjs', one, API).snippet).toContain("'Access-Control-Allow-Origin': 'https://a.example',");
    expect(mergedFix('vercel', one, API).snippet).toContain("res.setHeader('Access-Control-Allow-Origin', 'https://a.example');");
    expect(mergedFix(null, one, API).snippet).toContain(`Access-Control-Allow-Origin: ${A}`);
  });
  it('nginx: no fixed Access-Control-Allow-Origin beside the map', () => {
    expect(mergedFix('nginx', two, API).snippet).not.toContain(`add_header Access-Control-Allow-Origin "${A}"`);
  });
  it('Caddy, both kinds of request and several origins: null gets *, each page origin its own block with credentials', () => {
    const snippet = mergedFix('caddy', need({ origins: [A, B], originTainted: true, taintedPlain: true, credentials: true, originCredentials: true }), API).snippet;
    for (const phrase of ['@cors_null header Origin null', '@cors_page_1 header Origin `https://a.example`', '@cors_page_2 header Origin `https://b.example`', 'header @cors_null {\n\tAccess-Control-Allow-Origin *\n\tdefer\n}', 'header @cors_page_1 {\n\tAccess-Control-Allow-Origin `https://a.example`\n\tAccess-Control-Allow-Credentials true']) {
      expect(snippet).toContain(phrase);
    }
    expect(snippet).toContain('Each page origin allowed gets itself, with credentials.');
  });
  it('both kinds of request and several origins: the callback tests the list', () => {
    const snippet = mergedFix('express', need({ origins: [A, B], originTainted: true, taintedPlain: true, credentials: true, originCredentials: true }), API).snippet;
    expect(snippet).toContain("callback(null, origin === 'null' ? '*' : ['https://a.example', 'https://b.example'].includes(origin) ? origin : false)");
  });
});

// Review s11: the server configuration listed the plain Access-Control-Allow-Origin only, where a
// request needed a private-network line on the preflight answer.
describe('mergedFix with private-network and Local Network Access requests', () => {
  it('an older Chromium asking for Access-Control-Allow-Private-Network: the need, the plain headers and the words carry it', () => {
    const merged = emptyNeed();
    const pna = caseFor('PreflightMissingAllowPrivateNetwork');
    addToNeed(merged, pna.diagnosis, pna.exchange);
    expect(merged.privateNetwork).toEqual([['Access-Control-Allow-Private-Network', 'true']]);
    const snippet = mergedFix(null, merged, API).snippet;
    expect(snippet).toContain('# On the OPTIONS preflight response:');
    expect(snippet).toContain('Access-Control-Allow-Private-Network: true');
    expect(localNetworkNeedWords(merged)).toEqual([expect.stringContaining('also send Access-Control-Allow-Private-Network: true')]);
  });
  it('a Local Network Access refusal: said, with no header offered for it', () => {
    const merged = emptyNeed();
    const lna = caseFor('LocalNetworkAccessPermissionDenied');
    addToNeed(merged, lna.diagnosis, lna.exchange);
    expect(merged.localNetworkAccess).toBe(true);
    expect(localNetworkNeedWords(merged)).toEqual([expect.stringContaining('the user must allow local network access')]);
  });
  it('neither: no words', () => {
    expect(localNetworkNeedWords(need({ origins: [PAGE] }))).toEqual([]);
  });
});

// The words say what the snippet does: the server's Allow-Credentials: true stays only where a page
// origin is named; requests that all came with Origin: null get `*`, which cannot carry it.
describe('keptFromServerWords and credentials', () => {
  it('a page origin named: kept', () => {
    const kept = keptFromServerWords(need({ origins: [PAGE], server: { ...noServerAllows(), credentials: true } }));
    expect(kept).toBe('credentials (Access-Control-Allow-Credentials: true)');
  });
  it('every request tainted (Origin: null), none credentialed: not kept, and the snippet sends * without it', () => {
    const tainted = need({ originTainted: true, taintedPlain: true, server: { ...noServerAllows(), credentials: true } });
    expect(keptFromServerWords(tainted)).toMatch(/^not its Access-Control-Allow-Credentials: true \(every request came with Origin: null/);
    const fix = mergedFix('nginx', tainted, API);
    expect(fix.snippet).toContain('"*"');
    expect(fix.snippet).not.toContain('Access-Control-Allow-Credentials');
  });
});

// Session 39's review: the nginx and Caddy lines go above the location's return (below Caddy's
// redir matcher); the merged configuration says so when one of its requests' preflights was redirected.
describe('mergedFix with a redirected preflight', () => {
  it('nginx and Caddy say where the redirect goes; a configuration without one does not', () => {
    const merged = emptyNeed();
    const redirected = caseFor('PreflightDisallowedRedirect');
    addToNeed(merged, redirected.diagnosis, redirected.exchange);
    expect(merged.preflightRedirected).toBe(true);
    expect(mergedFix('nginx', merged, API).snippet).toContain('# A preflight of these requests was answered with a redirect. If a return or rewrite');
    expect(mergedFix('caddy', merged, API).snippet).toContain('# A preflight of these requests was answered with a redirect. A redir in the site block');
    expect(mergedFix('nginx', need({ origins: [PAGE] }), API).snippet).not.toContain('answered with a redirect');
  });
});

// Session 39: the configuration says to replace the app's own CORS setup where its answers show the
// app sending the lines, and hedges it where the reading names the app only as one candidate.
describe('mergedFix and the layers sending CORS lines', () => {
  it('firm where the app sent them, hedged where it may have, nothing where another layer did', () => {
    const pages = need({ origins: [PAGE] });
    expect(mergedFix('express', pages, API, null, ['express']).snippet).toContain("This replaces the app's existing cors setup");
    const maybe = mergedFix('express', pages, API, null, [], ['nginx', 'express']).snippet;
    expect(maybe).toContain('If the app already calls app.use(cors(...)), replace that call');
    expect(maybe).not.toContain('This replaces');
    expect(mergedFix('express', pages, API, null, ['nginx']).snippet).not.toMatch(/This replaces|If the app already/);
  });
  // As the request's own fix: an OPTIONS answer that was not 2xx carried them, so cors() did not send them.
  it('names the code that set them where a refused OPTIONS answer carried them', () => {
    const merged = need({ origins: [PAGE] });
    const refused = caseFor('PreflightInvalidStatus');
    addToNeed(merged, refused.diagnosis, refused.exchange);
    expect(merged.corsOnRefusedPreflight).toBe(true);
    const snippet = mergedFix('express', merged, API, null, ['express']).snippet;
    expect(snippet).toContain("This replaces the code that sets the app's CORS headers now");
    expect(snippet).not.toContain('remove that app.use(cors(...)) call');
  });
});

// Session 40's review (#14): the demo API's merged configuration carried Access-Control-Max-Age "0"
// (its /fixed preflights answer 0; the refused requests' own answers carried none, so their fixes
// write 600) with no word of what 0 does or why the two differ. The server's 0 is kept (it may be
// deliberate), and said so.
describe('keptFromServerWords: the server\'s own max-age 0, and * beside credentials', () => {
  it('max-age 0 is kept in the snippet and said to turn the preflight cache off, beside the 600 of a request\'s own fix', () => {
    const zero = need({ origins: [PAGE], methods: ['PUT'], server: { ...noServerAllows(), maxAge: 0 } });
    expect(mergedFix('nginx', zero, API).snippet).toContain('add_header Access-Control-Max-Age "0" always;');
    expect(keptFromServerWords(zero)).toBe("max-age 0 (its own Access-Control-Max-Age: 0 turns the browser's preflight cache off, so each request that needs a preflight sends one every time; a single request's fix writes 600 where that request's answers carried no max-age: keep 0 if it is deliberate, else write 600 here too, and the browser reuses each preflight answer for 10 minutes)");
  });
  it('* in the server\'s lists with credentials: kept (a request without credentials relies on it), and said what it is for each kind', () => {
    const server = { ...noServerAllows(), headers: ['Content-Type', '*'], methods: ['*'], expose: ['*'], credentials: true };
    const withCredentials = keptFromServerWords(need({ origins: [PAGE], headers: ['x-a'], server }))!;
    expect(withCredentials).toContain('request headers Content-Type, * (its * stands for any header name but Authorization only for a request without credentials, and stays for those; for a request with credentials the browser reads it as the literal name *, so each header name such a request needs must be listed by name, as those this capture saw are)');
    expect(withCredentials).toContain('methods * (its * stands for any method only for a request without credentials');
    expect(withCredentials).toContain('exposed headers * (its * stands for any response header name only for a request without credentials');
    const snippet = mergedFix('nginx', need({ origins: [PAGE], headers: ['x-a'], server }), API).snippet;
    expect(snippet).toContain('add_header Access-Control-Allow-Headers "Content-Type, *, x-a" always;');
    // Without credentials * is the wildcard it looks like: nothing to say.
    const plain = keptFromServerWords(need({ origins: [PAGE], server: { ...server, credentials: false } }))!;
    expect(plain).toBe('methods *; request headers Content-Type, *; exposed headers *');
  });
});
