// The words for each ordering trap: one sentence for any server, and the detected stack's own
// fix where it has one. Keyed by the trap kind (data), so a diagnosis picks its words here only.

import type { ServerStack, TrapKind } from '../explanation.ts';

interface TrapWords {
  /** For any server; `seen` is the status or value that showed the trap. */
  any: (seen: string) => string;
  stacks: Partial<Record<ServerStack, string>>;
}

export const TRAP_WORDS: Record<TrapKind, TrapWords> = {
  'auth-before-preflight': {
    any: (seen) => `The preflight was answered ${seen}: authentication ran on it. The browser never sends cookies or Authorization with the OPTIONS preflight, so the CORS layer must answer it before any authentication.`,
    stacks: {
      express: 'Put app.use(cors(corsOptions)) above the auth middleware (passport, express-jwt, a session check): cors() then answers OPTIONS before auth runs.',
      fastify: 'Register @fastify/cors before the auth plugin; an onRequest auth hook runs for OPTIONS too: return early when request.method is OPTIONS.',
      koa: 'app.use(cors()) above the auth middleware (koa-jwt, koa-passport): @koa/cors answers OPTIONS itself.',
      hono: "app.use('*', cors()) before bearerAuth()/jwt(): Hono runs middleware in registration order.",
      nestjs: 'Use app.enableCors(): it answers OPTIONS before guards run. A global app.use() auth middleware registered first still sees it: skip OPTIONS there.',
      django: "Put 'corsheaders.middleware.CorsMiddleware' at the top of MIDDLEWARE, above any authentication middleware.",
      flask: 'A before_request auth hook runs before Flask-CORS answers: return None early when request.method == "OPTIONS".',
      spring: 'Add http.cors(Customizer.withDefaults()) to the SecurityFilterChain: Spring Security then lets the preflight through before authentication.',
      aspnet: 'Call app.UseCors() before app.UseAuthentication() and app.UseAuthorization().',
      rails: 'Insert Rack::Cors with insert_before 0, ahead of Warden/Devise and any auth middleware.',
      laravel: 'Keep HandleCors in the global middleware, not in a route group behind auth:sanctum.',
      'go-rs-cors': 'Wrap the auth middleware inside the CORS handler: c.Handler(auth(mux)), not auth(c.Handler(mux)).',
      'go-jub0bs-cors': 'Wrap the auth middleware inside the CORS middleware: corsMw.Wrap(auth(mux)).',
      nginx: 'Answer OPTIONS before auth_basic/auth_request run: "if ($request_method = OPTIONS) { ... return 204; }" returns in the rewrite phase, before access checks.',
      apache: 'Exempt the preflight from authentication: <LimitExcept OPTIONS> Require valid-user </LimitExcept>.',
      caddy: 'Answer the preflight in a route before basic_auth/forward_auth: @preflight method OPTIONS, then respond 204 with the headers.',
      cloudflare: 'In the Worker, answer OPTIONS before checking the token or cookie.',
      vercel: 'Vercel Deployment Protection or auth middleware answers 401: return 204 for OPTIONS first, or use a protection bypass for the API.',
      'aws-api-gateway': 'Set the OPTIONS method\'s authorization to NONE: an authorizer on OPTIONS refuses every preflight.',
    },
  },
  'options-not-routed': {
    any: (seen) =>
      `The preflight got ${seen}: no route answers OPTIONS at this URL. CORS set up on the GET/POST route alone never answers the preflight, and CORS headers added to every answer leave it a ${seen}: the OPTIONS request must get a 2xx with the CORS headers.`,
    stacks: {
      express: "cors() on single routes (app.get('/x', cors(), h)) does not answer OPTIONS: use app.use(cors(corsOptions)), or add app.options('/{*splat}', cors(corsOptions)).",
      fastify: '@fastify/cors registered inside an encapsulated plugin answers OPTIONS only for that plugin\'s routes: register it at the root (or with fastify-plugin).',
      koa: '@koa/router answers only the methods it has routes for: app.use(cors()) before app.use(router.routes()), then router.allowedMethods().',
      hono: "cors() mounted on a path that does not match the preflight's URL never runs: use app.use('*', cors()) or the API's prefix.",
      nestjs: 'CORS headers set in a controller never reach OPTIONS: use app.enableCors().',
      django: 'CORS_URLS_REGEX must match the path: an unmatched path goes to the view, which answers OPTIONS 405.',
      flask: 'A route registered with methods=["POST"] and provide_automatic_options=False answers OPTIONS 405: keep automatic OPTIONS, or use CORS(app) rather than @cross_origin on one view.',
      spring: '@CrossOrigin on one handler method covers only its mapping: use a global CorsRegistry (addMapping("/**")).',
      aspnet: '[EnableCors] on an action needs app.UseCors() between UseRouting() and UseEndpoints()/MapControllers(), or the preflight finds no endpoint.',
      rails: "rack-cors' resource pattern must match the path (resource '*' or '/api/*').",
      laravel: "'paths' in config/cors.php must match the path (api/* does not match /v1/...).",
      'go-rs-cors': 'A route registered with a method pattern ("GET /items") answers OPTIONS 405: wrap the whole mux with c.Handler(mux).',
      'go-jub0bs-cors': 'Register the CORS-wrapped handler on a method-less pattern (mux.Handle("/api/", corsMw.Wrap(api))): a "GET /items" pattern answers OPTIONS 405.',
      nginx: 'The backend has no OPTIONS route: answer OPTIONS in nginx ("if ($request_method = OPTIONS) { ... return 204; }").',
      apache: 'Answer OPTIONS in Apache: RewriteCond %{REQUEST_METHOD} OPTIONS, RewriteRule ^(.*)$ $1 [R=204,L], with Header always set.',
      caddy: 'Answer the preflight in Caddy: @preflight method OPTIONS, respond @preflight 204, with the header directives.',
      cloudflare: "The Worker passes OPTIONS to an origin that has no such route: answer it in the Worker.",
      vercel: 'A function that does not handle OPTIONS answers 405: answer it with 204 and the headers.',
      'aws-api-gateway': "There is no OPTIONS method on this resource: enable CORS on it (REST: the mock OPTIONS integration; HTTP API: the API's CORS configuration).",
    },
  },
  'error-without-cors': {
    any: (seen) => `The response was a ${seen} without the CORS headers, so the page sees a CORS error instead of the ${seen}. Fix the error, and send the CORS headers on error responses too.`,
    stacks: {
      express: 'An error handler or router registered before app.use(cors()) answers without the headers: move cors() first; the error handler goes last (after the routes).',
      fastify: 'Register @fastify/cors before the plugin whose hook throws: its onRequest hook must have run for the error response to carry the headers.',
      koa: "@koa/cors keeps its headers on errors (keepHeadersOnError, on by default) only for errors thrown after it: app.use(cors()) first, and don't turn keepHeadersOnError off.",
      hono: 'app.onError builds a new Response: copy the CORS headers onto it, or throw HTTPException after cors() ran.',
      nginx: 'add_header without "always" adds nothing to 4xx/5xx responses: add always to each CORS add_header.',
      apache: 'Header set adds nothing to error responses: use Header always set.',
      caddy: 'Errors handled in handle_errors skip the site\'s header directives: repeat them inside handle_errors.',
      django: 'Keep CorsMiddleware first in MIDDLEWARE: a middleware above it that returns early (or raises) answers without the headers.',
      spring: 'An error from Spring Security (401/403) is sent before CORS processing unless http.cors() is on.',
      aspnet: 'UseCors() must come before UseExceptionHandler()/UseStatusCodePages() answers, or error pages go out without the headers.',
      rails: 'Rack::Cors inserted with insert_before 0 wraps the errors rendered below it; inserted later, exceptions caught above it go out without the headers.',
      laravel: "Exceptions rendered before HandleCors runs (in a middleware above it) have no headers: keep HandleCors first in the global middleware.",
      'go-rs-cors': 'A panic-recovery or auth handler outside c.Handler(...) answers without the headers: wrap it inside.',
      'go-jub0bs-cors': 'A panic-recovery or auth handler outside corsMw.Wrap(...) answers without the headers: wrap it inside.',
      cloudflare: 'Add the CORS headers to every Response the Worker returns, error responses included.',
      vercel: 'Set the headers before the handler can throw (the wrapper does), or in vercel.json "headers".',
    },
  },
  'preflight-redirect-slash': {
    any: (seen) => `The preflight was redirected to ${seen}, only the trailing slash differs. A preflight cannot follow a redirect: call that URL directly.`,
    stacks: {
      django: 'APPEND_SLASH redirects /items to /items/: call the URL with its slash (a preflight cannot follow the redirect).',
      fastify: 'Set ignoreTrailingSlash: true in the Fastify options, or call the URL as the route is written.',
      flask: 'A route declared "/items/" redirects "/items": call it with the slash, or declare strict_slashes=False.',
      nginx: 'A location /api/ redirects /api to /api/: call the URL with the slash.',
      laravel: "Laravel's .htaccess redirects a trailing slash away: call the URL without it.",
    },
  },
  'preflight-redirect-https': {
    any: (seen) => `The preflight was redirected to ${seen}: http to https. A preflight cannot follow a redirect: call the https:// URL directly.`,
    stacks: {
      nginx: 'The port-80 server block returns 301 to https: call the https:// URL from the page.',
      rails: 'config.force_ssl redirects http to https: call the https:// URL from the page.',
      django: 'SECURE_SSL_REDIRECT redirects http to https: call the https:// URL from the page.',
    },
  },
  'origin-with-path': {
    any: (seen) => `The server allows ${seen}, which is not an origin: an origin has no path and no trailing slash. Configure it as scheme://host[:port] only.`,
    stacks: {
      express: "Write the cors origin option without the slash ('https://app.example', not 'https://app.example/').",
      fastify: "Write the @fastify/cors origin option without the slash or path.",
      koa: "Write the @koa/cors origin option without the slash or path.",
      hono: "Write the Hono cors origin option without the slash or path.",
      nestjs: 'Write the enableCors origin without the slash or path.',
      flask: 'Write the Flask-CORS origins without the slash or path.',
      spring: 'Write allowedOrigins without the slash or path.',
      aspnet: 'Write WithOrigins(...) without the slash or path.',
      rails: 'Write rack-cors origins without the slash or path.',
      laravel: "Write 'allowed_origins' without the slash or path.",
      nginx: 'Write the add_header Access-Control-Allow-Origin value without the slash or path.',
      apache: 'Write the Header always set Access-Control-Allow-Origin value without the slash or path.',
      caddy: 'Write the header Access-Control-Allow-Origin value without the slash or path.',
    },
  },
  'two-layers-allow-origin': {
    any: (seen) => `Access-Control-Allow-Origin was sent twice, by ${seen}: the browser refuses two values. Keep it in one layer and make the other stop sending it.`,
    // How each layer stops sending its copy.
    stacks: {
      nginx: 'In nginx: remove its add_header Access-Control-Allow-Origin (and the other CORS add_header lines), or keep nginx\'s and drop the app\'s with proxy_hide_header Access-Control-Allow-Origin.',
      apache: "In Apache: remove its Header set Access-Control-Allow-Origin, or keep Apache's and drop the app's with Header unset Access-Control-Allow-Origin before it (Header always unset for errors).",
      caddy: "In Caddy: remove its header Access-Control-Allow-Origin directive, or keep Caddy's and drop the app's with header_down -Access-Control-Allow-Origin in reverse_proxy.",
      express: 'In Express: remove app.use(cors()) (or the res.set of the header) if the proxy keeps it.',
      fastify: 'In Fastify: unregister @fastify/cors if the proxy keeps it.',
      koa: 'In Koa: remove app.use(cors()) if the proxy keeps it.',
      hono: "In Hono: remove app.use(cors()) if the proxy keeps it.",
      django: "In Django: remove CorsMiddleware if the proxy keeps it.",
      flask: 'In Flask: remove CORS(app) if the proxy keeps it.',
      spring: 'In Spring: remove the CORS configuration if the proxy keeps it.',
      cloudflare: "In Cloudflare: remove the response header Transform Rule or the Worker code that adds it, or keep Cloudflare's copy and set it in a Worker with headers.set (never append), which replaces the origin's.",
      cloudfront: "In CloudFront: set the lines in a response headers policy's CORS configuration with OriginOverride: true (they then replace the server's), not in a CloudFront Function or Lambda@Edge that adds them beside the server's; or take them out of CloudFront and let the server behind it answer.",
      'aws-api-gateway': "In API Gateway: with a proxy integration the backend's headers pass through, so configure CORS in the gateway or in the backend, not both.",
    },
  },
  'dev-proxy-host': {
    any: (seen) => `The page's own dev server passed the request to another server, which answered ${seen}: the proxy kept the dev server's Host header. A server behind a virtual host (nginx server_name, a PaaS, a CDN) routes by Host: set changeOrigin: true on the proxy (Vite server.proxy, webpack devServer.proxy).`,
    stacks: {},
  },
};
