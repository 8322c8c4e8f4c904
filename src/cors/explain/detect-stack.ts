// Server software recognised from response headers. Only signals that the software itself sends
// by default (or that are its documented fingerprint) are used; no guess from a single generic
// header. Gateways and storage first (they answer before any app), then app frameworks, then the
// web servers that often sit in front of them.

import type { HeaderList } from '../exchange.ts';
import type { ServerStack } from './explanation.ts';
import { headerLines, headerValue, splitList } from './facts.ts';

type Rule = { stack: ServerStack; test: (h: HeaderList) => boolean };

const has = (h: HeaderList, name: string): boolean => headerLines(h, name).length > 0;
const matches = (h: HeaderList, name: string, re: RegExp): boolean => headerLines(h, name).some((v) => re.test(v));

const RULES: Rule[] = [
  // API Gateway adds its request id (REST and HTTP APIs) and, for REST, x-amz-apigw-id.
  { stack: 'aws-api-gateway', test: (h) => has(h, 'x-amz-apigw-id') || has(h, 'x-amzn-requestid') || has(h, 'apigw-requestid') },
  { stack: 'aws-s3', test: (h) => matches(h, 'server', /^AmazonS3\b/i) || (has(h, 'x-amz-request-id') && has(h, 'x-amz-id-2')) },
  { stack: 'express', test: (h) => matches(h, 'x-powered-by', /^Express\b/i) },
  // Fastify sends no fingerprint by default; only an explicit one is trusted.
  { stack: 'fastify', test: (h) => matches(h, 'x-powered-by', /fastify/i) || matches(h, 'server', /fastify/i) },
  { stack: 'aspnet', test: (h) => matches(h, 'x-powered-by', /^ASP\.NET/i) || matches(h, 'server', /^(Kestrel|Microsoft-IIS)\b/i) || has(h, 'x-aspnet-version') || has(h, 'x-aspnetmvc-version') },
  {
    // Spring Boot 1.x sends X-Application-Context; Spring's CORS processing adds these three Vary
    // values together (DefaultCorsProcessor), which nothing else does by default.
    stack: 'spring',
    test: (h) => {
      if (has(h, 'x-application-context')) return true;
      const vary = splitList(headerValue(h, 'vary')).map((v) => v.toLowerCase());
      return ['origin', 'access-control-request-method', 'access-control-request-headers'].every((v) => vary.includes(v));
    },
  },
  // `manage.py runserver` is wsgiref's WSGIServer; Werkzeug is Flask's development server.
  { stack: 'django', test: (h) => matches(h, 'server', /^WSGIServer\//i) },
  { stack: 'flask', test: (h) => matches(h, 'server', /^Werkzeug\//i) },
  {
    // Django's default security middleware set, all four together (Django ≥ 4): X-Frame-Options
    // DENY, Referrer-Policy same-origin, Cross-Origin-Opener-Policy same-origin, nosniff. Helmet
    // (Express) sends SAMEORIGIN / no-referrer instead, so the set does not match it.
    stack: 'django',
    test: (h) =>
      matches(h, 'x-frame-options', /^DENY$/i) &&
      matches(h, 'referrer-policy', /^same-origin$/i) &&
      matches(h, 'cross-origin-opener-policy', /^same-origin$/i) &&
      matches(h, 'x-content-type-options', /^nosniff$/i),
  },
  { stack: 'caddy', test: (h) => matches(h, 'server', /^Caddy\b/i) },
  { stack: 'nginx', test: (h) => matches(h, 'server', /^(nginx|openresty)\b/i) },
  { stack: 'apache', test: (h) => matches(h, 'server', /^Apache\b/i) },
];

/** Every stack recognised in these headers, most specific first. */
export function detectStacks(headers: HeaderList): ServerStack[] {
  const found: ServerStack[] = [];
  for (const rule of RULES) if (!found.includes(rule.stack) && rule.test(headers)) found.push(rule.stack);
  return found;
}

export function detectStack(headers: HeaderList): ServerStack | null {
  return detectStacks(headers)[0] ?? null;
}
