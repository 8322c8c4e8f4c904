// Short names the panel shows for engine codes. Words for whole explanations come from `explain()`;
// these only label the panel's own controls, columns and badges.

import type { CheckName, CheckOutcome, CheckPhase, OriginDifference, Fix, PassThroughLayer } from '../cors/index.ts';
import type { RowClass } from './store/order.ts';

export const VERDICT_LABEL: Record<RowClass['verdict'], string> = {
  blocked: 'Blocked',
  'network-error': 'Network error',
  uncertain: 'Uncertain',
  'engine-error': 'Engine error',
  pending: 'Pending',
  allowed: 'Allowed',
  'not-cors': 'Not CORS',
};

/** The colour family of a verdict: red, amber, green or neutral. */
export const VERDICT_TONE: Record<RowClass['verdict'], 'bad' | 'warn' | 'good' | 'neutral'> = {
  blocked: 'bad',
  'network-error': 'warn',
  uncertain: 'warn',
  'engine-error': 'warn',
  pending: 'neutral',
  allowed: 'good',
  'not-cors': 'neutral',
};

export const CHECK_LABEL: Record<CheckName, string> = {
  'request-mode': 'Request mode allows a cross-origin URL',
  'cors-enabled-scheme': 'URL scheme supports CORS',
  'preflight-needed': 'Preflight needed',
  'preflight-cache': 'Preflight served from cache',
  'local-network-access': 'Page may reach this address space (Local Network Access)',
  'preflight-redirect': 'Preflight not redirected',
  'preflight-allow-origin': 'Preflight allows the origin',
  'preflight-allow-credentials': 'Preflight allows credentials',
  'preflight-ok-status': 'Preflight status is 2xx',
  'preflight-allow-methods-syntax': 'Allow-Methods is well-formed',
  'preflight-allow-headers-syntax': 'Allow-Headers is well-formed',
  'preflight-method': 'Preflight allows the method',
  'preflight-headers': 'Preflight allows the headers',
  'redirect-location': 'Redirect target is allowed',
  'redirect-mode': 'Redirect mode allows following',
  'allow-origin': 'Response allows the origin',
  'allow-credentials': 'Response allows credentials',
  network: 'Server reached',
};

export const OUTCOME_LABEL: Record<CheckOutcome, string> = { passed: 'Passed', failed: 'Failed', skipped: 'Not needed' };

export const PHASE_LABEL: Record<CheckPhase, string> = {
  request: 'request',
  preflight: 'preflight',
  redirect: 'redirect',
  response: 'response',
};

export const FIX_TARGET_LABEL: Record<Fix['target'], string> = {
  express: 'Express',
  fastify: 'Fastify',
  django: 'Django',
  flask: 'Flask',
  spring: 'Spring',
  aspnet: 'ASP.NET Core',
  iis: 'IIS (.NET Framework or PHP)',
  nginx: 'nginx',
  apache: 'Apache',
  caddy: 'Caddy',
  'aws-s3': 'Amazon S3',
  'aws-api-gateway': 'API Gateway',
  koa: 'Koa',
  hono: 'Hono',
  nestjs: 'NestJS',
  nextjs: 'Next.js',
  rails: 'Rails',
  laravel: 'Laravel',
  'go-rs-cors': 'Go rs/cors',
  'go-jub0bs-cors': 'Go jub0bs/cors',
  cloudflare: 'Cloudflare Worker',
  cloudfront: 'CloudFront',
  vercel: 'Vercel',
  generic: 'HTTP headers',
  'vite-proxy': 'Vite proxy',
  'webpack-proxy': 'webpack proxy',
};

/**
 * The layers that have no fix of their own (a CDN, a cache, a proxy), as the layers line names
 * them. `unknown` is a layer the headers do not name but that must be there: most often the app
 * behind a front server that alone names itself.
 */
export const PASS_THROUGH_LABEL: Record<PassThroughLayer, string> = {
  cloudfront: 'CloudFront',
  fastly: 'Fastly',
  varnish: 'Varnish',
  netlify: 'Netlify',
  heroku: 'Heroku',
  proxy: 'a proxy',
  unknown: 'an unnamed layer (often the app)',
};

/** How an allowed origin differs from the request's, as a short phrase. */
export const ORIGIN_DIFFERENCE_LABEL: Record<OriginDifference, string> = {
  scheme: 'the scheme',
  host: 'the host',
  port: 'the port',
  'default-port': 'the default port written out',
  'trailing-slash': 'a trailing slash',
  path: 'a path',
  case: 'letter case',
  'localhost-vs-loopback': 'localhost vs 127.0.0.1',
  list: 'several origins in one value',
  whitespace: 'whitespace',
  null: 'a null origin',
  invalid: 'not being an origin at all',
};
